"""Run every chapter at one scale and keep its numbers (introduced with the reproduction report).

    python -m book_tools.reproduce --scale full            # on a GPU: the articles' set-ups
    python -m book_tools.reproduce --scale default         # the CPU benchmark
    KERAS_BACKEND=jax python -m book_tools.reproduce ...   # where there is no TensorFlow
    python -m book_tools.reproduce --scale default --seeds 5   # seed bands: 5 more runs a chapter
    python -m book_tools.reproduce --refresh               # after copying results/ from elsewhere

Each chapter notebook is executed in a fresh kernel into ``_build/reproduce/<scale>/``
(the stored notebooks are left alone). Its headline metrics, wall time, peak memory
and environment go to ``results/<scale>/<chapter>.json``; ``results/timings.json`` and
the README's timing table are rebuilt from all of them, and the reproduction report
is re-executed so that the book shows the new numbers.

With ``--seeds N`` each chapter instead runs N more times, with ``LSTM_BOOK_SEED`` set
to 1, ..., N (every seeded draw changes: weights, sampling, shuffles, resamples), each
in a fresh kernel that carries on past a failing cell. Every run goes to the ``runs``
list of the chapter's results file, with its metrics, whether all its asserts passed
and its wall time; the stored run's ``metrics`` stay as they are.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from book_tools.results import load_results
from lstm_helpers.results import RESULTS_VARIABLE
from lstm_helpers.runtime import SEED_VARIABLE
from lstm_helpers.scale import SCALE_VARIABLE, SCALES

ROOT = Path(__file__).resolve().parents[2]  # the checkout: this package is installed with -e
CHAPTERS = ROOT / "chapters"
RESULTS = ROOT / "results"
REPORT = CHAPTERS / "07_reproduction_report.ipynb"
README_START, README_END = "<!-- timings:start -->", "<!-- timings:end -->"


def chapter_notebooks(selected: list[str] | None = None) -> list[Path]:
    """The chapter notebooks (not the report), or only those whose names start with ``selected``."""
    notebooks = sorted(path for path in CHAPTERS.glob("[0-9][0-9]_*.ipynb") if path != REPORT)
    if selected:
        unknown = [
            name for name in selected if not any(path.stem.startswith(name) for path in notebooks)
        ]
        if unknown:
            raise SystemExit(
                f"no chapter starts with {', '.join(unknown)}; chapters: "
                + ", ".join(path.stem for path in notebooks)
            )
        notebooks = [path for path in notebooks if path.stem.startswith(tuple(selected))]
    return notebooks


def execute(notebook: Path, output: Path | None, env: dict[str, str], allow_errors: bool = False):
    """Execute a notebook in a fresh kernel started with ``env``; save it to ``output`` or in place.

    The notebook is saved even when a cell fails, with the outputs up to the error; with
    ``allow_errors`` the kernel carries on past failing cells. Returns the notebook.
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb,
        timeout=None,
        kernel_name="python3",
        record_timing=False,
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    output = output or notebook
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        client.execute(env=env)
    finally:  # a failed run is kept too, to read its traceback
        nbformat.write(nb, output)
    return nb


def failures(nb) -> list[str]:
    """``"ErrorName: message"`` for every cell of an executed notebook that raised."""
    return [
        f"{output.ename}: {output.evalue}"
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if output.output_type == "error"
    ]


def _timed_run(
    notebook: Path, output: Path, env: dict[str, str], allow_errors: bool = False
) -> tuple:
    """Execute ``notebook`` into ``output`` with results recorded to a scratch folder.

    Returns the executed notebook, the chapter's recorded record (None when it recorded
    nothing) and the wall time in seconds.
    """
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        nb = execute(notebook, output, {**env, RESULTS_VARIABLE: scratch}, allow_errors)
        wall = time.perf_counter() - started
        recorded = Path(scratch) / f"{notebook.stem}.json"
        record = json.loads(recorded.read_text()) if recorded.is_file() else None
    return nb, record, wall


def run_chapter(notebook: Path, scale: str, results: Path, outputs: Path) -> dict:
    """Execute one chapter at ``scale``; write and return its record with the wall time added.

    This is the stored run: ``LSTM_BOOK_SEED`` is unset for it. The seed runs of an
    earlier sweep (``runs``) stay in the chapter's results file.
    """
    env = {**os.environ, SCALE_VARIABLE: scale}
    env.pop(SEED_VARIABLE, None)
    _, record, wall = _timed_run(notebook, outputs / notebook.name, env)
    if record is None:
        raise RuntimeError(f"{notebook.name} ran but recorded no results (no record_results call?)")
    record["wall_s"] = round(wall, 1)
    path = results / f"{notebook.stem}.json"
    if path.is_file() and "runs" in (earlier := json.loads(path.read_text())):
        record["runs"] = earlier["runs"]
    results.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2) + "\n")
    return record


def run_seed(notebook: Path, scale: str, seed: int, outputs: Path) -> dict:
    """Execute a chapter at ``scale`` with ``LSTM_BOOK_SEED=seed``, past failing cells.

    A run in which any cell failed, or that recorded no metrics, has ``asserts_passed``
    false and says why in ``failures``; it is kept, never dropped.
    """
    env = {**os.environ, SCALE_VARIABLE: scale, SEED_VARIABLE: str(seed)}
    output = outputs / f"seed-{seed}" / notebook.name
    nb, record, wall = _timed_run(notebook, output, env, allow_errors=True)
    metrics = record["metrics"] if record else {}
    failed = failures(nb) + ([] if metrics else ["the chapter recorded no metrics"])
    run = {"seed": seed, "metrics": metrics, "asserts_passed": not failed, "wall_s": round(wall, 1)}
    return {**run, "failures": failed} if failed else run


def record_runs(results: Path, chapter: str, runs: list[dict]) -> None:
    """Put ``runs`` into the ``runs`` list of ``results/<chapter>.json``; its metrics stay."""
    path = results / f"{chapter}.json"
    if not path.is_file():
        raise RuntimeError(f"{path} is missing: run the chapter once without --seeds first")
    record = json.loads(path.read_text())
    record["runs"] = runs
    path.write_text(json.dumps(record, indent=2) + "\n")


def timing_rows(results_root: Path) -> list[dict]:
    """One row per chapter and scale from ``results_root/<scale>/*.json``."""
    rows = []
    for scale in SCALES:
        for chapter, record in load_results(results_root / scale).items():
            env = record["environment"]
            rows.append(
                {
                    "chapter": chapter,
                    "scale": scale,
                    "hardware": env["hardware"],
                    "backend": env["backend"],
                    "wall_s": record["wall_s"],
                    "peak_rss_mib": record["peak_rss_mib"],
                }
            )
    return sorted(rows, key=lambda row: (row["chapter"], SCALES.index(row["scale"])))


def timings_markdown(rows: list[dict]) -> str:
    """The README's timing table."""
    lines = [
        "| chapter | scale | hardware (backend) | wall time | peak memory |",
        "|---|---|---|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['chapter']} | {row['scale']} | {row['hardware']} ({row['backend']}) | "
            f"{row['wall_s'] / 60:.1f} min | {row['peak_rss_mib'] / 1024:.1f} GiB |"
        )
    return "\n".join(lines)


def readme_with_table(readme: str, table: str) -> str:
    """``readme`` with the text between the timing markers replaced by ``table``."""
    if readme.count(README_START) != 1 or readme.count(README_END) != 1:
        raise ValueError(f"the README needs one {README_START} and one {README_END} line")
    head, rest = readme.split(README_START)
    _, tail = rest.split(README_END)
    return f"{head}{README_START}\n{table}\n{README_END}{tail}"


def refresh_summaries(results_root: Path = RESULTS) -> None:
    """Rebuild ``timings.json`` and the README table from the results; re-execute the report."""
    rows = timing_rows(results_root)
    (results_root / "timings.json").write_text(json.dumps(rows, indent=2) + "\n")
    readme = ROOT / "README.md"
    readme.write_text(readme_with_table(readme.read_text(), timings_markdown(rows)))
    execute(REPORT, None, {**os.environ, SCALE_VARIABLE: "default"})


def sweep(notebooks: list[Path], scale: str, n_seeds: int, results: Path, outputs: Path) -> int:
    """Run each chapter under seeds 1..``n_seeds`` and record the runs; 1 when any assert failed."""
    if n_seeds < 1:
        raise SystemExit(f"--seeds needs at least 1 seed, not {n_seeds}")
    failed = []
    for notebook in notebooks:
        runs = []
        for seed in range(1, n_seeds + 1):
            print(f"{notebook.stem}: seed {seed} at scale={scale} ...", flush=True)
            run = run_seed(notebook, scale, seed, outputs)
            runs.append(run)
            verdict = (
                "asserts passed"
                if run["asserts_passed"]
                else "FAILED: " + "; ".join(run["failures"])
            )
            print(
                f"{notebook.stem}: seed {seed}, {run['wall_s'] / 60:.1f} min, {verdict[:2000]}",
                flush=True,
            )
            failed += [] if run["asserts_passed"] else [f"{notebook.stem} (seed {seed})"]
        record_runs(results / scale, notebook.stem, runs)
    if results.resolve() == RESULTS:
        refresh_summaries()
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m book_tools.reproduce", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--scale", choices=SCALES)
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="run no chapter: only rebuild timings.json, the README table and the report "
        "from results/ (after copying results from another machine)",
    )
    parser.add_argument(
        "--chapters", nargs="+", metavar="NN", help="only these chapters, e.g. 02 03"
    )
    parser.add_argument(
        "--seeds",
        type=int,
        metavar="N",
        help="run each chapter with LSTM_BOOK_SEED=1..N instead, into its results' runs",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=RESULTS,
        help="results folder (default: the repository's results/, which also "
        "refreshes timings.json, the README table and the report)",
    )
    args = parser.parse_args(argv)
    if args.refresh:
        refresh_summaries()
        return 0
    if args.scale is None:
        parser.error("--scale is required (or --refresh)")
    outputs = ROOT / "_build" / "reproduce" / args.scale
    if args.seeds is not None:
        return sweep(
            chapter_notebooks(args.chapters), args.scale, args.seeds, args.results, outputs
        )
    failed = []
    for notebook in chapter_notebooks(args.chapters):
        print(f"{notebook.stem}: running at scale={args.scale} ...", flush=True)
        try:
            record = run_chapter(notebook, args.scale, args.results / args.scale, outputs)
        except Exception as error:  # report every chapter, then fail
            print(f"{notebook.stem}: FAILED: {str(error)[-2000:]}", flush=True)
            failed.append(notebook.stem)
            continue
        metrics = ", ".join(f"{name}={value:.4g}" for name, value in record["metrics"].items())
        print(
            f"{notebook.stem}: {record['wall_s'] / 60:.1f} min, "
            f"peak {record['peak_rss_mib']:.0f} MiB, "
            f"{record['environment']['hardware']}: {metrics}",
            flush=True,
        )
    if args.results.resolve() == RESULTS:
        refresh_summaries()
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
