"""Character language models for language identification (chapter 3).

A model scores a string ``s`` by its log-likelihood ``sum_i log P(s_i | s_<i)``: each
character is predicted from at most ``maxlen`` characters before it (``order - 1`` for
an n-gram model), and the first one from an empty context. Test strings are random
substrings, so an empty context means "no text seen yet", not "start of the text": a
model must be trained on short contexts at every position. The LSTM sees them
right-aligned after all-zero one-hot rows; the n-gram model counts every context
length and interpolates between them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from lstm_helpers.vocabulary import PAD, Vocabulary


def char_vocabulary(*texts: str) -> Vocabulary:
    """The characters of ``texts``, sorted, after id 0 for padding: a closed set."""
    return Vocabulary(sorted(set("".join(texts))), reserved=(PAD,))


def one_hot_contexts(vocabulary: Vocabulary, contexts: Sequence[str], maxlen: int) -> np.ndarray:
    """``(n, maxlen, symbols)`` float32: each context right-aligned after zero rows."""
    return vocabulary.one_hot(vocabulary.encode(contexts, maxlen, padding="pre", truncating=None))


def one_hot_targets(vocabulary: Vocabulary, chars: Sequence[str]) -> np.ndarray:
    """``(n, len(vocabulary.symbols))`` one-hot rows for the characters to predict."""
    return vocabulary.one_hot(vocabulary.lookup(list(chars)))


def next_char_windows(
    text: str, maxlen: int, seed: int | None = None
) -> tuple[list[str], list[str]]:
    """Every position of ``text`` as (context, next character) pairs.

    With ``seed=None`` each context holds the ``maxlen`` characters before the position
    (positions with fewer are skipped), as in the classic Keras text-generation
    example. With a seed, each context is cut to a random length from 0 to ``maxlen``,
    so the model also learns to predict from short contexts and from none.
    """
    if seed is None:
        contexts = [text[i - maxlen : i] for i in range(maxlen, len(text))]
        return contexts, list(text[maxlen:])
    rng = np.random.default_rng(seed)
    lengths = rng.integers(0, maxlen + 1, size=len(text))
    contexts = [text[max(0, i - n) : i] for i, n in enumerate(lengths)]
    return contexts, list(text)


def every_context_windows(text: str, maxlen: int) -> tuple[list[str], list[str]]:
    """Every position of ``text`` with every context length from 0 to ``maxlen``.

    ``maxlen + 1`` training pairs per character (fewer near the start), the LSTM's
    counterpart of an n-gram model counting every context length.
    """
    contexts, targets = [], []
    for i, char in enumerate(text):
        for length in range(min(i, maxlen) + 1):
            contexts.append(text[i - length : i])
            targets.append(char)
    return contexts, targets


def prefix_contexts(strings: Sequence[str], maxlen: int) -> tuple[list[str], list[str]]:
    """For every character of every string, the context it is predicted from."""
    contexts, targets = [], []
    for string in strings:
        for i, char in enumerate(string):
            contexts.append(string[max(0, i - maxlen) : i])
            targets.append(char)
    return contexts, targets


Predictor = Callable[[np.ndarray], np.ndarray]
"""One-hot contexts (``one_hot_contexts``) -> next-character probabilities."""


def log_likelihoods(
    predict: Predictor, vocabulary: Vocabulary, strings: Sequence[str], maxlen: int
) -> np.ndarray:
    """``log P(string)`` under a next-character model, one value per string.

    ``predict`` maps encoded contexts to next-character probabilities (e.g. a Keras
    model's ``predict``). All strings must have the same length.
    """
    lengths = {len(string) for string in strings}
    if len(lengths) != 1:
        raise ValueError(f"strings must have one length, got {sorted(lengths)}")
    contexts, targets = prefix_contexts(strings, maxlen)
    probabilities = predict(one_hot_contexts(vocabulary, contexts, maxlen))
    columns = vocabulary.lookup(targets) - len(vocabulary.reserved)  # one_hot's column order
    picked = probabilities[np.arange(len(targets)), columns]
    return np.log(np.clip(picked, 1e-12, None)).reshape(len(strings), -1).sum(axis=1)


def sample_text(
    predict: Predictor,
    vocabulary: Vocabulary,
    maxlen: int,
    length: int,
    temperature: float,
    rng: np.random.Generator,
) -> str:
    """``length`` characters drawn one at a time from a next-character model.

    Each character is drawn from the model's distribution given the last ``maxlen``
    characters drawn so far (none at first), sharpened by ``temperature`` below 1 and
    flattened above: ``p ** (1 / temperature)``, renormalised.
    """
    if not temperature > 0:
        raise ValueError(f"temperature must be positive, not {temperature}")
    if length < 0:
        raise ValueError(f"length must be 0 or more, not {length}")
    text = ""
    for _ in range(length):
        probabilities = predict(one_hot_contexts(vocabulary, [text[-maxlen:]], maxlen))[0]
        logits = np.log(np.clip(probabilities, 1e-12, None)) / temperature
        weights = np.exp(logits - logits.max())
        text += vocabulary.symbols[rng.choice(len(weights), p=weights / weights.sum())]
    return text


def model_predictor(model, batch_size: int = 4_096) -> Predictor:
    """A Keras model's ``predict`` as a ``Predictor``, quietly and in large batches."""
    return lambda x: model.predict(x, batch_size=batch_size, verbose=0)


@dataclass(frozen=True)
class LikelihoodScorer:
    """Strings -> their log-likelihood under each language's next-character predictor."""

    predictors: Mapping[str, Predictor]
    vocabulary: Vocabulary
    maxlen: int

    @classmethod
    def of_models(cls, models: Mapping, vocabulary: Vocabulary, maxlen: int) -> LikelihoodScorer:
        """One Keras model per language."""
        return cls({code: model_predictor(m) for code, m in models.items()}, vocabulary, maxlen)

    def __call__(self, strings: Sequence[str]) -> dict[str, np.ndarray]:
        return {
            code: log_likelihoods(predict, self.vocabulary, strings, self.maxlen)
            for code, predict in self.predictors.items()
        }


def every_substring(text: str, lengths: Sequence[int]) -> list[str]:
    """Every substring of ``text`` of each of ``lengths`` (chapter 3's detector)."""
    if not lengths or min(lengths) < 1 or max(lengths) > len(text):
        raise ValueError(
            f"lengths must lie between 1 and len(text)={len(text)}, got {list(lengths)}"
        )
    return [
        text[start : start + length]
        for length in lengths
        for start in range(len(text) - length + 1)
    ]


def sample_strings(text: str, n: int, length: int, rng: np.random.Generator) -> list[str]:
    """``n`` random substrings of ``text`` of exactly ``length`` characters."""
    if len(text) < length:
        raise ValueError(f"text of {len(text)} characters has no substring of {length}")
    starts = rng.integers(0, len(text) - length + 1, size=n)
    return [text[start : start + length] for start in starts]


class NgramModel:
    """A character n-gram language model with Witten-Bell interpolation.

    ``order=1`` is a unigram model; order ``n`` predicts each character from the
    ``n - 1`` before it (fewer at the start of a string). Every context length is
    counted at every position, and each order's estimate is mixed with the next lower
    one, down to a uniform distribution over ``vocabulary``:
    ``P(c | h) = (N(h, c) + T(h) P(c | h')) / (N(h) + T(h))``, where ``N`` counts,
    ``T(h)`` is the number of distinct characters seen after ``h`` and ``h'`` is ``h``
    without its first character. The more varied the followers of a context, the more
    weight its shorter context gets.
    """

    def __init__(self, order: int, vocabulary: Sequence[str]) -> None:
        if order < 1:
            raise ValueError(f"order must be at least 1, got {order}")
        self.order = order
        self.vocabulary = sorted(set(vocabulary))
        self._known = frozenset(self.vocabulary)
        self.counts: Counter[tuple[str, str]] = Counter()
        self.context_counts: Counter[str] = Counter()
        self.followers: Counter[str] = Counter()
        self._distributions: dict[str, np.ndarray] = {}

    def _check_vocabulary(self, text: str) -> None:
        unknown = set(text) - self._known
        if unknown:
            raise ValueError(f"characters outside the vocabulary: {sorted(unknown)}")

    def fit(self, text: str) -> NgramModel:
        self._check_vocabulary(text)
        for context, char in zip(*every_context_windows(text, self.order - 1)):
            if not self.counts[context, char]:
                self.followers[context] += 1
            self.counts[context, char] += 1
            self.context_counts[context] += 1
        self._distributions.clear()
        return self

    def _cut(self, context: str) -> str:
        """The part of ``context`` the model reads: its last ``order - 1`` characters."""
        return context[max(0, len(context) - self.order + 1) :]

    def probability(self, context: str, char: str) -> float:
        """``P(char | context)``, the context cut to its last ``order - 1`` characters."""
        context = self._cut(context)
        self._check_vocabulary(context + char)
        return self._interpolated(context, char)

    def _interpolated(self, context: str, char: str) -> float:
        lower = self._interpolated(context[1:], char) if context else 1 / len(self.vocabulary)
        seen, distinct = self.context_counts[context], self.followers[context]
        if not seen:
            return lower
        return (self.counts[context, char] + distinct * lower) / (seen + distinct)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Next-character probabilities for one-hot contexts, like a Keras model's ``predict``.

        ``x`` is what ``one_hot_contexts`` makes over this model's vocabulary, so the
        model can stand wherever the LSTM's predictions do, e.g. in a mixture of the two
        (chapter 3). Each context is cut to its last ``order - 1`` characters.
        """
        if x.ndim != 3 or x.shape[2] != len(self.vocabulary):
            raise ValueError(
                f"expected one-hot contexts of shape (n, maxlen, {len(self.vocabulary)}), "
                f"got {x.shape}"
            )
        ones = x.sum(axis=2)
        if not np.isin(x, (0, 1)).all() or not np.isin(ones, (0, 1)).all():
            raise ValueError("every context position must be all zeros or one-hot")
        present = ones.astype(bool)
        if (np.diff(present.astype(int), axis=1) < 0).any():
            raise ValueError("contexts must be right-aligned: zero rows only before the characters")
        if not len(x):
            return np.empty((0, len(self.vocabulary)))
        # the last order - 1 positions, -1 where empty; each distinct context computed once
        read = np.where(present, x.argmax(axis=2), -1)[:, max(0, x.shape[1] - self.order + 1) :]
        distinct, inverse = np.unique(read, axis=0, return_inverse=True)
        table = np.stack(
            [
                self._distribution("".join(self.vocabulary[i] for i in row if i >= 0))
                for row in distinct
            ]
        )
        return table[inverse.reshape(-1)]

    def _distribution(self, context: str) -> np.ndarray:
        """``P(c | context)`` for every vocabulary character, computed once per context."""
        if context not in self._distributions:
            self._distributions[context] = np.array(
                [self._interpolated(context, c) for c in self.vocabulary]
            )
        return self._distributions[context]

    def log_prob(self, string: str) -> float:
        """``log P(string)``: every character from the ones before it, the first from none."""
        self._check_vocabulary(string)
        contexts, targets = prefix_contexts([string], self.order - 1)
        return sum(
            math.log(self._interpolated(context, char)) for context, char in zip(contexts, targets)
        )
