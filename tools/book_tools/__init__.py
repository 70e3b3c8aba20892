"""The book's own build, test and benchmark machinery, apart from the teaching package.

Readers who run a chapter (in Colab, say) install only ``lstm_helpers``; this package
is for building and checking the book itself (``pip install -e ./tools``, which
``requirements.txt`` does):

- ``book_tools.book``: the Sphinx extension that serves MathJax from the built site;
- ``book_tools.pages``: the headless-browser check of every built page;
- ``book_tools.reproduce``: runs every chapter at a scale, or under a sweep of seeds,
  and keeps its numbers in ``results/``;
- ``book_tools.results``: reads those result files back, checked;
- ``book_tools.report``: the reproduction report's tables (chapter 7).
"""
