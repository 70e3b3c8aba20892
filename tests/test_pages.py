"""The browser check of the built book, on rendered pages made up for the test."""

import pytest

from book_tools.pages import main, problems_in

WORDS = " ".join(["word"] * 60)
FITS = '<div id="page-check-overflow" hidden data-wide="[]"></div>'


@pytest.fixture
def page(tmp_path):
    (tmp_path / "_images").mkdir()
    (tmp_path / "_images" / "fig.png").write_bytes(b"\x89PNG...")
    (tmp_path / "_images" / "empty.png").write_bytes(b"")
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "logo.png").write_bytes(b"\x89PNG...")
    (tmp_path / "chapters").mkdir()
    return tmp_path / "chapters" / "01_x.html"


def test_a_clean_rendered_page_passes(page):
    dom = (
        f'<html><body><p>{WORDS}</p><span class="math notranslate nohighlight"><mjx-container>'
        f"<mjx-math>h</mjx-math></mjx-container></span>"
        f'<img src="../_images/fig.png" alt="Accuracy against length">'
        f'<img src="data:image/png;base64,AAAA" alt="A diagram of one cell">'
        f'<img src="../_static/logo.png" alt="logo">'
        f"<p>the pandas dtype: it says</p>"
        f'<script>var s = "Traceback (most recent call last)";</script>'
        f"{FITS}</body></html>"
    )
    assert problems_in(dom, page) == []


def test_raw_math_missing_images_and_logs_are_reported(page):
    dom = (
        f'<html><body><p>{WORDS}</p><span class="math notranslate nohighlight">\\(h_t\\)</span>'
        '<img src="../_images/missing.png" alt="a missing figure">'
        '<img src="../_images/empty.png" alt="an empty figure">'
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
    assert problems_in(f"<html><body><p>Loading</p>{FITS}</body></html>", page) == [
        "the page has almost no text: did it load?"
    ]


def test_no_pages_to_check_is_a_failure(tmp_path, capsys):
    assert main([str(tmp_path)]) == 1
    assert "build the book first" in capsys.readouterr().err
    assert main([]) == 2


def test_figures_need_alt_text_that_describes_them(page):
    dom = (
        f"<html><body><p>{WORDS}</p>"
        '<img src="../_images/fig.png">'
        '<img src="../_images/fig.png" alt="figure">'
        '<img src="../_images/fig.png" alt="../_images/flip_bit.png">'
        '<img src="../_images/fig.png" alt="The bit and the cell state over time">'
        f"{FITS}</body></html>"
    )
    assert problems_in(dom, page) == [
        "image without a describing alt text: ../_images/fig.png (alt '')",
        "image without a describing alt text: ../_images/fig.png (alt 'figure')",
        "image without a describing alt text: ../_images/fig.png (alt '../_images/flip_bit.png')",
    ]


def test_a_raw_pandas_footer_is_reported(page):
    dom = (
        f"<html><body><p>{WORDS}</p><pre>longest_gap    80.0\n"
        f"Name: 01_how_an_lstm_works, dtype: float64</pre>{FITS}</body></html>"
    )
    assert problems_in(dom, page) == ["raw pandas output visible: 'dtype: float64'"]


def test_boxes_wider_than_their_content_and_a_silent_script_are_reported(page):
    wide = '[["code", 912, 700, "x = keras.layers.LSTM(50)"], ["output", 800, 700, "Python"]]'
    dom = f"<html><body><p>{WORDS}</p><div id='page-check-overflow' data-wide='{wide}'></div>"
    assert problems_in(dom + "</body></html>", page) == [
        "code wider than its box (912 > 700 px): 'x = keras.layers.LSTM(50)'",
        "output wider than its box (800 > 700 px): 'Python'",
    ]
    assert problems_in(f"<html><body><p>{WORDS}</p></body></html>", page) == [
        "the overflow check did not run in the page"
    ]
