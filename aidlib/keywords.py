"""What each report talks about: term tables, frequency, TF-IDF, TextRank, keyness, collocations, clouds.

Every function takes a ``Corpus`` (``aidlib.corpus.load_corpus``; a DataFrame with
``doc_id`` and ``text`` columns also works, through ``as_corpus``) and reads its parsed
reports and segmented terms: nothing is parsed or segmented twice. Only the body of a
report counts: its headings and paragraphs (``Document.body``); title, byline and photo
captions do not.

Terms come from ``terms(corpus)`` (``Corpus.terms()``), one row per word token,
segmented by ``aidlib.tokens``
with the domain vocabulary; spelling variants and traditional characters are merged
(三架马车 → 三驾马车, 幫扶 → 帮扶), every place named by a short form is merged into its
canonical full name from the gazetteer (安康 → 安康市, 黔西南州 → 黔西南布依族苗族自治州;
``aidlib.places``), and a listed short form into its full form in a report that uses both
(航天基地 → 西安航天基地); ``merges(corpus)`` lists what was merged. Frequency tables count
only content words (``content`` column; see ``tokens.is_content_word``). For one parsed
report, ``term_frequencies(document_terms(doc, doc_id))`` gives its rows of
``frequencies``.

>>> corpus = Corpus.from_frame(pd.DataFrame({"doc_id": ["a"], "text": ["标题\\n碑林对口帮扶丹凤县，碑林区投入资金。"]}))
>>> terms(corpus)[["surface", "term", "start", "end"]].values.tolist()[:3]
[['碑林', '碑林区', 3, 5], ['对口帮扶', '对口帮扶', 5, 9], ['丹凤县', '丹凤县', 9, 12]]
>>> frequencies(corpus)[["term", "count"]].values.tolist()[:2]
[['碑林区', 2], ['丹凤县', 1]]
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from aidlib import places, tokens
from aidlib.chars import CJK
from aidlib.corpus import Corpus, as_corpus
from aidlib.display import MOST_REPORTS, largest_reports
from aidlib.structure import Document
from aidlib.terms import TERM_COLUMNS as TERM_COLUMNS  # re-exported: keywords.TERM_COLUMNS
from aidlib.terms import document_terms as document_terms  # re-exported
from aidlib.terms import mergeable, merged_into

if TYPE_CHECKING:  # matplotlib and wordcloud are imported only by the functions that draw
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from wordcloud import WordCloud

#: Columns of ``frequencies``.
FREQUENCY_COLUMNS = ["doc_id", "term", "count", "relative_frequency", "document_frequency"]

#: Columns of ``keyness``.
KEYNESS_COLUMNS = [
    "term",
    "count_target",
    "count_reference",
    "per_10k_target",
    "per_10k_reference",
    "log_odds",
    "z",
    "g2",
    "chi2",
    "p_value",
    "side",
]


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    """Sort key of a (term, count) pair: most frequent first, ties by term."""
    return -item[1], item[0]


def _content_counts(doc: Document, segmenter: str = "jieba") -> list[tuple[str, int]]:
    """(term, count) of a parsed report's content words, most frequent first (ties by term).

    The same counts as ``term_frequencies(document_terms(doc, segmenter=segmenter))``,
    counted straight from the words ``segmenter`` cuts: what a word is (``_word_facts``)
    is looked up once per corpus, only places and short forms are read per report, and
    no terms table is built (``aidlib.pipeline``'s row version, private to it).

    >>> from aidlib.structure import parse
    >>> _content_counts(parse("标题\\n碑林区帮扶丹凤县，碑林区投入资金。"))[:2]
    [('碑林区', 2), ('丹凤县', 1)]
    """
    words: Counter[str] = Counter()
    for block in doc.body:
        words.update(tokens.tokenize(block.text, keep_punctuation=True, segmenter=segmenter))
    counts: dict[str, int] = {}
    may_merge: list[tuple[str, str, bool, int]] = []  # (term, tag, content, count), text order
    for word, count in words.items():
        facts = _word_facts(word)
        if facts is not None and facts[3]:
            may_merge.append((*facts[:3], count))
        elif facts is not None and facts[2]:
            counts[facts[0]] = counts.get(facts[0], 0) + count
    into = merged_into(term for term, *_ in may_merge)  # its keys are terms that may merge
    for term, tag, content, count in may_merge:
        if term in into:
            term = into[term]
            content = tokens.is_content_word(term, tag)
        if content:
            counts[term] = counts.get(term, 0) + count
    ranked = sorted(counts.items(), key=itemgetter(0))  # by term, then (stable) by count
    ranked.sort(key=itemgetter(1), reverse=True)
    return ranked


@functools.cache
def _word_facts(word: str) -> tuple[str, str, bool, bool] | None:
    """A written word's canonical spelling, tag, whether that spelling is a content word
    (``tokens.is_content_word``) and whether a report may merge it (``terms.mergeable``);
    None for punctuation. Cached: a corpus repeats its words.

    >>> _word_facts("幫扶資金"), _word_facts("，")
    (('帮扶资金', 'n', True, False), None)
    """
    if not tokens.is_word(word):
        return None
    term, tag = tokens.canonical(word), tokens.part_of_speech(word)
    return term, tag, tokens.is_content_word(term, tag), mergeable(term)


def terms(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """One row per word token of each report's body (punctuation and white space left out).

    Columns: ``doc_id``; ``section`` (top-level heading, or "（导语）"); ``paragraph``
    (index of the heading or paragraph block, as ``structure.Block.index``); ``kind``
    (heading or paragraph); ``sentence`` (index in ``Document.sentences``, NA in a
    heading); ``position`` (0, 1, … over the report's word tokens); ``start``, ``end``
    (offsets into the normalised text, ``structure.parse(text).text``); ``surface`` (as
    written); ``term`` (after merging variants and short forms); ``pos`` (jieba tag);
    ``content`` (True where the term counts in frequency tables).
    """
    return as_corpus(corpus).terms()


def summary(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """Size of each report's body in words: doc_id, word_tokens, content_tokens, content_terms.

    ``content_terms`` counts distinct content words (types), ``content_tokens`` their uses.
    """
    corpus = as_corpus(corpus)
    table = corpus.terms()
    content = table[table["content"]]
    counts = pd.DataFrame(
        {
            "word_tokens": table.groupby("doc_id", sort=False).size(),
            "content_tokens": content.groupby("doc_id", sort=False).size(),
            "content_terms": content.groupby("doc_id", sort=False)["term"].nunique(),
        }
    )
    counts = counts.reindex(corpus.doc_ids, fill_value=0)
    return counts.rename_axis("doc_id").reset_index()


def merges(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """What was merged, per report: doc_id, variant, canonical, count, rule.

    ``rule`` is "variant" (from ``data/variants.csv``, or traditional characters), "place"
    (a place's short form → its canonical full name, ``aidlib.places``) or "short form"
    (from ``data/short_forms.csv``, applied because the report also uses the full form).
    """
    table = terms(corpus)
    merged = table[table["surface"] != table["term"]]
    counts = (
        merged.groupby(["doc_id", "surface", "term"], sort=False)
        .size()
        .reset_index(name="count")
        .rename(columns={"surface": "variant", "term": "canonical"})
    )
    counts["rule"] = [
        "variant"
        if tokens.canonical(variant) == canonical
        else "place"
        if places.lookup(tokens.simplified(variant))
        else "short form"
        for variant, canonical in zip(counts["variant"], counts["canonical"], strict=True)
    ]
    return counts


def _counted(table: pd.DataFrame) -> list[tuple[tuple[str, str], int]]:
    """((doc_id, term), count) of a ``terms`` table's content words, reports in their order,
    terms by count (ties by term)."""
    content = table["content"].to_numpy(bool)
    doc_ids, words = table["doc_id"][content].tolist(), table["term"][content].tolist()
    order = {doc_id: i for i, doc_id in enumerate(dict.fromkeys(doc_ids))}
    return sorted(
        Counter(zip(doc_ids, words, strict=True)).items(),
        key=lambda item: (order[item[0][0]], *_by_count((item[0][1], item[1]))),
    )


def frequencies(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """Content-word counts per report.

    Columns: ``doc_id``, ``term``, ``count``, ``relative_frequency`` (count over the
    report's content words), ``document_frequency`` (reports the term occurs in).
    Rows run report by report, most frequent first (ties by term).
    """
    return term_frequencies(terms(corpus))


def term_frequencies(table: pd.DataFrame) -> pd.DataFrame:
    """``frequencies`` from a ``terms`` or ``document_terms`` table, without segmenting again.

    >>> from aidlib.structure import parse
    >>> table = document_terms(parse("标题\\n碑林区帮扶丹凤县，碑林区投入资金。"), "a")
    >>> term_frequencies(table)[["term", "count"]].values.tolist()[:2]
    [['碑林区', 2], ['丹凤县', 1]]
    """
    counted = _counted(table)
    totals: Counter[str] = Counter()
    reports: Counter[str] = Counter()
    for (doc_id, term), count in counted:
        totals[doc_id] += count
        reports[term] += 1
    return pd.DataFrame(
        {
            "doc_id": pd.array([key[0] for key, _ in counted], dtype=table["doc_id"].dtype),
            "term": pd.array([key[1] for key, _ in counted], dtype=table["term"].dtype),
            "count": pd.array([count for _, count in counted], dtype="int64"),
            "relative_frequency": pd.array(
                [count / totals[key[0]] for key, count in counted], dtype="float64"
            ),
            "document_frequency": pd.array([reports[key[1]] for key, _ in counted], dtype="int64"),
        },
        columns=FREQUENCY_COLUMNS,
    )


def top_terms(corpus: Corpus | pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """The ``n`` most frequent content words per report: ``frequencies`` columns plus ``rank`` (1 …)."""
    table = frequencies(corpus).groupby("doc_id", sort=False).head(n).copy()
    table.insert(1, "rank", table.groupby("doc_id", sort=False).cumcount() + 1)
    return table.reset_index(drop=True)


def tfidf(corpus: Corpus | pd.DataFrame, idf: str = "background") -> pd.DataFrame:
    """TF-IDF of the content words per report: doc_id, term, count, tf, idf, tfidf.

    ``tf`` is the relative frequency. ``idf="background"`` takes the inverse document
    frequency from jieba's general-Chinese IDF table (the one ``jieba.analyse``'s default
    extractor loads on import; terms it lacks, such as most domain words, get its
    median), which suits a corpus of two reports;
    ``idf="corpus"`` computes it over ``docs`` as ``ln((1 + N) / (1 + df)) + 1``.
    Rows run report by report, highest score first.
    """
    corpus = as_corpus(corpus)
    table = frequencies(corpus).rename(columns={"relative_frequency": "tf"})
    if idf == "background":
        import jieba.analyse  # its import reads the IDF table: not read a second time here

        background, median = jieba.analyse.default_tfidf.idf_loader.get_idf()
        table["idf"] = table["term"].map(lambda term: background.get(term, median))
    elif idf == "corpus":
        n_docs = table["doc_id"].nunique()
        table["idf"] = np.log((1 + n_docs) / (1 + table["document_frequency"])) + 1
    else:
        raise ValueError(f"idf must be 'background' or 'corpus', not {idf!r}")
    table["tfidf"] = table["tf"] * table["idf"]
    table = _ranked_within_docs(table, corpus, "tfidf")
    return table[["doc_id", "term", "count", "tf", "idf", "tfidf"]]


def textrank(
    corpus: Corpus | pd.DataFrame, window: int = 5, tags: Sequence[str] = ("n", "v", "l", "i")
) -> pd.DataFrame:
    """TextRank keywords per report: doc_id, term, score (the top term scores 1).

    Content words whose tag starts with one of ``tags`` are linked when they stand fewer
    than ``window`` word tokens apart in the same paragraph; the graph is ranked with
    jieba's ``UndirectWeightedGraph`` (as ``jieba.analyse.textrank`` does, but over the
    terms of ``terms(docs)``, so scores and frequencies name the same words).
    """
    from jieba.analyse.textrank import UndirectWeightedGraph

    if window < 2:
        raise ValueError(f"window must be at least 2, not {window}")
    corpus = as_corpus(corpus)
    table = corpus.terms()
    table = table[table["content"] & table["pos"].str.startswith(tuple(tags))]
    rows = []
    for doc_id, doc_terms in table.groupby("doc_id", sort=False):
        edges: Counter[tuple[str, str]] = Counter()
        for _, block in doc_terms.groupby("paragraph"):
            positions, words = block["position"].tolist(), block["term"].tolist()
            for i, (position, word) in enumerate(zip(positions, words, strict=True)):
                for later, other in zip(positions[i + 1 :], words[i + 1 :], strict=True):
                    if later - position >= window:
                        break
                    edges[word, other] += 1
        graph = UndirectWeightedGraph()
        for (word, other), weight in sorted(edges.items()):
            graph.addEdge(word, other, weight)
        rows += [(doc_id, word, score) for word, score in graph.rank().items()]
    table = pd.DataFrame(rows, columns=["doc_id", "term", "score"])
    return _ranked_within_docs(table, corpus, "score")


#: Columns of ``rankings``.
RANKING_COLUMNS = ["measure", "doc_id", "rank", "term", "value"]


def rankings(corpus: Corpus | pd.DataFrame, n: int = 12) -> pd.DataFrame:
    """The ``n`` best terms per report by TF-IDF and by TextRank, side by side in one table.

    Columns: measure (``tfidf`` or ``textrank``), doc_id, rank (1 …), term, value (the
    measure's score: ``tfidf(docs)["tfidf"]``, ``textrank(docs)["score"]``).

    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["标题\\n碑林区帮扶丹凤县发展产业，碑林区投入资金发展产业。"]})
    >>> table = rankings(docs, n=2)
    >>> table[["measure", "rank"]].values.tolist()
    [['tfidf', 1], ['tfidf', 2], ['textrank', 1], ['textrank', 2]]
    """
    corpus = as_corpus(corpus)
    ranked = []
    for measure, table, column in [
        ("tfidf", tfidf(corpus), "tfidf"),
        ("textrank", textrank(corpus), "score"),
    ]:
        head = table.groupby("doc_id", sort=False).head(n).copy()
        head["rank"] = head.groupby("doc_id", sort=False).cumcount() + 1
        head["measure"] = measure
        ranked.append(head.rename(columns={column: "value"})[RANKING_COLUMNS])
    return pd.concat(ranked, ignore_index=True)


def _ranked_within_docs(table: pd.DataFrame, corpus: Corpus, column: str) -> pd.DataFrame:
    """``table`` sorted report by report (in ``corpus`` order), ``column`` descending, then term."""
    order = {doc_id: i for i, doc_id in enumerate(corpus)}
    table = table.assign(_order=table["doc_id"].map(order))
    table = table.sort_values(["_order", column, "term"], ascending=[True, False, True])
    return table.drop(columns="_order").reset_index(drop=True)


def _two_by_two(
    a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """G² (log-likelihood ratio) and Pearson's chi-square of the 2×2 tables [[a, b], [c, d]].

    >>> g2, chi2 = _two_by_two(np.array([10.0]), np.array([0.0]), np.array([90.0]), np.array([100.0]))
    >>> round(float(g2[0]), 3), round(float(chi2[0]), 3)
    (14.39, 10.526)
    """
    observed = np.stack([a, b, c, d]).astype(float)
    total = observed.sum(axis=0)
    rows = np.stack([a + b, a + b, c + d, c + d])
    cols = np.stack([a + c, b + d, a + c, b + d])
    expected = rows * cols / total
    with np.errstate(divide="ignore", invalid="ignore"):
        log_terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
        chi_terms = np.where(expected > 0, (observed - expected) ** 2 / expected, 0.0)
    return 2 * log_terms.sum(axis=0), chi_terms.sum(axis=0)


def _doc_ids(ids: str | Sequence[str], known: list[str], name: str) -> list[str]:
    wanted = [ids] if isinstance(ids, str) else list(ids)
    unknown = [doc_id for doc_id in wanted if doc_id not in known]
    if unknown or not wanted:
        raise ValueError(f"{name}: unknown doc_id {unknown or wanted}; the corpus has {known}")
    return wanted


def keyness(
    corpus: Corpus | pd.DataFrame,
    target: str | Sequence[str],
    reference: str | Sequence[str] | None = None,
    prior_scale: float | None = None,
) -> pd.DataFrame:
    """Terms that set the ``target`` reports apart from the ``reference`` reports (default: the rest).

    Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
    "Fightin' Words", eqs. 16 and 22): the prior of each term is its share of the pooled
    counts times ``prior_scale`` (default: the pooled number of content words, so the
    prior equals the pooled count); ``z`` is the log-odds over its standard error,
    positive for terms typical of the target, and ``p_value`` its two-sided p under the
    normal (|z| > 1.96 is p < 0.05, the line ``plot_keyness`` draws). For comparison the
    table also gives the 2×2 G² (Dunning 1993) and Pearson chi-square (1 degree of freedom),
    which on large counts call many more terms significant.

    Columns: term, count_target, count_reference, per_10k_target, per_10k_reference,
    log_odds, z, g2, chi2, p_value, side ("target" where z > 0, else "reference");
    sorted by z, highest first.
    """
    corpus = as_corpus(corpus)
    counts = term_frequencies(corpus.terms())[["doc_id", "term", "count"]]
    known = corpus.doc_ids
    targets = _doc_ids(target, known, "target")
    references = (
        [doc_id for doc_id in known if doc_id not in targets]
        if reference is None
        else _doc_ids(reference, known, "reference")
    )
    if set(targets) & set(references) or not references:
        raise ValueError(f"target {targets} and reference {references} must be disjoint, non-empty")
    table = (
        counts.assign(group=counts["doc_id"].map(lambda d: "target" if d in targets else None))
        .assign(group=lambda t: t["group"].mask(t["doc_id"].isin(references), "reference"))
        .dropna(subset=["group"])
        .pivot_table(index="term", columns="group", values="count", aggfunc="sum", fill_value=0)
        .reindex(columns=["target", "reference"], fill_value=0)
    )
    y_t, y_r = table["target"].to_numpy(float), table["reference"].to_numpy(float)
    n_t, n_r = y_t.sum(), y_r.sum()
    alpha_0 = n_t + n_r if prior_scale is None else float(prior_scale)
    if alpha_0 <= 0:
        raise ValueError(f"prior_scale must be positive, not {prior_scale}")
    alpha = alpha_0 * (y_t + y_r) / (n_t + n_r)
    log_odds = np.log((y_t + alpha) / (n_t + alpha_0 - y_t - alpha)) - np.log(
        (y_r + alpha) / (n_r + alpha_0 - y_r - alpha)
    )
    z = log_odds / np.sqrt(1 / (y_t + alpha) + 1 / (y_r + alpha))
    g2, chi2 = _two_by_two(y_t, y_r, n_t - y_t, n_r - y_r)
    result = pd.DataFrame(
        {
            "term": table.index,
            "count_target": y_t.astype(int),
            "count_reference": y_r.astype(int),
            "per_10k_target": 1e4 * y_t / n_t,
            "per_10k_reference": 1e4 * y_r / n_r,
            "log_odds": log_odds,
            "z": z,
            "g2": g2,
            "chi2": chi2,
            "p_value": [math.erfc(abs(value) / math.sqrt(2)) for value in z],
            "side": np.where(z > 0, "target", "reference"),
        }
    )
    return result.sort_values(["z", "term"], ascending=[False, True]).reset_index(drop=True)


def collocations(corpus: Corpus | pd.DataFrame, min_count: int = 2) -> pd.DataFrame:
    """Pairs of content words written side by side, per report, seen at least ``min_count`` times.

    Two terms are a pair when the second starts where the first ends (no word,
    punctuation or line between them). Columns: doc_id, first, second, count,
    first_count, second_count (the terms' counts in the report), pmi
    (log2 of observed over expected), g2 (Dunning's log-likelihood of the pair);
    sorted report by report, g2 highest first.
    """
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, not {min_count}")
    corpus = as_corpus(corpus)
    table = corpus.terms()
    table = table[table["content"]]
    rows = []
    for doc_id, doc_terms in table.groupby("doc_id", sort=False):
        unigrams = doc_terms["term"].value_counts()
        nexts = doc_terms.shift(-1)
        adjacent = (nexts["start"] == doc_terms["end"]) & (nexts["doc_id"] == doc_id)
        pairs = pd.DataFrame(
            {"first": doc_terms["term"][adjacent], "second": nexts["term"][adjacent]}
        )
        pairs = pairs.value_counts().reset_index(name="count")
        pairs = pairs[pairs["count"] >= min_count]
        pairs.insert(0, "doc_id", doc_id)
        pairs["first_count"] = pairs["first"].map(unigrams).to_numpy()
        pairs["second_count"] = pairs["second"].map(unigrams).to_numpy()
        rows.append(pairs)
    columns = ["doc_id", "first", "second", "count", "first_count", "second_count"]
    result = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=columns)
    total = result["doc_id"].map(table["doc_id"].value_counts()).to_numpy(float)
    a = result["count"].to_numpy(float)
    first, second = result["first_count"].to_numpy(float), result["second_count"].to_numpy(float)
    result["pmi"] = np.log2(a * total / (first * second))
    result["g2"] = _two_by_two(a, first - a, second - a, total - first - second + a)[0]
    return _ranked_within_docs(result.rename(columns={"first": "term"}), corpus, "g2").rename(
        columns={"term": "first"}
    )


def wordcloud(
    weights: pd.DataFrame | Mapping[str, float],
    doc_id: str | None = None,
    seed: int = 0,
    max_words: int = 100,
    width: int = 800,
    height: int = 450,
) -> WordCloud:
    """A word cloud of ``weights`` drawn with the project's CJK font, the same for the same ``seed``.

    ``weights`` is a ``frequencies`` table (its ``count`` column is used; name the
    report with ``doc_id`` when it holds several) or a mapping term → weight.
    Save it with ``.to_file(path)``; ``.layout_`` lists the words drawn.
    """
    from wordcloud import WordCloud

    from aidlib import plotstyle

    if isinstance(weights, pd.DataFrame):
        if doc_id is not None:
            weights = weights[weights["doc_id"] == doc_id]
        reports = weights["doc_id"].unique().tolist()
        if len(reports) != 1:
            raise ValueError(
                f"weights must hold exactly one report (pass doc_id); it has {reports}"
            )
        weights = dict(zip(weights["term"], weights["count"], strict=True))
    if not weights:
        raise ValueError("wordcloud: no terms to draw")
    cloud = WordCloud(
        font_path=str(plotstyle.cjk_font_path()),
        width=width,
        height=height,
        max_words=max_words,
        random_state=seed,
        background_color="white",
        colormap="viridis",
        prefer_horizontal=1.0,
    )
    return cloud.generate_from_frequencies(dict(weights))


def plot_wordcloud(cloud: WordCloud, title: str = "", ax: Axes | None = None) -> Figure:
    """Show ``cloud`` on a matplotlib axes (a new figure unless ``ax`` is given), keyed below."""
    import matplotlib.pyplot as plt

    from aidlib import plotstyle

    plotstyle.use_cjk_font()
    if ax is None:
        _, ax = plt.subplots(figsize=(cloud.width / 100, cloud.height / 100))
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(
        0.5,
        -0.02,
        "word size: how often the report uses the word; colour carries no meaning",
        transform=ax.transAxes,
        ha="center",
        va="top",
        fontsize="small",
        color="0.3",
    )
    return ax.figure


def plot_wordclouds(
    freqs: pd.DataFrame,
    titles: Mapping[str, str] | None = None,
    seed: int = 0,
    columns: int = 2,
    most: int = MOST_REPORTS,
) -> Figure:
    """One ``wordcloud`` per report of a ``frequencies`` table (of the ``most`` with most
    content words when there are more: the figure's title says so), as small multiples in
    rows of ``columns``, each titled with its doc_id and ``titles[doc_id]`` where given.
    Each cloud is made at about the size its panel shows it (600 × 338 px for 578 × 325),
    not at 800 × 450 and shrunk: 0.4 s less for two reports."""
    import matplotlib.pyplot as plt

    from aidlib import plotstyle

    doc_ids, shown = largest_reports(_content_words(freqs), "with the most content words", most)
    columns = max(1, min(columns, len(doc_ids)))
    rows = max(1, -(-len(doc_ids) // columns))
    figure, axes = plt.subplots(rows, columns, figsize=(6 * columns, 3.6 * rows), squeeze=False)
    for ax, doc_id in zip(axes.flat, doc_ids, strict=False):
        title = f"{doc_id}: {titles[doc_id]}" if titles and doc_id in titles else doc_id
        cloud = wordcloud(freqs, doc_id=doc_id, seed=seed, width=600, height=338)
        plot_wordcloud(cloud, title=title, ax=ax)
    for ax in axes.flat[len(doc_ids) :]:
        ax.set_axis_off()
    if shown:
        figure.suptitle(f"Word clouds of {shown}")
    plotstyle.lay_out(figure)
    return figure


def _content_words(freqs: pd.DataFrame) -> pd.Series:
    """Content words per report of a ``frequencies`` table, in its order of reports."""
    return freqs.groupby("doc_id", sort=False)["count"].sum()


#: Panels per row in ``plot_top_terms`` before it wraps to a new row.
PANELS_PER_ROW = 4


def plot_top_terms(
    freqs: pd.DataFrame, n: int = 15, per_row: int = PANELS_PER_ROW, most: int = MOST_REPORTS
) -> Figure:
    """Bar charts of the ``n`` most frequent terms, one panel per report of a ``frequencies``
    table (of the ``most`` with most content words when there are more: the title says so).

    Bars are per 1,000 content words of the report (reports differ in length) on one
    shared axis; panels wrap at ``per_row`` a row; each title gives the report's
    content words.

    >>> freqs = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["资金", "产业", "资金"],
    ...                       "count": [3, 1, 2], "relative_frequency": [0.75, 0.25, 1.0]})
    >>> import matplotlib.pyplot as plt
    >>> figure = plot_top_terms(freqs)
    >>> [ax.get_title() for ax in figure.axes], figure.axes[0].get_xlabel()
    (['a (4 content words)', 'b (2 content words)'], 'per 1,000 content words')
    >>> plt.close(figure)
    """
    import matplotlib.pyplot as plt

    from aidlib import plotstyle

    plotstyle.use_cjk_font()
    reports, shown = largest_reports(_content_words(freqs), "with the most content words", most)
    n_cols = max(1, min(per_row, len(reports)))
    n_rows = max(1, math.ceil(len(reports) / n_cols))
    figure, axes = plt.subplots(
        n_rows,
        n_cols,
        figsize=(4.2 * n_cols, (0.28 * n + 1.2) * n_rows),
        sharex=True,
        squeeze=False,
    )
    for ax, doc_id in zip(axes.flat, reports, strict=False):
        own = freqs[freqs["doc_id"] == doc_id]
        top = own.head(n).iloc[::-1]
        ax.barh(top["term"], 1000 * top["relative_frequency"], color="#4c72b0")
        words = round(own["count"].iloc[0] / own["relative_frequency"].iloc[0])
        ax.set_title(f"{doc_id} ({words:,} content words)")
        ax.set_xlabel("per 1,000 content words")
        ax.xaxis.set_tick_params(labelbottom=True)
    for ax in axes.flat[len(reports) :]:
        ax.set_axis_off()
    if shown:
        figure.suptitle(f"Most frequent terms of {shown}")
    plotstyle.lay_out(figure)
    return figure


#: Two-sided 5 % threshold of a z score, drawn on ``plot_keyness``.
Z_05 = 1.96


def _clipped(text: str, width: int = 60) -> str:
    """``text`` cut to ``width`` characters with an ellipsis (legend labels of many reports)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def plot_keyness(table: pd.DataFrame, n: int = 15, labels: tuple[str, str] | None = None) -> Figure:
    """The ``n`` most distinctive terms on each side of a ``keyness`` table, as bars of z.

    Red bars are terms typical of the target, blue of the reference (``labels`` names
    the two sides in the legend, wrapped when long); dashed lines at z = ±1.96 mark
    where a difference is significant at p < 0.05 (two-sided): a bar inside them is
    no more than chance would give. The legend sits below the bars.

    >>> table = pd.DataFrame({"term": ["资金", "产业", "教育"], "z": [3.0, 0.5, -2.5]})
    >>> import matplotlib.pyplot as plt
    >>> figure = plot_keyness(table, n=2, labels=("A", "B"))
    >>> [text.get_text() for text in figure.legends[0].get_texts()]
    ['typical of A', 'typical of B', '|z| > 1.96: p < 0.05 (two-sided)']
    >>> plt.close(figure)
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from aidlib import plotstyle

    plotstyle.use_cjk_font()
    target_label, reference_label = labels or ("target", "reference")
    shown = pd.concat([table.head(n), table.tail(n)]).drop_duplicates("term")
    shown = shown.sort_values("z")
    figure, ax = plt.subplots(figsize=(6.5, 0.28 * len(shown) + 2.0))
    colours = np.where(shown["z"] > 0, "#c44e52", "#4c72b0")
    ax.barh(shown["term"], shown["z"], color=colours)
    for value in (-Z_05, Z_05):
        ax.axvline(value, color="grey", linestyle="--", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("z (log-odds with informative Dirichlet prior)")
    handles = [
        plt.Rectangle((0, 0), 1, 1, color="#c44e52"),
        plt.Rectangle((0, 0), 1, 1, color="#4c72b0"),
        Line2D([], [], color="grey", linestyle="--", linewidth=0.8),
    ]
    names = [
        _clipped(f"typical of {target_label}"),
        _clipped(f"typical of {reference_label}"),
        f"|z| > {Z_05}: p < 0.05 (two-sided)",
    ]
    figure.legend(handles, names, loc="lower center", ncol=1, frameon=False)
    plotstyle.lay_out(figure, bottom=0.9)
    return figure


#: Columns of ``candidate_terms``.
CANDIDATE_COLUMNS = [
    "term",
    "count",
    "reports",
    "pmi",
    "left_entropy",
    "right_entropy",
    "score",
]

_CJK_RUN = re.compile(rf"[{CJK}]+")


def _body_runs(corpus: Corpus) -> list[list[tuple[str, frozenset[int]]]]:
    """Per report, the runs of Chinese characters of its body (simplified), each with the
    offsets in it where the segmenter puts a word boundary (read from ``corpus.terms``:
    every boundary in a run starts or ends a word token)."""
    found = []
    for doc_id, doc in corpus.documents.items():
        table = corpus.document_terms(doc_id)
        bounds: dict[int, set[int]] = {}
        for block, start, end in zip(table["paragraph"], table["start"], table["end"], strict=True):
            bounds.setdefault(block, set()).update((start, end))
        runs = []
        for block in doc.body:
            text = tokens.simplified(block.text)
            ends = {at - block.start for at in bounds.get(block.index, ())}
            for match in _CJK_RUN.finditer(text):
                start, end = match.span()
                cuts = frozenset(at - start for at in ends | {start} if start <= at <= end)
                runs.append((match[0], cuts))
        found.append(runs)
    return found


def _entropy(counts: Counter[str]) -> float:
    total = sum(counts.values())
    return -sum(n / total * math.log(n / total) for n in counts.values())


def _weak_edge(word: str) -> bool:
    """True for a word a term does not start or end with: one character (卡, 达) unless
    it abbreviates a place (沪 in 秦品入沪), a stop word or a function word (家企业)."""
    tag = tokens.part_of_speech(word)
    one_character = len(word) == 1 and tag not in ("j", "ns")  # 沪, 滇 abbreviate places
    return one_character or word in tokens.stopwords() or tag[:1] in tokens.FUNCTION_TAGS


def candidate_terms(
    corpus: Corpus | pd.DataFrame,
    min_reports: int = 2,
    min_count: int = 3,
    max_length: int = 6,
) -> pd.DataFrame:
    """Strings of Chinese characters that recur across reports and hold together, as
    new-word discovery does for Chinese, ranked best first: terms to review and add to
    the dictionary.

    Only report bodies count, in simplified spelling, and no string runs across
    punctuation. A candidate has 2 to ``max_length`` characters, is written at least
    ``min_count`` times in at least ``min_reports`` reports, is no word of the
    segmenter's vocabulary (jieba's dictionary, the gazetteer, the policy terms and
    ``data/dictionary.txt``), starts and ends where the segmenter cuts words in most of
    its uses (so 境整治, from 环境整治, is none), and neither its first nor its last word
    is a weak edge (``_weak_edge``: 资金达, 家企业), and it is no fragment
    (``tokens.is_fragment``: 万人, 两市). Columns:

    - ``pmi``: cohesion, the smallest pointwise mutual information over the ways to cut
      the string in two, ``log(p(xy) / (p(x) p(y)))`` with p the count over the corpus's
      characters: high when the parts seldom occur apart;
    - ``left_entropy``, ``right_entropy``: how freely the string combines, the entropy of
      the characters written just before and just after it (each start or end of a run
      counts as a distinct neighbour): low when it is part of a longer string;
    - ``score``: ``pmi × min(left_entropy, right_entropy)``, both needed.

    >>> text = "标题\\n黔货出山，助力黔货出山。推动黔货出山！"
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [text, text]})
    >>> candidate_terms(docs)["term"].tolist()
    ['黔货出山']
    """
    for name, value, least in (
        ("min_reports", min_reports, 1),
        ("min_count", min_count, 1),
        ("max_length", max_length, 2),
    ):
        if value < least:
            raise ValueError(f"{name} must be at least {least}, not {value}")
    runs = _body_runs(as_corpus(corpus))
    counts: Counter[str] = Counter()
    reports: Counter[str] = Counter()
    frequent: set[str] | None = None  # strings one shorter seen often enough (Apriori)
    for length in range(1, max_length + 1):
        level: Counter[str] = Counter()
        for doc_runs in runs:
            seen = Counter(
                run[i : i + length]
                for run, _ in doc_runs
                for i in range(len(run) - length + 1)
                if frequent is None
                or (run[i : i + length - 1] in frequent and run[i + 1 : i + length] in frequent)
            )
            level.update(seen)
            reports.update(seen.keys())
        kept = {s for s, n in level.items() if n >= min_count and reports[s] >= min_reports}
        counts.update(level if length == 1 else {s: level[s] for s in kept})
        frequent = kept
        if not kept:
            break
    total = sum(len(run) for doc_runs in runs for run, _ in doc_runs)
    known = tokens.tokenizer().FREQ
    candidates = {
        s
        for s in counts
        if len(s) > 1
        and reports[s] >= min_reports
        and counts[s] >= min_count
        and known.get(s, 0) == 0
        and not tokens.is_fragment(s)
    }
    left: dict[str, Counter[str]] = {s: Counter() for s in candidates}
    right: dict[str, Counter[str]] = {s: Counter() for s in candidates}
    aligned: Counter[str] = Counter()
    words: dict[str, list[str]] = {}  # the words of one aligned use
    for doc_runs in runs:
        for number, (run, cuts) in enumerate(doc_runs):
            for i in range(len(run)):
                for length in range(2, min(max_length, len(run) - i) + 1):
                    s, end = run[i : i + length], i + length
                    if s not in candidates:
                        continue
                    left[s][run[i - 1] if i else f"^{number}"] += 1
                    right[s][run[end] if end < len(run) else f"${number}"] += 1
                    if i in cuts and end in cuts:
                        aligned[s] += 1
                        inner = sorted(at for at in cuts if i <= at <= end)
                        words.setdefault(s, [run[a:b] for a, b in itertools.pairwise(inner)])
    rows = []
    for s in candidates:
        if 2 * aligned[s] < counts[s] or any(map(_weak_edge, words[s][:: len(words[s]) - 1 or 1])):
            continue
        pmi = min(
            math.log(counts[s] * total / (counts[s[:k]] * counts[s[k:]])) for k in range(1, len(s))
        )
        h_left, h_right = _entropy(left[s]), _entropy(right[s])
        rows.append((s, counts[s], reports[s], pmi, h_left, h_right, pmi * min(h_left, h_right)))
    table = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
    table = table[(table["pmi"] > 0) & (table["score"] > 0)]
    table = table.sort_values(["score", "term"], ascending=[False, True])
    return table.reset_index(drop=True)


def write_candidate_terms(data_dir: Path | str, out: Path | str) -> int:
    """Write ``candidate_terms`` of the corpus in ``data_dir`` to the CSV file ``out`` (for
    ``python -m aidlib terms``); return how many. ``out`` may not lie inside ``data_dir``."""
    from aidlib.corpus import load_corpus

    if Path(out).resolve().is_relative_to(Path(data_dir).resolve()):
        raise ValueError(f"{out} is inside the data folder {data_dir}: nothing is written there")
    table = candidate_terms(load_corpus(data_dir))
    table.to_csv(out, index=False)
    return len(table)
