"""A chapter's headline numbers, kept for the reproduction report (introduced there, used by every chapter).

Every chapter ends with ``record_results(chapter, metrics)``. It shows the numbers and,
when ``$LSTM_BOOK_RESULTS`` names a folder (``python -m lstm_helpers.reproduce`` sets it),
writes them to ``<folder>/<chapter>.json`` with the environment and the kernel's peak
memory. The reproduction report reads those files back with ``load_results``.
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
FIELDS = ("chapter", "metrics", "environment", "peak_rss_mib", "wall_s")  # wall_s: added by reproduce


def _check(chapter: str, metrics: Mapping[str, float]) -> dict[str, float]:
    if not CHAPTER_NAME.match(chapter):
        raise ValueError(f"chapter {chapter!r} is not a chapter file stem such as '02_arithmetic_seq2seq'")
    if not metrics:
        raise ValueError(f"chapter {chapter} records no metrics")
    checked = {}
    for name, value in metrics.items():
        if not METRIC_NAME.match(name):
            raise ValueError(f"metric name {name!r} must be lower_snake_case")
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
            raise ValueError(f"metric {name} = {value!r} is not a finite number")
        checked[name] = float(value)
    return checked


def peak_memory_mib() -> float:
    """The largest resident memory this process has used so far, in MiB (Linux and macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if os.uname().sysname == "Darwin" else peak / 2**10


def record_results(chapter: str, metrics: Mapping[str, float]) -> pd.Series:
    """Check and show a chapter's headline metrics; save them when ``$LSTM_BOOK_RESULTS`` is set."""
    from lstm_helpers.runtime import environment

    checked = _check(chapter, metrics)
    folder = os.environ.get(RESULTS_VARIABLE)
    if folder:
        record = {"chapter": chapter, "metrics": checked, "environment": environment(),
                  "peak_rss_mib": round(peak_memory_mib(), 1)}
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{chapter}.json").write_text(json.dumps(record, indent=2) + "\n")
    return pd.Series(checked, name=chapter).round(4)


def load_results(folder: Path) -> dict[str, dict]:
    """Every ``<chapter>.json`` in ``folder``, by chapter; an empty dict when the folder is missing."""
    results = {}
    for path in sorted(Path(folder).glob("*.json")):
        try:
            record = json.loads(path.read_text())
        except json.JSONDecodeError as error:
            raise ValueError(f"{path} is not valid JSON: {error}") from None
        missing = [field for field in FIELDS if field not in record]
        if missing:
            raise ValueError(f"{path} lacks {', '.join(missing)}")
        if record["chapter"] != path.stem:
            raise ValueError(f"{path} holds results of chapter {record['chapter']!r}")
        _check(record["chapter"], record["metrics"])
        results[path.stem] = record
    return results
