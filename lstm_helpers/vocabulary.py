"""One vocabulary for characters and words: symbols, their integer ids, padding (chapter 2).

Every chapter turns text into ids the same way. The reserved tokens come first: with the
default ``(PAD, UNK)``, id 0 pads (what ``Embedding(mask_zero=True)`` masks) and id 1
stands for any symbol outside the vocabulary; a vocabulary with ``reserved=()`` is a
closed set in which an unknown symbol is an error. The symbols follow in the order given,
or by falling frequency with ``Vocabulary.build``. A sequence is a string of
characters (each character one symbol) or a list of words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

PAD, UNK = "<pad>", "<unk>"
SIDES = ("post", "pre")


class Vocabulary:
    """Symbols by id: the ``reserved`` tokens (of ``PAD``, ``UNK``) first, then ``symbols``."""

    def __init__(self, symbols: Iterable[str], reserved: Sequence[str] = (PAD, UNK)) -> None:
        reserved, symbols = tuple(reserved), tuple(symbols)
        if not set(reserved) <= {PAD, UNK}:
            raise ValueError(f"reserved tokens are {PAD!r} and {UNK!r}, got {reserved}")
        tokens = reserved + symbols
        if not symbols or len(set(tokens)) != len(tokens):
            raise ValueError("a vocabulary needs at least one symbol and no symbol twice")
        self.tokens, self.reserved = tokens, reserved
        self.index = {token: i for i, token in enumerate(tokens)}
        self.unknown_id = self.index.get(UNK)
        self._chars = None
        if all(len(symbol) == 1 for symbol in symbols):  # a character table, for fast lookup
            self._chars = np.full(max(map(ord, symbols)) + 2, -1, dtype=np.int32)
            for symbol in symbols:
                self._chars[ord(symbol)] = self.index[symbol]

    @classmethod
    def build(
        cls,
        sequences: Iterable[Sequence[str]],
        min_count: int = 1,
        max_size: int | None = None,
        reserved: Sequence[str] = (PAD, UNK),
    ) -> Vocabulary:
        """The symbols seen at least ``min_count`` times, most frequent first (ties sorted).

        ``max_size`` caps the number of ids, reserved tokens included.
        """
        if min_count < 1 or (max_size is not None and max_size <= len(reserved)):
            raise ValueError(
                f"need min_count >= 1 and max_size > {len(reserved)}, "
                f"got {min_count} and {max_size}"
            )
        counts = Counter(symbol for sequence in sequences for symbol in sequence)
        for token in reserved:
            counts.pop(token, None)
        ranked = sorted(
            (s for s, n in counts.items() if n >= min_count), key=lambda s: (-counts[s], s)
        )
        return cls(ranked if max_size is None else ranked[: max_size - len(reserved)], reserved)

    def __len__(self) -> int:
        return len(self.tokens)

    @property
    def symbols(self) -> tuple[str, ...]:
        """The tokens after the reserved ones."""
        return self.tokens[len(self.reserved) :]

    def lookup(self, sequence: Sequence[str]) -> np.ndarray:
        """The ids of one sequence (int32); an unknown symbol is ``UNK``, or an error without it."""
        if isinstance(sequence, str) and self._chars is not None:
            codes = np.frombuffer(sequence.encode("utf-32-le"), dtype=np.uint32)
            ids = self._chars[np.minimum(codes, len(self._chars) - 1)]
        else:
            ids = np.array([self.index.get(symbol, -1) for symbol in sequence], dtype=np.int32)
        unknown = ids < 0
        if unknown.any():
            if self.unknown_id is None:
                raise ValueError(f"{sequence[int(np.argmax(unknown))]!r} is not in the vocabulary")
            ids[unknown] = self.unknown_id
        return ids

    def encode(
        self,
        sequences: Sequence[Sequence[str]],
        maxlen: int,
        padding: str = "post",
        truncating: str | None = "post",
        pad: str = PAD,
    ) -> np.ndarray:
        """``(len(sequences), maxlen)`` int32 ids, each sequence padded with ``pad``'s id.

        ``padding="post"`` puts the padding after the sequence (what keeps a masked LSTM
        cuDNN-compatible), ``"pre"`` before it. A longer sequence keeps its first ``maxlen``
        symbols (``truncating="post"``), its last (``"pre"``), or is an error (``None``).
        """
        if maxlen < 1 or padding not in SIDES or truncating not in (*SIDES, None):
            raise ValueError(
                f"need maxlen >= 1, padding 'post' or 'pre' and truncating 'post', 'pre' or "
                f"None, got {maxlen}, {padding!r} and {truncating!r}"
            )
        if pad not in self.index:
            raise ValueError(f"the padding token {pad!r} is not in the vocabulary")
        ids = np.full((len(sequences), maxlen), self.index[pad], dtype=np.int32)
        for row, sequence in enumerate(sequences):
            if len(sequence) > maxlen:
                if truncating is None:
                    raise ValueError(
                        f"{sequence!r} has {len(sequence)} symbols; maxlen is {maxlen}"
                    )
                sequence = sequence[:maxlen] if truncating == "post" else sequence[-maxlen:]
            encoded = self.lookup(sequence)
            if padding == "post":
                ids[row, : len(encoded)] = encoded
            else:
                ids[row, maxlen - len(encoded) :] = encoded
        return ids

    def decode(self, ids: Iterable[int]) -> list[str]:
        """The tokens of ``ids``, padding left out."""
        return [self.tokens[i] for i in ids if self.tokens[i] != PAD]

    def one_hot(self, ids: np.ndarray) -> np.ndarray:
        """float32 one-hot rows over ``symbols``; a reserved id gives an all-zero row."""
        ids = np.asarray(ids)
        if ids.size and (ids.min() < 0 or ids.max() >= len(self)):
            raise ValueError(f"ids must lie in 0..{len(self) - 1}")
        table = np.eye(len(self), dtype=np.float32)[:, len(self.reserved) :]
        return table[ids]
