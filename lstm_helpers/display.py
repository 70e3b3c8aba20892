"""What a page shows of the package itself: a helper's source (chapters 1, 2 and 5)."""

from __future__ import annotations

import inspect
import textwrap


def show_source(obj: object):
    """The source of ``obj`` (a function, class or method), highlighted on the page.

    A chapter that teaches code kept in ``lstm_helpers`` shows it with this, so the
    reader sees what runs; its plain-text form is the source itself. A method's source
    is shown without its class's indentation.
    """
    from IPython.display import Code

    try:
        source = inspect.getsource(obj)
    except (TypeError, OSError) as error:
        raise ValueError(f"no Python source to show for {obj!r}: {error}") from None
    return Code(textwrap.dedent(source), language="python")
