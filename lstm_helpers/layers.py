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
            [
                keras.ops.zeros((n,), dtype),
                keras.ops.full((n,), self.value, dtype),
                keras.ops.zeros((2 * n,), dtype),
            ]
        )

    def get_config(self) -> dict:
        return {"value": self.value}


@keras.saving.register_keras_serializable(package="lstm_helpers")
class PretrainedEmbedding(keras.layers.Layer):
    """A frozen embedding table with a few trainable rows, e.g. a learned unknown word (chapter 4).

    Row ``i`` of the output table is the frozen row ``i``, except for the ids in
    ``trainable_rows``, whose vectors are trained (starting from the frozen value).
    Build it with ``from_matrix``; saved models store the table as a weight.
    """

    def __init__(
        self,
        input_dim: int,
        output_dim: int,
        trainable_rows: tuple[int, ...] = (),
        mask_zero: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        rows = tuple(int(r) for r in trainable_rows)
        if any(not 0 <= r < input_dim for r in rows) or len(set(rows)) != len(rows):
            raise ValueError(f"trainable_rows {rows} must be distinct ids in 0..{input_dim - 1}")
        self.input_dim, self.output_dim, self.trainable_rows = input_dim, output_dim, rows
        self.mask_zero = mask_zero
        self.supports_masking = mask_zero
        slots = keras.ops.zeros((input_dim,), "int32")
        if rows:
            slots = keras.ops.scatter_update(
                slots, [[r] for r in rows], keras.ops.arange(1, len(rows) + 1, dtype="int32")
            )
        self._slots = slots

    @classmethod
    def from_matrix(
        cls, matrix, trainable_rows: tuple[int, ...] = (), mask_zero: bool = False, **kwargs
    ):
        layer = cls(*matrix.shape, trainable_rows=trainable_rows, mask_zero=mask_zero, **kwargs)
        layer.build(None)
        layer.table.assign(matrix)
        if layer.trainable_rows:
            layer.learned.assign(matrix[list(layer.trainable_rows)])
        return layer

    def build(self, input_shape) -> None:
        self.table = self.add_weight(
            shape=(self.input_dim, self.output_dim),
            initializer="zeros",
            trainable=False,
            name="table",
        )
        if self.trainable_rows:
            self.learned = self.add_weight(
                shape=(len(self.trainable_rows), self.output_dim),
                initializer="zeros",
                name="learned",
            )

    def call(self, ids):
        ids = keras.ops.cast(ids, "int32")
        vectors = keras.ops.take(self.table, ids, axis=0)
        if not self.trainable_rows:
            return vectors
        slots = keras.ops.take(self._slots, ids, axis=0)
        learned = keras.ops.concatenate(
            [keras.ops.zeros((1, self.output_dim), self.learned.dtype), self.learned]
        )
        return keras.ops.where(
            keras.ops.expand_dims(slots > 0, -1), keras.ops.take(learned, slots, axis=0), vectors
        )

    def compute_mask(self, ids, mask=None):
        return keras.ops.not_equal(ids, 0) if self.mask_zero else None

    def compute_output_shape(self, input_shape):
        return (*input_shape, self.output_dim)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "input_dim": self.input_dim,
            "output_dim": self.output_dim,
            "trainable_rows": self.trainable_rows,
            "mask_zero": self.mask_zero,
        }


@keras.saving.register_keras_serializable(package="lstm_helpers")
class PeepholeLSTMCell(keras.layers.Layer):
    """An LSTM cell whose gates also look at the cell state (Gers and Schmidhuber 2000; chapter 5).

    Use it as ``keras.layers.RNN(PeepholeLSTMCell(units))``. Weights follow Keras's
    LSTM layout (gate blocks i, f, g, o) plus ``peephole`` ``(3, units)``: the
    previous cell state feeds the input and forget gates, the new one the output
    gate. Peepholes start at zero, so an untrained cell is a plain LSTM. No fused
    kernel exists for it: it always runs step by step.
    """

    def __init__(self, units: int, **kwargs) -> None:
        super().__init__(**kwargs)
        if units < 1:
            raise ValueError(f"units must be positive, got {units}")
        self.units = units
        self.state_size = [units, units]
        self.output_size = units

    def build(self, input_shape) -> None:
        n = self.units
        self.kernel = self.add_weight(
            shape=(input_shape[-1], 4 * n), initializer="glorot_uniform", name="kernel"
        )
        self.recurrent_kernel = self.add_weight(
            shape=(n, 4 * n), initializer="orthogonal", name="recurrent_kernel"
        )
        self.bias = self.add_weight(shape=(4 * n,), initializer=ForgetBias(1.0), name="bias")
        self.peephole = self.add_weight(shape=(3, n), initializer="zeros", name="peephole")

    def call(self, inputs, states):
        h, c = states
        ops = keras.ops
        z = ops.matmul(inputs, self.kernel) + ops.matmul(h, self.recurrent_kernel) + self.bias
        zi, zf, zg, zo = ops.split(z, 4, axis=-1)
        i = ops.sigmoid(zi + self.peephole[0] * c)
        f = ops.sigmoid(zf + self.peephole[1] * c)
        c = f * c + i * ops.tanh(zg)
        h = ops.sigmoid(zo + self.peephole[2] * c) * ops.tanh(c)
        return h, [h, c]

    def get_config(self) -> dict:
        return {**super().get_config(), "units": self.units}


@keras.saving.register_keras_serializable(package="lstm_helpers")
class MaxMeanPooling1D(keras.layers.Layer):
    """The largest and the mean value of each feature over the unmasked steps (chapter 4).

    Maps ``(batch, steps, features)`` to ``(batch, 2 * features)``: the maxima, then the
    means. Padded steps (mask ``False``) count in neither; a sequence with no unmasked
    step gives zeros. Keras's ``GlobalMaxPooling1D`` ignores the mask, so padding's
    outputs could win the maximum.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        ops = keras.ops
        if mask is None:
            mask = ops.ones(ops.shape(inputs)[:2], "bool")
        keep = ops.expand_dims(ops.cast(mask, "bool"), -1)
        steps = ops.sum(ops.cast(keep, inputs.dtype), axis=1)
        largest = ops.max(ops.where(keep, inputs, ops.full_like(inputs, -1e9)), axis=1)
        largest = ops.where(steps > 0, largest, ops.zeros_like(largest))
        mean = ops.sum(ops.where(keep, inputs, 0.0), axis=1) / ops.maximum(steps, 1.0)
        return ops.concatenate([largest, mean], axis=-1)

    def compute_mask(self, inputs, mask=None):
        return None

    def compute_output_shape(self, input_shape):
        return (input_shape[0], 2 * input_shape[-1])
