"""Shared fixtures: an empty cache and mirror for the loaders' error paths."""

from __future__ import annotations

import pytest

from lstm_helpers.data import CACHE_VARIABLE, MIRROR_VARIABLE


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    """An empty cache folder, no mirror and no npm: only what a test provides is found."""
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_VARIABLE, str(cache))
    monkeypatch.delenv(MIRROR_VARIABLE, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    return cache
