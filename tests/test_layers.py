"""Keras building blocks: the partly trainable pre-trained embedding and the epoch timer."""

import keras
import numpy as np
import pytest

from lstm_helpers.layers import MaxMeanPooling1D, PretrainedEmbedding
from lstm_helpers.training import EpochTimer, fit_timed

MATRIX = np.arange(12, dtype="float32").reshape(4, 3)


def model_with(embedding):
    model = keras.Sequential(
        [keras.Input((3,), dtype="int32"), embedding, keras.layers.LSTM(2), keras.layers.Dense(1)]
    )
    model.compile(keras.optimizers.SGD(0.5), "mse")
    return model


def test_lookup_and_mask():
    layer = PretrainedEmbedding.from_matrix(MATRIX, mask_zero=True)
    ids = np.array([[2, 1, 0]])
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(layer(ids)), MATRIX[[[2, 1, 0]]])
    np.testing.assert_array_equal(
        keras.ops.convert_to_numpy(layer.compute_mask(ids)), [[True, True, False]]
    )
    assert PretrainedEmbedding.from_matrix(MATRIX).compute_mask(ids) is None


def test_only_the_named_rows_train():
    layer = PretrainedEmbedding.from_matrix(MATRIX, trainable_rows=(1,))
    assert [w.name for w in layer.trainable_weights] == ["learned"]
    model = model_with(layer)
    model.fit(np.array([[2, 1, 3]] * 8), np.full(8, 5.0), epochs=3, verbose=0)
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(layer.table), MATRIX)
    learned = keras.ops.convert_to_numpy(layer.learned)[0]
    assert not np.allclose(learned, MATRIX[1])
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(layer(np.array([[1, 2]])))[0], [learned, MATRIX[2]]
    )


def test_frozen_table_has_no_trainable_weights():
    assert PretrainedEmbedding.from_matrix(MATRIX).trainable_weights == []


def test_saved_model_reloads_with_the_same_predictions(tmp_path):
    model = model_with(
        PretrainedEmbedding.from_matrix(MATRIX, trainable_rows=(1, 3), mask_zero=True)
    )
    x = np.array([[3, 1, 0], [2, 2, 2]])
    model.save(tmp_path / "m.keras")
    reloaded = keras.saving.load_model(tmp_path / "m.keras")
    np.testing.assert_allclose(reloaded.predict(x, verbose=0), model.predict(x, verbose=0))


def test_max_mean_pooling_counts_only_unmasked_steps():
    steps = np.array(
        [[[1.0, -5.0], [3.0, -1.0], [9.0, 9.0]], [[-2.0, -4.0], [0.0, 0.0], [0.0, 0.0]]]
    )
    mask = np.array([[True, True, False], [True, False, False]])
    pooled = keras.ops.convert_to_numpy(MaxMeanPooling1D()(steps, mask=mask))
    np.testing.assert_allclose(pooled, [[3, -1, 2, -3], [-2, -4, -2, -4]])
    unmasked = keras.ops.convert_to_numpy(MaxMeanPooling1D()(steps))
    np.testing.assert_allclose(unmasked[1], [0, 0, -2 / 3, -4 / 3], rtol=1e-6)
    nothing = keras.ops.convert_to_numpy(MaxMeanPooling1D()(steps, mask=np.zeros((2, 3), bool)))
    np.testing.assert_array_equal(nothing, np.zeros((2, 4)))


def test_max_mean_pooling_takes_the_embedding_mask_in_a_model(tmp_path):
    model = keras.Sequential(
        [
            keras.Input((3,), dtype="int32"),
            PretrainedEmbedding.from_matrix(MATRIX, mask_zero=True),
            MaxMeanPooling1D(),
        ]
    )
    pooled = model.predict(np.array([[2, 1, 0]]), verbose=0)
    np.testing.assert_allclose(pooled, [[*MATRIX[2], *(MATRIX[1] + MATRIX[2]) / 2]])
    model.save(tmp_path / "m.keras")
    np.testing.assert_allclose(
        keras.saving.load_model(tmp_path / "m.keras").predict(np.array([[2, 1, 0]]), verbose=0),
        pooled,
    )


@pytest.mark.parametrize("rows", [(4,), (-1,), (1, 1)])
def test_bad_trainable_rows_are_an_error(rows):
    with pytest.raises(ValueError, match="must be distinct ids in 0..3"):
        PretrainedEmbedding(4, 3, trainable_rows=rows)


def test_fit_timed_returns_the_median_of_later_epochs():
    model = model_with(PretrainedEmbedding.from_matrix(MATRIX))
    history, seconds = fit_timed(model, np.array([[1, 2, 3]] * 4), np.ones(4), epochs=3, verbose=0)
    assert len(history.history["loss"]) == 3 and 0 < seconds < 60
    timer = EpochTimer()
    timer.seconds = [10.0, 1.0, 3.0, 2.0]
    assert timer.per_epoch == 2.0
    timer.seconds = [4.0]
    assert timer.per_epoch == 4.0
    with pytest.raises(ValueError, match="no epoch"):
        _ = EpochTimer().per_epoch
