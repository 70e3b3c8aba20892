"""Reproducible, quiet chapter start-up (every chapter, from chapter 1)."""

from __future__ import annotations

import contextlib
import os
import platform

import numpy as np

DEFAULT_SEED = 42
SEED_VARIABLE = "LSTM_BOOK_SEED"
_book_seed: int | None = None  # LSTM_BOOK_SEED as start() read it


def read_book_seed() -> int | None:
    """``$LSTM_BOOK_SEED`` as a non-negative integer, or ``None`` when it is unset or empty."""
    value = os.environ.get(SEED_VARIABLE, "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ValueError(f"{SEED_VARIABLE}={value!r} is not a non-negative integer")
    return int(value)


def seed(stream: int) -> int:
    """The seed of one seeded draw in a chapter (weights, sampling, shuffles, resamples).

    ``stream`` names the draw (the literal seed a chapter used before the knob
    existed). Without ``$LSTM_BOOK_SEED`` it is returned unchanged, so the stored
    outputs keep their seeds; with it, every draw gets its own seed derived from both
    numbers, so a seed sweep varies every draw at once. ``start`` reads the variable.
    """
    if isinstance(stream, bool) or not isinstance(stream, int) or stream < 0:
        raise ValueError(f"a seed stream is a non-negative integer, not {stream!r}")
    if _book_seed is None:
        return stream
    return int(np.random.SeedSequence([_book_seed, stream]).generate_state(1)[0])


def quiet_backend_logs() -> None:
    """Silence TensorFlow's C++ logs and make XLA deterministic.

    Must run before TensorFlow or JAX is imported: both read these variables once.
    Values a user set already are kept. TensorFlow's oneDNN kernels are off because
    their start-up notice ignores ``TF_CPP_MIN_LOG_LEVEL`` and would land in the
    stored outputs; on a 2-core AMD EPYC, chapters 2-4 ran no faster with them (within
    run-to-run noise).
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


def hardware(device: str) -> str:
    """The ``device`` (``accelerator()``) by name: ``"2-core CPU"``, ``"NVIDIA H100 80GB HBM3"``."""
    import keras

    if device == "GPU":
        backend = keras.backend.backend()
        if backend == "jax":
            import jax

            return jax.devices()[0].device_kind
        if backend == "torch":
            import torch

            return torch.cuda.get_device_name(0)
        import tensorflow as tf

        gpu = tf.config.list_physical_devices("GPU")[0]
        return tf.config.experimental.get_device_details(gpu).get("device_name", "GPU")
    return f"{os.cpu_count()}-core CPU"


def environment() -> dict[str, str | int | None]:
    """What produced a run's numbers: versions, backend, device and scale."""
    import keras

    from lstm_helpers.scale import current_scale

    backend, device = keras.backend.backend(), accelerator()
    return {
        "python": platform.python_version(),
        "keras": keras.__version__,
        "backend": backend,
        "backend_version": __import__(backend).__version__,
        "numpy": np.__version__,
        "accelerator": device,
        "hardware": hardware(device),
        "scale": current_scale(),
        "seed": _book_seed,
    }


def environment_stamp() -> str:
    """One line naming what produced a notebook's outputs."""
    env = environment()
    stamp = (
        f"Python {env['python']} | "
        f"Keras {env['keras']} ({env['backend']} {env['backend_version']}) | "
        f"NumPy {env['numpy']} | {env['accelerator']} | scale={env['scale']}"
    )
    return stamp if _book_seed is None else f"{stamp} | seed={_book_seed}"


def use_scan_recurrent_kernels() -> None:
    """Make Keras's LSTM and GRU on JAX run their ``lax.scan`` loop, never ``jax.experimental.rnn``.

    Measured on an H100 with Keras 3.15.1 (``use_cudnn="auto"``): the fused JAX path
    never learned chapter 2's addition task, while the scan path, JAX on a CPU and the
    torch backend did. The layers fall back to the scan loop whenever the backend's
    fused kernel raises ``NotImplementedError``; this makes it always raise. The one
    place the book decides this: ``start`` calls it under JAX on a GPU.
    """
    import keras
    from keras.src import backend

    if keras.backend.backend() != "jax":
        raise RuntimeError(f"only the JAX backend needs this, not {keras.backend.backend()}")

    def scan_only(*args, **kwargs):
        raise NotImplementedError("the book runs recurrent layers on JAX with lax.scan")

    backend.lstm = backend.gru = scan_only


def start() -> None:
    """Read ``$LSTM_BOOK_SEED``, seed Python, NumPy and Keras, fix op order, print the stamp.

    Under TensorFlow on a CPU, each op runs on one thread (see the comment below).
    Under JAX on a GPU, recurrent layers also switch to their scan loop (see
    ``use_scan_recurrent_kernels``).

    The first code cell of every chapter calls this.
    """
    import keras

    global _book_seed
    _book_seed = read_book_seed()
    keras.utils.set_random_seed(seed(DEFAULT_SEED))  # seeds Python's random, NumPy and the backend
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()
        tf.get_logger().setLevel("ERROR")  # no retracing warnings in the pages
        threading = tf.config.threading
        if accelerator() == "CPU" and threading.get_intra_op_parallelism_threads() != 1:
            # The book's models are small: splitting each op over threads costs more
            # than it saves. One thread per op (independent ops still run side by side)
            # made chapter 2 run in 158 s instead of 231 s on a 2-core AMD EPYC, with
            # the same numbers. TensorFlow fixes this once it has run an op; a process
            # that already has keeps its setting, since only speed is at stake.
            with contextlib.suppress(RuntimeError):
                threading.set_intra_op_parallelism_threads(1)
    if keras.backend.backend() == "jax" and accelerator() == "GPU":
        use_scan_recurrent_kernels()
    print(environment_stamp())
