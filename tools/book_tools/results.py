"""The result files in ``results/<scale>/``, read back and checked (book infrastructure).

``lstm_helpers.record_results`` writes one per chapter: its metrics, environment and
peak memory; ``book_tools.reproduce`` adds the wall time and, after a seed sweep
(``--seeds N``), a ``runs`` list with one entry per seed: its metrics, whether every
assert passed, and its wall time.
"""

from __future__ import annotations

import json
from pathlib import Path

from lstm_helpers.results import check_metrics

FIELDS = ("chapter", "metrics", "environment", "peak_rss_mib", "wall_s")
RUN_FIELDS = ("seed", "metrics", "asserts_passed", "wall_s")


def _check_run(path: Path, run: dict) -> None:
    missing = [field for field in RUN_FIELDS if field not in run]
    if missing:
        raise ValueError(f"{path}: a seed run lacks {', '.join(missing)}")
    if not isinstance(run["asserts_passed"], bool):
        raise ValueError(f"{path}: seed {run['seed']}'s asserts_passed is not true or false")
    if run["metrics"]:  # a run that failed before recording has none
        check_metrics(path.stem, run["metrics"])
    elif run["asserts_passed"]:
        raise ValueError(f"{path}: seed {run['seed']} recorded no metrics yet passed")


def load_results(folder: Path) -> dict[str, dict]:
    """Every ``<chapter>.json`` in ``folder``, by chapter; an empty dict without the folder."""
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
        check_metrics(record["chapter"], record["metrics"])
        for run in record.get("runs", []):
            _check_run(path, run)
        results[path.stem] = record
    return results
