"""What a page shows: a helper's source (chapters 1, 2 and 5), a table of numbers (chapter 4)."""

from __future__ import annotations

import hashlib
import inspect
import textwrap

import pandas as pd


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


def formatted(frame: pd.DataFrame, digits: int = 3):
    """``frame`` for the page: whole numbers as integers, others to ``digits`` places.

    Every row is shown and no cell is cut short. A missing value shows as a dash (the
    text around the table says why); names such as ``<unk>`` stay text instead of
    becoming HTML tags. The table takes the page's compact style for pandas tables
    (class ``dataframe``). The same frame always gives the same HTML (the table's id
    comes from its content), so a stored page can be compared with a new run.
    """
    if digits < 0:
        raise ValueError(f"digits must be 0 or more, not {digits}")
    dash = "\u2013"

    def number(value) -> str:
        if pd.isna(value):
            return dash
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:.{digits}f}"

    content = hashlib.sha1(frame.to_csv().encode()).hexdigest()[:10]
    styler = frame.style.set_uuid(content).set_table_attributes('class="dataframe"')
    styler = styler.format_index(escape="html", axis=0).format_index(escape="html", axis=1)
    for name, column in frame.items():
        if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
            styler = styler.format(escape="html", na_rep=dash, subset=[name])
        else:
            styler = styler.format(number, subset=[name])
    return styler
