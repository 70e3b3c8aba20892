"""Character ids for reviews (chapter 5)."""

import numpy as np
import pytest

from lstm_helpers.review_chars import ARTICLE_VALID, PAD, UNK, VALID, CharVocabulary


def test_the_article_alphabet_misses_zero_and_ours_does_not():
    assert "0" not in ARTICLE_VALID and set(VALID) == set(ARTICLE_VALID) | {"0"}
    assert len(CharVocabulary(ARTICLE_VALID)) == 46 and len(CharVocabulary()) == 47


def test_encode_lower_cases_maps_unknowns_and_pads():
    vocabulary = CharVocabulary("ab ")
    assert vocabulary.symbols == (PAD, UNK, "a", "b", " ")
    np.testing.assert_array_equal(
        vocabulary.encode(["Ab é", "bbbbbb"], maxlen=5), [[2, 3, 4, 1, 0], [3] * 5]
    )
    np.testing.assert_array_equal(
        vocabulary.encode(["ab"], maxlen=4, padding="pre"), [[0, 0, 2, 3]]
    )
    np.testing.assert_array_equal(
        vocabulary.encode(["abba "], maxlen=3, truncating="pre"), [[3, 2, 4]]
    )
    assert vocabulary.encode(["\U0001f600x"], maxlen=2).tolist() == [[1, 1]]
    assert vocabulary.decode([2, 1, 3, 0, 0]) == "a\u00a4b"


def test_zero_is_unknown_to_the_article_alphabet():
    assert CharVocabulary(ARTICLE_VALID).encode(["10"], maxlen=2)[0, 1] == 1
    assert CharVocabulary().encode(["10"], maxlen=2)[0, 1] != 1


@pytest.mark.parametrize("valid", ["", "aa", "aé"])
def test_bad_alphabets_are_an_error(valid):
    with pytest.raises(ValueError):
        CharVocabulary(valid)


@pytest.mark.parametrize(
    ("maxlen", "padding", "truncating"),
    [(0, "post", "post"), (3, "middle", "post"), (3, "pre", "end")],
)
def test_bad_encoding_options_are_an_error(maxlen, padding, truncating):
    with pytest.raises(ValueError, match="need maxlen >= 1"):
        CharVocabulary().encode(["a"], maxlen=maxlen, padding=padding, truncating=truncating)
