"""Naive Bayes log-count ratios of words and word pairs, per review and per token (chapter 4).

Wang and Manning's NBSVM (2012) scales each binary word and word-pair feature of a review
by its log-count ratio ``r = log(p / |p|_1) - log(q / |q|_1)``, with ``p`` and ``q`` the
feature's counts in positive and negative training reviews plus one. The same ratios,
looked up token by token, are evidence an LSTM can read beside each word's vector.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer


def words_and_pairs(tokens: Sequence[str]) -> list[str]:
    """The tokens followed by each pair of neighbours, ``"not bad"``."""
    return [*tokens, *(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))]


def log_count_ratio(counts: sparse.spmatrix, labels: np.ndarray) -> np.ndarray:
    """Each feature's log-count ratio from binary ``counts`` (reviews x features), 0/1 labels."""
    labels = np.asarray(labels)
    if counts.shape[0] != len(labels):
        raise ValueError(f"{counts.shape[0]} rows of counts but {len(labels)} labels")
    if not np.isin(labels, (0, 1)).all() or len(np.unique(labels)) != 2:
        raise ValueError("labels must be 0 and 1, with both present")
    counts = sparse.csr_matrix(counts)
    p = 1 + np.asarray(counts[labels == 1].sum(axis=0)).ravel()
    q = 1 + np.asarray(counts[labels == 0].sum(axis=0)).ravel()
    return np.log(p / p.sum()) - np.log(q / q.sum())


class NaiveBayesEvidence:
    """Log-count ratios of the words and word pairs seen in ``min_count`` training reviews.

    ``review_features`` gives NBSVM's scaled bag of words; ``token_features`` gives, for
    each token, the ratio of the word and of the pair that ends there (0 for features
    not in the table). ``out_of_fold_token_features`` gives the training reviews' own
    token features with ratios counted on the other ``folds`` (every ``folds``-th
    review forms a fold), so that a model trained on them sees evidence as noisy as it
    will be on new reviews rather than ratios that already know each review's label.
    """

    def __init__(
        self,
        tokens: Sequence[Sequence[str]],
        labels: np.ndarray,
        min_count: int = 2,
        folds: int = 5,
    ) -> None:
        if folds < 2:
            raise ValueError(f"folds must be 2 or more, not {folds}")
        self.counter = CountVectorizer(analyzer=words_and_pairs, min_df=min_count, binary=True)
        self.counts = self.counter.fit_transform(tokens).tocsr()
        self.labels = np.asarray(labels)
        self.ratio = log_count_ratio(self.counts, self.labels)
        self.folds = folds
        self._index = self.counter.vocabulary_

    def __len__(self) -> int:
        return len(self.ratio)

    def review_features(self, tokens: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Each review's binary word and word-pair features scaled by their ratios."""
        return self.counter.transform(tokens).multiply(self.ratio).tocsr()

    def token_features(
        self, tokens: Sequence[Sequence[str]], ratio: np.ndarray | None = None
    ) -> list[np.ndarray]:
        """Per review, a ``(len(review), 2)`` float32 array: the word's and the pair's ratio."""
        table = np.append(self.ratio if ratio is None else ratio, 0.0).astype("float32")
        absent = len(table) - 1
        features = []
        for review in tokens:
            words = [self._index.get(word, absent) for word in review]
            pairs = [self._index.get(f"{a} {b}", absent) for a, b in zip(review, review[1:])]
            pairs = [absent, *pairs][: len(review)]  # no pair ends at the first token
            features.append(np.stack([table[words], table[pairs]], axis=-1).reshape(-1, 2))
        return features

    def out_of_fold_token_features(self, tokens: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """``token_features`` of the training reviews, each with ratios from the other folds."""
        if len(tokens) != len(self.labels):
            raise ValueError(f"need the {len(self.labels)} training reviews, got {len(tokens)}")
        fold = np.arange(len(tokens)) % self.folds
        features: list[np.ndarray] = [np.empty((0, 2), "float32")] * len(tokens)
        for k in range(self.folds):
            others = fold != k
            ratio = log_count_ratio(self.counts[others], self.labels[others])
            mine = np.flatnonzero(~others)
            for i, review_features in zip(
                mine, self.token_features([tokens[i] for i in mine], ratio)
            ):
                features[i] = review_features
        return features
