"""Character sequence-to-sequence models: a teacher-forced decoder and greedy decoding (chapter 2)."""

from __future__ import annotations

import keras
import numpy as np


def shift_right(targets: np.ndarray, start_index: int) -> np.ndarray:
    """Decoder inputs for teacher forcing: the one-hot targets moved one step later,
    with the start symbol ``start_index`` at step 0."""
    inputs = np.zeros_like(targets)
    inputs[:, 1:] = targets[:, :-1]
    inputs[:, 0, start_index] = 1
    return inputs


def teacher_forced_model(input_length: int, output_length: int, n_chars: int, units: int) -> keras.Model:
    """A bidirectional LSTM encoder whose final states start an LSTM decoder.

    During training the decoder reads the previous *true* output character at each
    step (teacher forcing); :func:`greedy_decode` feeds it its own predictions instead.
    """
    encoder_input = keras.Input((input_length, n_chars), name="question")
    decoder_input = keras.Input((output_length, n_chars), name="previous_answer_chars")
    _, h_forward, c_forward, h_backward, c_backward = keras.layers.Bidirectional(
        keras.layers.LSTM(units, return_state=True), name="encoder")(encoder_input)
    h = keras.layers.Concatenate()([h_forward, h_backward])
    c = keras.layers.Concatenate()([c_forward, c_backward])
    decoded = keras.layers.LSTM(2 * units, return_sequences=True, name="decoder")(decoder_input, initial_state=[h, c])
    output = keras.layers.Dense(n_chars, activation="softmax", name="next_char")(decoded)
    return keras.Model([encoder_input, decoder_input], output)


def greedy_decode(model: keras.Model, questions: np.ndarray, output_length: int, start_index: int,
                  batch_size: int = 2048) -> np.ndarray:
    """Decode step by step, feeding back the most likely character; returns probabilities."""
    n_chars = questions.shape[-1]
    decoder_input = np.zeros((len(questions), output_length, n_chars), dtype=np.float32)
    decoder_input[:, 0, start_index] = 1
    for step in range(output_length):
        probabilities = model.predict([questions, decoder_input], verbose=0, batch_size=batch_size)
        if step + 1 < output_length:
            decoder_input[:, step + 1] = np.eye(n_chars, dtype=np.float32)[probabilities[:, step].argmax(-1)]
    return probabilities
