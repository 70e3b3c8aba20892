"""Synthetic sequence tasks with a known long-range dependency (chapter 1)."""

from __future__ import annotations

import numpy as np


def first_sign_task(n: int, length: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Remember the sign of the first value of a noisy sequence.

    Each of the ``n`` sequences has ``length`` steps of two features: a value
    (standard normal noise, except the first step, which is -1 or +1) and a marker
    that is 1 at the first step only. The label is 1 when the first value is +1.
    The answer depends on step 0 alone, so the network must carry one bit across
    ``length - 1`` steps of noise that enters through the same input.
    """
    if n < 1 or length < 1:
        raise ValueError(f"n and length must be positive, got n={n}, length={length}")
    rng = np.random.default_rng(seed)
    x = np.zeros((n, length, 2), dtype=np.float32)
    x[:, :, 0] = rng.standard_normal((n, length))
    y = rng.integers(0, 2, size=n)
    x[:, 0, 0] = 2 * y - 1
    x[:, 0, 1] = 1.0
    return x, y.astype(np.float32)
