"""Reproducible, quiet chapter start-up (introduced in the foundation, used by every chapter)."""

from __future__ import annotations

import os
import platform

import numpy as np

DEFAULT_SEED = 42


def quiet_backend_logs() -> None:
    """Silence TensorFlow's C++ logs and make XLA deterministic.

    Must run before TensorFlow or JAX is imported: both read these variables once.
    Values a user set already are kept.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    flags = os.environ.get("XLA_FLAGS", "")
    if "xla_gpu_deterministic_ops" not in flags:
        os.environ["XLA_FLAGS"] = (flags + " --xla_gpu_deterministic_ops=true").strip()


def accelerator() -> str:
    """``"GPU"`` when the Keras backend sees one, else ``"CPU"``."""
    import keras

    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        return "GPU" if tf.config.list_physical_devices("GPU") else "CPU"
    if backend == "jax":
        import jax

        return "GPU" if jax.default_backend() == "gpu" else "CPU"
    if backend == "torch":
        import torch

        return "GPU" if torch.cuda.is_available() else "CPU"
    return "CPU"


def environment_stamp() -> str:
    """One line naming what produced a notebook's outputs."""
    import keras

    from lstm_helpers.scale import current_scale

    backend = keras.backend.backend()
    backend_module = __import__(backend)
    return (
        f"Python {platform.python_version()} | Keras {keras.__version__} "
        f"({backend} {backend_module.__version__}) | NumPy {np.__version__} | "
        f"{accelerator()} | scale={current_scale()}"
    )


def start(seed: int = DEFAULT_SEED) -> None:
    """Seed Python, NumPy and Keras, enable deterministic ops, print the stamp.

    The first code cell of every chapter calls this.
    """
    import keras

    keras.utils.set_random_seed(seed)  # seeds Python's random, NumPy and the backend
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()
        tf.get_logger().setLevel("ERROR")  # no retracing warnings in the pages
    print(environment_stamp())
