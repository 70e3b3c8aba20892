"""Training and recording the sentiment chapters' models (chapter 4 introduced them).

``Experiments`` trains a chapter's models under their names and keeps one record of
each (``TrainingRun``): the history, the epoch whose weights were kept, seconds per
epoch and the test accuracy. Its ``table`` compares them and ``plot`` draws their
curves, so a chapter does not keep dictionaries of results or draw curves of its own.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import keras
import numpy as np
import pandas as pd


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


Data = tuple[np.ndarray, np.ndarray] | keras.utils.PyDataset
"""Inputs and labels as two arrays, or a ``PyDataset`` of batches."""


@dataclass(frozen=True)
class TrainingRun:
    """One trained model's record.

    ``kept_epoch`` (counted from 0) is the epoch whose weights the model kept: the best
    one on validation accuracy when training stopped early, else the last. Its
    ``validation`` and ``train`` accuracies are that epoch's, and ``test`` was measured
    with its weights.
    """

    history: dict[str, list[float]]
    kept_epoch: int
    seconds_per_epoch: float
    test: float
    columns: dict[str, object] = field(default_factory=dict)

    @property
    def epochs(self) -> int:
        """Epochs trained up to the kept one."""
        return self.kept_epoch + 1

    @property
    def validation(self) -> float:
        return self.history["val_accuracy"][self.kept_epoch]

    @property
    def train(self) -> float:
        return self.history["accuracy"][self.kept_epoch]

    def row(self) -> dict[str, object]:
        """The run as one row of ``Experiments.table``."""
        return {
            **self.columns,
            "epochs": self.epochs,
            "train": self.train,
            "validation": self.validation,
            "test": self.test,
            "s/epoch": self.seconds_per_epoch,
        }


class Experiments:
    """A chapter's trained models, each recorded under its name."""

    def __init__(self) -> None:
        self.runs: dict[str, TrainingRun] = {}
        self.others: dict[str, dict[str, object]] = {}

    def train(
        self,
        name: str,
        model: keras.Model,
        data: Data,
        validation: Data,
        test: Data | Callable[[keras.Model], float],
        *,
        epochs: int,
        batch_size: int | None = None,
        patience: int | None = None,
        evaluation_batch_size: int = 500,
        **columns: object,
    ) -> TrainingRun:
        """Train ``model`` on ``data`` and record it as ``name``.

        With ``patience``, training stops once validation accuracy has not improved for
        that many epochs and the model keeps its best epoch's weights; without it, all
        ``epochs`` run and the last is kept. ``test`` is data to measure accuracy on
        (the model must be compiled with an ``accuracy`` metric) or a function that
        scores the model. Arrays are evaluated in batches of ``evaluation_batch_size``
        (a ``PyDataset`` brings its own). ``columns`` are extra values for the table
        (``maxlen=200``).
        """
        self._check_new(name)
        if patience is not None and not 1 <= patience < epochs:
            raise ValueError(
                f"patience must be from 1 to epochs - 1 ({epochs - 1}), not {patience}"
            )
        stop = keras.callbacks.EarlyStopping(
            "val_accuracy", patience=patience or epochs, restore_best_weights=True
        )
        history, seconds = fit_timed(
            model,
            *_inputs(data),
            batch_size=batch_size if isinstance(data, tuple) else None,
            epochs=epochs,
            validation_data=validation,
            validation_batch_size=evaluation_batch_size if isinstance(validation, tuple) else None,
            callbacks=[stop] if patience else [],
            verbose=0,
        )
        if callable(test):
            score = float(test(model))
        else:
            batch = evaluation_batch_size if isinstance(test, tuple) else None
            scores = model.evaluate(*_inputs(test), batch_size=batch, verbose=0, return_dict=True)
            score = _accuracy(scores)
        kept = stop.best_epoch if patience else len(history.history["val_accuracy"]) - 1
        run = TrainingRun(history.history, kept, seconds, score, dict(columns))
        self.runs[name] = run
        return run

    def record(
        self, name: str, *, test: float, validation: float | None = None, **columns: object
    ) -> None:
        """Record a model trained without Keras (a baseline) beside the runs."""
        self._check_new(name)
        self.others[name] = {**columns, "validation": validation, "test": test}

    def _check_new(self, name: str) -> None:
        if name in self.runs or name in self.others:
            raise ValueError(f"a run named {name!r} is recorded already")

    def __getitem__(self, name: str) -> TrainingRun:
        try:
            return self.runs[name]
        except KeyError:
            raise KeyError(f"no run named {name!r}; recorded: {', '.join(self.runs)}") from None

    def table(self, names: Sequence[str] | None = None) -> pd.DataFrame:
        """One row per run (and baseline), in the order recorded or the order of ``names``."""
        rows = {name: run.row() for name, run in self.runs.items()} | self.others
        names = list(rows) if names is None else list(names)
        missing = [name for name in names if name not in rows]
        if missing:
            raise KeyError(f"no run named {', '.join(map(repr, missing))}")
        return pd.DataFrame([rows[name] for name in names], index=pd.Index(names, name="run"))

    def plot(self, names: Sequence[str] | None = None, metric: str = "accuracy", ax=None):
        """Training (solid) and validation (dashed) ``metric`` of each run over the epochs.

        A ring marks the kept epoch. Returns the axes.
        """
        import matplotlib.pyplot as plt

        names = list(self.runs) if names is None else list(names)
        if ax is None:
            _, ax = plt.subplots(figsize=(7, 3.6))
        longest = 1
        for name in names:
            run = self[name]
            if metric not in run.history:
                raise ValueError(f"run {name!r} has no {metric!r}; it has {sorted(run.history)}")
            epochs = np.arange(1, len(run.history[metric]) + 1)
            longest = max(longest, len(epochs))
            (line,) = ax.plot(epochs, run.history[metric], "-", marker=".", label=name)
            ax.plot(epochs, run.history[f"val_{metric}"], "--", marker=".", color=line.get_color())
            ax.plot(
                run.epochs,
                run.history[f"val_{metric}"][run.kept_epoch],
                "o",
                markersize=9,
                fillstyle="none",
                color=line.get_color(),
            )
        ax.set_xticks(range(1, longest + 1))
        ax.set(xlabel="epoch", ylabel=metric)
        ax.plot([], [], "k-", label="training")
        ax.plot([], [], "k--", label="validation (ring: kept epoch)")
        ax.legend(fontsize=7, loc="best")
        return ax


def _inputs(data: Data) -> tuple:
    return data if isinstance(data, tuple) else (data,)


def _accuracy(scores: dict[str, float]) -> float:
    accuracy = scores.get("accuracy")
    if accuracy is None:
        raise ValueError(
            f"the model reports no accuracy (it reports {sorted(scores)}): compile it "
            "with metrics=['accuracy'] or pass a scoring function as test"
        )
    return float(accuracy)
