"""Word tokens, a vocabulary with padding and unknown-word ids, and length statistics (chapter 4).

The tokenizer follows the Penn Treebank conventions that GloVe's vocabulary was
built with: lower case, clitics split off (``don't`` -> ``do n't``, ``it's`` ->
``it 's``), punctuation as separate tokens (``...`` and ``--`` whole), hyphenated words and
scores such as ``7/10`` kept whole.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

PAD, UNK = "<pad>", "<unk>"
_CLITIC = re.compile(r"(?<=[^\W_])(n't|'s|'m|'re|'ve|'ll|'d)\b")
_TOKEN = re.compile(r"n't|'(?:s|m|re|ve|ll|d)\b|[^\W_]+(?:[-./'][^\W_]+)*|\.\.\.|--|[^\w\s]|_")


def tokenize(text: str) -> list[str]:
    """Lower-cased word and punctuation tokens of ``text``."""
    text = text.lower().replace("\u2019", "'")
    return _TOKEN.findall(_CLITIC.sub(r" \1", text))


class Vocabulary:
    """Words by id: 0 is padding, 1 the unknown word, then words by falling frequency."""

    def __init__(self, words: Sequence[str]) -> None:
        if tuple(words[:2]) != (PAD, UNK) or len(set(words)) != len(words):
            raise ValueError(f"a vocabulary starts with {PAD!r}, {UNK!r} and has no repeated words")
        self.words = tuple(words)
        self.index = {word: i for i, word in enumerate(self.words)}

    @classmethod
    def build(
        cls, token_lists: Iterable[Sequence[str]], min_count: int = 1, max_size: int | None = None
    ) -> Vocabulary:
        """The words seen at least ``min_count`` times, most frequent first (ties alphabetical)."""
        if min_count < 1 or (max_size is not None and max_size < 2):
            raise ValueError(
                f"need min_count >= 1 and max_size >= 2, got {min_count} and {max_size}"
            )
        counts = Counter(token for tokens in token_lists for token in tokens)
        counts.pop(PAD, None), counts.pop(UNK, None)
        ranked = sorted(
            (word for word, n in counts.items() if n >= min_count), key=lambda w: (-counts[w], w)
        )
        words = [PAD, UNK, *ranked]
        return cls(words if max_size is None else words[:max_size])

    def __len__(self) -> int:
        return len(self.words)

    def encode(self, tokens: Sequence[str]) -> np.ndarray:
        """Token ids (int32), 1 for words outside the vocabulary."""
        return np.array([self.index.get(token, 1) for token in tokens], dtype=np.int32)

    def decode(self, ids: Iterable[int]) -> list[str]:
        """The words of ``ids``, padding left out."""
        return [self.words[i] for i in ids if i != 0]


def length_report(lengths: Sequence[int], maxlen: int) -> dict[str, float]:
    """How many sequences ``maxlen`` pads, fits exactly and truncates, and the mean length."""
    lengths = np.asarray(lengths)
    if lengths.ndim != 1 or not len(lengths) or maxlen < 1:
        raise ValueError("need a non-empty list of lengths and maxlen >= 1")
    return {
        "padded": int((lengths < maxlen).sum()),
        "equal": int((lengths == maxlen).sum()),
        "truncated": int((lengths > maxlen).sum()),
        "mean length": float(lengths.mean()),
    }


# The Kaggle article's replacements, in its order (chapter 6). Applied as plain
# substring replacements, as the article did: its "let’s" and "shan’t" use a curly
# apostrophe and never match the treebank's ASCII text, and "'s" -> " is" also turns
# possessives ("the film 's") into "the film is".
ARTICLE_REPLACEMENTS = {
    "i'm": "i am",
    "'re": " are",
    "let\u2019s": "let us",
    "'s": " is",
    "'ve": " have",
    "can't": "can not",
    "cannot": "can not",
    "shan\u2019t": "shall not",
    "n't": " not",
    "'d": " would",
    "'ll": " will",
    "'scuse": "excuse",
    ",": " ,",
    ".": " .",
    "!": " !",
    "?": " ?",
}


def article_clean(text: str) -> str:
    """Lower-case, expand contractions and split off punctuation as the Kaggle article did."""
    text = text.lower()
    for old, new in ARTICLE_REPLACEMENTS.items():
        text = text.replace(old, new)
    return " ".join(text.split())
