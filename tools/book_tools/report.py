"""The reproduction report's tables, built from ``results/`` (chapter 7, the report).

``CLAIMS`` lists, for every figure the source articles state, which metric of which
chapter measures it, the article's figure and a reference where the literature has one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from book_tools.results import load_results

NOT_RUN = "not run yet"
NO_SWEEP = "no seed sweep yet"
NOT_RECORDED = "not in that run"  # a full run made before the claim was added


@dataclass(frozen=True)
class Claim:
    """One row of the report: a metric a chapter records and what the article said of it."""

    chapter: str
    metric: str
    claim: str
    article: str
    reference: str = "–"
    format: str = ".3f"
    setup: str = "–"


CLAIMS = (
    Claim(
        "01_how_an_lstm_works",
        "simple_rnn_longest_gap",
        "A plain RNN forgets one bit over a long gap (accuracy)",
        "qualitative",
        "chance is 0.5",
        setup="both scales: 80-step gap, 16 units, 12 epochs, 2,000 train/1,000 test",
    ),
    Claim(
        "01_how_an_lstm_works",
        "lstm_forget_bias_longest_gap",
        "An LSTM carries it across the gap (accuracy, forget bias 3)",
        "qualitative",
        "Hochreiter & Schmidhuber (1997): gaps of 1,000 steps",
        setup="both scales: 80-step gap, 16 units, 12 epochs, 2,000 train/1,000 test",
    ),
    Claim(
        "02_arithmetic_seq2seq",
        "article_char_accuracy",
        "The article's model: accuracy per character on 20,000 fresh sums",
        "1.0 after ~120 epochs",
        setup="default: 5 epochs; full: 120 epochs; both scales: 27,000 sums, 20 units",
    ),
    Claim(
        "02_arithmetic_seq2seq",
        "article_exact_match",
        "The article's model: exact match on the same sums",
        "0.9995 (10 wrong of 20,000)",
        format=".4f",
        setup="default: 5 epochs; full: 120 epochs; both scales: 27,000 sums, 20 units",
    ),
    Claim(
        "02_arithmetic_seq2seq",
        "wrong_of_20000",
        "Wrong answers among 20,000 fresh sums a + b",
        "10",
        format=",.0f",
        setup="default: 10 epochs, 64 units; full: up to 60 epochs, 128; both: 27,000 sums",
    ),
    Claim(
        "02_arithmetic_seq2seq",
        "four_digit_exact_match",
        "Sums with a four-digit operand, a model trained on three digits (exact match)",
        '"not limited by that length"',
        setup="1,000 sums of 1,000-8,999 and 10-99; the mixed-sampling model",
    ),
    Claim(
        "02_arithmetic_seq2seq",
        "commutative_agreement",
        "The same answer to a + b and b + a (share of 20,000 sums)",
        "–",
        setup="the mixed-sampling model; default: 10 epochs, 64 units; full: up to 60, 128",
    ),
    Claim(
        "02_arithmetic_seq2seq",
        "exact_match",
        "Exact-match accuracy on the 20,000 fresh sums",
        "0.9995",
        setup="default: 10 epochs, 64 units; full: up to 60 epochs, 128; both: 27,000 sums",
    ),
    Claim(
        "02_arithmetic_seq2seq",
        "worst_bucket_exact_match",
        "Exact match in the worst digit-length bucket",
        "–",
        setup="default: 10 epochs, 64 units; full: up to 60 epochs, 128; both: 27,000 sums",
    ),
    Claim(
        "02_arithmetic_seq2seq",
        "mixed_exact_match",
        "Exact match, three operands with + and -",
        "–",
        setup="default: 8 epochs, 18,000 expressions, 64 units; full: up to 20, 90,000, 128",
    ),
    Claim(
        "02_arithmetic_seq2seq",
        "columns_exact_match",
        "Exact match, three operands with + and -, digits in columns",
        "–",
        format=".4f",
        setup="default: 12 epochs, 18,000 expressions; full: up to 30, 90,000; 2 BiLSTM(64) layers",
    ),
    Claim(
        "02_arithmetic_seq2seq",
        "all_operator_exact_match",
        "Exact match, three operands with +, - and *",
        '"quite far" on 131 + 83 - 744 * 33',
        setup="default: 8 epochs, 9,000 expressions, 64 units; full: up to 12, 36,000, 128",
    ),
    Claim(
        "03_language_detection",
        "article_auc",
        "English vs French, 5 characters: the article's set-up (AUC)",
        "0.6514 (targets never set)",
        setup="both scales: 5 epochs, context 5, 128 units; one test set of 200",
    ),
    Claim(
        "03_language_detection",
        "article_recipe_lstm_auc_5",
        "Character LSTM LMs, targets set, context 10, 5 characters (mean AUC)",
        "–",
        setup="default: 10 epochs, 10 test sets; full: 60 epochs, 100; context 10",
    ),
    Claim(
        "03_language_detection",
        "lstm_auc_5",
        "Character LSTM LMs, better training, 5 characters (mean AUC)",
        "–",
        setup="default: 8 epochs, 10 test sets; full: 20 epochs, 100; contexts 0-5",
    ),
    Claim(
        "03_language_detection",
        "lstm_auc_20",
        "Character LSTM LMs, better training, 20 characters (mean AUC)",
        "–",
        setup="default: 8 epochs, 10 test sets; full: 20 epochs, 100; contexts 0-5",
    ),
    Claim(
        "03_language_detection",
        "trigram_auc_5",
        "Trigram LMs, 5 characters (mean AUC)",
        "–",
        setup="both scales: the same counts; default: 10 test sets; full: 100",
    ),
    Claim(
        "03_language_detection",
        "fourgram_auc_5",
        "4-gram LMs, 5 characters (mean AUC)",
        "–",
        "Cavnar & Trenkle (1994): n-gram profiles",
        setup="both scales: the same counts; default: 10 test sets; full: 100",
    ),
    Claim(
        "03_language_detection",
        "lstm_fourgram_mixture_auc_5",
        "LSTM and 4-gram LMs averaged, 5 characters (mean AUC)",
        "–",
        "Mikolov et al. (2010): RNN and n-gram LMs interpolated",
        setup="default: LSTM 8 epochs, 10 test sets; full: 20 epochs, 100; + 4-gram",
    ),
    Claim(
        "03_language_detection",
        "lstm_detector_auc_5",
        "Bidirectional LSTM trained to detect, 5 characters (mean AUC)",
        "–",
        setup="default: 2 epochs, 3-8 chars, 10 test sets; full: 30, 1-20, 100",
    ),
    Claim(
        "03_language_detection",
        "seven_languages_accuracy_20",
        "Seven languages, 20 characters (accuracy)",
        "–",
        setup="default: 3 epochs, 100 strings a language; full: 10, 500; context 10",
    ),
    Claim(
        "04_imdb_word_vectors",
        "reviews_padded_400",
        "IMDB training reviews padded at maxlen 400 (tokens with a vector)",
        "22,560",
        format=",.0f",
        setup="all 24,904 distinct training reviews; GloVe 50-d, not word2vec",
    ),
    Claim(
        "04_imdb_word_vectors",
        "reviews_equal_400",
        "... exactly 400 tokens long",
        "12",
        format=",.0f",
        setup="all 24,904 distinct training reviews; GloVe 50-d, not word2vec",
    ),
    Claim(
        "04_imdb_word_vectors",
        "reviews_truncated_400",
        "... truncated at 400 tokens",
        "2,428",
        format=",.0f",
        setup="all 24,904 distinct training reviews; GloVe 50-d, not word2vec",
    ),
    Claim(
        "04_imdb_word_vectors",
        "mean_tokens_with_vector",
        "Mean tokens with a vector per training review",
        "202.4",
        format=",.1f",
        setup="the book's tokenizer and GloVe's vocabulary; the article's and word2vec's",
    ),
    Claim(
        "04_imdb_word_vectors",
        "word2vec_model_parameters",
        "Trainable parameters, the article's model on 300-d word2vec",
        "90,201 (400 tokens)",
        format=",.0f",
        setup="both scales: 200 tokens, so the Dense layer is half as wide",
    ),
    Claim(
        "04_imdb_word_vectors",
        "article_test_400",
        "IMDB, the article's LSTM on GloVe (the book's stand-in for word2vec), 400 tokens",
        "not reported",
        setup="both scales: 2 epochs, 400 tokens; default: 4,000 reviews; full: 20,000",
    ),
    Claim(
        "04_imdb_word_vectors",
        "article_test_200",
        "IMDB, the article's cleaned 200-token model (accuracy)",
        "~0.86 (validation)",
        setup="both scales: 2 epochs, 200 tokens; default: 4,000 reviews; full: 20,000",
    ),
    Claim(
        "04_imdb_word_vectors",
        "sample_review",
        "The article's negative sample review (sigmoid output)",
        "0.195",
        setup="BiLSTM; default: ≤5 epochs, 200 tokens, 4,000 reviews; full: ≤12, 400, 20,000",
    ),
    Claim(
        "04_imdb_word_vectors",
        "best_lstm_test",
        "IMDB, the book's best LSTM on word vectors alone (test accuracy)",
        "–",
        "Maas et al. (2011): 0.889",
        setup="best of 12 LSTMs; default: 4,000 reviews, ≤5 epochs, 200 tokens; "
        "full: 20,000, ≤12, BiLSTM on the last 400",
    ),
    Claim(
        "04_imdb_word_vectors",
        "tfidf_test",
        "IMDB, TF-IDF + logistic regression (test accuracy)",
        "–",
        setup="default: 4,000 reviews, 3,000 test; full: 20,000 reviews, 25,000 test",
    ),
    Claim(
        "04_imdb_word_vectors",
        "nb_logistic_regression_test",
        "IMDB, naive-Bayes-weighted words and pairs + logistic regression (test accuracy)",
        "–",
        "Wang & Manning (2012), NBSVM: 0.912",
        setup="default: 4,000 reviews, 3,000 test; full: 20,000 reviews, 25,000 test",
    ),
    Claim(
        "04_imdb_word_vectors",
        "nb_evidence_lstm_test",
        "IMDB, a BiLSTM reading GloVe and each token's naive Bayes ratios (test accuracy)",
        "–",
        setup="3 epochs; default: 4,000 reviews, first 200 tokens; full: 20,000, last 400",
    ),
    Claim(
        "04_imdb_word_vectors",
        "order_pairs_bilstm",
        "Negation and contrast probes: share of 8 pairs the BiLSTM ranks right",
        "LSTMs read word order",
        setup="BiLSTM; default: ≤5 epochs, 200 tokens, 4,000 reviews; full: ≤12, 400, 20,000",
    ),
    Claim(
        "04_imdb_word_vectors",
        "order_pairs_tfidf",
        "The same probes: share of 8 pairs TF-IDF + logistic regression ranks right",
        "–",
        setup="default: 4,000 reviews; full: 20,000 reviews; both scales: the same 8 pairs",
    ),
    Claim(
        "05_character_sentiment",
        "mean_raw_characters",
        "Mean characters per training review, counting <br /> tags",
        "1,325",
        format=",.1f",
        setup="all 25,000 training reviews as the raw files have them",
    ),
    Claim(
        "05_character_sentiment",
        "article_train",
        "Character LSTM, training accuracy",
        "0.74 after 5 epochs; 0.90+ after 10",
        setup="default: 4 epochs, 1,000 reviews; full: 10 epochs, 20,000 reviews",
    ),
    Claim(
        "05_character_sentiment",
        "article_validation",
        "Character LSTM, validation accuracy",
        "~0.58",
        setup="default: 4 epochs, 1,000 reviews (500 held out); full: 10, 20,000 (4,904)",
    ),
    Claim(
        "05_character_sentiment",
        "best_char_test",
        "The book's best character-level model (test accuracy)",
        "–",
        "Zhang et al. (2015): character CNNs need large data",
        setup="best of 5 conv nets; default: 4 epochs, 6,000 x 400 chars; full: 5, 20,000 x 1,500",
    ),
    Claim(
        "05_character_sentiment",
        "char_tfidf_test",
        "Character 1-5-gram TF-IDF + logistic regression (test accuracy)",
        "–",
        setup="the variants' reviews and characters; default: 6,000, 400; full: 20,000, 1,500",
    ),
    Claim(
        "06_rotten_tomatoes_phrases",
        "train_rows",
        "Phrases in train.tsv, rebuilt from the treebank",
        "156,060 (Kaggle's)",
        format=",.0f",
        setup="both scales: every phrase of the 8,544 training sentences",
    ),
    Claim(
        "06_rotten_tomatoes_phrases",
        "test_rows",
        "Phrases in test.tsv, rebuilt from the treebank",
        "66,292 (Kaggle's)",
        format=",.0f",
        setup="both scales: every phrase of the 3,311 development and test sentences",
    ),
    Claim(
        "06_rotten_tomatoes_phrases",
        "last_rows_validation",
        "The Kaggle model, the last 10% of rows held out (validation_split; accuracy)",
        "curves only",
        setup="default: 3 epochs, 64 units, 2,500 sentences; full: 8, 256, all sentences",
    ),
    Claim(
        "06_rotten_tomatoes_phrases",
        "random_split_validation",
        "The same model, a random 10% of phrases held out (the book's leak; accuracy)",
        "–",
        setup="default: 3 epochs, 64 units, 2,500 sentences; full: 8, 256, all sentences",
    ),
    Claim(
        "06_rotten_tomatoes_phrases",
        "sentence_split_validation",
        "The same model, a random 10% of sentences held out (accuracy)",
        "–",
        setup="default: 3 epochs, 64 units, 2,500 sentences; full: 8, 256, all sentences",
    ),
    Claim(
        "06_rotten_tomatoes_phrases",
        "article_test",
        "The Kaggle model (last-rows split) on the labelled test phrases",
        "–",
        "leaderboard best 0.76527",
        setup="default: 3 epochs, 64 units, 2,500 sent., 10,000 test; full: 8, 256, all, all",
    ),
    Claim(
        "06_rotten_tomatoes_phrases",
        "best_lstm_test",
        "The book's best LSTM on the test phrases",
        "–",
        "Socher et al. (2013): 0.807 all phrases",
        setup="default: 5 epochs, 64 units, 2,500 sent., 10,000 test; full: 8, 256, all, all",
    ),
    Claim(
        "06_rotten_tomatoes_phrases",
        "ensemble_test",
        "The best LSTM and TF-IDF, class probabilities averaged, on the test phrases",
        "–",
        "leaderboard best 0.76527",
        setup="the best LSTM's row and TF-IDF's; default: 2,500 sent., 10,000 test; full: all",
    ),
    Claim(
        "06_rotten_tomatoes_phrases",
        "tfidf_test",
        "TF-IDF + logistic regression on the test phrases",
        "–",
        setup="default: 2,500 sentences, 10,000 test phrases; full: all of both",
    ),
    Claim(
        "06_rotten_tomatoes_phrases",
        "negation_pairs_lstm",
        "Test pairs X / not X whose label changes side: share the best LSTM gets right",
        "LSTMs read word order",
        setup="the 19 pairs of the whole test table; default: 2,500 sentences; full: all",
    ),
    Claim(
        "06_rotten_tomatoes_phrases",
        "negation_pairs_tfidf",
        "The same 19 pairs: share TF-IDF + logistic regression gets right",
        "–",
        setup="the 19 pairs of the whole test table; default: 2,500 sentences; full: all",
    ),
)


def _value(record: dict | None, claim: Claim) -> str:
    """The claim's metric in ``record``, formatted.

    The default scale runs the current code, so a metric it lacks is an error (a
    misspelt name, say). A full run is expensive and may predate a claim: it says so.
    """
    if record is None:
        return NOT_RUN
    if claim.metric not in record["metrics"] and record["environment"]["scale"] == "full":
        return NOT_RECORDED
    if claim.metric not in record["metrics"]:
        raise ValueError(
            f"results of {claim.chapter} ({record['environment']['scale']} scale) lack "
            f"the metric {claim.metric!r}"
        )
    return format(record["metrics"][claim.metric], claim.format)


def seed_values(record: dict, metric: str) -> list[float]:
    """``metric`` in every seed run of ``record`` that recorded it."""
    return [run["metrics"][metric] for run in record.get("runs", []) if metric in run["metrics"]]


def band(values: list[float], spec: str = ".3f") -> str:
    """``"mean ± sd (min–max)"`` of seed runs, each number formatted with ``spec``."""
    if not values:
        return NO_SWEEP
    series = pd.Series(values, dtype=float)
    spread = format(series.std(), spec) if len(series) > 1 else "–"
    return (
        f"{format(series.mean(), spec)} ± {spread} "
        f"({format(series.min(), spec)}–{format(series.max(), spec)})"
    )


def _band(record: dict | None, claim: Claim) -> str:
    return NOT_RUN if record is None else band(seed_values(record, claim.metric), claim.format)


def claims_table(results_root: Path, claims: tuple[Claim, ...] = CLAIMS) -> pd.DataFrame:
    """A row per claim: the article's figure, the book's at both scales, its seed band."""
    default, full = load_results(results_root / "default"), load_results(results_root / "full")
    rows = []
    for claim in claims:
        at_default, at_full = default.get(claim.chapter), full.get(claim.chapter)
        rows.append(
            {
                "chapter": claim.chapter[:2],
                "claim": claim.claim,
                "book's set-up": claim.setup,
                "article": claim.article,
                "book, default": _value(at_default, claim),
                "default, seeds: mean ± sd (min–max)": _band(at_default, claim),
                "book, full": _value(at_full, claim),
                "reference": claim.reference,
            }
        )
    return pd.DataFrame(rows)


def runs_table(results_root: Path) -> pd.DataFrame:
    """A row per chapter and scale: hardware, backend, wall time, and how many seed runs passed."""
    rows = []
    for scale in ("default", "full"):
        for chapter, record in load_results(results_root / scale).items():
            env, runs = record["environment"], record.get("runs", [])
            rows.append(
                {
                    "chapter": chapter,
                    "scale": scale,
                    "hardware": env["hardware"],
                    "backend": env["backend"],
                    "wall time (min)": round(record["wall_s"] / 60, 1),
                    "peak memory (GiB)": round(record["peak_rss_mib"] / 1024, 1),
                    "seed runs": len(runs),
                    "asserts held": f"{sum(run['asserts_passed'] for run in runs)} of {len(runs)}"
                    if runs
                    else "–",
                }
            )
    return pd.DataFrame(rows)


def bands_table(results_root: Path, scale: str = "default") -> pd.DataFrame:
    """Every metric of every chapter: the stored run beside the band over its seed runs."""
    rows = []
    for chapter, record in load_results(results_root / scale).items():
        for metric, stored in record["metrics"].items():
            values = pd.Series(seed_values(record, metric), dtype=float)
            rows.append(
                {
                    "chapter": chapter[:2],
                    "metric": metric,
                    "stored run": stored,
                    "seeds": len(values),
                    "mean": values.mean(),
                    "sd": values.std(),
                    "min": values.min(),
                    "max": values.max(),
                }
            )
    return pd.DataFrame(rows)
