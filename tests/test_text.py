"""Tokenizer, vocabulary and length statistics (chapter 4)."""

import numpy as np
import pytest

from lstm_helpers.text import PAD, UNK, Vocabulary, article_clean, length_report, tokenize


def test_tokenize_splits_clitics_and_punctuation_like_glove():
    assert tokenize("I can't believe it's 7/10... Well-made!") == [
        "i",
        "ca",
        "n't",
        "believe",
        "it",
        "'s",
        "7/10",
        "...",
        "well-made",
        "!",
    ]
    assert tokenize("Don’t") == ["do", "n't"]
    assert tokenize("O'Brien -- 'quoted'") == ["o'brien", "--", "'", "quoted", "'"]
    assert tokenize("") == []


def test_vocabulary_orders_by_frequency_then_alphabet_and_encodes_unknowns_as_1():
    vocabulary = Vocabulary.build([["b", "a", "b"], ["c", "a", "d"]], min_count=1)
    assert vocabulary.words == (PAD, UNK, "a", "b", "c", "d")
    np.testing.assert_array_equal(vocabulary.encode(["b", "zzz", "d"]), [3, 1, 5])
    assert vocabulary.encode(["a"]).dtype == np.int32
    assert vocabulary.decode([3, 1, 0, 0]) == ["b", UNK]
    assert len(Vocabulary.build([["b", "a", "b"], ["a", "c"]], min_count=2)) == 4
    assert Vocabulary.build([["b", "a", "b"], ["a", "c"]], max_size=3).words == (PAD, UNK, "a")


def test_vocabulary_ignores_reserved_tokens_in_the_text():
    assert Vocabulary.build([[PAD, UNK, "x"]]).words == (PAD, UNK, "x")


@pytest.mark.parametrize("words", [("a", "b"), (PAD, UNK, "a", "a"), (UNK, PAD)])
def test_vocabulary_rejects_bad_word_lists(words):
    with pytest.raises(ValueError, match="starts with"):
        Vocabulary(words)


@pytest.mark.parametrize(("min_count", "max_size"), [(0, None), (1, 1)])
def test_vocabulary_rejects_bad_limits(min_count, max_size):
    with pytest.raises(ValueError, match="min_count >= 1"):
        Vocabulary.build([["a"]], min_count=min_count, max_size=max_size)


def test_length_report_counts_padded_equal_truncated():
    assert length_report([1, 3, 3, 5], 3) == {
        "padded": 1,
        "equal": 2,
        "truncated": 1,
        "mean length": 3.0,
    }


@pytest.mark.parametrize(("lengths", "maxlen"), [([], 3), ([1, 2], 0), ([[1, 2]], 3)])
def test_length_report_rejects_bad_input(lengths, maxlen):
    with pytest.raises(ValueError, match="non-empty list of lengths"):
        length_report(lengths, maxlen)


def test_article_clean_expands_contractions_and_folds_whitespace():
    assert article_clean("It 's NOT   great , is n't it?") == "it is not great , is not it ?"
    assert article_clean("I can't") == "i can not"
    assert article_clean("Let’s go") == "let us go"
    assert article_clean("the film 's score") == "the film is score", (
        "the article's possessive slip, kept"
    )
    assert article_clean("   ") == ""
