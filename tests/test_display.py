"""show_source: a helper's own source, for the page that teaches it."""

import pytest

from lstm_helpers.display import show_source
from lstm_helpers.layers import PeepholeLSTMCell
from lstm_helpers.reference import lstm_step


def test_a_function_is_shown_as_its_source():
    shown = show_source(lstm_step)
    assert repr(shown).startswith("def lstm_step(")
    assert "highlight" in shown._repr_html_()


def test_a_method_loses_its_class_indentation():
    source = repr(show_source(PeepholeLSTMCell.call))
    assert source.startswith("def call(self, inputs, states):\n    h, c = states\n")


def test_something_without_source_is_a_clear_error():
    with pytest.raises(ValueError, match="no Python source to show for 3"):
        show_source(3)
