"""Character language models for language identification (chapter 3).

A model scores a string ``s`` by its log-likelihood ``sum_i log P(s_i | s_<i)``,
``P(s_1 | START)`` included: each character is predicted from at most ``maxlen``
characters before it, and from an empty context for the first one. Contexts shorter
than ``maxlen`` are left-padded (all-zero one-hot rows for the LSTM, a start symbol
for the n-gram models), so a model must be trained on short contexts too.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

import numpy as np

START = "\x02"


class Alphabet:
    """The characters a set of texts uses, with one-hot encoding of left-padded contexts."""

    def __init__(self, *texts: str) -> None:
        self.chars = sorted(set("".join(texts)))
        self.index = {char: i for i, char in enumerate(self.chars)}

    def __len__(self) -> int:
        return len(self.chars)

    def encode_contexts(self, contexts: Sequence[str], maxlen: int) -> np.ndarray:
        """``(n, maxlen, len(self))`` float32; each context right-aligned, zeros before it.

        Characters outside the alphabet are an error, never silently dropped.
        """
        x = np.zeros((len(contexts), maxlen, len(self)), dtype=np.float32)
        for row, context in enumerate(contexts):
            if len(context) > maxlen:
                raise ValueError(f"context {context!r} is longer than maxlen={maxlen}")
            for offset, char in enumerate(context):
                if char not in self.index:
                    raise ValueError(f"{char!r} is not in the alphabet")
                x[row, maxlen - len(context) + offset, self.index[char]] = 1
        return x

    def encode_targets(self, chars: Sequence[str]) -> np.ndarray:
        """``(n, len(self))`` one-hot rows for the characters to predict."""
        y = np.zeros((len(chars), len(self)), dtype=np.float32)
        y[np.arange(len(chars)), [self.index[char] for char in chars]] = 1
        return y


def next_char_windows(text: str, maxlen: int, seed: int | None = None) -> tuple[list[str], list[str]]:
    """Every position of ``text`` as (context, next character) pairs.

    With ``seed=None`` each context holds the ``maxlen`` characters before the position
    (positions with fewer are skipped), as in the classic Keras text-generation
    example. With a seed, each context is cut to a random length from 0 to ``maxlen``,
    so the model also learns to predict from short contexts and from none.
    """
    if seed is None:
        contexts = [text[i - maxlen:i] for i in range(maxlen, len(text))]
        return contexts, list(text[maxlen:])
    rng = np.random.default_rng(seed)
    lengths = rng.integers(0, maxlen + 1, size=len(text))
    contexts = [text[max(0, i - n):i] for i, n in enumerate(lengths)]
    return contexts, list(text)


def prefix_contexts(strings: Sequence[str], maxlen: int) -> tuple[list[str], list[str]]:
    """For every character of every string, the context it is predicted from."""
    contexts, targets = [], []
    for string in strings:
        for i, char in enumerate(string):
            contexts.append(string[max(0, i - maxlen):i])
            targets.append(char)
    return contexts, targets


def log_likelihoods(
    predict: Callable[[np.ndarray], np.ndarray], alphabet: Alphabet, strings: Sequence[str], maxlen: int
) -> np.ndarray:
    """``log P(string)`` under a next-character model, one value per string.

    ``predict`` maps encoded contexts to next-character probabilities (e.g. a Keras
    model's ``predict``). All strings must have the same length.
    """
    lengths = {len(string) for string in strings}
    if len(lengths) != 1:
        raise ValueError(f"strings must have one length, got {sorted(lengths)}")
    contexts, targets = prefix_contexts(strings, maxlen)
    probabilities = predict(alphabet.encode_contexts(contexts, maxlen))
    picked = probabilities[np.arange(len(targets)), [alphabet.index[char] for char in targets]]
    return np.log(np.clip(picked, 1e-12, None)).reshape(len(strings), -1).sum(axis=1)


def sample_strings(text: str, n: int, length: int, rng: np.random.Generator) -> list[str]:
    """``n`` random substrings of ``text`` of exactly ``length`` characters."""
    if len(text) < length:
        raise ValueError(f"text of {len(text)} characters has no substring of {length}")
    starts = rng.integers(0, len(text) - length + 1, size=n)
    return [text[start:start + length] for start in starts]


class NgramModel:
    """A character n-gram language model with add-``k`` smoothing.

    ``order=1`` is a unigram model; order ``n`` predicts each character from the
    ``n - 1`` before it, padding the start of a string with a start symbol.
    """

    def __init__(self, order: int, vocabulary: Sequence[str], k: float = 0.1) -> None:
        if order < 1:
            raise ValueError(f"order must be at least 1, got {order}")
        self.order, self.k = order, k
        self.vocabulary = sorted(set(vocabulary))
        self.counts: Counter[tuple[str, str]] = Counter()
        self.context_counts: Counter[str] = Counter()

    def _events(self, text: str) -> Iterator[tuple[str, str]]:
        """``(context, character)`` for every character, contexts start-padded to ``order - 1``."""
        padded = START * (self.order - 1) + text
        for i in range(self.order - 1, len(padded)):
            yield padded[i - self.order + 1:i], padded[i]

    def fit(self, text: str) -> NgramModel:
        for context, char in self._events(text):
            self.counts[context, char] += 1
            self.context_counts[context] += 1
        return self

    def log_prob(self, string: str) -> float:
        """``log P(string)``, the first ``order - 1`` characters from start-padded contexts."""
        size = len(self.vocabulary)
        return sum(math.log((self.counts[context, char] + self.k) / (self.context_counts[context] + self.k * size))
                   for context, char in self._events(string))
