"""Character language-model helpers of chapter 3: windows, encoding, scoring, n-grams."""

import math

import numpy as np
import pytest

from lstm_helpers.charlm import (
    Alphabet,
    NgramModel,
    every_context_windows,
    every_substring,
    log_likelihoods,
    next_char_windows,
    prefix_contexts,
    sample_strings,
)


def test_full_windows_match_the_classic_layout():
    contexts, targets = next_char_windows("abcdefg", 5)
    assert contexts == ["abcde", "bcdef"] and targets == ["f", "g"]


def test_random_length_contexts_end_right_before_their_target():
    text = "the quick brown fox"
    contexts, targets = next_char_windows(text, 4, seed=0)
    assert targets == list(text)
    assert contexts[0] == ""
    for i, context in enumerate(contexts):
        assert len(context) <= 4 and text[:i].endswith(context)
    assert {len(c) for c in contexts} == {0, 1, 2, 3, 4}


def test_encoding_right_aligns_and_rejects_unknown_characters():
    alphabet = Alphabet("abc")
    x = alphabet.encode_contexts(["", "b", "abc"], 3)
    assert x.shape == (3, 3, 3)
    assert not x[0].any()
    np.testing.assert_array_equal(x[1], [[0, 0, 0], [0, 0, 0], [0, 1, 0]])
    np.testing.assert_array_equal(x[2].argmax(axis=1), [0, 1, 2])
    with pytest.raises(ValueError, match="'z' is not in the alphabet"):
        alphabet.encode_contexts(["az"], 3)
    with pytest.raises(ValueError, match="longer than maxlen=2"):
        alphabet.encode_contexts(["abc"], 2)


def test_targets_are_one_hot_and_unknown_ones_rejected():
    alphabet = Alphabet("abc")
    np.testing.assert_array_equal(alphabet.encode_targets(["c", "a"]), [[0, 0, 1], [1, 0, 0]])
    for bad in (["a", "z"], ["ab"]):
        with pytest.raises(ValueError, match=f"{bad[-1]!r} is not in the alphabet"):
            alphabet.encode_targets(bad)


def test_prefix_contexts_include_the_empty_start():
    assert prefix_contexts(["abc"], 2) == (["", "a", "ab"], ["a", "b", "c"])


def test_log_likelihood_of_a_known_model():
    alphabet = Alphabet("ab")

    def predict(x):  # P(a) = 0.75 after an empty context, 0.5 otherwise
        empty = x.sum(axis=(1, 2)) == 0
        return np.where(empty[:, None], [0.75, 0.25], [0.5, 0.5])

    values = log_likelihoods(predict, alphabet, ["ab", "ba"], maxlen=3)
    np.testing.assert_allclose(values, [math.log(0.75 * 0.5), math.log(0.25 * 0.5)])
    with pytest.raises(ValueError, match="strings must have one length"):
        log_likelihoods(predict, alphabet, ["a", "ab"], maxlen=3)
    with pytest.raises(
        ValueError, match="'c' is not in the alphabet"
    ):  # a character only ever predicted
        log_likelihoods(predict, alphabet, ["abc"], maxlen=3)


def test_every_context_windows_hold_every_length_up_to_maxlen():
    contexts, targets = every_context_windows("abc", 2)
    assert contexts == ["", "", "a", "", "b", "ab"]
    assert targets == ["a", "b", "b", "c", "c", "c"]


def test_ngram_witten_bell_values_by_hand():
    model = NgramModel(2, "ab").fit("abab")
    # empty context: a and b seen twice each, two distinct followers -> (2 + 2 * 1/2) / (4 + 2)
    assert model.probability("", "a") == pytest.approx(0.5)
    # after "a": b twice, one distinct follower -> (2 + 1 * 0.5) / (2 + 1)
    assert model.probability("a", "b") == pytest.approx(5 / 6)
    assert model.log_prob("ab") == pytest.approx(math.log(0.5 * 5 / 6))


def test_ngram_probabilities_sum_to_one():
    model = NgramModel(3, "abc").fit("abcabcabba")
    for context in ("", "a", "ab", "bb", "cc", "xab"):
        assert sum(model.probability(context, char) for char in "abc") == pytest.approx(1.0)
    total = sum(math.exp(model.log_prob(a + b + c)) for a in "abc" for b in "abc" for c in "abc")
    assert total == pytest.approx(1.0)


def test_ngram_scores_a_substring_start_from_the_empty_context():
    model = NgramModel(4, "abc").fit("abcabcab")
    assert model.log_prob("c") == pytest.approx(math.log(model.probability("", "c")))
    assert model.log_prob("ca") == pytest.approx(
        math.log(model.probability("", "c") * model.probability("c", "a"))
    )
    # an unseen context falls back to the shorter one
    assert model.probability("cc", "a") == pytest.approx(model.probability("c", "a"))


def test_ngram_rejects_bad_input():
    with pytest.raises(ValueError, match="order must be at least 1"):
        NgramModel(0, "ab")
    with pytest.raises(ValueError, match=r"outside the vocabulary: \['z'\]"):
        NgramModel(2, "ab").fit("abz")
    with pytest.raises(ValueError, match=r"outside the vocabulary: \['c'\]"):
        NgramModel(2, "ab").fit("ab").log_prob("ac")
    with pytest.raises(ValueError, match=r"outside the vocabulary: \['z'\]"):
        NgramModel(2, "ab").fit("ab").probability("a", "z")
    with pytest.raises(ValueError, match=r"outside the vocabulary: \['z'\]"):
        NgramModel(2, "ab").fit("ab").probability("z", "a")


def test_unigram_prefers_frequent_letters():
    model = NgramModel(1, "ab").fit("aaab")
    assert model.log_prob("a") > model.log_prob("b")


def test_sample_strings():
    rng = np.random.default_rng(0)
    samples = sample_strings("abcdefghij", 50, 4, rng)
    assert all(len(s) == 4 and s in "abcdefghij" for s in samples)
    with pytest.raises(ValueError, match="has no substring of 20"):
        sample_strings("short", 1, 20, rng)


def test_ngram_predict_matches_probability_on_encoded_contexts():
    model = NgramModel(3, "abc").fit("abcabcabba")
    alphabet = Alphabet("abc")
    contexts = ["", "a", "ab", "cab", "bb"]
    predicted = model.predict(alphabet.encode_contexts(contexts, maxlen=4))
    expected = [[model.probability(context, char) for char in "abc"] for context in contexts]
    np.testing.assert_allclose(predicted, expected)
    # the same log-likelihoods as log_prob, through the path the LSTM takes
    strings = ["abca", "bbac", "cccc"]
    np.testing.assert_allclose(
        log_likelihoods(model.predict, alphabet, strings, maxlen=4),
        [model.log_prob(s) for s in strings],
    )


def test_ngram_predict_rejects_what_is_not_an_encoded_context():
    model = NgramModel(2, "abc").fit("abcabc")
    with pytest.raises(ValueError, match=r"shape \(n, maxlen, 3\)"):
        model.predict(Alphabet("ab").encode_contexts(["ab"], maxlen=2))
    two_hot = Alphabet("abc").encode_contexts(["ab"], maxlen=2)
    two_hot[0, 0, 2] = 1
    with pytest.raises(ValueError, match="all zeros or one-hot"):
        model.predict(two_hot)
    left_aligned = Alphabet("abc").encode_contexts(["a"], maxlen=2)[:, ::-1]
    with pytest.raises(ValueError, match="right-aligned"):
        model.predict(left_aligned)


def test_ngram_predict_follows_a_refit():
    model = NgramModel(2, "ab").fit("aaaa")
    x = Alphabet("ab").encode_contexts(["a"], maxlen=1)
    before = model.predict(x)
    model.fit("abababab")
    np.testing.assert_allclose(model.predict(x)[0], [model.probability("a", c) for c in "ab"])
    assert not np.allclose(model.predict(x), before)


def test_encode_strings_post_pads_with_zero_and_shifts_ids_by_one():
    alphabet = Alphabet("abc")
    np.testing.assert_array_equal(
        alphabet.encode_strings(["cab", "b"], 4), [[3, 1, 2, 0], [2, 0, 0, 0]]
    )
    assert alphabet.encode_strings(["a"], 1).dtype == np.int32


def test_encode_strings_rejects_long_empty_and_unknown_strings():
    alphabet = Alphabet("abc")
    with pytest.raises(ValueError, match="'abca' is empty or longer than maxlen=3"):
        alphabet.encode_strings(["ab", "abca"], 3)
    with pytest.raises(ValueError, match="'' is empty"):
        alphabet.encode_strings(["a", ""], 3)
    with pytest.raises(ValueError, match="'z' is not in the alphabet"):
        alphabet.encode_strings(["az"], 3)


def test_every_substring_lists_each_start_for_each_length():
    assert every_substring("abcd", [2, 4]) == ["ab", "bc", "cd", "abcd"]
    assert len(every_substring("abcdef", range(1, 4))) == 6 + 5 + 4
    for lengths in ([], [0, 2], [5]):
        with pytest.raises(ValueError, match="lengths must lie between 1 and len"):
            every_substring("abcd", lengths)
