"""Training utilities shared by the sentiment chapters (chapter 4)."""

from __future__ import annotations

import statistics
import time

import keras


class EpochTimer(keras.callbacks.Callback):
    """Records the wall time of every training epoch, in seconds."""

    def __init__(self) -> None:
        super().__init__()
        self.seconds: list[float] = []

    def on_epoch_begin(self, epoch: int, logs=None) -> None:
        self._started = time.perf_counter()

    def on_epoch_end(self, epoch: int, logs=None) -> None:
        self.seconds.append(time.perf_counter() - self._started)

    @property
    def per_epoch(self) -> float:
        """Median epoch time, without the first epoch (it includes tracing) when there are more."""
        if not self.seconds:
            raise ValueError("no epoch has been timed yet")
        return statistics.median(self.seconds[1:] or self.seconds)


def fit_timed(model: keras.Model, *args, **kwargs) -> tuple[keras.callbacks.History, float]:
    """``model.fit`` that also returns the median seconds per epoch."""
    timer = EpochTimer()
    kwargs["callbacks"] = [*kwargs.get("callbacks", []), timer]
    history = model.fit(*args, **kwargs)
    return history, timer.per_epoch
