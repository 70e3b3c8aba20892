"""The reproduction script: chapter selection, one chapter run, and the generated timing table."""

import json

import nbformat
import pytest

from lstm_helpers.reproduce import (README_END, README_START, RESULTS, ROOT, chapter_notebooks,
                                    readme_with_table, run_chapter, timing_rows, timings_markdown)


def test_chapter_selection():
    names = [path.stem[:2] for path in chapter_notebooks()]
    assert names == ["01", "02", "03", "04", "05", "06"], "every chapter, not the report"
    assert [path.stem[:2] for path in chapter_notebooks(["03", "05"])] == ["03", "05"]
    with pytest.raises(SystemExit, match="no chapter starts with 09"):
        chapter_notebooks(["09"])


def tiny_chapter(folder, source):
    notebook = folder / "01_tiny.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, notebook)
    return notebook


def test_run_chapter_executes_at_the_scale_and_keeps_the_record(tmp_path):
    notebook = tiny_chapter(tmp_path, "import lstm_helpers as lh\n"
                                      "lh.record_results('01_tiny', {'epochs': lh.scale(default=2, full=60)})")
    record = run_chapter(notebook, "full", tmp_path / "results", tmp_path / "out")
    assert record["metrics"] == {"epochs": 60.0}
    assert record["environment"]["scale"] == "full"
    assert record["wall_s"] > 0
    assert json.loads((tmp_path / "results" / "01_tiny.json").read_text()) == record
    executed = nbformat.read(tmp_path / "out" / "01_tiny.ipynb", as_version=4)
    assert "60.0" in executed.cells[0].outputs[0]["data"]["text/plain"]


def test_run_chapter_fails_when_nothing_is_recorded(tmp_path):
    notebook = tiny_chapter(tmp_path, "x = 1")
    with pytest.raises(RuntimeError, match="recorded no results"):
        run_chapter(notebook, "default", tmp_path / "results", tmp_path / "out")
    assert not (tmp_path / "results").exists()


def test_readme_table_replaces_only_the_marked_block():
    readme = f"intro\n{README_START}\nold table\n{README_END}\nrest\n"
    assert readme_with_table(readme, "| new |") == f"intro\n{README_START}\n| new |\n{README_END}\nrest\n"
    with pytest.raises(ValueError, match="needs one"):
        readme_with_table("no markers", "| new |")


def test_timings_markdown_rounds_to_minutes_and_gib():
    row = {"chapter": "01_x", "scale": "default", "hardware": "2-core CPU", "backend": "tensorflow",
           "wall_s": 95.0, "peak_rss_mib": 1536.0}
    assert timings_markdown([row]).splitlines()[-1] == "| 01_x | default | 2-core CPU (tensorflow) | 1.6 min | 1.5 GiB |"


def test_committed_timings_and_readme_table_match_the_results():
    rows = timing_rows(RESULTS)
    assert {row["chapter"] for row in rows if row["scale"] == "default"} == {p.stem for p in chapter_notebooks()}
    assert json.loads((RESULTS / "timings.json").read_text()) == rows
    assert readme_with_table((ROOT / "README.md").read_text(), timings_markdown(rows)) == \
        (ROOT / "README.md").read_text(), "regenerate with python -m lstm_helpers.reproduce"



def test_a_failing_chapter_is_kept_with_its_error(tmp_path):
    notebook = tiny_chapter(tmp_path, "raise ValueError('the data set is corrupt')")
    with pytest.raises(Exception, match="the data set is corrupt"):
        run_chapter(notebook, "default", tmp_path / "results", tmp_path / "out")
    executed = nbformat.read(tmp_path / "out" / "01_tiny.ipynb", as_version=4)
    assert executed.cells[0].outputs[0]["ename"] == "ValueError"
