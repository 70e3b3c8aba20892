"""Sphinx extension of the book (book infrastructure): MathJax from the site, the book's CSS.

Listed in ``_config.yml`` under ``sphinx.extra_extensions``. ``static/book.css`` widens
the content column so that code cells fit 100 characters (see its comment). The
MathJax 3 browser build comes from the npm package ``mathjax@3.2.2`` through the same
checked fetch as the data sets; only the files the book's pages load are unpacked, by
name, into the cache. Without npm or a cached copy the pages keep Sphinx's default
CDN MathJax.
"""

from __future__ import annotations

import shutil
import tarfile
from pathlib import Path, PurePosixPath

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from lstm_helpers.data import DataError, RawFile, cache_dir, fetch

MATHJAX = RawFile(
    name="mathjax-3.2.2.tgz",
    sha256="1b9c0a1c44df864e915690558e72adb9cc5203360daefd385084ced3b6c64c09",
    npm="mathjax@3.2.2",
)
_PREFIX = "package/es5/"
_KEEP = ("tex-chtml.js", "input/", "output/", "ui/", "a11y/", "adaptors/")
STATIC = Path(__file__).parent / "static"  # book.css: code cells wide enough for 100 characters
logger = logging.getLogger(__name__)


def unpack_mathjax(tarball: Path, target: Path) -> Path:
    """Unpack the browser files of the MathJax package under ``target/mathjax``."""
    root = target / "mathjax"
    if root.is_dir():
        return root
    partial = target / "mathjax.partial"  # renamed to `root` only once complete
    shutil.rmtree(partial, ignore_errors=True)
    with tarfile.open(tarball) as tarred:
        for member in tarred:
            relative = PurePosixPath(member.name[len(_PREFIX) :])
            if not (
                member.isfile()
                and member.name.startswith(_PREFIX)
                and str(relative).startswith(_KEEP)
            ):
                continue
            if relative.is_absolute() or ".." in relative.parts:
                raise DataError(f"{tarball.name} holds an unsafe path {member.name!r}")
            destination = partial / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(tarred.extractfile(member).read())
    partial.rename(root)
    return root


def _serve_mathjax_locally(app: Sphinx, config: Config) -> None:
    try:
        _, tarball = fetch(MATHJAX)
    except DataError as error:
        logger.info(f"MathJax stays on the CDN: {error}")
        return
    root = unpack_mathjax(tarball, cache_dir() / "mathjax-3.2.2")
    config.html_static_path = [*config.html_static_path, str(root.parent)]
    config.mathjax_path = "mathjax/tex-chtml.js"


def _add_book_stylesheet(app: Sphinx, config: Config) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _serve_mathjax_locally)
    app.connect("config-inited", _add_book_stylesheet)
    app.add_css_file("book.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
