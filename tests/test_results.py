"""Headline results: recording, checking and reading back (the reproduction report)."""

import json
import math
import subprocess
import sys

import numpy as np
import pytest

from book_tools.results import load_results
from lstm_helpers.results import RESULTS_VARIABLE, record_results


def test_record_shows_the_metrics_and_writes_nothing_without_the_variable(tmp_path, monkeypatch):
    monkeypatch.delenv(RESULTS_VARIABLE, raising=False)
    monkeypatch.chdir(tmp_path)
    shown = record_results(
        "02_arithmetic_seq2seq", {"exact_match": np.float32(0.93125), "wrong_of_20000": 1375}
    )
    assert shown["value"].to_dict() == {"exact_match": "0.9312", "wrong_of_20000": "1,375"}
    assert shown.index.name == "recorded by 02_arithmetic_seq2seq"
    assert "dtype" not in repr(shown), "a small table, not a raw Series"
    assert list(tmp_path.iterdir()) == []


def test_record_writes_json_with_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(RESULTS_VARIABLE, str(tmp_path / "out"))
    record_results("03_language_detection", {"lstm_auc_5": 0.9})
    record = json.loads((tmp_path / "out" / "03_language_detection.json").read_text())
    assert record["metrics"] == {"lstm_auc_5": 0.9}
    assert record["environment"]["scale"] == "default"
    assert record["environment"]["backend"] in ("tensorflow", "jax", "torch")
    assert record["peak_rss_mib"] > 50


@pytest.mark.parametrize(
    "chapter, metrics, message",
    [
        ("arithmetic", {"a": 1.0}, "not a chapter file stem"),
        ("02_arithmetic", {}, "records no metrics"),
        ("02_arithmetic", {"Test Accuracy": 0.5}, "lower_snake_case"),
        ("02_arithmetic", {"accuracy": math.nan}, "not a finite number"),
        ("02_arithmetic", {"accuracy": "0.9"}, "not a finite number"),
        ("02_arithmetic", {"solved": True}, "not a finite number"),
    ],
)
def test_record_rejects_bad_input(chapter, metrics, message):
    with pytest.raises(ValueError, match=message):
        record_results(chapter, metrics)


def write(folder, name, **record):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps(record))


def complete(chapter="01_x", **changes):
    return {
        "chapter": chapter,
        "metrics": {"a": 0.5},
        "environment": {},
        "peak_rss_mib": 1.0,
        "wall_s": 2.0,
        **changes,
    }


def test_load_reads_every_chapter_and_tolerates_a_missing_folder(tmp_path):
    assert load_results(tmp_path / "none") == {}
    write(tmp_path, "01_x", **complete())
    write(tmp_path, "02_y", **complete("02_y"))
    assert list(load_results(tmp_path)) == ["01_x", "02_y"]


@pytest.mark.parametrize(
    "record, message",
    [
        ({"chapter": "01_x", "metrics": {"a": 0.5}}, "lacks environment, peak_rss_mib, wall_s"),
        (complete("02_y"), "holds results of chapter '02_y'"),
        (complete(metrics={"a": None}), "not a finite number"),
    ],
)
def test_load_rejects_bad_files(tmp_path, record, message):
    write(tmp_path, "01_x", **record)
    with pytest.raises(ValueError, match=message):
        load_results(tmp_path)


def test_load_rejects_broken_json(tmp_path):
    (tmp_path / "01_x.json").write_text('{"chapter": ')
    with pytest.raises(ValueError, match="not valid JSON"):
        load_results(tmp_path)


def test_peak_memory_grows_with_a_large_array():
    # A fresh process (Linux keeps the parent's peak across fork and exec, hence 1.2 GiB).
    code = (
        "import numpy as np; from lstm_helpers.results import peak_memory_mib; "
        "block = np.ones(1200 * 2**20 // 8); print(peak_memory_mib())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert 1200 < float(result.stdout) < 2500


def run(seed=1, **changes):
    return {"seed": seed, "metrics": {"a": 0.5}, "asserts_passed": True, "wall_s": 3.0, **changes}


def test_load_reads_seed_runs(tmp_path):
    write(tmp_path, "01_x", **complete(runs=[run(1), run(2, asserts_passed=False, metrics={})]))
    assert [r["seed"] for r in load_results(tmp_path)["01_x"]["runs"]] == [1, 2]


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"asserts_passed": None}, "seed 1's asserts_passed is not true or false"),
        ({"metrics": {}}, "seed 1 recorded no metrics yet passed"),
        ({"metrics": {"a": "high"}}, "not a finite number"),
    ],
)
def test_load_rejects_a_bad_seed_run(tmp_path, bad, message):
    write(tmp_path, "01_x", **complete(runs=[run(**bad)]))
    with pytest.raises(ValueError, match=message):
        load_results(tmp_path)


def test_load_rejects_a_seed_run_without_its_verdict(tmp_path):
    incomplete = run()
    del incomplete["asserts_passed"]
    write(tmp_path, "01_x", **complete(runs=[incomplete]))
    with pytest.raises(ValueError, match="a seed run lacks asserts_passed"):
        load_results(tmp_path)
