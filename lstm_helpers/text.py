"""Word tokens and length statistics (chapter 4); a text's ids come from ``vocabulary``.

The tokenizer follows the Penn Treebank conventions that GloVe's vocabulary was
built with: lower case, clitics split off (``don't`` -> ``do n't``, ``it's`` ->
``it 's``), punctuation as separate tokens (``...`` and ``--`` whole), hyphenated words and
scores such as ``7/10`` kept whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

_CLITIC = re.compile(r"(?<=[^\W_])(n't|'s|'m|'re|'ve|'ll|'d)\b")
_TOKEN = re.compile(r"n't|'(?:s|m|re|ve|ll|d)\b|[^\W_]+(?:[-./'][^\W_]+)*|\.\.\.|--|[^\w\s]|_")


def tokenize(text: str) -> list[str]:
    """Lower-cased word and punctuation tokens of ``text``."""
    text = text.lower().replace("\u2019", "'")
    return _TOKEN.findall(_CLITIC.sub(r" \1", text))


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
