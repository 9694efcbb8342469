"""Read the words in context: concordance (KWIC), dispersion, co-occurrence network, term scatter.

Frequencies say *which* words a report uses; these tools show *how* it uses them.
Every function takes a ``Corpus`` (``aidlib.corpus.load_corpus``; a DataFrame with
``doc_id`` and ``text`` columns also works) and reads its parsed reports and the tokens
of ``Corpus.terms()``, so a term here is exactly a term of the frequency tables and no
report is parsed or segmented again. Everything works on a report's body (headings and
paragraphs). Offsets index the normalised text.

>>> import pandas as pd
>>> from aidlib.corpus import Corpus
>>> docs = Corpus.from_frame(pd.DataFrame({"doc_id": ["a"], "text": ["标题\\n——副题\\n对口帮扶带来就业。帮扶干部谈就业！"]}))
>>> kwic(docs, "就业", window=4)[["left", "hit", "right"]].values.tolist()
[['帮扶带来', '就业', '。帮扶干'], ['扶干部谈', '就业', '！']]
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import html
import io
import json
import math
import os
import re
import string
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import plotly.colors
import plotly.io as pio
from fontTools import subset
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from aidlib import keywords
from aidlib.corpus import Corpus, as_corpus, safe_file_name
from aidlib.display import MOST_REPORTS, Table, inline_css, largest_reports
from aidlib.plotstyle import cjk_font_path, lay_out, use_cjk_font
from aidlib.structure import Block, Document
from aidlib.tokens import DOMAIN_DICTIONARY, canonical, simplified, tokenize

if TYPE_CHECKING:
    import IPython.display

KWIC_COLUMNS = [
    "doc_id",
    "pattern",
    "section",
    "paragraph",
    "sentence",
    "start",
    "end",
    "left",
    "hit",
    "right",
]
DISPERSION_COLUMNS = ["doc_id", "term", "section", "start", "position"]
PAIR_COLUMNS = ["doc_id", "term_a", "term_b", "count", "count_a", "count_b", "units", "strength"]
LAYOUT_COLUMNS = ["term", "x", "y", "frequency", "degree", "community"]
SCATTER_COLUMNS = ["term", "count_a", "count_b", "rank_a", "rank_b", "x", "y", "z"]
UNITS = ("sentence", "paragraph")
MEASURES = ("jaccard", "pmi")

#: What ``kwic`` looks for: a term, a list of terms, or a compiled regular expression.
Pattern = str | Sequence[str] | re.Pattern[str]


class _Report:
    """One parsed report and where its offsets fall: body block, sentence, relative position."""

    def __init__(self, doc_id: str, doc: Document) -> None:
        self.doc_id = doc_id
        self.doc = doc
        self.body = self.doc.body
        self._block_starts = [block.start for block in self.body]
        self._sentences = self.doc.sentences
        self._sentence_starts = [sentence.start for sentence in self._sentences]

    def block(self, offset: int) -> Block:
        """The body block (heading or paragraph) holding ``offset``."""
        found = bisect.bisect_right(self._block_starts, offset) - 1
        if found < 0 or offset >= self.body[found].end:
            raise ValueError(f"{self.doc_id}: offset {offset} is outside the report's body")
        return self.body[found]

    def sentence(self, offset: int) -> int | None:
        """Index of the sentence holding ``offset``; None in a heading, which has no sentences."""
        found = bisect.bisect_right(self._sentence_starts, offset) - 1
        if found >= 0 and offset < self._sentences[found].end:
            return self._sentences[found].index
        return None

    def unit_count(self, unit: str) -> int:
        """How many co-occurrence units the body has: sentences plus headings, or blocks."""
        if unit == "paragraph":
            return len(self.body)
        return len(self._sentences) + sum(block.kind == "heading" for block in self.body)

    def position(self, offset: int) -> float:
        """``offset`` as a share of the body's extent: 0 at its first character, 1 at its last."""
        first, last = self.body[0].start, self.body[-1].end - 1
        return (offset - first) / (last - first) if last > first else 0.0


def _reports(corpus: Corpus) -> list[_Report]:
    return [_Report(doc_id, doc) for doc_id, doc in corpus.documents.items()]


def _terms_of(pattern: str | Sequence[str]) -> list[str]:
    terms = [pattern] if isinstance(pattern, str) else list(dict.fromkeys(pattern))
    if not terms or not all(isinstance(term, str) and term.strip() for term in terms):
        raise ValueError(f"pattern must be a term, a list of terms or a regex; got {pattern!r}")
    return terms


def _term_hits(corpus: Corpus, terms: list[str]) -> pd.DataFrame:
    """doc_id, pattern, start, end of every token equal to one of ``terms`` (variants merged)."""
    tokens = corpus.terms()
    wanted = pd.DataFrame({"pattern": terms, "term": [canonical(term) for term in terms]})
    hits = tokens.merge(wanted, on="term")
    for term in sorted(set(terms) - set(hits["pattern"])):
        words = tokenize(term)
        if len(words) > 1:
            warnings.warn(
                f"{term!r} is never one token (the tokenizer splits it into {'/'.join(words)}):"
                f" add it to {DOMAIN_DICTIONARY.name} or search it with regex=True",
                stacklevel=3,
            )
    return hits[["doc_id", "pattern", "start", "end"]]


def _regex_hits(reports: list[_Report], pattern: re.Pattern[str]) -> pd.DataFrame:
    """doc_id, pattern, start, end of every non-empty match inside a body block; a block in
    traditional characters is searched as its simplified spelling (offsets hold), as tokens are."""
    rows = [
        (report.doc_id, pattern.pattern, block.start + match.start(), block.start + match.end())
        for report in reports
        for block in report.body
        for match in pattern.finditer(simplified(block.text))
        if match.end() > match.start()
    ]
    return pd.DataFrame(rows, columns=["doc_id", "pattern", "start", "end"])


def _find(corpus: Corpus, reports: list[_Report], pattern: Pattern, regex: bool) -> pd.DataFrame:
    """doc_id, pattern, start, end of every hit, in report order and then by offset."""
    if isinstance(pattern, re.Pattern) or regex:
        if not isinstance(pattern, (str, re.Pattern)):
            raise ValueError(f"regex=True needs one pattern string, not {pattern!r}")
        try:
            hits = _regex_hits(reports, re.compile(pattern))
        except re.error as error:
            raise ValueError(f"bad regular expression {pattern!r}: {error}") from error
    else:
        hits = _term_hits(corpus, _terms_of(pattern))
    order = {report.doc_id: number for number, report in enumerate(reports)}
    hits = hits.assign(_report=hits["doc_id"].map(order)).sort_values(["_report", "start"])
    return hits.drop(columns="_report").reset_index(drop=True)


def kwic(
    corpus: Corpus | pd.DataFrame, pattern: Pattern, window: int = 20, regex: bool = False
) -> pd.DataFrame:
    """Every hit of ``pattern`` in the reports' bodies with ``window`` characters either side.

    A term (or each term of a list) matches whole tokens only, so ``帮扶`` does not
    match inside ``对口帮扶``; a spelling variant finds its canonical term. With
    ``regex=True`` (or a compiled pattern) it matches characters anywhere in a heading
    or paragraph. Context stops at the edges of the hit's block, so
    ``left + hit + right == text[start - len(left) : end + len(right)]``.

    Columns: doc_id, pattern (the term or regex that matched), section, paragraph
    (block index), sentence (index in ``Document.sentences``; <NA> in a heading),
    start, end, left, hit, right; in report order, then by offset.

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["标题\\n——副题\\n对口帮扶是帮扶。"]})
    >>> kwic(docs, "帮扶")["start"].tolist(), kwic(docs, "帮扶", regex=True)["start"].tolist()
    ([13], [10, 13])
    """
    if window < 0:
        raise ValueError(f"window must be 0 or more characters, not {window}")
    corpus = as_corpus(corpus)
    reports = _reports(corpus)
    by_id = {report.doc_id: report for report in reports}
    rows = []
    for doc_id, matched, start, end in _find(corpus, reports, pattern, regex).itertuples(
        index=False
    ):
        report = by_id[doc_id]
        block = report.block(start)
        text = report.doc.text
        rows.append(
            (
                doc_id,
                matched,
                block.section,
                block.index,
                report.sentence(start),
                start,
                end,
                text[max(block.start, start - window) : start],
                text[start:end],
                text[end : min(block.end, end + window)],
            )
        )
    frame = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    frame["sentence"] = frame["sentence"].astype("Int64")
    return frame


def style_kwic(hits: pd.DataFrame, columns: Sequence[str] = ("doc_id", "section", "sentence")):
    """A pandas ``Styler`` of ``kwic`` rows with the hits lined up in one column.

    ``columns`` are the KWIC columns shown before the left context. Every cell and
    header is HTML-escaped (a report's text never becomes markup); the layout is inline
    CSS, which JupyterLab keeps in an untrusted notebook. The table's HTML id comes from its
    content, so a notebook's output is the same on every run.
    """
    shown = hits[[*columns, "left", "hit", "right"]].reset_index(drop=True)
    digest = hashlib.sha1(pd.util.hash_pandas_object(shown, index=False).to_numpy().tobytes())
    return (
        Table(shown)
        .hide(axis="index")
        .format(escape="html")
        .format_index(escape="html", axis=1)
        .set_uuid(f"kwic{digest.hexdigest()[:10]}")
        .format(inline_css("white-space:pre;text-align:right"), subset=["left"], escape="html")
        .format(inline_css("white-space:pre;font-weight:bold"), subset=["hit"], escape="html")
        .format(inline_css("white-space:pre;text-align:left"), subset=["right"], escape="html")
    )


def dispersion(
    corpus: Corpus | pd.DataFrame, terms: Sequence[str], regex: bool = False
) -> pd.DataFrame:
    """Where in each report each term occurs: one row per hit, position 0–1 along the body.

    Terms match as in ``kwic`` (each one a regex with ``regex=True``). Columns: doc_id
    and term (categoricals in the order given, so a term with no hit still gets its
    row in a plot), section, start, position; ordered by report, term and offset.
    Position 0 is the body's first character, 1 its last.

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["标题\\n——副题\\n就业好。就业更好。"]})
    >>> dispersion(docs, ["就业"])["position"].round(2).tolist()
    [0.0, 0.5]
    """
    terms = _terms_of(terms)
    corpus = as_corpus(corpus)
    reports = _reports(corpus)
    if regex:
        hits = pd.concat([_find(corpus, reports, term, regex=True) for term in terms])
    else:
        hits = _find(corpus, reports, terms, regex=False)
    by_id = {report.doc_id: report for report in reports}
    places = list(zip(hits["doc_id"], hits["start"], strict=True))
    frame = pd.DataFrame(
        {
            "doc_id": pd.Categorical(hits["doc_id"], categories=list(by_id)),
            "term": pd.Categorical(hits["pattern"], categories=terms),
            "section": [by_id[doc_id].block(start).section for doc_id, start in places],
            "start": hits["start"].to_numpy(),
            "position": [by_id[doc_id].position(start) for doc_id, start in places],
        },
        columns=DISPERSION_COLUMNS,
    )
    return frame.sort_values(["doc_id", "term", "start"]).reset_index(drop=True)


def sections(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """Where each top-level section of each report's body begins, on ``dispersion``'s 0–1 scale.

    Columns: doc_id, section (its heading; the lead before the first heading is
    ``aidlib.structure.LEAD_SECTION``), start (offset), position. Pass it to
    ``plot_dispersion`` to draw the boundaries.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["标题\\n一、就业\\n就业好。\\n二、产业\\n产业好。"]})
    >>> sections(docs)[["section", "position"]].round(2).values.tolist()
    [['一、就业', 0.0], ['二、产业', 0.56]]
    """
    rows = []
    for report in _reports(as_corpus(corpus)):
        seen = None
        for block in report.body:
            if block.section != seen:
                seen = block.section
                rows.append(
                    (report.doc_id, block.section, block.start, report.position(block.start))
                )
    return pd.DataFrame(rows, columns=["doc_id", "section", "start", "position"])


#: Panels per row of ``plot_dispersion`` before it wraps to a new row.
PANELS_PER_ROW = 4


def plot_dispersion(
    table: pd.DataFrame,
    titles: dict[str, str] | None = None,
    sections: pd.DataFrame | None = None,
    per_row: int = PANELS_PER_ROW,
    most: int = MOST_REPORTS,
) -> Figure:
    """Lexical dispersion plot of a ``dispersion`` table: a row per term, a panel per report
    (for the ``most`` reports with the most hits when there are more: the title says so).

    Each hit is a tick at its position along the body; the hit count of each term is
    written at the end of its row. ``sections`` (a ``sections`` table) adds a dotted
    line where each section after the first begins. Panels wrap at ``per_row`` a row;
    a legend below keys ticks, counts and section lines. ``titles`` maps doc_id to a
    panel title.
    """
    use_cjk_font()
    hits = table["doc_id"].value_counts(sort=False).reindex(table["doc_id"].cat.categories)
    doc_ids, shown = largest_reports(hits, "with the most hits", most)
    terms = list(table["term"].cat.categories)
    n_cols = max(1, min(per_row, len(doc_ids)))
    n_rows = max(1, math.ceil(len(doc_ids) / n_cols))
    figure, axes = plt.subplots(
        n_rows,
        n_cols,
        figsize=(4.5 * n_cols, (0.45 * len(terms) + 1.4) * n_rows + 0.6),
        sharey=True,
        squeeze=False,
    )
    for ax, doc_id in zip(axes.flat, doc_ids, strict=False):
        rows = table[table["doc_id"] == doc_id]
        if sections is not None:
            own = sections[(sections["doc_id"] == doc_id) & (sections["position"] > 0)]
            ax.vlines(own["position"], -0.5, len(terms) - 0.5, color="#999999", linestyle=":")
        for row, term in enumerate(terms):
            positions = rows.loc[rows["term"] == term, "position"]
            ax.vlines(positions, row - 0.35, row + 0.35, color="#1f4e79", linewidth=1.2)
            ax.text(1.02, row, f"{len(positions)}", va="center", fontsize=8, color="#555555")
        ax.set_xlim(0, 1)
        ax.set_ylim(len(terms) - 0.5, -0.5)
        ax.set_yticks(range(len(terms)), [_mpl_text(term) for term in terms])
        ax.set_xlabel("position in the body (0 = start, 1 = end)")
        ax.set_title(_mpl_text((titles or {}).get(doc_id, doc_id)))
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    for ax in axes.flat[len(doc_ids) :]:
        ax.set_axis_off()
    key = [
        Line2D([], [], color="#1f4e79", marker="|", linestyle="", markersize=10),
        Line2D([], [], color="#555555", marker="$n$", linestyle="", markersize=8),
    ]
    names = ["one occurrence of the term", "occurrences in the report (right of each row)"]
    if sections is not None:
        key.append(Line2D([], [], color="#999999", linestyle=":"))
        names.append("a new section begins (top-level heading)")
    figure.legend(key, names, loc="lower center", ncol=len(key), frameon=False)
    if shown:
        figure.suptitle(f"Where the terms fall in {shown}")
    lay_out(figure, bottom=0.45)
    return figure


def _mpl_text(text: str) -> str:
    """``text`` as matplotlib shows it literally: a ``$`` would start maths, and bad maths raises."""
    return text.replace("$", r"\$")


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}; got {value!r}")


def _unit_terms(corpus: Corpus, unit: str) -> tuple[pd.DataFrame, dict[str, int]]:
    """doc_id, unit, term: the content terms each unit holds (once each); and units per report.

    A unit is a sentence or a block (``paragraph``); a heading is one unit of its own
    in both cases, since headings have no sentences.
    """
    _check_choice("unit", unit, UNITS)
    tokens = corpus.terms()
    tokens = tokens[tokens["content"]]
    blocks = -1 - tokens["paragraph"]
    units = blocks if unit == "paragraph" else tokens["sentence"].fillna(blocks)
    held = pd.DataFrame(
        {"doc_id": tokens["doc_id"], "unit": units.astype(int), "term": tokens["term"]}
    )
    counts = {report.doc_id: report.unit_count(unit) for report in _reports(corpus)}
    return held.drop_duplicates().reset_index(drop=True), counts


def _count_matrix(held: pd.DataFrame) -> pd.DataFrame:
    incidence = pd.crosstab([held["doc_id"], held["unit"]], held["term"]).clip(upper=1)
    matrix = incidence.T @ incidence
    matrix.index.name = matrix.columns.name = "term"
    return matrix


def cooccurrence_matrix(corpus: Corpus | pd.DataFrame, unit: str = "sentence") -> pd.DataFrame:
    """Term × term counts of the units (sentences or paragraphs) holding both terms.

    Symmetric, terms in sorted order; the diagonal counts the units holding the term.
    Units never span reports: pass one report's row to get that report's matrix.

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["标题\\n——副题\\n农民就业。农民增收就业。"]})
    >>> cooccurrence_matrix(docs).loc["农民", ["农民", "就业", "增收"]].tolist()
    [2, 2, 1]
    """
    held, _ = _unit_terms(as_corpus(corpus), unit)
    return _count_matrix(held)


def cooccurrence(
    corpus: Corpus | pd.DataFrame,
    unit: str = "sentence",
    min_count: int = 2,
    measure: str = "jaccard",
    min_term_count: int = 3,
) -> pd.DataFrame:
    """Term pairs that share a unit at least ``min_count`` times, per report, with a strength.

    Units are sentences or paragraphs (a heading is a unit of its own); terms are the
    content words of ``keywords.terms``, each in at least ``min_term_count`` units
    (rare terms make perfect but meaningless pairs).

    ``measure`` is ``jaccard`` (count / units holding either term) or ``pmi``
    (log2 of count × units / (count_a × count_b): above 0 when the pair meets more
    often than chance). Columns: doc_id, term_a, term_b (term_a < term_b), count,
    count_a, count_b (units holding each term), units (units in the report),
    strength; per report by strength, strongest first.
    """
    _check_choice("measure", measure, MEASURES)
    if min_count < 1 or min_term_count < 1:
        raise ValueError(
            f"min_count and min_term_count must be 1 or more: {min_count}, {min_term_count}"
        )
    corpus = as_corpus(corpus)
    held, unit_counts = _unit_terms(corpus, unit)
    frames = []
    for doc_id in corpus:
        matrix = _count_matrix(held[held["doc_id"] == doc_id])
        values = matrix.to_numpy()
        upper_a, upper_b = np.triu_indices(len(matrix), k=1)
        counts = values[upper_a, upper_b]
        held_by = np.diag(values)
        keep = (
            (counts >= min_count)
            & (held_by[upper_a] >= min_term_count)
            & (held_by[upper_b] >= min_term_count)
        )
        upper_a, upper_b, counts = upper_a[keep], upper_b[keep], counts[keep]
        count_a, count_b = held_by[upper_a], held_by[upper_b]
        units = unit_counts[doc_id]
        if measure == "jaccard":
            strength = counts / (count_a + count_b - counts)
        else:
            strength = np.log2(counts * units / (count_a * count_b))
        frames.append(
            pd.DataFrame(
                {
                    "doc_id": doc_id,
                    "term_a": matrix.index[upper_a],
                    "term_b": matrix.index[upper_b],
                    "count": counts,
                    "count_a": count_a,
                    "count_b": count_b,
                    "units": units,
                    "strength": strength.astype(float),
                },
                columns=PAIR_COLUMNS,
            ).sort_values(
                ["strength", "count", "term_a", "term_b"], ascending=[False, False, True, True]
            )
        )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=PAIR_COLUMNS)


def _network(pairs: pd.DataFrame, top: int) -> nx.Graph:
    """The graph of one report's ``top`` strongest pairs with a positive strength."""
    doc_ids = pairs["doc_id"].unique()
    if len(doc_ids) > 1:
        raise ValueError(f"pairs of one report expected; got {', '.join(map(str, doc_ids))}")
    chosen = pairs[pairs["strength"] > 0].sort_values(
        ["strength", "count", "term_a", "term_b"], ascending=[False, False, True, True]
    )
    graph = nx.Graph()
    for row in chosen.head(top).itertuples(index=False):
        graph.add_node(row.term_a, frequency=int(row.count_a))
        graph.add_node(row.term_b, frequency=int(row.count_b))
        graph.add_edge(row.term_a, row.term_b, strength=float(row.strength), count=int(row.count))
    return graph


def _packed_layout(graph: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Spring layout of each connected component, the components packed in rows, largest first.

    One spring layout of a disconnected graph pushes small components to the edge and
    squeezes the large one; laying them out apart keeps every label readable.
    """
    components = sorted(
        (sorted(members) for members in nx.connected_components(graph)),
        key=lambda members: (-len(members), members[0]),
    )
    cells = [2.0 * math.sqrt(len(members)) + 1.0 for members in components]
    row_width = max([*cells, 1.3 * math.sqrt(sum(cell * cell for cell in cells))])
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for members, cell in zip(components, cells, strict=True):
        if x + cell > row_width + 1e-9:
            x, y, row_height = 0.0, y - row_height, 0.0
        radius = (cell - 1.0) / 2.0
        component = nx.Graph()  # not graph.subgraph: its nodes come in set order, which the
        component.add_nodes_from(members)  # layout follows and Python's hash seed changes
        component.add_edges_from(graph.edges(members, data=True))
        local = nx.spring_layout(
            component,
            k=1.8 / math.sqrt(len(members)),
            center=(x + cell / 2, y - cell / 2),
            scale=radius,
            seed=seed,
        )
        positions.update({term: (float(px), float(py)) for term, (px, py) in local.items()})
        x, row_height = x + cell, max(row_height, cell)
    return positions


def network_layout(pairs: pd.DataFrame, top: int = 40, seed: int = 0) -> pd.DataFrame:
    """Node table of the co-occurrence network of one report's ``top`` strongest pairs.

    Positions come from networkx's spring layout of each connected component
    (unweighted, so that strongly tied terms do not pile up), components packed
    largest first; communities from Louvain modularity weighted by strength. Both
    are fixed by ``seed``. Columns: term, x, y,
    frequency (units holding the term), degree, community (0 = the largest); by term.
    """
    return _layout_table(_network(pairs, top), seed)


def _layout_table(graph: nx.Graph, seed: int) -> pd.DataFrame:
    positions = _packed_layout(graph, seed)
    found = nx.community.louvain_communities(graph, weight="strength", seed=seed)
    found = sorted(found, key=lambda members: (-len(members), min(members)))
    community = {term: number for number, members in enumerate(found) for term in members}
    rows = [
        (
            term,
            *positions[term],
            graph.nodes[term]["frequency"],
            graph.degree[term],
            community[term],
        )
        for term in sorted(graph.nodes)
    ]
    return pd.DataFrame(rows, columns=LAYOUT_COLUMNS)


#: Components of at most this many terms are listed under ``plot_cooccurrence``, not drawn.
SMALL_COMPONENT = 2


def small_components(pairs: pd.DataFrame, top: int = 40) -> list[tuple[str, ...]]:
    """The components of ``SMALL_COMPONENT`` terms or fewer in the network of ``top`` pairs.

    ``plot_cooccurrence`` lists them under the drawing instead of drawing them: a pair
    that co-occurs with nothing else says little about the report's structure.

    >>> pairs = pd.DataFrame({"doc_id": "d", "term_a": ["甲", "甲", "丙"], "term_b": ["乙", "丁", "戊"],
    ...     "count": 2, "count_a": 3, "count_b": 2, "units": 9, "strength": [0.5, 0.4, 0.3]})
    >>> small_components(pairs)
    [('丙', '戊')]
    """
    graph = _network(pairs, top)
    return sorted(
        tuple(sorted(members))
        for members in nx.connected_components(graph)
        if len(members) <= SMALL_COMPONENT
    )


#: Where ``plot_cooccurrence`` tries a label, in order: on its node (if the node is as
#: wide as the label), then touching the node (right, left, above, below, the four
#: corners), then as far again. Each spot is (x, y) in units of the node's radius plus
#: half the label's width (x) or height (y).
LABEL_SPOTS = [(0, 0)] + [
    (ring * x, ring * y)
    for ring in (1, 2)
    for x, y in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))
]


def _place_labels(ax: plt.Axes, texts: list[Text], centres: np.ndarray, radii: np.ndarray) -> None:
    """Move each label of ``texts`` (drawn on its node) to the first of ``LABEL_SPOTS``
    where it overlaps no label placed before and no other node and stays in the axes;
    the largest nodes' labels go first. A label no spot fits takes the spot where it
    overlaps fewest; one set off its node gets a thin line to it. ``centres`` are the
    nodes' centres in data units, ``radii`` their radii in pixels.
    """
    renderer = ax.figure.canvas.get_renderer()
    ax.get_xlim()  # settles the autoscaled limits before data and pixels are matched
    nodes = ax.transData.transform(centres)
    frame = ax.get_window_extent(renderer)
    frame_low, frame_high = np.array([frame.x0, frame.y0]), np.array([frame.x1, frame.y1])
    placed_low, placed_high = np.empty((0, 2)), np.empty((0, 2))
    for i in np.argsort(-radii, kind="stable"):
        extent = texts[i].get_window_extent(renderer)
        half = np.array([extent.width, extent.height]) / 2 + 1.5  # 1.5 px apart
        tried = []
        for x, y in LABEL_SPOTS[int(extent.width > 2 * radii[i]) :]:
            centre = nodes[i] + np.array([x, y]) * (radii[i] + half)
            low, high = centre - half, centre + half
            # distance from each node's centre to the label's box: under its radius, covered
            gap = np.hypot(*np.clip(np.maximum(low - nodes, nodes - high), 0, None).T)
            clashes = np.sum(gap < radii) - (gap[i] < radii[i])
            clashes += np.sum(((placed_low < high) & (placed_high > low)).all(axis=1))
            clashes += (low < frame_low).any() or (high > frame_high).any()
            tried.append((clashes, max(abs(x), abs(y)) > 1, centre, low, high))
            if not clashes:
                break
        _, far, centre, low, high = min(tried, key=lambda spot: spot[0])
        placed_low, placed_high = np.vstack([placed_low, low]), np.vstack([placed_high, high])
        position = ax.transData.inverted().transform(centre)
        texts[i].set_position(position)
        if far:
            line = np.array([centres[i], position])
            ax.plot(line[:, 0], line[:, 1], color="#777777", lw=0.5, zorder=1)


def plot_cooccurrence(
    pairs: pd.DataFrame, top: int = 40, seed: int = 0, title: str | None = None
) -> Figure:
    """Draw one report's co-occurrence network (see ``network_layout``).

    Node size follows frequency (units holding the term), edge width strength, colour
    the Louvain community; a key on the right gives each. Components of two terms
    (``small_components``) are not drawn but listed under the network. Labels are
    placed by ``_place_labels``, so none overprints another.
    """
    use_cjk_font()
    graph = _network(pairs, top)
    drawn = graph.number_of_edges()
    apart = small_components(pairs, top)
    graph.remove_nodes_from(term for members in apart for term in members)
    figure, ax = plt.subplots(figsize=(10.5, 7.5))
    doc_id = pairs["doc_id"].iloc[0] if len(pairs) else ""
    which = (
        f"the {top} strongest pairs"
        if drawn == top
        else ("its one pair" if drawn == 1 else f"all {drawn} pairs")
    )
    ax.set_title(_mpl_text(title if title is not None else f"{doc_id}: {which}"))
    ax.set_axis_off()
    if graph.number_of_nodes():
        layout = _layout_table(graph, seed).set_index("term")
        positions = {term: (row.x, row.y) for term, row in layout.iterrows()}
        strengths = np.array([graph.edges[edge]["strength"] for edge in graph.edges])
        widths = 0.6 + 4.0 * strengths / strengths.max()
        frequency = layout.loc[list(graph.nodes), "frequency"].to_numpy()
        sizes = 120 + 900 * frequency / frequency.max()
        palette = plt.get_cmap("tab10")
        colours = [palette(layout.loc[term, "community"] % 10) for term in graph.nodes]
        nx.draw_networkx_edges(graph, positions, ax=ax, width=widths, edge_color="#9a9a9a")
        nx.draw_networkx_nodes(
            graph, positions, ax=ax, node_size=sizes, node_color=colours, alpha=0.85
        )
        texts = [
            ax.text(*positions[term], _mpl_text(term), fontsize=9, ha="center", va="center")
            for term in graph.nodes
        ]
        _network_key(ax, layout, strengths, frequency)
        figure.tight_layout(rect=(0, 0.08 if apart else 0, 1, 1))
        _place_labels(
            ax,
            texts,
            np.array([positions[term] for term in graph.nodes]),
            np.sqrt(sizes) / 2 * figure.dpi / 72,  # a node's size is its area in points²
        )
    elif apart:  # every pair stands alone: nothing to draw in the panel but this
        ax.text(0.5, 0.5, "no network: each pair is linked to nothing else (below)", ha="center")
    if apart:
        listed = "; ".join("–".join(members) for members in apart)
        figure.text(
            0.01,
            0.01,
            _mpl_text(f"Pairs linked to nothing else (not drawn): {listed}"),
            fontsize=9,
            wrap=True,
            va="bottom",
        )
    return figure


def _network_key(
    ax: plt.Axes, layout: pd.DataFrame, strengths: np.ndarray, frequency: np.ndarray
) -> None:
    """Three legends right of the network: node size, edge width, community colour."""
    palette = plt.get_cmap("tab10")
    shown_frequencies = sorted(
        {int(frequency.min()), int(np.median(frequency)), int(frequency.max())}
    )
    size_handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color="#888888",
            markersize=math.sqrt(120 + 900 * f / frequency.max()),
        )
        for f in shown_frequencies
    ]
    size_key = ax.legend(
        size_handles,
        [f"{f} units" for f in shown_frequencies],
        title="node size: units with the term",
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        labelspacing=1.3,
        borderpad=1,
    )
    ax.add_artist(size_key)
    shown_strengths = sorted({float(strengths.min()), float(strengths.max())})
    width_key = ax.legend(
        [
            Line2D([], [], color="#9a9a9a", lw=0.6 + 4.0 * s / strengths.max())
            for s in shown_strengths
        ],
        [f"{s:.2f}" for s in shown_strengths],
        title="edge width: strength",
        loc="upper left",
        bbox_to_anchor=(1.0, 0.62),
        frameon=False,
    )
    ax.add_artist(width_key)
    # each community by its most frequent term
    communities = layout.groupby("community")["frequency"].idxmax().sort_index()
    members = layout["community"].value_counts()
    ax.legend(
        [
            Line2D([], [], marker="o", linestyle="", color=palette(c % 10), markersize=9)
            for c in communities.index[:10]
        ],
        [
            _mpl_text(f"{c + 1}: {term} + {members[c] - 1} more")
            for c, term in communities.head(10).items()
        ],
        title="colour: community (its most frequent term)",
        loc="upper left",
        bbox_to_anchor=(1.0, 0.42),
        frameon=False,
    )


def plot_cooccurrences(
    pairs: pd.DataFrame,
    doc_ids: Sequence[str] | None = None,
    top: int = 40,
    seed: int = 0,
    most: int = MOST_REPORTS,
) -> list[Figure]:
    """``plot_cooccurrence`` for each report of ``doc_ids`` (default: those of ``pairs``), in
    that order, or for the ``most`` of them with the most pairs when there are more; a
    report with no pair gets an empty panel that says so."""
    doc_ids = list(dict.fromkeys(pairs["doc_id"]) if doc_ids is None else doc_ids)
    counts = pairs["doc_id"].value_counts().reindex(doc_ids, fill_value=0)
    doc_ids = largest_reports(counts, "with the most pairs", most)[0]
    return [
        plot_cooccurrence(
            pairs[pairs["doc_id"] == doc_id],
            top=top,
            seed=seed,
            title=None
            if (pairs["doc_id"] == doc_id).any()
            else f"{doc_id}: no pair passes the minima",
        )
        for doc_id in doc_ids
    ]


#: A side of the term scatter: one report's doc_id, or a group of doc_ids.
Side = str | Sequence[str]


def _side(corpus: Corpus, side: Side) -> list[str]:
    wanted = [side] if isinstance(side, str) else list(side)
    for doc_id in wanted:
        if doc_id not in corpus:
            raise ValueError(f"no report {doc_id!r} in the corpus (doc_ids: {', '.join(corpus)})")
    if not wanted:
        raise ValueError("a side of the term scatter needs at least one doc_id")
    return wanted


def side_name(side: Side) -> str:
    """How a scatter side is named: its doc_id, or a group's first doc_id and how many more.

    >>> side_name("yanta-hanbin"), side_name(["a", "b", "c"])
    ('yanta-hanbin', 'a + 2 more')
    """
    ids = [side] if isinstance(side, str) else list(side)
    return ids[0] if len(ids) == 1 else f"{ids[0]} + {len(ids) - 1} more"


def _unit(text: str) -> float:
    """A number in [0, 1) fixed by ``text``: the same in every process (not Python's hash)."""
    return int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:6], "big") / 2**48


def term_scatter_table(
    corpus: Corpus | pd.DataFrame, a: Side, b: Side, min_count: int = 2
) -> pd.DataFrame:
    """Each term used ``min_count`` times or more in the reports of sides ``a`` and ``b``.

    A side is a doc_id or a list of doc_ids (a group: its reports' counts summed).
    Columns: term, count_a, count_b, rank_a, rank_b (1 = most frequent; tied terms share
    the best rank of their tie, and a term absent from a side ranks after all its
    terms), x and y (where the point is drawn: a term alone at its count sits at its rank;
    tied terms are spread over the tie's ranks by a deterministic jitter, a fraction fixed
    by a hash of the term and axis, so they neither sit on one spot nor line up in term
    order), z (keyness of ``a``
    against ``b`` from ``aidlib.keywords.keyness``: above 0 = typical of ``a``); by term.

    >>> docs = pd.DataFrame({"doc_id": ["p", "q", "r"],
    ...     "text": ["标题\\n产业发展，产业兴旺。", "标题\\n就业增收，就业稳定。", "标题\\n产业就业。"]})
    >>> table = term_scatter_table(docs, "p", ["q", "r"], min_count=1)
    >>> table.set_index("term").loc[["产业", "就业"], ["count_a", "count_b", "rank_a"]].values.tolist()
    [[2, 1, 1], [0, 3, 4]]
    """
    corpus = as_corpus(corpus)
    side_a, side_b = _side(corpus, a), _side(corpus, b)
    if set(side_a) & set(side_b):
        raise ValueError(f"the sides share reports: {sorted(set(side_a) & set(side_b))}")
    both = corpus.subset(side_a + side_b)
    freqs = keywords.frequencies(both)
    group = freqs["doc_id"].map(lambda doc_id: "count_a" if doc_id in side_a else "count_b")
    counts = (
        freqs.assign(side=group)
        .pivot_table(index="term", columns="side", values="count", aggfunc="sum")
        .reindex(columns=["count_a", "count_b"])
        .fillna(0)
        .astype(int)
    )
    counts.columns.name = None
    counts = counts[counts.sum(axis=1) >= min_count].reset_index()
    for side, axis in (("a", "x"), ("b", "y")):
        column = counts[f"count_{side}"]
        best = column.rank(method="min", ascending=False)
        worst = column.rank(method="max", ascending=False)
        counts[f"rank_{side}"] = best.astype(int)
        spread = [_unit(f"{axis}:{term}") for term in counts["term"]]
        counts[axis] = best + (worst - best) * np.array(spread, dtype=float)
    keyness = keywords.keyness(both, target=side_a, reference=side_b).set_index("term")["z"]
    counts["z"] = counts["term"].map(keyness).fillna(0.0)
    return counts[SCATTER_COLUMNS].sort_values("term").reset_index(drop=True)


def top_terms_of_sides(table: pd.DataFrame, n: int = 10) -> dict[str, list[str]]:
    """The lists a Scattertext reader looks for beside the plot, from a ``term_scatter_table``.

    ``"a"``: the ``n`` terms most typical of side a (highest z), ``"b"``: of side b
    (lowest z), ``"both"``: the ``n`` terms frequent in both (best worse-side rank).

    >>> table = pd.DataFrame({"term": ["甲", "乙", "丙"], "rank_a": [1, 3, 2],
    ...                       "rank_b": [3, 1, 2], "z": [2.0, -2.0, 0.1]})
    >>> top_terms_of_sides(table, n=1)
    {'a': ['甲'], 'b': ['乙'], 'both': ['丙']}
    """
    worse = table[["rank_a", "rank_b"]].max(axis=1)
    return {
        "a": table[table["z"] > 0]
        .sort_values(["z", "term"], ascending=[False, True])["term"]
        .head(n)
        .tolist(),
        "b": table[table["z"] < 0].sort_values(["z", "term"])["term"].head(n).tolist(),
        "both": table.assign(worse=worse).sort_values(["worse", "term"])["term"].head(n).tolist(),
    }


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
{font_face}
body {{ font-family: {fonts}; margin: 1.5em; color: #222; }}
p.note {{ max-width: 70em; }}
#term-search {{ font: inherit; padding: 0.2em 0.4em; width: 16em; }}
#search-result {{ color: #555; margin-left: 0.6em; }}
.top-terms {{ display: flex; flex-wrap: wrap; gap: 2em; }}
.top-terms ol {{ margin: 0.3em 0; padding-left: 1.8em; }}
.top-terms a {{ color: inherit; }}
#kwic-lines td {{ padding: 0.1em 0.4em; white-space: pre; }}
#kwic-lines td.left {{ text-align: right; }}
#kwic-lines td.hit {{ font-weight: bold; color: #b2182b; }}
#kwic-lines td.doc {{ color: #777; }}
</style>
</head>
<body>
<h1>{title}</h1>
<noscript><p><b>This page needs JavaScript.</b> In JupyterLab, open it in a new browser tab
(right-click the file in the file browser, then "Open in New Browser Tab"), or click
"Trust HTML" above it.</p></noscript>
<p class="note">Each point is a term: its frequency rank in <b>{a}</b> (x) against its rank in
<b>{b}</b> (y), rank 1 at the top right. Colour is keyness (z of {a} against {b}: red = typical
of {a}, blue = typical of {b}). Terms with the same count share a range of ranks; each is drawn
at a fixed place inside it (a jitter set by the term, the same every time), so tied terms do
not hide each other. Hover for the counts; click a point, a listed term or search for a term
to read it in context.</p>
<p><label for="term-search">Search a term: </label><input id="term-search" list="term-list"
placeholder="e.g. 就业" autocomplete="off"><datalist id="term-list">{options}</datalist>
<span id="search-result"></span></p>
<script type="application/json" id="kwic-data">{contexts}</script>
{plot}
<div class="top-terms">{top_lists}</div>
<h2 id="kwic-term">Click a term to read it in context</h2>
<table id="kwic-lines"></table>
</body>
</html>
"""

_CLICK_SCRIPT = """
var plot = document.getElementById('{plot_id}');
var contexts = JSON.parse(document.getElementById('kwic-data').textContent);
function showContexts(term) {
  var entry = contexts[term];
  var heading = document.getElementById('kwic-term');
  var table = document.getElementById('kwic-lines');
  table.replaceChildren();
  if (!entry) { heading.textContent = term + ': not in this plot'; return; }
  heading.textContent = term + ' (' + entry.counts.join(' / ') + ')';
  entry.lines.forEach(function (line) {
    var row = document.createElement('tr');
    ['doc', 'left', 'hit', 'right'].forEach(function (name, i) {
      var cell = document.createElement('td');
      cell.className = name;
      cell.textContent = line[i];
      row.appendChild(cell);
    });
    table.appendChild(row);
  });
}
function showTerm(term) {
  location.hash = 'term=' + encodeURIComponent(term);
  showContexts(term);
}
plot.on('plotly_click', function (event) { showTerm(event.points[0].customdata[0]); });
function search(text) {
  var terms = plot.data[0].customdata.map(function (row) { return row[0]; });
  var found = [];
  terms.forEach(function (term, i) { if (text && term.indexOf(text) >= 0) { found.push(i); } });
  Plotly.restyle(plot, {selectedpoints: [text ? found : null]});
  document.getElementById('search-result').textContent = text
    ? found.length + (found.length === 1 ? ' term' : ' terms') + ' found' : '';
  if (terms.indexOf(text) >= 0) { showTerm(text); }
}
document.getElementById('term-search').addEventListener('input', function (event) {
  search(event.target.value.trim());
});
document.querySelectorAll('.top-terms a').forEach(function (link) {
  link.addEventListener('click', function (event) {
    event.preventDefault();
    showTerm(link.dataset.term);
  });
});
function showLinkedTerm() {
  if (location.hash.indexOf('#term=') === 0) {
    showContexts(decodeURIComponent(location.hash.slice(6)));
  }
}
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', showLinkedTerm);
} else {
  showLinkedTerm();
}
"""

_FONT_FAMILY = "aidlib CJK"
_FONTS = (
    f'"{_FONT_FAMILY}", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", '
    '"PingFang SC", "Microsoft YaHei", sans-serif'
)


#: The OpenType language systems a page in simplified Chinese (``lang="zh-CN"``) uses:
#: each script's default and ``ZHS``. The font's Japanese, Korean and traditional forms
#: (its ``locl`` feature for JAN, KOR, ZHT, ZHH) never show on such a page.
_PAGE_LANGUAGE_SYSTEMS = [
    f"{script}.{language}"
    for script in ("DFLT", "hani", "kana", "hang", "latn", "grek", "cyrl")
    for language in ("dflt", "ZHS")
]


def _font_face(text: str) -> str:
    """A CSS ``@font-face`` carrying the project's CJK font, cut down to the characters of ``text``.

    Inlined as WOFF so the page shows Chinese on a machine without CJK fonts and
    still needs no network (a few hundred kB instead of the 16 MB font). Loaded and saved
    as pyftsubset does (tables read lazily, the full font's bounding boxes kept, no glyph
    changed): three times faster than recomputing the bounds of every glyph kept. Only
    the glyphs a simplified-Chinese page can show are kept (``_PAGE_LANGUAGE_SYSTEMS``):
    on the seeds 1,023 instead of 1,713, 187 instead of 316 kB, 0.6 s less.
    """
    options = subset.Options()
    options.flavor = "woff"
    options.layout_scripts = _PAGE_LANGUAGE_SYSTEMS
    font = subset.load_font(str(cjk_font_path()), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text) | set(string.printable))))
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'@font-face {{ font-family: "{_FONT_FAMILY}"; '
        f'src: url(data:font/woff;base64,{data}) format("woff"); }}'
    )


def _plotly_text(text: str) -> str:
    """``text`` escaped for plotly, which reads titles, labels and hover text as a little HTML."""
    return html.escape(text, quote=False)


def _json_for_script(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>`` can close it)."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def _top_list(heading: str, terms: list[str]) -> str:
    items = "".join(
        f'<li><a href="#term={html.escape(quote(term))}" data-term="{html.escape(term)}">'
        f"{html.escape(term)}</a></li>"
        for term in terms
    )
    return f"<div><h3>{html.escape(heading)}</h3><ol>{items}</ol></div>"


def term_scatter(
    corpus: Corpus | pd.DataFrame,
    a: Side,
    b: Side,
    path: str | Path | None = None,
    min_count: int = 2,
    lines: int = 20,
    window: int = 15,
    labels: int = 8,
    top: int = 10,
    names: tuple[str, str] | None = None,
) -> Path:
    """Write a self-contained HTML page plotting each term's rank in side ``a`` against ``b``.

    A side is a doc_id or a group of doc_ids (see ``term_scatter_table``), named on the
    page by ``names`` (a notebook's ``compare`` labels; default ``side_name``). Points are
    the rows of ``term_scatter_table`` (tied ranks spread by its deterministic jitter)
    coloured by keyness; hovering shows the term and its counts, clicking lists up to
    ``lines`` KWIC lines per report (``window`` characters either side), and
    ``page.html#term=就业`` opens with that term's lines shown. A search box highlights
    the terms holding what is typed (and shows an exact match in context); beside the
    plot, the ``top`` terms of each side and of both (``top_terms_of_sides``). The
    ``labels`` most distinctive terms of each side are named on the plot, which takes
    the page's width. plotly.js is inlined: the page opens with no network; open it in
    its own browser tab (``open_in_new_tab``), since JupyterLab's HTML viewer runs no
    script until trusted. Terms and doc_ids are escaped wherever they are shown.
    ``path`` defaults to ``term_scatter_{a}_vs_{b}.html`` in the working folder (made
    safe by ``aidlib.corpus.safe_file_name``, so no doc_id places it elsewhere); returns it.
    """
    corpus = as_corpus(corpus)
    table = term_scatter_table(corpus, a, b, min_count=min_count)
    side_a, side_b = _side(corpus, a), _side(corpus, b)
    name_a, name_b = names or (side_name(a), side_name(b))
    both = corpus.subset(side_a + side_b)
    hits = kwic(both, list(table["term"]), window=window) if len(table) else None
    contexts = {
        term: {"counts": [f"{name_a} {count_a}", f"{name_b} {count_b}"], "lines": []}
        for term, count_a, count_b in zip(
            table["term"], table["count_a"], table["count_b"], strict=True
        )
    }
    if hits is not None:  # in report order: each term's lines report by report
        kept = hits.groupby(["pattern", "doc_id"], sort=False).head(lines)
        columns = ["pattern", "doc_id", "left", "hit", "right"]
        for term, *line in kept[columns].itertuples(index=False):
            contexts[term]["lines"].append(line)
    named = set(table.nlargest(labels, "z")["term"]) | set(table.nsmallest(labels, "z")["term"])
    # plotly draws hover text, labels and titles as a little HTML: data goes in escaped
    shown = [_plotly_text(term) for term in table["term"]]
    customdata = (
        table[["term", "count_a", "count_b", "z"]].assign(shown=shown).to_numpy(dtype=object)
    )
    a_shown, b_shown = _plotly_text(name_a), _plotly_text(name_b)
    scatter = {
        "type": "scatter",
        "x": table["x"],
        "y": table["y"],
        "mode": "markers+text",
        "text": [
            label if term in named else "" for term, label in zip(table["term"], shown, strict=True)
        ],
        # neighbouring labels above and below their points: fewer overprint
        "textposition": [("top center", "bottom center")[int(y) % 2] for y in table["rank_b"]],
        "textfont": {"size": 11},
        "customdata": customdata,
        "meta": [a_shown, b_shown],
        "hovertemplate": "<b>%{customdata[4]}</b><br>%{meta[0]}: %{customdata[1]}<br>"
        "%{meta[1]}: %{customdata[2]}<br>z = %{customdata[3]:.2f}<extra></extra>",
        "marker": {
            "size": 7,
            "color": table["z"],
            "colorscale": plotly.colors.get_colorscale("RdBu_r"),  # plotly.js has no "_r" names
            "cmid": 0,
            "line": {"width": 0.4, "color": "#444444"},
            "colorbar": {"title": {"text": f"keyness z<br>{a_shown} vs {b_shown}"}},
        },
        "unselected": {"marker": {"opacity": 0.15}},
    }
    # log axes, rank 1 at the top right; plotly takes a log axis's range in log10 units
    last = 1.15 * (len(table) + 1)
    ticks = [
        v * 10**e for e in range(int(math.log10(last)) + 1) for v in (1, 2, 5) if v * 10**e < last
    ]
    axis = {"type": "log", "range": [math.log10(last), math.log10(0.6)], "tickvals": ticks}
    figure = {
        "data": [scatter],
        "layout": {
            "xaxis": {**axis, "title": {"text": f"rank in {a_shown} (1 = most frequent)"}},
            "yaxis": {**axis, "title": {"text": f"rank in {b_shown} (1 = most frequent)"}},
            "template": pio.templates["plotly_white"].to_plotly_json(),
            "font": {"family": _FONTS},
            "showlegend": False,
        },
    }
    plot = pio.to_html(
        figure,
        validate=False,  # a fixed figure, checked by the tests (plotly's check costs 0.3 s)
        include_plotlyjs=True,
        full_html=False,
        div_id="term-scatter",
        post_script=_CLICK_SCRIPT,
        config={"displaylogo": False, "responsive": True},
        default_width="100%",
        default_height="820px",
    )
    title = f"Terms of {name_a} against {name_b}"
    tops = top_terms_of_sides(table, n=top)
    top_lists = "".join(
        [
            _top_list(f"Typical of {name_a}", tops["a"]),
            _top_list(f"Typical of {name_b}", tops["b"]),
            _top_list("Frequent in both", tops["both"]),
        ]
    )
    contexts_json = _json_for_script(contexts)
    page = _PAGE.format(
        font_face=_font_face(title + top_lists + json.dumps(contexts, ensure_ascii=False)),
        title=html.escape(title),
        a=html.escape(name_a),
        b=html.escape(name_b),
        fonts=_FONTS,
        plot=plot,
        contexts=contexts_json,
        options="".join(f'<option value="{html.escape(term)}">' for term in table["term"]),
        top_lists=top_lists,
    )
    if path is None:
        path = safe_file_name(f"term_scatter_{name_a}_vs_{name_b}", ".html")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path


def _jupyter_server() -> dict | None:
    """The Jupyter server that started this kernel, or None (nbconvert, papermill): the info
    file it keeps in Jupyter's runtime folder (``jpserver-*.json``, what ``jupyter server
    list`` reads), read here directly since importing jupyter_server takes 2–3 s."""
    try:
        from jupyter_core.paths import jupyter_runtime_dir
    except ImportError:
        return None
    for info_file in Path(jupyter_runtime_dir()).glob("jpserver-*.json"):
        try:
            info = json.loads(info_file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):  # removed or being written meanwhile
            continue
        if info.get("pid") == os.getppid():
            return info
    return None


def open_in_new_tab(path: str | Path, text: str = "Open the term scatter") -> IPython.display.HTML:
    """A notebook link that opens the HTML file ``path`` in a new browser tab, scripts running.

    JupyterLab opens a relative link to an ``.html`` file in its own viewer, a sandboxed
    frame that runs no script until the user trusts it: a plotly page shows blank. This
    link goes around it: in a kernel started by a Jupyter server, ``href`` is the
    server's files URL (``<base_url>files/<path under its root>``), which JupyterLab
    leaves alone and the server serves with scripts allowed; the link opens a new tab.
    Elsewhere (nbconvert, papermill) it is the path relative to the working folder,
    also with ``target="_blank"``; the page itself then says how to open it from
    JupyterLab. A file outside the server's root cannot be served: the link says so.

    >>> str(open_in_new_tab("out/term_scatter.html").data)  # no server here
    '<a href="out/term_scatter.html" target="_blank" rel="noopener">Open the term scatter</a> (opens in a new browser tab)'
    """
    from IPython.display import HTML

    file = Path(path).resolve()
    server = _jupyter_server()
    label = html.escape(text)
    if server is None:
        href = quote(Path(os.path.relpath(file)).as_posix())
    else:
        root = Path(server.get("root_dir", "")).expanduser().resolve()
        if root not in file.parents:
            return HTML(
                f"{label}: {html.escape(str(file))} is outside the Jupyter server's folder "
                f"{html.escape(str(root))}; write it inside that folder, or start JupyterLab "
                "from a folder holding both."
            )
        href = server.get("base_url", "/") + "files/" + quote(file.relative_to(root).as_posix())
    return HTML(
        f'<a href="{html.escape(href)}" target="_blank" rel="noopener">{label}</a>'
        " (opens in a new browser tab)"
    )
