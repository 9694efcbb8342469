"""Find the parts of a report: title, subtitle, byline, captions, headings, paragraphs, sentences.

The rules follow the layout of Chinese news features on paired aid:

- the *subtitle* is the block that starts with a dash (``——…``); the block before it,
  or the part of the same line before the dash, is the *title*; with no subtitle the
  title is the first block;
- blocks before the title are photo *captions*, and so is the run of short blocks
  without a sentence end after the last body paragraph, and any short block with a
  comma but no sentence end in between;
- the *byline* is a block after the title that names 记者 or 通讯员;
- a *heading* is a short block with no punctuation inside and no sentence end;
  a heading directly followed by another heading opens a deeper level, and a lone
  heading sits one level below the deepest heading run before it (level 1 if none);
- everything else is a *paragraph*, split into *sentences* after 。！？… and any
  closing quotes that follow.

>>> doc = parse("标题\\n——副题\\n记者 王五\\n一、总体\\n第一句。第二句！\\n说明，图片")
>>> doc.title, doc.subtitle, doc.byline, [h.text for h in doc.headings], doc.captions
('标题', '副题', '记者 王五', ['一、总体'], ['说明，图片'])
>>> [s.text for s in doc.sentences]
['第一句。', '第二句！']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from aidlib.chars import CLOSING, SENTENCE_END
from aidlib.normalize import (
    SHORT_BLOCK_CHARS,
    Fix,
    ends_sentence,
    fix_frame,
    is_prose,
    normalize,
)

#: Section name for the lead paragraphs that come before the first heading.
LEAD_SECTION = "（导语）"


SUBTITLE_DASHES = ("——", "--", "—")
_TITLE_AND_SUBTITLE = re.compile(r"([^—\-\s].*?)\s+(——.+)$")
_BYLINE = re.compile(r"^(?:本报)?(?:记者|通讯员|特约记者|文/|文：|作者)|通讯员")
_INNER_PUNCT = re.compile(r"[，。；！？：,;!?:]")
_SENTENCE = re.compile(rf"[^\n]*?(?:[{SENTENCE_END}]+[{re.escape(CLOSING)}]*|$)", re.MULTILINE)


@dataclass(frozen=True)
class Block:
    """One line of the normalised text and what it is.

    ``kind`` is one of title, subtitle, byline, caption, heading, paragraph;
    ``start``/``end`` are offsets into the normalised text; ``line`` is the raw line;
    ``level`` is the heading level (0 for other blocks); ``section`` is the top-level
    heading the block falls under and ``path`` the chain of headings down to it.
    """

    index: int
    kind: str
    text: str
    start: int
    end: int
    line: int
    level: int = 0
    section: str = LEAD_SECTION
    path: tuple[str, ...] = ()
    truncated: bool = False


@dataclass(frozen=True)
class Sentence:
    """A sentence of a paragraph, with offsets into the normalised text."""

    index: int
    paragraph: int
    section: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """A parsed report: the normalised text, its blocks, and the fixes normalisation made.

    ``fix_rows`` are the fixes as tuples (``aidlib.normalize.FIX_COLUMNS``); ``fixes`` the
    same as a table, built when first asked for.
    """

    text: str
    blocks: tuple[Block, ...]
    fix_rows: tuple[Fix, ...]

    @cached_property
    def fixes(self) -> pd.DataFrame:
        return fix_frame(self.fix_rows)

    def _of_kind(self, kind: str) -> list[Block]:
        return [block for block in self.blocks if block.kind == kind]

    def _first_text(self, kind: str) -> str:
        found = self._of_kind(kind)
        return found[0].text if found else ""

    @property
    def title(self) -> str:
        return self._first_text("title")

    @property
    def subtitle(self) -> str:
        """The subtitle without its leading dash."""
        return self._first_text("subtitle").lstrip("—-").strip()

    @property
    def byline(self) -> str:
        return self._first_text("byline")

    @property
    def captions(self) -> list[str]:
        return [block.text for block in self._of_kind("caption")]

    @property
    def headings(self) -> list[Block]:
        return self._of_kind("heading")

    @property
    def paragraphs(self) -> list[Block]:
        return self._of_kind("paragraph")

    @property
    def body(self) -> list[Block]:
        """Headings and paragraphs, in order: the text the report itself says."""
        return [block for block in self.blocks if block.kind in ("heading", "paragraph")]

    @property
    def truncated(self) -> list[Block]:
        return [block for block in self.blocks if block.truncated]

    @property
    def page_break_joins(self) -> int:
        return sum(kind == "page_break_join" for kind, *_ in self.fix_rows)

    @cached_property
    def sentences(self) -> list[Sentence]:
        found: list[Sentence] = []
        for paragraph in self.paragraphs:
            for start, end in sentence_spans(paragraph.text):
                found.append(
                    Sentence(
                        index=len(found),
                        paragraph=paragraph.index,
                        section=paragraph.section,
                        text=paragraph.text[start:end],
                        start=paragraph.start + start,
                        end=paragraph.start + end,
                    )
                )
        return found

    def blocks_frame(self) -> pd.DataFrame:
        """The blocks as a table: index, kind, text, start, end, line, level, section, path, truncated."""
        frame = pd.DataFrame([vars(block) for block in self.blocks])
        frame["path"] = frame["path"].map(" > ".join)
        return frame

    def sentences_frame(self) -> pd.DataFrame:
        """The sentences as a table: index, paragraph, section, text, start, end."""
        columns = ["index", "paragraph", "section", "text", "start", "end"]
        return pd.DataFrame([vars(s) for s in self.sentences], columns=columns)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in ``text``: cut after 。！？… and closing quotes, and at line ends.

    >>> text = "他说：“好。”我们走吧！\\n下一行"
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['他说：“好。”', '我们走吧！', '下一行']
    """
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            spans.append((start, end))
    return spans


def parse(text: str) -> Document:
    """Normalise ``text`` (raw or already normalised) and find its parts; see the module docs.

    Block offsets index ``Document.text``, which is exactly ``normalize(text).text``.
    """
    normalized = normalize(text)
    truncated_lines = {line for kind, line, *_ in normalized.fix_rows if kind == "truncated"}
    spans = _line_spans(normalized.text, normalized.source_lines)
    kinds = _classify([normalized.text[start:end] for start, end, _ in spans])
    levels = _heading_levels(kinds)
    blocks: list[Block] = []
    path: tuple[str, ...] = ()
    for index, ((start, end, line), kind, level) in enumerate(
        zip(spans, kinds, levels, strict=True)
    ):
        block_text = normalized.text[start:end]
        if kind == "heading":
            path = (*path[: level - 1], block_text)
        blocks.append(
            Block(
                index=index,
                kind=kind,
                text=block_text,
                start=start,
                end=end,
                line=line,
                level=level,
                section=path[0] if path else LEAD_SECTION,
                path=path,
                truncated=kind == "paragraph" and line in truncated_lines,
            )
        )
    return Document(text=normalized.text, blocks=tuple(blocks), fix_rows=normalized.fix_rows)


def _line_spans(text: str, source_lines: tuple[int, ...]) -> list[tuple[int, int, int]]:
    """(start, end, raw line) per line; a first title line ``标题 ——副题`` gives two spans."""
    spans: list[tuple[int, int, int]] = []
    offset = 0
    for line_text, number in zip(text.split("\n"), source_lines, strict=True):
        dash = _TITLE_AND_SUBTITLE.match(line_text)
        if dash and not _spans_have_subtitle(text, spans) and not is_prose(dash.group(1)):
            spans.append((offset, offset + len(dash.group(1)), number))
            spans.append((offset + dash.start(2), offset + len(line_text), number))
        else:
            spans.append((offset, offset + len(line_text), number))
        offset += len(line_text) + 1
    return spans


def _spans_have_subtitle(text: str, spans: list[tuple[int, int, int]]) -> bool:
    return any(text[start:end].startswith(SUBTITLE_DASHES) for start, end, _ in spans)


def _classify(texts: list[str]) -> list[str]:
    subtitle = next((i for i, t in enumerate(texts) if t.startswith(SUBTITLE_DASHES)), None)
    title = subtitle - 1 if subtitle else 0
    kinds = ["caption"] * title + ["title"] + (["subtitle"] if subtitle is not None else [])
    last_body = max(
        (i for i, t in enumerate(texts) if ends_sentence(t) or is_prose(t)), default=len(texts) - 1
    )
    for i in range(len(kinds), len(texts)):
        text = texts[i]
        if i <= title + 3 and "byline" not in kinds and _BYLINE.search(text) and not is_prose(text):
            kinds.append("byline")
        elif is_prose(text) or ends_sentence(text):
            kinds.append("paragraph")
        elif i > last_body or len(text) > SHORT_BLOCK_CHARS or _INNER_PUNCT.search(text):
            kinds.append("caption")
        else:
            kinds.append("heading")
    return kinds


def _heading_levels(kinds: list[str]) -> list[int]:
    """Level per block: runs of headings nest; a lone heading sits below the last run."""
    levels = [0] * len(kinds)
    deepest_run = 0
    i = 0
    while i < len(kinds):
        if kinds[i] != "heading":
            i += 1
            continue
        run_end = i
        while run_end + 1 < len(kinds) and kinds[run_end + 1] == "heading":
            run_end += 1
        if run_end > i:
            deepest_run = run_end - i + 1
            for depth, j in enumerate(range(i, run_end + 1), 1):
                levels[j] = depth
        else:
            levels[i] = deepest_run + 1
        i = run_end + 1
    return levels
