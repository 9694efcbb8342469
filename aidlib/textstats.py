"""Size, sentence length and vocabulary statistics per report and per section.

Counts are over a report's body paragraphs (headings, captions, title and byline
are not running text). Every function takes a ``Corpus`` (``aidlib.corpus.load_corpus``;
a DataFrame with ``doc_id`` and ``text``, raw or normalised, also works) and reads its
parsed reports and ``Corpus.terms()``: nothing is parsed or segmented again.

>>> import pandas as pd
>>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["标题\\n——副题\\n一、概况\\n投入资金100万元。培训学员！"]})
>>> row = statistics(docs).iloc[0]
>>> int(row.sentences), int(row.paragraphs), float(row.share_sentences_with_number)
(2, 1, 0.5)
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from aidlib.chars import CJK
from aidlib.corpus import Corpus, as_corpus
from aidlib.display import MOST_REPORTS, largest_reports
from aidlib.normalize import normalize
from aidlib.plotstyle import lay_out, use_cjk_font

#: Window of the moving-average type–token ratio (Covington & McFall 2010).
MATTR_WINDOW = 100

STATISTICS_COLUMNS = [
    "chinese_chars",
    "punctuation_marks",
    "sentences",
    "paragraphs",
    "tokens",
    "types",
    "ttr",
    "mattr",
    "mean_sentence_chars",
    "median_sentence_chars",
    "share_sentences_with_number",
]
_CJK_CHAR = re.compile(f"[{CJK}]")
_DIGIT = re.compile(r"[0-9]")


def mattr(tokens: list[str], window: int = MATTR_WINDOW) -> float:
    """Moving-average type–token ratio: the mean TTR over every run of ``window`` tokens.

    With fewer tokens than ``window`` it is the plain TTR; with no tokens, NaN.

    >>> mattr(["a", "b", "a", "c"], window=2)
    1.0
    >>> mattr(["a", "a", "b"], window=2)
    0.75
    """
    if not tokens:
        return float("nan")
    if len(tokens) <= window:
        return len(set(tokens)) / len(tokens)
    counts = Counter(tokens[:window])
    types_per_window = [len(counts)]
    for leaving, entering in zip(tokens, tokens[window:], strict=False):
        counts[leaving] -= 1
        if not counts[leaving]:
            del counts[leaving]
        counts[entering] += 1
        types_per_window.append(len(counts))
    return float(np.mean(types_per_window)) / window


def sentence_lengths(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """One row per body sentence: doc_id, section, sentence (index), chars (Chinese characters).
    A "sentence" without a Chinese character (``；？``, ``rdquo；。``: a damaged page's
    marks and entity names) is not counted, here or in ``statistics``.

    >>> import pandas as pd
    >>> sentence_lengths(pd.DataFrame({"doc_id": ["a"], "text": ["标题\\n——副\\n我们出发了。好！rdquo；。"]}))["chars"].tolist()
    [5, 1]
    """
    rows = [
        (doc_id, sentence.section, sentence.index, _chinese_chars(sentence.text))
        for doc_id, doc in as_corpus(corpus).documents.items()
        for sentence in doc.sentences
        if _CJK_CHAR.search(sentence.text)
    ]
    return pd.DataFrame(rows, columns=["doc_id", "section", "sentence", "chars"])


def statistics(corpus: Corpus | pd.DataFrame, by: str = "report") -> pd.DataFrame:
    """Text statistics per report (``by="report"``) or per report and section (``by="section"``).

    Columns: doc_id (and section, in document order), then chinese_chars,
    punctuation_marks (Unicode P* characters), sentences, paragraphs, tokens (words from
    ``Corpus.terms()``, punctuation excluded), types, ttr, mattr (window 100),
    mean_sentence_chars and median_sentence_chars (Chinese characters per sentence),
    and share_sentences_with_number (sentences holding an Arabic-digit number).
    """
    if by not in ("report", "section"):
        raise ValueError(f"by must be 'report' or 'section', not {by!r}")
    corpus = as_corpus(corpus)
    rows = []
    for doc_id, doc in corpus.documents.items():
        table = corpus.document_terms(doc_id)
        words_of = table["surface"].groupby(table["paragraph"]).agg(list).to_dict()
        groups: dict[str, list] = {}
        for paragraph in doc.paragraphs:
            key = doc_id if by == "report" else paragraph.section
            groups.setdefault(key, []).append(paragraph)
        for key, paragraphs in groups.items():
            indexes = {paragraph.index for paragraph in paragraphs}
            sentences = [
                s.text for s in doc.sentences if s.paragraph in indexes and _CJK_CHAR.search(s.text)
            ]
            label = {"doc_id": doc_id} if by == "report" else {"doc_id": doc_id, "section": key}
            words = [word for p in paragraphs for word in words_of.get(p.index, [])]
            rows.append(label | _measure([p.text for p in paragraphs], sentences, words))
    keys = ["doc_id"] if by == "report" else ["doc_id", "section"]
    return pd.DataFrame(rows, columns=[*keys, *STATISTICS_COLUMNS])


def titles(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """The front matter found in each report beside its metadata title.

    Columns: doc_id, title (the metadata title; empty when the metadata has none),
    parsed_title (the title found in the text), same (they read alike once normalised;
    a metadata title that is the headline and its subtitle joined, 标题——副题, is the
    same: ``same_title``), subtitle, dateline, byline, paragraphs, furniture (lines taken out as furniture).

    >>> docs = pd.DataFrame({"doc_id": ["a"], "title": ["标题甲_某网"], "text": ["首页 > 正文\\n标题甲\\n投入资金。"]})
    >>> titles(docs)[["parsed_title", "same", "furniture"]].values.tolist()
    [['标题甲', False, 1]]
    """
    corpus = as_corpus(corpus)
    titles = _titles(corpus.metadata)
    rows = []
    for (doc_id, doc), title in zip(corpus.documents.items(), titles, strict=True):
        rows.append(
            {
                "doc_id": doc_id,
                "title": title,
                "parsed_title": doc.title,
                "same": same_title(normalize(title).text, doc.title, doc.subtitle),
                "subtitle": doc.subtitle,
                "dateline": doc.dateline,
                "byline": doc.byline,
                "paragraphs": len(doc.paragraphs),
                "furniture": len(doc.furniture),
            }
        )
    columns = ["doc_id", "title", "parsed_title", "same", "subtitle", "dateline", "byline"]
    return pd.DataFrame(rows, columns=[*columns, "paragraphs", "furniture"])


#: What joins a headline and its subtitle in a metadata title: spaces, dashes, colons.
_TITLE_JOINS = re.compile(r"[\s—–－\-:：]+")


def same_title(given: str, headline: str, subtitle: str = "") -> bool:
    """Whether a metadata title reads as the headline found, or as headline and subtitle
    joined (a page's title often carries both: 主标题——副标题).

    >>> same_title("山海情深——记闽宁协作", "山海情深", "——记闽宁协作")
    True
    >>> same_title("山海情深", "闽宁协作")
    False
    """
    if given == headline:
        return True
    return bool(subtitle) and _TITLE_JOINS.sub("", given) == _TITLE_JOINS.sub(
        "", headline + subtitle
    )


def furniture(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """One row per line taken out of a report as site furniture: doc_id, line (raw line), text, rule.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["标题\\n投入资金。\\n分享到：\\n责任编辑：王五"]})
    >>> furniture(docs)[["line", "rule"]].values.tolist()
    [[3, 'share or app prompt'], [4, 'editor or source line']]
    """
    rows = [
        (doc_id, block.line, block.text, block.rule)
        for doc_id, doc in as_corpus(corpus).documents.items()
        for block in doc.furniture
    ]
    return pd.DataFrame(rows, columns=["doc_id", "line", "text", "rule"])


def _measure(paragraphs: list[str], sentences: list[str], words: list[str]) -> dict[str, float]:
    """The statistics of some paragraphs, their sentences and their words (as written)."""
    text = "".join(paragraphs)
    lengths = [_chinese_chars(sentence) for sentence in sentences]
    return {
        "chinese_chars": _chinese_chars(text),
        "punctuation_marks": sum(unicodedata.category(c).startswith("P") for c in text),
        "sentences": len(sentences),
        "paragraphs": len(paragraphs),
        "tokens": len(words),
        "types": len(set(words)),
        "ttr": len(set(words)) / len(words) if words else float("nan"),
        "mattr": mattr(words),
        "mean_sentence_chars": float(np.mean(lengths)) if lengths else float("nan"),
        "median_sentence_chars": float(np.median(lengths)) if lengths else float("nan"),
        "share_sentences_with_number": (
            sum(bool(_DIGIT.search(s)) for s in sentences) / len(sentences)
            if sentences
            else float("nan")
        ),
    }


def _chinese_chars(text: str) -> int:
    return len(_CJK_CHAR.findall(text))


def _titles(metadata: pd.DataFrame) -> list[str]:
    if "title" not in metadata:
        return [""] * len(metadata)
    return [str(title) for title in metadata["title"].fillna("")]


def plot_sentence_lengths(lengths: pd.DataFrame, most: int = MOST_REPORTS) -> plt.Figure:
    """Box plot with points of sentence length (Chinese characters) per report: of the
    ``most`` longest reports when there are more (the title says so)."""
    use_cjk_font()
    sizes = lengths.groupby("doc_id", sort=False)["chars"].sum()
    doc_ids, shown = largest_reports(sizes, "with the most text", most)
    figure, axes = plt.subplots(figsize=(7, 1.2 + 0.8 * len(doc_ids)))
    values = [lengths.loc[lengths["doc_id"] == d, "chars"] for d in doc_ids]
    axes.boxplot(values, orientation="horizontal", showfliers=False)
    axes.set_yticks(range(1, len(doc_ids) + 1), doc_ids)
    axes.invert_yaxis()  # the first report on top
    for row, value in enumerate(values, 1):
        jitter = np.random.default_rng(row).uniform(-0.15, 0.15, len(value))
        axes.scatter(value, row + jitter, s=10, alpha=0.5)
    axes.set_xlabel("句长（汉字数） sentence length, Chinese characters")
    axes.set_title("各报告句长分布 Sentence lengths per report" + (f": {shown}" if shown else ""))
    figure.text(
        0.01,
        0.01,
        "dot: one sentence; box: middle half of the sentences, line at the median; "
        "whiskers: to the farthest sentence within 1.5 box lengths of the box",
        fontsize="small",
        color="0.3",
    )
    lay_out(figure, bottom=0.35)
    return figure


def plot_section_lengths(section_statistics: pd.DataFrame, most: int = MOST_REPORTS) -> plt.Figure:
    """Horizontal bars of Chinese characters per section, one panel per report (the
    ``most`` longest when there are more: the figure's title says so), one shared scale."""
    use_cjk_font()
    sizes = section_statistics.groupby("doc_id", sort=False)["chinese_chars"].sum()
    doc_ids, shown = largest_reports(sizes, "with the most text", most)
    heights = [(section_statistics["doc_id"] == d).sum() for d in doc_ids]
    figure, panels = plt.subplots(
        len(doc_ids),
        1,
        figsize=(8, 1 + 0.45 * sum(heights)),
        gridspec_kw={"height_ratios": heights},
        sharex=True,  # one scale: the reports' sections compare by bar length
        squeeze=False,
    )
    for axes, doc_id in zip(panels[:, 0], doc_ids, strict=True):
        rows = section_statistics[section_statistics["doc_id"] == doc_id]
        axes.barh(rows["section"], rows["chinese_chars"])
        axes.invert_yaxis()
        axes.set_title(doc_id, loc="left")
    panels[-1, 0].set_xlabel("汉字数 Chinese characters")
    if shown:
        figure.suptitle(f"Sections of {shown}")
    lay_out(figure)
    return figure
