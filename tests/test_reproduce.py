"""The reproduction script: chapter selection, one chapter run, and the generated timing table."""

import json

import nbformat
import pytest

from book_tools.reproduce import (
    README_END,
    README_START,
    RESULTS,
    ROOT,
    chapter_notebooks,
    main,
    readme_with_table,
    record_runs,
    run_chapter,
    run_seed,
    timing_rows,
    timings_markdown,
)


def test_chapter_selection():
    names = [path.stem[:2] for path in chapter_notebooks()]
    assert names == ["01", "02", "03", "04", "05", "06"], "every chapter, not the report"
    assert [path.stem[:2] for path in chapter_notebooks(["03", "05"])] == ["03", "05"]
    with pytest.raises(SystemExit, match="no chapter starts with 09"):
        chapter_notebooks(["09"])


def tiny_chapter(folder, source):
    notebook = folder / "01_tiny.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, notebook)
    return notebook


def test_run_chapter_executes_at_the_scale_and_keeps_the_record(tmp_path):
    notebook = tiny_chapter(
        tmp_path,
        "import lstm_helpers as lh\n"
        "lh.record_results('01_tiny', {'epochs': lh.scale(default=2, full=60)})",
    )
    record = run_chapter(notebook, "full", tmp_path / "results", tmp_path / "out")
    assert record["metrics"] == {"epochs": 60.0}
    assert record["environment"]["scale"] == "full"
    assert record["wall_s"] > 0
    assert json.loads((tmp_path / "results" / "01_tiny.json").read_text()) == record
    executed = nbformat.read(tmp_path / "out" / "01_tiny.ipynb", as_version=4)
    shown = executed.cells[0].outputs[0]["data"]["text/plain"]
    assert "epochs" in shown and "60" in shown


def test_run_chapter_fails_when_nothing_is_recorded(tmp_path):
    notebook = tiny_chapter(tmp_path, "x = 1")
    with pytest.raises(RuntimeError, match="recorded no results"):
        run_chapter(notebook, "default", tmp_path / "results", tmp_path / "out")
    assert not (tmp_path / "results").exists()


def test_readme_table_replaces_only_the_marked_block():
    readme = f"intro\n{README_START}\nold table\n{README_END}\nrest\n"
    assert (
        readme_with_table(readme, "| new |")
        == f"intro\n{README_START}\n| new |\n{README_END}\nrest\n"
    )
    with pytest.raises(ValueError, match="needs one"):
        readme_with_table("no markers", "| new |")


def test_timings_markdown_rounds_to_minutes_and_gib():
    row = {
        "chapter": "01_x",
        "scale": "default",
        "hardware": "2-core CPU",
        "backend": "tensorflow",
        "wall_s": 95.0,
        "peak_rss_mib": 1536.0,
    }
    assert (
        timings_markdown([row]).splitlines()[-1]
        == "| 01_x | default | 2-core CPU (tensorflow) | 1.6 min | 1.5 GiB |"
    )


def test_committed_timings_and_readme_table_match_the_results():
    rows = timing_rows(RESULTS)
    assert {row["chapter"] for row in rows if row["scale"] == "default"} == {
        p.stem for p in chapter_notebooks()
    }
    assert json.loads((RESULTS / "timings.json").read_text()) == rows
    assert (
        readme_with_table((ROOT / "README.md").read_text(), timings_markdown(rows))
        == (ROOT / "README.md").read_text()
    ), "regenerate with python -m book_tools.reproduce"


def test_a_failing_chapter_is_kept_with_its_error(tmp_path):
    notebook = tiny_chapter(tmp_path, "raise ValueError('the data set is corrupt')")
    with pytest.raises(Exception, match="the data set is corrupt"):
        run_chapter(notebook, "default", tmp_path / "results", tmp_path / "out")
    executed = nbformat.read(tmp_path / "out" / "01_tiny.ipynb", as_version=4)
    assert executed.cells[0].outputs[0]["ename"] == "ValueError"


def test_seed_runs_keep_every_run_and_say_which_asserts_failed(tmp_path):
    notebook = tmp_path / "01_tiny.ipynb"
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("import lstm_helpers as lh\nlh.start()\ndraw = lh.seed(0)"),
            nbformat.v4.new_code_cell("assert draw % 2 == 0, f'odd draw {draw}'"),
            nbformat.v4.new_code_cell("lh.record_results('01_tiny', {'draw': draw})"),
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, notebook)
    odd, even = (
        run_seed(notebook, "default", seed, tmp_path / "out") for seed in (3, 4)
    )  # parities known
    assert odd["seed"] == 3 and not odd["asserts_passed"]
    assert odd["failures"] == [f"AssertionError: odd draw {odd['metrics']['draw']:.0f}"]
    assert even["asserts_passed"] and "failures" not in even and even["wall_s"] > 0
    assert odd["metrics"]["draw"] != even["metrics"]["draw"], "each seed draws anew"
    assert (tmp_path / "out" / "seed-3" / "01_tiny.ipynb").is_file()

    with pytest.raises(RuntimeError, match="run the chapter once without --seeds first"):
        record_runs(tmp_path / "results", "01_tiny", [odd, even])
    (tmp_path / "results").mkdir()
    stored = {
        "chapter": "01_tiny",
        "metrics": {"draw": 0.0},
        "environment": {},
        "peak_rss_mib": 1.0,
        "wall_s": 1.0,
    }
    (tmp_path / "results" / "01_tiny.json").write_text(json.dumps(stored))
    record_runs(tmp_path / "results", "01_tiny", [odd, even])
    assert json.loads((tmp_path / "results" / "01_tiny.json").read_text()) == {
        **stored,
        "runs": [odd, even],
    }


def test_a_chapter_that_records_nothing_is_a_failed_seed_run(tmp_path):
    run = run_seed(tiny_chapter(tmp_path, "x = 1"), "default", 1, tmp_path / "out")
    assert run["metrics"] == {} and not run["asserts_passed"]
    assert run["failures"] == ["the chapter recorded no metrics"]


def test_a_sweep_needs_a_seed():
    with pytest.raises(SystemExit, match="at least 1 seed"):
        main(
            ["--scale", "default", "--seeds", "0", "--chapters", "01", "--results", "/nonexistent"]
        )


def test_the_stored_run_is_unseeded_and_keeps_the_seed_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("LSTM_BOOK_SEED", "3")
    notebook = tiny_chapter(
        tmp_path,
        "import lstm_helpers as lh\nlh.start()\nlh.record_results('01_tiny', {'draw': lh.seed(0)})",
    )
    (tmp_path / "results").mkdir()
    runs = [{"seed": 1, "metrics": {"draw": 5.0}, "asserts_passed": True, "wall_s": 1.0}]
    (tmp_path / "results" / "01_tiny.json").write_text(
        json.dumps({"chapter": "01_tiny", "runs": runs})
    )
    record = run_chapter(notebook, "default", tmp_path / "results", tmp_path / "out")
    assert record["metrics"] == {"draw": 0.0}, "the stored run draws with the stored seeds"
    assert record["runs"] == runs
    assert json.loads((tmp_path / "results" / "01_tiny.json").read_text()) == record
