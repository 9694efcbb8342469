"""What each report talks about: term tables, frequency, TF-IDF, TextRank, keyness, collocations, clouds.

Every function takes ``docs``: a DataFrame with one row per report and at least the
columns ``doc_id`` (unique) and ``text`` (the report, raw or normalised) — the table
``aidlib.corpus.load_corpus`` returns. Only the body of a report counts: its headings and
paragraphs (``structure.parse(text).body``); title, byline and photo captions do not.

Terms come from ``terms(docs)``, one row per word token, segmented by ``aidlib.tokens``
with the domain dictionary; spelling variants are merged (三架马车 → 三驾马车) and a
place's short form is merged into its full form in a report that uses both
(航天基地 → 西安航天基地); ``merges(docs)`` lists what was merged. Frequency tables count
only content words (``content`` column; see ``tokens.is_content_word``).

>>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["标题\\n碑林对口帮扶丹凤县，碑林区投入资金。"]})
>>> terms(docs)[["surface", "term", "start", "end"]].values.tolist()[:3]
[['碑林', '碑林区', 3, 5], ['对口帮扶', '对口帮扶', 5, 9], ['丹凤县', '丹凤县', 9, 12]]
>>> frequencies(docs)[["term", "count"]].values.tolist()[:2]
[['碑林区', 2], ['丹凤县', 1]]
"""

from __future__ import annotations

import bisect

import pandas as pd

from aidlib import tokens
from aidlib.structure import parse

#: Columns of ``terms``.
TERM_COLUMNS = [
    "doc_id",
    "section",
    "paragraph",
    "kind",
    "sentence",
    "position",
    "start",
    "end",
    "surface",
    "term",
    "pos",
    "content",
]

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


def _reports(docs: pd.DataFrame) -> list[tuple[str, str]]:
    """(doc_id, text) per report of ``docs``; a user's malformed table raises ValueError."""
    missing = {"doc_id", "text"} - set(docs.columns)
    if missing:
        raise ValueError(f"docs needs the columns doc_id and text; missing: {sorted(missing)}")
    duplicated = docs["doc_id"][docs["doc_id"].duplicated()].tolist()
    if duplicated:
        raise ValueError(f"docs has repeated doc_id values: {duplicated}")
    return list(zip(docs["doc_id"].astype(str), docs["text"].astype(str), strict=True))


def document_terms(text: str, doc_id: str = "") -> pd.DataFrame:
    """The word tokens of one report's body, in order; columns as in ``terms``.

    >>> document_terms("标题\\n航天基地与西安航天基地签约。")["term"].tolist()
    ['西安航天基地', '与', '西安航天基地', '签约']
    """
    doc = parse(text)
    sentence_starts = [sentence.start for sentence in doc.sentences]
    rows = []
    for block in doc.body:
        offset = block.start
        for word, tag in tokens.tagged(block.text):
            start, offset = offset, offset + len(word)
            if not tokens.is_word(word):
                continue
            sentence = bisect.bisect_right(sentence_starts, start) - 1
            rows.append(
                (block.section, block.index, block.kind, sentence, start, offset, word, tag)
            )
    frame = pd.DataFrame(
        rows,
        columns=["section", "paragraph", "kind", "sentence", "start", "end", "surface", "pos"],
    )
    frame["sentence"] = frame["sentence"].where(frame["kind"] == "paragraph").astype("Int64")
    frame.insert(0, "doc_id", doc_id)
    frame.insert(4, "position", range(len(frame)))
    spelled = frame["surface"].map(tokens.canonical)
    present = set(spelled)
    full = {short: long for short, long in tokens.short_forms().items() if long in present}
    frame["term"] = spelled.map(lambda term: full.get(term, term))
    frame["content"] = [
        tokens.is_content_word(term, tag)
        for term, tag in zip(frame["term"], frame["pos"], strict=True)
    ]
    return frame[TERM_COLUMNS]


def terms(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per word token of each report's body (punctuation and white space left out).

    Columns: ``doc_id``; ``section`` (top-level heading, or "（导语）"); ``paragraph``
    (index of the heading or paragraph block, as ``structure.Block.index``); ``kind``
    (heading or paragraph); ``sentence`` (index in ``Document.sentences``, NA in a
    heading); ``position`` (0, 1, … over the report's word tokens); ``start``, ``end``
    (offsets into the normalised text, ``structure.parse(text).text``); ``surface`` (as
    written); ``term`` (after merging variants and short forms); ``pos`` (jieba tag);
    ``content`` (True where the term counts in frequency tables).
    """
    frames = [document_terms(text, doc_id) for doc_id, text in _reports(docs)]
    if not frames:
        return pd.DataFrame(columns=TERM_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def merges(docs: pd.DataFrame) -> pd.DataFrame:
    """What was merged, per report: doc_id, variant, canonical, count, rule.

    ``rule`` is "variant" (from ``data/variants.csv``) or "short form" (from
    ``data/short_forms.csv``, applied because the report also uses the full form).
    """
    table = terms(docs)
    merged = table[table["surface"] != table["term"]]
    counts = (
        merged.groupby(["doc_id", "surface", "term"], sort=False)
        .size()
        .reset_index(name="count")
        .rename(columns={"surface": "variant", "term": "canonical"})
    )
    counts["rule"] = [
        "variant" if tokens.canonical(variant) == canonical else "short form"
        for variant, canonical in zip(counts["variant"], counts["canonical"], strict=True)
    ]
    return counts


def _content_counts(docs: pd.DataFrame) -> pd.DataFrame:
    """doc_id, term, count of the content words, reports in their order, terms by count."""
    table = terms(docs)
    table = table[table["content"]]
    counts = table.groupby(["doc_id", "term"]).size().reset_index(name="count")
    order = {doc_id: i for i, (doc_id, _) in enumerate(_reports(docs))}
    counts["_order"] = counts["doc_id"].map(order)
    counts = counts.sort_values(["_order", "count", "term"], ascending=[True, False, True])
    return counts.drop(columns="_order").reset_index(drop=True)


def frequencies(docs: pd.DataFrame) -> pd.DataFrame:
    """Content-word counts per report.

    Columns: ``doc_id``, ``term``, ``count``, ``relative_frequency`` (count over the
    report's content words), ``document_frequency`` (reports the term occurs in).
    Rows run report by report, most frequent first (ties by term).
    """
    counts = _content_counts(docs)
    counts["relative_frequency"] = counts["count"] / counts.groupby("doc_id")["count"].transform(
        "sum"
    )
    counts["document_frequency"] = counts.groupby("term")["doc_id"].transform("nunique")
    return counts[FREQUENCY_COLUMNS]


def top_terms(docs: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """The ``n`` most frequent content words per report: ``frequencies`` columns plus ``rank`` (1 …)."""
    table = frequencies(docs).groupby("doc_id", sort=False).head(n).copy()
    table.insert(1, "rank", table.groupby("doc_id", sort=False).cumcount() + 1)
    return table.reset_index(drop=True)
