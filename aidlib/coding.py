"""Qualitative coding of reports with a codebook: coded paragraphs, coverage, comparison.

The codebook (``data/codebook.yaml``) lists the dimensions of an aid model; each
code has indicator words and regular expressions.  A body block (heading or
paragraph) carries a code when an indicator matches its text (``via="text"``), or
when a heading above it in its section does (``via="heading"``): a heading speaks
for the blocks under it, down to the next heading of the same or a higher level.
Users change the analysis by editing the codebook, not this module.

>>> from aidlib.structure import parse
>>> book = load_codebook()
>>> doc = parse("标题\\n加强劳务协作\\n组织招聘会3场次。\\n天气很好。")
>>> coded = code_paragraphs(doc, book, doc_id="demo")
>>> coded[["block", "kind", "code", "via", "match"]].values.tolist()
[[1, 'heading', 'employment', 'text', '劳务'], [2, 'paragraph', 'employment', 'text', '招聘'], [3, 'paragraph', 'employment', 'heading', '劳务']]
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import yaml
from matplotlib.figure import Figure

from aidlib.model_cards import FACT_FIELDS, model_card
from aidlib.money import extract_money, tally
from aidlib.plotstyle import use_cjk_font
from aidlib.structure import Block, Document, parse

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
    "resident_cadres": "resident cadres",
    "helper_groups": "helper groups",
    "pairing": "pairing",
    "meetings": "meetings",
    "agreements": "agreements",
    "documents": "documents",
    "outcomes": "outcome",
    "awards": "awards",
}
_QUOTE_CHARS = 90


class CodebookError(ValueError):
    """A codebook entry that cannot be used; the message names the file, line and code id."""


@dataclass(frozen=True)
class Indicator:
    """One indicator of a code: the pattern as written and its compiled form."""

    pattern: str
    regex: re.Pattern[str]
    is_regex: bool


def _caseless_word(indicator: Indicator) -> str | None:
    """The indicator's word if it is a word with no cased letter (matched as is), else None."""
    word = indicator.pattern
    if indicator.is_regex or not word.lower() == word == word.upper():
        return None
    return word


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
        [(7, 9, '脱贫(?!攻坚)')]
        """
        if self._any_indicator is not None and not self._any_indicator.search(text):
            return []
        return self._all_hits(text)

    def _all_hits(self, text: str) -> list[tuple[int, int, str]]:
        """``find`` without the joined regex's first check."""
        found: list[tuple[int, int, str]] = []
        for word, indicator in self._literals:
            if word is None:
                found.extend(
                    (match.start(), match.end(), indicator.pattern)
                    for match in indicator.regex.finditer(text)
                )
                continue
            start = text.find(word)
            while start >= 0:
                end = start + len(word)
                found.append((start, end, word))
                start = text.find(word, end)
        return sorted(found, key=lambda hit: (hit[0], hit[0] - hit[1]))

    @cached_property
    def _literals(self) -> tuple[tuple[str | None, Indicator], ...]:
        """Each indicator with its word when ``str.find`` matches it exactly as its regex would (a
        word without upper or lower case: ignoring case changes nothing); else None."""
        return tuple((_caseless_word(indicator), indicator) for indicator in self.indicators)

    @cached_property
    def _any_indicator(self) -> re.Pattern[str] | None:
        """One regex matching where any indicator matches: most blocks need one search, not one per
        indicator. None when an indicator has groups (joined, its back-references would shift)."""
        if any(indicator.regex.groups for indicator in self.indicators):
            return None
        try:
            return re.compile(
                "|".join(f"(?:{indicator.regex.pattern})" for indicator in self.indicators),
                re.IGNORECASE,
            )
        except re.error:  # e.g. a global inline flag, allowed only at the start of a pattern
            return None


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
    (the codebook pattern), match (the text matched), start, end (offsets into
    ``doc.text`` of the evidence: the block's first match, or the nearest coded heading's),
    sentence (the sentence holding the evidence), hits (matches in the block's own text,
    overlapping matches counted once), chars (the block's length).
    """
    return pd.DataFrame(code_rows(doc, codebook, doc_id), columns=CODED_COLUMNS)


def code_rows(
    doc: Document, codebook: Codebook, doc_id: str | None = None
) -> list[dict[str, object]]:
    """The rows of ``code_paragraphs`` as plain dicts (keys: ``CODED_COLUMNS``, in order).

    >>> from aidlib.structure import parse
    >>> row = code_rows(parse("标题\\n组织招聘会3场次。"), load_codebook(), "demo")[0]
    >>> list(row) == CODED_COLUMNS, row["code"], row["match"], row["sentence"]
    (True, 'employment', '招聘', '组织招聘会3场次。')
    """
    rows: list[dict[str, object]] = []
    headings: list[Block] = []
    heading_hits: dict[tuple[int, str], list[tuple[int, int, str]]] = {}
    sentence_starts = [sentence.start for sentence in doc.sentences]
    for block in doc.body:
        if block.kind == "heading":
            headings = [heading for heading in headings if heading.level < block.level]
        for code in codebook:
            hits = code.find(block.text)
            if block.kind == "heading":
                heading_hits[block.index, code.id] = hits
            source = block
            if not hits:
                source = next(
                    (h for h in reversed(headings) if heading_hits[h.index, code.id]), None
                )
                if source is None:
                    continue
            start, end, indicator = (hits or heading_hits[source.index, code.id])[0]
            rows.append(
                {
                    "doc_id": doc_id,
                    "block": block.index,
                    "kind": block.kind,
                    "section": block.section,
                    "code": code.id,
                    "via": "text" if hits else "heading",
                    "indicator": indicator,
                    "match": source.text[start:end],
                    "start": source.start + start,
                    "end": source.start + end,
                    "sentence": _sentence_at(doc, sentence_starts, source, start),
                    "hits": _merged_count(hits),
                    "chars": len(block.text),
                }
            )
        if block.kind == "heading":
            headings.append(block)
    return rows


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
    截至 …) are never added to the items but kept beside them as cumulative_low_yuan,
    cumulative_high_yuan, money_cumulative.  A block with several codes counts its money
    under each of them.  Without ``mentions`` the money columns are NaN (counts ``<NA>``).
    """
    coded = coded[coded["via"].isin(list(via))]
    money = _money_by_code(coded, body, mentions)
    rows = []
    for doc_id, blocks in body.groupby("doc_id", sort=False, dropna=False):
        total = blocks["chars"].sum()
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
                    "share": float(rows_of_code["chars"].sum() / total) if total else 0.0,
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


def code_corpus(corpus: pd.DataFrame, codebook: Codebook) -> CorpusCoding:
    """Code each report of a ``load_corpus`` table and build coverage, model cards and comparison.

    The per-report steps are the public functions of this module and ``aidlib.money``;
    this only runs them on every row and joins the results.
    """
    coded, body, mentions, cards = [], [], [], []
    for row in corpus.to_dict("records"):
        doc = parse(row["text"])
        coded.append(code_paragraphs(doc, codebook, row["doc_id"]))
        body.append(body_blocks(doc, row["doc_id"]))
        mentions.append(extract_money(doc.text, row["doc_id"]))
        cards.append(model_card(doc, row))
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
    )


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


def plot_coverage(table: pd.DataFrame, value: str = "share", label: str = "name_zh") -> Figure:
    """Heatmap of a ``coverage`` table: a row per report, a column per code, cells annotated.

    ``value`` is a numeric coverage column (``share`` is drawn as a percentage);
    ``label`` the column that names the codes.
    """
    use_cjk_font()
    grid = table.pivot_table(index="doc_id", columns="code", values=value, sort=False)
    names = table.drop_duplicates("code").set_index("code")[label]
    figure, ax = plt.subplots(figsize=(1.0 + 0.75 * grid.shape[1], 1.6 + 0.6 * grid.shape[0]))
    image = ax.imshow(grid.to_numpy(dtype=float), cmap="Blues", aspect="auto", vmin=0)
    peak = float(grid.to_numpy().max()) or 1.0
    for (i, j), cell in pd.DataFrame(grid.to_numpy()).stack().items():
        text = f"{cell:.0%}" if value == "share" else f"{cell:g}"
        ax.text(j, i, text, ha="center", va="center", color="white" if cell > peak / 2 else "black")
    ax.set_xticks(
        range(grid.shape[1]), [names[code] for code in grid.columns], rotation=45, ha="right"
    )
    ax.set_yticks(range(grid.shape[0]), list(grid.index))
    ax.set_title(f"Coverage by code ({value})")
    figure.colorbar(image, ax=ax, label=value, format="{x:.0%}" if value == "share" else None)
    figure.tight_layout()
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
        rows[0][f"{doc_id} finding"] = (
            f"{'、'.join(card['donors'] or [])} → {card['recipient']} (from {card['start']}); "
            f"slogans: {'、'.join(card['slogans']) or 'none'}"
        )
        rows[0][f"{doc_id} evidence"] = _quotes([card["evidence"].get("slogans", ("", ""))])
        for row, code in zip(rows[1:], codebook, strict=True):
            found = of_doc.loc[code.id]
            facts = [
                f"{FIELD_LABELS[field]}: {_card_value(card[field])}"
                for field in code.card_fields
                if _card_value(card[field])
            ]
            row[f"{doc_id} finding"] = "; ".join([_coverage_finding(found), *facts])
            evidence = [card["evidence"].get(field, ("", "")) for field in code.card_fields]
            row[f"{doc_id} evidence"] = _quotes([(found["quote"], found["quote_match"]), *evidence])
    return pd.DataFrame(rows)


def _card_value(value: object) -> str:
    if isinstance(value, list):
        return "、".join(map(str, value))
    return "" if value is None else str(value)


def _coverage_finding(row: pd.Series) -> str:
    plural = "" if row["paragraphs"] == 1 else "s"
    parts = [f"{row['paragraphs']} paragraph{plural}, {row['share']:.0%} of body text"]
    if pd.notna(row["money_items"]) and row["money_items"] > 0:
        parts.append(f"money {yuan_interval(row['money_low_yuan'], row['money_high_yuan'])}")
    if pd.notna(row["money_cumulative"]) and row["money_cumulative"] > 0:
        parts.append(
            "running totals "
            + yuan_interval(row["cumulative_low_yuan"], row["cumulative_high_yuan"])
        )
    return "; ".join(parts)


def yuan_interval(low: float, high: float) -> str:
    """An interval of yuan in 万元, as the comparison table writes it.

    >>> yuan_interval(3_700_000, 3_800_000), yuan_interval(1e7, math.inf), yuan_interval(92500, 92500)
    ('370–380万元', '≥1,000万元', '9.25万元')
    """
    if math.isinf(high):
        return f"≥{low / 1e4:,.6g}万元"
    if low == high:
        return f"{low / 1e4:,.6g}万元"
    return f"{low / 1e4:,.6g}–{high / 1e4:,.6g}万元"


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
