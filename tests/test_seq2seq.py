"""The teacher-forced encoder-decoder of chapter 2 and its step-by-step greedy decoder."""

import keras
import numpy as np
import pytest

from lstm_helpers.reference import lstm_parameters
from lstm_helpers.seq2seq import greedy_decode, shift_right, teacher_forced_model

N_CHARS, QUESTION, ANSWER, START = 6, 4, 3, 5


def one_hot(ids: np.ndarray) -> np.ndarray:
    return np.eye(N_CHARS, dtype="float32")[ids]


def recompute_decode(model: keras.Model, questions: np.ndarray) -> np.ndarray:
    """Greedy decoding the slow way: the whole model re-run for every output character."""
    previous = np.zeros((len(questions), ANSWER, N_CHARS), dtype="float32")
    previous[:, 0, START] = 1
    for step in range(ANSWER):
        probabilities = model.predict([questions, previous], verbose=0)
        if step + 1 < ANSWER:
            previous[:, step + 1] = one_hot(probabilities[:, step].argmax(-1))
    return probabilities


@pytest.fixture(scope="module")
def model():
    keras.utils.set_random_seed(1)
    return teacher_forced_model(QUESTION, ANSWER, N_CHARS, units=8)


@pytest.fixture(scope="module")
def questions():
    return one_hot(np.random.default_rng(0).integers(0, N_CHARS, (64, QUESTION)))


def test_shift_right_puts_the_start_symbol_first_and_drops_the_last_character():
    targets = one_hot(np.array([[1, 2, 3]]))
    shifted = shift_right(targets, START)
    np.testing.assert_array_equal(shifted.argmax(-1), [[START, 1, 2]])
    np.testing.assert_array_equal(targets.argmax(-1), [[1, 2, 3]])  # the input is left alone


@pytest.mark.parametrize(
    "targets, start, message",
    [
        (np.zeros((2, 3)), 0, "shape \\(n, length, n_chars\\)"),
        (np.zeros((2, 3, N_CHARS)), N_CHARS, "outside the 6 characters"),
    ],
)
def test_shift_right_rejects_bad_input(targets, start, message):
    with pytest.raises(ValueError, match=message):
        shift_right(targets, start)


def test_model_shapes_and_size(model):
    assert model.output.shape == (None, ANSWER, N_CHARS)
    expected = (
        2 * lstm_parameters(N_CHARS, 8) + lstm_parameters(N_CHARS, 16) + 16 * N_CHARS + N_CHARS
    )
    assert model.count_params() == expected


def test_step_by_step_decoding_matches_rerunning_the_whole_model(model, questions):
    fast = greedy_decode(model, questions, ANSWER, START, batch_size=16)
    slow = recompute_decode(model, questions)
    np.testing.assert_array_equal(fast.argmax(-1), slow.argmax(-1))
    np.testing.assert_allclose(fast, slow, atol=1e-6)
    assert len(np.unique(fast.argmax(-1))) > 1, (
        "an untrained model that answers one character proves little"
    )


def test_a_trained_model_decodes_its_task():
    # Copy the first three characters of the question; learnable in a few epochs.
    keras.utils.set_random_seed(0)
    ids = np.random.default_rng(1).integers(0, START, (2_000, QUESTION))
    x, y = one_hot(ids), one_hot(ids[:, :ANSWER])
    model = teacher_forced_model(QUESTION, ANSWER, N_CHARS, units=16)
    model.compile(keras.optimizers.Adam(1e-2), "categorical_crossentropy")
    model.fit([x, shift_right(y, START)], y, batch_size=64, epochs=8, verbose=0)
    answers = greedy_decode(model, x[:200], ANSWER, START).argmax(-1)
    assert np.mean((answers == ids[:200, :ANSWER]).all(axis=1)) > 0.9


@pytest.mark.parametrize(
    "shape, length, start, message",
    [
        ((2, QUESTION + 1, N_CHARS), ANSWER, START, "expected questions of shape \\(n, 4, 6\\)"),
        ((2, QUESTION), ANSWER, START, "expected questions"),
        ((2, QUESTION, N_CHARS), 0, START, "output_length must be 1 to 3"),
        ((2, QUESTION, N_CHARS), ANSWER + 1, START, "output_length must be 1 to 3"),
        ((2, QUESTION, N_CHARS), ANSWER, N_CHARS, "start_index 6 is outside"),
    ],
)
def test_greedy_decode_rejects_bad_input(model, shape, length, start, message):
    with pytest.raises(ValueError, match=message):
        greedy_decode(model, np.zeros(shape, dtype="float32"), length, start)
