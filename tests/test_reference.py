"""The NumPy LSTM against Keras, parameter formulas, initialiser, task and diagrams."""

import keras
import matplotlib
import numpy as np
import pytest

from lstm_helpers import diagrams, reference
from lstm_helpers.layers import ForgetBias
from lstm_helpers.tasks import first_sign_task

matplotlib.use("Agg")


@pytest.mark.parametrize(("inputs", "units", "steps"), [(1, 1, 1), (3, 8, 30), (20, 4, 50)])
def test_numpy_lstm_matches_keras(inputs, units, steps):
    keras.utils.set_random_seed(inputs + units)
    x = np.random.default_rng(units).standard_normal((3, steps, inputs)).astype("float32")
    layer = keras.layers.LSTM(
        units, return_sequences=True, return_state=True, bias_initializer="random_normal"
    )
    outputs, last_h, last_c = (keras.ops.convert_to_numpy(t) for t in layer(x))
    trace = reference.lstm_sequence(x, *layer.get_weights())
    np.testing.assert_allclose(trace.h, outputs, atol=1e-5)
    np.testing.assert_allclose(trace.c[:, -1], last_c, atol=1e-5)
    assert all(getattr(trace, gate).shape == (3, steps, units) for gate in "ifgoch")
    assert (trace.f > 0).all() and (trace.f < 1).all() and (np.abs(trace.g) < 1).all()


def test_step_rejects_weights_of_the_wrong_shape():
    with pytest.raises(
        ValueError, match=r"weights \(4, 8\), \(2, 8\), \(8,\) do not fit input size 3 and 2 units"
    ):
        reference.lstm_step(
            np.zeros((1, 3)),
            np.zeros((1, 2)),
            np.zeros((1, 2)),
            np.zeros((4, 8)),
            np.zeros((2, 8)),
            np.zeros(8),
        )


def test_sequence_needs_batch_time_features():
    with pytest.raises(
        ValueError, match=r"x must be \(batch, time, features\), got shape \(5, 3\)"
    ):
        reference.lstm_sequence(np.zeros((5, 3)), np.zeros((3, 4)), np.zeros((1, 4)), np.zeros(4))


def test_sigmoid_is_stable_for_large_inputs():
    np.testing.assert_allclose(reference.sigmoid(np.array([-1000.0, 0.0, 1000.0])), [0.0, 0.5, 1.0])


@pytest.mark.parametrize(("m", "n"), [(300, 50), (46, 20), (1, 1), (50, 50)])
def test_parameter_formulas_match_keras(m, n):
    def count(layer):
        return keras.Sequential([keras.Input((None, m)), layer]).count_params()

    assert reference.lstm_parameters(m, n) == count(keras.layers.LSTM(n))
    assert reference.gru_parameters(m, n, reset_after=True) == count(keras.layers.GRU(n))
    assert reference.gru_parameters(m, n, reset_after=False) == count(
        keras.layers.GRU(n, reset_after=False)
    )


def test_article_figures():
    assert reference.lstm_parameters(300, 50) == 70_200
    assert reference.lstm_parameters(46, 20) == 5_360


def test_forget_bias_sets_only_the_forget_block():
    bias = keras.ops.convert_to_numpy(ForgetBias(3.0)((12,)))
    np.testing.assert_array_equal(bias, [0] * 3 + [3] * 3 + [0] * 6)
    layer = keras.layers.LSTM(3, unit_forget_bias=False, bias_initializer=ForgetBias(2.5))
    layer.build((None, None, 2))
    assert layer.get_weights()[2][3:6].tolist() == [2.5] * 3
    assert ForgetBias.from_config(ForgetBias(2.5).get_config()).value == 2.5
    with pytest.raises(ValueError, match=r"an LSTM bias has shape \(4 \* units,\), got \(10,\)"):
        ForgetBias(1.0)((10,))


def test_first_sign_task():
    x, y = first_sign_task(n=500, length=7, seed=3)
    assert x.shape == (500, 7, 2) and y.shape == (500,)
    np.testing.assert_array_equal(x[:, 0, 0], 2 * y - 1)
    assert (x[:, 0, 1] == 1).all() and (x[:, 1:, 1] == 0).all()
    assert 0.4 < y.mean() < 0.6
    np.testing.assert_array_equal(first_sign_task(n=500, length=7, seed=3)[0], x)
    with pytest.raises(ValueError, match="n and length must be positive"):
        first_sign_task(n=0, length=5, seed=0)


@pytest.mark.parametrize(
    ("draw", "parts"),
    [(diagrams.lstm_cell, diagrams.LSTM_PARTS), (diagrams.gru_cell, diagrams.GRU_PARTS)],
)
def test_every_highlight_draws(draw, parts):
    for part in (None, *parts):
        figure = draw(part)
        assert figure.axes and figure.axes[0].texts
        matplotlib.pyplot.close(figure)


def test_unknown_highlight_and_too_few_steps():
    with pytest.raises(
        ValueError, match="highlight must be one of concat, forget, input, cell, output or None"
    ):
        diagrams.lstm_cell("memory")
    with pytest.raises(ValueError, match="unroll at least 2 steps"):
        diagrams.unrolled_rnn(1)


def test_peephole_diagram_adds_dashed_connections():
    plain, peephole = diagrams.lstm_cell(), diagrams.lstm_cell(peephole=True)
    dashed = [line for line in peephole.axes[0].lines if line.get_linestyle() == "--"]
    assert len(dashed) == 6 and not [
        line for line in plain.axes[0].lines if line.get_linestyle() == "--"
    ]


def test_peephole_cell_matches_its_equations():
    from lstm_helpers.layers import PeepholeLSTMCell

    keras.utils.set_random_seed(5)
    x = np.random.default_rng(5).standard_normal((2, 7, 3)).astype("float32")
    layer = keras.layers.RNN(PeepholeLSTMCell(4), return_sequences=True)
    layer.build(x.shape)
    kernel, recurrent_kernel, bias, peephole = layer.get_weights()
    peephole = np.random.default_rng(6).standard_normal(peephole.shape).astype("float32")
    layer.set_weights([kernel, recurrent_kernel, bias, peephole])
    h = reference.peephole_lstm_sequence(x, kernel, recurrent_kernel, bias, peephole)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(layer(x)), h, atol=1e-5)
    without = reference.lstm_sequence(x, kernel, recurrent_kernel, bias)
    assert np.abs(h - without.h).max() > 1e-2, "the peepholes change the output"
    zero = reference.peephole_lstm_sequence(
        x, kernel, recurrent_kernel, bias, np.zeros_like(peephole)
    )
    np.testing.assert_allclose(zero, without.h, atol=1e-6)


def test_untrained_peephole_cell_is_a_plain_keras_lstm():
    from lstm_helpers.layers import PeepholeLSTMCell

    x = np.random.default_rng(1).standard_normal((2, 5, 3)).astype("float32")
    peephole = keras.layers.RNN(PeepholeLSTMCell(4), return_sequences=True)
    plain = keras.layers.LSTM(4, return_sequences=True)
    peephole.build(x.shape), plain.build(x.shape)
    plain.set_weights(peephole.get_weights()[:3])
    assert peephole.count_params() == plain.count_params() + 3 * 4
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(peephole(x)), keras.ops.convert_to_numpy(plain(x)), atol=1e-5
    )


def test_peephole_weights_of_the_wrong_shape_are_an_error():
    with pytest.raises(
        ValueError, match=r"peephole weights have shape \(2, 2\), expected \(3, 2\)"
    ):
        reference.peephole_lstm_sequence(
            np.zeros((1, 4, 3)), np.zeros((3, 8)), np.zeros((2, 8)), np.zeros(8), np.zeros((2, 2))
        )
    from lstm_helpers.layers import PeepholeLSTMCell

    with pytest.raises(ValueError, match="units must be positive"):
        PeepholeLSTMCell(0)
