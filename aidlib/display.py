"""One table style for the notebooks: money in 万元, shares in %, readable text, safe HTML.

Every table a notebook shows goes through ``style_table``: the index is hidden, every cell
and the caption are HTML-escaped (a report's text is data, never markup), money columns
read in 万元 with ≥ / ≤ for open intervals instead of ``inf``, share columns as %, and
text columns are left-aligned, wrapped, and given a width that keeps a sentence readable.
A long table is shown as its first rows with the whole table behind a ``<details>``
(``long_table``).

>>> yuan_range(3_700_000, 3_800_000), yuan_range(600_000, float("inf")), yuan_range(0, 50_000)
('370–380 万元', '≥ 60 万元', '≤ 5 万元')
"""

from __future__ import annotations

import hashlib
import html
import math
from collections.abc import Callable, Sequence

import pandas as pd
from pandas.io.formats.style import Styler

#: The narrowest a wrapped text column may get, in characters (one CJK character ≈ 1 em).
MIN_TEXT_EM = 20
#: Inline CSS of a wrapped text cell and of a short label (doc_id, kind): inline, because
#: JupyterLab drops a ``<style>`` block and element ids from the outputs of an untrusted
#: notebook (every notebook a user has just cloned or downloaded) but keeps ``style=""``.
TEXT_CSS = f"min-width:{MIN_TEXT_EM}em;max-width:40em;white-space:normal;text-align:left"
SHORT_TEXT_CSS = "white-space:nowrap;text-align:left"
_YUAN_PER_WAN = 10_000
#: Most reports a figure draws a panel or a row for: a larger corpus shows its largest
#: reports and says so (a panel per report of 400 takes minutes and reads as noise).
MOST_REPORTS = 12
#: Most rows a long table puts behind its ``<details>``: more make a notebook of megabytes.
MOST_ROWS = 500


def largest_reports(sizes: pd.Series, measure: str, most: int = MOST_REPORTS) -> tuple[list, str]:
    """The labels of the ``most`` largest ``sizes`` (a Series by doc_id), largest first (ties
    in their order in ``sizes``), and a note saying which they are; all labels, in their
    order, and "" when there are no more than ``most``.

    >>> largest_reports(pd.Series({"a": 5, "b": 7, "c": 9}), "with the most text", most=2)
    (['c', 'b'], 'the 2 of 3 reports with the most text')
    >>> largest_reports(pd.Series({"a": 5, "b": 9}), "with the most text")
    (['a', 'b'], '')
    """
    if len(sizes) <= most:
        return list(sizes.index), ""
    note = f"the {most} of {len(sizes):,} reports {measure}"
    return list(sizes.sort_values(ascending=False, kind="stable").index[:most]), note


def _wan(value: float) -> str:
    wan = value / _YUAN_PER_WAN
    return f"{wan:,.0f}" if wan >= 100 or wan == int(wan) else f"{wan:,.2f}".rstrip("0").rstrip(".")


class Table(Styler):
    """A ``Styler`` whose plain-text form gives its size, not its memory address, so a
    notebook re-run with the same data is byte-identical (``git status`` stays clean).

    >>> Table(pd.DataFrame({"a": [1, 2]}))
    <table: 2 rows × 1 columns>
    """

    def __repr__(self) -> str:
        rows, columns = self.data.shape
        return f"<table: {rows} rows × {columns} columns>"


def yuan_range(low: float, high: float) -> str:
    """An interval of yuan as a reader writes it, in 万元: ``a–b``, ``≥ a``, ``≤ b`` or ``a``.

    >>> yuan_range(4_000_000, 4_000_000), yuan_range(1_800, 2_000)
    ('400 万元', '0.18–0.2 万元')
    """
    if pd.isna(low) or pd.isna(high):
        return ""
    if math.isinf(high):
        return f"≥ {_wan(low)} 万元"
    if low == 0 and high > 0:
        return f"≤ {_wan(high)} 万元"
    if low == high:
        return f"{_wan(low)} 万元"
    return f"{_wan(low)}–{_wan(high)} 万元"


def style_table(
    frame: pd.DataFrame,
    *,
    caption: str = "",
    money: Sequence[tuple[str, str]] = (),
    shares: Sequence[str] = (),
    text: Sequence[str] = (),
) -> Styler:
    """The project's table style: escaped cells, no index, money and shares readable.

    ``money`` names (low, high) column pairs: each pair becomes one column, named after
    the low column without ``_low``/``_yuan``, holding ``yuan_range``; ``shares`` are
    fractions shown as %; ``text`` columns are wrapped and at least ``MIN_TEXT_EM`` wide;
    other text (doc_ids, labels) is left-aligned on one line. All layout is inline CSS.

    >>> table = pd.DataFrame({"doc_id": ["<b>a</b>"], "low": [1e6], "high": [float("inf")]})
    >>> html_out = style_table(table, money=[("low", "high")]).to_html()
    >>> "&lt;b&gt;a&lt;/b&gt;" in html_out and "≥ 100 万元" in html_out
    True
    """
    shown = frame.copy()
    for low, high in money:
        name = low.removesuffix("_yuan").removesuffix("_low") or low
        values = [yuan_range(a, b) for a, b in zip(shown[low], shown[high], strict=True)]
        position = shown.columns.get_loc(low)
        shown = shown.drop(columns=[low, high])
        shown.insert(position, name, values)
    wrapped = [column for column in text if column in shown]
    labels = [
        column
        for column in shown.columns
        if column not in wrapped and not pd.api.types.is_numeric_dtype(shown[column])
    ]
    styler = (
        Table(shown)
        .set_uuid(_stable_id(shown, caption))
        .hide(axis="index")
        .format(escape="html", na_rep="", precision=2, thousands=",")
        .format(inline_css(SHORT_TEXT_CSS), subset=labels, escape="html", na_rep="")
        .format(inline_css(TEXT_CSS), subset=wrapped, escape="html", na_rep="")
    )
    percent = [column for column in shares if column in shown]
    if percent:
        styler = styler.format("{:.1%}", subset=percent, na_rep="")
    if caption:
        styler = styler.set_caption(html.escape(caption))
    return styler


def inline_css(css: str) -> Callable[[object], str]:
    """A cell formatter that puts the (already escaped) value in a ``<div>`` styled inline."""
    return lambda value: f'<div style="{css}">{value}</div>'


def _stable_id(frame: pd.DataFrame, caption: str) -> str:
    """An element id made from the table's content, so re-running a notebook gives the same HTML."""
    content = pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy().tobytes()
    return hashlib.sha1(caption.encode() + content + str(list(frame.columns)).encode()).hexdigest()[
        :8
    ]


def long_table(
    frame: pd.DataFrame, summary: str, head: int = 10, most: int = MOST_ROWS, **style: object
) -> str:
    """HTML for a long table: its first ``head`` rows, then the whole table behind
    ``<details>`` (its first ``most`` rows, and the summary says so: the DataFrame has all).

    >>> out = long_table(pd.DataFrame({"n": range(30)}), "All 30 rows", head=3)
    >>> out.count("<table"), "<details>" in out
    (2, True)
    >>> "the first 20 shown" in long_table(pd.DataFrame({"n": range(30)}), "All", most=20)
    True
    """
    if len(frame) > most:
        summary += f" (the first {most:,} shown; the DataFrame holds all {len(frame):,})"
    first = style_table(frame.head(head), **style).to_html()
    whole = style_table(frame.head(most), **style).to_html()
    return f"{first}<details><summary>{html.escape(summary)}</summary>{whole}</details>"
