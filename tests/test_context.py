"""Tests of aidlib.context: KWIC, dispersion, co-occurrence and the HTML term scatter."""

from __future__ import annotations

import base64
import io
import itertools
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from fontTools.ttLib import TTFont

from aidlib import context, findings, keywords
from aidlib.corpus import Corpus, load_corpus
from aidlib.plotstyle import missing_glyphs
from aidlib.structure import parse
from tests.conftest import rendered_dom

TERMS = ["消费扶贫", "就业", "结对", "资金", "对口帮扶", "汉滨区", "丹凤县", "产业"]
A, B = "yanta-hanbin", "beilin-danfeng"

# Sentence units: heading {汉滨区, 富硒}; S0 {汉滨区, 丹凤县, 双孢菇}; S1 {汉滨区, 富硒};
# S2 {丹凤县, 双孢菇, 富硒}; S3 {双孢菇} (twice in one sentence counts once).
FIXTURE = "报告\n——副题\n汉滨区富硒\n汉滨区、丹凤县、双孢菇。汉滨区、富硒。\n丹凤县、双孢菇、富硒。双孢菇、双孢菇。"


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="module")
def fixture_docs() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["f"], "text": [FIXTURE]})


# --- KWIC -------------------------------------------------------------------------------


@pytest.mark.parametrize("term", TERMS)
def test_kwic_hits_equal_the_token_counts_of_frequencies(seeds, term):
    hits = context.kwic(seeds, term)
    freqs = keywords.frequencies(seeds)
    expected = freqs[freqs["term"] == term].set_index("doc_id")["count"]
    assert expected.sum() > 0, f"{term} should occur in the seeds"
    found = hits.groupby("doc_id").size()
    for doc_id in seeds:
        assert found.get(doc_id, 0) == expected.get(doc_id, 0), (term, doc_id)


def test_kwic_contexts_join_back_to_the_normalised_text(seeds):
    texts = {doc_id: parse(seeds.raw_text(doc_id)).text for doc_id in seeds}
    hits = pd.concat(
        [
            context.kwic(seeds, TERMS, window=12),
            context.kwic(seeds, r"帮扶\w{0,2}", window=12, regex=True),
        ]
    )
    assert len(hits) > 100
    for row in hits.itertuples(index=False):
        text = texts[row.doc_id]
        assert row.hit == text[row.start : row.end]
        joined = text[row.start - len(row.left) : row.end + len(row.right)]
        assert row.left + row.hit + row.right == joined
        assert len(row.left) <= 12 and len(row.right) <= 12
        assert "\n" not in row.left + row.right  # context stays inside the hit's block


def test_kwic_rows_know_their_block_and_sentence(seeds):
    docs = {doc_id: parse(seeds.raw_text(doc_id)) for doc_id in seeds}
    hits = context.kwic(seeds, ["就业", "资金"])
    for row in hits.itertuples(index=False):
        doc = docs[row.doc_id]
        block = doc.blocks[row.paragraph]
        assert block.kind in ("heading", "paragraph")
        assert block.start <= row.start < row.end <= block.end
        assert block.section == row.section
        if block.kind == "heading":
            assert pd.isna(row.sentence)
        else:
            sentence = doc.sentences[row.sentence]
            assert sentence.start <= row.start < row.end <= sentence.end
    assert (
        hits.groupby("doc_id", sort=False)["start"].apply(lambda s: s.is_monotonic_increasing).all()
    )
    assert list(hits["doc_id"].unique()) == seeds.doc_ids


def test_a_report_in_traditional_characters_is_searched_as_it_is_tokenised():
    # a regex search must find what the token search finds, or "inside longer words"
    # (characters minus words) goes below zero in notebook 05
    text = "標題\n浙川協作推進消費幫扶，消費幫扶成效明顯。"
    docs = pd.DataFrame({"doc_id": ["t"], "text": [text]})
    words = context.kwic(docs, "消费帮扶", window=2)
    characters = context.kwic(docs, "消费帮扶", window=2, regex=True)
    assert words["start"].tolist() == characters["start"].tolist() == [9, 14]
    assert characters["hit"].tolist() == ["消費幫扶", "消費幫扶"]  # shown as written
    assert findings.term_hits(words, characters)["inside_longer_words"].tolist() == [0]


def test_a_term_matches_whole_tokens_only_unless_regex_is_asked(seeds):
    small = pd.DataFrame({"doc_id": ["s"], "text": ["标题\n——副题\n对口帮扶是帮扶。"]})
    assert context.kwic(small, "帮扶")["start"].tolist() == [13]
    assert context.kwic(small, "帮扶", regex=True)["start"].tolist() == [10, 13]
    assert context.kwic(small, re.compile("帮扶"))["start"].tolist() == [10, 13]

    as_term = context.kwic(seeds, "帮扶", window=0)
    as_regex = context.kwic(seeds, "帮扶", window=0, regex=True)
    assert len(as_regex) > len(as_term) > 0
    tokens = keywords.terms(seeds)
    bound = set(zip(tokens["doc_id"], tokens["start"], tokens["end"], strict=True))
    assert all(
        (d, s, e) in bound
        for d, s, e in zip(as_term.doc_id, as_term.start, as_term.end, strict=True)
    )
    inside = [
        (d, s)
        for d, s, e in zip(as_regex.doc_id, as_regex.start, as_regex.end, strict=True)
        if (d, s, e) not in bound
    ]
    assert inside, "regex mode should also find 帮扶 inside longer words such as 对口帮扶"


def test_kwic_finds_a_variant_under_its_canonical_term(seeds):
    variant = context.kwic(seeds, "三架马车", window=0)
    canonical = context.kwic(seeds, "三驾马车", window=0)
    assert variant["start"].tolist() == canonical["start"].tolist()
    assert set(variant["hit"]) == {"三驾马车", "三架马车"}
    assert set(variant["pattern"]) == {"三架马车"}


def test_kwic_warns_when_a_term_is_never_one_token(seeds):
    with pytest.warns(UserWarning, match=r"'帮扶资金投入' is never one token .*dictionary.txt"):
        assert context.kwic(seeds, "帮扶资金投入").empty


def test_kwic_reports_which_pattern_matched_and_rejects_bad_input(seeds):
    hits = context.kwic(seeds, ["结对", "资金"])
    assert set(hits["pattern"]) == {"结对", "资金"}
    assert list(hits.columns) == context.KWIC_COLUMNS
    with pytest.raises(ValueError, match=r"bad regular expression '\('"):
        context.kwic(seeds, "(", regex=True)
    with pytest.raises(ValueError, match="window"):
        context.kwic(seeds, "就业", window=-1)
    with pytest.raises(ValueError, match="pattern"):
        context.kwic(seeds, [])
    with pytest.raises(ValueError, match="missing"):
        context.kwic(seeds.metadata[["doc_id"]], "就业")


def test_style_kwic_lines_the_hits_up(seeds):
    html = context.style_kwic(context.kwic(seeds, "结对", window=8)).to_html()
    # inline, so JupyterLab keeps the layout in an untrusted notebook (it drops <style>)
    assert 'style="white-space:pre;text-align:right"' in html
    assert 'style="white-space:pre;font-weight:bold">结对<' in html
    assert html.count("结对") >= 3


# --- dispersion -------------------------------------------------------------------------


def test_dispersion_positions_lie_in_0_1_and_follow_the_text(seeds):
    terms = ["消费扶贫", "就业", "三区两地", "一体两翼"]
    table = context.dispersion(seeds, terms)
    assert table["position"].between(0, 1).all()
    for _, group in table.groupby(["doc_id", "term"], observed=True):
        assert group["start"].is_monotonic_increasing
        assert group["position"].is_monotonic_increasing
    assert list(table["term"].cat.categories) == terms
    counts = table.groupby(["doc_id", "term"], observed=False).size()
    assert counts[(B, "三区两地")] == 0 and counts[(A, "一体两翼")] == 0
    assert counts[(A, "就业")] == len(context.kwic(seeds.subset([A]), "就业"))


def test_dispersion_runs_from_the_first_to_the_last_body_character():
    # body: "就业好。" at offsets 8-12, "更好地就业。" at 13-19; its last character is 18
    docs = pd.DataFrame({"doc_id": ["d"], "text": ["标题\n——副题\n就业好。\n更好地就业。"]})
    table = context.dispersion(docs, ["就业", "就业好"], regex=True)
    assert table["position"].tolist() == [0.0, pytest.approx((16 - 8) / (18 - 8)), 0.0]
    assert table["term"].tolist() == ["就业", "就业", "就业好"]


def test_plot_dispersion_draws_chinese_with_the_cjk_font(seeds):
    figure = context.plot_dispersion(context.dispersion(seeds, ["消费扶贫", "结对"]))
    labels = [tick.get_text() for ax in figure.axes for tick in ax.get_yticklabels()]
    assert "消费扶贫" in labels and "结对" in labels
    assert missing_glyphs(figure) == {}
    assert len(figure.axes) == len(seeds)
    plt.close(figure)


def test_plot_dispersion_marks_section_boundaries_and_keys_its_marks(seeds):
    bounds = context.sections(seeds)
    assert set(bounds["doc_id"]) == set(seeds.doc_ids)
    assert (bounds.groupby("doc_id")["position"].min() == 0).all()
    figure = context.plot_dispersion(context.dispersion(seeds, ["就业"]), sections=bounds)
    try:
        for ax, doc_id in zip(figure.axes, seeds.doc_ids, strict=True):
            dotted = [c for c in ax.collections if c.get_linestyle()[0][1] is not None]
            drawn = sorted(segment[0][0] for c in dotted for segment in c.get_segments())
            expected = bounds.loc[(bounds["doc_id"] == doc_id) & (bounds["position"] > 0)]
            assert drawn == pytest.approx(sorted(expected["position"]))
            assert len(drawn) >= 2  # both seeds have headed sections
        legend = [text.get_text() for text in figure.legends[0].get_texts()]
        assert legend[-1] == "a new section begins (top-level heading)" and len(legend) == 3
    finally:
        plt.close(figure)


def test_plot_dispersion_wraps_many_reports_into_rows(seeds):
    frame = seeds.to_frame()
    many = pd.concat([frame.assign(doc_id=frame["doc_id"] + f"-{n}") for n in range(3)])
    figure = context.plot_dispersion(context.dispersion(many, ["就业"]))
    try:
        drawn = [ax for ax in figure.axes if ax.axison]
        assert len(drawn) == 6 and len({round(ax.get_position().y0, 3) for ax in drawn}) == 2
    finally:
        plt.close(figure)


# --- co-occurrence ------------------------------------------------------------------------


def test_cooccurrence_matrix_is_symmetric_with_hand_counts(fixture_docs):
    matrix = context.cooccurrence_matrix(fixture_docs, unit="sentence")
    assert (
        list(matrix.index) == list(matrix.columns) == sorted(["汉滨区", "丹凤县", "双孢菇", "富硒"])
    )
    assert (matrix.to_numpy() == matrix.to_numpy().T).all()
    expected = {
        ("汉滨区", "汉滨区"): 3,
        ("富硒", "富硒"): 3,
        ("丹凤县", "丹凤县"): 2,
        ("双孢菇", "双孢菇"): 3,
        ("汉滨区", "富硒"): 2,  # the heading and S1
        ("汉滨区", "丹凤县"): 1,
        ("汉滨区", "双孢菇"): 1,
        ("丹凤县", "双孢菇"): 2,
        ("丹凤县", "富硒"): 1,
        ("双孢菇", "富硒"): 1,
    }
    for (a, b), count in expected.items():
        assert matrix.loc[a, b] == matrix.loc[b, a] == count, (a, b)

    by_paragraph = context.cooccurrence_matrix(fixture_docs, unit="paragraph")
    assert by_paragraph.loc["丹凤县", "富硒"] == 2 and by_paragraph.loc["汉滨区", "丹凤县"] == 1
    assert by_paragraph.loc["富硒", "富硒"] == 3 and by_paragraph.loc["双孢菇", "双孢菇"] == 2


def test_cooccurrence_pairs_and_strength_by_hand(fixture_docs):
    pairs = context.cooccurrence(fixture_docs, min_count=1, min_term_count=1).set_index(
        ["term_a", "term_b"]
    )
    assert len(pairs) == 6
    assert all(a < b for a, b in pairs.index)
    row = pairs.loc[("丹凤县", "双孢菇")]
    assert (row["count"], row["count_a"], row["count_b"], row["units"]) == (2, 2, 3, 5)
    assert row["strength"] == pytest.approx(2 / 3)
    assert pairs.loc[("富硒", "汉滨区"), "strength"] == pytest.approx(0.5)

    pmi = context.cooccurrence(fixture_docs, min_count=2, min_term_count=1, measure="pmi")
    assert set(zip(pmi.term_a, pmi.term_b, strict=True)) == {
        ("丹凤县", "双孢菇"),
        ("富硒", "汉滨区"),
    }
    strength = pmi.set_index(["term_a", "term_b"])["strength"]
    assert strength[("丹凤县", "双孢菇")] == pytest.approx(math.log2(2 * 5 / (2 * 3)))
    assert strength[("富硒", "汉滨区")] == pytest.approx(math.log2(2 * 5 / (3 * 3)))

    rare = context.cooccurrence(fixture_docs, min_count=1, min_term_count=3)
    assert "丹凤县" not in set(rare.term_a) | set(rare.term_b)


def test_cooccurrence_on_the_seeds_is_per_report_and_consistent(seeds):
    pairs = context.cooccurrence(seeds)
    assert list(pairs.columns) == context.PAIR_COLUMNS
    assert list(pairs["doc_id"].unique()) == seeds.doc_ids
    assert (pairs["count"] >= 2).all() and (pairs["strength"] <= 1).all()
    assert (pairs["count"] <= pairs[["count_a", "count_b"]].min(axis=1)).all()
    one = seeds.subset([B])
    matrix = context.cooccurrence_matrix(one)
    assert (matrix.to_numpy() == matrix.to_numpy().T).all()
    for row in pairs[pairs["doc_id"] == B].head(20).itertuples(index=False):
        assert matrix.loc[row.term_a, row.term_b] == row.count
        assert matrix.loc[row.term_a, row.term_a] == row.count_a


def test_cooccurrence_rejects_unknown_choices(fixture_docs):
    with pytest.raises(ValueError, match="unit must be one of sentence, paragraph; got 'page'"):
        context.cooccurrence(fixture_docs, unit="page")
    with pytest.raises(ValueError, match="measure must be one of"):
        context.cooccurrence(fixture_docs, measure="dice")


def test_network_layout_is_reproducible_for_a_seed(seeds):
    pairs = context.cooccurrence(seeds)
    one = pairs[pairs["doc_id"] == A]
    first = context.network_layout(one, top=30, seed=7)
    again = context.network_layout(one, top=30, seed=7)
    pd.testing.assert_frame_equal(first, again)
    other = context.network_layout(one, top=30, seed=8)
    assert not np.allclose(first[["x", "y"]], other[["x", "y"]])
    assert list(first.columns) == context.LAYOUT_COLUMNS
    terms = set(one.head(30).term_a) | set(one.head(30).term_b)
    assert set(first["term"]) == terms
    held = dict(zip(one.term_a, one.count_a, strict=True)) | dict(
        zip(one.term_b, one.count_b, strict=True)
    )
    assert all(held[t] == f for t, f in zip(first["term"], first["frequency"], strict=True))
    assert first["community"].min() == 0
    with pytest.raises(ValueError, match="one report"):
        context.network_layout(pairs)


_LAYOUT_IN_A_NEW_PROCESS = """
from aidlib import context
from aidlib.corpus import load_corpus
corpus = load_corpus()
pairs = context.cooccurrence(corpus, unit="sentence", min_count=2, measure="jaccard")
one = pairs[pairs["doc_id"] == corpus.doc_ids[0]]
print(context.network_layout(one, top=40, seed=0).to_csv(index=False))
"""


def test_network_layout_is_the_same_in_every_process():
    """Python's string hashing changes from process to process; the layout must not."""
    layouts = {
        subprocess.run(
            [sys.executable, "-c", _LAYOUT_IN_A_NEW_PROCESS],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ | {"PYTHONHASHSEED": str(hash_seed)},
        ).stdout
        for hash_seed in (1, 2, 3)
    }
    assert len(layouts) == 1
    assert len(next(iter(layouts)).splitlines()) > 20


def test_plot_cooccurrence_draws_chinese_with_the_cjk_font(seeds):
    pairs = context.cooccurrence(seeds)
    one = pairs[pairs["doc_id"] == B]
    figure = context.plot_cooccurrence(one, top=25, seed=1)
    drawn = {text.get_text() for text in figure.axes[0].texts}
    apart = {term for members in context.small_components(one, top=25) for term in members}
    assert drawn == set(context.network_layout(one, top=25)["term"]) - apart
    assert missing_glyphs(figure) == {}
    plt.close(figure)


@pytest.mark.parametrize("doc_id", [A, B])
def test_network_labels_do_not_overprint_and_every_encoding_is_keyed(seeds, doc_id):
    pairs = context.cooccurrence(seeds, unit="sentence", min_count=2, measure="jaccard")
    one = pairs[pairs["doc_id"] == doc_id]
    apart = context.small_components(one, top=40)
    assert apart and all(len(members) == 2 for members in apart)  # the seeds have some
    figure = context.plot_cooccurrence(one, top=40, seed=0)
    try:
        ax = figure.axes[0]
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        labels = [text for text in ax.texts if text.get_text()]
        assert len(labels) == len(context.network_layout(one, top=40)) - 2 * len(apart)
        boxes = [text.get_window_extent(renderer) for text in labels]
        overlapping = [
            (a.get_text(), b.get_text())
            for (a, box_a), (b, box_b) in itertools.combinations(zip(labels, boxes, strict=True), 2)
            if box_a.overlaps(box_b)
        ]
        assert overlapping == []
        # nor does a label cover another term's node (a node's size is its area in points²)
        nodes = ax.collections[1]  # in the labels' order, as the edges are drawn first
        centres = ax.transData.transform(nodes.get_offsets())
        radii = np.sqrt(nodes.get_sizes()) / 2 * figure.dpi / 72
        covering = [
            (label.get_text(), labels[j].get_text())
            for k, (label, box) in enumerate(zip(labels, boxes, strict=True))
            for j, (x, y) in enumerate(centres)
            if j != k
            and math.hypot(max(box.x0 - x, 0, x - box.x1), max(box.y0 - y, 0, y - box.y1))
            < radii[j]
        ]
        assert covering == []
        titles = {legend.get_title().get_text() for legend in ax.artists + [ax.get_legend()]}
        assert titles == {
            "node size: units with the term",
            "edge width: strength",
            "colour: community (its most frequent term)",
        }
        note = " ".join(text.get_text() for text in figure.texts)
        assert note.startswith("Pairs linked to nothing else (not drawn): ")
        assert all("–".join(members) in note for members in apart)
    finally:
        plt.close(figure)


# --- term scatter -------------------------------------------------------------------------


def test_term_scatter_table_ranks_every_term_in_both_reports(seeds):
    table = context.term_scatter_table(seeds, A, B, min_count=2)
    freqs = keywords.frequencies(seeds)
    totals = freqs[freqs["doc_id"].isin([A, B])].groupby("term")["count"].sum()
    assert set(table["term"]) == set(totals[totals >= 2].index)
    for side, axis in (("a", "x"), ("b", "y")):
        counts = table[f"count_{side}"]
        # competition ranks: 1 + the number of terms used more often
        expected = [1 + int((counts > count).sum()) for count in counts]
        assert table[f"rank_{side}"].tolist() == expected
        ties = counts.map(counts.value_counts())
        # each point lies inside its tie's ranks, and tied points do not pile up
        assert (table[axis] >= table[f"rank_{side}"]).all()
        assert (table[axis] <= table[f"rank_{side}"] + ties - 1).all()
        alone = ties == 1
        assert (table.loc[alone, axis] == table.loc[alone, f"rank_{side}"]).all()
        assert table.loc[~alone, axis].nunique() == (~alone).sum()
    counts = freqs.set_index(["doc_id", "term"])["count"]
    row = table.set_index("term").loc["汉滨区"]
    assert row["count_a"] == counts[(A, "汉滨区")] and row["rank_a"] == 1
    assert row["z"] > 0 and table.set_index("term").loc["丹凤县", "z"] < 0
    with pytest.raises(ValueError, match="no report 'nowhere'"):
        context.term_scatter_table(seeds, A, "nowhere")


def test_term_scatter_jitter_is_fixed_and_tied_points_are_not_on_a_line(seeds):
    first = context.term_scatter_table(seeds, A, B)
    pd.testing.assert_frame_equal(first, context.term_scatter_table(seeds, A, B))
    tied = first[(first["count_a"] == 1) & (first["count_b"] == 1)]
    assert len(tied) > 10
    # in term order the old layout put these on a diagonal: x and y were the same order
    assert abs(np.corrcoef(tied["x"], tied["y"])[0, 1]) < 0.5


def test_term_scatter_compares_groups_of_reports(seeds):
    frame = seeds.to_frame()
    docs = pd.concat([frame, frame.assign(doc_id=frame["doc_id"] + "-copy")])
    group_a, group_b = [A, A + "-copy"], [B, B + "-copy"]
    grouped = context.term_scatter_table(docs, group_a, group_b).set_index("term")
    single = context.term_scatter_table(seeds, A, B).set_index("term")
    assert (grouped.loc[single.index, "count_a"] == 2 * single["count_a"]).all()
    assert grouped.loc["汉滨区", "z"] > single.loc["汉滨区", "z"] > 0  # twice the evidence
    with pytest.raises(ValueError, match="share reports"):
        context.term_scatter_table(docs, group_a, [A, B])
    assert context.side_name(group_b) == f"{B} + 1 more"


def test_top_term_lists_are_typical_of_each_side_and_of_both(seeds):
    table = context.term_scatter_table(seeds, A, B)
    tops = context.top_terms_of_sides(table, n=5)
    z = table.set_index("term")["z"]
    assert [z[term] for term in tops["a"]] == sorted(z, reverse=True)[:5]
    assert all(z[term] < 0 for term in tops["b"]) and "丹凤县" in tops["b"]
    worse = table.set_index("term")[["rank_a", "rank_b"]].max(axis=1)
    assert all(worse[term] <= worse.sort_values().iloc[4] for term in tops["both"])


def test_term_scatter_is_one_self_contained_file(seeds, tmp_path):
    path = context.term_scatter(seeds, A, B, tmp_path / "out" / "scatter.html")
    assert path == tmp_path / "out" / "scatter.html"
    assert [p.name for p in path.parent.iterdir()] == ["scatter.html"]
    page = path.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE)
    assert not re.search(r"<link[^>]*\bhref\s*=", page, re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)
    assert "url(data:font/woff;base64," in page  # the CJK font travels with the page
    assert 'id="kwic-data"' in page
    assert '<input id="term-search"' in page and "<noscript>" in page
    tops = context.top_terms_of_sides(context.term_scatter_table(seeds, A, B))
    for heading in (f"Typical of {A}", f"Typical of {B}", "Frequent in both"):
        assert f"<h3>{heading}</h3>" in page
    assert all(f'data-term="{term}"' in page for term in tops["both"])


def test_the_scatter_is_a_figure_plotly_accepts(seeds, tmp_path):
    # term_scatter writes its figure unchecked (validate=False); plotly's own check runs here
    page = context.term_scatter(seeds, A, B, tmp_path / "scatter.html").read_text(encoding="utf-8")
    call = re.search(
        r'newPlot\(\s*"term-scatter",\s*(\[.*?\]),\s*(\{.*?\}),\s*\{"displaylogo', page, re.S
    )
    figure = go.Figure(data=json.loads(call.group(1)), layout=json.loads(call.group(2)))
    (points,) = figure.data
    assert len(points.x) == len(context.term_scatter_table(seeds, A, B))
    assert points.marker.colorscale[0][1] == "rgb(5,48,97)"  # RdBu reversed: blue for z < 0
    assert figure.layout.xaxis.type == "log" and figure.layout.template.layout.plot_bgcolor


def test_the_page_font_draws_every_character_in_its_simplified_forms_only(seeds, tmp_path):
    page = context.term_scatter(seeds, A, B, tmp_path / "scatter.html").read_text(encoding="utf-8")
    data = re.search(r"url\(data:font/woff;base64,([^)]+)\)", page).group(1)
    font = TTFont(io.BytesIO(base64.b64decode(data)))
    contexts = json.loads(re.search(r'id="kwic-data">(.*?)</script>', page, re.S).group(1))
    shown = {
        char
        for term, entry in contexts.items()
        for text in [term, *itertools.chain.from_iterable(entry["lines"])]
        for char in text
        if not char.isspace()
    }
    assert shown <= set(map(chr, font.getBestCmap()))
    languages = {
        record.LangSysTag.strip()
        for table in ("GSUB", "GPOS")
        for script in font[table].table.ScriptList.ScriptRecord
        for record in script.Script.LangSysRecord
    }
    assert languages == {"ZHS"}  # no Japanese, Korean or traditional forms


def test_term_scatter_names_group_sides_by_the_labels_given(seeds, tmp_path):
    path = context.term_scatter(seeds, [A], [B], tmp_path / "scatter.html", names=("东", "西"))
    page = path.read_text(encoding="utf-8")
    assert "<title>Terms of 东 against 西</title>" in page
    assert "<h3>Typical of 东</h3>" in page and "<h3>Typical of 西</h3>" in page


def test_term_scatter_writes_to_the_working_folder_by_default(seeds, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = context.term_scatter(seeds, A, B)
    assert path == Path(f"term_scatter_{A}_vs_{B}.html")
    assert (tmp_path / path).is_file()


def test_term_scatter_page_renders_every_point_in_headless_chromium(seeds, tmp_path, chromium):
    path = context.term_scatter(seeds, A, B, tmp_path / "scatter.html", lines=50)
    expected = len(context.term_scatter_table(seeds, A, B))
    dom = rendered_dom(chromium, path, "", tmp_path / "profile")
    assert len(re.findall(r'<path class="point\b', dom)) == expected

    # A link to a term opens the page with that term's KWIC lines, as a click does.
    linked = rendered_dom(chromium, path, "#term=" + quote("就业"), tmp_path / "profile2")
    hits = context.kwic(seeds, "就业").groupby("doc_id").size()
    assert len(re.findall(r'<td class="hit">就业</td>', linked)) == hits.sum()
    assert f"就业 ({A} {hits[A]} / {B} {hits[B]})" in linked

    # A click on the point of 结对 (sent as Plotly's click event on that point) lists its lines.
    click = """<script>setTimeout(function () {
      var plot = document.getElementById('term-scatter');
      var i = plot.data[0].customdata.findIndex(function (row) { return row[0] === '结对'; });
      plot.emit('plotly_click', {points: [{pointIndex: i, customdata: plot.data[0].customdata[i]}]});
    }, 1000);</script></body>"""
    clicked = tmp_path / "clicked.html"
    clicked.write_text(path.read_text(encoding="utf-8").replace("</body>", click), encoding="utf-8")
    dom = rendered_dom(chromium, clicked, "", tmp_path / "profile3")
    assert len(re.findall(r'<td class="hit">结对</td>', dom)) == len(context.kwic(seeds, "结对"))

    # Typing a term in the search box highlights it and shows its lines.
    typed = """<script>setTimeout(function () {
      var box = document.getElementById('term-search');
      box.value = '结对';
      box.dispatchEvent(new Event('input'));
    }, 1000);</script></body>"""
    searched = tmp_path / "searched.html"
    searched.write_text(path.read_text(encoding="utf-8").replace("</body>", typed), "utf-8")
    dom = rendered_dom(chromium, searched, "", tmp_path / "profile4")
    table = context.term_scatter_table(seeds, A, B)
    found = table["term"].str.contains("结对").sum()
    assert f"{found} term{'s' if found > 1 else ''} found" in dom
    assert len(re.findall(r'<td class="hit">结对</td>', dom)) == len(context.kwic(seeds, "结对"))


def test_the_link_to_the_scatter_opens_a_new_tab_through_the_servers_files_url(
    tmp_path, monkeypatch
):
    page = tmp_path / "project" / "out" / "scatter 1.html"
    page.parent.mkdir(parents=True)
    page.write_text("<html></html>", encoding="utf-8")
    runtime = tmp_path / "runtime"  # the servers' info files, as jupyter_server writes them
    runtime.mkdir()
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    (runtime / "jpserver-1.json").write_text(json.dumps({"pid": -1}), encoding="utf-8")
    (runtime / "jpserver-2.json").write_text("{", encoding="utf-8")  # being written
    server = {"pid": os.getppid(), "base_url": "/lab-base/", "root_dir": str(tmp_path / "project")}
    ours = runtime / f"jpserver-{os.getppid()}.json"
    ours.write_text(json.dumps(server), encoding="utf-8")
    link = context.open_in_new_tab(page).data
    # not a relative path: JupyterLab would open that in its sandboxed viewer, scripts off
    assert 'href="/lab-base/files/out/scatter%201.html" target="_blank"' in link
    server["root_dir"] = str(tmp_path / "project" / "notebooks")
    ours.write_text(json.dumps(server), encoding="utf-8")
    assert "outside the Jupyter server's folder" in context.open_in_new_tab(page).data
    ours.unlink()
    monkeypatch.chdir(tmp_path / "project")
    assert 'href="out/scatter%201.html" target="_blank"' in context.open_in_new_tab(page).data


def test_a_network_of_pairs_linked_to_nothing_else_says_so_in_its_panel():
    pairs = pd.DataFrame(
        {
            "doc_id": ["a", "a"],
            "term_a": ["甲", "丙"],
            "term_b": ["乙", "丁"],
            "count": [2, 2],
            "count_a": [3, 3],
            "count_b": [3, 3],
            "units": [9, 9],
            "strength": [0.5, 0.4],
        }
    )
    figure = context.plot_cooccurrence(pairs)
    assert [text.get_text() for text in figure.axes[0].texts] == [
        "no network: each pair is linked to nothing else (below)"
    ]
    plt.close(figure)
