"""Length-bucketed batches (chapter 6)."""

import keras
import numpy as np
import pytest

from lstm_helpers.batching import LengthBatches

SEQUENCES = [np.arange(1, n + 1, dtype=np.int32) for n in (3, 1, 12, 2, 9, 1, 20)]
LABELS = np.arange(7)


def test_batches_cover_every_sequence_once_padded_at_the_end():
    batches = LengthBatches(SEQUENCES, LABELS, batch_size=2, multiple=4)
    seen = []
    for i in range(len(batches)):
        x, y = batches[i]
        assert x.shape[1] % 4 == 0 and x.dtype == np.int32
        for row, label in zip(x, y):
            n = len(SEQUENCES[label])
            np.testing.assert_array_equal(row[:n], SEQUENCES[label])
            assert not row[n:].any() and x.shape[1] - n < 4 + x.shape[1] - max(
                len(SEQUENCES[k]) for k in y
            )
            seen.append(label)
    assert sorted(seen) == list(LABELS) and len(batches) == 4


def test_first_two_batches_differ_in_width_so_keras_keeps_the_width_open():
    for seed in (None, 0, 1):
        batches = LengthBatches(SEQUENCES, LABELS, batch_size=2, seed=seed, multiple=4)
        assert batches[0][0].shape[1] != batches[1][0].shape[1]


def test_a_model_trains_and_predicts_on_varying_widths():
    model = keras.Sequential(
        [
            keras.Input((None,), dtype="int32"),
            keras.layers.Embedding(30, 4, mask_zero=True),
            keras.layers.LSTM(3),
            keras.layers.Dense(7, activation="softmax"),
        ]
    )
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(
        LengthBatches(SEQUENCES, LABELS, batch_size=2, seed=0, multiple=4), epochs=2, verbose=0
    )
    batches = LengthBatches(SEQUENCES, batch_size=2, multiple=4)
    restored = batches.in_input_order(model.predict(batches, verbose=0))
    for i, sequence in enumerate(SEQUENCES):
        alone = model.predict(sequence[None, :], verbose=0)[0]
        np.testing.assert_allclose(restored[i], alone, atol=1e-5)


def test_epochs_redraw_shuffled_batches_reproducibly():
    first, second = (LengthBatches(SEQUENCES, LABELS, batch_size=2, seed=3) for _ in range(2))
    draws = []
    for batches in (first, second):
        epoch_one = [tuple(batches[i][1]) for i in range(len(batches))]
        batches.on_epoch_end()
        draws.append((epoch_one, [tuple(batches[i][1]) for i in range(len(batches))]))
    assert draws[0] == draws[1]


def test_bad_input_is_an_error():
    with pytest.raises(ValueError, match="no empty ones"):
        LengthBatches([np.array([1]), np.array([], dtype=np.int32)])
    with pytest.raises(ValueError, match="no empty ones"):
        LengthBatches([])
    with pytest.raises(ValueError, match="2 labels for 7 sequences"):
        LengthBatches(SEQUENCES, np.array([0, 1]))
    with pytest.raises(ValueError, match="must be positive"):
        LengthBatches(SEQUENCES, batch_size=0)
    with pytest.raises(ValueError, match="unshuffled"):
        LengthBatches(SEQUENCES, seed=0).in_input_order(np.zeros((7, 1)))
