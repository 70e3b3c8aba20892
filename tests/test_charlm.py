"""Character language-model helpers of chapter 3: windows, encoding, scoring, n-grams."""

import math

import numpy as np
import pytest

from lstm_helpers.charlm import (
    LikelihoodScorer,
    NgramModel,
    char_vocabulary,
    every_context_windows,
    every_substring,
    log_likelihoods,
    next_char_windows,
    one_hot_contexts,
    one_hot_targets,
    prefix_contexts,
    sample_strings,
    sample_text,
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
    alphabet = char_vocabulary("cab", "a")
    assert alphabet.symbols == ("a", "b", "c")
    x = one_hot_contexts(alphabet, ["", "b", "abc"], 3)
    assert x.shape == (3, 3, 3)
    assert not x[0].any()
    np.testing.assert_array_equal(x[1], [[0, 0, 0], [0, 0, 0], [0, 1, 0]])
    np.testing.assert_array_equal(x[2].argmax(axis=1), [0, 1, 2])
    with pytest.raises(ValueError, match="'z' is not in the vocabulary"):
        one_hot_contexts(alphabet, ["az"], 3)
    with pytest.raises(ValueError, match="'abc' has 3 symbols; maxlen is 2"):
        one_hot_contexts(alphabet, ["abc"], 2)


def test_targets_are_one_hot_and_unknown_ones_rejected():
    alphabet = char_vocabulary("abc")
    np.testing.assert_array_equal(one_hot_targets(alphabet, "ca"), [[0, 0, 1], [1, 0, 0]])
    for bad in (["a", "z"], ["ab"]):
        with pytest.raises(ValueError, match=f"{bad[-1]!r} is not in the vocabulary"):
            one_hot_targets(alphabet, bad)


def test_the_scorer_gives_each_language_its_log_likelihood():
    alphabet = char_vocabulary("ab")
    scorer = LikelihoodScorer(
        {
            "a": lambda x: np.tile([0.9, 0.1], (len(x), 1)),
            "b": lambda x: np.tile([0.2, 0.8], (len(x), 1)),
        },
        alphabet,
        maxlen=2,
    )
    scores = scorer(["aa", "ab"])
    np.testing.assert_allclose(scores["a"], np.log([0.81, 0.09]))
    np.testing.assert_allclose(scores["b"], np.log([0.04, 0.16]))


def test_prefix_contexts_include_the_empty_start():
    assert prefix_contexts(["abc"], 2) == (["", "a", "ab"], ["a", "b", "c"])


def test_log_likelihood_of_a_known_model():
    alphabet = char_vocabulary("ab")

    def predict(x):  # P(a) = 0.75 after an empty context, 0.5 otherwise
        empty = x.sum(axis=(1, 2)) == 0
        return np.where(empty[:, None], [0.75, 0.25], [0.5, 0.5])

    values = log_likelihoods(predict, alphabet, ["ab", "ba"], maxlen=3)
    np.testing.assert_allclose(values, [math.log(0.75 * 0.5), math.log(0.25 * 0.5)])
    with pytest.raises(ValueError, match="strings must have one length"):
        log_likelihoods(predict, alphabet, ["a", "ab"], maxlen=3)
    with pytest.raises(
        ValueError, match="'c' is not in the vocabulary"
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
    alphabet = char_vocabulary("abc")
    contexts = ["", "a", "ab", "cab", "bb"]
    predicted = model.predict(one_hot_contexts(alphabet, contexts, 4))
    expected = [[model.probability(context, char) for char in "abc"] for context in contexts]
    np.testing.assert_allclose(predicted, expected)
    # the same log-likelihoods as log_prob, through the path the LSTM takes
    strings = ["abca", "bbac", "cccc"]
    np.testing.assert_allclose(
        log_likelihoods(model.predict, alphabet, strings, maxlen=4),
        [model.log_prob(s) for s in strings],
    )


@pytest.mark.parametrize("order", [1, 2, 3, 7])
@pytest.mark.parametrize("maxlen", [2, 4])
def test_ngram_predict_reads_only_the_last_order_minus_one_characters(order, maxlen):
    """Each row its own context, repeated contexts included, whether the window is
    longer or shorter than the model's order."""
    model = NgramModel(order, "abc").fit("abcabcabbacbca")
    alphabet = char_vocabulary("abc")
    contexts = [c[max(0, len(c) - maxlen) :] for c in ["", "c", "ab", "ab", "bca", "cab", "ab"]]
    predicted = model.predict(one_hot_contexts(alphabet, contexts, maxlen))
    expected = [[model.probability(context, c) for c in "abc"] for context in contexts]
    np.testing.assert_allclose(predicted, expected)
    assert model.predict(one_hot_contexts(alphabet, [], maxlen)).shape == (0, 3)


def test_ngram_predict_rejects_what_is_not_an_encoded_context():
    model = NgramModel(2, "abc").fit("abcabc")
    with pytest.raises(ValueError, match=r"shape \(n, maxlen, 3\)"):
        model.predict(one_hot_contexts(char_vocabulary("ab"), ["ab"], 2))
    two_hot = one_hot_contexts(char_vocabulary("abc"), ["ab"], 2)
    two_hot[0, 0, 2] = 1
    with pytest.raises(ValueError, match="all zeros or one-hot"):
        model.predict(two_hot)
    left_aligned = one_hot_contexts(char_vocabulary("abc"), ["a"], 2)[:, ::-1]
    with pytest.raises(ValueError, match="right-aligned"):
        model.predict(left_aligned)


def test_ngram_predict_follows_a_refit():
    model = NgramModel(2, "ab").fit("aaaa")
    x = one_hot_contexts(char_vocabulary("ab"), ["a"], 1)
    before = model.predict(x)
    model.fit("abababab")
    np.testing.assert_allclose(model.predict(x)[0], [model.probability("a", c) for c in "ab"])
    assert not np.allclose(model.predict(x), before)


def test_encode_post_pads_with_zero_and_shifts_ids_by_one():
    alphabet = char_vocabulary("abc")
    np.testing.assert_array_equal(alphabet.encode(["cab", "b"], 4), [[3, 1, 2, 0], [2, 0, 0, 0]])
    assert alphabet.encode(["a"], 1).dtype == np.int32
    with pytest.raises(ValueError, match="'z' is not in the vocabulary"):
        alphabet.encode(["az"], 3)


def test_every_substring_lists_each_start_for_each_length():
    assert every_substring("abcd", [2, 4]) == ["ab", "bc", "cd", "abcd"]
    assert len(every_substring("abcdef", range(1, 4))) == 6 + 5 + 4
    for lengths in ([], [0, 2], [5]):
        with pytest.raises(ValueError, match="lengths must lie between 1 and len"):
            every_substring("abcd", lengths)


def test_sample_text_follows_the_model_and_its_temperature():
    vocabulary = char_vocabulary("abc")
    seen = []

    def predict(x):  # "a" after nothing, then always "b" three times as likely as "c"
        seen.append(x.shape)
        empty = not x[0].any()
        return np.array([[1.0, 0.0, 0.0]]) if empty else np.array([[0.0, 0.75, 0.25]])

    rng = np.random.default_rng(0)
    cold = sample_text(predict, vocabulary, 2, 6, temperature=0.01, rng=rng)
    assert cold == "abbbbb"  # near zero temperature: always the likeliest character
    assert seen == [(1, 2, 3)] * 6  # one context a step, at most maxlen characters
    hot = sample_text(predict, vocabulary, 2, 2_000, temperature=1.0, rng=rng)
    assert hot[0] == "a" and set(hot[1:]) == {"b", "c"}
    assert abs(hot[1:].count("c") / 1_999 - 0.25) < 0.04  # the model's own odds at T = 1


@pytest.mark.parametrize("temperature", [0.0, -1.0, float("nan")])
def test_sample_text_refuses_a_temperature_that_is_not_positive(temperature):
    with pytest.raises(ValueError, match="temperature"):
        sample_text(lambda x: x, char_vocabulary("ab"), 2, 3, temperature, np.random.default_rng(0))
