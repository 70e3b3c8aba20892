"""Naive Bayes log-count ratios for NBSVM and for an LSTM's token inputs (chapter 4)."""

import numpy as np
import pytest
from scipy import sparse

from lstm_helpers.naive_bayes import NaiveBayesEvidence, log_count_ratio, words_and_pairs

REVIEWS = [
    ["not", "bad", "at", "all"],
    ["great", "fun"],
    ["not", "good"],
    ["bad", "and", "dull"],
    ["great", "acting", "not", "bad"],
    ["dull", "not", "fun"],
]
LABELS = np.array([1, 1, 0, 0, 1, 0])


def test_words_and_pairs_lists_the_words_then_each_neighbouring_pair():
    assert words_and_pairs(["not", "bad", "at"]) == ["not", "bad", "at", "not bad", "bad at"]
    assert words_and_pairs(["one"]) == ["one"]
    assert words_and_pairs([]) == []


def test_log_count_ratio_adds_one_to_each_class_count_and_normalises_by_the_class_total():
    counts = sparse.csr_matrix([[1, 0, 1], [1, 1, 0], [0, 1, 0]])
    ratio = log_count_ratio(counts, np.array([1, 1, 0]))
    p, q = np.array([3, 2, 2]), np.array([1, 2, 1])  # 1 + counts in each class
    np.testing.assert_allclose(ratio, np.log(p / 7) - np.log(q / 4))
    assert ratio[0] > 0 > ratio[1]


@pytest.mark.parametrize(
    "labels, message",
    [
        (np.array([1, 0]), "3 rows of counts but 2 labels"),
        (np.array([1, 2, 0]), "labels must be 0 and 1"),
        (np.array([1, 1, 1]), "both present"),
    ],
)
def test_log_count_ratio_rejects_labels_that_do_not_fit(labels, message):
    with pytest.raises(ValueError, match=message):
        log_count_ratio(sparse.csr_matrix(np.ones((3, 2))), labels)


def test_review_features_are_the_binary_features_scaled_by_their_ratios():
    evidence = NaiveBayesEvidence(REVIEWS, LABELS, min_count=2, folds=2)
    names = evidence.counter.get_feature_names_out()
    assert "not bad" in names and "acting" not in names  # seen in two reviews, and in one
    features = evidence.review_features([["not", "bad", "not", "bad", "acting"]]).toarray()[0]
    for name in ("not", "bad", "not bad"):
        column = evidence.counter.vocabulary_[name]
        assert features[column] == pytest.approx(evidence.ratio[column])  # binary: once
    assert np.count_nonzero(features) == 3
    assert evidence.ratio[evidence.counter.vocabulary_["not bad"]] > 0


def test_token_features_give_each_token_its_word_ratio_and_the_ratio_of_the_pair_ending_there():
    evidence = NaiveBayesEvidence(REVIEWS, LABELS, min_count=2, folds=2)
    index, ratio = evidence.counter.vocabulary_, evidence.ratio
    (features,) = evidence.token_features([["not", "bad", "zzz"]])
    assert features.shape == (3, 2) and features.dtype == np.float32
    np.testing.assert_allclose(
        features,
        [[ratio[index["not"]], 0], [ratio[index["bad"]], ratio[index["not bad"]]], [0, 0]],
        rtol=1e-6,
    )
    assert evidence.token_features([[]])[0].shape == (0, 2)


def test_out_of_fold_features_count_each_review_out_of_its_own_ratios():
    evidence = NaiveBayesEvidence(REVIEWS, LABELS, min_count=2, folds=2)
    out_of_fold = evidence.out_of_fold_token_features(REVIEWS)
    in_sample = evidence.token_features(REVIEWS)
    for i, review in enumerate(REVIEWS):
        others = np.arange(len(REVIEWS)) % 2 != i % 2
        ratio = log_count_ratio(evidence.counts[others], LABELS[others])
        np.testing.assert_allclose(out_of_fold[i], evidence.token_features([review], ratio)[0])
    # "great" is only in positive reviews 1 and 4, one in each fold: in sample it looks
    # positive, out of fold each review sees it once among the other fold's positives.
    assert not all(np.allclose(a, b) for a, b in zip(out_of_fold, in_sample))


def test_evidence_rejects_too_few_folds_and_the_wrong_reviews():
    with pytest.raises(ValueError, match="folds must be 2 or more"):
        NaiveBayesEvidence(REVIEWS, LABELS, folds=1)
    evidence = NaiveBayesEvidence(REVIEWS, LABELS, folds=2)
    with pytest.raises(ValueError, match="need the 6 training reviews, got 2"):
        evidence.out_of_fold_token_features(REVIEWS[:2])
