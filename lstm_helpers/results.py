"""A chapter's headline numbers, kept for the reproduction report (every chapter; chapter 7).

Every chapter ends with ``record_results(chapter, metrics)``. It shows the numbers as a
small table and, when ``$LSTM_BOOK_RESULTS`` names a folder (the book's benchmark,
``python -m book_tools.reproduce``, sets it), writes them to ``<folder>/<chapter>.json``
with the environment and the kernel's peak memory.
"""

from __future__ import annotations

import json
import math
import numbers
import os
import re
import resource
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

RESULTS_VARIABLE = "LSTM_BOOK_RESULTS"
CHAPTER_NAME = re.compile(r"^\d\d_[a-z0-9_]+$")
METRIC_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def check_metrics(chapter: str, metrics: Mapping[str, float]) -> dict[str, float]:
    """``metrics`` as floats, once the chapter name and every metric name and value are checked."""
    if not CHAPTER_NAME.match(chapter):
        raise ValueError(
            f"chapter {chapter!r} is not a chapter file stem such as '02_arithmetic_seq2seq'"
        )
    if not metrics:
        raise ValueError(f"chapter {chapter} records no metrics")
    checked = {}
    for name, value in metrics.items():
        if not METRIC_NAME.match(name):
            raise ValueError(f"metric name {name!r} must be lower_snake_case")
        if (
            isinstance(value, bool)
            or not isinstance(value, numbers.Real)
            or not math.isfinite(value)
        ):
            raise ValueError(f"metric {name} = {value!r} is not a finite number")
        checked[name] = float(value)
    return checked


def peak_memory_mib() -> float:
    """The largest resident memory this process has used so far, in MiB (Linux and macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if os.uname().sysname == "Darwin" else peak / 2**10


def shown(value: float) -> str:
    """A metric as the page shows it: a whole number with thousands separators, else 4 decimals."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:.4f}"


def record_results(chapter: str, metrics: Mapping[str, float]) -> pd.DataFrame:
    """Check and show a chapter's headline metrics; save them when ``$LSTM_BOOK_RESULTS`` is set."""
    from lstm_helpers.runtime import environment

    checked = check_metrics(chapter, metrics)
    folder = os.environ.get(RESULTS_VARIABLE)
    if folder:
        record = {
            "chapter": chapter,
            "metrics": checked,
            "environment": environment(),
            "peak_rss_mib": round(peak_memory_mib(), 1),
        }
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{chapter}.json").write_text(json.dumps(record, indent=2) + "\n")
    table = pd.DataFrame({"value": [shown(value) for value in checked.values()]})
    return table.set_axis(pd.Index(list(checked), name=f"recorded by {chapter}"))
