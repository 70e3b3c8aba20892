"""NumPy reference implementations of recurrent cells and their parameter counts (chapter 1).

Keras stores an LSTM layer's weights as ``kernel`` (input -> 4 gates, shape
``(m, 4n)``), ``recurrent_kernel`` (previous output -> 4 gates, ``(n, 4n)``) and
``bias`` (``(4n,)``), the four blocks of ``n`` columns in the order
input gate ``i``, forget gate ``f``, candidate ``g`` (Keras calls it ``c``),
output gate ``o``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function, computed without overflow warnings."""
    return 0.5 * (1.0 + np.tanh(0.5 * x))


@dataclass(frozen=True)
class LSTMTrace:
    """Everything one LSTM layer computed over a sequence, each ``(batch, time, units)``."""

    i: np.ndarray
    f: np.ndarray
    g: np.ndarray
    o: np.ndarray
    c: np.ndarray
    h: np.ndarray


def lstm_step(
    x: np.ndarray,
    h: np.ndarray,
    c: np.ndarray,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    bias: np.ndarray,
) -> tuple[np.ndarray, ...]:
    """One LSTM step in Keras's layout: returns ``(h, c, i, f, g, o)`` for time ``t``.

    ``x`` is ``(batch, m)``, ``h`` and ``c`` are ``(batch, n)``.
    """
    n = h.shape[-1]
    if (
        kernel.shape != (x.shape[-1], 4 * n)
        or recurrent_kernel.shape != (n, 4 * n)
        or bias.shape != (4 * n,)
    ):
        raise ValueError(
            f"weights {kernel.shape}, {recurrent_kernel.shape}, {bias.shape} do not fit "
            f"input size {x.shape[-1]} and {n} units"
        )
    z = x @ kernel + h @ recurrent_kernel + bias
    i, f, g, o = (z[..., k * n : (k + 1) * n] for k in range(4))
    i, f, g, o = sigmoid(i), sigmoid(f), np.tanh(g), sigmoid(o)
    c = f * c + i * g
    h = o * np.tanh(c)
    return h, c, i, f, g, o


def lstm_sequence(
    x: np.ndarray, kernel: np.ndarray, recurrent_kernel: np.ndarray, bias: np.ndarray
) -> LSTMTrace:
    """Run an LSTM over ``x`` of shape ``(batch, time, m)`` from zero states."""
    if x.ndim != 3:
        raise ValueError(f"x must be (batch, time, features), got shape {x.shape}")
    n = recurrent_kernel.shape[0]
    h = np.zeros((x.shape[0], n))
    c = np.zeros((x.shape[0], n))
    steps = []
    for t in range(x.shape[1]):
        h, c, i, f, g, o = lstm_step(x[:, t], h, c, kernel, recurrent_kernel, bias)
        steps.append((i, f, g, o, c, h))
    stacked = [np.stack(parts, axis=1) for parts in zip(*steps)]
    return LSTMTrace(*stacked)


def lstm_parameters(m: int, n: int) -> int:
    """Weights of an LSTM layer with ``m`` inputs and ``n`` units: 4·(n·(m+n) + n)."""
    return 4 * (n * (m + n) + n)


def gru_parameters(m: int, n: int, reset_after: bool = True) -> int:
    """Weights of a GRU layer: 3·(n·(m+n) + n), plus another 3n biases when ``reset_after``."""
    return 3 * (n * (m + n) + n) + (3 * n if reset_after else 0)


def peephole_lstm_sequence(
    x: np.ndarray,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    bias: np.ndarray,
    peephole: np.ndarray,
) -> np.ndarray:
    """Outputs ``h`` ``(batch, time, n)`` of a peephole LSTM over ``x``, zero start (chapter 5).

    Gers and Schmidhuber's connections, ``peephole`` of shape ``(3, n)``: the
    previous cell state adds ``p_i * c`` and ``p_f * c`` to the input and forget
    gates, the new cell state ``p_o * c`` to the output gate. Weights otherwise as
    in :func:`lstm_step`.
    """
    n = recurrent_kernel.shape[0]
    if peephole.shape != (3, n):
        raise ValueError(f"peephole weights have shape {peephole.shape}, expected (3, {n})")
    h, c, outputs = np.zeros((x.shape[0], n)), np.zeros((x.shape[0], n)), []
    for t in range(x.shape[1]):
        z = x[:, t] @ kernel + h @ recurrent_kernel + bias
        i = sigmoid(z[:, :n] + peephole[0] * c)
        f = sigmoid(z[:, n : 2 * n] + peephole[1] * c)
        c = f * c + i * np.tanh(z[:, 2 * n : 3 * n])
        h = sigmoid(z[:, 3 * n :] + peephole[2] * c) * np.tanh(c)
        outputs.append(h)
    return np.stack(outputs, axis=1)
