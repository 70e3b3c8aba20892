"""Word vectors for a vocabulary: embedding matrices and word2vec training (chapter 4)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class WordVectors:
    """Words and their vectors, row ``i`` of ``vectors`` for ``words[i]``."""

    words: tuple[str, ...]
    vectors: np.ndarray
    index: dict[str, int]

    @classmethod
    def from_rows(cls, words: Sequence[str], vectors: np.ndarray) -> WordVectors:
        if vectors.ndim != 2 or len(words) != len(vectors) or len(set(words)) != len(words):
            raise ValueError(
                f"need one vector per distinct word, "
                f"got {len(words)} words and shape {vectors.shape}"
            )
        return cls(tuple(words), vectors, {word: i for i, word in enumerate(words)})

    @property
    def dim(self) -> int:
        return self.vectors.shape[1]


@dataclass(frozen=True)
class VocabularyVectors:
    """An embedding matrix for a vocabulary and which of its words had a vector."""

    matrix: np.ndarray
    has_vector: np.ndarray
    reserved: int

    @property
    def coverage(self) -> float:
        """The share of the (non-reserved) vocabulary that has a vector."""
        counted = self.has_vector[self.reserved :]
        return float(counted.mean()) if len(counted) else 0.0

    def missing(self, words: Sequence[str]) -> list[str]:
        """The non-reserved ``words`` (the vocabulary the matrix was built for) without a vector."""
        return [
            w
            for w, found in zip(words[self.reserved :], self.has_vector[self.reserved :])
            if not found
        ]

    def with_random_rows(self, seed: int) -> np.ndarray:
        """The matrix with every vector-less row but row 0 (padding) drawn at random.

        Each row is normal with the per-dimension mean and standard deviation of
        the rows that do have vectors, so random words look like real ones in scale.
        Fewer than two such rows give no spread to draw from: an error, not NaN rows.
        """
        known = self.matrix[self.has_vector]
        if len(known) < 2:
            raise ValueError(
                f"random rows need at least two words with vectors to take their mean and "
                f"spread from; this vocabulary has {len(known)}"
            )
        matrix = self.matrix.copy()
        fill = ~self.has_vector
        fill[0] = False
        rng = np.random.default_rng(seed)
        matrix[fill] = rng.normal(
            known.mean(0), known.std(0), size=(int(fill.sum()), self.matrix.shape[1])
        )
        return matrix


def embedding_matrix(
    vocabulary: Sequence[str], vectors: WordVectors, reserved: int = 2
) -> VocabularyVectors:
    """Row ``i`` holds the vector of ``vocabulary[i]``, zeros when it has none.

    The first ``reserved`` entries (padding and the unknown word) get zero rows
    and count neither as found nor in the coverage.
    """
    if not 0 <= reserved <= len(vocabulary):
        raise ValueError(f"reserved={reserved} is outside 0..{len(vocabulary)}")
    rows = np.array([vectors.index.get(word, -1) for word in vocabulary], dtype=np.int64)
    rows[:reserved] = -1
    has_vector = rows >= 0
    matrix = np.zeros((len(vocabulary), vectors.dim), dtype=np.float32)
    matrix[has_vector] = vectors.vectors[rows[has_vector]]
    return VocabularyVectors(matrix, has_vector, reserved)


def train_word2vec(
    token_lists: Sequence[Sequence[str]],
    dim: int = 300,
    epochs: int = 5,
    min_count: int = 2,
    seed: int = 0,
) -> WordVectors:
    """CBOW word2vec vectors (gensim) trained on ``token_lists``, deterministic.

    One worker thread: gensim's multi-threaded training is not reproducible.
    """
    from gensim.models import Word2Vec

    if not token_lists:
        raise ValueError("word2vec needs at least one token list")
    model = Word2Vec(
        sentences=[list(tokens) for tokens in token_lists],
        vector_size=dim,
        min_count=min_count,
        epochs=epochs,
        seed=seed,
        workers=1,
    )
    return WordVectors.from_rows(model.wv.index_to_key, model.wv.vectors.astype(np.float32))
