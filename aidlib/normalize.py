"""Repair the typing and layout defects of a raw report, and report every repair.

The raw files are never edited: ``normalize`` returns a new text plus a table of
fixes, so that the next report a user adds gets the same treatment and a reader
can check what changed.

The normalised text has one block (title, heading, paragraph, caption …) per
line, joined by ``"\\n"``; blank lines and surrounding white space are dropped.

>>> raw = "企业与晏坝镇建立了合作开发关系,在茶叶种植和推广、乡村振兴规划等领域投入超\\n\\n过60万元;组建 7 个帮扶团。"
>>> n = normalize(raw)
>>> n.text
'企业与晏坝镇建立了合作开发关系，在茶叶种植和推广、乡村振兴规划等领域投入超过60万元；组建7个帮扶团。'
>>> n.fixes[["kind", "line"]].values.tolist()
[['punctuation', 1], ['punctuation', 3], ['space', 3], ['page_break_join', 1]]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from aidlib import furniture, tokens
from aidlib.chars import BLOCK_END, CJK, CJK_OR_FULLWIDTH_PUNCT, CLOSING, SENTENCE_END

FIX_COLUMNS = ["kind", "line", "before", "after"]
Fix = tuple[str, int, str, str]  # one row of the fixes table, in FIX_COLUMNS order

#: Longest block, in characters, that may be a heading or a caption.
SHORT_BLOCK_CHARS = 30

_CLAUSE_MARK = re.compile(r"[，、；：]|[,;:](?![0-9])")  # not 3,000 or 09:30
_SENTENCE_MARK = re.compile(f"[{SENTENCE_END}]")

_FULLWIDTH_ALNUM = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)} | {
    chr(c): chr(c - 0xFEE0) for c in [*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
}
_FULLWIDTH_RUN = re.compile("[" + "".join(_FULLWIDTH_ALNUM) + "]+")
_TO_HALF_WIDTH = str.maketrans(_FULLWIDTH_ALNUM)
_HALF_TO_FULL = {",": "，", ";": "；", "?": "？", ":": "：", "!": "！"}
_PUNCT_IN_CHINESE = re.compile(
    rf"(?<=[{CJK_OR_FULLWIDTH_PUNCT}])[,;?:!]+|[,;?:!]+(?=[{CJK_OR_FULLWIDTH_PUNCT}])"
)
_PARENS = re.compile(r"\(([^()\n]*)\)")
#: A comma right before another clause or sentence mark: punctuation some copying sites
#: insert into a text (涇源所需,、海滄所能; 工作,。木耳), dropped.
_DOUBLED_MARK = re.compile("[,，](?=[,，、。；！？])")
#: Characters that show nothing: zero-width spaces and joiners, word joiner, byte-order mark.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]+")
#: Any white space but the plain space (no-break, thin, ideographic, tab …): read as a space.
_OTHER_SPACE = re.compile(r"[^\S \n]")
#: What ``normalize`` strips from both ends of a line: white space (every character
#: ``str.isspace`` and ``\s`` take; the last is U+3000) and the invisible characters.
_EDGE = (
    "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "\u200b\u200c\u200d\u2060\ufeff"
)
#: Digits grouped by thousands with spaces (``1 000 000``), as SI typesetting does.
_SPACE_GROUPED = re.compile(r"(?<![0-9.])[0-9]{1,3}(?: [0-9]{3})+(?![0-9])")
_SPACED_NUMBER = re.compile(rf"(?:(?<=[{CJK}]) +)?([0-9][0-9.,+\-~%/]*)(?: +(?=[{CJK}]))?")
#: A dateline's separators: ``本报讯 6月3日``, ``2021-05-12 09:30 来源`` (not typing defects).
_AFTER_DATELINE_MARK = re.compile(r"[讯电]$")
_DATE_OR_TIME = re.compile(r"(?:[0-9]{1,2}:[0-9]{2}|[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2})$")
_BEFORE_TIME = re.compile(r"[0-9]{1,2}:[0-9]{2}")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]*)"')
#: A character one of ``_repair_once``'s repairs starts from (invisible, white space, full-width
#: letters and digits, a straight quote or bracket, half-width punctuation). Most lines of a
#: report have none and are passed over after this one search instead of eight.
_REPAIRABLE = re.compile(
    '[\u200b\u200c\u200d\u2060\ufeff"(,;?:!' + "".join(_FULLWIDTH_ALNUM) + r"]|\s"
)
_CONTEXT = 4
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
#: A reading aid some sites print after a character or a word (萬（wàn）元, 項（xiàng）目,
#: 乡村(xiāngcūn), 社會（huì ）): pinyin with a tone mark, in brackets, right after Chinese.
_PINYIN_GLOSS = re.compile(rf"(?<=[{CJK}])[（(](?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,24}}\s?[）)]")
#: A character a mirror site lost while glossing it: a ``?`` where it stood, its pinyin after
#: (當?shù)貜娪, 日?qǐng)?bào): marked as one lost character (□), not a question that ends a sentence.
_LOST_CHARACTER = re.compile(rf"\?(?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,24}}\)?")
#: What ``normalize`` writes for a lost character.
LOST = "□"
_CLOSING_BRACKET = re.compile(r"(?<=\S)\s*[（(][^（）()]{1,60}[）)]$")
#: A photo credit closing a line (``…基地。通讯员 冉江陵 摄``, ``…投用。邵丹 攝``, ``…供图``): no
#: sentence runs on from it.
_CREDIT_END = re.compile(rf"(?:(?:^|[\s。！？])[{CJK}]{{2,4}}\s?[摄攝]|供图|供圖)[）)]?$")
_CJK_CHAR = re.compile(f"[{CJK}]")
#: A line led by a date in digits (2022-02-25 05:58:47 来源：…): a page's stamp, not prose.
_STAMPED = re.compile(r"\s*[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}(?![0-9])")


@dataclass(frozen=True)
class Normalized:
    """A normalised text, the raw line each of its lines came from, and the fixes made.

    ``fix_rows`` are the fixes as tuples in ``FIX_COLUMNS`` order; ``fixes`` is the same as
    a table, built when first asked for (the corpus pipeline needs only the tuples).
    """

    text: str
    source_lines: tuple[int, ...]
    fix_rows: tuple[Fix, ...]

    @cached_property
    def fixes(self) -> pd.DataFrame:
        return fix_frame(self.fix_rows)


def normalize(raw: str) -> Normalized:
    """Return the repaired text of ``raw`` with a table of fixes (kind, line, before, after).

    Kinds: ``lost_character`` (a ``?`` and the pinyin a mirror site left for a character it
    lost: 當?shù)貜 → 當□貜), ``fullwidth_alnum`` (ＡＢ１２ → AB12), ``punctuation`` (half-width ``,;?:!()``
    next to Chinese → full-width; ``3,000``, ``3+2``, ``8-12``, ``9.25`` stay),
    ``quote`` (straight ``"…"`` around Chinese → “…”), ``pinyin_gloss`` (a site's
    reading aid after a character, dropped: 項（xiàng）目 → 項目), ``space`` (white space between
    a digit and a Chinese character; a space between two Chinese phrases is a separator
    and stays), ``page_break_join`` (a prose line that stops mid-sentence where a word
    runs on into the next block) and ``truncated`` (a prose line that stops
    mid-sentence and does not run on: kept as it is, only reported).
    ``line`` is the 1-based line of ``raw`` the fix was made on.

    >>> raw = "全面建成小康社会，最艰巨的任务是脱贫攻坚。作为对口帮扶单位，雁塔区和航天基地\\n\\n结合汉滨实际，书写新篇章。"
    >>> normalize(raw).fixes.values.tolist()
    [['truncated', 1, '扶单位，雁塔区和航天基地', '扶单位，雁塔区和航天基地']]
    """
    fixes: list[Fix] = []
    blocks: list[tuple[int, str]] = []
    for number, line in enumerate(raw.splitlines(), 1):
        line = line.strip(_EDGE)
        if line:
            blocks.append((number, _repair_line(line, number, fixes)))
    blocks = _join_page_breaks(blocks, fixes)
    return Normalized(
        text="\n".join(text for _, text in blocks),
        source_lines=tuple(number for number, _ in blocks),
        fix_rows=tuple(fixes),
    )


def as_normalized(text: str) -> str:
    """``text`` without what ``normalize`` drops inside a line (pinyin glosses, a comma a
    copying site put before another mark) and with its lost characters marked (□): how a
    string copied from a raw page (a reader's gold, a search term) meets the normalised text.

    >>> as_normalized("投資1.5萬（wàn）元,、")
    '投資1.5萬元、'
    """
    return _DOUBLED_MARK.sub("", _LOST_CHARACTER.sub(LOST, _PINYIN_GLOSS.sub("", text)))


def fix_frame(rows: Sequence[Fix]) -> pd.DataFrame:
    """Fixes as a table with ``FIX_COLUMNS``.

    >>> fix_frame([("space", 3, "组建 7 个", "组建7个")]).values.tolist()
    [['space', 3, '组建 7 个', '组建7个']]
    """
    return pd.DataFrame(list(rows), columns=FIX_COLUMNS)


def is_prose(block: str) -> bool:
    """True for running text: a sentence end inside, or a long block with clause marks.

    Headings carry no punctuation, photo captions are short, and a subtitle starts with
    a dash, so none of them is prose.

    >>> is_prose("高位推进 统筹布局"), is_prose("开展就业帮扶，稳就业促增收助脱贫"), is_prose("脱贫攻坚。作为")
    (False, False, True)
    """
    if block.startswith(("——", "--")):
        return False
    long_clauses = len(block) > SHORT_BLOCK_CHARS and _CLAUSE_MARK.search(block) is not None
    return long_clauses or _SENTENCE_MARK.search(block, 0, len(block) - 1) is not None


def ends_sentence(block: str) -> bool:
    """True when ``block`` ends as a block may: a sentence end, ``：`` or ``；``, then quotes.

    A bracket closing the block (a byline ``（记者 张三）``, ``（完）``) is passed over.

    >>> ends_sentence("签订协议。"), ends_sentence("他说：“好。”"), ends_sentence("投入超")
    (True, True, False)
    >>> ends_sentence("签订协议。 （记者 张三）"), ends_sentence("资金（万元）")
    (True, False)
    """
    if block.endswith(("）", ")")):  # else the bracket rule has nothing to pass over
        block = _CLOSING_BRACKET.sub("", block)
    return block.rstrip(CLOSING).endswith(tuple(BLOCK_END))


def _repair_line(line: str, number: int, fixes: list[Fix]) -> str:
    """Repair one line until nothing changes (one repair can expose another: ``"百":``)."""
    if "（" in line or "(" in line:
        line = _substitute(_PINYIN_GLOSS, lambda m: "", line, "pinyin_gloss", number, fixes)
    if "?" in line:
        line = _substitute(_LOST_CHARACTER, lambda m: LOST, line, "lost_character", number, fixes)
    while True:
        repaired = _repair_once(line, number, fixes)
        if repaired == line:
            return line
        line = repaired


def _repair_once(line: str, number: int, fixes: list[Fix]) -> str:
    if not _REPAIRABLE.search(line):
        return line
    line = _substitute(_INVISIBLE, lambda m: "", line, "invisible", number, fixes)
    line = _substitute(_OTHER_SPACE, lambda m: " ", line, "space", number, fixes)
    line = _substitute(
        _FULLWIDTH_RUN,
        lambda m: m.group().translate(_TO_HALF_WIDTH),
        line,
        "fullwidth_alnum",
        number,
        fixes,
    )
    line = _substitute(_STRAIGHT_QUOTES, _curly_quotes, line, "quote", number, fixes)
    line = _substitute(_PARENS, _full_width_parens, line, "punctuation", number, fixes)
    line = _substitute(
        _PUNCT_IN_CHINESE,
        lambda m: "".join(_HALF_TO_FULL[c] for c in m.group()),
        line,
        "punctuation",
        number,
        fixes,
    )
    line = _substitute(_DOUBLED_MARK, lambda m: "", line, "punctuation", number, fixes)
    if " " not in line:  # every number matches _SPACED_NUMBER; only a space changes one
        return line
    line = _substitute(
        _SPACE_GROUPED, lambda m: m.group().replace(" ", ""), line, "space", number, fixes
    )
    return _substitute(_SPACED_NUMBER, _unspaced_number, line, "space", number, fixes)


def _unspaced_number(match: re.Match[str]) -> str:
    """The number without the spaces around it, except a dateline's separators."""
    before = match.string[: match.start(1)]
    left = match.string[match.start() : match.start(1)]
    right = match.string[match.end(1) : match.end()]
    if _AFTER_DATELINE_MARK.search(before.rstrip(" ")) or _BEFORE_TIME.match(
        match.string, match.start(1)
    ):
        left = left and " "
    elif left:
        left = ""
    if right and _DATE_OR_TIME.search(match.string[: match.end(1)]):
        right = " "
    elif right:
        right = ""
    return left + match.group(1) + right


def _substitute(
    pattern: re.Pattern[str],
    replace: Callable[[re.Match[str]], str],
    line: str,
    kind: str,
    number: int,
    fixes: list[Fix],
) -> str:
    """Apply ``replace`` to every match of ``pattern`` that changes it, recording each change."""
    pieces, last = [], 0
    for match in pattern.finditer(line):
        new = replace(match)
        if new == match.group():
            continue
        left = line[max(0, match.start() - _CONTEXT) : match.start()]
        right = line[match.end() : match.end() + _CONTEXT]
        fixes.append((kind, number, left + match.group() + right, left + new + right))
        pieces += [line[last : match.start()], new]
        last = match.end()
    return "".join(pieces) + line[last:]


def _full_width_parens(match: re.Match[str]) -> str:
    before = match.string[match.start() - 1 : match.start()]
    if re.search(f"[{CJK}]", match.group(1) + before):
        return f"（{match.group(1)}）"
    return match.group()


def _curly_quotes(match: re.Match[str]) -> str:
    if re.search(f"[{CJK}]", match.group(1)):
        return f"“{match.group(1)}”"
    return match.group()


def _join_page_breaks(blocks: list[tuple[int, str]], fixes: list[Fix]) -> list[tuple[int, str]]:
    """Re-join prose split across a page break; report prose that stops mid-sentence."""
    joined: list[tuple[int, str]] = []
    for number, text in blocks:
        if joined:
            prev_number, prev = joined[-1]
            if _stops_mid_sentence(prev):
                if _runs_on(prev, text):
                    fixes.append(
                        (
                            "page_break_join",
                            prev_number,
                            f"{prev[-6:]} / {text[:6]}",
                            (prev[-6:] + text[:6]),
                        )
                    )
                    joined[-1] = (prev_number, prev + text)
                    continue
                fixes.append(("truncated", prev_number, prev[-12:], prev[-12:]))
        joined.append((number, text))
    if joined and _stops_mid_sentence(joined[-1][1]):
        number, text = joined[-1]
        fixes.append(("truncated", number, text[-12:], text[-12:]))
    return joined


def _stops_mid_sentence(line: str) -> bool:
    """True for running text that ends without a sentence end: not a photo caption closed
    by its credit (``…劳作。 朱洪波 摄``), page furniture (``版权所有：…``, ``发布时间：…来源：
    新华社``) or a line led by a date and time (``2022-02-25 05:58:47 来源：工人日报``).

    >>> _stops_mid_sentence("两地党政领导互访对接6次，有力促进了双方在干部人才方面的深入交流，双")
    True
    >>> _stops_mid_sentence("图为凌云县一扶贫车间员工在生产线上劳作。 朱洪波 摄")
    False
    """
    return (
        is_prose(line)
        and not ends_sentence(line)
        and not _CREDIT_END.search(line)
        and not _STAMPED.match(line)
        and not furniture.line_rule(line)
    )


def _runs_on(left: str, right: str) -> bool:
    """True when the sentence cut off at the end of ``left`` (``_stops_mid_sentence``) goes
    on at the start of ``right``: a word spans the break between two Chinese characters,
    and ``right`` is no page furniture (``原标题：…``). Digits or letters on either side are
    a date, a counter or a footer running into the next line.

    >>> _runs_on("领域投入超", "过60万元"), _runs_on("2018年，省财政提", "原标题：福建援宁")
    (True, False)
    """
    return (
        bool(_CJK_CHAR.match(left[-1]) and _CJK_CHAR.match(right[0]))
        and not furniture.line_rule(right)
        and _word_runs_across(left, right)
    )


def _word_runs_across(left: str, right: str) -> bool:
    """True when a dictionary word spans the end of ``left`` and the start of ``right``.

    >>> _word_runs_across("领域投入超", "过60万元"), _word_runs_across("雁塔区和西安航天基地", "结合汉滨实际")
    (True, False)
    """
    tail, head = left[-6:], right[:6]
    position = 0
    for word in tokens.tokenize(tail + head, keep_punctuation=True):
        if position < len(tail) < position + len(word):
            return True
        position += len(word)
    return False
