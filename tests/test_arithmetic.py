"""Equation generation, the safe evaluator, the one-hot strings and the columns of chapter 2."""

import numpy as np
import pytest

from lstm_helpers.arithmetic import (
    ALPHABET,
    END,
    column_targets,
    digits_wrong,
    evaluate,
    expression,
    from_columns,
    from_one_hot,
    to_columns,
    to_one_hot,
    unique_operands,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("31 + 87", 118),
        ("0 + 0", 0),
        ("999 + 999", 1998),
        ("131 + 83 - 744", -530),
        ("131 + 83 - 744 * 33", -24338),
        ("7 - 2 - 1", 4),
        ("100 / 4 / 5", 5),
        ("6 / 3 * 2", 4),
        ("42", 42),
    ],
)
def test_evaluate(text, value):
    assert evaluate(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty expression"),
        ("1 +", "expected a number at token 2"),
        ("+ 1", "expected a number at token 0"),
        ("1 2", "expected an operator at token 1"),
        ("2 ** 3", "expected a number at token 2"),
        ("__import__('os')", "unexpected '_' at position 0"),
        ("1 / 0", "division by zero"),
        ("7 / 2", "is not an integer \\(7/2\\)"),
        ("1.5 + 1", "unexpected '.'"),
    ],
)
def test_evaluate_rejects_bad_input(text, message):
    with pytest.raises(ValueError, match=message):
        evaluate(text)


def test_unique_operands_are_distinct_in_range_and_seeded():
    pairs = list(unique_operands(5_000, seed=1))
    assert len(set(pairs)) == 5_000
    assert all(0 <= a <= 999 and 0 <= b <= 999 for a, b in pairs)
    assert pairs == list(unique_operands(5_000, seed=1))
    assert pairs != list(unique_operands(5_000, seed=2))


def test_uniform_sampling_rarely_draws_small_numbers_and_digit_sampling_fixes_it():
    uniform = np.array(list(unique_operands(20_000, sampling="uniform", seed=0)))
    balanced = np.array(list(unique_operands(20_000, sampling="digits", seed=0)))
    assert (uniform < 10).mean() == pytest.approx(0.01, abs=0.003)
    mixed = np.array(list(unique_operands(20_000, sampling="mixed", seed=0)))
    share_small = [(sample < 10).mean() for sample in (uniform, mixed, balanced)]
    assert share_small[0] * 5 < share_small[1] < share_small[2]
    assert ((balanced < 10).all(axis=1)).sum() == 100, "every one-digit pair is drawn"
    three_digit = [(sample >= 100).all(axis=1).mean() for sample in (uniform, mixed, balanced)]
    assert (
        three_digit[0] == pytest.approx(0.81, abs=0.01)
        and three_digit[0] > three_digit[1] > three_digit[2]
    )


def test_excluded_tuples_never_come_back():
    train = set(unique_operands(3_000, max_digits=2, seed=0))
    test = list(unique_operands(3_000, max_digits=2, seed=1, exclude=train))
    assert not train & set(test)
    with pytest.raises(
        ValueError, match="cannot draw 5000 distinct tuples from 10000 minus the excluded ones"
    ):
        next(unique_operands(5_000, max_digits=2, exclude=train | set(test)))


def test_three_operands_and_bad_sampling():
    triples = list(unique_operands(10, operands=3, seed=0))
    assert all(len(t) == 3 for t in triples)
    with pytest.raises(ValueError, match="sampling must be 'uniform', 'digits' or 'mixed'"):
        next(unique_operands(1, sampling="log"))


def test_expression():
    assert expression([131, 83, 744], ["+", "-"]) == "131 + 83 - 744"
    with pytest.raises(ValueError, match="3 numbers need 2 operators, got 1"):
        expression([1, 2, 3], ["+"])


def test_one_hot_round_trip_and_end_padding():
    encoded = to_one_hot(["31 + 87", "999 + 999"], 10)
    assert encoded.shape == (2, 10, 16) and encoded.dtype == np.float32
    assert (encoded.sum(axis=-1) == 1).all()
    assert (encoded[0, 7:, ALPHABET.index(END)] == 1).all()
    assert from_one_hot(encoded) == ["31 + 87", "999 + 999"]


def test_one_hot_rejects_long_strings_and_unknown_characters():
    with pytest.raises(ValueError, match="'12345' has 5 characters; at most 4 fit"):
        to_one_hot(["12345"], 5)
    with pytest.raises(ValueError, match="'x' is not in the vocabulary"):
        to_one_hot(["1x2"], 5)


def test_digits_wrong_aligns_right():
    assert digits_wrong("1903", "1003") == 1
    assert digits_wrong("00", "100") == 1
    assert digits_wrong("115", "105") == 1
    assert digits_wrong("19", "9") == 1
    assert digits_wrong("118", "118") == 0


def test_columns_align_digits_units_first_with_operator_flags():
    columns = to_columns(["811 - 85 + 179", "7 + 0 - 30"], width=4)
    assert columns.shape == (2, 5, 32)
    digits = columns[..., :30].reshape(2, 5, 3, 10)
    assert digits[0].argmax(-1)[:3].tolist() == [[1, 5, 9], [1, 8, 7], [8, 0, 1]]
    assert digits[1, 0].argmax(-1).tolist() == [7, 0, 0] and digits[1, 1].argmax(-1)[2] == 3
    # exactly one digit per number up to its leading digit, none above it
    assert digits[0, :4].sum(-1).tolist() == [[1, 1, 1], [1, 1, 1], [1, 0, 1], [0, 0, 0]]
    assert digits[1, :3].sum(-1).tolist() == [[1, 1, 1], [0, 0, 1], [0, 0, 0]]
    assert digits[:, 4].sum() == 0  # the sign step holds no digits
    assert (
        columns[0, :, 30:].tolist() == [[1, 0]] * 5 and columns[1, :, 30:].tolist() == [[0, 1]] * 5
    )


@pytest.mark.parametrize("value", [0, 7, -73, 905, -1998, 2997])
def test_column_targets_round_trip(value):
    ids = column_targets([value], width=4)
    assert ids.shape == (1, 5)
    assert from_columns(ids) == [str(value)]
    assert from_columns(np.eye(12)[ids]) == [str(value)]  # probabilities work too


def test_malformed_column_answers_never_match():
    assert column_targets([-73], width=4).tolist() == [[3, 7, 0, 0, 11]]
    assert from_columns(np.array([[3, 10, 0, 0, 11], [3, 7, 0, 0, 4], [0, 0, 0, 0, 11]])) == [
        "-?3",
        "?73",
        "-0",
    ]


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        ([], "no questions"),
        (["1 + 2", "1 + 2 + 3"], "same number of numbers"),
        (["2 * 3 + 1"], "joined by \\+ and -"),
        (["1 +"], "joined by \\+ and -"),
        (["-5 + 3"], "joined by \\+ and -"),
        (["12345 + 1 + 1"], "more than 4 digits"),
    ],
)
def test_to_columns_rejects_bad_input(questions, message):
    with pytest.raises(ValueError, match=message):
        to_columns(questions, width=4)


def test_column_helpers_reject_bad_widths_and_shapes():
    with pytest.raises(ValueError, match="more than 4 digits"):
        column_targets([10_000], width=4)
    for width in (0, -1, 2.0):
        with pytest.raises(ValueError, match="width must be"):
            to_columns(["1 + 2"], width=width)
        with pytest.raises(ValueError, match="width must be"):
            column_targets([3], width=width)
    with pytest.raises(ValueError, match="expected"):
        from_columns(np.array([3, 7, 0, 0, 11]))
    assert from_columns(np.array([[-1, 7, 0, 0, 11]])) == ["-7?"]
