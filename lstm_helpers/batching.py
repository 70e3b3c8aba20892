"""Batches of similar-length sequences, each padded only as far as it needs (chapter 6)."""

from __future__ import annotations

from collections.abc import Sequence

import keras
import numpy as np


class LengthBatches(keras.utils.PyDataset):
    """Integer sequences batched by length and post-padded with 0 to a multiple of ``multiple``.

    Short sequences no longer pay for the longest one: each batch is as wide as its
    longest member (rounded up, so a backend compiles a handful of shapes, not one
    per length). With a ``seed`` the batches are re-drawn every epoch (random order
    among sequences of equal length, random batch order); without one they keep
    the input sorted by length, and :meth:`in_input_order` undoes that sorting for
    predictions.
    """

    def __init__(
        self,
        sequences: Sequence[np.ndarray],
        labels: np.ndarray | None = None,
        batch_size: int = 128,
        seed: int | None = None,
        multiple: int = 8,
    ) -> None:
        super().__init__()
        self.lengths = np.array([len(s) for s in sequences])
        if not len(sequences) or (self.lengths == 0).any():
            raise ValueError("need at least one sequence, and no empty ones")
        if labels is not None and len(labels) != len(sequences):
            raise ValueError(f"{len(labels)} labels for {len(sequences)} sequences")
        if batch_size < 1 or multiple < 1:
            raise ValueError(
                f"batch_size and multiple must be positive, got {batch_size} and {multiple}"
            )
        self.sequences, self.labels = list(sequences), labels
        self.batch_size, self.multiple = batch_size, multiple
        self._rng = None if seed is None else np.random.default_rng(seed)
        self._batches = self._draw()

    def _draw(self) -> list[np.ndarray]:
        ties = (
            self._rng.random(len(self.lengths))
            if self._rng is not None
            else np.arange(len(self.lengths))
        )
        order = np.lexsort((ties, self.lengths))
        batches = [order[i : i + self.batch_size] for i in range(0, len(order), self.batch_size)]
        if self._rng is not None:
            batches = [batches[i] for i in self._rng.permutation(len(batches))]
        # Keras's TensorFlow data adapter infers the batch shape from the first two
        # batches: give them different widths so that the width stays open.
        widths = [self._width(rows) for rows in batches]
        narrowest, widest = int(np.argmin(widths)), int(np.argmax(widths))
        if widths[narrowest] != widths[widest]:
            first_two = [batches[narrowest], batches[widest]]
            batches = first_two + [b for i, b in enumerate(batches) if i not in (narrowest, widest)]
        return batches

    def _width(self, rows: np.ndarray) -> int:
        return int(-(-self.lengths[rows].max() // self.multiple) * self.multiple)

    def __len__(self) -> int:
        return len(self._batches)

    def __getitem__(self, index: int):
        rows = self._batches[index]
        x = np.zeros((len(rows), self._width(rows)), dtype=np.int32)
        for row, i in enumerate(rows):
            x[row, : self.lengths[i]] = self.sequences[i]
        return (x,) if self.labels is None else (x, self.labels[rows])

    def on_epoch_end(self) -> None:
        if self._rng is not None:
            self._batches = self._draw()

    def in_input_order(self, predictions: np.ndarray) -> np.ndarray:
        """Predictions made batch by batch, put back in the order of the input sequences."""
        if self._rng is not None:
            raise ValueError("predict with an unshuffled LengthBatches (seed=None)")
        restored = np.empty_like(predictions)
        restored[np.concatenate(self._batches)] = predictions
        return restored
