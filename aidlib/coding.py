"""Qualitative coding of reports with a codebook: coded paragraphs, coverage, comparison.

The codebook (``data/codebook.yaml``) lists the dimensions of an aid model; each
code has indicator words and regular expressions.  A body block (heading or
paragraph) carries a code when an indicator matches its text (``via="text"``), or
when a heading above it in its section does (``via="heading"``): a heading speaks
for the blocks under it, down to the next heading of the same or a higher level.
Users change the analysis by editing the codebook, not this module.
``code_corpus(corpus, codebook)`` codes every parsed report of a ``Corpus`` and builds
coverage, model cards and the comparison; ``compare_groups`` sets groups of reports apart.

>>> from aidlib.structure import parse
>>> book = load_codebook()
>>> doc = parse("标题\\n加强劳务协作\\n组织招聘会3场次。\\n天气很好。")
>>> coded = code_paragraphs(doc, book, doc_id="demo")
>>> coded[["block", "kind", "code", "via", "match"]].values.tolist()
[[1, 'heading', 'employment', 'text', '劳务协作'], [2, 'paragraph', 'employment', 'text', '招聘'], [3, 'paragraph', 'employment', 'heading', '劳务协作']]
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import yaml

from aidlib.chars import simplified, word_trie
from aidlib.corpus import Corpus, as_corpus, group_labels
from aidlib.display import MOST_REPORTS, largest_reports
from aidlib.model_cards import FACT_FIELDS, model_card, named_models
from aidlib.money import extract_money, tally
from aidlib.structure import Block, Document

if TYPE_CHECKING:  # matplotlib is imported by the one function that draws
    from matplotlib.figure import Figure

#: The codebook shipped with the project.
DEFAULT_CODEBOOK = Path(__file__).resolve().parent.parent / "data" / "codebook.yaml"

REQUIRED_FIELDS = ("id", "name_zh", "name_en", "definition", "include")
OPTIONAL_FIELDS = ("exclude", "words", "regexes", "card_fields")

BODY_COLUMNS = ["doc_id", "block", "kind", "section", "text", "start", "end", "chars"]
CODED_COLUMNS = [
    "doc_id",
    "block",
    "kind",
    "section",
    "code",
    "via",
    "indicator",
    "match",
    "start",
    "end",
    "sentence",
    "hits",
    "chars",
]
COVERAGE_COLUMNS = [
    "doc_id",
    "code",
    "name_zh",
    "name_en",
    "paragraphs",
    "headings",
    "chars",
    "body_paragraphs",
    "body_chars",
    "share",
    "hits",
    "quote",
    "quote_match",
    "money_low_yuan",
    "money_high_yuan",
    "money_items",
    "cumulative_low_yuan",
    "cumulative_high_yuan",
    "money_cumulative",
]

#: How card fields are named in the comparison table.
FIELD_LABELS = {
    "slogans": "slogans",
    "campaigns": "campaigns",
    "events": "events",
    "resident_cadres": "resident cadres",
    "cadres_in_all": "cadres sent in all",
    "professionals_sent": "professionals sent",
    "helper_groups": "helper groups",
    "pairing": "pairing",
    "meetings": "meetings",
    "agreements": "agreements",
    "documents": "documents",
    "outcomes": "outcome",
    "awards": "awards",
}
_QUOTE_CHARS = 90

#: A report has enough text for a coverage share with at least this many body paragraphs …
MIN_SHARE_PARAGRAPHS = 8
#: … and this many body characters.  With fewer, one paragraph moves a share by more than
#: 12 points and a short news item (3–5 paragraphs, as many real ones are) reads as 60–100 %
#: of every code it touches; such reports get counts (paragraphs, characters), no share.
MIN_SHARE_CHARS = 1500


class CodebookError(ValueError):
    """A codebook entry that cannot be used; the message names the file, line and code id."""


@dataclass(frozen=True)
class Indicator:
    """One indicator of a code: the pattern as written and its compiled form."""

    pattern: str
    regex: re.Pattern[str]
    is_regex: bool

    @cached_property
    def word(self) -> str | None:
        """The text every match is, when the indicator is a word without upper and lower
        case (``regex`` then ignores case for nothing); else None.

        >>> Indicator("招聘", re.compile("招聘", re.I), False).word
        '招聘'
        """
        plain = not self.is_regex and self.pattern.lower() == self.pattern.upper()
        return self.pattern if plain else None


#: An indicator match: start, end (offsets into the text searched), the indicator's pattern.
_Hit = tuple[int, int, str]
#: A coded block's evidence: indicator, matched text, start, end (in ``doc.text``), sentence.
_Evidence = tuple[str, str, int, int, str]


def _joined(indicators: Sequence[Indicator]) -> re.Pattern[str] | None:
    """One regex matching where any of ``indicators`` matches, to skip them all with one search.

    None when there is none, or an indicator has groups (joined, its back-references would
    shift) or cannot be joined (e.g. a global inline flag, allowed only at a pattern's start).
    """
    if not indicators or any(indicator.regex.groups for indicator in indicators):
        return None
    try:
        return re.compile(
            "|".join(f"(?:{indicator.regex.pattern})" for indicator in indicators), re.IGNORECASE
        )
    except re.error:
        return None


class _Matcher:
    """Every indicator match of some codes in a text, with one search for all their words
    and one that rules out all their other regexes, instead of one search per code.

    The word search finds the longest word at each offset; the shorter words that match
    there are the words it starts with. Matches of one word do not overlap, as ``finditer``'s.

    >>> book = load_codebook()
    >>> _Matcher([book["industry"], book["outcomes"]]).hits("建设产业园，全部脱贫")
    {0: [(2, 5, '产业园'), (2, 4, '产业')], 1: [(8, 10, '脱贫(?!攻坚|劳动力|人口|县|户)')]}
    """

    def __init__(self, codes: Sequence[Code]) -> None:
        #: a word → (code, indicator) of each word indicator it starts with (itself included)
        self.starting: dict[str, list[tuple[int, int, str]]] = {}
        #: (code, indicator, the indicator) of the other indicators: regexes, words with case
        self.regexes: list[tuple[int, int, Indicator]] = []
        words: dict[str, list[tuple[int, int, str]]] = {}
        for position, code in enumerate(codes):
            for order, indicator in enumerate(code.indicators):
                if indicator.word is None:
                    self.regexes.append((position, order, indicator))
                else:
                    words.setdefault(indicator.word, []).append((position, order, indicator.word))
        for word in words:
            self.starting[word] = [
                hit for head in words if word.startswith(head) for hit in words[head]
            ]
        self.words = re.compile(word_trie(words)) if words else None
        self.any_regex = _joined([indicator for _, _, indicator in self.regexes])

    def hits(self, text: str) -> dict[int, list[_Hit]]:
        """Per code (its position) with a match in ``text``: every match of its indicators,
        as (start, end, pattern), in text order (at one start, the longest first)."""
        found: dict[int, list[tuple[int, int, int, str]]] = {}
        ends: dict[tuple[int, int], int] = {}  # where each word indicator's last match ends
        at = 0
        while self.words is not None and (match := self.words.search(text, at)):
            at = match.start()
            for position, order, word in self.starting[match.group()]:
                if ends.get((position, order), 0) <= at:
                    ends[position, order] = at + len(word)
                    found.setdefault(position, []).append((at, -len(word), order, word))
            at += 1
        if self.regexes and (self.any_regex is None or self.any_regex.search(text)):
            for position, order, indicator in self.regexes:
                for match in indicator.regex.finditer(text):
                    start, end = match.span()
                    hit = (start, start - end, order, indicator.pattern)
                    found.setdefault(position, []).append(hit)
        return {
            position: [(start, start - minus, pattern) for start, minus, _, pattern in sorted(hits)]
            for position, hits in sorted(found.items())
        }


@dataclass(frozen=True)
class Code:
    """One code of the codebook (fields as in ``data/codebook.yaml``); ``line`` is its line there."""

    id: str
    name_zh: str
    name_en: str
    definition: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    card_fields: tuple[str, ...]
    line: int

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, indicator) of every indicator match in ``text``, in text order.

        >>> load_codebook()["outcomes"].find("脱贫攻坚，全部脱贫")
        [(7, 9, '脱贫(?!攻坚|劳动力|人口|县|户)')]
        """
        return self._matcher.hits(text).get(0, [])

    @cached_property
    def _matcher(self) -> _Matcher:
        return _Matcher([self])


@dataclass(frozen=True)
class Codebook:
    """The codes of a codebook file, in file order."""

    path: str
    codes: tuple[Code, ...]

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, code_id: str) -> Code:
        for code in self.codes:
            if code.id == code_id:
                return code
        raise KeyError(f"{self.path}: no code {code_id!r}")

    @property
    def ids(self) -> list[str]:
        return [code.id for code in self.codes]

    def _hits(self, text: str) -> dict[int, list[_Hit]]:
        """Per code (its position) with a match in ``text``: its matches (``Code.find``)."""
        return self._matcher.hits(text)

    @cached_property
    def _matcher(self) -> _Matcher:
        return _Matcher(self.codes)

    def frame(self) -> pd.DataFrame:
        """The codebook as a table: id, name_zh, name_en, definition, include, indicators, card_fields.

        >>> load_codebook().frame().loc[0, ["id", "name_en"]].tolist()
        ['leadership', 'Leadership and coordination']
        """
        return pd.DataFrame(
            [
                {
                    "id": code.id,
                    "name_zh": code.name_zh,
                    "name_en": code.name_en,
                    "definition": code.definition,
                    "include": " / ".join(code.include),
                    "indicators": "、".join(i.pattern for i in code.indicators),
                    "card_fields": ", ".join(code.card_fields),
                }
                for code in self.codes
            ]
        )


def load_codebook(path: Path | str = DEFAULT_CODEBOOK) -> Codebook:
    """Read and check a YAML codebook (format in ``data/codebook.yaml``'s header).

    The file holds a mapping with a ``codes`` list (or the list itself).  Raises
    ``CodebookError`` naming the file, the line and the code id for: invalid YAML, an
    entry that is not a mapping, a missing or unknown field, a duplicate id, a code
    with no indicator, an empty pattern, a bad regular expression or one that matches
    the empty string, an unknown card field.

    >>> len(load_codebook()) >= 12
    True
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise CodebookError(
            f"{where}: not valid YAML: {getattr(error, 'problem', error)}"
        ) from None
    entries, node = data, root
    if isinstance(data, dict):
        entries, node = data.get("codes"), _child(root, "codes")
    if not isinstance(entries, list) or not entries:
        raise CodebookError(f"{path}: expected a non-empty list of codes under 'codes'")
    codes: list[Code] = []
    seen: dict[str, int] = {}
    for number, (entry, entry_node) in enumerate(zip(entries, node.value, strict=True), 1):
        code = _read_code(entry, entry_node, path, number)
        if code.id in seen:
            raise CodebookError(
                f"{path}:{code.line}: code {code.id!r}: duplicate id (first defined on line "
                f"{seen[code.id]})"
            )
        seen[code.id] = code.line
        codes.append(code)
    return Codebook(path=str(path), codes=tuple(codes))


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node
    return None


def _read_code(entry: object, node: yaml.Node, path: Path, number: int) -> Code:
    where = f"{path}:{node.start_mark.line + 1}"
    if not isinstance(entry, dict):
        raise CodebookError(f"{where}: code #{number}: expected a mapping of fields")
    code_id = entry.get("id")
    if not isinstance(code_id, str) or not code_id.strip():
        raise CodebookError(f"{where}: code #{number}: missing id")
    where = f"{where}: code {code_id!r}"
    at_line = f"{path}:{{}}: code {code_id!r}"
    unknown = sorted(set(entry) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise CodebookError(
            f"{where}: unknown field(s) {unknown}; fields are {[*REQUIRED_FIELDS, *OPTIONAL_FIELDS]}"
        )
    for field in REQUIRED_FIELDS[1:4]:
        if not isinstance(entry.get(field), str) or not entry[field].strip():
            raise CodebookError(f"{where}: missing {field}")
    include = _strings(entry, "include", where)
    if not include:
        raise CodebookError(f"{where}: give at least one inclusion example under 'include'")
    indicators = [
        _indicator(pattern, field == "regexes", at_line.format(_line(node, field, i)))
        for field in ("words", "regexes")
        for i, pattern in _items(entry, field)
    ]
    if not indicators:
        raise CodebookError(f"{where}: no indicator; give 'words' or 'regexes'")
    card_fields = _strings(entry, "card_fields", where)
    unknown_fields = [field for field in card_fields if field not in FACT_FIELDS]
    if unknown_fields:
        raise CodebookError(
            f"{where}: unknown card field(s) {unknown_fields}; known: {list(FACT_FIELDS)}"
        )
    return Code(
        id=code_id.strip(),
        name_zh=entry["name_zh"].strip(),
        name_en=entry["name_en"].strip(),
        definition=entry["definition"].strip(),
        include=include,
        exclude=_strings(entry, "exclude", where),
        indicators=tuple(indicators),
        card_fields=card_fields,
        line=node.start_mark.line + 1,
    )


def _items(entry: dict, field: str) -> list[tuple[int, object]]:
    value = entry.get(field) or []
    return list(enumerate(value if isinstance(value, list) else [value]))


def _strings(entry: dict, field: str, where: str) -> tuple[str, ...]:
    items = [item for _, item in _items(entry, field)]
    if not all(isinstance(item, str) for item in items):
        raise CodebookError(f"{where}: '{field}' must be a list of strings")
    return tuple(item.strip() for item in items)


def _line(node: yaml.Node, field: str, index: int) -> int:
    child = _child(node, field)
    if isinstance(child, yaml.SequenceNode) and index < len(child.value):
        return child.value[index].start_mark.line + 1
    return node.start_mark.line + 1


def _indicator(pattern: object, is_regex: bool, where: str) -> Indicator:
    kind = "regex" if is_regex else "word"
    if not isinstance(pattern, str | int | float) or not str(pattern).strip():
        raise CodebookError(f"{where}: empty {kind} pattern")
    pattern = str(pattern).strip()
    try:
        regex = re.compile(pattern if is_regex else re.escape(pattern), re.IGNORECASE)
    except re.error as error:
        raise CodebookError(f"{where}: bad regex {pattern!r}: {error}") from None
    if regex.fullmatch(""):
        raise CodebookError(f"{where}: regex {pattern!r} matches the empty string")
    return Indicator(pattern=pattern, regex=regex, is_regex=is_regex)


def body_blocks(doc: Document, doc_id: str | None = None) -> pd.DataFrame:
    """The body blocks (headings and paragraphs) of ``doc``, the unit of coding.

    Columns: doc_id, block (index in ``doc.blocks``), kind, section, text, start, end, chars.
    """
    rows = [
        {
            "doc_id": doc_id,
            "block": block.index,
            "kind": block.kind,
            "section": block.section,
            "text": block.text,
            "start": block.start,
            "end": block.end,
            "chars": len(block.text),
        }
        for block in doc.body
    ]
    return pd.DataFrame(rows, columns=BODY_COLUMNS)


def code_paragraphs(doc: Document, codebook: Codebook, doc_id: str | None = None) -> pd.DataFrame:
    """One row per (body block, code) the block carries; blocks without codes give no row.

    Columns: doc_id, block, kind (heading/paragraph), section, code, via (``text``: an
    indicator matches the block; ``heading``: only a heading above it matches), indicator
    (the codebook pattern), match (the text matched; a report in traditional characters is
    matched in its simplified spelling, and ``match`` is the text as written), start, end (offsets into
    ``doc.text`` of the evidence: the block's first match, or the nearest coded heading's),
    sentence (the sentence holding the evidence), hits (matches in the block's own text,
    overlapping matches counted once), chars (the block's length).
    """
    return pd.DataFrame(_code_rows(doc, codebook, doc_id), columns=CODED_COLUMNS)


def _code_rows(
    doc: Document, codebook: Codebook, doc_id: str | None = None
) -> list[dict[str, object]]:
    """The rows of ``code_paragraphs`` as plain dicts (keys: ``CODED_COLUMNS``, in order):
    ``aidlib.pipeline``'s row version, which skips building a DataFrame per report.

    >>> from aidlib.structure import parse
    >>> row = _code_rows(parse("标题\\n组织招聘会3场次。"), load_codebook(), "demo")[0]
    >>> list(row) == CODED_COLUMNS, row["code"], row["match"], row["sentence"]
    (True, 'employment', '招聘', '组织招聘会3场次。')
    """
    rows: list[dict[str, object]] = []
    sentence_starts = [sentence.start for sentence in doc.sentences]
    open_headings: list[tuple[Block, dict[int, _Evidence]]] = []
    carried: dict[int, _Evidence] = {}  # code position -> evidence of the nearest open heading
    for block in doc.body:
        text, is_heading = block.text, block.kind == "heading"
        if is_heading:
            open_headings = [entry for entry in open_headings if entry[0].level < block.level]
            carried = {code: found for _, own in open_headings for code, found in own.items()}
        own: dict[int, _Evidence] = {}
        found = codebook._hits(simplified(text))  # one character for one: offsets hold
        listed = _only_listed(text, found) if len(found) > 1 else set()
        for position in sorted(found.keys() | carried.keys()):
            hits = found.get(position)
            if hits:
                start, end, indicator = hits[0]
                evidence = (
                    indicator,
                    text[start:end],
                    block.start + start,
                    block.start + end,
                    _sentence_at(doc, sentence_starts, block, start),
                )
                if position in listed:
                    via, count = "list", _merged_count(hits)
                else:
                    own[position] = evidence
                    via, count = "text", _merged_count(hits)
            else:
                evidence, via, count = carried[position], "heading", 0
            indicator, match, start, end, sentence = evidence
            rows.append(
                {
                    "doc_id": doc_id,
                    "block": block.index,
                    "kind": block.kind,
                    "section": block.section,
                    "code": codebook.codes[position].id,
                    "via": via,
                    "indicator": indicator,
                    "match": match,
                    "start": start,
                    "end": end,
                    "sentence": sentence,
                    "hits": count,
                    "chars": len(text),
                }
            )
        if is_heading:
            open_headings.append((block, own))
            carried = {**carried, **own}
    return rows


#: What joins the area words of one phrase (教育、医疗; 文教卫生 has nothing between).
_LIST_JOINS = frozenset("、和及与")
#: Three or more short phrases joined by 、 (the last may follow 和/及/与): an enumeration.
_ENUMERATION = re.compile(
    "(?:[\u4e00-\u9fff]{2,6}、){2,}[\u4e00-\u9fff]{2,6}(?:(?:和|及|与)[\u4e00-\u9fff]{2,6})?"
)
#: What may follow a phrase of area words written together (文教卫生等领域, 教育医疗事业).
_AFTER_AREAS = re.compile("等|领域|方面|事业|行业|部门|系统|工作|[、，。；）]|$")


def _only_listed(text: str, found: dict[int, list[_Hit]]) -> set[int]:
    """The codes (positions) whose every match in ``text`` is one of several areas named in
    one phrase: area words of different codes joined by 、/和/及/与, or written together
    (``文教卫生``) and followed by 等/领域/方面…, or items of an enumeration of three or
    more short phrases (``农业、工业、教育、医疗、科技、就业等``, ``产业协作、数字化转型、
    消费帮扶、文化交流和援派铁军``) among which two codes match.  Such a phrase lists
    areas; it is not a paragraph about each of them.

    >>> book = load_codebook()
    >>> sorted(book.codes[p].id for p in _only_listed("支持文教卫生等事业", book._hits("支持文教卫生等事业")))
    ['education', 'health']
    >>> text = "翻开农业、工业、教育、医疗、科技、就业等篇章。"
    >>> sorted(book.codes[p].id for p in _only_listed(text, book._hits(text)))
    ['education', 'employment', 'health']
    """
    hits = sorted(
        (start, end, code) for code, of_code in found.items() for start, end, _ in of_code
    )
    in_list: set[tuple[int, int, int]] = set()
    for enumeration in _ENUMERATION.finditer(text):
        inside = [hit for hit in hits if enumeration.start() <= hit[0] < enumeration.end()]
        if len({code for _, _, code in inside}) > 1:
            in_list.update(inside)
    run = [hits[0]]
    for hit in hits[1:]:
        (_, previous_end, previous_code), start = run[-1], hit[0]
        if hit[2] != previous_code and (  # next to it, or one of 、和及与 between
            start <= previous_end
            or (start == previous_end + 1 and text[previous_end] in _LIST_JOINS)
        ):
            run.append(hit)
            continue
        if len(run) > 1:  # a match alone lists nothing
            in_list |= _listed_run(text, run)
        run = [hit]
    if len(run) > 1:
        in_list |= _listed_run(text, run)
    if not in_list:
        return set()
    return {
        code
        for code, of_code in found.items()
        if all((start, end, code) in in_list for start, end, _ in of_code)
    }


def _listed_run(text: str, run: list[tuple[int, int, int]]) -> set[tuple[int, int, int]]:
    if len({code for _, _, code in run}) < 2:
        return set()
    joined = any(text[a[1] : b[0]] in _LIST_JOINS for a, b in zip(run, run[1:], strict=False))
    if not joined and not _AFTER_AREAS.match(text, run[-1][1]):
        return set()
    return set(run)


def _sentence_at(doc: Document, sentence_starts: list[int], block: Block, offset: int) -> str:
    """The sentence holding ``block``'s ``offset`` (``sentence_starts``: each sentence's start)."""
    absolute = block.start + offset
    index = bisect.bisect_right(sentence_starts, absolute) - 1
    if index >= 0 and absolute < doc.sentences[index].end:
        return doc.sentences[index].text
    return block.text


def _merged_count(hits: list[tuple[int, int, str]]) -> int:
    count, reach = 0, -1
    for start, end, _ in hits:
        if start >= reach:
            count += 1
        reach = max(reach, end)
    return count


INDICATOR_COLUMNS = ["code", "indicator", "corpus", "reports", "blocks", "hits", "example"]


def indicator_hits(codebook: Codebook, corpora: dict[str, Sequence[Document]]) -> pd.DataFrame:
    """How often each indicator matches in each corpus: the table for reviewing a codebook.

    ``corpora`` maps a corpus name (e.g. ``seeds``, ``dev``) to its parsed reports.  One row
    per code × indicator × corpus: reports and blocks (headings and paragraphs) with a
    match, hits (matches), example (the first match with up to 12 characters either side).

    >>> from aidlib.structure import parse
    >>> table = indicator_hits(load_codebook(), {"demo": [parse("标题\\n组织招聘会，招聘500人。")]})
    >>> table.query("indicator == '招聘'")[["code", "reports", "blocks", "hits"]].values.tolist()
    [['employment', 1, 1, 2]]
    """
    rows = []
    for name, docs in corpora.items():
        counts: dict[tuple[str, str], list] = {}
        for number, doc in enumerate(docs):
            for block in doc.body:
                for code in codebook:
                    for start, end, pattern in code.find(simplified(block.text)):
                        entry = counts.setdefault((code.id, pattern), [set(), set(), 0, ""])
                        entry[0].add(number)
                        entry[1].add((number, block.index))
                        entry[2] += 1
                        if not entry[3]:
                            entry[3] = block.text[max(0, start - 12) : end + 12]
        for code in codebook:
            for indicator in code.indicators:
                docs_hit, blocks_hit, hits, example = counts.get(
                    (code.id, indicator.pattern), [set(), set(), 0, ""]
                )
                rows.append(
                    {
                        "code": code.id,
                        "indicator": indicator.pattern,
                        "corpus": name,
                        "reports": len(docs_hit),
                        "blocks": len(blocks_hit),
                        "hits": hits,
                        "example": example,
                    }
                )
    return pd.DataFrame(rows, columns=INDICATOR_COLUMNS)


def uncoded(coded: pd.DataFrame, body: pd.DataFrame) -> pd.DataFrame:
    """The body blocks that carry no code (columns of ``body_blocks``).

    >>> from aidlib.structure import parse
    >>> doc = parse("标题\\n组织招聘会3场次。\\n天气很好。")
    >>> uncoded(code_paragraphs(doc, load_codebook()), body_blocks(doc))["text"].tolist()
    ['天气很好。']
    """
    keys = pd.MultiIndex.from_frame(body[["doc_id", "block"]].astype(object))
    coded_keys = pd.MultiIndex.from_frame(coded[["doc_id", "block"]].astype(object))
    return body[~keys.isin(coded_keys)].reset_index(drop=True)


def coverage(
    coded: pd.DataFrame,
    body: pd.DataFrame,
    codebook: Codebook,
    mentions: pd.DataFrame | None = None,
    via: Sequence[str] = ("text", "heading"),
) -> pd.DataFrame:
    """How much of each report each code covers: one row per report × code (codebook order).

    ``coded`` and ``body`` hold one or more reports (``code_paragraphs`` and ``body_blocks``
    rows); ``via`` picks which codings count.  Columns: doc_id, code, name_zh, name_en,
    paragraphs and headings (blocks coded), chars (their characters), share (chars over
    the report's body characters), hits, quote and quote_match (the evidence sentence and
    matched text of the block with the most hits; ties: the first), and money from ``mentions`` (``aidlib.money.extract_money`` rows with
    the same doc_ids) that fall in the coded blocks, summed with ``aidlib.money.tally``:
    money_low_yuan, money_high_yuan (``inf`` when an item has no upper bound),
    money_items; rates per post, mu or month are excluded, and running totals (累计,
    截至 …) are never added to the items but kept beside them: cumulative_low_yuan,
    cumulative_high_yuan (the largest, as ``tally`` gives it), money_cumulative.  A block with several codes counts its money
    under each of them.  Without ``mentions`` the money columns are NaN (counts ``<NA>``).
    """
    coded = coded[coded["via"].isin(list(via))]
    money = _money_by_code(coded, body, mentions)
    rows = []
    for doc_id, blocks in body.groupby("doc_id", sort=False, dropna=False):
        total = int(blocks["chars"].sum())
        n_paragraphs = int((blocks["kind"] == "paragraph").sum())
        enough = n_paragraphs >= MIN_SHARE_PARAGRAPHS and total >= MIN_SHARE_CHARS
        of_doc = coded[_same(coded["doc_id"], doc_id)]
        for code in codebook:
            rows_of_code = of_doc[of_doc["code"] == code.id]
            own = rows_of_code[rows_of_code["via"] == "text"]
            best = own.loc[own["hits"].idxmax()] if len(own) else None
            rows.append(
                {
                    "doc_id": doc_id,
                    "code": code.id,
                    "name_zh": code.name_zh,
                    "name_en": code.name_en,
                    "paragraphs": int((rows_of_code["kind"] == "paragraph").sum()),
                    "headings": int((rows_of_code["kind"] == "heading").sum()),
                    "chars": int(rows_of_code["chars"].sum()),
                    "body_paragraphs": n_paragraphs,
                    "body_chars": total,
                    "share": float(rows_of_code["chars"].sum() / total) if enough else math.nan,
                    "hits": int(rows_of_code["hits"].sum()),
                    "quote": "" if best is None else best["sentence"],
                    "quote_match": "" if best is None else best["match"],
                    **money.get((doc_id, code.id), _no_money(mentions)),
                }
            )
    counts = {"money_items": "Int64", "money_cumulative": "Int64"}
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS).astype(counts)


@dataclass(frozen=True)
class CorpusCoding:
    """Every table of the comparison for a corpus, as ``code_corpus`` builds them."""

    coded: pd.DataFrame
    body: pd.DataFrame
    mentions: pd.DataFrame
    coverage: pd.DataFrame
    cards: list[pd.Series]
    comparison: pd.DataFrame
    names: pd.DataFrame


def code_corpus(corpus: Corpus | pd.DataFrame, codebook: Codebook) -> CorpusCoding:
    """Code each report of a ``Corpus`` and build coverage, model cards and comparison.

    The per-report steps are the public functions of this module and ``aidlib.money``;
    this only runs them on every parsed report and joins the results.
    """
    corpus = as_corpus(corpus)
    coded, body, mentions, cards, names = [], [], [], [], []
    for row in corpus.metadata.to_dict("records"):
        doc_id = row["doc_id"]
        doc = corpus[doc_id]
        coded.append(code_paragraphs(doc, codebook, doc_id))
        body.append(body_blocks(doc, doc_id))
        mentions.append(extract_money(doc, doc_id))
        cards.append(model_card(doc, row))
        names.append(named_models(doc).assign(doc_id=doc_id))
    coded_all = pd.concat(coded, ignore_index=True)
    body_all = pd.concat(body, ignore_index=True)
    mentions_all = pd.concat(mentions, ignore_index=True)
    table = coverage(coded_all, body_all, codebook, mentions_all)
    return CorpusCoding(
        coded=coded_all,
        body=body_all,
        mentions=mentions_all,
        coverage=table,
        cards=cards,
        comparison=compare(cards, table, codebook),
        names=pd.concat(names, ignore_index=True),
    )


GROUP_COLUMNS = [
    "group",
    "n_reports",
    "kind",
    "feature",
    "label",
    "in_group",
    "elsewhere",
    "difference",
    "mean_share",
    "quote",
    "doc_id",
]
#: Name kinds compared between groups (events and documents are not what sets a model apart).
GROUP_NAME_KINDS = ("model", "mechanism", "campaign")


#: The share of a group's reports a feature must pass to be what the group shares.
_SHARED = 0.5


def compare_groups(
    result: CorpusCoding, corpus: Corpus | pd.DataFrame, by: str, top: int = 5
) -> pd.DataFrame:
    """What sets each group of reports apart: codes and named models, with a quote each.

    Reports are grouped by ``group_labels(corpus, by)``.  A report *has* a code when a
    paragraph or heading carries it (``result.coverage``), and a named model when the text
    names it (kinds ``GROUP_NAME_KINDS``).  For each group and feature: in_group and
    elsewhere (share of the group's reports, and of the other reports, that have it; a
    feature sets a group apart when more than half of its reports have it, and more than
    elsewhere: one of two reports naming it is what that report says, not the group),
    difference (in_group − elsewhere), mean_share (mean coverage share over the group's
    reports that have one, codes only), quote (a sentence of a group report: the coverage
    quote of the report with most hits, or the name's sentence) and its doc_id.  Each
    group keeps its ``top`` codes and ``top`` names with a positive difference, largest first.
    Fewer than two groups give an empty table (there is nothing to set apart). A group of
    one report is left out when some group has more (its reports still count elsewhere):
    one report against all the others says what that report names, not what a group
    shares; with only such groups (two reports, or one report per pairing) each is kept.
    """
    labels = group_labels(corpus, by)
    if labels.nunique() < 2:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    sizes = labels.value_counts()
    compared = sizes[sizes >= 2].index if (sizes >= 2).any() else sizes.index
    features = _report_features(result)
    rows = []
    kept = labels[labels.isin(compared)]
    for group, members in kept.groupby(kept, sort=True):
        inside = set(members.index)
        outside = set(labels.index) - inside
        for kind, table in features.items():
            found = []
            for feature, of_feature in table.groupby("feature", sort=False):
                having = set(of_feature["doc_id"])
                in_group = len(having & inside) / len(inside)
                elsewhere = len(having & outside) / len(outside)
                if in_group <= max(elsewhere, _SHARED):
                    continue  # not what most of the group's reports have
                best = of_feature[of_feature["doc_id"].isin(inside)].sort_values(
                    "weight", ascending=False, kind="stable"
                )
                first = best.iloc[0]
                found.append(
                    {
                        "group": group,
                        "n_reports": len(inside),
                        "kind": kind,
                        "feature": feature,
                        "label": first["label"],
                        "in_group": in_group,
                        "elsewhere": elsewhere,
                        "difference": in_group - elsewhere,
                        "mean_share": best["share"].mean() if kind == "code" else math.nan,
                        "quote": excerpt(first["quote"], first["match"]),
                        "doc_id": first["doc_id"],
                    }
                )
            found.sort(key=lambda row: (-row["difference"], -row["in_group"]))
            rows += found[:top]
    return pd.DataFrame(rows, columns=GROUP_COLUMNS)


def _report_features(result: CorpusCoding) -> dict[str, pd.DataFrame]:
    """Per feature kind, one row per (report, feature): doc_id, feature, label, weight, share, quote, match."""
    table = result.coverage
    table = table[(table["paragraphs"] + table["headings"]) > 0]
    codes = pd.DataFrame(
        {
            "doc_id": table["doc_id"],
            "feature": table["code"],
            "label": table["name_zh"],
            "weight": table["hits"],
            "share": table["share"],
            "quote": table["quote"],
            "match": table["quote_match"],
        }
    )
    names = result.names[result.names["kind"].isin(GROUP_NAME_KINDS)]
    names = names.drop_duplicates(["doc_id", "name"])
    named = pd.DataFrame(
        {
            "doc_id": names["doc_id"],
            "feature": names["name"],
            "label": names["kind"],
            "weight": 1,
            "share": math.nan,
            "quote": names["sentence"],
            "match": names["match"],
        }
    )
    return {"code": codes.reset_index(drop=True), "name": named.reset_index(drop=True)}


def _same(column: pd.Series, value: object) -> pd.Series:
    return column.isna() if value is None or value != value else column == value


def _no_money(mentions: pd.DataFrame | None) -> dict[str, float]:
    zero = math.nan if mentions is None else 0.0
    return {column: zero for column in COVERAGE_COLUMNS[COVERAGE_COLUMNS.index("money_low_yuan") :]}


def _money_by_code(
    coded: pd.DataFrame, body: pd.DataFrame, mentions: pd.DataFrame | None
) -> dict[tuple[object, str], dict[str, float]]:
    """Per (doc_id, code): the ``tally`` of the money mentions inside the coded blocks."""
    if mentions is None or mentions.empty or coded.empty:
        return {}
    spans = body[["doc_id", "block", "start", "end"]].rename(
        columns={"start": "block_start", "end": "block_end"}
    )
    placed = mentions.merge(spans, on="doc_id")
    placed = placed[
        (placed["start"] >= placed["block_start"]) & (placed["start"] < placed["block_end"])
    ]
    per_code = placed.drop(columns=["block_start", "block_end"]).merge(
        coded[["doc_id", "block", "code"]], on=["doc_id", "block"]
    )
    if per_code.empty:
        return {}
    table = tally(per_code, by=("doc_id", "code"))
    return {
        (row.doc_id, row.code): {
            "money_low_yuan": row.low_yuan,
            "money_high_yuan": row.high_yuan,
            "money_items": row.n_items,
            "cumulative_low_yuan": row.cumulative_low_yuan,
            "cumulative_high_yuan": row.cumulative_high_yuan,
            "money_cumulative": row.n_cumulative,
        }
        for row in table.itertuples()
    }


#: What ``plot_coverage`` says each value measures (the colour bar's label).
_COVERAGE_UNITS = {
    "share": "share of the report's body characters in blocks with the code",
    "paragraphs": "paragraphs coded",
    "headings": "headings coded",
    "chars": "characters in coded blocks",
    "hits": "indicator matches",
}


def plot_coverage(
    table: pd.DataFrame, value: str = "share", label: str = "name_zh", most: int = MOST_REPORTS
) -> Figure:
    """Heatmap of a ``coverage`` table: a row per report, a column per code, cells annotated.

    ``value`` is a numeric coverage column (``share`` is drawn as a percentage);
    ``label`` the column that names the codes. The figure grows a row per report, for the
    ``most`` reports with the most coded paragraphs when there are more (the title says
    so); the colour bar says what ``value`` measures (no bar when no cell has a value),
    and a note under the grid what "–" means (a report too short for a share).

    >>> from aidlib.structure import parse
    >>> doc = parse("标题\\n" + "组织招聘会，促进就业。" * 3)
    >>> book = load_codebook()
    >>> table = coverage(code_paragraphs(doc, book, "d"), body_blocks(doc, "d"), book)
    >>> figure = plot_coverage(table, value="paragraphs")
    >>> figure.axes[1].get_ylabel()
    'paragraphs coded'
    >>> import matplotlib.pyplot as plt
    >>> plt.close(figure)
    """
    import matplotlib.pyplot as plt

    from aidlib.plotstyle import lay_out, use_cjk_font

    use_cjk_font()
    coded = table.groupby("doc_id", sort=False)["paragraphs"].sum()
    kept, shown = largest_reports(coded, "with the most coded paragraphs", most)
    table = table[table["doc_id"].isin(kept)]
    grid = table.pivot_table(
        index="doc_id", columns="code", values=value, sort=False, dropna=False
    ).reindex(index=kept, columns=list(dict.fromkeys(table["code"])))
    names = table.drop_duplicates("code").set_index("code")[label]
    figure, ax = plt.subplots(figsize=(1.5 + 0.75 * grid.shape[1], 2.2 + 0.45 * grid.shape[0]))
    peak = float(pd.Series(grid.to_numpy().ravel()).max(skipna=True)) or 1.0
    blank = math.isnan(peak)  # no report long enough for a share: no colours to key
    peak = 1.0 if blank else peak
    image = ax.imshow(grid.to_numpy(dtype=float), cmap="Blues", aspect="auto", vmin=0, vmax=peak)
    for (i, j), cell in np.ndenumerate(grid.to_numpy(dtype=float)):
        if pd.isna(cell):
            ax.text(j, i, "–", ha="center", va="center", color="grey")
            continue
        text = f"{cell:.0%}" if value == "share" else f"{cell:g}"
        ax.text(j, i, text, ha="center", va="center", color="white" if cell > peak / 2 else "black")
    ax.set_xticks(
        range(grid.shape[1]), [names[code] for code in grid.columns], rotation=45, ha="right"
    )
    ax.set_yticks(range(grid.shape[0]), list(grid.index))
    ax.set_title(f"Coverage by code ({value})" + (f": {shown}" if shown else ""))
    if not blank:
        figure.colorbar(
            image,
            ax=ax,
            label=_COVERAGE_UNITS.get(value, value),
            format="{x:.0%}" if value == "share" else None,
        )
    if grid.isna().to_numpy().any():
        figure.text(
            0.01,
            0.01,
            f"–: no share, the report has under {MIN_SHARE_PARAGRAPHS} paragraphs "
            f"or {MIN_SHARE_CHARS:,} body characters",
            fontsize="small",
            color="0.3",
        )
    lay_out(figure, bottom=0.3)
    return figure


def compare(
    cards: Sequence[pd.Series], table: pd.DataFrame, codebook: Codebook | None = None
) -> pd.DataFrame:
    """The side-by-side comparison: one row per dimension, two cells per report.

    ``table`` is a ``coverage`` table made with ``codebook`` (the project's
    ``data/codebook.yaml`` when not given).  The first row (code ``model``) gives
    donors → recipient, start and slogans; then one row per code of ``codebook``.  Columns: code, name_zh, name_en, and for each card's
    doc_id ``<doc_id> finding`` (paragraphs coded, share of body text, money interval,
    running totals, and the card fields the code lists under ``card_fields``) and
    ``<doc_id> evidence`` (one or two quoted sentences: the coverage quote, then the
    first card fact's sentence; a longer sentence is cut to 90 characters around the
    matched text, with ``…`` where it was cut).
    """
    codebook = codebook or load_codebook()
    rows = [{"code": "model", "name_zh": "模式与口号", "name_en": "Model and slogans"}]
    for code in codebook:
        rows.append({"code": code.id, "name_zh": code.name_zh, "name_en": code.name_en})
    for card in cards:
        doc_id = card["doc_id"]
        of_doc = table[_same(table["doc_id"], doc_id)].set_index("code")
        in_text = "、".join(card.get("pairing_text") or []) or "none found"
        warning = f" WARNING: {card['pairing_warning']}" if card.get("pairing_warning") else ""
        donors = "、".join(card["donors"] or []) or "(none)"
        start, recipient = (
            "" if value is None or pd.isna(value) else str(value)
            for value in (card["start"], card["recipient"])
        )
        rows[0][f"{doc_id} finding"] = (
            f"{donors} → {recipient or '(none)'}{f' (from {start})' if start else ''}; "
            f"in the text: {in_text};{warning} "
            f"slogans: {'、'.join(card['slogans']) or 'none'}"
        )
        rows[0][f"{doc_id} evidence"] = _quotes(
            [card["evidence"].get(field, ("", "")) for field in ("slogans", "pairing_text")]
        )
        for row, code in zip(rows[1:], codebook, strict=True):
            found = of_doc.loc[code.id] if code.id in of_doc.index else _empty_coverage(code)
            facts = [
                f"{FIELD_LABELS[field]}: {_card_value(card[field])}"
                for field in code.card_fields
                if _card_value(card[field])
            ]
            row[f"{doc_id} finding"] = "; ".join([_coverage_finding(found), *facts])
            evidence = [card["evidence"].get(field, ("", "")) for field in code.card_fields]
            row[f"{doc_id} evidence"] = _quotes([(found["quote"], found["quote_match"]), *evidence])
    return pd.DataFrame(rows)


def _empty_coverage(code: Code) -> pd.Series:
    """The coverage row of a code in a report with no body text."""
    row = dict.fromkeys(COVERAGE_COLUMNS, 0)
    row.update(code=code.id, share=math.nan, quote="", quote_match="", money_items=pd.NA)
    row.update(money_cumulative=pd.NA)
    return pd.Series(row)


def _card_value(value: object) -> str:
    if isinstance(value, list):
        return "、".join(map(str, value))
    return "" if value is None else str(value)


def _coverage_finding(row: pd.Series) -> str:
    plural = "" if row["paragraphs"] == 1 else "s"
    share = (
        f"{row['share']:.0%} of body text"
        if pd.notna(row["share"])
        else f"of {row['body_paragraphs']}, {row['chars']} of {row['body_chars']} characters"
    )
    from aidlib.display import yuan_range  # its table style imports jinja2; workers need neither

    parts = [f"{row['paragraphs']} paragraph{plural}, {share}"]
    if pd.notna(row["money_items"]) and row["money_items"] > 0:
        parts.append(f"money {yuan_range(row['money_low_yuan'], row['money_high_yuan'])}")
    if pd.notna(row["money_cumulative"]) and row["money_cumulative"] > 0:
        parts.append(
            "running totals " + yuan_range(row["cumulative_low_yuan"], row["cumulative_high_yuan"])
        )
    return "; ".join(parts)


def _quotes(evidence: Sequence[tuple[str, str]]) -> str:
    """``「…」``-quoted excerpts of the first two distinct sentences, each cut around its match."""
    chosen: dict[str, str] = {}
    for sentence, match in evidence:
        if sentence and sentence not in chosen:
            chosen[sentence] = match
    return " ".join(f"「{excerpt(s, m)}」" for s, m in list(chosen.items())[:2])


def excerpt(sentence: str, focus: str = "", width: int = _QUOTE_CHARS) -> str:
    """``sentence``, or ``width`` characters of it around ``focus`` with ``…`` at each cut.

    >>> excerpt("一二三四五六七八九十", "七", width=4)
    '…六七八九…'
    """
    if len(sentence) <= width:
        return sentence
    start = max(0, min(sentence.find(focus) - width // 3, len(sentence) - width))
    end = start + width
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")
