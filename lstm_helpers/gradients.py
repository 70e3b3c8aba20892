"""The gradient of a loss with respect to a model's inputs, on any backend (chapter 1).

Keras 3 has no backend-neutral gradient call, so this module holds the one
backend-specific piece the chapters need: TensorFlow records with a
``GradientTape``, JAX differentiates a pure function of the inputs.
"""

from __future__ import annotations

import keras
import numpy as np


def input_gradients(
    model: keras.Model, x: np.ndarray, y: np.ndarray, loss: keras.losses.Loss
) -> np.ndarray:
    """d loss(y, model(x)) / dx: an array shaped like ``x`` (the loss averages over the batch)."""
    x = np.asarray(x, dtype="float32")
    y = np.asarray(y, dtype="float32")
    if len(x) != len(y):
        raise ValueError(f"{len(x)} inputs for {len(y)} targets")
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        inputs = tf.constant(x)
        with tf.GradientTape() as tape:
            tape.watch(inputs)
            value = loss(y, model(inputs, training=False))
        return tape.gradient(value, inputs).numpy()
    if backend == "jax":
        import jax

        trainable = [v.value for v in model.trainable_variables]
        frozen = [v.value for v in model.non_trainable_variables]

        def value(inputs):
            outputs, _ = model.stateless_call(trainable, frozen, inputs, training=False)
            return loss(y, outputs)

        return np.asarray(jax.grad(value)(x))
    raise NotImplementedError(f"input_gradients supports tensorflow and jax, not {backend}")


def gradient_by_lag(model: keras.Model, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Mean norm of the binary cross-entropy's gradient w.r.t. each step's input, by lag.

    ``x`` is (batch, steps, features); entry ``k`` of the result belongs to the
    input ``k`` steps before the last one, the step whose output the model answers from.
    """
    if np.ndim(x) != 3:
        raise ValueError(f"x must be (batch, steps, features), got shape {np.shape(x)}")
    grads = input_gradients(model, x, y, keras.losses.BinaryCrossentropy())
    return np.linalg.norm(grads, axis=-1).mean(axis=0)[::-1]
