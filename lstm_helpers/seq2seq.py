"""Character sequence-to-sequence models: a teacher-forced decoder, greedy decoding (chapter 2)."""

from __future__ import annotations

import keras
import numpy as np


def _check_start(start_index: int, n_chars: int) -> None:
    if not 0 <= start_index < n_chars:
        raise ValueError(f"start_index {start_index} is outside the {n_chars} characters")


def shift_right(targets: np.ndarray, start_index: int) -> np.ndarray:
    """Decoder inputs for teacher forcing: the one-hot targets moved one step later,
    with the start symbol ``start_index`` at step 0."""
    if targets.ndim != 3:
        raise ValueError(
            f"expected one-hot targets of shape (n, length, n_chars), got {targets.shape}"
        )
    _check_start(start_index, targets.shape[2])
    inputs = np.zeros_like(targets)
    inputs[:, 1:] = targets[:, :-1]
    inputs[:, 0, start_index] = 1
    return inputs


def teacher_forced_model(
    input_length: int, output_length: int, n_chars: int, units: int
) -> keras.Model:
    """A bidirectional LSTM encoder whose final states start an LSTM decoder.

    During training the decoder reads the previous *true* output character at each
    step (teacher forcing); :func:`greedy_decode` feeds it its own predictions instead.
    The layers are named ``encoder``, ``decoder`` and ``next_char`` so that the decoder
    can also be run one step at a time.
    """
    encoder_input = keras.Input((input_length, n_chars), name="question")
    decoder_input = keras.Input((output_length, n_chars), name="previous_answer_chars")
    h, c = _encoder_states(
        keras.layers.Bidirectional(keras.layers.LSTM(units, return_state=True), name="encoder"),
        encoder_input,
    )
    decoder = keras.layers.LSTM(2 * units, return_sequences=True, return_state=True, name="decoder")
    decoded, _, _ = decoder(decoder_input, initial_state=[h, c])
    output = keras.layers.Dense(n_chars, activation="softmax", name="next_char")(decoded)
    return keras.Model([encoder_input, decoder_input], output)


def _encoder_states(encoder: keras.layers.Layer, question: keras.KerasTensor) -> tuple:
    """The decoder's initial ``(h, c)``: both directions' final states side by side."""
    _, h_forward, c_forward, h_backward, c_backward = encoder(question)
    return (
        keras.layers.Concatenate()([h_forward, h_backward]),
        keras.layers.Concatenate()([c_forward, c_backward]),
    )


def greedy_decode(
    model: keras.Model,
    questions: np.ndarray,
    output_length: int,
    start_index: int,
    batch_size: int = 2048,
) -> np.ndarray:
    """Answer ``questions`` with a :func:`teacher_forced_model`, feeding back the most likely
    character at each step; returns the probabilities, ``(n, output_length, n_chars)``.

    The encoder runs once and the decoder one step at a time from its last state, so
    decoding costs one pass, not one pass per output character.
    """
    question_shape, answer_shape = (tuple(tensor.shape[1:]) for tensor in model.inputs)
    if questions.ndim != 3 or questions.shape[1:] != question_shape:
        raise ValueError(
            f"expected questions of shape (n, {question_shape[0]}, {question_shape[1]}), "
            f"got {questions.shape}"
        )
    if not 0 < output_length <= answer_shape[0]:
        raise ValueError(f"output_length must be 1 to {answer_shape[0]}, the model's answer length")
    n_chars = question_shape[1]
    _check_start(start_index, n_chars)

    question = keras.Input(question_shape)
    encoder = keras.Model(question, _encoder_states(model.get_layer("encoder"), question))
    decoder = model.get_layer("decoder")
    previous, h, c = (
        keras.Input((1, n_chars)),
        keras.Input((decoder.units,)),
        keras.Input((decoder.units,)),
    )
    decoded, next_h, next_c = decoder(previous, initial_state=[h, c])
    step = keras.Model([previous, h, c], [model.get_layer("next_char")(decoded), next_h, next_c])

    states = encoder.predict(questions, verbose=0, batch_size=batch_size)
    previous_char = np.zeros((len(questions), 1, n_chars), dtype=np.float32)
    previous_char[:, 0, start_index] = 1
    probabilities = np.zeros((len(questions), output_length, n_chars), dtype=np.float32)
    for position in range(output_length):
        step_probabilities, *states = step.predict(
            [previous_char, *states], verbose=0, batch_size=batch_size
        )
        probabilities[:, position] = step_probabilities[:, 0]
        previous_char = np.eye(n_chars, dtype=np.float32)[step_probabilities[:, 0].argmax(-1)][
            :, None
        ]
    return probabilities
