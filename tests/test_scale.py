import pytest

from lstm_helpers.scale import SCALE_VARIABLE, current_scale, scale


def test_default_when_unset(monkeypatch):
    monkeypatch.delenv(SCALE_VARIABLE, raising=False)
    assert current_scale() == "default"
    assert scale(default=8, full=120) == 8


@pytest.mark.parametrize("value", ["full", "FULL", " full "])
def test_full(monkeypatch, value):
    monkeypatch.setenv(SCALE_VARIABLE, value)
    assert scale(default=8, full=120) == 120


def test_empty_value_means_default(monkeypatch):
    monkeypatch.setenv(SCALE_VARIABLE, "")
    assert scale(default="small", full="large") == "small"


@pytest.mark.parametrize("value", ["fulll", "small", "1"])
def test_unknown_scale_is_a_clear_error(monkeypatch, value):
    monkeypatch.setenv(SCALE_VARIABLE, value)
    with pytest.raises(
        ValueError, match=f"{SCALE_VARIABLE}='{value}' is not a scale; use one of default, full"
    ):
        scale(default=1, full=2)
