import os
import subprocess
import sys

import keras
import numpy as np
import pytest

import lstm_helpers
from lstm_helpers.runtime import (
    SEED_VARIABLE,
    quiet_backend_logs,
    read_book_seed,
    seed,
    use_scan_recurrent_kernels,
)


def test_start_prints_the_environment_stamp(capsys, monkeypatch):
    monkeypatch.delenv(SEED_VARIABLE, raising=False)
    lstm_helpers.start()
    stamp = capsys.readouterr().out.strip()
    assert stamp.startswith("Python ")
    assert f"Keras {keras.__version__} ({keras.backend.backend()} " in stamp
    assert f"NumPy {np.__version__}" in stamp
    assert stamp.endswith("| CPU | scale=default") or stamp.endswith("| GPU | scale=default")


def test_start_makes_numpy_and_keras_repeatable(capsys, monkeypatch):
    monkeypatch.setenv(SEED_VARIABLE, "7")
    draws = []
    for _ in range(2):
        lstm_helpers.start()
        layer = keras.layers.Dense(3)
        layer.build((None, 4))
        draws.append((np.random.rand(3), layer.get_weights()[0]))
    np.testing.assert_array_equal(draws[0][0], draws[1][0])
    np.testing.assert_array_equal(draws[0][1], draws[1][1])
    assert capsys.readouterr().out.strip().endswith("| seed=7")
    monkeypatch.setenv(SEED_VARIABLE, "8")
    lstm_helpers.start()
    assert not np.array_equal(np.random.rand(3), draws[0][0])


def test_without_the_seed_variable_every_stream_is_its_own_seed(capsys, monkeypatch):
    monkeypatch.delenv(SEED_VARIABLE, raising=False)
    lstm_helpers.start()
    assert [seed(0), seed(42), seed(10_080)] == [0, 42, 10_080]
    assert "seed=" not in capsys.readouterr().out


def test_the_seed_variable_moves_every_stream_to_its_own_seed(capsys, monkeypatch):
    monkeypatch.setenv(SEED_VARIABLE, "3")
    lstm_helpers.start()
    three = [seed(0), seed(1), seed(42)]
    assert len(set(three)) == 3 and not set(three) & {0, 1, 42}
    assert all(0 <= s < 2**32 for s in three)  # fits pandas' and scikit-learn's random_state
    monkeypatch.setenv(SEED_VARIABLE, "4")
    lstm_helpers.start()
    assert seed(0) not in three
    monkeypatch.setenv(SEED_VARIABLE, "3")
    lstm_helpers.start()
    assert [seed(0), seed(1), seed(42)] == three
    monkeypatch.delenv(SEED_VARIABLE)
    lstm_helpers.start()


@pytest.mark.parametrize("value", ["-1", "one", "1.5"])
def test_a_bad_seed_variable_is_an_error(monkeypatch, value):
    monkeypatch.setenv(SEED_VARIABLE, value)
    with pytest.raises(ValueError, match=f"LSTM_BOOK_SEED='{value}' is not a non-negative integer"):
        read_book_seed()


@pytest.mark.parametrize("stream", [-1, 1.0, True, "0"])
def test_a_bad_seed_stream_is_an_error(stream):
    with pytest.raises(ValueError, match="a seed stream is a non-negative integer"):
        seed(stream)


@pytest.mark.skipif(keras.backend.backend() != "tensorflow", reason="a TensorFlow setting")
def test_start_runs_each_tensorflow_op_on_one_thread_on_a_cpu():
    code = (
        "import lstm_helpers, tensorflow as tf; lstm_helpers.start(); "
        "print(tf.config.list_physical_devices('GPU') == [], "
        "tf.config.threading.get_intra_op_parallelism_threads())"
    )
    cpu_only, threads = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()[-2:]
    assert threads == ("1" if cpu_only == "True" else "0")


def test_start_after_the_backend_ran_an_op():
    code = (
        "import keras, lstm_helpers; keras.ops.ones(2) + 1; "
        "lstm_helpers.start(); lstm_helpers.start()"
    )
    stamps = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert stamps.count("Python ") == 2


def test_quiet_backend_logs_keeps_user_settings(monkeypatch):
    monkeypatch.setenv("TF_CPP_MIN_LOG_LEVEL", "1")
    monkeypatch.setenv("XLA_FLAGS", "--xla_dump_to=/tmp/x")
    quiet_backend_logs()
    assert os.environ["TF_CPP_MIN_LOG_LEVEL"] == "1"
    assert os.environ["XLA_FLAGS"] == "--xla_dump_to=/tmp/x --xla_gpu_deterministic_ops=true"


def test_importing_keras_after_the_package_prints_no_logs():
    code = "import lstm_helpers, keras, tensorflow as tf; tf.constant(1.0) + 1"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if not k.startswith(("TF_", "XLA"))},
    )
    assert result.stderr == ""
    assert result.stdout == ""


@pytest.mark.skipif(keras.backend.backend() != "jax", reason="the switch is for JAX")
def test_scan_switch_keeps_the_lstm_results_on_jax():
    from keras.src import backend

    layer = keras.layers.LSTM(3, return_sequences=True)
    x = np.random.default_rng(0).normal(size=(2, 5, 4)).astype("float32")
    before = keras.ops.convert_to_numpy(layer(x))
    use_scan_recurrent_kernels()
    with pytest.raises(NotImplementedError):
        backend.lstm(x)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(layer(x)), before, rtol=1e-6)


@pytest.mark.skipif(keras.backend.backend() == "jax", reason="the switch is for JAX")
def test_scan_switch_refuses_other_backends():
    with pytest.raises(RuntimeError, match="only the JAX backend"):
        use_scan_recurrent_kernels()
