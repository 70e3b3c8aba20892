"""IMDB loader on the real npm package, and the archive reader on a tiny tar."""

import io
import tarfile

import pytest

from lstm_helpers.imdb import N_DUPLICATE_TEXTS, _rows_from_archive, load_imdb


@pytest.fixture(scope="module")
def reviews():
    return load_imdb()


def test_official_split_sizes(reviews):
    assert reviews.shape == (50_000, 3)
    assert list(reviews.columns) == ["text", "label", "split"]
    assert reviews.groupby(["split", "label"]).size().to_dict() == {
        ("test", 0): 12_500,
        ("test", 1): 12_500,
        ("train", 0): 12_500,
        ("train", 1): 12_500,
    }


def test_order_is_train_then_test_sorted_by_label_and_text(reviews):
    assert reviews["split"].iloc[0] == "train" and reviews["split"].iloc[-1] == "test"
    train_neg = reviews[(reviews.split == "train") & (reviews.label == 0)]["text"]
    assert train_neg.is_monotonic_increasing


def test_html_breaks_become_newlines(reviews):
    assert not reviews["text"].str.contains("<br />", regex=False).any()
    assert reviews["text"].str.contains("\n", regex=False).sum() == 29_200


def test_a_known_review_sits_in_its_block(reviews):
    costner = reviews[
        reviews["text"].str.startswith("Once again Mr. Costner has dragged out a movie")
    ]
    assert costner[["label", "split"]].values.tolist() == [[0, "test"]]


def test_dropping_duplicates_keeps_train_copies(reviews):
    unique = load_imdb(drop_duplicates=True)
    assert len(reviews) - len(unique) == N_DUPLICATE_TEXTS == 418
    assert unique["text"].is_unique
    assert (unique["split"] == "train").sum() == 24_904


def test_archive_reader_maps_folders_to_labels(tmp_path):
    archive = tmp_path / "aclImdb_v1.tar.gz"
    members = {
        "aclImdb/train/pos/1_9.txt": "Great.",
        "aclImdb/test/neg/2_1.txt": "Awful.",
        "aclImdb/train/unsup/3_0.txt": "No label.",
        "aclImdb/imdb.vocab": "the",
    }
    with tarfile.open(archive, "w:gz") as tarred:
        for name, text in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(text)
            tarred.addfile(info, io.BytesIO(text.encode()))
    assert sorted(_rows_from_archive(archive)) == [("Awful.", 0, "test"), ("Great.", 1, "train")]
