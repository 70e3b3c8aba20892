"""The reproduction report's claims table."""

import json

import pytest

from book_tools.report import (
    CLAIMS,
    NO_SWEEP,
    NOT_RECORDED,
    NOT_RUN,
    Claim,
    band,
    bands_table,
    claims_table,
    runs_table,
)
from book_tools.reproduce import RESULTS, chapter_notebooks

CLAIM = Claim(
    "02_arithmetic_seq2seq",
    "wrong_of_20000",
    "Wrong answers",
    "10",
    format=",.0f",
    setup="default: 10 epochs; full: 60 epochs",
)


def write(folder, metrics, hardware="2-core CPU", wall_s=300.0, runs=None):
    folder.mkdir(parents=True)
    record = {
        "chapter": "02_arithmetic_seq2seq",
        "metrics": metrics,
        "peak_rss_mib": 900.0,
        "wall_s": wall_s,
        "environment": {"hardware": hardware, "backend": "tensorflow", "scale": folder.name},
    }
    if runs is not None:
        record["runs"] = runs
    (folder / "02_arithmetic_seq2seq.json").write_text(json.dumps(record))


def test_a_row_per_claim_with_both_scales(tmp_path):
    write(tmp_path / "default", {"wrong_of_20000": 1375.0})
    write(tmp_path / "full", {"wrong_of_20000": 0.0}, hardware="NVIDIA H100", wall_s=120.0)
    row = claims_table(tmp_path, (CLAIM,)).iloc[0]
    assert (row["article"], row["book, default"], row["book, full"]) == ("10", "1,375", "0")
    assert row["default, seeds: mean ± sd (min–max)"] == NO_SWEEP
    assert row["book's set-up"] == CLAIM.setup, "each row says what it was measured at"
    runs = runs_table(tmp_path).set_index("scale")
    assert (
        runs.loc["full", "hardware"] == "NVIDIA H100"
        and runs.loc["default", "wall time (min)"] == 5.0
    )


def test_a_scale_not_run_yet_says_so(tmp_path):
    write(tmp_path / "default", {"wrong_of_20000": 1375.0})
    row = claims_table(tmp_path, (CLAIM,)).iloc[0]
    assert row["book, full"] == NOT_RUN


def test_a_metric_the_chapter_did_not_record_is_an_error(tmp_path):
    write(tmp_path / "default", {"exact_match": 0.93})
    with pytest.raises(ValueError, match="lack the metric 'wrong_of_20000'"):
        claims_table(tmp_path, (CLAIM,))


def test_a_full_run_older_than_the_claim_says_so(tmp_path):
    write(tmp_path / "default", {"wrong_of_20000": 1375.0})
    write(tmp_path / "full", {"exact_match": 0.99}, hardware="NVIDIA H100", wall_s=120.0)
    row = claims_table(tmp_path, (CLAIM,)).iloc[0]
    assert (row["book, default"], row["book, full"]) == ("1,375", NOT_RECORDED)


def test_every_claim_is_measured_at_the_default_scale():
    chapters = {path.stem for path in chapter_notebooks()}
    assert {claim.chapter for claim in CLAIMS} == chapters, "every chapter has a row"
    table = claims_table(RESULTS)
    assert NOT_RUN not in set(table["book, default"])
    assert list(table.columns[:3]) == ["chapter", "claim", "book's set-up"]
    assert all(claim.setup != "–" for claim in CLAIMS), "every claim states its set-up"


def seed_run(seed, wrong, passed=True):
    return {
        "seed": seed,
        "metrics": {"wrong_of_20000": wrong} if wrong is not None else {},
        "asserts_passed": passed,
        "wall_s": 200.0,
    }


def test_the_seed_band_sits_beside_the_stored_run(tmp_path):
    runs = [seed_run(1, 1000.0), seed_run(2, 1400.0, passed=False), seed_run(3, None, passed=False)]
    write(tmp_path / "default", {"wrong_of_20000": 1375.0}, runs=runs)
    row = claims_table(tmp_path, (CLAIM,)).iloc[0]
    assert row["default, seeds: mean ± sd (min–max)"] == "1,200 ± 283 (1,000–1,400)"
    assert runs_table(tmp_path).iloc[0]["asserts held"] == "1 of 3", (
        "failed runs are counted, not dropped"
    )
    bands = bands_table(tmp_path).iloc[0]
    assert (bands["stored run"], bands["seeds"], bands["min"], bands["max"]) == (
        1375.0,
        2,
        1000.0,
        1400.0,
    )


def test_a_band_of_one_seed_has_no_spread():
    assert band([0.5]) == "0.500 ± – (0.500–0.500)"
    assert band([]) == NO_SWEEP


def test_every_chapter_has_a_five_seed_sweep_in_which_every_assert_held():
    runs = runs_table(RESULTS).set_index(["chapter", "scale"])
    for chapter in (path.stem for path in chapter_notebooks()):
        assert runs.loc[(chapter, "default"), "seed runs"] >= 5, (
            f"{chapter}: run reproduce --seeds 5"
        )
        assert runs.loc[(chapter, "default"), "asserts held"] == "{0} of {0}".format(
            runs.loc[(chapter, "default"), "seed runs"]
        ), f"{chapter}: an assert failed under some seed"
