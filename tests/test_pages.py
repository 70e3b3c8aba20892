"""The browser check of the built book, on rendered pages made up for the test."""

import pytest

from book_tools.pages import main, problems_in

WORDS = " ".join(["word"] * 60)


@pytest.fixture
def page(tmp_path):
    (tmp_path / "_images").mkdir()
    (tmp_path / "_images" / "fig.png").write_bytes(b"\x89PNG...")
    (tmp_path / "_images" / "empty.png").write_bytes(b"")
    (tmp_path / "chapters").mkdir()
    return tmp_path / "chapters" / "01_x.html"


def test_a_clean_rendered_page_passes(page):
    dom = (
        f'<html><body><p>{WORDS}</p><span class="math notranslate nohighlight"><mjx-container>'
        f'<mjx-math>h</mjx-math></mjx-container></span><img src="../_images/fig.png">'
        f'<img src="data:image/png;base64,AAAA">'
        f'<script>var s = "Traceback (most recent call last)";</script>'
        "</body></html>"
    )
    assert problems_in(dom, page) == []


def test_raw_math_missing_images_and_logs_are_reported(page):
    dom = (
        f'<html><body><p>{WORDS}</p><span class="math notranslate nohighlight">\\(h_t\\)</span>'
        '<img src="../_images/missing.png"><img src="../_images/empty.png">'
        "<pre>Traceback (most recent call last):\n  File x</pre>"
        "<pre>2026-11-23 I0000 00:00:1 tensorflow/core/util/port.cc:153] "
        "oneDNN custom operations</pre>"
        "</body></html>"
    )
    found = problems_in(dom, page)
    assert "math not typeset: '\\\\(h_t\\\\)'" in found
    assert "image does not load: ../_images/missing.png" in found
    assert "image does not load: ../_images/empty.png" in found
    assert "log text visible: 'Traceback (most recent call last)'" in found
    assert (
        "log text visible: 'tensorflow/core'" in found
        and "log text visible: 'I0000 00:00'" in found
    )


def test_an_empty_page_is_reported(page):
    assert problems_in("<html><body><p>Loading</p></body></html>", page) == [
        "the page has almost no text: did it load?"
    ]


def test_no_pages_to_check_is_a_failure(tmp_path, capsys):
    assert main([str(tmp_path)]) == 1
    assert "build the book first" in capsys.readouterr().err
    assert main([]) == 2
