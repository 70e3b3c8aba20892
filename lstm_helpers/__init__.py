"""Helpers shared by the chapters of the LSTM book.

Importing this package quietens TensorFlow's C++ logging before TensorFlow is
imported, so ``import lstm_helpers`` must come before ``import keras`` in a
chapter. Each helper's docstring names the chapter that introduced it.
"""

from lstm_helpers.runtime import quiet_backend_logs

quiet_backend_logs()

from lstm_helpers.results import record_results  # noqa: E402
from lstm_helpers.runtime import environment_stamp, seed, start  # noqa: E402
from lstm_helpers.scale import current_scale, scale  # noqa: E402

__all__ = ["current_scale", "environment_stamp", "record_results", "scale", "seed", "start"]
