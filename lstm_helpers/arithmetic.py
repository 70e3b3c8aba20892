"""Arithmetic as strings: unique equations, a safe evaluator, one-hot strings, and sums in
aligned columns (chapter 2)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction

import numpy as np

from lstm_helpers.vocabulary import Vocabulary

END = "\0"  # marks the end of every encoded string
ALPHABET = "0123456789+-*/ " + END
_TOKEN = re.compile(r"\s*(?:(\d+)|([-+*/]))")


def _tokens(expression: str) -> list[str | int]:
    tokens: list[str | int] = []
    position = 0
    stripped = expression.rstrip()
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if match is None:
            raise ValueError(
                f"unexpected {stripped[position]!r} at position {position} of {expression!r}"
            )
        number, operator = match.groups()
        tokens.append(int(number) if number is not None else operator)
        position = match.end()
    return tokens


def evaluate(expression: str) -> int:
    """The value of an integer expression such as ``"131 + 83 - 744 * 33"``, without ``eval``.

    Supports non-negative integer literals and the binary operators ``+ - * /`` with
    the usual precedence, left to right. ``/`` must divide exactly; anything else
    (other characters, a missing operand, division by zero, an inexact division) is
    a ``ValueError``.
    """
    tokens = _tokens(expression)
    if not tokens:
        raise ValueError("empty expression")
    position = 0

    def operand() -> Fraction:
        nonlocal position
        if position >= len(tokens) or not isinstance(tokens[position], int):
            raise ValueError(f"expected a number at token {position} of {expression!r}")
        position += 1
        return Fraction(tokens[position - 1])

    def term() -> Fraction:
        nonlocal position
        value = operand()
        while position < len(tokens) and tokens[position] in ("*", "/"):
            operator = tokens[position]
            position += 1
            right = operand()
            if operator == "*":
                value *= right
            elif right == 0:
                raise ValueError(f"division by zero in {expression!r}")
            else:
                value /= right
        return value

    value = term()
    while position < len(tokens):
        operator = tokens[position]
        if operator not in ("+", "-"):
            raise ValueError(f"expected an operator at token {position} of {expression!r}")
        position += 1
        value = value + term() if operator == "+" else value - term()
    if value.denominator != 1:
        raise ValueError(f"{expression!r} is not an integer ({value})")
    return int(value)


def _digit_balanced_numbers(rng: np.random.Generator, max_digits: int, size: int) -> np.ndarray:
    digits = rng.integers(1, max_digits + 1, size=size)
    low = np.where(digits == 1, 0, 10 ** (digits - 1))
    return rng.integers(low, 10**digits)


def unique_operands(
    n: int,
    operands: int = 2,
    max_digits: int = 3,
    sampling: str = "uniform",
    seed: int = 0,
    exclude: Iterable[tuple[int, ...]] = (),
) -> Iterator[tuple[int, ...]]:
    """Yield ``n`` distinct tuples of ``operands`` numbers from 0 to ``10**max_digits - 1``.

    ``sampling="uniform"`` draws every number uniformly (as the source article did:
    one-digit numbers are then 1% of the draws); ``"digits"`` first draws each
    number's digit count uniformly, so 1-, 2- and 3-digit numbers are equally common;
    ``"mixed"`` draws half of the tuples each way.
    Tuples in ``exclude`` (e.g. the training set) are never yielded.
    """
    if sampling not in ("uniform", "digits", "mixed"):
        raise ValueError(f"sampling must be 'uniform', 'digits' or 'mixed', got {sampling!r}")
    space = 10 ** (max_digits * operands)
    if n > space - len(set(exclude)):
        raise ValueError(f"cannot draw {n} distinct tuples from {space} minus the excluded ones")
    rng = np.random.default_rng(seed)
    seen = set(exclude)
    produced = 0
    while produced < n:
        size = max(n - produced, 64)
        uniform = rng.integers(0, 10**max_digits, size=(size, operands))
        balanced = _digit_balanced_numbers(rng, max_digits, size * operands).reshape(size, operands)
        if sampling == "uniform":
            batch = uniform
        elif sampling == "digits":
            batch = balanced
        else:
            batch = np.where(rng.random((size, 1)) < 0.5, uniform, balanced)
        for row in map(tuple, batch.tolist()):
            if row not in seen:
                seen.add(row)
                produced += 1
                yield row
                if produced == n:
                    return


def expression(numbers: Sequence[int], operators: Sequence[str]) -> str:
    """Join numbers and operators as ``"131 + 83 - 744"``."""
    if len(operators) != len(numbers) - 1:
        raise ValueError(
            f"{len(numbers)} numbers need {len(numbers) - 1} operators, got {len(operators)}"
        )
    parts = [str(numbers[0])]
    for operator, number in zip(operators, numbers[1:]):
        parts += [operator, str(number)]
    return " ".join(parts)


SYMBOLS = Vocabulary(ALPHABET, reserved=())  # a closed set: no padding or unknown ids


def to_one_hot(strings: Sequence[str], length: int) -> np.ndarray:
    """``(len(strings), length, 16)`` float32 one-hot, each string followed by ``END`` characters.

    A string may have at most ``length - 1`` characters, so that every row ends with
    ``END`` and a decoder always knows where its answer stops.
    """
    too_long = [text for text in strings if len(text) >= length]
    if too_long:
        raise ValueError(
            f"{too_long[0]!r} has {len(too_long[0])} characters; at most {length - 1} fit"
        )
    return SYMBOLS.one_hot(SYMBOLS.encode(strings, length, pad=END))


def from_one_hot(rows: np.ndarray) -> list[str]:
    """Strings from one-hot rows or predicted probabilities (argmax), cut at ``END``."""
    ids = np.asarray(rows).argmax(axis=-1)
    return ["".join(SYMBOLS.decode(row)).split(END, 1)[0] for row in ids]


def digits_wrong(predicted: str, expected: str) -> int:
    """How many character positions differ, with both strings aligned to the right."""
    width = max(len(predicted), len(expected))
    return sum(a != b for a, b in zip(predicted.rjust(width), expected.rjust(width)))


COLUMN_SYMBOLS = "0123456789+-"  # what a column model writes: a digit, or the answer's sign


def _check_width(width: int) -> None:
    if isinstance(width, bool) or not isinstance(width, int) or width < 1:
        raise ValueError(f"width must be a positive number of columns, not {width!r}")


def to_columns(questions: Sequence[str], width: int) -> np.ndarray:
    """Sums and differences written in aligned columns, units first, one time step each.

    Returns ``(len(questions), width + 1, 10 * k + k - 1)`` float32 for questions of
    ``k`` numbers joined by ``+`` or ``-``: step ``j < width`` holds the one-hot digit
    of each number in column ``j`` (zeros above its leading digit), and every step also
    holds a 1 for each operator that is ``-``. Step ``width`` has no digits; it is where
    a column model writes the answer's sign (:func:`column_targets`).
    """
    _check_width(width)
    if len(questions) == 0:
        raise ValueError("no questions")
    parsed = [_tokens(question) for question in questions]
    for question, tokens in zip(questions, parsed):
        numbers, operators = tokens[::2], tokens[1::2]
        if (
            len(tokens) % 2 == 0
            or not all(isinstance(number, int) for number in numbers)
            or set(operators) - {"+", "-"}
        ):
            raise ValueError(f"{question!r} is not numbers joined by + and -")
    if len({len(tokens) for tokens in parsed}) != 1:
        raise ValueError("every question needs the same number of numbers")
    n_numbers = len(parsed[0]) // 2 + 1
    columns = np.zeros((len(questions), width + 1, 11 * n_numbers - 1), "float32")
    for row, (question, tokens) in enumerate(zip(questions, parsed)):
        for k, number in enumerate(tokens[::2]):
            if number >= 10**width:
                raise ValueError(f"{number} in {question!r} has more than {width} digits")
            for column, digit in enumerate(reversed(str(number))):
                columns[row, column, 10 * k + int(digit)] = 1
        columns[row, :, 10 * n_numbers :] = [operator == "-" for operator in tokens[1::2]]
    return columns


def column_targets(values: Sequence[int], width: int) -> np.ndarray:
    """``(len(values), width + 1)`` ids in ``COLUMN_SYMBOLS``: the digits of each
    ``abs(value)``, units first and zero-padded to ``width``, then ``+`` or ``-``."""
    _check_width(width)
    too_wide = [value for value in values if abs(value) >= 10**width]
    if too_wide:
        raise ValueError(f"{too_wide[0]} has more than {width} digits")
    ids = [
        [int(digit) for digit in f"{abs(value):0{width}d}"[::-1]] + [10 + (value < 0)]
        for value in values
    ]
    return np.array(ids, dtype="int32").reshape(len(values), width + 1)  # also when empty


def from_columns(predicted: np.ndarray) -> list[str]:
    """Answers such as ``"-73"`` from column ids ``(n, width + 1)`` or probabilities
    ``(n, width + 1, 12)`` (argmax), the inverse of :func:`column_targets`. A sign where
    a digit belongs, or a digit where the sign belongs, becomes ``?``, so that a
    malformed answer never matches a true one."""
    ids = np.asarray(predicted)
    if ids.ndim == 3:
        ids = ids.argmax(axis=-1)
    if ids.ndim != 2 or ids.shape[1] < 2:
        raise ValueError(f"expected (n, width + 1) ids or (n, width + 1, 12), got {ids.shape}")
    answers = []
    for row in ids.tolist():
        digits = "".join(COLUMN_SYMBOLS[i] if 0 <= i < 10 else "?" for i in reversed(row[:-1]))
        sign = {10: "", 11: "-"}.get(row[-1], "?")
        answers.append(sign + (digits.lstrip("0") or "0"))
    return answers
