"""Find the parts of a report: furniture, title, subtitle, dateline, byline, captions, headings, paragraphs, sentences.

The rules follow how Chinese news features, work reports, short news and scraped
news pages are laid out:

- *furniture* is what the site prints around the report (``aidlib.furniture``: share
  and app prompts, navigation, related-news lists, copyright notices, editor and source
  lines, page counters), the banner above a breadcrumb, and every later copy of a line
  (a page that prints its article twice, a headline repeated in a list);
- the *body* starts at the first running-text block (a sentence, or a long block with
  clause marks); the blocks before it are the front matter;
- the *title* is the front-matter line that reads as the metadata title (``title_hint``);
  without one, the headline-like line before a dash *subtitle* (``——…``, or the part of
  the same line after the dash), else the first headline-like line without a comma
  before the byline or dateline and the body. A report whose text has no headline has
  no title; running text (a sentence ending in 。！？) is never a title, subtitle or caption;
- a short line without clause marks right above the title is its kicker (引题), kept as
  the subtitle when there is no dash subtitle, unless it is a site's or paper's name
  (``北京青年报``: furniture); other front-matter blocks before the
  title are photo *captions*, and so is the run of short blocks without a sentence end
  after the last body paragraph, a block ending in a photo credit (``张三 摄``), and any
  short block with a comma but no sentence end in between; the text's last block, when
  it has a clause comma and is no caption by its words (图为…, …摄), is a paragraph cut
  off where the page was saved, and a short line before it a heading; a page of captions
  and no paragraph (a news agency's photo story) reads its captions of running text as
  its paragraphs;
- a *byline* is a short line naming 记者, 通讯员, 作者 …; a *dateline* a line that opens
  with a date (``2021-05-12 09:30 来源：某某日报``). Both may also sit inside the first or
  last paragraph (``本报贵阳6月3日电``, ``（记者 张三）``): ``Document.dateline`` and
  ``Document.byline`` find them there;
- a *heading* is a short block with no punctuation inside and no sentence end;
  a heading directly followed by another heading opens a deeper level (at most
  ``MAX_HEADING_LEVEL``), and a lone heading sits one level below the deepest heading
  run before it (level 1 if none);
- everything else is a *paragraph*, split into *sentences* after 。！？… and any
  closing quotes that follow. A line with white space after two or more of its
  sentences (``…不解之缘。 20年，山海结盟…``) is paragraphs a page saved as one line
  joined: it is cut there.

>>> doc = parse("标题\\n——副题\\n记者 王五\\n一、总体\\n第一句。第二句！\\n图为新校，张三摄")
>>> doc.title, doc.subtitle, doc.byline, [h.text for h in doc.headings], doc.captions
('标题', '副题', '记者 王五', ['一、总体'], ['图为新校，张三摄'])
>>> [s.text for s in doc.sentences]
['第一句。', '第二句！']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from aidlib import furniture
from aidlib.chars import CJK, CLOSING, SENTENCE_END, simplified
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


#: Deepest heading level: a run of more headings than this stays at this level.
MAX_HEADING_LEVEL = 6
#: Longest line, in characters, that may be a headline.
HEADLINE_CHARS = 60
HEADLINE_MIN_CHARS = 7
_QUOTED_SENTENCE_END = re.compile(f"[{SENTENCE_END}][{CLOSING}]+$")
_SPACES = re.compile(r"\s+")

SUBTITLE_DASHES = ("——", "--", "—")
_TITLE_AND_SUBTITLE = re.compile(r"(?<=\S)\s+(——(?!.{0,20}(?:摘自|供稿|来源)).+)$")
_BYLINE = re.compile(
    r"^[（(【\[]?\s*(?:本报|本台|本刊|特约)?(?:[^\s，。]{0,16}?(?:记者|评论员)|通讯员|文\s*[/|｜：]|图\s*[/|｜：]"
    rf"|作者\s*[：/]|作者(?:\s+[{CJK}]{{2,4}})+$|撰稿|撰文\s*[/|｜：])|通讯员"
)
_BYLINE_CHARS = 80
_BYLINE_IN_PARAGRAPH = re.compile(
    r"([（(][^（）()]{0,30}?(?:记者|通讯员|特约|作者|撰稿)[^（）()]{0,60}[）)])"
)
#: Names in brackets closing a paragraph: ``……。（李四）``, ``（张三 李四）``.
_NAME_AT_END = re.compile(
    rf"[{SENTENCE_END}]\s*([（(](?!完|待续|未完)[{CJK}]{{2,4}}(?:[ 、/][{CJK}]{{2,4}}){{0,3}}[）)])$"
)
_SENTENCE_MARK = re.compile(f"[{SENTENCE_END}]")
_NAMES_ONLY = re.compile(rf"^[（(][{CJK}]{{2,4}}(?:[ 、/][{CJK}]{{2,4}}){{0,3}}[）)]$")
_DATE = r"[0-9]{4}\s*[-/.年]\s*[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}\s*日?"
#: A date standing as a line's own item (not a dated headline in a list: ``2020年11月04日兰州…``).
_DATE_ALONE = re.compile(rf"{_DATE}(?=\s|$|[0-9]{{1,2}}[:时]|[|｜])")
_DATE_AT_MOST = 40
_DATELINE_CHARS = 100
_DATE_LABEL = (
    r"(?:发布时间|发布日期|发表时间|更新时间|时间|日期|發佈時間|發布時間|發布日期|時間)\s*[:：]\s*"
)
_LABELLED_DATE = re.compile(rf"^[-•·\s]*[【\[（(]?\s*{_DATE_LABEL}{_DATE}")
_LABELLED_DATE_IN = re.compile(rf"{_DATE_LABEL}{_DATE}")
_SOURCE_LINE = re.compile(
    r"^[-•·\s]*[【\[（(]?\s*(?:来源|來源|稿源|信息来源|文章来源)\s*[:：]\s*\S"
)
_SOURCE = rf"(?:本报|本台|本刊|[{CJK}·]{{1,10}}(?:网|报|台|社|新闻|客户端|融媒))"
_DATELINE_LEAD = re.compile(
    rf"^(?:{_SOURCE}\s?[{CJK}]{{0,8}}\s?[0-9]{{1,2}}月[0-9]{{1,2}}日(?:电|讯)"
    rf"|{_SOURCE}讯|{_SOURCE}消息(?:（[^（）]{{1,12}}）)?[：:]?)"
)
#: Names in brackets right after the dateline: ``人民网贺州10月31日电 （黄子婧）``.
_NAMES_AFTER_LEAD = re.compile(
    rf"{_DATELINE_LEAD.pattern}\s*([（(][{CJK}]{{2,4}}(?:[ 、/][{CJK}]{{2,4}}){{0,3}}[）)])"
)
#: A byline closing a date line: ``2018年10月16日 来源：浙江在线 浙江在线记者 王凯艺``.
_BYLINE_AFTER_DATE = re.compile(
    rf"\s+(\S{{0,16}}(?:记者(?!站)|通讯员)\S*(?:\s.*)?)$|\s{{2,}}([{CJK}]{{2,4}}(?:\s[{CJK}]{{2,4}}){{0,3}})$"
)
#: A photo caption marked with a triangle, run in with the text: ``▲图片说明 正文…`` (to the next space).
_MARKED_CAPTION = re.compile(r"(?:^|(?<=\s))[▲△]\S*")
#: White space after a sentence end, written right after the words: where a page saved as
#: one line joined its paragraphs (``…不解之缘。 20年，山海结盟…``). A text that spaces
#: its punctuation (``…项目 。 同时…``) has a space before the end mark too.
_JOINED_PARAGRAPHS = re.compile(r"(?<=[^\s])[。！？][”’」』]?\s+(?=\S)")
#: How many such joins make a line paragraphs joined (one is a slip, or a caption's credit).
_JOINS_AT_LEAST = 2
#: A photographer's credit: ``张三 摄``, ``新华社记者 张三 摄``, ``南方+ 张三 拍摄``.
_CREDIT = rf"(?:[^\s]{{0,10}}记者\s?)?[{CJK}]{{2,4}}(?:[ 、][{CJK}]{{2,4}})*\s?拍?摄"
#: A photo credit closing a caption, after a space or a sentence end: ``张三 摄``,
#: ``（新华社记者 张三 摄）``, and the agency that sells the picture after it (``。张三 摄（中经视觉）``).
_CAPTION_CREDIT = re.compile(
    rf"(?:\s|(?<=[。！？])){_CREDIT}(?:[（(][^（）()\s]{{2,8}}[）)])?[）)]?$|[（(][^（）()]{{0,30}}摄[）)]$"
)
#: A caption's other marks: 图为… opening it, a picture's source closing it (…通讯员供图,
#: …（资料图）, （相关资料图）, …。资料图片, …摄/光明图片), the day a picture was taken
#: (…（2020年8月18日摄）。, …（11月8日摄）。: a news agency's captions), a credit line of its
#: own (图/新华社发).
_PHOTO_NOTE = re.compile(
    r"^图为|供图\s*摄?[）)]?$|[（(](?:相关)?资料图片?[）)]$|[（(][0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日摄[）)]"
    r"|[（(][0-9]{1,2}月[0-9]{1,2}日摄[）)]。?$"
    r"|^图\s*[/／]\s*\S{1,16}$"  # a picture's credit line: 图/新华社发
    r"|[。\s]资料图片?$|摄\s*[/／]\s*\S{2,6}图片$"  # …义诊。资料图片, 张勇摄/光明图片
)
_CAPTION_RUN_IN = re.compile(rf"^(.{{2,150}}?\s{_CREDIT})\s*(?=\S)")
#: The numbering of an official text's headings, outermost first: 一、 over （一） over 1. over （1）.
_NUMBERINGS = (
    re.compile(r"[一二三四五六七八九十]+[、.．]"),
    re.compile(r"[（(][一二三四五六七八九十]+[）)]"),
    re.compile(r"[0-9]+(?:[、．]|\.(?![0-9]))"),
    re.compile(r"[（(][0-9]+[）)]"),
)
#: A line opening with any of them.
_NUMBERED = re.compile("^(?:" + "|".join(style.pattern for style in _NUMBERINGS) + ")")
#: What sets a short line of the body apart as a photo's caption rather than a heading: a
#: sentence mark inside it, a date or time opening its first clause (8月29日，…; 近日，…),
#: or a photo word closing it (…现场, …合影, …（图1）; a credit (…供图) is a caption before this
#: is asked). A comma or a colon does not:
#: headings pair two phrases (机制创新，构建全方位协作体系; 产业对接：合作相得益彰).
_CAPTION_LIKE = re.compile(
    r"[。；！？;!?]"
    r"|^(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}日|^(?:近日|日前|近期|当天|今年|去年|目前)[，,]"
    r"|(?:现场|合影|全景图?|图片|[（(]图\s*[0-9]*[）)])$"
)
_CLAUSE = re.compile(r"[，、；,;]")
#: A comma between clauses (a list's 、 joins words, not clauses).
_CLAUSE_COMMA = re.compile(r"[，,]")
#: A photo caption's opening or closing words: 图为…, …张三摄.
_CAPTION_MARKS = re.compile(r"^图[为：:]|摄[）)]?$")
#: What ``_key`` ignores: spaces, quotes and brackets, end marks.
_NOT_COMPARED = re.compile(r"[\s“”‘’\"'《》「」『』【】。！？!?：:，,]")
#: A site's or channel's name after a headline on its line, behind _, |, - or – (a dash
#: pair opens a subtitle): 标题-环球快讯, 标题_新华网陕西频道, 标题|华龙网.
_SITE_AFTER_TITLE = re.compile(
    rf"\s*([_|｜]|[-–—](?![-–—]))\s*[^\s_|｜\-–—]{{1,10}}?(?:{furniture.SITE_NAME_ENDS})$"
)
_SITE_SEPARATORS = re.compile(r"\s*[_|｜]\s*|\s+[-–—]\s+")
#: A news agency's dateline with the story's title after 题： (中新网西宁4月24日电 题：青海黄南：…).
_WIRE_TITLE = re.compile(
    r"^(?P<dateline>[^，。\s]{2,20}?[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日[电電])"
    r"\s*[题題]\s*[:：]\s*(?P<title>\S.*)$"
)
#: A label a page puts before the title or a copy of it: ``标题：``, ``原标题：``.
_LABEL = re.compile(r"^(?:原标题|标题|题目)\s*[：:]")
#: A reprint's label alone on its line, the original headline on the next (原标题： / 积石山：…).
_ORIGINAL_TITLE_LABEL = re.compile(r"(?:原标题|原题)\s*[：:]")
#: A site's or paper's name alone on the line above a headline (福州新闻网, 北京青年报,
#: 苍溪县融媒体中心): the page's masthead, not a kicker.
_MASTHEAD = re.compile(
    rf"[^\s，。：:]{{2,12}}?(?:{furniture.SITE_NAME_ENDS}|报|电视台|融媒体中心|发布)"
)
#: Shortest kicker (引题) above a headline; a shorter line there is a channel tag.
_KICKER_CHARS = 4
#: A label closing its line, its value on the next (来源： / 新华网, 作者： / 李春惠).
_LABEL_ALONE = re.compile(
    r"(?:^|\s)(?:来源|稿源|作者|编辑|责任编辑|责编|审核|校对|记者|通讯员|发布时间|发布日期|时间|日期)"
    r"\s*[：:]$"
)
#: Longest line taken for a label's value.
_VALUE_CHARS = 20
#: How many lines below a summary the paragraph it summarises may stand.
_SUMMARY_REACH = 5
#: A line repeated is a copy when it is at least this long (short headings may repeat).
_COPY_CHARS = 10
#: A breadcrumb this close to the top has only the site's banner above it.
_BANNER_LINES = 4
#: A menu item: one short word, no digit or mark; a run of this many is a menu.
_MENU_ITEM = re.compile(r"^[^\s0-9，。、：:；;！？!?（()）\-—|｜/<>]{1,6}$")
_MENU_LINES = 4
#: Up to the first sentence end (with its closing quotes) or line end. Written greedy on what
#: cannot end a sentence, not lazy on any character: same matches, 3 times faster.
_SENTENCE = re.compile(
    rf"[^\n{SENTENCE_END}]*(?:[{SENTENCE_END}]+[{re.escape(CLOSING)}]*|$)", re.MULTILINE
)


@dataclass(frozen=True)
class Block:
    """One line of the normalised text and what it is.

    ``kind`` is one of furniture, title, subtitle, dateline, byline, caption, heading,
    paragraph; ``rule`` names the furniture rule that took a furniture block out;
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
    rule: str = ""


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
    same as a table, built when first asked for. Besides normalisation's fixes (its
    ``truncated`` flags only where the line is a body paragraph: a headline or a caption
    without an end mark is not cut off) they list each furniture line: kind
    ``furniture``, ``before`` the line, ``after`` the rule that took it out of the body.
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
        """The byline line, else a bracketed byline in the first or last paragraph."""
        found = self._first_text("byline")
        paragraphs = self.paragraphs
        for paragraph in (paragraphs[:2] + paragraphs[-1:]) if not found else []:
            found = _byline_in(paragraph.text)
            if found:
                break
        return found

    @property
    def dateline(self) -> str:
        """The dateline line, else the lead of the first paragraph (``本报贵阳6月3日电``),
        else a labelled date (``发布日期：…``) inside a furniture line."""
        found = self._first_text("dateline").lstrip("-•· ")
        if not found and self.paragraphs:
            found = _lead_dateline(self.paragraphs[0].text)
        for block in self.furniture if not found else []:
            labelled = _LABELLED_DATE_IN.search(simplified(block.text))
            if labelled:
                return block.text[labelled.start() : labelled.end()]
        return found

    @property
    def furniture(self) -> list[Block]:
        return self._of_kind("furniture")

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
        """The blocks as a table: index, kind, text, start, end, line, level, section, path, truncated, rule."""
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


def parse(text: str, title_hint: str = "") -> Document:
    """Normalise ``text`` (raw or already normalised) and find its parts; see the module docs.

    ``title_hint`` is the title the metadata (``corpus.csv`` or the web page) gives: a
    line before the body that reads the same is the title, and later copies of it are
    furniture. Block offsets index ``Document.text``, which is exactly ``normalize(text).text``.
    Any ``str`` parses; an empty one gives a document without blocks.

    >>> doc = parse("首页 > 正文\\n标题甲\\n分享到：\\n他说，好。", title_hint="标题甲_某某网")
    >>> doc.title, [(b.kind, b.rule) for b in doc.blocks if b.kind == "furniture"]
    ('标题甲', [('furniture', 'navigation'), ('furniture', 'share or app prompt')])
    """
    normalized = normalize(text)
    truncated_lines = {line for kind, line, *_ in normalized.fix_rows if kind == "truncated"}
    plain = simplified(normalized.text)  # rules read simplified text: same length, same offsets
    spans = _line_spans(plain, normalized.source_lines)
    kinds, rules = _classify(
        [plain[start:end] for start, end, _ in spans],
        simplified(title_hint),
        [i > 0 and spans[i - 1][2] == line for i, (_, _, line) in enumerate(spans)],
    )
    levels = _heading_levels(kinds, [plain[start:end] for start, end, _ in spans])
    blocks: list[Block] = []
    furniture_rows: list[Fix] = []
    path: tuple[str, ...] = ()
    for index, ((start, end, line), kind, rule, level) in enumerate(
        zip(spans, kinds, rules, levels, strict=True)
    ):
        block_text = normalized.text[start:end]
        if kind == "heading":
            path = (*path[: level - 1], block_text)
        if kind == "furniture":
            furniture_rows.append(("furniture", line, block_text, rule))
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
                rule=rule,
            )
        )
    cut_off = {block.line for block in blocks if block.truncated}
    return Document(
        text=normalized.text,
        blocks=tuple(blocks),
        fix_rows=tuple(  # a headline or caption without 。 is no paragraph cut off
            fix for fix in normalized.fix_rows if fix[0] != "truncated" or fix[1] in cut_off
        )
        + tuple(furniture_rows),
    )


def _line_spans(text: str, source_lines: tuple[int, ...]) -> list[tuple[int, int, int]]:
    """(start, end, raw line) per block of ``text`` (simplified): a line, or a piece of a
    line that holds two blocks.

    A headline line before the body, ``标题 ——副题``, gives the title and the subtitle; a
    date line ending in a byline gives both; a photo caption run into the paragraph after
    it (``现场观摩。 张三 摄访问团…``, ``▲图片说明 正文…``) gives the caption and the paragraph;
    a labelled title (``原标题：…``) gives the label (furniture) and the title; a news
    agency's dateline with 题： gives the dateline and the title.
    """
    spans: list[tuple[int, int, int]] = []
    offset = 0
    title_line_open = True
    lines = text.split("\n") if text else []
    for line, number in zip(lines, source_lines, strict=True):
        pieces = _pieces(line, title_line_open)
        if title_line_open and (  # once closed, it stays closed
            len(pieces) == 2
            and _TITLE_AND_SUBTITLE.match(line, pieces[0][1])
            or is_prose(line)
            or line.startswith(SUBTITLE_DASHES)
        ):
            title_line_open = False
        spans += [(offset + start, offset + end, number) for start, end in pieces]
        offset += len(line) + 1
    return spans


def _leading_spaces(text: str) -> int:
    return len(text) - len(text.lstrip())


def _pieces(line: str, title_line_open: bool) -> list[tuple[int, int]]:
    """(start, end) of each block in ``line``; see ``_line_spans``."""
    wire = _WIRE_TITLE.match(line)
    if wire:  # 新华社昆明9月22日电 题：大山与大海的合奏: the dateline, then the title
        return [wire.span("dateline"), (wire.start("title"), len(line))]
    label = _LABEL.match(line)
    if label and label.end() < len(line):
        return [(0, label.end()), (label.end() + _leading_spaces(line[label.end() :]), len(line))]
    site = _SITE_AFTER_TITLE.search(simplified(line)) if title_line_open else None
    if site and _headline_like(line[: site.start()].rstrip()):  # 标题-环球快讯, 标题_新华网陕西频道
        return [(0, len(line[: site.start()].rstrip())), (site.start(1), len(line))]
    dash = _TITLE_AND_SUBTITLE.search(line) if title_line_open else None
    if dash and _headline_like(line[: dash.start()]) and not is_prose(dash.group(1)):
        return [(0, dash.start()), (dash.start(1), len(line))]
    byline = _BYLINE_AFTER_DATE.search(line) if _date_kind(line) else None
    if byline:
        return [(0, byline.start()), (byline.start(byline.lastindex or 1), len(line))]
    credit = _CAPTION_RUN_IN.match(line) if "摄" in line else None  # a credit ends in 摄
    if credit and is_prose(line[credit.end() :]):
        return [(0, credit.end(1)), (credit.end(), len(line))]
    cuts = [0]
    for mark in _MARKED_CAPTION.finditer(line) if "▲" in line or "△" in line else ():
        cuts += [mark.start(), mark.end()]
    joins = [join.end() for join in _JOINED_PARAGRAPHS.finditer(line)]
    if len(joins) >= _JOINS_AT_LEAST:
        cuts = sorted(cuts + joins)
    cuts.append(len(line))
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        while start < end and line[start].isspace():
            start += 1
        while end > start and line[end - 1].isspace():
            end -= 1
        if start < end:
            pieces.append((start, end))
    return pieces


def _key(text: str) -> str:
    """``text`` (normalised) as compared for sameness: without spaces, quotes or end marks."""
    return _NOT_COMPARED.sub("", text)


def _hint_keys(title_hint: str) -> set[str]:
    """The metadata title, and its head before a site name (``标题_某某网``, ``标题 - 某某网``)."""
    title_hint = normalize(title_hint).text
    keys = {_key(title_hint)}
    for separator in _SITE_SEPARATORS.finditer(title_hint):
        keys.add(_key(title_hint[: separator.start()]))
    return {key for key in keys if key}


def _headline_like(text: str) -> bool:
    """A line that may be a headline: short, no sentence, no list number, no colon at the
    end, no wire's dateline (``新华社昆明9月22日电``)."""
    return (
        _headline_form(text)
        and not is_prose(text)
        and not ends_sentence(text)
        and not _date_kind(text)
    )


def _headline_form(text: str) -> bool:
    """What every headline is: at most ``HEADLINE_CHARS`` long, and no dash subtitle, list
    number, byline or wire's dateline (``新华社昆明9月22日电``)."""
    return (
        0 < len(text) <= HEADLINE_CHARS
        and not text.startswith(SUBTITLE_DASHES)
        and not _NUMBERED.match(text)
        and not _BYLINE.search(text)
        and not _lead_dateline(text)
    )


def _classify(
    texts: list[str], title_hint: str = "", run_on: list[bool] | None = None
) -> tuple[list[str], list[str]]:
    """A kind per block, and for furniture the rule that found it (``""`` for other kinds).

    ``run_on`` tells which blocks share a line with the block before (see ``_pieces``):
    the names after a date line on the same line are its byline.
    """
    run_on = run_on or [False] * len(texts)
    dates = [_date_kind(text) for text in texts]
    keys = [_key(text) for text in texts]  # for the copies and the title, found once
    hint_keys = _hint_keys(title_hint) if title_hint else set()
    kinds, rules = _furniture(texts, dates, keys)
    credits = [  # a credit ends in 摄: the regex, tried at every offset, only where one is
        ("摄" in t and bool(_CAPTION_CREDIT.search(t)))
        or t.startswith(("▲", "△"))
        or bool(_PHOTO_NOTE.search(t))
        for t in texts
    ]
    paragraph_like = [
        not kinds[i] and not dates[i] and not credits[i] and (is_prose(t) or ends_sentence(t))
        for i, t in enumerate(texts)
    ]
    cut = _cut_off_paragraph(texts, kinds, dates, credits, paragraph_like)
    if cut is not None:
        paragraph_like[cut] = True
    hinted = _hinted_title(texts, keys, rules, paragraph_like, hint_keys)
    if hinted is None:
        hinted = _headline_over_mark(texts, rules, dates, paragraph_like)
    if hinted is not None:
        paragraph_like[hinted] = False
    body_start = next(
        (i for i, p in enumerate(paragraph_like) if p and not _standalone_byline(texts[i])),
        len(texts),
    )
    front = [i for i in range(body_start) if not kinds[i] and not dates[i]]
    marks = [i for i in range(body_start) if dates[i] or _standalone_byline(texts[i])]
    title = hinted if hinted is not None else _find_title(texts, front, marks, body_start)
    _mark_copies(keys, kinds, rules, title, hint_keys)
    subtitle = next(
        (i for i in front if texts[i].startswith(SUBTITLE_DASHES) and not kinds[i]), None
    )
    if title is not None:
        kinds[title], rules[title] = "title", ""  # a banner or list line may be the title
        if subtitle is None and title - 1 in front and not kinds[title - 1]:
            kicker = texts[title - 1]
            if _MASTHEAD.fullmatch(simplified(kicker)):
                kinds[title - 1], rules[title - 1] = "furniture", "site name above the title"
            elif (
                _headline_like(kicker)
                and len(kicker) >= _KICKER_CHARS
                and not _CLAUSE.search(kicker)
            ):
                subtitle = title - 1
    if subtitle is not None:
        kinds[subtitle] = "subtitle"
    for i in range(1, body_start):  # a reprint's original headline is no section heading
        if not kinds[i] and _ORIGINAL_TITLE_LABEL.fullmatch(simplified(texts[i - 1])):
            kinds[i], rules[i] = "furniture", "original headline under its label"
    dateline = _dateline_line(texts, dates, kinds, paragraph_like)
    last_body = max((i for i, p in enumerate(paragraph_like) if p), default=len(texts) - 1)
    has_byline = False
    for i, text in enumerate(texts):
        if kinds[i]:
            continue
        if dates[i]:
            kinds[i] = "dateline" if i == dateline else "furniture"
            rules[i] = "" if i == dateline else "date or source line"
        elif (
            not has_byline
            and not credits[i]  # 新华社记者 彭源 摄 credits a photo, not the report
            and (_standalone_byline(text) or (run_on[i] and dates[i - 1]))
        ):
            kinds[i], has_byline = "byline", True
        elif credits[i] or (i < body_start and (title is None or i < title)):
            kinds[i] = "caption"
        elif paragraph_like[i]:
            kinds[i] = "paragraph"
        elif i > last_body or len(text) > SHORT_BLOCK_CHARS or _CAPTION_LIKE.search(text):
            kinds[i] = "caption"
        else:
            kinds[i] = "heading"
    if "paragraph" not in kinds:  # a photo story: its captions tell the news (…。 张三 摄)
        kinds = [
            "paragraph" if kind == "caption" and is_prose(text) else kind
            for kind, text in zip(kinds, texts, strict=True)
        ]
    return kinds, rules


def _cut_off_paragraph(
    texts: list[str],
    kinds: list[str],
    dates: list[str],
    credits: list[bool],
    paragraph_like: list[bool],
) -> int | None:
    """The last block, when it is a paragraph cut off where the page was saved: after body
    text, with a clause comma and no sentence end (``眼下，贞丰县北盘江两岸，近6万亩百香果、芒果``).
    A heading has no clause comma, nor has a block after the text (``微博、微信``); a
    caption with one opens with 图为 or ends in a credit (``…，张三摄``).
    """
    last = max((i for i, kind in enumerate(kinds) if not kind and not dates[i]), default=None)
    if (
        last is None
        or paragraph_like[last]
        or credits[last]
        or not any(paragraph_like[:last])
        or not _CLAUSE_COMMA.search(texts[last])
        or _CAPTION_MARKS.search(texts[last])
    ):
        return None
    return last


def _date_kind(text: str) -> str:
    """``date`` (a line led by a date), ``source`` (``来源：某某日报``), ``labelled`` (``发布时间：2021-05-12``) or ``""``."""
    if len(text) > _DATELINE_CHARS or _SENTENCE_MARK.search(text):
        return ""
    if _LABELLED_DATE.match(text):
        return "labelled"
    if _lead_dateline(text) == text:  # 新华社昆明9月22日电, split off its story's title
        return "date"
    date = _DATE_ALONE.search(text)
    if date and date.start() <= _DATE_AT_MOST:
        return "date"
    return "source" if _SOURCE_LINE.match(text) else ""


def _dateline_line(
    texts: list[str], dates: list[str], kinds: list[str], paragraph_like: list[bool]
) -> int | None:
    """The line that is the dateline: a date line, else a source line, else (when the
    first paragraph has no dateline of its own, ``本报贵阳6月3日电``) a labelled date line.

    A page's ``发布时间`` label gives when the page was posted; a wire's own dateline,
    where there is one, is the report's.
    """
    for wanted in ("date", "source"):
        found = next((i for i, d in enumerate(dates) if d == wanted and not kinds[i]), None)
        if found is not None:
            return found
    first = next((i for i, p in enumerate(paragraph_like) if p), None)
    if first is not None and _lead_dateline(texts[first]):
        return None
    return next((i for i, d in enumerate(dates) if d == "labelled" and not kinds[i]), None)


def _hinted_title(
    texts: list[str],
    keys: list[str],
    rules: list[str],
    paragraph_like: list[bool],
    hint_keys: set[str],
) -> int | None:
    """The first line before the body that reads as the metadata title (``keys``: each
    line's ``_key``; ``hint_keys``: the title's, ``_hint_keys``), if any.

    The body starts at the first long paragraph or sentence ending in 。: a short line of
    running text before it is the site's (``欢迎您来到…官方网站！``, ``手机终端下载：``).
    A line furniture by its neighbours only (a page banner, a list item) is the title when
    it reads as it.
    """
    for i, key in enumerate(keys):
        if not hint_keys:
            break
        if key in hint_keys and rules[i] in _NEIGHBOURS_RULES:
            return i
        if paragraph_like[i] and (len(texts[i]) > SHORT_BLOCK_CHARS or texts[i].endswith("。")):
            break
    return None


#: Furniture rules a line meets by its neighbours, not by its own words ("" for none).
_NEIGHBOURS_RULES = frozenset({"", "page banner", "list item", "summary of the paragraph below"})


def _furniture(texts: list[str], dates: list[str], keys: list[str]) -> tuple[list[str], list[str]]:
    """``"furniture"`` (or ``""``) per line, and the rule: a line's own, or its neighbours'.

    Lines before a breadcrumb are the site's banner; the items under a list label
    (``相关新闻``) are the list, with the source and date line of each item that another
    item follows; a line that repeats an earlier line is a copy, and a
    line that a paragraph just below starts with is the page's summary of it. Date and
    source lines (``dates``) are left to the dateline rule; ``keys`` are the lines'
    ``_key``.
    """
    rules = [
        "" if date else furniture.line_rule(text) for text, date in zip(texts, dates, strict=True)
    ]
    crumb = next((i for i, rule in enumerate(rules) if rule == "navigation"), None)
    banner = texts[:crumb] if crumb is not None and crumb <= _BANNER_LINES else []
    if not any(_SENTENCE_MARK.search(text) for text in banner):  # a keyword banner has commas
        for i in range(len(banner)):
            if not rules[i]:
                rules[i] = "page banner"
    for start, end in _menu_runs(texts, dates):
        rules[start:end] = [rule or "menu" for rule in rules[start:end]]
    bulleted = [
        not date and bool(furniture.LIST_ITEM.match(text))
        for text, date in zip(texts, dates, strict=True)
    ]
    in_list = False
    seen: set[str] = set()
    for i, text in enumerate(texts):
        if (
            i
            and not rules[i]
            and not dates[i]
            and len(text) <= _VALUE_CHARS
            and _LABEL_ALONE.search(simplified(texts[i - 1]))
            and (not ends_sentence(text) or _LABEL_ALONE.search(simplified(text)))
        ):
            rules[i] = "value of the label above"  # 来源： / 新华网, 来源： / 哈密开发报 编辑：
        item = (
            bulleted[i]
            and not _running(text)
            and not (text[0] in _PRINT_BULLETS and not any(bulleted[max(i - 1, 0) : i + 2 : 2]))
        )
        if rules[i] == "list label":
            in_list = True
        elif not rules[i] and (
            (item and not dates[i])
            or (in_list and not dates[i] and not ends_sentence(text))
            or (in_list and dates[i] and not _running(texts[i + 1] if i + 1 < len(texts) else ""))
        ):
            rules[i] = "list item"  # an item's source and date line, another item after it
        else:
            in_list = in_list and bool(rules[i])
        if not rules[i] and not dates[i] and len(text) >= _COPY_CHARS:
            key = keys[i]
            if key in seen:
                rules[i] = "copy of an earlier line"
            elif _summary_of_next(text, texts[i + 1 : i + 1 + _SUMMARY_REACH]):
                rules[i] = "summary of the paragraph below"
            seen.add(key)
    return ["furniture" if rule else "" for rule in rules], rules


#: Marks a newspaper sets before a section heading or a byline (●高原上的“医”靠, □本报记者
#: 侯冲): a line so marked, with no bulleted line next to it, is no item of a list.
_PRINT_BULLETS = "●◆■□"


def _menu_runs(texts: list[str], dates: list[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of at least ``_MENU_LINES`` lines that are each one short
    word (``扶贫要闻``, ``部门动态``, ``协会新闻`` …; ``微博``, ``图集``): a site's menu. A report's
    headings have paragraphs between them."""
    start = 0
    for i in range(len(texts) + 1):
        if i < len(texts) and not dates[i] and _MENU_ITEM.match(texts[i]):
            continue
        if i - start >= _MENU_LINES:
            yield start, i
        start = i + 1


def _summary_of_next(text: str, below: list[str]) -> bool:
    """True when one of the lines ``below`` starts with ``text`` (less a closing ``…``) and goes on."""
    head = text.rstrip("…. ")
    return (
        len(head) >= _COPY_CHARS
        and not ends_sentence(head)
        and any(len(line) > len(text) and line.startswith(head) for line in below)
    )


def _headline_over_mark(
    texts: list[str], rules: list[str], dates: list[str], paragraph_like: list[bool]
) -> int | None:
    """The line a page prints right above its date, source or byline line (over the
    site's furniture), when it reads as a headline (``_headline_shaped``) and comes before
    the body: news pages put the headline there, under the site's name and menus
    (``佛山在线``, ``手机版``) that would otherwise pass for it. It may hold a comma or an
    exclamation (``资金到位、人员到岗！浙川再续“山海情”``), which makes it read as running
    text; a paragraph has no such line under it. A page banner or list item may be it.
    """
    above = None
    for i, text in enumerate(texts):
        if dates[i] or _standalone_byline(text):
            if above is not None and _headline_shaped(texts[above]):
                return above
            above = None
        elif not rules[i] or rules[i] in _NEIGHBOURS_RULES:
            if paragraph_like[i] and (len(text) > HEADLINE_CHARS or "。" in text):
                return None
            above = i
    return None


def _headline_shaped(text: str) -> bool:
    """A line that may be a headline even if it reads as running text: one clause or a
    few, with no 。, of headline length, neither a label (``内容检索：``), a quoted
    sentence (``他说：“好！”``), a list number, a byline nor a wire's dateline
    (``新华社昆明9月22日电``)."""
    return (
        _headline_form(text)
        and _headline_length(text)
        and "。" not in text
        and not _QUOTED_SENTENCE_END.search(text)
        and not text.endswith(("：", "；", ":", ";"))
    )


def _headline_length(text: str) -> bool:
    """Long enough for a headline: the site names, menu items and author names printed
    above one are shorter (新闻, 手机版, 佛山在线, 梅玲玲); of the 373 titles in the gold of
    the real reports in ``tests/data``, none has fewer than ``HEADLINE_MIN_CHARS``."""
    return len(_SPACES.sub("", text)) >= HEADLINE_MIN_CHARS


def _find_title(
    texts: list[str], front: list[int], marks: list[int], body_start: int
) -> int | None:
    """The title's block by the layout rules, when no line reads as the metadata title
    and none stands right above the dateline (``_headline_over_mark``).

    The headline-like line right before a dash subtitle; else the first headline-like
    line before the first byline or date line (``marks``) and before the body, passing
    over lines with commas (photo captions carry commas, headlines spaces) when another
    line is there, and over lines too short for a headline (``_headline_length``); else
    the body's first line, when it is shaped as a headline (``_headline_shaped``: a
    headline with an exclamation, ``京蒙情深！北京5年…``, reads as running text); else a
    short line.
    """
    candidates = [i for i in front if _headline_like(texts[i])]
    dashes = [i for i in front if texts[i].startswith(SUBTITLE_DASHES)]
    if dashes:
        before = [i for i in candidates if i < dashes[0]]
        return before[-1] if before and before[-1] == dashes[0] - 1 else None
    if marks:
        candidates = [i for i in candidates if i < marks[0]] or candidates
    long = [i for i in candidates if _headline_length(texts[i])]
    if long:
        return ([i for i in long if not _CLAUSE.search(texts[i])] or long)[0]
    if body_start < len(texts) - 1 and _headline_shaped(texts[body_start]):
        return body_start
    return ([i for i in candidates if not _CLAUSE.search(texts[i])] or candidates or [None])[0]


def _mark_copies(
    keys: list[str], kinds: list[str], rules: list[str], title: int | None, hint_keys: set[str]
) -> None:
    """Make furniture of every other line that repeats the title or the metadata title
    (``keys``: each line's ``_key``; ``hint_keys``: the metadata title's)."""
    titles = hint_keys | ({keys[title]} if title is not None else set())
    for i, key in enumerate(keys):
        if i != title and not kinds[i] and key in titles:
            kinds[i], rules[i] = "furniture", "copy of the title"


def _running(text: str) -> bool:
    """Running text: a sentence (inside or at the end) or a long block with clause marks."""
    return is_prose(text) or ends_sentence(text)


def _standalone_byline(text: str) -> bool:
    """A line that is only a byline: ``记者 王五 通讯员 赵六``, ``（本报记者 张三）``, ``（李四）``."""
    return (
        len(text) <= _BYLINE_CHARS
        and not _running(text)
        and bool(_BYLINE.search(text) or _NAMES_ONLY.match(text))
    )


def _lead_dateline(paragraph: str) -> str:
    match = _DATELINE_LEAD.match(simplified(paragraph))
    return paragraph[: match.end()].rstrip(" ") if match else ""


def _byline_in(paragraph: str) -> str:
    plain = simplified(paragraph)
    match = (
        _BYLINE_IN_PARAGRAPH.search(plain)
        or _NAMES_AFTER_LEAD.match(plain)
        or _NAME_AT_END.search(plain)
    )
    return paragraph[match.start(1) : match.end(1)] if match else ""


def _heading_levels(kinds: list[str], texts: list[str]) -> list[int]:
    """Level per block: a numbered heading's by its numbering, the outermost the report uses
    first (一、 and 二、 are siblings, （一） under them); other runs of headings nest (to
    ``MAX_HEADING_LEVEL``), and a lone heading sits below the last run.

    >>> _heading_levels(["heading", "heading", "paragraph", "heading", "paragraph"],
    ...                 ["一、产业协作", "（一）共建园区", "两地共建园区3个。", "二、劳务协作", "转移就业。"])
    [1, 2, 0, 1, 0]
    """
    numbering = [
        next((rank for rank, style in enumerate(_NUMBERINGS) if style.match(text)), None)
        if kind == "heading"
        else None
        for kind, text in zip(kinds, texts, strict=True)
    ]
    used = sorted({rank for rank in numbering if rank is not None})
    levels = _levels_by_runs(kinds)
    return [
        level if rank is None else used.index(rank) + 1
        for level, rank in zip(levels, numbering, strict=True)
    ]


def _levels_by_runs(kinds: list[str]) -> list[int]:
    """Level per block by where headings stand: runs nest, a lone heading sits below the last run."""
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
            deepest_run = min(run_end - i + 1, MAX_HEADING_LEVEL)
            for depth, j in enumerate(range(i, run_end + 1), 1):
                levels[j] = min(depth, MAX_HEADING_LEVEL)
        else:
            levels[i] = min(deepest_run + 1, MAX_HEADING_LEVEL)
        i = run_end + 1
    return levels
