"""The vocabulary on real reports (issue 14): places and policy terms whole, top lists clean.

Reads the development corpus in ``tests/data/real`` (``raw/<doc_id>.txt`` and
``gold/<doc_id>.json``, what a careful reader marked); skips when it is absent. Gold
strings are compared after ``normalize`` (width fold), as the report's text is.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from itertools import accumulate
from pathlib import Path

import pytest

from aidlib import keywords, places, tokens
from aidlib.normalize import normalize
from aidlib.numerals import PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS
from aidlib.structure import parse
from aidlib.terms import merged

REAL = Path(__file__).parent / "data" / "real"
GOLD = sorted((REAL / "gold").glob("*.json")) if (REAL / "gold").is_dir() else []
pytestmark = pytest.mark.skipif(
    not GOLD, reason="no development corpus in tests/data/real (gold/*.json and raw/*.txt)"
)


def _report(path: Path) -> tuple[dict, str]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    raw = REAL / "raw" / f"{gold['doc_id']}.txt"
    if not raw.exists():
        pytest.skip(f"{raw} is missing")
    return gold, normalize(raw.read_text(encoding="utf-8", errors="replace")).text


def _spans(text: str) -> list[tuple[int, int]]:
    words = tokens.tokenize(text, keep_punctuation=True)
    ends = list(accumulate(len(word) for word in words))
    return [(end - len(word), end) for word, end in zip(words, ends, strict=True)]


def _pieces(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The tokens that overlap text[start:end]."""
    return [(a, b) for a, b in spans if a < end and b > start]


def _occurrences(text: str, item: str) -> list[tuple[int, int]]:
    return [match.span() for match in re.finditer(re.escape(item), text)]


def _ids(paths: list[Path]) -> list[str]:
    return [path.stem for path in paths]


@pytest.mark.parametrize("path", GOLD, ids=_ids(GOLD))
def test_every_place_the_reader_marked_is_one_token_where_written(path):
    """A marked place is never cut into pieces that tile it (西/和, 融水/苗族/自治/县); a
    token may run past its edge where the text goes on into another word (上海|市场) or a
    longer name (天津市), and a marked parent-and-child (宁波市鄞州区) may be two places."""
    gold, text = _report(path)
    spans = _spans(text)
    cut = []
    for place in gold["places"]:
        place = normalize(place).text
        for start, end in _occurrences(text, place):
            pieces = _pieces(spans, start, end)
            tiled = len(pieces) > 1 and pieces[0][0] == start and pieces[-1][1] == end
            if tiled and not all(places.lookup(tokens.simplified(text[a:b])) for a, b in pieces):
                cut.append((place, [text[a:b] for a, b in pieces]))
    assert not cut, f"{gold['doc_id']}: places cut into pieces: {cut}"


@pytest.mark.parametrize("path", GOLD, ids=_ids(GOLD))
def test_every_policy_term_the_reader_marked_is_whole(path):
    """A term of the policy vocabulary is one token (or part of a longer word the text
    writes there); any other marked term may be several words (帮扶和协作关系) but never
    holds a single-character fragment other than a conjunction, preposition or particle
    (帮扶/点, 项目/全/生命周期)."""
    gold, text = _report(path)
    spans = _spans(text)
    vocabulary = set(tokens.policy_terms())
    broken = []
    for term in gold["policy_terms"]:
        term = normalize(term).text
        if re.search("[A-Za-z]", term):
            continue  # written with its pronunciation in brackets (結（jié）對): not a word
        for start, end in _occurrences(text, term):
            pieces = _pieces(spans, start, end)
            inside = [(a, b) for a, b in pieces if a >= start and b <= end]
            tiled = len(pieces) > 1 and pieces[0][0] == start and pieces[-1][1] == end
            fragments = [
                text[a:b]
                for a, b in inside
                if b - a == 1
                and tokens.is_word(text[a:b])
                and tokens.part_of_speech(tokens.simplified(text[a:b]))[:1] not in "cpu"
            ]
            if (tokens.simplified(term) in vocabulary and tiled) or fragments:
                broken.append((term, [text[a:b] for a, b in pieces]))
    assert not broken, f"{gold['doc_id']}: policy terms broken: {broken}"


@functools.cache
def _furniture_vocabulary() -> frozenset[str]:
    """Terms of the furniture lines of at least two reports that no report's body uses:
    the words of page furniture (版权, 转载, 责任编辑), found from the readers' marks."""
    in_furniture: Counter[str] = Counter()
    in_body: Counter[str] = Counter()
    for path in GOLD:
        gold, text = _report(path)
        lines = [normalize(line).text for line in gold["structure"]["furniture"]]
        body = text
        for line in lines:
            body = body.replace(line, "\n", 1)
        furniture_terms = set(merged(tokens.tokenize("\n".join(lines))).values())
        body_terms = set(merged(tokens.tokenize(body)).values())
        in_furniture.update(furniture_terms - body_terms)
        in_body.update(body_terms)
    return frozenset(term for term, n in in_furniture.items() if n >= 2 and not in_body[term])


#: A count cut off its number: a measure word or magnitude and what is counted (个村, 万人, 余户).
_COUNT_PIECE = re.compile(r"[一二三四五六七八九十两几]?[个万亿千百余多][\u4e00-\u9fff]")


@pytest.mark.parametrize("path", GOLD, ids=_ids(GOLD))
def test_the_top_30_of_a_report_hold_no_furniture_word_and_no_fragment(path):
    gold, text = _report(path)
    top = [term for term, _ in keywords._content_counts(parse(text))[:30]]
    furniture = [term for term in top if term in _furniture_vocabulary()]
    qualifiers = set(PREFIX_QUALIFIERS) | set(SUFFIX_QUALIFIERS)
    vocabulary = set(tokens.policy_terms())
    fragments = [
        term
        for term in top
        if len(term) == 1
        or term in qualifiers
        or (term not in vocabulary and _COUNT_PIECE.fullmatch(term) and not places.lookup(term))
    ]
    assert not furniture, f"{gold['doc_id']}: furniture words in the top 30: {furniture}"
    assert not fragments, f"{gold['doc_id']}: fragments in the top 30: {fragments}"
