"""GloVe vectors from the PyPI package and the embedding-matrix helper."""

import numpy as np
import pytest

from lstm_helpers.glove import embedding_matrix, load_glove


def test_vectors_are_the_official_ones():
    glove = load_glove()
    assert glove.vectors.shape == (400_000, 50)
    assert glove.words[:4] == ("the", ",", ".", "of")
    np.testing.assert_allclose(glove.vectors[glove.index["the"]][:3], [0.418, 0.24968, -0.41242])


def test_embedding_matrix_rows_and_coverage():
    glove = load_glove()
    result = embedding_matrix(["", "[UNK]", "movie", "xqzzyq", "good"], reserved=2)
    assert result.matrix.shape == (5, 50) and result.matrix.dtype == np.float32
    assert not result.matrix[:2].any() and not result.matrix[3].any()
    np.testing.assert_array_equal(result.matrix[2], glove.vectors[glove.index["movie"]])
    assert result.missing == ("xqzzyq",)
    assert result.coverage == pytest.approx(2 / 3)


def test_reserved_outside_the_vocabulary_is_an_error():
    with pytest.raises(ValueError, match="reserved=3 is outside 0..2"):
        embedding_matrix(["a", "b"], reserved=3)
