"""The one vocabulary of characters and words (chapters 2-6)."""

import numpy as np
import pytest

from lstm_helpers.review_chars import ARTICLE_VALID, VALID
from lstm_helpers.vocabulary import PAD, UNK, Vocabulary


def test_build_orders_by_frequency_then_alphabet_and_looks_up_unknowns_as_1():
    vocabulary = Vocabulary.build([["b", "a", "b"], ["c", "a", "d"]])
    assert vocabulary.tokens == (PAD, UNK, "a", "b", "c", "d")
    assert vocabulary.symbols == ("a", "b", "c", "d")
    np.testing.assert_array_equal(vocabulary.lookup(["b", "zzz", "d"]), [3, 1, 5])
    assert vocabulary.lookup(["a"]).dtype == np.int32
    assert vocabulary.decode([3, 1, 0, 0]) == ["b", UNK]
    assert len(Vocabulary.build([["b", "a", "b"], ["a", "c"]], min_count=2)) == 4
    assert Vocabulary.build([["b", "a", "b"], ["a", "c"]], max_size=3).tokens == (PAD, UNK, "a")


def test_build_ignores_reserved_tokens_in_the_text():
    assert Vocabulary.build([[PAD, UNK, "x"]]).tokens == (PAD, UNK, "x")


def test_characters_encode_with_padding_and_truncation_on_either_side():
    vocabulary = Vocabulary("ab ")
    np.testing.assert_array_equal(
        vocabulary.encode(["ab é", "bbbbbb"], maxlen=5), [[2, 3, 4, 1, 0], [3] * 5]
    )
    np.testing.assert_array_equal(vocabulary.encode(["ab"], 4, padding="pre"), [[0, 0, 2, 3]])
    np.testing.assert_array_equal(vocabulary.encode(["abba "], 3, truncating="pre"), [[3, 2, 4]])
    assert vocabulary.encode(["\U0001f600x"], maxlen=2).tolist() == [[1, 1]]
    assert "".join(vocabulary.decode([2, 1, 3, 0, 0])) == f"a{UNK}b"


def test_character_and_word_lookups_agree():
    vocabulary = Vocabulary("abc")
    np.testing.assert_array_equal(vocabulary.lookup("cab"), vocabulary.lookup(["c", "a", "b"]))


def test_a_closed_vocabulary_refuses_unknown_symbols():
    closed = Vocabulary("ab", reserved=())
    np.testing.assert_array_equal(closed.lookup("ba"), [1, 0])
    with pytest.raises(ValueError, match="'z' is not in the vocabulary"):
        closed.lookup("az")
    with pytest.raises(ValueError, match="'ab' is not in the vocabulary"):
        closed.lookup(["a", "ab"])
    with pytest.raises(ValueError, match=f"the padding token {PAD!r} is not in the vocabulary"):
        closed.encode(["a"], 3)
    np.testing.assert_array_equal(closed.encode(["a"], 3, pad="b"), [[0, 1, 1]])


def test_truncating_none_makes_a_long_sequence_an_error():
    with pytest.raises(ValueError, match="'abc' has 3 symbols; maxlen is 2"):
        Vocabulary("abc").encode(["abc"], 2, truncating=None)


def test_one_hot_leaves_reserved_ids_as_zero_rows():
    vocabulary = Vocabulary("ab", reserved=(PAD,))
    np.testing.assert_array_equal(vocabulary.one_hot([[0, 1, 2]]), [[[0, 0], [1, 0], [0, 1]]])
    assert vocabulary.one_hot([1]).dtype == np.float32
    with pytest.raises(ValueError, match="ids must lie in 0..2"):
        vocabulary.one_hot([3])


def test_the_article_review_alphabet_misses_zero_and_ours_does_not():
    assert "0" not in ARTICLE_VALID and set(VALID) == set(ARTICLE_VALID) | {"0"}
    assert len(Vocabulary(ARTICLE_VALID)) == 46 and len(Vocabulary(VALID)) == 47
    assert Vocabulary(ARTICLE_VALID).encode(["10"], maxlen=2)[0, 1] == 1
    assert Vocabulary(VALID).encode(["10"], maxlen=2)[0, 1] != 1


@pytest.mark.parametrize(
    ("symbols", "reserved", "match"),
    [
        ("", (PAD, UNK), "at least one symbol"),
        ("aa", (), "no symbol twice"),
        ([PAD, "a"], (PAD,), "no symbol twice"),
        ("a", ("<mask>",), "reserved tokens are"),
    ],
)
def test_bad_symbol_lists_are_an_error(symbols, reserved, match):
    with pytest.raises(ValueError, match=match):
        Vocabulary(symbols, reserved)


@pytest.mark.parametrize(("min_count", "max_size"), [(0, None), (1, 2)])
def test_build_rejects_bad_limits(min_count, max_size):
    with pytest.raises(ValueError, match="min_count >= 1"):
        Vocabulary.build([["a"]], min_count=min_count, max_size=max_size)


@pytest.mark.parametrize(
    ("maxlen", "padding", "truncating"),
    [(0, "post", "post"), (3, "middle", "post"), (3, "pre", "end")],
)
def test_bad_encoding_options_are_an_error(maxlen, padding, truncating):
    with pytest.raises(ValueError, match="need maxlen >= 1"):
        Vocabulary("a").encode(["a"], maxlen=maxlen, padding=padding, truncating=truncating)
