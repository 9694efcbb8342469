"""One report's word tokens: the segmented body with merged terms, the unit every count reads.

``document_terms(doc, doc_id)`` segments the body of a parsed report (headings and
paragraphs) with ``aidlib.tokens`` and gives one row per word token; ``merged`` says
which term each written word counts as. ``aidlib.corpus.Corpus`` calls it once per
report and caches the table, so ``keywords``, ``context`` and ``textstats`` share it.

>>> from aidlib.structure import parse
>>> table = document_terms(parse("标题\\n碑林对口帮扶丹凤县，碑林区投入资金。"), "a")
>>> table[["surface", "term", "start"]].values.tolist()[:2]
[['碑林', '碑林区', 3], ['对口帮扶', '对口帮扶', 5]]
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable
from itertools import accumulate

import pandas as pd

from aidlib import places, tokens
from aidlib.structure import Document, parse

#: Columns of a terms table (see ``aidlib.keywords.terms`` for what each holds).
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

#: The columns ``document_terms`` collects token by token (the others are derived).
_TOKEN_COLUMNS = ["section", "paragraph", "kind", "sentence", "start", "end", "surface", "pos"]


def document_terms(doc: Document | str, doc_id: str = "", segmenter: str = "jieba") -> pd.DataFrame:
    """The word tokens of one report's body, in order; columns ``TERM_COLUMNS``.

    ``doc`` is a parsed ``structure.Document`` or the report's text (parsed here);
    ``segmenter`` cuts the words (``tokens.SEGMENTERS``).

    >>> document_terms("标题\\n航天基地与西安航天基地签约。")["term"].tolist()
    ['西安航天基地', '与', '西安航天基地', '签约']
    """
    if isinstance(doc, str):
        doc = parse(doc)
    sentence_starts = [sentence.start for sentence in doc.sentences]
    columns: dict[str, list] = {name: [] for name in _TOKEN_COLUMNS}
    section, paragraph, kind = columns["section"], columns["paragraph"], columns["kind"]
    sentence, start, end = columns["sentence"], columns["start"], columns["end"]
    surface, pos = columns["surface"], columns["pos"]
    for block in doc.body:
        tagged = tokens.tagged(block.text, segmenter)
        offsets = list(accumulate((len(word) for word, _ in tagged), initial=block.start))
        kept = [i for i, (word, _) in enumerate(tagged) if tokens.is_word(word)]
        starts = [offsets[i] for i in kept]
        section += [block.section] * len(kept)
        paragraph += [block.index] * len(kept)
        kind += [block.kind] * len(kept)
        if block.kind == "paragraph":
            sentence += [bisect.bisect_right(sentence_starts, at) - 1 for at in starts]
        else:
            sentence += [None] * len(kept)
        start += starts
        end += [offsets[i + 1] for i in kept]
        surface += [tagged[i][0] for i in kept]
        pos += [tagged[i][1] for i in kept]
    merged_words = merged(surface)
    term = [merged_words[word] for word in surface]
    frame = pd.DataFrame(columns if surface else [], columns=_TOKEN_COLUMNS)
    frame["sentence"] = pd.array(sentence, dtype="Int64")
    frame.insert(0, "doc_id", doc_id)
    frame["position"] = range(len(frame))
    frame["term"] = pd.array(term, dtype=frame["surface"].dtype)
    frame["content"] = list(map(tokens.is_content_word, term, pos))
    return frame[TERM_COLUMNS]


def merged(words: Iterable[str]) -> dict[str, str]:
    """Each distinct word of one report → its term: the canonical spelling
    (``tokens.canonical``), a place's canonical full name (``places.resolve``: 汉滨 →
    汉滨区, 黔西南州 → 黔西南布依族苗族自治州), or a listed short form's full form when the
    report also writes the full form (``tokens.short_forms``). Words are read in the
    order given (the text's), so the result is the same at every run.

    >>> merged(["北川", "北川羌族自治县"])["北川"]
    '北川羌族自治县'
    """
    spelled = {word: tokens.canonical(word) for word in dict.fromkeys(words)}
    into = merged_into(spelled.values())
    return {word: into.get(term, term) for word, term in spelled.items()}


def mergeable(term: str) -> bool:
    """True for a term ``merged_into`` reads: a place's name or short form
    (``places.lookup``), or a listed short form or its full form (``tokens.short_forms``).
    Any other term stays as it is and tells nothing about the others.

    >>> mergeable("碑林"), mergeable("西安航天基地"), mergeable("资金")
    (True, True, False)
    """
    return bool(places.lookup(term)) or term in _short_form_words()


@functools.cache
def _short_form_words() -> frozenset[str]:
    return frozenset(tokens.short_forms().keys() | tokens.short_forms().values())


def merged_into(terms: Iterable[str]) -> dict[str, str]:
    """The terms of one report (canonical spellings, in text order) that ``merged`` merges
    into another, each with the term it becomes: places (``places.resolve``) and listed
    short forms whose full form the report also writes. A term not listed stays as it is.

    >>> merged_into(["碑林", "对口帮扶", "碑林区", "航天基地", "西安航天基地"])
    {'航天基地': '西安航天基地', '碑林': '碑林区'}
    """
    present = dict.fromkeys(terms)  # in text order: each place read is context
    resolved = places.resolve(present)  # for the next, so a set's order would vary by run
    full = {short: full for short, full in tokens.short_forms().items() if full in present}
    places_merged = {term: place.canonical for term, place in resolved.items()}
    return {term: into for term, into in (full | places_merged).items() if into != term}
