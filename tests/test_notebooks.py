"""Every chapter is a Jupytext pair whose notebook is in sync and fully executed.

nbval and the book read the .ipynb; reviewers edit the .py. A pair that differs in
its cells, or a notebook with unexecuted cells (nbval silently skips those) or an
error output, fails here.
"""

import json
import re
from pathlib import Path

import jupytext
import nbformat
import pytest
import yaml

from book_tools.reproduce import RESULTS, chapter_notebooks

CHAPTERS = Path(__file__).resolve().parents[1] / "chapters"
SOURCES = sorted(CHAPTERS.glob("[0-9][0-9]_*.py"))
NOTEBOOKS = sorted(CHAPTERS.glob("[0-9][0-9]_*.ipynb"))


def cells(notebook) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source.strip()) for cell in notebook.cells]


def test_every_notebook_has_a_source():
    assert sorted(path.with_suffix(".py") for path in NOTEBOOKS) == SOURCES


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_pair_is_in_sync(source):
    notebook = source.with_suffix(".ipynb")
    assert notebook.is_file(), f"{notebook.name} is missing: run `jupytext --sync {source.name}`"
    from_source = cells(jupytext.read(source))
    stored = cells(nbformat.read(notebook, as_version=4))
    assert from_source == stored, f"{source.name} and {notebook.name} differ: sync and re-execute"


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_chapter_lines_fit_the_line_length(source):
    long = [
        number
        for number, line in enumerate(source.read_text().splitlines(), 1)
        if len(line) > 100 and not line.startswith("# %%")  # cell metadata cannot wrap
    ]
    assert not long, f"{source.name}: lines {long} are longer than 100 characters"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_is_fully_executed_without_errors(notebook):
    code = [
        cell for cell in nbformat.read(notebook, as_version=4).cells if cell.cell_type == "code"
    ]
    counts = [cell.execution_count for cell in code]
    assert counts == list(range(1, len(code) + 1)), f"{notebook.name} is not executed top to bottom"
    for cell in code:
        for output in cell.outputs:
            assert output.output_type != "error", (
                f"{notebook.name} stores an error: {output.get('ename')}"
            )
            assert output.get("name") != "stderr", (
                f"{notebook.name} stores stderr: {output.text[:200]}"
            )


CHAPTER_SOURCES = [
    path.with_suffix(".py") for path in chapter_notebooks()
]  # the report is no chapter
REPOSITORY = yaml.safe_load((CHAPTERS.parent / "_config.yml").read_text())["repository"]["url"]


@pytest.mark.parametrize("source", CHAPTER_SOURCES, ids=lambda path: path.stem)
def test_chapter_opens_with_its_needs_and_a_colab_install(source):
    notebook = jupytext.read(source)
    header = notebook.cells[0].source
    for part in ("**What you will learn**", "**Data**", "**Time**", "**GPU**"):
        assert part in header, f"{source.name}'s opening cell lacks {part}"
    first_cell = next(cell for cell in notebook.cells if cell.cell_type == "code")
    first_code = first_cell.source
    assert "remove-cell" in first_cell.metadata.get("tags", []), "the page hides the Colab cell"
    assert first_code.startswith('import sys\n\nif "google.colab" in sys.modules:'), (
        "Colab cell first"
    )
    assert f'git+{REPOSITORY}"' in first_code, (
        "the Colab cell installs from _config.yml's repository"
    )


@pytest.mark.parametrize("source", CHAPTER_SOURCES, ids=lambda path: path.stem)
def test_chapter_states_the_measured_default_time(source):
    header = jupytext.read(source).cells[0].source
    stated = re.search(
        r"\*\*Time\*\*: about (\d+) minutes? on a 2-core CPU at the default scale", header
    )
    assert stated, f"{source.name} states no default-scale time"
    measured = json.loads((RESULTS / "default" / f"{source.stem}.json").read_text())["wall_s"] / 60
    assert int(stated.group(1)) == max(1, round(measured)), (
        f"the benchmark measured {measured:.1f} min"
    )
