"""Keras building blocks shared by chapters (each names the chapter that introduced it)."""

from __future__ import annotations

import keras


@keras.saving.register_keras_serializable(package="lstm_helpers")
class ForgetBias(keras.initializers.Initializer):
    """LSTM bias initialiser: ``value`` for the forget gate, zero elsewhere (chapter 1).

    With forget activation ``f = sigmoid(b)`` at the start of training, the cell keeps
    a share ``f**T`` of what it stored ``T`` steps ago: Keras's default ``b = 1``
    keeps 0.73 a step, ``b = 3`` keeps 0.95. Use with ``unit_forget_bias=False``.
    """

    def __init__(self, value: float) -> None:
        self.value = float(value)

    def __call__(self, shape, dtype=None):
        if len(shape) != 1 or shape[0] % 4:
            raise ValueError(f"an LSTM bias has shape (4 * units,), got {shape}")
        n = shape[0] // 4
        return keras.ops.concatenate(
            [keras.ops.zeros((n,), dtype), keras.ops.full((n,), self.value, dtype), keras.ops.zeros((2 * n,), dtype)]
        )

    def get_config(self) -> dict:
        return {"value": self.value}
