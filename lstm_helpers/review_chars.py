"""Reviews as fixed-length sequences of character ids (chapter 5)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

PAD, UNK = "PAD", "UNK"
# The article's valid characters: lower-case letters, the digits 1-9 (0 is missing),
# eight punctuation marks and the space.
ARTICLE_VALID = "abcdefghijklmnopqrstuvwxyz123456789\"'?!.,:; "
VALID = "abcdefghijklmnopqrstuvwxyz0123456789\"'?!.,:; "


class CharVocabulary:
    """Symbol ids: 0 is PAD, 1 is UNK (any character outside ``valid``), then ``valid`` in order."""

    def __init__(self, valid: str = VALID) -> None:
        if not valid or len(set(valid)) != len(valid):
            raise ValueError("valid characters must be a non-empty string without repeats")
        self.symbols = (PAD, UNK, *valid)
        self.index = {symbol: i for i, symbol in enumerate(self.symbols)}
        self._ascii = np.ones(128, dtype=np.int32)
        for char in valid:
            if ord(char) >= 128:
                raise ValueError(f"valid characters must be ASCII, got {char!r}")
            self._ascii[ord(char)] = self.index[char]

    def __len__(self) -> int:
        return len(self.symbols)

    def encode(
        self, texts: Sequence[str], maxlen: int, padding: str = "post", truncating: str = "post"
    ) -> np.ndarray:
        """``(len(texts), maxlen)`` ids of the lower-cased texts.

        Longer texts keep their first ``maxlen`` characters (``truncating="post"``,
        the article's choice) or their last (``"pre"``). Shorter texts are filled
        with PAD after the text (``padding="post"``, the article's) or before it.
        """
        if maxlen < 1 or padding not in ("post", "pre") or truncating not in ("post", "pre"):
            raise ValueError(
                f"need maxlen >= 1 and 'post' or 'pre', got {maxlen}, {padding!r}, {truncating!r}"
            )
        ids = np.zeros((len(texts), maxlen), dtype=np.int32)
        for row, text in enumerate(texts):
            kept = text.lower()[:maxlen] if truncating == "post" else text.lower()[-maxlen:]
            codes = np.frombuffer(kept.encode("utf-32-le"), dtype=np.uint32)
            encoded = np.where(codes < 128, self._ascii[np.minimum(codes, 127)], 1)
            if padding == "post":
                ids[row, : len(encoded)] = encoded
            else:
                ids[row, maxlen - len(encoded) :] = encoded
        return ids

    def decode(self, ids: Sequence[int]) -> str:
        """The characters of ``ids``, PAD left out and UNK shown as ``¤``."""
        return "".join("\u00a4" if i == 1 else self.symbols[i] for i in ids if i != 0)
