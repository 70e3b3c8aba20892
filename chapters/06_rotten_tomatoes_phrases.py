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
# # The Rotten Tomatoes phrase-sentiment competition
#
# **What you will learn**: how a five-class phrase classifier is built and scored,
# why a random validation split can flatter a model, what `recurrent_dropout` costs,
# which changes lift an LSTM above a linear baseline on the competition's own test
# phrases, and what averaging the two adds.
#
# **What it needs**
#
# - **Data**: the Stanford Sentiment Treebank (Stanford's `trainDevTestTrees_PTB.zip`,
#   0.8 MB, or the local mirror named by `LSTM_BOOK_MIRROR`), from which `lstm_helpers`
#   rebuilds Kaggle's tables, and GloVe 6B 50-d vectors from the PyPI package `kumo-
#   glove-6b-50d` (76 MB).
# - **Time**: about 3 minutes on a 2-core CPU at the default scale (measured, see the
#   reproduction report); the full scale (`LSTM_BOOK_SCALE=full`: every phrase and the
#   article's layer sizes) took 44 minutes on a 2-core CPU under JAX, with 2.6 GiB of
#   memory at its peak.
# - **GPU**: not needed. The default scale uses the phrases of 2,500 training sentences
#   and small layers.
#
# The source is a blog post with a solution to Kaggle's "Sentiment Analysis on Movie
# Reviews": an embedding, an LSTM with dropout, two dense layers, eight epochs. It
# showed training curves but could not score the test set, whose labels Kaggle kept.
# The treebank the competition was built from has them, so we can.

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
from collections.abc import Iterable
from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from keras import layers
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import ConfusionMatrixDisplay
from sklearn.model_selection import GroupShuffleSplit, train_test_split

from lstm_helpers.batching import LengthBatches
from lstm_helpers.display import formatted
from lstm_helpers.glove import load_glove
from lstm_helpers.text import article_clean
from lstm_helpers.training import Experiments
from lstm_helpers.treebank import SENTIMENTS, kaggle_tables
from lstm_helpers.vectors import embedding_matrix
from lstm_helpers.vocabulary import Vocabulary

# %% [markdown]
# ## The data
#
# Every phrase of every parsed sentence carries a label from 0 (negative) to 4
# (positive). Kaggle's `train.tsv` lists each distinct phrase of the 8,544 training
# sentences once; `test.tsv` those of the 3,311 development and test sentences (1,101
# and 2,210).

# %%
train, test = kaggle_tables()
print("train", train.shape, " test", test.shape)
formatted(train.head(6))

# %% [markdown]
# The rebuilt tables are about 2% longer than Kaggle's (156,060 and 66,292 rows):
# Kaggle removed some near-duplicate phrases in a way it never documented (see the
# docstring of `lstm_helpers.treebank`). A sentence and all its sub-phrases share a
# `SentenceId`, so the table holds many overlapping pieces of each sentence.

# %% mystnb={"image": {"alt": "Bar chart of the share of each sentiment class in the training and test phrases; neutral is just over half in both."}}
balance = pd.DataFrame(
    {
        name: table.Sentiment.value_counts(normalize=True).sort_index()
        for name, table in (("train", train), ("test", test))
    }
)
balance.index = SENTIMENTS
print(balance.round(3))
fig, ax = plt.subplots(figsize=(6.5, 3))
balance.plot.bar(ax=ax, rot=0, color=["#4c72b0", "#dd8452"])
ax.set(ylabel="share of phrases", title="Class balance")
fig.tight_layout()

# %% [markdown]
# Neutral phrases are just over half, so always answering "neutral" already scores
# 0.521 on the test phrases: the floor every model must clear.
#
# ## Cleaning and phrase lengths
#
# The article lower-cased the text, expanded contractions (`n't` to `not`, `'s` to
# `is`), put spaces around punctuation and folded whitespace. `article_clean`
# reproduces it, slips included (see its source): `'s` becomes `is` even when it
# marks a possessive.

# %%
train["clean"] = train.Phrase.map(article_clean)
test["clean"] = test.Phrase.map(article_clean)
for phrase in train.Phrase.iloc[[0, 16]]:
    print(textwrap.fill(repr(phrase), 88))
    print(textwrap.fill(f"-> {article_clean(phrase)!r}", 88, subsequent_indent="   "))
phrase_length = train.clean.str.split().str.len()
max_phrase_length = int(phrase_length.max())
print("longest phrase:", max_phrase_length, "words; median", int(phrase_length.median()))

# %% mystnb={"image": {"alt": "Histogram of phrase lengths in words: most phrases are a few words long, with a long tail up to the longest phrase."}}
fig, ax = plt.subplots(figsize=(6.5, 3))
ax.hist(phrase_length, bins=np.arange(1, max_phrase_length + 2), color="#4c72b0")
ax.set(xlabel="phrase length (words)", ylabel="phrases", yscale="log", title="Phrase lengths")
fig.tight_layout()

# %% [markdown]
# ## Tokens and the vocabulary
#
# The article's Keras 2 `Tokenizer(num_words=8192)` kept the 8,191 most frequent words
# (ids 1 to 8,191; id 0 is padding). Keras 3 removed `Tokenizer`. Its successor, the
# `TextVectorization` layer, runs on TensorFlow even under the JAX backend, which this
# book avoids (the GPU machine has no TensorFlow). `lstm_helpers.vocabulary.Vocabulary`
# does the same job in plain Python, with an embedding table of the same 8,192 rows: id
# 0 is padding, id 1 any word outside the vocabulary, and ids 2 to 8,191 the 8,190 most
# frequent words. The phrases are already tokenized by the treebank, so splitting at
# spaces is right. One change from the article: its `Tokenizer` silently dropped rare
# words, which can leave a phrase empty; we keep them as the unknown id 1.
#
# The default scale uses the phrases of a random 2,500 of the 8,533 training sentences
# that have rows in the table (every phrase of the other 11 also occurs in an earlier
# sentence) and a random 10,000 of the test phrases; the full scale uses all of them.

# %%
sentences = train.SentenceId.unique()  # 8,533: 11 sentences add no phrase of their own
N_SENTENCES, N_TEST = lh.scale(default=(2_500, 10_000), full=(len(sentences), len(test)))
rng = np.random.default_rng(lh.seed(0))
chosen = rng.choice(sentences, N_SENTENCES, replace=False)
phrases = train[train.SentenceId.isin(chosen)].reset_index(drop=True)
test_phrases = test.sample(n=N_TEST, random_state=lh.seed(0)).reset_index(drop=True)
print(
    f"{len(phrases):,} training phrases from {N_SENTENCES:,} sentences; "
    f"{len(test_phrases):,} test phrases"
)

vocabulary = Vocabulary.build((p.split() for p in phrases.clean), max_size=8_192)


def encode(texts: Iterable[str], words: Vocabulary = vocabulary) -> list[np.ndarray]:
    """Each phrase as the ids of its words in ``words`` (the 8,192-id vocabulary unless given)."""
    return [words.lookup(text.split()) for text in texts]


x_all, x_test = encode(phrases.clean), encode(test_phrases.clean)
y_all, y_test = phrases.Sentiment.to_numpy(), test_phrases.Sentiment.to_numpy()
print(f"vocabulary: {len(vocabulary):,} ids; the most frequent:", " ".join(vocabulary.tokens[2:12]))
print("a short phrase and its ids:")
short = int(np.argmax([3 <= len(ids) <= 6 for ids in x_all]))
for token, i in zip(vocabulary.decode(x_all[short]), x_all[short]):
    print(f"  {i:5d}  {token}")

# %% [markdown]
# The article then padded every phrase to the longest one's 53 words, `(phrases, 53)`
# ids, and one-hot encoded the labels. Since the median phrase has a handful of words,
# almost nine steps in ten of such a batch are padding. We keep the integer labels
# (with `sparse_categorical_crossentropy`, the same loss without the one-hot array)
# and batch phrases of similar length together with `LengthBatches`, a
# `keras.utils.PyDataset` that pads each batch only to its own longest phrase, at the
# end, with a mask. That is the one masked layout TensorFlow's cuDNN kernel accepts;
# under JAX and PyTorch (Keras 3.15) a masked LSTM never takes the fused path.

# %%
example = LengthBatches(x_all, y_all, batch_size=4)
print(
    [
        batch[0].shape
        for batch in (example[0], example[len(example) // 2], example[len(example) - 1])
    ]
)

# %% [markdown]
# ## The article's model
#
# Embedding(8192, 256), LSTM(256) with `dropout=0.3` and `recurrent_dropout=0.3`,
# Dense(256, ReLU), Dense(5, softmax); batches of 512, 8 epochs, and
# `validation_split=0.1` in `fit`. The post does not show its `compile` call; we use
# Adam. The default scale shrinks the layers to 64 units and the batches to 128, and
# trains 3 epochs. In every table of this chapter, `validation` and `train` are the
# accuracies of the last epoch, whose weights the test accuracy was measured with.
#
# `validation_split` does not draw at random: Keras holds out the *last* 10% of the
# rows (those from row $\lfloor 0.9\,n \rfloor$ on), before any shuffling. `train.tsv`
# lists its phrases sentence by sentence, so the article validated on the phrases of
# the last tenth of its sentences, which no training row shares (only the one sentence
# that straddles the cut can). In effect the article split by sentence, though not at
# random: the last sentences of the file are the last ones of the treebank's training
# set. We train the article's model three times, changing only which tenth is held out:
#
# 1. **random phrases** (`train_test_split`): the split most tutorials would write, the
#    book's illustration of a leak;
# 2. **the last rows**, exactly what the article's `validation_split=0.1` did;
# 3. **random sentences** (`GroupShuffleSplit` on `SentenceId`), the split the rest of
#    the chapter trains on and validates with.

# %%
UNITS, BATCH, EPOCHS = lh.scale(default=(64, 128, 3), full=(256, 512, 8))


def article_model(recurrent_dropout: float = 0.3, units: int = UNITS) -> keras.Model:
    model = keras.Sequential(
        [
            keras.Input((None,), dtype="int32"),
            layers.Embedding(len(vocabulary), units, mask_zero=True),
            layers.LSTM(units, dropout=0.3, recurrent_dropout=recurrent_dropout),
            layers.Dense(units, activation="relu"),
            layers.Dense(5, activation="softmax"),
        ]
    )
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


article_model().summary()

# %%
rows = np.arange(len(phrases))
splits = {
    "random phrases": train_test_split(rows, test_size=0.1, random_state=lh.seed(0)),
    "last rows": np.split(rows, [int(np.floor(len(rows) * (1.0 - 0.1)))]),  # as Keras splits
    "random sentences": next(
        GroupShuffleSplit(n_splits=1, test_size=0.1, random_state=lh.seed(0)).split(
            rows, groups=phrases.SentenceId
        )
    ),
}
sentence_of = phrases.SentenceId.to_numpy()
print("validation phrases whose sentence also has phrases in training:")
for split, (fit_rows, validation_rows) in splits.items():
    shared = np.isin(sentence_of[validation_rows], sentence_of[fit_rows]).mean()
    straddling = len(np.intersect1d(sentence_of[validation_rows], sentence_of[fit_rows]))
    print(
        f"  {split:<16} {len(validation_rows):>6,} phrases, {shared:6.1%}"
        f" (sentences in both halves: {straddling:,})"
    )

# %% [markdown]
# Every model is trained the same way: a fixed seed, batches of similar lengths, the
# test accuracy measured on the same test phrases.

# %%
experiments = Experiments()
test_batches = LengthBatches(x_test, batch_size=1024)


def subset(rows: np.ndarray, x: list[np.ndarray] = x_all) -> tuple[list[np.ndarray], np.ndarray]:
    """The phrases of ``rows``, as encoded in ``x``, and their labels."""
    return [x[i] for i in rows], y_all[rows]


def predicted_probabilities(model: keras.Model, batches: LengthBatches) -> np.ndarray:
    """The model's five class probabilities for every phrase in ``batches``, in input order."""
    return batches.in_input_order(model.predict(batches, verbose=0))


def predicted_classes(model: keras.Model, batches: LengthBatches) -> np.ndarray:
    return predicted_probabilities(model, batches).argmax(1)


def train_model(
    name: str,
    model: keras.Model,
    split: str = "random sentences",
    epochs: int = EPOCHS,
    *,
    x: list[np.ndarray] = x_all,
    test: LengthBatches = test_batches,
) -> keras.Model:
    """Train on ``split``'s training rows, validate on the rest, record it and its test
    accuracy. ``x`` (the training phrases) and ``test`` (the test phrases) must be
    encoded with the model's vocabulary: the 8,192 ids unless both are given."""
    fit_rows, validation_rows = splits[split]
    keras.utils.set_random_seed(lh.seed(0))
    experiments.train(
        name,
        model,
        LengthBatches(*subset(fit_rows, x), batch_size=BATCH, seed=lh.seed(0)),
        LengthBatches(*subset(validation_rows, x), batch_size=1024),
        lambda trained: np.mean(predicted_classes(trained, test) == y_test),
        epochs=epochs,
        split=split,
    )
    return model


for split in splits:
    train_model(f"article ({split})", article_model(), split)

# %% tags=["nbval-ignore-output"] mystnb={"image": {"alt": "Three panels, one per validation split, with the training and validation accuracy of the article's model over the epochs: with random phrases held out the validation curve runs above the other two splits' validation curves."}}
fig, axes = plt.subplots(1, 3, figsize=(10, 3.4), sharey=True)
for ax, split in zip(axes, splits):
    experiments.plot([f"article ({split})"], "accuracy", ax=ax)
    ax.set_title(f"held out: {split}", fontsize=10)
    ax.get_legend().remove()
    ax.label_outer()
axes[0].legend(
    handles=axes[0].get_lines()[-2:],
    labels=["training", "validation"],
    fontsize=8,
    loc="lower right",
)
fig.suptitle("The article's model, three validation splits")
fig.tight_layout()

# %% tags=["nbval-ignore-output"]
formatted(experiments.table())

# %%
leaky, last_rows, honest = (experiments[f"article ({split})"] for split in splits)
assert leaky.validation > honest.validation + 0.02, "the random split flatters the model"
assert leaky.validation > last_rows.validation + 0.02, "so does it against the article's split"
assert abs(honest.validation - honest.test) < abs(leaky.validation - leaky.test)

# %% [markdown]
# ## A leak in a random split
#
# A random 10% of the phrases is not new text: every validation phrase (100.0%, above)
# comes from a sentence that also has phrases in the training set, its parent phrase,
# its sub-phrases or both. Kaggle's test phrases come from other sentences, so
# a validation set that measures what the leaderboard measured must hold out whole
# sentences, as the other two splits do.
#
# The table shows the leak. With random phrases held out, validation said 0.653 while
# the same model scored 0.597 on the test phrases: 5.6 points too high (4 to 8 points
# in each of five seed runs). The article's last rows said 0.556 (test 0.611) and
# random sentences 0.590 (test 0.598). The two honest splits do not agree either: the
# last rows gave the lower validation accuracy in all six runs (by 0.1 to 6.4 points),
# and fell 1.6 to 6.6 points *below* the model's test accuracy, while the random
# sentences came within 2 points of it either way. The last sentences of the file are
# not a random sample of the treebank's training sentences, and here they happen to be
# harder ones. The article's validation figures were therefore no leak, if anything
# pessimistic; the leak is what a reader who re-splits the phrases at random, as most
# tutorials do, would run into. From here on every model is trained on the
# random-sentence split, and the tables report its validation tenth.
#
# The full scale (all 8,533 sentences, 256 units, 8 epochs; one run) tells the same
# story with smaller gaps: the random split's validation said 0.666 against a test
# accuracy of 0.638 (2.8 points too high), the last rows 0.591 against 0.640 (4.9
# points too low), and the random sentences 0.614 against 0.637. With a tenth of 8,533
# sentences held out, the honest validation sets are larger, but neither of them is a
# sample of the test sentences, and both came out below the test accuracy.
#
# ## `recurrent_dropout` and the fused kernel
#
# `recurrent_dropout` drops parts of the hidden state inside the recurrence, at every
# step. cuDNN's fused LSTM has no such operation, so Keras falls back to the generic
# step-by-step kernel, several times slower on a GPU. On a CPU there is no fused
# kernel, but the extra masks still cost time. The same model without it (the
# embedding's `dropout=0.3` on the inputs stays):

# %% tags=["nbval-ignore-output"]
train_model("no recurrent_dropout", article_model(recurrent_dropout=0.0))
formatted(experiments.table(["article (random sentences)", "no recurrent_dropout"]))

# %% [markdown]
# The accuracy is close (0.598 with, 0.587 without; with one seed, a point either way
# means little). On this CPU, which has no fused kernel, the stored run took 4.15 s per
# epoch with `recurrent_dropout` and 3.96 s without, and timed the identical article
# model at 4.56 and 4.43 s on the other two splits. Over the stored run and five seed
# runs the model without it was faster than the same model with it on the same split in
# five runs of six (2.96 to 5.17 s per epoch against 4.15 to 4.84 s), and the identical
# model with it took anything from 4.15 to 7.31 s per epoch across splits and runs: at
# this size, on a shared 2-core machine, the timing noise is as large as the saving. On
# a GPU under TensorFlow the difference is the fused kernel, which only the model
# without `recurrent_dropout` can use. These models are masked, so under JAX or PyTorch
# neither of them uses it. The full scale, with these models' epochs of 37 to 49
# seconds, does measure it: under JAX on a 2-core CPU the three fits with
# `recurrent_dropout` took 47.1 to 49.0 s per epoch and the one without 37.3 s, a fifth
# to a quarter less, for the same accuracy (0.637 with, 0.635 without; one run).

# %% [markdown]
# ## Improvements
#
# * a **bidirectional** LSTM, which sees each word with its left and its right
#   context (a phrase's sentiment often hinges on a word at either end: "not", "but");
# * then, on top of it, **GloVe initialisation** of the embedding (50-d, then
#   fine-tuned), so that rare words start from a meaningful vector. With GloVe there is
#   less reason to cap the vocabulary: a word seen once in training still starts near
#   its synonyms if GloVe knows it, so this model gets an id for **every training
#   word**, not just the 8,190 most frequent (at the default scale that adds only a few
#   hundred words; at the full scale it doubles the vocabulary);
# * and a **learning rate that decays to zero** along a cosine over a fixed number of
#   epochs (from 0.002), instead of Adam's constant 0.001. Large steps early, small
#   ones at the end: the last epoch's weights are the ones to keep, and no early
#   stopping has to guess when to stop. This model trains 5 epochs at the default scale,
#   two more than the others (the budget it had when this chapter stopped it early),
#   and 8 at the full scale, as many as the others.

# %%
uncapped = Vocabulary.build(p.split() for p in phrases.clean)  # every training word
glove = embedding_matrix(uncapped.tokens, load_glove())
print(f"{len(uncapped):,} ids for every training word; GloVe covers {glove.coverage:.1%}")
x_uncapped = encode(phrases.clean, uncapped)
test_batches_uncapped = LengthBatches(encode(test_phrases.clean, uncapped), batch_size=1024)


def bidirectional_model(
    embedding: layers.Layer,
    units: int = UNITS,
    learning_rate: float | keras.optimizers.schedules.LearningRateSchedule = 0.001,
) -> keras.Model:
    """``embedding``, dropout, a bidirectional LSTM, a dense layer and a softmax over the
    five classes, compiled with Adam at ``learning_rate``."""
    model = keras.Sequential(
        [
            keras.Input((None,), dtype="int32"),
            embedding,
            layers.Dropout(0.3),
            layers.Bidirectional(layers.LSTM(units)),
            layers.Dense(units, activation="relu"),
            layers.Dense(5, activation="softmax"),
        ]
    )
    model.compile(
        keras.optimizers.Adam(learning_rate),
        "sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


train_model(
    "bidirectional",
    bidirectional_model(layers.Embedding(len(vocabulary), UNITS, mask_zero=True)),
)
BEST_EPOCHS = lh.scale(default=5, full=8)
fit_steps = math.ceil(len(splits["random sentences"][0]) / BATCH)  # batches per epoch
cosine = keras.optimizers.schedules.CosineDecay(0.002, BEST_EPOCHS * fit_steps)
BEST = "bidirectional, GloVe start, every word, cosine"
best_model = train_model(
    BEST,
    bidirectional_model(
        layers.Embedding(len(uncapped), 50, mask_zero=True, weights=[glove.matrix]),
        learning_rate=cosine,
    ),
    epochs=BEST_EPOCHS,
    x=x_uncapped,
    test=test_batches_uncapped,
)

# %% [markdown]
# ## The baseline, an ensemble and the leaderboard
#
# TF-IDF weights of words and word pairs with a logistic regression, on the same
# training phrases:

# %%
vectorizer = TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True)
baseline = LogisticRegression(C=2.0, max_iter=2000).fit(
    vectorizer.fit_transform(phrases.clean), y_all
)
test_features = vectorizer.transform(test_phrases.clean)
baseline_accuracy = baseline.score(test_features, y_test)
experiments.record("TF-IDF + logistic regression", test=baseline_accuracy)
experiments.record("always neutral", test=float(np.mean(y_test == 2)))

# %% [markdown]
# Last, the two models together. The LSTM and the bag of words make different mistakes
# (the word-order section below compares them), and the standard way to use that is an
# ensemble.
# Ours is the simplest kind, with nothing fitted to the test phrases: the mean of the
# two models' five class probabilities, weighted equally.

# %%
lstm_probabilities = predicted_probabilities(best_model, test_batches_uncapped)
assert list(baseline.classes_) == list(range(5))  # predict_proba's columns, in class order
ensemble_predicted = (lstm_probabilities + baseline.predict_proba(test_features)).argmax(1)
ensemble_accuracy = float(np.mean(ensemble_predicted == y_test))
experiments.record("best LSTM and TF-IDF, mean", test=ensemble_accuracy)

# %% tags=["nbval-ignore-output"]
table = experiments.table()
formatted(table)

# %%
best_test = experiments[BEST].test
assert best_test == max(run.test for run in experiments.runs.values()), "the best LSTM"
assert best_test > lh.scale(default=0.60, full=0.64), f"best LSTM {best_test:.3f} is too low"
assert table["test"].drop("always neutral").min() > table.loc["always neutral", "test"] + 0.03
assert baseline_accuracy > 0.56
assert ensemble_accuracy > max(best_test, baseline_accuracy) - 0.01
assert ensemble_accuracy > lh.scale(default=0.60, full=0.65)
assert best_test > baseline_accuracy + lh.scale(default=0.02, full=0.01)

# %% [markdown]
# On its own, the bidirectional LSTM scored about the same as the article's model (0.601
# against 0.598); with the GloVe start, every training word and the decaying learning
# rate it became the best model, 0.632 on the test phrases. The TF-IDF baseline scored
# 0.601 and always answering "neutral" 0.526 on this sample of 10,000 test phrases
# (0.521 on all of them, above). The mean of the best LSTM and TF-IDF scored 0.632 too
# (0.6318, a hair below the LSTM's 0.6325).
#
# So at the default scale the article's model and the plain bidirectional LSTM only
# tie the linear baseline. In the stored run the article's model scored 0.611 on its
# own last-rows split, 0.598 on the random-sentence split and 0.597 on the random one,
# the bidirectional LSTM 0.601, and TF-IDF 0.601. Over the five seed runs, which also
# draw other test phrases, the article's model on its split beat TF-IDF every time,
# but by 0.2 to 1.9 points, and on the random-sentence split it was behind in two
# runs of six: no difference that holds. Only the best LSTM pulls clear: in the five
# seed runs it scored 0.617 to 0.630 and TF-IDF 0.583 to 0.591, and over all six runs
# the LSTM came out ahead every time, by 3.1 to 4.5 points. Averaging the two gains
# nothing that holds at this scale: the mean was between 0.5 points below the best LSTM
# and 0.7 above it (0.622 to 0.634 in the seed runs), though always 3 points or more
# above TF-IDF. All of it is trained on the phrases of 2,500 sentences; the full scale
# uses all 8,533 and the article's layer sizes.
#
# The competition's best public leaderboard score was 0.76527, measured on part of
# Kaggle's `test.tsv`, whose sentences are the ones in our rebuilt test table. The
# models above learn from the phrases of 2,500 of the training sentences with small
# layers. At the full scale (every phrase, 256 units; one run under JAX, on all 67,514
# test phrases) the best LSTM scored 0.658, the article's model 0.640 on its own split
# and 0.637 on the random-sentence split, the plain bidirectional LSTM 0.631, and TF-IDF
# 0.633; the mean of the best LSTM and TF-IDF scored 0.665, the chapter's highest. About
# 3.4 times the phrases (and four times the units) lifted every model by 2.5 to 4.8
# points. Here the average added 0.7 points to the LSTM alone, where at the default
# scale it added nothing that holds; one full-scale run cannot say whether that gain
# would hold over seeds. 0.665 is still 10 points below the leaderboard; where that gap
# lies this chapter does not measure.
#
# Which of the best LSTM's changes matter at the full scale? Measured separately
# (standalone runs on the same split, not stored; their weights start from other random
# draws than the chapter's): from the GloVe start with the 8,192 ids and Adam's constant
# 0.001 the model reached 0.651 after 8 epochs; with every word, 0.658; with every word
# and the cosine decay, 0.659 (the chapter's run above: 0.658). So the larger
# vocabulary gave most of the gain, and the decay gave speed rather than accuracy: it
# was within half a point of its final accuracy from the fourth epoch on, where the
# constant rate needed seven. With early stopping instead (patience 2 on the validation
# tenth) the 8,192-id model kept its fourth epoch's weights and scored 0.645: at this
# scale the validation accuracy is too flat to tell when to stop. One caveat: these
# settings, and the choice to average, were compared on the test phrases, so 0.658 and
# 0.665 are slightly optimistic as estimates for a model chosen blind. On the
# validation tenth, which the table reports, the best LSTM (0.641) is as clearly ahead
# of the others on the same split (0.605 to 0.615).

# %% tags=["nbval-ignore-output"] mystnb={"image": {"alt": "Confusion matrix of the best LSTM on the test phrases, rows normalised: most mistakes are between neighbouring classes, and predictions lean towards neutral, so the negative and positive rows have small diagonal cells."}}
best_predicted = lstm_probabilities.argmax(1)
fig, ax = plt.subplots(figsize=(6.2, 5))
matrix = ConfusionMatrixDisplay.from_predictions(
    y_test,
    best_predicted,
    display_labels=SENTIMENTS,
    normalize="true",
    values_format=".2f",
    ax=ax,
    colorbar=False,
    xticks_rotation=30,
)
plt.setp(ax.get_xticklabels(), ha="right", rotation_mode="anchor")  # each label ends at its column
ax.set_title("Best LSTM, test phrases (rows sum to 1)")
fig.tight_layout()

# %% tags=["nbval-ignore-output"]
neighbours = np.mean(np.abs(best_predicted - y_test)[best_predicted != y_test] == 1)
print(f"mistakes one class away: {neighbours:.0%}")
recall = matrix.confusion_matrix.diagonal()  # rows sum to 1: each class's recall
print("recall per class:")
print("  " + ", ".join(f"{n} {r:.2f}" for n, r in zip(SENTIMENTS, recall)))
assert neighbours > 0.7

# %% [markdown]
# Most mistakes land one class away (85% in the stored run, 85% to 86% over the seed
# runs), but that hides which way they go: towards the middle. The diagonal of the
# matrix is each class's recall. In the stored run the best model finds 0.82 of the
# neutral phrases, 0.46 of the somewhat negative and 0.49 of the somewhat positive
# ones, and only 0.19 of the negative and 0.30 of the positive ones; it calls more
# than half of the negative phrases somewhat negative (0.54) and of the positive ones
# somewhat positive (0.54). The extremes are rare (4.5% and 5.8% of the rebuilt training
# phrases, against 51.3% neutral), and plain cross-entropy with accuracy as the score
# rewards a model for leaning towards the common classes. Accuracy alone therefore
# flatters it: a reader who needs the strong opinions should look at per-class recall,
# and a model tuned for them would weight the classes or score macro-averaged recall.
# At the full scale the extremes fare better but remain the weakest classes: recall
# 0.29 (negative) and 0.38 (positive) against 0.82 for neutral, with 89% of the
# mistakes one class away.

# %% [markdown]
# ## Where word order matters
#
# The case for reading phrases in order is negation and contrast: "not funny" is not
# "funny" with one more word. The treebank labels real phrases of both kinds, so we can
# test the claim without inventing examples. First the test phrases of more than one
# word that contain a negation (`not`, which the cleaning made of every `n't`, `no`,
# `never`, `nothing`, `nobody`, `none`, `nor`, `neither`, `without`), and those with a
# `but` between two parts (a phrase can be in both groups):

# %%
NEGATIONS = {"not", "no", "never", "nothing", "nobody", "none", "nor", "neither", "without"}
test_words = test_phrases.clean.str.split()
negated = test_words.map(lambda words: len(words) > 1 and bool(NEGATIONS & set(words))).to_numpy()
contrast = test_words.map(lambda words: "but" in words[1:-1]).to_numpy()
groups = {"negation": negated, "'but' inside": contrast, "neither": ~(negated | contrast)}
for name, rows in groups.items():
    print(f"{name:13s} {rows.sum():6,} test phrases")
print(
    "sentiment shares, negation phrases:",
    test_phrases.Sentiment[negated].value_counts(normalize=True).sort_index().round(2).tolist(),
)
print(
    "sentiment shares, the others:      ",
    test_phrases.Sentiment[~negated].value_counts(normalize=True).sort_index().round(2).tolist(),
)

# %% [markdown]
# Negated phrases lean negative and are less often neutral, so "always neutral" does
# worse on them. Each model's accuracy on each group:

# %% tags=["nbval-ignore-output"]
tfidf_predicted = baseline.predict(test_features)
order_table = pd.DataFrame(
    {
        name: {
            "best LSTM": np.mean(best_predicted[rows] == y_test[rows]),
            "TF-IDF": np.mean(tfidf_predicted[rows] == y_test[rows]),
            "always neutral": np.mean(y_test[rows] == 2),
        }
        for name, rows in groups.items()
    }
).T
formatted(order_table)

# %% [markdown]
# In the stored run the LSTM's lead over TF-IDF comes from the phrases with neither a
# negation nor an inner `but` (0.649 against 0.613). On the 633 negated phrases TF-IDF
# is ahead (0.447 against 0.423), and on the 218 contrasts too (0.472 against 0.463).
# Every column drops by 14 to 23 points from the plain phrases to these two groups,
# since negations and contrasts are less often neutral and harder to read.
#
# The sharpest test is a minimal pair. Every phrase `X` of the whole test table whose
# negation `not X` is also in it, and whose label changes side (positive to negative or
# back), gives one pair. The two phrases differ by one word at the front: a bag of
# words sees only the extra word `not` and the word pair it forms with the first word
# of `X`, while an LSTM reads `X` after `not`. A model gets a pair right when its class
# for `not X` moves from its class for `X` in the direction the labels move, however
# far.

# %%
labels = test.drop_duplicates("clean").set_index("clean").Sentiment


def side(label: int) -> int:
    """-1 for the two negative classes, 0 for neutral, 1 for the two positive ones."""
    return int(np.sign(label - 2))


flips = [
    (phrase, f"not {phrase}")
    for phrase in labels.index
    if f"not {phrase}" in labels.index and side(labels[phrase]) * side(labels[f"not {phrase}"]) < 0
]
to_negative = sum(side(labels[phrase]) > 0 for phrase, _ in flips)
print(f"{len(flips)} pairs in the {len(test):,} test phrases, e.g.:")
for phrase, negation in flips[:3]:
    print(f"  {phrase!r} {SENTIMENTS[labels[phrase]]} -> {SENTIMENTS[labels[negation]]}")
print(f"{to_negative} go from positive to negative, {len(flips) - to_negative} the other way")

# %% tags=["nbval-ignore-output"]
pair_texts = [text for pair in flips for text in pair]
pair_direction = np.sign(np.diff([labels[text] for text in pair_texts])[::2])
pair_classes = {
    "best LSTM": predicted_classes(
        best_model, LengthBatches(encode(pair_texts, uncapped), batch_size=64)
    ),
    "TF-IDF": baseline.predict(vectorizer.transform(pair_texts)),
}
pair_moves = {name: np.sign(np.diff(classes)[::2]) for name, classes in pair_classes.items()}
pairs_right = {name: float(np.mean(moves == pair_direction)) for name, moves in pair_moves.items()}
print("pairs whose predicted class moves the way the label moves:")
print("  " + ", ".join(f"{name} {right:.2f}" for name, right in pairs_right.items()))
print("pairs given one class for both phrases:")
print("  " + ", ".join(f"{name} {np.sum(moves == 0)}" for name, moves in pair_moves.items()))
pair_table = pd.DataFrame(
    {name: [SENTIMENTS[c] for c in classes] for name, classes in pair_classes.items()},
    index=pd.Index(pair_texts, name="phrase"),
)
pair_table.insert(0, "label", [SENTIMENTS[labels[text]] for text in pair_texts])
pair_table.head(8)

# %% [markdown]
# In the stored run the LSTM moved 10 of the 19 pairs the right way (0.53) and TF-IDF 12
# (0.63); the LSTM gave both phrases of a pair the same class 8 times, TF-IDF 6 times.
# Over the stored run and five seed runs, which train on other sentences, the LSTM moved
# 7 to 13 pairs the right way and TF-IDF 10 to 14, more than the LSTM in five runs of
# six. The test is lopsided: 15 of the 19 pairs go from positive to negative, so a model
# that merely counts `not` as a negative word can get up to 15 of them right, and a
# logistic regression on words and word pairs learns exactly such a weight. On all
# negated phrases the LSTM was ahead in five runs of six (0.409 to 0.481 against 0.388
# to 0.447 for TF-IDF; the differences ran from -2.4 to +8.0 points), but that lead is
# about the size of its lead on all phrases (3.1 to 4.5 points): it shows no particular
# grasp of negation. Reading words in order is what negation needs, but it is not
# enough: the model must also see enough negated phrases to learn what `not` does to
# what follows, and at this scale it has not. Chapter 4's probe of made-up reviews
# points the same way.
#
# The full scale (all 8,533 sentences, one run) differs in one respect. On all 67,514
# test phrases, 4,576 with a negation and 1,511 with an inner `but`, the LSTM leads
# TF-IDF in every group, and by more on the hard ones: 0.500 against 0.450 on negated
# phrases and 0.463 against 0.426 on contrasts, and only 0.672 against 0.650 on the
# rest. On the 19 pairs the LSTM moved 13 the right way (TF-IDF 14) and gave both
# phrases the same class 6 times (TF-IDF 5). The negation lead (4.9 points) and the
# 13 pairs both lie inside the default scale's ranges (-2.4 to +8.0 points; 7 to 13
# pairs), so one run cannot say whether the extra sentences change anything; the
# pair test, with its weight on `not`, still goes to the bag of words. The cell below
# checks what held in all six default-scale runs with room to spare: both models beat
# "always neutral" on the negated phrases, and TF-IDF moves more than 40% of the pairs
# the right way.

# %%
negation = order_table.loc["negation"]
assert min(negation["best LSTM"], negation["TF-IDF"]) > negation["always neutral"] + 0.02, (
    "both models beat 'always neutral' on negated phrases"
)
assert pairs_right["TF-IDF"] > 0.4, "a weight on 'not' moves most pairs the right way"

# %% [markdown]
# ## A submission file
#
# Kaggle expected one row per test phrase with its `PhraseId` and predicted
# `Sentiment`. We submit the classes of the mean of the best LSTM and TF-IDF, which
# scored highest at the full scale (at the default scale it ties the LSTM):

# %%
submission = pd.DataFrame({"PhraseId": test_phrases.PhraseId, "Sentiment": ensemble_predicted})
path = Path(tempfile.mkdtemp()) / "submission.csv"
submission.sort_values("PhraseId").to_csv(path, index=False)
print(path.name, pd.read_csv(path).shape, list(pd.read_csv(path).columns))

# %% [markdown]
# The chapter's headline numbers, which the reproduction report collects
# (`lh.record_results` also saves them when `python -m book_tools.reproduce` runs the
# chapter):

# %% tags=["nbval-ignore-output"]
lh.record_results(
    "06_rotten_tomatoes_phrases",
    {
        "train_rows": len(train),
        "test_rows": len(test),
        "random_split_validation": leaky.validation,
        "random_split_test": leaky.test,
        "last_rows_validation": last_rows.validation,
        "article_test": last_rows.test,
        "sentence_split_validation": honest.validation,
        "best_lstm_test": best_test,
        "tfidf_test": baseline_accuracy,
        "ensemble_test": ensemble_accuracy,
        "sentence_split_test": honest.test,
        "worst_model_over_always_neutral": (
            table["test"].drop("always neutral").min() - table.loc["always neutral", "test"]
        ),
        "neighbouring_class_mistakes": neighbours,
        "negation_lstm_test": order_table.loc["negation", "best LSTM"],
        "negation_tfidf_test": order_table.loc["negation", "TF-IDF"],
        "negation_pairs_lstm": pairs_right["best LSTM"],
        "negation_pairs_tfidf": pairs_right["TF-IDF"],
    },
)

# %% [markdown]
# ## What we found
#
# * The article's model, rebuilt in Keras 3 with a vocabulary of 8,192 ids, learns
#   the task. The article's `validation_split` held out the last rows of `train.tsv`,
#   which in effect is a split by sentence, and a pessimistic one here (1.6 to 6.6
#   points below the test accuracy); a random split of the phrases, the book's
#   illustration, overstated accuracy on new sentences by 4 to 8 points in every
#   default-scale run (2.8 at the full scale).
# * Dropping `recurrent_dropout` lets TensorFlow use the cuDNN kernel on a GPU; on this
#   CPU under JAX it saved a fifth to a quarter of the time per epoch at the full scale,
#   with the same accuracy (0.635 against 0.637).
# * The best LSTM is bidirectional, starts from GloVe, has an id for every training
#   word and a learning rate that decays to zero (0.632 stored, 0.617 to 0.630 over
#   five seeds). TF-IDF with logistic regression (0.601 stored; 0.583 to 0.591 over the
#   seeds, which draw other test phrases) is a strong baseline on phrases this short,
#   3.1 to 4.5 points behind it in every run; the article's model and the plain
#   bidirectional LSTM only tie it at this scale. At the full scale (one run) the best
#   LSTM scored 0.658 on all 67,514 test phrases, TF-IDF 0.633, and the mean of the two
#   0.665, 10 points below the leaderboard's 0.765.
# * Most mistakes are one class away, and they lean towards neutral: the best model
#   recalls 0.82 of the neutral phrases but 0.19 of the negative and 0.30 of the
#   positive ones (0.29 and 0.38 at the full scale).
# * Reading in order did not show as a grasp of negation at this scale: on negated
#   phrases the LSTM was ahead of TF-IDF in five runs of six, by -2.4 to +8.0 points
#   (0.409 to 0.481 against 0.388 to 0.447), about its lead on all phrases (3.1 to 4.5
#   points), and of 19 test pairs `X` / `not X` whose label changes side it moved 7 to
#   13 the right way and TF-IDF 10 to 14, more than the LSTM in five runs of six. At the
#   full scale (one run) the LSTM led on negated phrases (0.500 against 0.450) and
#   contrasts (0.463 against 0.426) by more than on the rest (0.672 against 0.650), and
#   moved 13 of the pairs the right way against TF-IDF's 14.
