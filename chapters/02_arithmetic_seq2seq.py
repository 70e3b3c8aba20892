# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Teaching an LSTM arithmetic, character by character
#
# **What you will learn**: how to frame arithmetic as sequence-to-sequence learning on
# characters, how to build and train an encoder-decoder LSTM in Keras 3, why accuracy per
# character hides most of the mistakes, where the mistakes of such a model come from,
# and which design choices remove them.
#
# **What it needs**
#
# - **Data**: none (the equations are generated).
# - **Time**: about 3 minutes on a 2-core CPU at the default scale (measured, see the
#   reproduction report); the full scale (`LSTM_BOOK_SCALE=full`: the article's 120
#   epochs, larger models and more data) has not been timed yet; it is meant for a GPU.
# - **GPU**: only for the full scale. Under JAX on a GPU, `lh.start()` keeps the
#   recurrent layers on their scan loop: the fused kernel failed to learn this task.
#
# The starting point is a well-known blog post, *Learning Math with LSTMs and Keras*
# (2017), which trained a small bidirectional LSTM to add two numbers below 1,000 from
# their written form, reported a test accuracy of 1.0, and then found 10 wrong answers
# among 20,000 new equations. We rebuild its experiment in Keras 3, measure what it
# measured, and then go further.

# %% [markdown] tags=["remove-cell"]
# In Colab, the next cell installs the book's helper package `lstm_helpers` (with the
# few packages Colab lacks, and without touching its TensorFlow); anywhere else it does
# nothing.

# %% tags=["remove-cell"]
import sys

if "google.colab" in sys.modules:
    import subprocess

    package = "lstm_helpers @ git+https://github.com/lstm-book/lstm-book"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", package], check=True)

# %%
import lstm_helpers as lh

lh.start()

import tempfile
from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from keras import layers

from lstm_helpers.arithmetic import (
    ALPHABET,
    END,
    digits_wrong,
    evaluate,
    expression,
    from_one_hot,
    to_one_hot,
    unique_operands,
)
from lstm_helpers.reference import lstm_parameters
from lstm_helpers.seq2seq import greedy_decode, shift_right, teacher_forced_model

# %% [markdown]
# ## Equations as strings
#
# Every example is a question such as `31 + 87` and its answer `118`, both as strings.
# Equations are cheap: a generator draws pairs of numbers from 0 to 999 and never yields
# the same pair twice, so no equation is both trained on and tested on. The answer
# comes from a small arithmetic parser in `lstm_helpers` rather than Python's `eval`,
# which would run any code placed in the string.

# %%
N_EQUATIONS = 30_000  # the article's data set: 27,000 to train on, 10% to validate
train_pairs = list(unique_operands(N_EQUATIONS, sampling="uniform", seed=lh.seed(1)))
questions = [expression(pair, ["+"]) for pair in train_pairs]
answers = [str(evaluate(question)) for question in questions]

print(f"{len(set(train_pairs)):,} distinct equations out of {1000 * 1000:,} possible")
for question, answer in zip(questions[:5], answers[:5]):
    print(f"{question:>10} = {answer}")

# %% [markdown]
# The parser handles the harder expressions later in the chapter too, with the usual
# precedence, and refuses anything that is not arithmetic:

# %%
print(evaluate("131 + 83 - 744 * 33"))
try:
    evaluate("__import__('os').system('ls')")
except ValueError as error:
    print("ValueError:", error)

# %% [markdown]
# ## One-hot characters with an end marker
#
# The network reads and writes characters. Each string gets an end character (`\0`,
# invisible when printed) and is padded with more of them to a fixed length: 10 for the
# longest question, `999 + 999`, and 5 for the longest answer, `1998`. Each character
# becomes a one-hot vector over the 16 symbols of the alphabet.

# %%
QUESTION_LENGTH, ANSWER_LENGTH = 10, 5
print("alphabet:", [c if c != END else "\\0" for c in ALPHABET])
example = to_one_hot(["31 + 87"], QUESTION_LENGTH)
print("encoded shape:", example.shape)
print(example[0].astype(int))
print("decoded back:", from_one_hot(example))

# %% [markdown]
# ## The article's model
#
# A bidirectional LSTM of 20 units per direction reads the question and its final
# states form one 40-number summary. `RepeatVector` hands that summary to every step of
# a second bidirectional LSTM, which returns one vector per answer position, and a
# softmax layer applied at each position (`TimeDistributed(Dense)`) picks the character.
# We keep the best model by validation loss with a checkpoint, as the article did.


# %%
def repeat_vector_model(units: int, bidirectional_decoder: bool = True) -> keras.Model:
    decoder = layers.LSTM(units, return_sequences=True)
    return keras.Sequential(
        [
            keras.Input((QUESTION_LENGTH, len(ALPHABET))),
            layers.Bidirectional(layers.LSTM(units)),
            layers.RepeatVector(ANSWER_LENGTH),
            layers.Bidirectional(decoder) if bidirectional_decoder else decoder,
            layers.TimeDistributed(layers.Dense(len(ALPHABET), activation="softmax")),
        ]
    )


article_model = repeat_vector_model(20)
article_model.summary(line_length=80)

# %%
x_train = to_one_hot(questions, QUESTION_LENGTH)
y_train = to_one_hot(answers, ANSWER_LENGTH)
ARTICLE_EPOCHS = lh.scale(default=5, full=120)
checkpoint_dir = Path(tempfile.mkdtemp())

article_model.compile(keras.optimizers.Adam(), "categorical_crossentropy", metrics=["accuracy"])
article_history = article_model.fit(
    x_train,
    y_train,
    validation_split=0.1,
    batch_size=128,
    epochs=ARTICLE_EPOCHS,
    verbose=0,
    callbacks=[
        keras.callbacks.ModelCheckpoint(checkpoint_dir / "article.keras", save_best_only=True)
    ],
)
article_model = keras.models.load_model(checkpoint_dir / "article.keras")

# %% [markdown]
# To test, we draw 20,000 fresh equations the same way, excluding every training pair,
# and count **exact matches**: an answer is right only if every character is.

# %%
test_pairs = list(unique_operands(20_000, sampling="uniform", seed=lh.seed(2), exclude=train_pairs))
test_questions = [expression(pair, ["+"]) for pair in test_pairs]
test_answers = [str(evaluate(question)) for question in test_questions]
x_test = to_one_hot(test_questions, QUESTION_LENGTH)
test_a, test_b = np.array(test_pairs).T
print(
    f"{len(test_pairs):,} test equations, none of them in the training set:",
    not set(test_pairs) & set(train_pairs),
)


def exact_match(predicted: list[str], expected: list[str] = test_answers) -> float:
    return float(np.mean([p == t for p, t in zip(predicted, expected)]))


# %% tags=["nbval-ignore-output"]
article_predictions = from_one_hot(article_model.predict(x_test, verbose=0, batch_size=2048))
article_char_accuracy = article_history.history["val_accuracy"]
print(
    f"after {ARTICLE_EPOCHS} epochs: validation accuracy per character "
    f"{max(article_char_accuracy):.3f}, "
    f"exact match on the test equations {exact_match(article_predictions):.4f}"
)

# %% [markdown]
# Accuracy per character and accuracy per answer tell very different stories. A model
# that gets each of five characters right 90% of the time gets a whole answer right
# only about $0.9^5 = 59\%$ of the time, and with the end markers counted as
# characters, the per-character figure flatters the model even more. The article's
# "test accuracy of 1.0" was Keras's per-character metric; its 20,000-equation check
# with 10 mistakes was the honest one.
#
# This small model learns slowly: the article trained it for about 120 epochs. The
# full scale of this chapter repeats that run; at the default scale we move on after a
# few epochs and study a model that learns faster.
#
# The article adds that its model "is not limited by that length", the fixed lengths of
# questions and answers used in training. On the output side its own design says
# otherwise: `RepeatVector(5)` hands the decoder five steps, so the model writes exactly
# five characters, never more. The input layer above is built for 10 characters too.
# Leaving the input length open would let the encoder read a longer question, but no
# training question had a fourth digit in any column, and this chapter does not test
# what the model would make of one.

# %%
assert article_model.count_params() == (
    2 * lstm_parameters(len(ALPHABET), 20)
    + 2 * lstm_parameters(40, 20)
    + 40 * len(ALPHABET)
    + len(ALPHABET)
)
assert max(article_char_accuracy) > 0.4, "the article's model is learning"

# %% [markdown]
# ## A faster learner: a decoder that reads its own answer, written backwards
#
# Two changes make the decoder's job easier. First, an **autoregressive decoder**:
# instead of one summary vector repeated five times, the decoder is an LSTM that starts
# from the encoder's final states and, at each step, reads the previous character of the
# answer. During training that is the true previous character, a training method called
# **teacher forcing**; when answering a new question it is the model's own previous
# guess, the most likely character (greedy decoding). Second, we write the answer
# **backwards**, least significant digit first, the order in which carries propagate
# when people add. The questions are unchanged.
#
# Here are both pieces as `lstm_helpers.seq2seq` defines them: the model that is trained
# with teacher forcing, and the greedy decoding that runs the encoder once, then the
# decoder one character at a time from the state it has reached, with the same layers
# and the weights they learned. A model trained only on true prefixes never sees its
# own mistakes as input, so at answer time one wrong character can lead it astray for
# the rest of the answer (*exposure bias*); answers of at most five characters leave
# that little room here.

# %%
lh.show_source(teacher_forced_model)

# %%
lh.show_source(greedy_decode)

# %%
START = ALPHABET.index(" ")  # a space never occurs in an answer, so it marks the start
UNITS = lh.scale(default=64, full=128)
EPOCHS = lh.scale(default=10, full=60)


def reverse(strings: list[str]) -> list[str]:
    return [s[::-1] for s in strings]


def fit_seq2seq(questions, answers, reverse_answers=True, n_epochs=EPOCHS, seed=0):
    """Train a teacher-forced encoder-decoder; return an answering function and the history."""
    keras.utils.set_random_seed(lh.seed(seed))
    q_length, a_length = max(map(len, questions)) + 1, max(map(len, answers)) + 1
    y = to_one_hot(reverse(answers) if reverse_answers else answers, a_length)
    model = teacher_forced_model(q_length, a_length, len(ALPHABET), UNITS)
    model.compile(keras.optimizers.Adam(1e-2), "categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(
        [to_one_hot(questions, q_length), shift_right(y, START)],
        y,
        validation_split=0.1,
        batch_size=128,
        epochs=n_epochs,
        verbose=0,
        callbacks=[keras.callbacks.ReduceLROnPlateau(factor=0.5, patience=2)],
    )

    def solve(new_questions: list[str]) -> list[str]:
        decoded = from_one_hot(
            greedy_decode(model, to_one_hot(new_questions, q_length), a_length, START)
        )
        return reverse(decoded) if reverse_answers else decoded

    return solve, history


uniform_solve, uniform_history = fit_seq2seq(questions, answers)
uniform_predictions = uniform_solve(test_questions)

# %% tags=["nbval-ignore-output"]
print(
    f"teacher forcing, reversed answers, {EPOCHS} epochs: "
    f"exact match {exact_match(uniform_predictions):.4f}"
)

# %% [markdown]
# ## What goes wrong
#
# The mistakes are few enough to read. Here are some of them:


# %% tags=["nbval-ignore-output"]
def mistakes(predicted: list[str]) -> pd.DataFrame:
    rows = [
        (a, b, p, t, digits_wrong(p, t))
        for a, b, p, t in zip(test_a, test_b, predicted, test_answers)
        if p != t
    ]
    return pd.DataFrame(rows, columns=["a", "b", "predicted", "true", "digits wrong"])


uniform_mistakes = mistakes(uniform_predictions)
print(f"{len(uniform_mistakes)} wrong of {len(test_answers):,}")
print(uniform_mistakes.head(12).to_string(index=False))

# %% [markdown]
# Two patterns stand out, the same two the article noticed. First, the mistakes crowd
# where an operand is small. Sorting the test equations by the number of digits of each
# operand shows the error rate per bucket, and how rare each bucket is in the data:


# %%
def digit_buckets(predicted: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "digits of a": [len(str(a)) for a in test_a],
            "digits of b": [len(str(b)) for b in test_b],
            "wrong": [p != t for p, t in zip(predicted, test_answers)],
        }
    )
    return frame.pivot_table(
        index="digits of a", columns="digits of b", values="wrong", aggfunc="mean"
    )


share = pd.crosstab(
    [len(str(a)) for a, _ in train_pairs],
    [len(str(b)) for _, b in train_pairs],
    rownames=["digits of a"],
    colnames=["digits of b"],
    normalize=True,
)
print("share of the training equations per bucket:")
print(share.round(4).to_string())

# %% tags=["nbval-ignore-output"]
print("error rate per bucket, value-uniform training data:")
print(digit_buckets(uniform_predictions).round(3).to_string())

# %% [markdown]
# Drawing numbers uniformly from 0 to 999 makes one-digit numbers 1% of the draws and
# two-digit numbers 9%, so equations with a one-digit operand are about 2% of the data
# and equations of two one-digit numbers 0.01%: a few examples among 27,000. Yet small
# numbers follow different rules of *layout*: in `7 + 58` the digit that lines up with
# the hundreds of a three-digit number is the units. The model has seen too few such
# equations to learn their layout.
#
# Second, the mistakes are mistakes of strings, not of numbers: most of them (0.84 in
# the stored run, 0.88 to 0.92 in five seed runs) get exactly one character wrong, so a
# wrong answer is often off by 10, 100 or 1,000 rather than by a little, like the
# article's `94 + 909 = 1903`. Each output position is a separate classification, and
# nothing in the loss says that `1903` is a worse answer to `1003` than `1004` is.

# %% tags=["nbval-ignore-output"]
print(
    "digits wrong per mistake:",
    uniform_mistakes["digits wrong"].value_counts().sort_index().to_dict(),
)
small = (uniform_mistakes[["a", "b"]] < 10).any(axis=1).mean()
share = ((test_a < 10) | (test_b < 10)).mean()
print(
    f"mistakes with an operand below 10: {small:.0%} "
    f"(such equations are {share:.1%} of the test set)"
)

# %%
assert exact_match(uniform_predictions) > 0.8
assert (uniform_mistakes["digits wrong"] == 1).mean() > 0.6, "most mistakes are one wrong character"
small_operand = (test_a < 10) | (test_b < 10)
# mistakes with a small operand: 4.5 times their share in the stored run, 7 to 11 times
# in five seed runs
assert (uniform_mistakes[["a", "b"]] < 10).any(axis=1).mean() > 2.5 * small_operand.mean(), (
    "mistakes crowd at small operands"
)

# %% [markdown]
# The picture of the whole equation space makes the first pattern visible. Each test
# equation is a point $(a, b)$; the axes are linear up to 10 and logarithmic beyond, so
# the small numbers get room.


# %% mystnb={"image": {"alt": "Scatter plot of the 20,000 test equations by first and second operand, with wrong answers marked as red crosses; they crowd along the axes where one operand is below 10."}}
def equation_space(predicted: list[str], title: str) -> plt.Figure:
    wrong = np.array([p != t for p, t in zip(predicted, test_answers)])
    fig, ax = plt.subplots(figsize=(5.6, 5.2))
    ax.scatter(test_a[~wrong], test_b[~wrong], s=1, color="#9bbf85", label="right", rasterized=True)
    ax.scatter(test_a[wrong], test_b[wrong], s=14, marker="x", color="#d62728", label="wrong")
    ax.set(
        xscale="symlog",
        yscale="symlog",
        xlim=(-0.5, 1100),
        ylim=(-0.5, 1100),
        xlabel="a",
        ylabel="b",
        title=f"{title}: {wrong.sum()} wrong of {len(wrong):,}",
    )
    for scale in (ax.xaxis, ax.yaxis):
        scale.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:g}"))
    ax.legend(loc="lower right", markerscale=3)
    fig.tight_layout()
    return fig


fig = equation_space(uniform_predictions, "value-uniform training data")

# %% [markdown]
# ## Fixing the small numbers: mix in sampling by digit count
#
# The cure for a rare case is to make it less rare. Drawing each number's digit count
# first (1, 2 or 3, equally likely) and then the number makes small operands common,
# but it also shrinks the three-digit plus three-digit equations from 81% of the data
# to about a sixth, and those are most of what the test asks. So we mix: half of the
# training equations are drawn value-uniformly, half by digit count. (There are only
# 100 equations of two one-digit numbers, and the mix contains all of them.) The model,
# the training budget and the test equations stay the same.

# %%
balanced_pairs = list(
    unique_operands(N_EQUATIONS, sampling="mixed", seed=lh.seed(1), exclude=test_pairs)
)
balanced_answers = [str(a + b) for a, b in balanced_pairs]
print("share of the training equations per bucket, mixed sampling:")
print(
    pd.crosstab(
        [len(str(a)) for a, _ in balanced_pairs],
        [len(str(b)) for _, b in balanced_pairs],
        rownames=["digits of a"],
        colnames=["digits of b"],
        normalize=True,
    )
    .round(3)
    .to_string()
)

# %%
balanced_questions = [expression(pair, ["+"]) for pair in balanced_pairs]
balanced_solve, balanced_history = fit_seq2seq(balanced_questions, balanced_answers)
balanced_predictions = balanced_solve(test_questions)

# %% tags=["nbval-ignore-output"]
print(f"mixed sampling: exact match {exact_match(balanced_predictions):.4f}")
print("error rate per bucket:")
print(digit_buckets(balanced_predictions).round(3).to_string())

# %% mystnb={"image": {"alt": "The same scatter plot for the model trained with mixed sampling; the red crosses along the axes are gone."}}
fig = equation_space(balanced_predictions, "mixed sampling")

# %% [markdown]
# The crowd of mistakes along the axes is gone, and the three-digit plus three-digit
# equations, now about half of the training data instead of 81%, are answered as well
# as before.

# %%
balanced_buckets, uniform_buckets = (
    digit_buckets(balanced_predictions),
    digit_buckets(uniform_predictions),
)
assert exact_match(balanced_predictions) >= 0.85, "the chapter's target at the default scale"
assert balanced_buckets.loc[1].max() < uniform_buckets.loc[1].max() / 2, (
    "small-operand errors shrink"
)
assert balanced_buckets.loc[3, 3] <= uniform_buckets.loc[3, 3] + 0.02, "3+3-digit sums are not hurt"

# %% [markdown]
# ## Which design choices matter
#
# With the data fixed, we change one thing at a time and train for the same number of
# epochs: write the answer forwards instead of backwards, and replace the teacher-forced
# decoder by the article's `RepeatVector` design (answers reversed, same data, same
# encoder; its decoder is an LSTM of 64 units where the teacher-forced decoder, which
# starts from both directions' states, has 128). The curves show per-character
# validation accuracy by epoch, the table exact matches on the 20,000 test equations.

# %%
forward_solve, forward_history = fit_seq2seq(
    balanced_questions, balanced_answers, reverse_answers=False
)
forward_predictions = forward_solve(test_questions)

keras.utils.set_random_seed(lh.seed(0))
repeat_model = repeat_vector_model(UNITS, bidirectional_decoder=False)
repeat_model.compile(keras.optimizers.Adam(1e-2), "categorical_crossentropy", metrics=["accuracy"])
repeat_history = repeat_model.fit(
    to_one_hot(balanced_questions, QUESTION_LENGTH),
    to_one_hot(reverse(balanced_answers), ANSWER_LENGTH),
    validation_split=0.1,
    batch_size=128,
    epochs=EPOCHS,
    verbose=0,
    callbacks=[keras.callbacks.ReduceLROnPlateau(factor=0.5, patience=2)],
)
repeat_predictions = reverse(from_one_hot(repeat_model.predict(x_test, verbose=0, batch_size=2048)))

# %% tags=["nbval-ignore-output"]
designs = {
    "teacher forcing, reversed answer": (balanced_history, balanced_predictions),
    "teacher forcing, forward answer": (forward_history, forward_predictions),
    "RepeatVector, reversed answer": (repeat_history, repeat_predictions),
}
summary = pd.DataFrame(
    {
        "exact match": {name: exact_match(predicted) for name, (_, predicted) in designs.items()},
        "epochs to 99% per character": {
            name: next(
                (i + 1 for i, v in enumerate(history.history["val_accuracy"]) if v >= 0.99), np.nan
            )
            for name, (history, _) in designs.items()
        },
    }
)
print(summary.round(4).to_string())

# %% mystnb={"image": {"alt": "Validation accuracy per character by epoch for three decoder designs; the teacher-forced decoder with reversed answers climbs fastest."}}
fig, ax = plt.subplots(figsize=(6.4, 3.6))
for name, (history, _) in designs.items():
    ax.plot(
        range(1, EPOCHS + 1), history.history["val_accuracy"], marker="o", markersize=3, label=name
    )
ax.set(
    xlabel="epoch",
    ylabel="validation accuracy per character",
    ylim=(0.5, 1.0),
    title="Decoder designs",
)
ax.legend(fontsize=9)
fig.tight_layout()

# %% [markdown]
# Writing the answer backwards helps because the first digit the decoder emits, the
# units, depends only on the units of the question, and each later digit depends on
# the one before through the carry. Forwards, the first digit the decoder must commit
# to, the thousands, depends on every carry at once. The `RepeatVector` decoder must
# find everything in one summary vector and gets no feedback from its own earlier
# characters.
#
# Over the stored run and five seed runs (the reproduction report), three things held
# every time. The teacher-forced decoder with reversed answers passed 99% per character
# after 7 or 8 epochs; the `RepeatVector` one needed 9 or 10 in three seed runs and did
# not get there within ten in the other two and in the stored run (the table's NaN).
# It also ended ahead in exact match: 0.967 to 0.9999 against 0.919 to
# 0.977 (0.999 against 0.936 in the stored run). And the forward answer stayed behind
# the reversed one, by 6 to 35 points (0.616 to 0.942; 0.821 in the stored run). The
# margins move a lot from seed to seed; the order did not. Why the article needed about
# 120 epochs this comparison does not settle: its model is also three times narrower
# (20 units) and trained with Adam's default learning rate, ten times lower than
# ours, and this chapter does not separate those causes from the design.

# %%
first_99 = summary["epochs to 99% per character"].fillna(np.inf)
assert exact_match(balanced_predictions) > exact_match(forward_predictions), "reversed answers help"
assert exact_match(balanced_predictions) > exact_match(repeat_predictions), (
    "the teacher-forced decoder beats RepeatVector"
)
assert first_99["RepeatVector, reversed answer"] >= first_99["teacher forcing, reversed answer"], (
    "RepeatVector is slower"
)

# %% [markdown]
# ## Harder expressions
#
# The same teacher-forced design, with room for longer strings, can be trained on any
# expressions the parser evaluates. Each task below holds out 5,000 fresh expressions
# for testing; its numbers are drawn with the mixed sampling.


# %%
def held_out_accuracy(
    questions: list[str], n_epochs: int, n_test: int = 5_000
) -> tuple[float, float]:
    """Train on all but the last `n_test` questions; return exact match and the share of
    answer characters right (strings aligned on the right) on those."""
    answers = [str(evaluate(question)) for question in questions]
    solve, _ = fit_seq2seq(questions[:-n_test], answers[:-n_test], n_epochs=n_epochs)
    predicted, expected = solve(questions[-n_test:]), answers[-n_test:]
    chars_right = 1 - np.mean(
        [digits_wrong(p, t) / max(len(p), len(t)) for p, t in zip(predicted, expected)]
    )
    return exact_match(predicted, expected), float(chars_right)


rng = np.random.default_rng(lh.seed(3))
N_MIXED = lh.scale(default=20_000, full=150_000)
triples = list(unique_operands(N_MIXED + 5_000, operands=3, sampling="mixed", seed=lh.seed(3)))
mixed_questions = [expression(numbers, rng.choice(["+", "-"], size=2)) for numbers in triples]
print(mixed_questions[:4], "->", [evaluate(q) for q in mixed_questions[:4]])

# %% [markdown]
# ### Three operands, mixed signs
#
# Questions like `131 + 83 - 744` have up to 15 characters and answers from -1,998
# (`0 - 999 - 999`) to 2,997, so an answer can now start with a minus sign.

# %%
mixed_exact, mixed_chars = held_out_accuracy(mixed_questions, n_epochs=lh.scale(default=8, full=60))

# %% tags=["nbval-ignore-output"]
print(f"three operands, + and -: exact match {mixed_exact:.4f}, characters right {mixed_chars:.3f}")

# %% [markdown]
# At the default budget the model has barely started: between a third and two fifths of
# the answer characters right (0.382 in the stored run, 0.35 to 0.38 in five seed runs)
# and almost no whole answers (0.014; 0.016 to 0.019). Two operations and a possible
# change of sign are far more to learn than one addition, and 20,000 examples in 8
# epochs are not enough. The full scale trains on 150,000 expressions for up to 60 epochs.

# %% [markdown]
# ### Multiplication and division
#
# Multiplication is a different kind of problem: every digit of the product depends on
# many digits of both factors (the partial products and their carries), not on one
# column plus a carry. Division is harder still to write as a left-to-right string
# task. We try both at a size the default scale can afford, two-digit factors (all
# 10,000 pairs, 5,000 of them held out), and with three-digit factors at the full scale.
# Division uses only exact quotients: the question is `(b·q) / b` and the answer `q`.

# %%
DIGITS = lh.scale(default=2, full=3)
N_PRODUCTS = lh.scale(default=10_000, full=200_000)
product_pairs = list(
    unique_operands(N_PRODUCTS, max_digits=DIGITS, sampling="mixed", seed=lh.seed(4))
)
product_questions = [expression(pair, ["*"]) for pair in product_pairs]
quotient_pairs = [
    (b, q)
    for b, q in unique_operands(N_PRODUCTS, max_digits=DIGITS, sampling="mixed", seed=lh.seed(5))
    if b
]
quotient_questions = [expression((b * q, b), ["/"]) for b, q in quotient_pairs]
print(product_questions[:3], quotient_questions[:3])

HARD_EPOCHS = lh.scale(default=8, full=60)
product_exact, product_chars = held_out_accuracy(product_questions, n_epochs=HARD_EPOCHS)
quotient_exact, quotient_chars = held_out_accuracy(quotient_questions, n_epochs=HARD_EPOCHS)

# %% tags=["nbval-ignore-output"]
print(
    f"multiplication, {DIGITS}-digit factors: exact match {product_exact:.4f}, "
    f"characters right {product_chars:.3f}"
)
print(
    f"division, {DIGITS}-digit divisor and quotient: exact match {quotient_exact:.4f}, "
    f"characters right {quotient_chars:.3f}"
)

# %% [markdown]
# Put plainly, at this budget one task in this chapter works and three do not. Addition
# of two numbers, where each output digit depends on one column and a carry, is learned
# from 27,000 of the million possible equations: 0.999 exact in the stored run, 0.967 to
# 0.9999 over the seed runs. Three-operand sums and differences (0.014 exact; 0.014 to
# 0.019 over the stored run and five seeds) and two-digit products (0.020; 0.020 to
# 0.038) are almost never answered exactly, and exact quotients about one time in four
# (0.244; 0.197 to 0.269). Multiplication is the hardest: each digit of a product
# depends on many digits of both factors (all the partial products and their carries),
# and the character-by-character decoder has no place to keep a running partial product
# except its own state. Models that may write out intermediate steps, or that see the
# digits aligned in columns, are the usual answer; they are beyond this chapter.

# %%
assert mixed_chars > 0.3 and mixed_exact > 0.005, "three-operand expressions are partly learned"
assert product_exact > 0.01 and quotient_exact > 0.1, (
    "multiplication and division are partly learned"
)
assert product_exact < exact_match(balanced_predictions), "multiplication is harder than addition"

# %% [markdown]
# The chapter's headline numbers, which the reproduction report collects
# (`lh.record_results` also saves them when `python -m book_tools.reproduce` runs the chapter):

# %% tags=["nbval-ignore-output"]
lh.record_results(
    "02_arithmetic_seq2seq",
    {
        "article_char_accuracy": max(article_char_accuracy),
        "article_exact_match": exact_match(article_predictions),
        "exact_match": exact_match(balanced_predictions),
        "wrong_of_20000": sum(p != t for p, t in zip(balanced_predictions, test_answers)),
        "worst_bucket_exact_match": 1 - balanced_buckets.max().max(),
        "mixed_exact_match": mixed_exact,
        "mixed_chars_right": mixed_chars,
        "uniform_exact_match": exact_match(uniform_predictions),
        "uniform_one_wrong_char_share": (uniform_mistakes["digits wrong"] == 1).mean(),
        "uniform_small_operand_excess": (uniform_mistakes[["a", "b"]] < 10).any(axis=1).mean()
        / small_operand.mean(),
        "uniform_small_bucket_error": uniform_buckets.loc[1].max(),
        "balanced_small_bucket_error": balanced_buckets.loc[1].max(),
        "three_digit_bucket_change": balanced_buckets.loc[3, 3] - uniform_buckets.loc[3, 3],
        "forward_exact_match": exact_match(forward_predictions),
        "repeat_vector_exact_match": exact_match(repeat_predictions),
        "teacher_forced_epochs_to_99": min(
            first_99["teacher forcing, reversed answer"], EPOCHS + 1
        ),
        "repeat_vector_epochs_to_99": min(first_99["RepeatVector, reversed answer"], EPOCHS + 1),
        "product_exact_match": product_exact,
        "quotient_exact_match": quotient_exact,
    },
)

# %% [markdown]
# ## Summary
#
# - Arithmetic becomes sequence-to-sequence learning once questions and answers are
#   strings of one-hot characters with an end marker; a parser, not `eval`, computes the
#   answers.
# - Judge such a model by whole answers on fresh equations. Per-character accuracy
#   counts padding and rewards answers that are almost right: the article reported 1.0
#   of it for a model that was still wrong on 10 of 20,000 new equations.
# - The article's two observations hold: mistakes crowd where an operand is small,
#   because value-uniform sampling makes such equations rare, and mistakes are wrong
#   characters, not nearby numbers.
# - Drawing half of the numbers by digit count removes the small-number mistakes without
#   hurting the three-digit sums.
# - An autoregressive decoder, trained with teacher forcing and run greedily, that writes
#   the answer least significant digit first gets 0.999 of the test sums exactly right
#   after 10 epochs (0.967 to 0.9999 over six runs). With the same encoder, data and
#   learning rate the `RepeatVector` decoder gets 0.919 to 0.977: the design helps, but
#   how much of the article's 120 epochs it explains, next to the article's narrower
#   model and lower learning rate, this chapter does not measure.
# - At the default budget the recipe does not carry over to harder expressions: three
#   operands with + and - and two-digit products are almost never answered exactly, exact
#   quotients about one time in four.
