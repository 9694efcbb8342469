"""The notebooks' table style: escaped, deterministic, money and shares readable."""

import math

import pandas as pd
import pytest

from aidlib.display import long_table, style_table, yuan_range

MARKUP = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<a href='javascript:alert(1)'>链接</a>",
    "帮扶<b>资金</b>&amp;",
]


@pytest.mark.parametrize("markup", MARKUP)
def test_cells_and_caption_are_escaped(markup):
    table = pd.DataFrame({"doc_id": [markup], "sentence": [f"投入{markup}资金。"]})
    out = style_table(table, caption=markup, text=["sentence"]).to_html()
    assert markup not in out
    assert "<script>" not in out and "<img" not in out and "<a " not in out


def test_same_table_gives_the_same_html():
    table = pd.DataFrame({"doc_id": ["a", "b"], "share": [0.25, 0.5]})
    assert (
        style_table(table, shares=["share"]).to_html()
        == style_table(table, shares=["share"]).to_html()
    )


@pytest.mark.parametrize(
    ("low", "high", "shown"),
    [
        (4_000_000, 4_000_000, "400 万元"),
        (3_700_000, 3_800_000, "370–380 万元"),
        (600_000, math.inf, "≥ 60 万元"),
        (0, 50_000, "≤ 5 万元"),
        (36_000, 37_000, "3.6–3.7 万元"),
        (float("nan"), 1.0, ""),
    ],
)
def test_yuan_range(low, high, shown):
    assert yuan_range(low, high) == shown


def test_money_pairs_become_one_column_and_shares_percent():
    table = pd.DataFrame(
        {"doc_id": ["a"], "value_yuan": [1e6], "value_yuan_high": [2e6], "share": [0.125]}
    )
    out = style_table(table, money=[("value_yuan", "value_yuan_high")], shares=["share"])
    html_out = out.to_html()
    assert "100–200 万元" in html_out and "12.5%" in html_out
    assert "value_yuan_high" not in html_out


def test_long_table_shows_head_and_hides_the_rest():
    out = long_table(pd.DataFrame({"n": range(50)}), "all <50> rows", head=5)
    head, _, rest = out.partition("<details>")
    assert ">4<" in head and ">49<" not in head and ">49<" in rest
    assert "all &lt;50&gt; rows" in out
