"""Two scales, one code path (every chapter, from chapter 1).

``LSTM_BOOK_SCALE=default`` (or unset) runs a chapter in minutes on a 2-core CPU;
``LSTM_BOOK_SCALE=full`` reproduces the source articles' set-ups.
"""

from __future__ import annotations

import os
from typing import TypeVar

SCALE_VARIABLE = "LSTM_BOOK_SCALE"
SCALES = ("default", "full")

T = TypeVar("T")


def current_scale() -> str:
    """The scale named by ``LSTM_BOOK_SCALE``; an unknown value is an error."""
    value = os.environ.get(SCALE_VARIABLE, "default").strip().lower() or "default"
    if value not in SCALES:
        raise ValueError(
            f"{SCALE_VARIABLE}={os.environ[SCALE_VARIABLE]!r} is not a scale; "
            f"use one of {', '.join(SCALES)}"
        )
    return value


def scale(*, default: T, full: T) -> T:
    """Pick a setting by scale, e.g. ``epochs = scale(default=8, full=120)``."""
    return {"default": default, "full": full}[current_scale()]
