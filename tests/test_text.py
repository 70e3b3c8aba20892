"""Tokenizer and length statistics (chapter 4)."""

import pytest

from lstm_helpers.text import article_clean, length_report, tokenize


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
