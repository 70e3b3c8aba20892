"""Input gradients (chapter 1's vanishing-gradient plot) against gradients worked out by hand."""

import keras
import numpy as np
import pytest
from keras import layers

from lstm_helpers.gradients import gradient_by_lag, input_gradients


def test_input_gradients_match_the_derivative_of_a_squared_error():
    w = np.array([[1.0], [-2.0], [0.5]], dtype="float32")
    model = keras.Sequential(
        [
            keras.Input((3,)),
            layers.Dense(1, use_bias=False, kernel_initializer=keras.initializers.Constant(w)),
        ]
    )
    x = np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 4.0]], dtype="float32")
    y = np.array([[0.5], [1.0]], dtype="float32")
    got = input_gradients(model, x, y, keras.losses.MeanSquaredError())
    # d/dx of mean_i (x_i . w - y_i)^2 is 2 (x_i . w - y_i) w / n for row i.
    expected = 2 * (x @ w - y) * w.T / len(x)
    np.testing.assert_allclose(got, expected, rtol=1e-6)


def test_gradient_by_lag_puts_the_last_step_first():
    # No recurrence: the answer depends on the last step only, so only lag 0 gets a gradient.
    model = keras.Sequential(
        [
            keras.Input((None, 2)),
            layers.SimpleRNN(1, kernel_initializer="ones", recurrent_initializer="zeros"),
            layers.Dense(1, activation="sigmoid"),
        ]
    )
    x = np.random.default_rng(0).normal(size=(8, 5, 2)).astype("float32")
    by_lag = gradient_by_lag(model, x, np.ones(8, dtype="float32"))
    assert by_lag.shape == (5,)
    assert by_lag[0] > 0
    np.testing.assert_array_equal(by_lag[1:], 0)


def test_bad_shapes_are_refused():
    model = keras.Sequential([keras.Input((None, 2)), layers.SimpleRNN(1), layers.Dense(1)])
    x = np.zeros((4, 3, 2), dtype="float32")
    with pytest.raises(ValueError, match="3 targets"):
        input_gradients(model, x, np.zeros(3), keras.losses.MeanSquaredError())
    with pytest.raises(ValueError, match="batch, steps, features"):
        gradient_by_lag(model, x[:, :, 0], np.zeros(4))
