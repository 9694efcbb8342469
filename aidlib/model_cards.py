"""Model cards: what a report says its aid model is, read from the text with general rules.

A *fact* is one statement of the model found by a rule (nothing is keyed to a
particular report); a *model card* sums a report's facts up beside its metadata.
Rules (numbers may be Arabic or Chinese numerals):

- ``slogans``: a quoted ``“…”``/``「…」`` string that looks like a model name:
  ``3+2`` style (numbers joined by ``+``); a numeric idiom of two numeral-led parts
  (``一体两翼``, ``三区两地``, ``两不愁三保障``); or a numeral with a measure word
  from ``SLOGAN_MEASURES`` and up to four more characters (``三项机制``,
  ``三驾马车``, ``三专``, ``八大产业``, ``四个一批``).  Spellings are merged with
  ``aidlib.tokens.canonical`` (``三架马车`` → ``三驾马车``).
- ``resident_cadres``: 选派/派驻/下派… N 名 …干部.
- ``helper_groups``: N 个 …帮扶团 (or 帮扶组/帮扶小组).
- ``pairing``: a clause with N 个/所/家 unit … N 个/所/家 unit and a pairing word
  (结对, 参扶, 帮扶协议, 帮扶关系 …): ``8个街道 ↔ 12个镇街``.
- ``meetings``: 召开/举行/举办 N 次 …会 (``9次联席会议``; other kinds read ``会议``).
- ``agreements``: N 个/项/份 (方面) …协议, and N 项 …事项 or …事项 N 项.
- ``documents``: titles in 《…》.
- ``outcomes``: place (于) date 退出贫困县序列/脱贫摘帽/摘帽.
- ``awards``: a quoted name after 获评/荣获/被评为…, a name ending in 奖 after
  成为/获得/荣获, or what stands between 受到 and 表彰.

Only the title, subtitle, headings and paragraphs are read (not captions or byline).

>>> from aidlib.structure import parse
>>> doc = parse("标题\\n——副题\\n区里选派三名干部驻村，推行“四个一批”，召开5次联席会议。")
>>> facts(doc)[["field", "value"]].values.tolist()
[['resident_cadres', '3名干部'], ['slogans', '四个一批'], ['meetings', '5次联席会议']]
>>> model_card(doc, {"doc_id": "demo"})["slogans"]
['四个一批']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence

import pandas as pd

from aidlib.chars import CJK
from aidlib.numerals import NUMERAL, read_numeral
from aidlib.structure import Block, Document, sentence_spans
from aidlib.tokens import canonical, variants

#: Model-card fields read from the text, in card order (the codebook's ``card_fields`` use these).
FACT_FIELDS = (
    "slogans",
    "resident_cadres",
    "helper_groups",
    "pairing",
    "meetings",
    "agreements",
    "documents",
    "outcomes",
    "awards",
)
#: Fields that hold one number on the card (the largest stated; the rest are lists).
COUNT_FIELDS = ("resident_cadres", "helper_groups")
#: Metadata fields copied onto the card.
METADATA_FIELDS = ("doc_id", "donors", "recipient", "start")

FACT_COLUMNS = ["field", "value", "count", "match", "start", "end", "sentence"]
SLOGAN_COLUMNS = ["slogan", "spellings", "quoted", "mentions", "start", "end", "sentence"]

#: Measure words that make ``numeral + measure + …`` a slogan (``三项机制``, ``三驾马车``).
SLOGAN_MEASURES = "项大驾架个专批类化有进条种步张线全保包送免联心"

_ZH_DIGITS = "一二两三四五六七八九十百千万"
_QUOTED = re.compile(r"“([^“”\n]{1,16})”|「([^「」\n]{1,16})」")
_SLOGAN_SHAPES = (
    re.compile(r"[0-9]+(?:\+(?:[0-9]+|[NnXx]))+"),
    re.compile(rf"(?:[{_ZH_DIGITS}][{CJK}]{{1,2}}){{2}}"),
    re.compile(rf"[{_ZH_DIGITS}0-9]{{1,3}}[{SLOGAN_MEASURES}][{CJK}]{{0,4}}"),
)
_READ_BLOCKS = ("title", "subtitle", "heading", "paragraph")
_SPACE = r"[ \u3000]*"
_NO_STOP = "[^，。；！？\n]"
_UNITS = "镇街|街道|乡镇|社区|部门|单位|中小学|学校|卫生院|医院|企业|镇|村"
_PAIRING_WORDS = re.compile("结对|参扶|对口帮扶|帮扶协议|帮扶关系|帮扶对子|结成")


def _number(name: str) -> str:
    return rf"(?P<{name}>{NUMERAL})"


_RULES: dict[str, re.Pattern[str]] = {
    "resident_cadres": re.compile(
        rf"(?:选派|派驻|下派|外派|委派|派遣|选调)了?{_SPACE}{_number('n')}{_SPACE}名"
        rf"(?P<what>{_NO_STOP}{{0,8}}?干部)"
    ),
    "helper_groups": re.compile(
        rf"{_number('n')}{_SPACE}个{_SPACE}(?P<what>[{CJK}]{{0,4}}?帮扶(?:小组|团|组))"
    ),
    "pairing": re.compile(
        rf"{_number('n')}{_SPACE}(?P<m1>[个所家]){_SPACE}(?P<u1>{_UNITS})"
        rf"{_NO_STOP}{{0,16}}?{_number('n2')}{_SPACE}(?P<m2>[个所家]){_SPACE}(?P<u2>{_UNITS})"
    ),
    "meetings": re.compile(
        rf"(?:召开|举行|举办|开展)了?{_SPACE}{_number('n')}{_SPACE}次(?P<what>{_NO_STOP}{{0,40}}?会议?)"
    ),
    "agreements": re.compile(
        rf"{_number('n')}{_SPACE}[个项份]{_SPACE}(?:方面)?(?P<what>(?:分|合作|帮扶|框架)?协议)"
        rf"|{_number('n2')}{_SPACE}项{_SPACE}(?P<what2>(?:帮扶|合作|协作|重点)?事项)"
        rf"|(?P<what3>(?:帮扶|合作|协作|重点)?事项){_SPACE}{_number('n3')}{_SPACE}项"
    ),
    "documents": re.compile(r"《(?P<what>[^《》\n]{2,60})》"),
    "outcomes": re.compile(
        rf"(?:(?P<place>[{CJK}]{{1,6}}?[县区市])(?:于|在)?)?"
        r"(?P<date>[0-9]{4}年(?:[0-9]{1,2}月)?)?(?:正式|顺利|成功|如期|已)?"
        r"(?P<what>退出贫困县序列|退出贫困县|脱贫摘帽|整县脱贫|摘帽)"
    ),
    "awards": re.compile(
        r"(?:获评|荣获|获得|被评为|评为|授予|命名为)“(?P<what>[^“”]+)”"
        rf"|(?:成为|获得|荣获)(?P<what2>[^，。；“”\n]{{2,40}}?奖)"
        rf"|受到(?P<what3>{_NO_STOP}{{2,30}}?)表彰"
    ),
}


def _first(match: re.Match[str], *names: str) -> str:
    return next((match.group(name) for name in names if match.group(name)), "")


def _count(match: re.Match[str], *names: str) -> int | None:
    value = read_numeral(_first(match, *names))
    return None if value is None else int(value)


def _meeting_kind(what: str) -> str:
    return "联席会议" if "联席会议" in what else "会议"


#: Per field: (value text, count) of a rule's match.
_READERS: dict[str, Callable[[re.Match[str]], tuple[str, int | None]]] = {
    "resident_cadres": lambda m: (f"{_count(m, 'n')}名{m['what']}", _count(m, "n")),
    "helper_groups": lambda m: (f"{_count(m, 'n')}个{m['what']}", _count(m, "n")),
    "pairing": lambda m: (
        f"{_count(m, 'n')}{m['m1']}{m['u1']} ↔ {_count(m, 'n2')}{m['m2']}{m['u2']}",
        _count(m, "n"),
    ),
    "meetings": lambda m: (f"{_count(m, 'n')}次{_meeting_kind(m['what'])}", _count(m, "n")),
    "agreements": lambda m: (
        f"{_count(m, 'n')}个{m['what']}"
        if m["what"]
        else f"{_count(m, 'n2', 'n3')}项{_first(m, 'what2', 'what3')}",
        _count(m, "n", "n2", "n3"),
    ),
    "documents": lambda m: (m["what"], None),
    "outcomes": lambda m: (
        " ".join(part for part in (m["place"], m["what"], m["date"]) if part),
        None,
    ),
    "awards": lambda m: (_first(m, "what", "what2", "what3"), None),
}


def is_slogan(quoted: str) -> bool:
    """Whether a quoted string looks like a model name (shapes in the module docs).

    >>> [is_slogan(s) for s in ["3+2", "一体两翼", "三专", "四个一批", "一对一", "春风行动"]]
    [True, True, True, True, False, False]
    """
    return any(shape.fullmatch(quoted.strip()) for shape in _SLOGAN_SHAPES)


def _read_blocks(doc: Document) -> Iterator[Block]:
    return (block for block in doc.blocks if block.kind in _READ_BLOCKS)


def _sentence(block: Block, offset: int) -> str:
    """The sentence of ``block`` around ``offset`` (an offset into the block's text)."""
    for start, end in sentence_spans(block.text):
        if start <= offset < end:
            return block.text[start:end]
    return block.text


def _fact(field: str, value: str, count: int | None, block: Block, span: tuple[int, int]):
    start, end = span
    return {
        "field": field,
        "value": value,
        "count": count,
        "match": block.text[start:end],
        "start": block.start + start,
        "end": block.start + end,
        "sentence": _sentence(block, start),
    }


def facts(doc: Document) -> pd.DataFrame:
    """Every fact the rules find in ``doc``, in text order.

    Columns: field (one of ``FACT_FIELDS``), value (the fact in a normal form, e.g.
    ``9次联席会议``, ``8个街道 ↔ 12个镇街``), count (the number it states; nullable Int64),
    match (the text as written), start, end (offsets into ``doc.text``), sentence.
    """
    rows = []
    for block in _read_blocks(doc):
        for quote in _QUOTED.finditer(block.text):
            inner = quote.group(1) or quote.group(2)
            if is_slogan(inner):
                rows.append(_fact("slogans", canonical(inner.strip()), None, block, quote.span()))
        for field, rule in _RULES.items():
            for match in rule.finditer(block.text):
                if field == "pairing" and not _PAIRING_WORDS.search(_clause(block.text, match)):
                    continue
                value, count = _READERS[field](match)
                rows.append(_fact(field, value, count, block, match.span()))
    frame = pd.DataFrame(rows, columns=FACT_COLUMNS).astype({"count": "Int64"})
    return frame.sort_values("start", kind="stable").reset_index(drop=True)


def _clause(text: str, match: re.Match[str]) -> str:
    """The text from the clause of ``match`` to the end of its sentence (next ``。；``)."""
    start = max(text.rfind(mark, 0, match.start()) for mark in "。；，") + 1
    ends = [i for i in (text.find(mark, match.end()) for mark in "。；") if i >= 0]
    return text[start : min(ends, default=len(text))]


def slogans(doc: Document) -> pd.DataFrame:
    """The model slogans of ``doc``, one row per canonical slogan, in order of first quotation.

    Columns: slogan (canonical spelling), spellings (the spellings quoted, ``、``-joined),
    quoted (times quoted), mentions (times any known spelling, quoted or not, occurs in
    the title, subtitle, headings and paragraphs), start, end, sentence (first quotation).
    """
    found = facts(doc)
    quoted = found[found["field"] == "slogans"]
    texts = [block.text for block in _read_blocks(doc)]
    rows = []
    for slogan, group in quoted.groupby("value", sort=False):
        written = [match.strip("“”「」") for match in group["match"]]
        spellings = dict.fromkeys([slogan, *written, *_variants_of(slogan)])
        pattern = re.compile("|".join(map(re.escape, sorted(spellings, key=len, reverse=True))))
        first = group.iloc[0]
        rows.append(
            {
                "slogan": slogan,
                "spellings": "、".join(dict.fromkeys(written)),
                "quoted": len(group),
                "mentions": sum(len(pattern.findall(text)) for text in texts),
                "start": first["start"],
                "end": first["end"],
                "sentence": first["sentence"],
            }
        )
    return pd.DataFrame(rows, columns=SLOGAN_COLUMNS)


def _variants_of(term: str) -> list[str]:
    return [variant for variant, form in variants().items() if form == term]


def model_card(doc: Document, metadata: Mapping[str, object] | None = None) -> pd.Series:
    """One report's model card: metadata fields, then one entry per fact field.

    ``metadata`` is a ``load_corpus`` row (or any mapping); its doc_id, donors,
    recipient and start are copied (None when absent).  ``resident_cadres`` and
    ``helper_groups`` hold the largest number stated (a later, smaller number is
    usually a part of it), or None; the other fields list the distinct values in
    text order.  ``evidence`` maps each field found to (sentence, match) of its first fact.
    """
    metadata = {} if metadata is None else metadata
    found = facts(doc)
    card: dict[str, object] = {field: metadata.get(field) for field in METADATA_FIELDS}
    evidence: dict[str, tuple[str, str]] = {}
    for field in FACT_FIELDS:
        rows = found[found["field"] == field]
        if field in COUNT_FIELDS:
            counts = rows["count"].dropna()
            card[field] = int(counts.max()) if len(counts) else None
        else:
            card[field] = list(dict.fromkeys(rows["value"]))
        if len(rows):
            evidence[field] = (rows["sentence"].iloc[0], rows["match"].iloc[0])
    card["evidence"] = evidence
    return pd.Series(card, name=card["doc_id"], dtype=object)


def side_by_side(cards: Sequence[pd.Series]) -> pd.DataFrame:
    """The cards as one table: a row per field, a column per report; lists joined with ``、``.

    >>> from aidlib.structure import parse
    >>> card = model_card(parse("标题\\n推行“一体两翼”。"), {"doc_id": "d", "donors": ["甲区", "乙区"]})
    >>> side_by_side([card]).loc[["donors", "slogans", "resident_cadres"], "d"].tolist()
    ['甲区、乙区', '一体两翼', '']
    """
    table = pd.concat([card.drop("evidence") for card in cards], axis=1)
    return table.map(_cell)


def _cell(value: object) -> str:
    if isinstance(value, list | tuple):
        return "、".join(map(str, value))
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
