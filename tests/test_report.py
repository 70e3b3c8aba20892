"""The reproduction report's claims table."""

import json

import pytest

from lstm_helpers.report import CLAIMS, NOT_RUN, Claim, claims_table
from lstm_helpers.reproduce import RESULTS, chapter_notebooks

CLAIM = Claim("02_arithmetic_seq2seq", "wrong_of_20000", "Wrong answers", "10", format=",.0f")


def write(folder, metrics, hardware="2-core CPU", wall_s=300.0):
    folder.mkdir(parents=True)
    record = {"chapter": "02_arithmetic_seq2seq", "metrics": metrics, "peak_rss_mib": 900.0, "wall_s": wall_s,
              "environment": {"hardware": hardware, "backend": "tensorflow", "scale": folder.name}}
    (folder / "02_arithmetic_seq2seq.json").write_text(json.dumps(record))


def test_a_row_per_claim_with_both_scales(tmp_path):
    write(tmp_path / "default", {"wrong_of_20000": 1375.0})
    write(tmp_path / "full", {"wrong_of_20000": 0.0}, hardware="NVIDIA H100", wall_s=120.0)
    row = claims_table(tmp_path, (CLAIM,)).iloc[0]
    assert (row["article"], row["book, default"], row["book, full"]) == ("10", "1,375", "0")
    assert (row["default run"], row["full run"]) == ("2-core CPU, tensorflow, 5.0 min",
                                                     "NVIDIA H100, tensorflow, 2.0 min")


def test_a_scale_not_run_yet_says_so(tmp_path):
    write(tmp_path / "default", {"wrong_of_20000": 1375.0})
    row = claims_table(tmp_path, (CLAIM,)).iloc[0]
    assert row["book, full"] == row["full run"] == NOT_RUN


def test_a_metric_the_chapter_did_not_record_is_an_error(tmp_path):
    write(tmp_path / "default", {"exact_match": 0.93})
    with pytest.raises(ValueError, match="lack the metric 'wrong_of_20000'"):
        claims_table(tmp_path, (CLAIM,))


def test_every_claim_is_measured_at_the_default_scale():
    chapters = {path.stem for path in chapter_notebooks()}
    assert {claim.chapter for claim in CLAIMS} == chapters, "every chapter has a row"
    table = claims_table(RESULTS)
    assert NOT_RUN not in set(table["book, default"])
