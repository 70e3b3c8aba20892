"""The book's Sphinx extension unpacks only MathJax's browser files, safely."""

import io
import tarfile

import pytest

from book_tools.book import unpack_mathjax
from lstm_helpers.data import DataError


def make_tarball(path, names):
    with tarfile.open(path, "w:gz") as tarred:
        for name in names:
            info = tarfile.TarInfo(name)
            info.size = 2
            tarred.addfile(info, io.BytesIO(b"//"))
    return path


def test_only_browser_files_are_unpacked(tmp_path):
    tarball = make_tarball(
        tmp_path / "mj.tgz",
        [
            "package/es5/tex-chtml.js",
            "package/es5/output/chtml/fonts/a.woff",
            "package/es5/sre/big.js",
            "package/package.json",
        ],
    )
    root = unpack_mathjax(tarball, tmp_path / "out")
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert files == ["output/chtml/fonts/a.woff", "tex-chtml.js"]


def test_unsafe_member_names_are_refused(tmp_path):
    tarball = make_tarball(tmp_path / "mj.tgz", ["package/es5/input/../../../../evil.js"])
    with pytest.raises(DataError, match="unsafe path"):
        unpack_mathjax(tarball, tmp_path / "out")
    assert not (tmp_path / "evil.js").exists()
