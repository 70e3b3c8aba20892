"""``python -m lstm_helpers fetch``: fetch and verify every data set of the book."""

from __future__ import annotations

import sys


def fetch_all() -> None:
    """Fetch each data set into the cache (or find it in the mirror), check it, print counts."""
    from lstm_helpers.glove import load_glove
    from lstm_helpers.imdb import load_imdb
    from lstm_helpers.treebank import kaggle_tables
    from lstm_helpers.udhr import udhr_codes

    print(f"UDHR: {len(udhr_codes())} translations")
    reviews = load_imdb()
    print(f"IMDB: {len(reviews):,} reviews, {reviews['text'].duplicated().sum()} duplicate texts")
    train, test = kaggle_tables()
    print(f"Treebank: {len(train):,} train and {len(test):,} test phrases")
    print(f"GloVe: {len(load_glove().words):,} words")


def main(argv: list[str]) -> int:
    if argv != ["fetch"]:
        print("usage: python -m lstm_helpers fetch", file=sys.stderr)
        return 2
    fetch_all()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
