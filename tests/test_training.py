"""Experiments: training, recording, tabulating and plotting a chapter's runs."""

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

import keras  # noqa: E402

from lstm_helpers.display import formatted  # noqa: E402
from lstm_helpers.training import Experiments  # noqa: E402

RNG = np.random.default_rng(0)
X = RNG.normal(size=(64, 3)).astype("float32")
Y = (X[:, 0] > 0).astype("float32")
DATA = (X, Y)


def model(metrics=("accuracy",)) -> keras.Model:
    keras.utils.set_random_seed(0)
    net = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, activation="sigmoid")])
    net.compile(keras.optimizers.SGD(0.5), "binary_crossentropy", metrics=list(metrics))
    return net


def test_a_run_without_patience_keeps_its_last_epoch_and_is_tested():
    experiments = Experiments()
    net = model()
    run = experiments.train("plain", net, DATA, DATA, DATA, epochs=3, batch_size=16, size=3)
    assert run.epochs == 3 and len(run.history["loss"]) == 3
    assert run.validation == run.history["val_accuracy"][-1]
    assert run.test == pytest.approx(net.evaluate(X, Y, verbose=0)[1])
    row = experiments.table().loc["plain"]
    assert row["size"] == 3 and row["epochs"] == 3 and row["test"] == run.test
    assert row["s/epoch"] > 0


def test_early_stopping_keeps_the_first_best_epoch():
    experiments = Experiments()
    run = experiments.train("stopped", model(), DATA, DATA, DATA, epochs=8, patience=1)
    validation = run.history["val_accuracy"]
    assert run.kept_epoch == int(np.argmax(validation)) and run.validation == max(validation)
    assert len(validation) <= 8


def test_a_scoring_function_replaces_evaluate_and_baselines_join_the_table():
    experiments = Experiments()
    experiments.train("scored", model(), DATA, DATA, lambda net: 0.25, epochs=2)
    experiments.record("baseline", validation=0.6, test=0.7)
    table = experiments.table(["baseline", "scored"])
    assert list(table.index) == ["baseline", "scored"]
    assert table.loc["scored", "test"] == 0.25 and np.isnan(table.loc["baseline", "epochs"])


def test_bad_requests_are_clear_errors():
    experiments = Experiments()
    experiments.train("once", model(), DATA, DATA, DATA, epochs=2)
    with pytest.raises(ValueError, match="'once' is recorded already"):
        experiments.train("once", model(), DATA, DATA, DATA, epochs=2)
    with pytest.raises(ValueError, match="'once' is recorded already"):
        experiments.record("once", validation=0.5, test=0.5)
    with pytest.raises(ValueError, match=r"patience must be from 1 to epochs - 1 \(1\), not 2"):
        experiments.train("patient", model(), DATA, DATA, DATA, epochs=2, patience=2)
    with pytest.raises(ValueError, match="reports no accuracy"):
        experiments.train("no metric", model(metrics=()), DATA, DATA, DATA, epochs=2)
    with pytest.raises(KeyError, match="no run named 'twice'; recorded: once"):
        experiments["twice"]
    with pytest.raises(KeyError, match="no run named 'twice'"):
        experiments.table(["once", "twice"])
    with pytest.raises(ValueError, match="has no 'auc'"):
        experiments.plot(metric="auc")


def test_the_plot_has_whole_epoch_ticks_and_one_legend_entry_per_run():
    experiments = Experiments()
    experiments.train("a", model(), DATA, DATA, DATA, epochs=3)
    experiments.train("b", model(), DATA, DATA, DATA, epochs=2)
    ax = experiments.plot()
    assert list(ax.get_xticks()) == [1, 2, 3]
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["a", "b", "training", "validation (ring: kept epoch)"]


def test_formatted_shows_whole_numbers_as_integers_and_missing_values_as_a_dash():
    frame = pd.DataFrame(
        {"maxlen": [200.0, np.nan], "test": [0.81234, 0.5], "name": ["x", "<pad>"]},
        index=["a", "learned <unk>"],
    )
    html = formatted(frame).to_html()
    assert ">200<" in html and "200.0" not in html and "\u2013" in html
    assert ">0.812<" in html and ">0.500<" in html and ">x<" in html
    assert "learned &lt;unk&gt;" in html and "&lt;pad&gt;" in html and "<unk>" not in html
    with pytest.raises(ValueError, match="digits must be 0 or more"):
        formatted(frame, digits=-1)


def test_formatted_decides_per_value_and_gives_the_same_html_for_the_same_frame():
    frame = pd.DataFrame({"stored run": [80.0, 0.81667, 1375.0]}, index=["gap", "acc", "wrong"])
    html = formatted(frame).to_html()
    assert ">80<" in html and ">0.817<" in html and ">1,375<" in html and "80.0" not in html
    assert formatted(frame.copy()).to_html() == html, "a stored page can be compared"
    assert formatted(frame * 2).to_html() != html
