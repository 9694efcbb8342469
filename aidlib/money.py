"""Money and quantity mentions in a report, classified from their context, and tallied honestly.

Every mention is read as an interval (rules in ``aidlib.numerals``) and classified
by cue words near it.  The cue words and their labels are data, in
``data/money_cues.csv`` (edit it to change the classification); the label of the
*nearest* cue wins (ties go to the cue before the mention).  Where cues are
looked for:

- ``kind``: first a cue in the noun phrase right after the amount
  (``370余万元物资`` → in_kind, ``200万元资金`` → fund), then the nearest cue
  before the amount in its clause (``企业…投入超过60万元`` → investment), then the
  nearest cue in its sentence part; else ``other``. A purchase or goods word in a purpose
  after the amount (``…2670万元，用于购买基础母牛``) is what the money buys, no cue of its kind.
  投入 is an investment only after a firm (企业, 公司, 集团 …) in the amount's sentence part;
  otherwise it is aid spent, a fund (``深圳累计投入46.65亿元``), and so is 投资 by the
  aiding side (``广东帮扶广西共投资1178万元``). Money and goods told as one sum
  (``援藏资金、物资总计5.11亿元``) are a fund. The central government's own money
  (``争取中央资金``, ``中央财政专项资金``, ``中央预算内投资``) is ``central``: no paired aid,
  left out of tallies; so is an ``outcome`` the aid brought about or a measure of an
  economy or a firm, named right before the amount (户均增收1.1万元, 实现劳务收入23.7亿元,
  纳税1217万元, 地区生产总值突破4000亿元, 固定资产投资完成…, 授信额度一亿元, a firm's
  年销售额…), what an aid-built asset earns (获得40万元租金收益, 产生效益65万元) and money the
  aid drew in (撬动各类资金近15亿元, 吸引社会资本…), a ``deal`` signed or intended (签约金额达…,
  签署投资协议…, 签约项目89个 总投资815亿元, …亿元的签约金额; not a purchase agreement, a
  ``purchase``), and a ``plan``: money planned
  or promised with a verb of giving (计划投入…, 预计投入…, 将为汶川提供…), aimed at
  (力争…) or named a target (…5000万元的目标任务): not given yet. The end of a
  comparison (从…的5.9亿元增长到216.3亿元) has the kind of its start.
- ``domain``: the purpose the sentence states for the amount (a purpose verb after it
  in its clause: ``投资5亿元建设工厂``; a next clause opening with one: ``…万元，用于务工
  人员返岗补贴``; a clause about the money itself: ``这笔资金…``), then the nearest cue in
  the amount's own stretch of its clause (in a list of figures the words before each
  figure are its own), then a neighbouring clause that names no figure of its own, then
  what it earned (增收, 分红) or an investment by firms (``industry``); else ``general``:
  a donation names who gives (``kind`` donation), not what for. ``social`` is welfare
  (救助, 养老, 低保, 民生 …), not the codebook's ``social`` code (社会动员: who gives).
  A figure in brackets right after another, the end of a 从…到 comparison, a table
  cell repeating a figure and a part of a whole (其中…) that names no area share its area.
  ``domain_cue`` keeps the deciding words (``用于务工`` for a purpose).
- ``cumulative``: a running-total cue (累计, 总额, 截至, 共计 …) before the amount
  in its sentence part.  先后 ("one after another") marks a running
  total only when the amount serves no single domain: ``先后筹资400万元`` for an
  employment fund is that fund's amount, ``先后拨付资金3000万元`` is a total.
- ``is_rate``/``rate_unit``: an amount per something is a rate, not an amount
  given: 每X or X均 before it in its clause (每个基地, 户均, 县均), /X, 每X or 一X right
  after it (元/人/月, 8元一斤), an income per period (月收入, 年薪), a price (单价,
  收购价, 6元的价格), a standard (一次性奖励, 补助标准为), 连续N年 (each year), or 分别
  with one figure, or 各 right before it (两县各100万元).
  ``rate_unit`` names the units, things first, then periods (``per post per month``).
- ``unit_inferred``: an amount in 万 or 亿 written without 元 is money when a money word
  (资金, 善款, 销售额 … in ``money_cues.csv``) stands before it in its clause or right
  after it (筹集善款80余万, 资金达2.5亿, 600万启动资金); a count (80余万人) or another
  currency is not. The numbers of a table flattened into one line take the unit its
  header gives (``分配额（万元） 合计4000乐都区819``).
- ``in_title``: the amount is in the report's title (or in the headline the page prints
  again above the body); ``mention_roles`` keeps a title figure the body tells again, and
  a title figure printed again, out of the tally.
- Reports in traditional characters are read through OpenCC's character table (same
  offsets); a parsed ``Document``'s furniture blocks (site navigation, copies) are skipped,
  except a repeat of its title.

A clause is the text between two of ，；：！？。 and line ends; a sentence is a
span of ``aidlib.structure.sentence_spans``, and a sentence part the stretch of
it between two ``；`` (independent clauses: a cue across a ``；`` says nothing
about the amount).

>>> m = extract_money("雁塔区向汉滨区捐赠了370余万元物资。", doc_id="demo")
>>> m[["mention", "value_yuan", "value_yuan_high", "qualifier", "kind", "domain"]].values.tolist()
[['370余万元', 3700000.0, 3800000.0, 'more_than', 'in_kind', 'general']]
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

import jieba
import pandas as pd

from aidlib import tokens
from aidlib.chars import simplified, word_trie
from aidlib.corpus import Corpus, as_corpus
from aidlib.display import MOST_REPORTS, largest_reports
from aidlib.normalize import is_prose
from aidlib.numerals import (
    BARE_MAGNITUDE,
    LARGE_MAGNITUDE,
    LARGE_MAGNITUDE_CHARS,
    MAGNITUDES,
    NUMERAL_START,
    PREFIX,
    PREFIX_QUALIFIERS,
    RANGE_MARK,
    SPACE,
    SUFFIX,
    VAGUE,
    VAGUE_PREFIXES,
    adjacent_numerals,
    interval,
    number_phrase,
    qualifier_of,
    read_bare_magnitude,
    read_number_phrase,
    read_numeral,
)
from aidlib.pairings import paired_provinces
from aidlib.structure import Document, sentence_spans

if TYPE_CHECKING:  # matplotlib is imported only by the functions that draw
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

MONEY_COLUMNS = [
    "doc_id",
    "mention",
    "start",
    "end",
    "sentence",
    "value_yuan",
    "value_yuan_high",
    "qualifier",
    "is_rate",
    "rate_unit",
    "unit_inferred",
    "in_title",
    "kind",
    "domain",
    "cumulative",
    "kind_cue",
    "domain_cue",
    "cumulative_cue",
    "part_of",
]

QUANTITY_COLUMNS = [
    "doc_id",
    "mention",
    "start",
    "end",
    "sentence",
    "value",
    "value_high",
    "unit",
    "counted",
    "qualifier",
]

CUMULATIVE_PART_COLUMNS = [
    "doc_id",
    "mention",
    "kind",
    "domain",
    "value_yuan",
    "value_yuan_high",
    "parts",
    "parts_low_yuan",
    "parts_high_yuan",
    "parts_fit",
]

TALLY_COLUMNS = [
    "low_yuan",
    "high_yuan",
    "n_items",
    "cumulative_low_yuan",
    "cumulative_high_yuan",
    "n_cumulative",
    "cumulative_mentions",
    "n_excluded",
    "excluded",
]


#: The cue words, one row per (field, label): edit this file to change the classification.
MONEY_CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "money_cues.csv"

#: The labels each field of ``money_cues.csv`` may use.
CUE_LABELS = {
    "kind": ("fund", "in_kind", "purchase", "investment", "donation"),
    "domain": (
        "industry",
        "employment",
        "consumption",
        "education",
        "health",
        "culture_tourism",
        "infrastructure",
        "social",
    ),
    "cumulative": ("running_total", "successive"),
    "earnings": ("industry",),
    "money": ("money",),
}

#: Things and periods an amount can be "per"; periods come last in ``rate_unit``.
RATE_THINGS = {
    "岗位": "post",
    "亩": "mu",
    "户": "household",
    "人次": "person-time",
    "人": "person",
    "名": "person",
    "学生": "student",
    "家": "firm",
    "村": "village",
    "次": "time",
    "平方米": "square metre",
    "吨": "tonne",
    "公斤": "kg",
    "千克": "kg",
    "斤": "jin",
    "县": "county",
    "乡": "township",
    "镇": "township",
    "校": "school",
    "所": "institution",
    "头": "head",
    "只": "head",
    "株": "plant",
    "棵": "plant",
    "箱": "box",
    "瓶": "bottle",
    "枚": "piece",
    "袋": "bag",
    "盒": "box",
    "件": "piece",
    "个": "piece",
    "套": "set",
    "台": "unit",
    "间": "room",
    "课时": "lesson",
    "小时": "hour",
    "企业": "enterprise",
    "合作社": "cooperative",
    "基地": "base",
}
RATE_PERIODS = {"月": "month", "年": "year", "天": "day", "日": "day", "周": "week"}

#: Units of counted things, space-separated (durations, dates and percentages are not counts).
QUANTITY_UNITS = (
    "人次 场次 平方米 公斤 名 人 个 家 所 次 场 期 项 户 条 位 批 支 座 处 间 套 台 件 亩 吨 "
    "棵 株 只 头 辆 本 册 篇 种 类 张 份"
)

_SPACE = f"{SPACE}*"
_CLAUSE_END = "，；：！？。﹐﹔;!?\n"
_CLAUSE_MARK = re.compile(f"[{_CLAUSE_END}]")
#: What ends a sentence part (independent clauses).
_PART_MARK = re.compile("[；﹔;]")
_OBJECT_CHARS = 12
_RANGE_TAIL = rf"(?:{_SPACE}{RANGE_MARK}{_SPACE}{number_phrase('_to')})?"
_INCLUSIVE = rf"(?:{_SPACE}[（(]含[）)])?"
_CURRENCY = r"(?:元|圆|块钱|人民币|块(?=[零〇一二三四五六七八九0-9]+[角毛]))"
_SMALL_DIGIT = "[0-9一二三四五六七八九壹贰叁肆伍陆柒捌玖]"
#: A money noun right after an amount, with the words that may qualify it (4000万财政资金,
#: 200万镇级救助资金, 47亿企业合作资金: the level of government or the party that gives it,
#: and the fund's kind).
_MONEY_NOUN_AFTER = (
    "(?:[省市县区镇乡村]级|财政|专项|帮扶|扶贫|援助|救助|协作|合作|援建|援疆|援藏|配套|社会|企业|产业"
    "|捐赠|启动|奖补"
    "|(?![人户个名家所次元亩吨])[\u4e00-\u9fff]){0,2}"
    "(?:资金|善款|款物|款项|经费|投资)"
)
#: A verb telling what an amount without 元 does, right after it, no space between
#: (投入45万帮扶彝良县; 三年26.21亿 帮扶聚焦… is a headline's pause).
_SPENT_ON = (
    "用于|用来|用作|帮扶|支援|援助|援建|助力|资助|扶持|支持|建设|建成|新建|修建|兴建|改造|改建"
    "|采购|购买|购置|实施|开展|打造"
)
#: What may follow an amount written without 元 (资金达2.5亿，): a clause end, 的, 大关, a money
#: noun, or a verb telling what the money does (投入45万帮扶…, 投资5亿多支援拉萨, 投入3000多万建成…,
#: 用于…); never a unit (80余万人) or another currency (100万美元).
_INFERRED_END = (
    rf"(?={_SPACE}(?:{SUFFIX})?{_SPACE}"
    rf"(?:[，。；、：！？）)」”\"…—\s,;!?]|$|的|大关|{_MONEY_NOUN_AFTER})|(?<!{SPACE})(?:{_SPENT_ON}))"
)
#: A pinyin gloss some sites print after a character: 150萬（wàn）元, 超過（guò）1萬元.
_GLOSS_MARK = re.compile("[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[）)]")
_GLOSS = f"(?:{_GLOSS_MARK.pattern})?"
_MONEY = re.compile(
    rf"(?:(?:{PREFIX}{_GLOSS}{_SPACE})?(?P<vague>{VAGUE}){_GLOSS}{_SPACE}(?P<bare>{BARE_MAGNITUDE})"
    rf"|(?:(?P<prefix>{PREFIX}){_GLOSS}{_SPACE})?{number_phrase()}"
    rf"(?:(?:{_SPACE}{_CURRENCY})?{_INCLUSIVE}{_SPACE}{RANGE_MARK}{_SPACE}{number_phrase('_to')})?)"
    rf"(?:{_SPACE}{_GLOSS}{_SPACE}(?P<currency>{_CURRENCY})(?![旦素宵首件老帅气化]|户(?!均))"
    rf"(?:零?(?P<jiao>{_SMALL_DIGIT})[角毛])?(?:零?(?P<fen>{_SMALL_DIGIT})分)?"
    rf"(?:(?<=分)钱|(?<=[元圆])整)?{_INCLUSIVE}|{_GLOSS}{_INFERRED_END})"
    rf"(?:{_SPACE}(?P<suffix>{SUFFIX}))?"
)
_UNIT = "|".join(sorted(QUANTITY_UNITS.split(), key=len, reverse=True))
#: A count is no ordinal (第四期), no identifier (D3812次列车, K4334次) and no
#: percentage points (增长6.5个百分点) or duration (3个月).
_QUANTITY = re.compile(
    rf"(?<![第A-Za-z])(?:(?P<prefix>{PREFIX}){_GLOSS}{_SPACE})?{number_phrase()}{_RANGE_TAIL}"
    rf"{_SPACE}(?P<unit>{_UNIT})(?!(?<=个)(?:月|小时|星期|工作日|百分点))"
    rf"(?:{_SPACE}(?P<suffix>{SUFFIX}))?"
)
#: A numeral that is a word's second character, not a number: 队伍, 入伍, 退伍, 落伍.
_IN_A_WORD = re.compile("(?<=[队入退落行])伍")
#: A character that can start a money or quantity match: a qualifier word's first, or a
#: numeral's (``NUMERAL_START``).
_MATCH_START = re.compile(
    "["
    + "".join(sorted({word[0] for word in (*PREFIX_QUALIFIERS, *VAGUE_PREFIXES)}))
    + NUMERAL_START
    + "]"
)
#: ``_MONEY`` and ``_QUANTITY`` tried only where ``_MATCH_START`` says a match can start:
#: ``re`` tries a pattern that opens with an optional group at every offset, and one that
#: opens with a lookahead of one class skips the other offsets in C (same matches).
_MONEY_FROM_START = re.compile(f"(?={_MATCH_START.pattern})(?:{_MONEY.pattern})")
_QUANTITY_FROM_START = re.compile(f"(?={_MATCH_START.pattern})(?:{_QUANTITY.pattern})")
_MONEY_NOUN = re.compile(_MONEY_NOUN_AFTER)
#: A qualifier before the verb that gives the amount (每年至少拿出150万元, 每人最高补助10万元;
#: 超过投入 no).
_OUTER_PREFIX = re.compile(
    rf"(?P<prefix>{PREFIX})(?:拿出|安排|投入|筹集|筹措|落实|完成|实现|争取|募集|提供|达到|达"
    rf"|补助|补贴|奖励|资助|给予|获得|可获得|可获)"
    rf"{_SPACE}$"
)
_ANCHOR = re.compile("[元圆块万亿萬億]")
_REACH = 40
_LONG_NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９,，.． \u3000\u00a0")
_MODIFIER_TAGS = ("vn", "a", "b", "an")
_THING = "|".join(sorted(RATE_THINGS, key=len, reverse=True))
_PERIOD = "|".join(RATE_PERIODS)
#: 每X or X均 before an amount, 亩产 (a yield per mu) and 一亩 (一亩纯利润有五六千元); after
#: 每 a thing named a few words on (每个贫困户, 每条村, 每开发一亩), else the next word
#: (每12个月: no number between, it would be read as 个; nor another 每: 每生每年).
_PER_BEFORE = re.compile(
    rf"每(?:一个|一|个|位|名|家|所)?(?:[^，。；、\s0-9０-９每]{{0,5}}?(?P<unit>{_THING}|{_PERIOD})"
    rf"|(?P<word>[\u4e00-\u9fff](?:(?!每)[\u4e00-\u9fff])?))"
    rf"|(?P<avg>{_THING}|{_PERIOD}|平)(?:均|(?<=亩)产)"
    rf"|(?<![0-9０-９〇零一二两三四五六七八九十])一(?P<one>亩)"
)
#: 元/人, 元每户, 8元一斤 (but not 100万元一次性…); repeated: 元/人/月.
_PER_AFTER = re.compile(
    rf"{_SPACE}(?:/|／|每|一(?!次性))(?:一个|一|个)?(?P<unit>{_THING}|{_PERIOD})(?!性)"
)
#: Words that state what an amount is for; the area cue after them decides its domain.
_PURPOSE = re.compile(
    "用于|用来|用作|建设|新建|修建|援建|兴建|改造|改建|修缮|采购|购买|购置|资助|扶持|支持|实施|开展"
    "|打造|建起|建成|开办|开设|共建"
)
#: A purpose opening the next clause, after the place where it is done (…350万元，在甲村打造…).
_PURPOSE_OPENING = re.compile(
    f"{_SPACE}(?:在[\u4e00-\u9fff]{{1,8}}?)?(?:主要|专项|全部|重点|着重|统筹|均|将|并|已|拟|组织)?"
    f"(?:{_PURPOSE.pattern})"
)
#: An amount that modifies the noun after it (总投资300万元的…公路, 价值50万元的图书):
#: that noun phrase is what the money is, so it states its purpose (an empty marker
#: right after the 的: the words after it decide).
_OF_AMOUNT = re.compile("(?<=的)")
_THIS_MONEY = re.compile("(?:这笔|该笔|这些|上述|此笔|该|此)(?:资金|款项|善款|捐款|经费|款物)")
_USED_FOR_BEFORE = re.compile("用于|用来|用作")
_DIGIT = re.compile("[0-9０-９]")
#: A figure of money in a stretch of text: digits before 万, 亿 or 元 (not 66个, 83%, 6.5万亩).
_MONEY_FIGURE = re.compile(
    f"[0-9０-９][0-9０-９.．,，]*{_SPACE}[余多]?{_SPACE}(?:[万亿萬億](?!{_SPACE}(?:{_UNIT}))|元)"
    "|[一二两三四五六七八九十百千]+[余多]?[万亿]?元"
)
#: A price (单价, 收购价 …, or 元的价格 after the amount) or a standard (一次性奖励, 补助标准为
#: right before the amount: not 标准厂房建设…22亿元, 高标准农田建设投入…500万元).
_PRICE_BEFORE = re.compile(
    r"(?P<price>单价|价格|售价|收购价|保底价|市场价|批发价|零售价|均价)(?!值)"
    r"|(?P<standard>一次性(?:奖励|奖补|补助|补贴|资助|发放|给予)|给予一次性|标准[为是]?$)"
)
_PRICE_AFTER = re.compile(rf"{_SPACE}(?:的)?(?:保底|收购|市场|销售)?(?:价格|单价|价)(?!值)")
#: A standard named after its amounts (按照小学2000元、中学3000元的标准资助, 给予5000元的一次性
#: 补贴): each amount is per head; not 标准化 or 标准厂房 (a standard building).
_STANDARD_AFTER = re.compile(
    rf"(?:{_SPACE}[、和][^，。；、]{{0,8}}?[0-9０-９.．]+{_SPACE}[万]?元)*{_SPACE}"
    "(?:的标准|的一次性|标准(?=[，。；、]|给予|发放|补助|补贴|资助|奖励))"
)
#: A bar the amount sets for the things it names (42家产值超千万元企业, 年产值过亿元的园区,
#: 超亿元的龙头企业, 收入超过20万元的村): a rate per thing, not money given; only with a
#: qualifier of over or at least.
_THRESHOLD_AFTER = re.compile(
    rf"{_SPACE}(?:的[\u4e00-\u9fff]{{0,2}}?)?(?P<unit>企业|公司|园区|项目|基地|合作社|村|户)"
)
_THRESHOLD_THINGS = {
    "企业": "enterprise",
    "公司": "enterprise",
    "园区": "park",
    "项目": "project",
    "基地": "base",
    "合作社": "cooperative",
    "村": "village",
    "户": "household",
}
#: 各 right before an amount or its verb (甲县、乙县各100万元, 各安排资金50万元).
_EACH_BEFORE = re.compile(
    rf"各(?:安排|拨付|补助|奖励|投入|捐赠|捐助|获得|给予|支持|资助)?(?:资金|经费)?{_SPACE}$"
)
#: 连续3年 before an amount: the amount is given each of those years, unless summed (累计, 共).
_YEARS_RUNNING = re.compile("连续[0-9一二两三四五六七八九十]+年")
_SUMMED = re.compile("累计|共|合计|总")
#: What a period earns or yields (月收入, 年产值, 年销售额, 年薪, 年增收, 年人均纯收入,
#: 年务工收入), not one dated (2019年产值, 前8个月销售额, 今年收入, 全年销售额: that year's total).
_INCOME = re.compile(
    rf"(?:一个?|每个?|(?<![0-9０-９〇零一二两三四五六七八九十今去当明前上本同该全半])(?!(?<=个)月))"
    rf"(?:(?P<period>{_PERIOD})(?:人均|户均)?(?:务工|经营|纯|总)?"
    rf"(?:收入|增收|工资|薪酬|薪水|产值|销售额|销售收入|营业额|营收|利润|利税|收益|分红)"
    rf"|(?P<pay>{_PERIOD})薪)"
)

#: Pay told over one period with the pay word after the amount or as a verb before it
#: (一个月有2000元的工资, 一年可以多赚3万元): per that period; not a span (一年来, 一年多).
_ONE_PERIOD = re.compile(
    rf"(?<![0-9０-９〇零一二两三四五六七八九十])一个?(?P<period>{_PERIOD})(?![来多半以])"
)
_PAY_WORDS = "工资|收入|薪酬|薪水"
#: Pay, not dividends or yields: the words a month's wage is told with (工资, 收入, 挣).
_PAY = re.compile(f"{_PAY_WORDS}|[挣赚]|到手")
_EARNS_AFTER = re.compile(f"{_SPACE}的?(?:{_PAY_WORDS}|分红|收益)")
_EARNS_BEFORE = re.compile("[赚挣]|到手|拿到|领到")


@dataclass(frozen=True)
class Cues:
    """Cue words read from ``money_cues.csv``: ``{word: label}`` per field, and their regexes."""

    kind: dict[str, str]
    domain: dict[str, str]
    cumulative: dict[str, str]
    earnings: dict[str, str]
    money: dict[str, str]
    _patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)

    def pattern(self, field: str) -> re.Pattern[str]:
        """A regex of the field's words, longest first (so 社会帮扶 beats 帮扶)."""
        if field not in self._patterns:
            self._patterns[field] = _word_pattern(tuple(getattr(self, field)))
        return self._patterns[field]


@functools.cache
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A regex of ``words`` that matches the longest word at each offset, written as a trie
    (``aidlib.chars.word_trie``: about a quarter less time on the 200 area words than the
    words joined). A pinyin gloss may stand inside a word (美丽乡（xiāng）村).

    >>> bool(_word_pattern(("社会", "美丽乡村")).fullmatch("美丽乡（xiāng）村"))
    True
    >>> _word_pattern(("帮扶", "社会帮扶", "社会")).match("社会帮扶").group()
    '社会帮扶'
    """
    return re.compile(word_trie(words, _GLOSS))


class _Labels(dict[str, str]):
    """Labels of cue words that also read a word with a pinyin gloss inside it.

    >>> _Labels({"乡村": "infrastructure"})["乡（xiāng）村"]
    'infrastructure'
    """

    def __missing__(self, word: str) -> str:
        bare = _GLOSS_MARK.sub("", word)
        if bare == word:
            raise KeyError(word)
        return self[bare]

    def get(self, word: str, default: str | None = None) -> str | None:  # type: ignore[override]
        try:
            return self[word]
        except KeyError:
            return default


@functools.cache
def load_cues(path: Path = MONEY_CUES_FILE) -> Cues:
    """The cue words in ``path`` (columns field, label, words, note; words space-separated).

    A row with an unknown field or label, no words, or a word another row of the
    same field already labels raises ``ValueError`` naming the file and line.

    >>> load_cues().kind["物资"], load_cues().cumulative["先后"]
    ('in_kind', 'successive')
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    found: dict[str, dict[str, str]] = {field: {} for field in CUE_LABELS}
    for line, row in enumerate(table.itertuples(), start=2):
        if row.label not in CUE_LABELS.get(row.field, ()):
            raise ValueError(f"{path}, line {line}: unknown field/label {row.field}/{row.label}")
        if not row.words.split():
            raise ValueError(f"{path}, line {line}: no words for {row.field}/{row.label}")
        for word in row.words.split():
            if found[row.field].setdefault(word, row.label) != row.label:
                raise ValueError(f"{path}, line {line}: {word} already has another {row.field}")
    return Cues(**{field: _Labels(labels) for field, labels in found.items()})


class UnreadableNumberWarning(UserWarning):
    """A number-like span that could not be read; it gives no mention."""


def corpus_money(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """``extract_money`` of every report of a ``Corpus`` (``aidlib.corpus.load_corpus``; a
    DataFrame with doc_id and text also works), as one table: one call over the corpus.

    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["拨付20万元。", "捐赠3万元。"]})
    >>> corpus_money(corpus)[["doc_id", "mention"]].values.tolist()
    [['a', '20万元'], ['b', '3万元']]
    """
    rows = [
        row
        for doc_id, doc in as_corpus(corpus).documents.items()
        for row in extract_money(doc, doc_id, frame=False)  # the parse: title, furniture
    ]
    return _table(rows, MONEY_COLUMNS)


def extract_money(
    text: str | Document, doc_id: str | None = None, frame: bool = True
) -> pd.DataFrame | list[dict[str, object]]:
    """One row per money mention in ``text`` (normalised text, or a parsed report).

    Columns: doc_id, mention (surface string, with a rate unit written right after it:
    200元/人/月), start, end (offsets into the text),
    sentence, value_yuan, value_yuan_high (interval in yuan; ``inf`` = no upper
    bound), qualifier (exact, more_than, over, nearly, at_least, about, at_most,
    range, several), is_rate, rate_unit (e.g. ``per post per month``, ``""`` for
    amounts), unit_inferred (no 元 written: 资金达2.5亿), in_title (the mention is in
    the report's title: a ``Document``'s title block, else the first line when it is
    not prose, and a furniture block that prints the title again; or in a reprint's
    原标题 sentence), kind (fund, in_kind, purchase, investment, donation, central,
    outcome, deal, plan, other), domain
    (industry, employment, consumption, education, health, culture_tourism,
    infrastructure, social, general), cumulative, and the words that decided each of
    the last three (``""`` if none; a stated purpose shows as ``用于…务工``), and part_of
    (the amount, with its offset, that this one is a part of: told before it and broken
    down after 其中, or in brackets right after it; ``""`` if none).
    An unreadable or malformed number (``12,34万元``, ``5亿万元``) gives no row and an
    ``UnreadableNumberWarning`` naming doc_id and offset.

    ``frame=False`` gives the same rows as plain dicts (keys ``MONEY_COLUMNS``), the form
    the pipeline streams and ``corpus_money`` joins into one table: a DataFrame costs more
    to build (about 0.6 ms) than a short report takes to read.

    >>> m = extract_money("每个岗位每月补贴1200元；消费扶贫总额超过1000万元。")
    >>> m[["mention", "is_rate", "rate_unit", "kind", "domain", "cumulative"]].values.tolist()
    [['1200元', True, 'per post per month', 'fund', 'employment', False], ['超过1000万元', False, '', 'purchase', 'consumption', True]]
    >>> rows = extract_money("拨付资金20万元。", frame=False)
    >>> [(row["mention"], row["value_yuan"], row["kind"]) for row in rows]
    [('20万元', 200000.0, 'fund')]
    """
    title = _title_span(text)
    furniture, titles = [], [title]
    if isinstance(text, Document):
        furniture = [(b.start, b.end) for b in text.blocks if b.kind == "furniture"]
        repeats = _headline_repeats(text, title)
        if len(repeats) == 1:  # the headline printed again above or in the body: the report's
            titles += repeats  # (a widget that prints it through the body is the site's)
        text = text.text
    source, text = _as_read(text)
    sentences = _sentences(text)
    cues = load_cues()
    rows = []
    cells = list(_table_cells(text))
    amounts = sorted([*_amounts(cues, text, title, doc_id), *cells])
    cell_starts = {cell[0] for cell in cells}
    for start, end, low, high, qualifier, inferred in amounts:
        if any(a <= start < b for a, b in furniture) and not any(  # the site's, not the report's
            a <= start < b for a, b in titles
        ):
            continue
        sentence_start, sentence_end = sentences.span(start)
        clause_start, clause_end = _clause(text, start, end, sentence_start, sentence_end)
        rate_unit = _rate_unit(text, start, end, clause_start, clause_end, high == math.inf)
        clause = (clause_start, clause_end)
        part = _sentence_part(text, start, end, sentence_start, sentence_end)
        domain, domain_cue = _domain(cues, text, start, end, clause, part)
        if domain != "employment" and (pay := _monthly_pay(text, clause, rate_unit)):
            domain, domain_cue = "employment", pay
        host, compared = _restated(text, rows, start, part[0])
        whole = _whole_of(text, rows, start, low, sentences) or (None if compared else host)
        if start in cell_starts:  # a table cell repeats a figure the prose gave, with its area
            host = next(
                (row for row in rows if row["value_yuan"] == low and row["domain_cue"]), None
            )
        if not domain_cue and (source_row := host or whole):  # a figure told again, or a part
            domain, domain_cue = source_row["domain"], source_row["domain_cue"]
        if compared and not rate_unit:
            rate_unit = host["rate_unit"]
        kind, kind_cue = _kind(cues, text, start, end, clause, part)
        if compared:  # the end of a comparison is the same measure (从…的5.9亿元增长到216.3亿元)
            kind, kind_cue = host["kind"], host["kind_cue"]
        cumulative_cue = _cumulative_cue(cues, text, start, part[0], domain)
        end = _units_after(text, end)[1]
        rows.append(
            {
                "doc_id": doc_id,
                "mention": source[start:end],
                "start": start,
                "end": end,
                "sentence": source[sentence_start:sentence_end],
                "value_yuan": low,
                "value_yuan_high": high,
                "qualifier": qualifier,
                "is_rate": bool(rate_unit),
                "rate_unit": rate_unit,
                "unit_inferred": inferred,
                "in_title": any(a <= start < b for a, b in titles)
                or bool(_ORIGINAL_TITLE.match(text, sentence_start)),
                "kind": kind,
                "domain": domain,
                "cumulative": bool(cumulative_cue),
                "kind_cue": kind_cue,
                "domain_cue": domain_cue,
                "cumulative_cue": cumulative_cue,
                "part_of": f"{whole['mention']} @{whole['start']}" if whole else "",
            }
        )
    return _table(rows, MONEY_COLUMNS) if frame else rows


def _table(rows: list[dict[str, object]], columns: list[str]) -> pd.DataFrame:
    """``rows`` as a DataFrame with ``columns``, built column by column (about twice as fast
    as from the list of dicts, same dtypes; no rows give columns of no type, as before)."""
    if not rows:
        return pd.DataFrame(rows, columns=columns)
    return pd.DataFrame({column: [row[column] for row in rows] for column in columns})


_SURROGATE = re.compile("[\ud800-\udfff]")


def _as_read(text: str) -> tuple[str, str]:
    """``text`` as rows show it (a lone surrogate, which Arrow cannot store, made U+FFFD) and
    as the rules read it (simplified): one character for one, so offsets hold in both.

    >>> _as_read("援藏項目")
    ('援藏項目', '援藏项目')
    """
    source = _SURROGATE.sub("\ufffd", text)
    return source, simplified(source)


#: An amount: start, end, low and high in yuan, qualifier, and whether 元 was inferred.
_Amount = tuple[int, int, float, float, str, bool]


def _amounts(
    cues: Cues, text: str, title: tuple[int, int], doc_id: str | None
) -> Iterator[_Amount]:
    """The amounts written in prose: a number with 元, or in 万/亿 where the context says money."""
    last: re.Match[str] | None = None  # the last amount read as money
    for match in _money_matches(text):
        inferred = match.group("currency") is None
        if inferred and not (
            _says_money(cues, text, match)
            or (title[0] <= match.start() < title[1] and _told_with_yuan(text, match, title[1]))
            or (last is not None and _continues(text, last, match))
        ):
            continue
        last = match
        outer = _OUTER_PREFIX.search(text, max(0, match.start() - 8), match.start())
        read = _read_match(match, doc_id, outer.group("prefix") if outer else "")
        if read is not None:
            low, high, qualifier = read
            change = 0.0 if inferred else _small_change(match)
            yield *match.span(), low + change, high + change, qualifier, inferred


#: A table's unit written in its header: 资金分配额（万元）, 单位：万元.
_TABLE_UNIT = re.compile(
    rf"[（(]{_SPACE}(?P<unit>万元|亿元|元){_SPACE}[）)]|单位{_SPACE}[:：]{_SPACE}(?P<unit2>万元|亿元|元)"
)
#: A bare number in a line (a cell of a flattened table; normalisation may have removed the
#: spaces around it): not part of a longer number, nor followed by a counting unit
#: (``QUANTITY_UNITS``), a date or a percent.
_CELL = re.compile(f"(?<![0-9.])[0-9]+(?:[.][0-9]+)?(?![0-9.%年月日号时万亿元]|{_UNIT})")
_UNIT_VALUE = {"元": 1.0, "万元": 1e4, "亿元": 1e8}


def _table_cells(text: str) -> Iterator[_Amount]:
    """The numbers of a table flattened into one line, after a header that gives their unit
    (``资金分配额（万元） 备注 合计 4000 乐都区 819 …``, as notices print allocation tables):
    each bare number of the line is an amount in that unit, its 元 inferred.

    >>> [cell[:3] for cell in _table_cells("分配表 县区 金额（万元） 合计300甲县100乙县200")]
    [(16, 19, 3000000.0), (21, 24, 1000000.0), (26, 29, 2000000.0)]
    """
    for header in _TABLE_UNIT.finditer(text):
        scale = _UNIT_VALUE[header.group("unit") or header.group("unit2")]
        line_end = text.find("\n", header.end())
        for cell in _CELL.finditer(text, header.end(), len(text) if line_end < 0 else line_end):
            value = float(cell.group()) * scale
            yield cell.start(), cell.end(), value, value, "exact", True


#: The verb that ends a comparison 从…到: 人均收入从4000元增加到9430元.
_CHANGED_TO = re.compile("(?:增加|提高|增长|提升|上升|跃升|下降|减少|降低)[到至]|[增降]至")
#: A change told right after a figure, against an earlier time (人均收入达11976元，比上年增加
#: 1400元): the same measure.
_CHANGED_BY = re.compile(f"比[^{_CLAUSE_END}]{{1,12}}(?:增加|增长|提高|增收|减少|下降)了?{_SPACE}$")


def _restated(
    text: str, rows: list[dict[str, object]], start: int, part_start: int
) -> tuple[dict[str, object] | None, bool]:
    """The earlier mention of its sentence part whose area an amount shares, and whether it
    also shares its rate: the figure an amount in brackets right after it breaks down
    (``总投资906万元（财政资金500万元，其余406万元…）``), or the start of a comparison it
    ends (``人均年收入从4000元增加到9430元``: the same measure, per person per year) or the
    figure a change against an earlier time follows (``人均收入达8000元，比上年增加500元``).

    >>> rows = extract_money("总投资900万元（其中财政资金500万元），建设学校3所。", frame=False)
    >>> [(row["mention"], row["domain"], row["domain_cue"]) for row in rows]
    [('900万元', 'education', '建设学校'), ('500万元', 'education', '建设学校')]
    >>> [row["rate_unit"] for row in extract_money("人均年收入从4000元增加到9430元。", frame=False)]
    ['per person per year', 'per person per year']
    """
    earlier = [row for row in rows if row["start"] >= part_start]
    if not earlier:
        return None, False
    bracket = max(text.rfind("（", part_start, start), text.rfind("(", part_start, start))
    if bracket >= 0 and max(text.rfind("）", bracket, start), text.rfind(")", bracket, start)) < 0:
        host = next((row for row in reversed(earlier) if row["end"] <= bracket), None)
        if host and not text[host["end"] : bracket].strip():
            return host, False
    last = earlier[-1]
    if (
        text.find("从", part_start, last["start"]) >= 0
        and _CHANGED_TO.search(text, last["end"], start)
    ) or _CHANGED_BY.search(text, last["end"], start):
        return last, True
    return None, False


def _whole_of(
    text: str, rows: list[dict[str, object]], start: int, low: float, sentences: _Sentences
) -> dict[str, object] | None:
    """The earlier amount that the amount at ``start`` (``low`` yuan at least) is a part of:
    the last amount, no rate, before a 其中 that stands before it in its sentence, in that
    sentence or, when 其中 opens the sentence, in the one before (``项目总投资34.97亿元。其中
    投资类项目总投资28.78亿元；产销类项目销售额6.19亿元``); None if there is none, or the
    amount is larger than it, or the parts before it already add up to it (其中北京市3568
    万元、省内1150万元、国家部委547.4万元 make 5265.4万元: the 5000万元 target after them is none;
    parts that add up to more break a part down further, and more may follow).

    >>> rows = extract_money("累计投入968万元，其中2019年投入785万元。", frame=False)
    >>> [(row["mention"], row["part_of"]) for row in rows]
    [('968万元', ''), ('785万元', '968万元 @4')]
    >>> rows = extract_money("共投入10万元，其中甲6万元、乙4万元，完成20万元目标。", frame=False)
    >>> [row["part_of"] for row in rows]
    ['', '10万元 @3', '10万元 @3', '']
    """
    sentence_start = sentences.span(start)[0]
    cue = text.rfind("其中", sentence_start, start)
    if cue < 0:
        return None
    if sentence_start and not text[sentence_start:cue].strip():
        sentence_start = sentences.span(sentence_start - 1)[0]
    whole = next(
        (
            row
            for row in reversed(rows)
            if sentence_start <= row["start"] and row["end"] <= cue and not row["is_rate"]
        ),
        None,
    )
    if whole is None or low > whole["value_yuan_high"]:
        return None
    named = f"{whole['mention']} @{whole['start']}"
    told = sum(row["value_yuan"] for row in rows if row["part_of"] == named)
    return None if abs(told - whole["value_yuan"]) <= whole["value_yuan"] * _ROUNDING else whole


#: Parts that add up to their whole within this share of it are all of it (rounded figures;
#: parts that pass it are a breakdown within a breakdown, and more parts may follow).
_ROUNDING = 0.001

#: The headline a reprint gives again in its body (原标题：…, 原标题 [...]).
_ORIGINAL_TITLE = re.compile(f"{_SPACE}[【\\[（(]?{_SPACE}原标?题")


def _title_span(text: str | Document) -> tuple[int, int]:
    """(start, end) of the title: a Document's title block, else a first line that is not prose."""
    if isinstance(text, Document):
        block = next((block for block in text.blocks if block.kind == "title"), None)
        return (block.start, block.end) if block else (0, 0)
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].rstrip()
    if not line or is_prose(line) or line.endswith(("。", "！", "？")):
        return 0, 0
    return start, end


def _headline_repeats(doc: Document, title: tuple[int, int]) -> list[tuple[int, int]]:
    """(start, end) of the headline printed again in a furniture block, alone or at the end
    of a breadcrumb (``当前位置：首页 > 资讯 > 标题``): the title block's text, or without one
    the first line ``parse`` took for a copy of the metadata title."""
    copies = [block for block in doc.blocks if block.rule == "copy of the title"]
    headline = doc.text[title[0] : title[1]] if title[1] else copies[0].text if copies else ""
    headline = headline.strip()
    return [
        (block.end - len(headline), block.end)
        for block in doc.blocks
        if block.kind == "furniture"
        and headline
        and (
            block.text.strip() == headline
            or (block.rule == "navigation" and block.text.rstrip().endswith(headline))
        )
    ]


def _told_with_yuan(text: str, match: re.Match[str], after: int) -> bool:
    """A title's amount without 元 that the body writes with 元 (3年26.21亿 … 26.21亿元)."""
    number = match.group("num") and match.group()[match.start("num") - match.start() :]
    return bool(number) and text.find(number + "元", after) >= 0


def _says_money(cues: Cues, text: str, match: re.Match[str]) -> bool:
    """An amount without 元 is money when it is in 万 or 亿 and a money word is next to it:
    before it in its clause (筹集善款80余万, 资金达2.5亿) or right after it (2000万资金)."""
    if not any(char in match.group() for char in LARGE_MAGNITUDE_CHARS):
        return False
    words = cues.pattern("money")
    if _MONEY_NOUN.match(text, match.end()):
        return True
    left = max(map(text.rfind, _CLAUSE_END, repeat(0), repeat(match.start())))
    return words.search(text, left + 1, match.start()) is not None


_SENTENCE_END = re.compile("[。！？!?\n]")


def _continues(text: str, last: re.Match[str], match: re.Match[str]) -> bool:
    """An amount without 元 goes on from the last amount of money when its sentence told that
    one in the same magnitude (认捐2017万，18年是2018万，今年是2019万; 年援建资金不足两亿元，…
    广东省五年96亿，年均19亿): a series of figures of one kind.

    >>> [row["mention"] for row in extract_money("认捐2017万，18年是2018万。", frame=False)]
    ['2017万', '2018万']
    """
    return (
        _magnitude(match.group()) == _magnitude(last.group()) != ""
        and _SENTENCE_END.search(text, last.end(), match.start()) is None
    )


def _magnitude(mention: str) -> str:
    """The largest of 万 and 亿 written in a (simplified) mention, or ""."""
    return "亿" if "亿" in mention else "万" if "万" in mention else ""


def extract_quantities(
    text: str, doc_id: str | None = None, segmenter: str = "jieba"
) -> pd.DataFrame:
    """One row per count of things in ``text``: people, posts, schools, meetings …

    Columns: doc_id, mention, start, end, sentence, value, value_high (interval, as
    for money), unit (人, 个, 所 …), counted (the noun phrase after the unit, else
    the one just before the number, in words cut by ``segmenter``,
    ``aidlib.tokens.cutter``; ``""`` if none), qualifier.  Years, dates,
    durations, percentages and percentage points, money, ordinals (第N) and
    identifiers (D3812次列车) are not quantities; a bare 一 is not read either (一个月,
    一把手 are not counts), nor a numeral inside a word (队伍人). A report in traditional
    characters is read in its simplified spelling: mention and sentence are as written,
    counted is simplified, so 學校 and 学校 count as one.

    >>> q = extract_quantities("累计培训学员560余人，提供8-12个特招工作岗位，2019年6月起。")
    >>> q[["mention", "value", "value_high", "unit", "counted", "qualifier"]].values.tolist()
    [['560余人', 560.0, 570.0, '人', '培训学员', 'more_than'], ['8-12个', 8.0, 12.0, '个', '特招工作岗位', 'range']]
    """
    return _table(quantity_rows(text, doc_id, segmenter), QUANTITY_COLUMNS)


def corpus_quantities(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """``extract_quantities`` of every report of a ``Corpus`` (a DataFrame with doc_id and
    text also works), as one table, cut by the corpus's segmenter.

    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["培训560人。", "建成3所学校。"]})
    >>> corpus_quantities(corpus)[["doc_id", "mention"]].values.tolist()
    [['a', '560人'], ['b', '3所']]
    """
    corpus = as_corpus(corpus)
    rows = [
        row
        for doc_id, doc in corpus.documents.items()
        for row in quantity_rows(doc.text, doc_id, corpus.segmenter)
    ]
    return pd.DataFrame(rows, columns=QUANTITY_COLUMNS)


def quantity_rows(
    text: str, doc_id: str | None = None, segmenter: str = "jieba"
) -> list[dict[str, object]]:
    """The rows of ``extract_quantities`` as plain dicts (keys: ``QUANTITY_COLUMNS``), for batching.

    >>> [(row["mention"], row["value"], row["counted"]) for row in quantity_rows("建成3所学校。")]
    [('3所', 3.0, '学校')]
    """
    source, text = _as_read(text)
    sentences = _sentences(text)
    cut = tokens.cutter(segmenter)
    rows = []
    for match in _QUANTITY_FROM_START.finditer(text):
        if match.group("num") == "一" and not match.group("num_to"):
            continue
        if _IN_A_WORD.match(text, match.start("num")):
            continue
        read = _read_match(match, doc_id)
        if read is None:
            continue
        low, high, qualifier = read
        start, end = match.span()
        sentence_start, sentence_end = sentences.span(start)
        clause_start, clause_end = _clause(text, start, end, sentence_start, sentence_end)
        rows.append(
            {
                "doc_id": doc_id,
                "mention": source[start:end],
                "start": start,
                "end": end,
                "sentence": source[sentence_start:sentence_end],
                "value": low,
                "value_high": high,
                "unit": match.group("unit"),
                "counted": _counted(text[end:clause_end], text[clause_start:start], cut),
                "qualifier": qualifier,
            }
        )
    return rows


def mention_roles(mentions: pd.DataFrame) -> pd.DataFrame:
    """How ``tally`` uses each money mention: ``role`` (item, cumulative, excluded) and ``reason``.

    Rates are excluded (an amount per post or per month is not an amount given), and
    so is a title's figure that the body tells again (an amount of the same report,
    not a rate, whose interval meets the title's: title 援建超3亿元, body 累计援建3.4亿元)
    or that a repeat of the headline prints again (counted once), and an amount of a
    sentence the page prints again word for word (a copied paragraph: counted once),
    and a part of an amount told before it (``part_of``: 其中…, or in brackets right after
    it: the whole is counted), and a figure the report told before (the same interval,
    three or more significant digits: a lead the body restates), and the central
    government's own money (kind ``central``: transfers a report names beside the aid) and
    what the aid brought about (kind ``outcome``: income, output, dividends, taxes, money it
    drew in, and measures of an economy or a firm: GDP, a bank's credit, a firm's sales), a
    deal promises (kind ``deal``: 签约金额, 投资协议) or a plan (kind ``plan``: 计划投入,
    预计投入, 将…提供);
    a project's total cost whose parts name its paired aid (总投资2452万元，其中沪滇资金
    700万元，县级整合1752万元) is left out for those parts, which are the amounts given;
    running totals are kept apart, shown beside the items they may contain. Columns: the
    mentions' columns plus role and reason.

    >>> roles = mention_roles(extract_money("每亩6万元；累计捐助近225万元；拨付100万元。"))
    >>> roles[["mention", "role", "reason"]].values.tolist()
    [['6万元', 'excluded', 'rate (per mu)'], ['近225万元', 'cumulative', 'running total (累计)'], ['100万元', 'item', '']]
    >>> roles = mention_roles(extract_money("援建超3亿元\\n三年来累计援建3.4亿元。"))
    >>> roles[["mention", "in_title", "role", "reason"]].values.tolist()
    [['超3亿元', True, 'excluded', 'title figure told in the body (3.4亿元)'], ['3.4亿元', False, 'cumulative', 'running total (累计)']]
    >>> roles = mention_roles(extract_money("标题\\n县里投入50万元。\\n县里投入50万元。"))
    >>> roles[["mention", "start", "role", "reason"]].values.tolist()
    [['50万元', 7, 'item', ''], ['50万元', 17, 'excluded', 'sentence printed again (at 7)']]
    >>> roles = mention_roles(extract_money("投入资金500万元。其中产业300万元，教育200万元。"))
    >>> roles[["mention", "role", "reason"]].values.tolist()
    [['500万元', 'item', ''], ['300万元', 'excluded', 'part of 500万元 @4'], ['200万元', 'excluded', 'part of 500万元 @4']]
    >>> roles = mention_roles(extract_money("争取中央资金1.54亿元，协作资金3000万元。"))
    >>> roles[["mention", "kind", "role", "reason"]].values.tolist()
    [['1.54亿元', 'central', 'excluded', 'central government money (中央资金), not paired aid'], ['3000万元', 'fund', 'item', '']]
    """
    roles = mentions.copy()
    is_rate = roles["is_rate"].astype(bool)
    is_cumulative = roles["cumulative"].astype(bool) & ~is_rate
    roles["role"] = "item"
    roles.loc[is_cumulative, "role"] = "cumulative"
    roles.loc[is_rate, "role"] = "excluded"
    roles["reason"] = ""
    roles.loc[is_rate, "reason"] = "rate (" + roles.loc[is_rate, "rate_unit"] + ")"
    roles.loc[is_cumulative, "reason"] = (
        "running total (" + roles.loc[is_cumulative, "cumulative_cue"] + ")"
    )
    is_part = (roles["part_of"] != "") & ~is_rate
    roles.loc[is_part, "role"] = "excluded"
    roles.loc[is_part, "reason"] = "part of " + roles.loc[is_part, "part_of"]
    for whole, aid in _aid_parts_of_projects(roles[~is_rate]):
        roles.loc[aid, "role"] = "item"
        roles.loc[aid, "reason"] = ""
        running = [i for i in aid if is_cumulative[i]]
        roles.loc[running, "role"] = "cumulative"
        roles.loc[running, "reason"] = (
            "running total (" + roles.loc[running, "cumulative_cue"] + ")"
        )
        roles.loc[whole, "role"] = "excluded"
        aid_parts = ", ".join(f"{roles.at[i, 'mention']} @{roles.at[i, 'start']}" for i in aid)
        roles.loc[whole, "reason"] = f"a project's total cost (its paired aid: {aid_parts})"
    body = roles[~roles["in_title"].astype(bool) & ~is_rate]
    for index, title in roles[roles["in_title"].astype(bool) & ~is_rate].iterrows():
        told = body[
            (body["doc_id"].values == title["doc_id"])
            & (body["value_yuan"] <= title["value_yuan_high"])
            & (body["value_yuan_high"] >= title["value_yuan"])
        ]
        if len(told):
            roles.loc[index, "role"] = "excluded"
            roles.loc[index, "reason"] = (
                f"title figure told in the body ({told['mention'].iloc[0]})"
            )
    titles = roles[roles["in_title"].astype(bool) & (roles["role"] != "excluded")]
    again = titles.duplicated(["doc_id", "mention", "value_yuan", "value_yuan_high"])
    roles.loc[titles.index[again], "role"] = "excluded"
    roles.loc[titles.index[again], "reason"] = "title printed again"
    for index, first in _sentences_printed_again(roles[~roles["in_title"].astype(bool)]):
        roles.loc[index, "role"] = "excluded"
        roles.loc[index, "reason"] = f"sentence printed again (at {first})"
    for index, first in _figures_told_again(roles[roles["role"] != "excluded"]):
        roles.loc[index, "role"] = "excluded"
        roles.loc[index, "reason"] = f"figure told again ({first})"
    for kind, (what, why) in _NOT_GIVEN.items():
        chosen = (roles["kind"] == kind) & (roles["role"] != "excluded")
        roles.loc[chosen, "role"] = "excluded"
        roles.loc[chosen, "reason"] = f"{what} (" + roles.loc[chosen, "kind_cue"] + f"), {why}"
    return roles


#: The kinds of money ``mention_roles`` leaves out of the sums: what each is, and why.
_NOT_GIVEN = {
    "central": ("central government money", "not paired aid"),
    "outcome": ("an outcome", "not money given"),
    "deal": ("a deal signed or intended", "not money given"),
    "plan": ("money planned or promised", "not money given yet"),
}


def _figures_told_again(mentions: pd.DataFrame) -> Iterator[tuple[object, str]]:
    """(index, the first telling) of each mention whose figure the report gave before: the
    same interval, written with three or more significant digits (26.6亿元, 23165.87万元) or
    pointed back to (这笔40万元). A lead and a later paragraph restate the figure; two
    different amounts rarely agree in three digits, where round ones (100万元, 20亿元) often
    do and are kept unless the text says it means the same sum.

    >>> rows = pd.DataFrame({"doc_id": ["d"] * 3, "mention": ["26.6亿元", "100万元", "26.6亿元"],
    ...     "start": [5, 30, 80], "value_yuan": [2.66e9, 1e6, 2.66e9],
    ...     "value_yuan_high": [2.66e9, 1e6, 2.66e9]})
    >>> list(_figures_told_again(rows))
    [(2, '26.6亿元 @5')]
    >>> list(_figures_told_again(rows.iloc[[0, 0]]))  # one mention twice: a table per code
    []
    """
    first: dict[tuple[object, float, float], tuple[int, str]] = {}
    for row in mentions.itertuples():
        key = (row.doc_id, row.value_yuan, row.value_yuan_high)
        if key not in first:
            first[key] = (row.start, f"{row.mention} @{row.start}")
        elif row.start != first[key][0] and (  # a mention listed again (once per code) is itself
            _three_digits(row.mention) or _pointed_back(row.mention, str(row.sentence))
        ):
            yield row.Index, first[key][1]


def _three_digits(mention: str) -> bool:
    """Whether an amount is written with three or more significant digits (26.6亿元, not 100万元)."""
    digits = _FIRST_NUMBER.search(mention)
    return digits is not None and len(digits[0].replace(".", "").strip("0")) >= 3


def _pointed_back(mention: str, sentence: str) -> bool:
    """Whether the sentence points back to the amount as told before: 这笔40万元, 该笔…, 上述…."""
    return re.search(f"(?:(?:这|该|此)笔|上述){re.escape(mention)}", sentence) is not None


_FIRST_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


#: A project's whole cost named before an amount in its clause (项目总投资, 计划投资, 总造价).
_PROJECT_TOTAL = re.compile("总投资|计划投资|项目投资|投资总额|总造价|总投入")


@functools.cache
def _aid_part() -> re.Pattern[str]:
    """A part of a project's cost named as paired aid (其中沪滇项目资金…, 援疆资金…, 浙江帮扶
    资金…: aid words or a pairing of provinces, ``pairings.paired_provinces``), not the
    recipient's own money (县级整合, 自筹, 配套) or a firm's."""
    aid = "|".join(["协作|帮扶|援建|援助|援[疆藏青川黔滇]|支援|对口|东西部", *paired_provinces()])
    return re.compile(f"(?:{aid})[^，、；（(]{{0,6}}?(?:资金|款)")


def _aid_parts_of_projects(mentions: pd.DataFrame) -> Iterator[tuple[object, list[object]]]:
    """(index of a project's whole cost, indices of its parts named as paired aid): the
    whole (项目总投资2452万元) holds the recipient's own money too, so its aid parts
    (其中沪滇资金700万元) are the amounts given.

    >>> rows = pd.DataFrame({"doc_id": ["d"] * 3, "mention": ["2452万元", "700万元", "1752万元"],
    ...     "start": [6, 20, 40], "part_of": ["", "2452万元 @6", "2452万元 @6"],
    ...     "value_yuan": [2.452e7, 7e6, 1.752e7], "value_yuan_high": [2.452e7, 7e6, 1.752e7],
    ...     "sentence": ["项目总投资2452万元，其中沪滇资金700万元，县级整合资金1752万元。"] * 3})
    >>> list(_aid_parts_of_projects(rows))
    [(0, [1])]
    """
    keys = mentions["mention"] + " @" + mentions["start"].astype(str)
    has_whole = mentions["part_of"] != ""
    for (doc_id, whole), parts in mentions[has_whole].groupby(["doc_id", "part_of"], sort=False):
        wholes = mentions.index[(keys == whole) & (mentions["doc_id"] == doc_id)]
        if len(wholes) and _PROJECT_TOTAL.search(_words_before(mentions.loc[wholes[0]])):
            aid, given = [], 0.0
            for i, part in parts.iterrows():
                # parts past the whole break down a part (援疆资金1544万元，2017年援疆资金933万元)
                if _aid_part().search(_words_before(part)) and (
                    given + part["value_yuan"] <= mentions.at[wholes[0], "value_yuan_high"]
                ):
                    aid.append(i)
                    given += part["value_yuan"]
            if aid:
                yield wholes[0], aid


def _words_before(mention: pd.Series) -> str:
    """The words of a mention's clause before it (from its sentence), simplified."""
    before = mention["sentence"][: max(mention["sentence"].find(mention["mention"]), 0)]
    return _CLAUSE_MARK.split(simplified(before))[-1]


def _sentences_printed_again(mentions: pd.DataFrame) -> Iterator[tuple[object, int]]:
    """(index, start of the first copy) of each mention in a later copy of its sentence.

    The same amount in the same sentence, at least a sentence's length after an earlier
    one, stands in a second copy of the sentence (two mentions of one copy are closer);
    so does one in the start of the sentence, ``COPY_CHARS`` long or more: a page that
    prints its article twice often cuts the second copy off.

    >>> rows = pd.DataFrame({"doc_id": ["d"] * 2, "mention": ["3.3亿元"] * 2, "start": [10, 400],
    ...     "sentence": ["3.3亿元资金主要用于11个贫困县易地扶贫搬迁。", "3.3亿元资金主要用于11个贫困县"]})
    >>> list(_sentences_printed_again(rows))
    [(1, 10)]
    """
    for _, group in mentions[mentions.duplicated(["doc_id", "mention"], keep=False)].groupby(
        ["doc_id", "mention"], sort=False, dropna=False
    ):
        seen: list[tuple[str, int]] = []
        for index, sentence, start in zip(
            group.index, group["sentence"], group["start"], strict=True
        ):
            first = next(
                (
                    at
                    for earlier, at in seen
                    if start - at >= len(sentence)
                    and (
                        sentence == earlier
                        or (len(sentence) >= COPY_CHARS and earlier.startswith(sentence))
                    )
                ),
                None,
            )
            if first is None:
                seen.append((sentence, start))
            else:
                yield index, first


#: Shortest start of a sentence read as a cut-off copy of it (``_sentences_printed_again``).
COPY_CHARS = 15


def tally(mentions: pd.DataFrame, by: Sequence[str] = ("doc_id", "domain")) -> pd.DataFrame:
    """Sum money mentions per group as intervals; rates excluded, running totals kept beside.

    One row per group in ``by`` (any mention columns, e.g. ``("doc_id", "kind")``).
    Columns: the ``by`` columns, low_yuan, high_yuan (sum of the items' intervals;
    ``inf`` when any item has no upper bound), n_items, cumulative_low_yuan,
    cumulative_high_yuan (the largest running total: running totals overlap, a later one
    may hold an earlier one or the items, and a report's totals of aid and of sales are
    different series, so they are added neither to the items nor to each other),
    n_cumulative, cumulative_mentions (all of them; ``cumulative_parts`` sets their parts
    beside them), n_excluded and excluded
    (each excluded mention with its offset and reason, ``"; "``-joined).  The roles
    come from ``mention_roles``.

    >>> m = extract_money("拨付教育资金100万元；累计捐助学校近225万元；每个学生补贴1000元。", doc_id="d")
    >>> columns = ["domain", "low_yuan", "high_yuan", "cumulative_high_yuan", "excluded"]
    >>> tally(m)[columns].values.tolist()
    [['education', 1000000.0, 1000000.0, 2250000.0, '1000元 @31: rate (per student)']]
    """
    by = list(by)
    roles = mention_roles(mentions)
    rows = []
    for key, group in roles.groupby(by, sort=True, dropna=False):
        items = group[group["role"] == "item"]
        totals = group[group["role"] == "cumulative"]
        excluded = group[group["role"] == "excluded"]
        rows.append(
            {
                **dict(zip(by, key, strict=True)),
                "low_yuan": float(items["value_yuan"].sum()),
                "high_yuan": float(items["value_yuan_high"].sum()),
                "n_items": len(items),
                "cumulative_low_yuan": float(totals["value_yuan"].max()) if len(totals) else 0.0,
                "cumulative_high_yuan": float(totals["value_yuan_high"].max())
                if len(totals)
                else 0.0,
                "n_cumulative": len(totals),
                "cumulative_mentions": "; ".join(totals["mention"]),
                "n_excluded": len(excluded),
                "excluded": "; ".join(
                    f"{row.mention} @{row.start}: {row.reason}" for row in excluded.itertuples()
                ),
            }
        )
    return pd.DataFrame(rows, columns=[*by, *TALLY_COLUMNS])


def role_shares(mentions: pd.DataFrame) -> pd.DataFrame:
    """Per report and role (item, cumulative, excluded): how many mentions and how much money.

    Columns: doc_id, role, n, low_yuan, high_yuan (sums of the mentions' intervals),
    share_low (the role's share of the report's low sums over every role; rates and
    repeats are in ``excluded``, so this says how much of the money a report names is
    items, running totals and rates), largest_low_yuan, largest_high_yuan (the interval
    of the role's largest mention: running totals overlap, so their sum is no figure).

    >>> m = extract_money("拨付100万元；累计投入300万元；每户补助1万元。", doc_id="d")
    >>> role_shares(m).round(3)[["role", "n", "low_yuan", "share_low"]].values.tolist()
    [['cumulative', 1, 3000000.0, 0.748], ['excluded', 1, 10000.0, 0.002], ['item', 1, 1000000.0, 0.249]]
    """
    roles = mention_roles(mentions).reset_index(drop=True)
    groups = roles.groupby(["doc_id", "role"], sort=True)
    table = groups.agg(
        n=("mention", "size"),
        low_yuan=("value_yuan", "sum"),
        high_yuan=("value_yuan_high", "sum"),
    ).reset_index()
    totals = table.groupby("doc_id")["low_yuan"].transform("sum")
    table["share_low"] = (table["low_yuan"] / totals).where(totals > 0, 0.0)
    largest = roles.loc[groups["value_yuan"].idxmax().to_numpy()]
    table["largest_low_yuan"] = largest["value_yuan"].to_numpy()
    table["largest_high_yuan"] = largest["value_yuan_high"].to_numpy()
    return table


def deciding_words(mentions: pd.DataFrame) -> pd.DataFrame:
    """For each area label, the words that decided it and how often (most frequent first).

    Columns: domain, words (the ``domain_cue`` strings, ``"; "``-joined with counts),
    n_mentions, n_undecided (mentions with no deciding words: ``general`` by default).

    >>> m = extract_money("拨付资金20万元，用于务工补贴；教育资金5万元；另拨3万元。")
    >>> deciding_words(m).values.tolist()
    [['education', '教育 (1)', 1, 0], ['employment', '用于务工 (1)', 1, 0], ['general', '', 1, 1]]
    """
    rows = []
    for domain, group in mentions.groupby("domain", sort=True):
        counts = group.loc[group["domain_cue"] != "", "domain_cue"].value_counts()
        rows.append(
            {
                "domain": domain,
                "words": "; ".join(f"{word} ({n})" for word, n in counts.items()),
                "n_mentions": len(group),
                "n_undecided": int((group["domain_cue"] == "").sum()),
            }
        )
    return pd.DataFrame(rows, columns=["domain", "words", "n_mentions", "n_undecided"])


def cumulative_parts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Each running total beside the items of its report that it may already contain.

    An item may be part of a total when both are in the same report, the total's
    domain is the item's or ``general``, and its kind is the item's or ``other``.
    Rates are never parts.  Columns: doc_id, mention, kind, domain, value_yuan,
    value_yuan_high, parts (the items' mentions, ``"; "``-joined), parts_low_yuan,
    parts_high_yuan, parts_fit (the parts' low sum is within the total's high end;
    False means the total cannot contain them all).

    >>> m = extract_money("拨付教育资金100万元；拨付健康资金200万元；累计拨付资金1200万元。")
    >>> cumulative_parts(m)[["mention", "parts", "parts_low_yuan", "parts_fit"]].values.tolist()
    [['1200万元', '100万元; 200万元', 3000000.0, True]]
    """
    roles = mention_roles(mentions)
    items = roles[roles["role"] == "item"]
    rows = []
    for total in roles[roles["role"] == "cumulative"].itertuples():
        parts = items[
            (items["doc_id"].values == total.doc_id)
            & ((items["domain"] == total.domain) | (total.domain == "general"))
            & ((items["kind"] == total.kind) | (total.kind == "other"))
        ]
        low = float(parts["value_yuan"].sum())
        rows.append(
            {
                "doc_id": total.doc_id,
                "mention": total.mention,
                "kind": total.kind,
                "domain": total.domain,
                "value_yuan": total.value_yuan,
                "value_yuan_high": total.value_yuan_high,
                "parts": "; ".join(parts["mention"]),
                "parts_low_yuan": low,
                "parts_high_yuan": float(parts["value_yuan_high"].sum()),
                "parts_fit": low <= total.value_yuan_high,
            }
        )
    return pd.DataFrame(rows, columns=CUMULATIVE_PART_COLUMNS)


#: Panels per row in ``plot_tally`` before it wraps to a new row.
TALLY_PANELS_PER_ROW = 4


def plot_tally(
    table: pd.DataFrame,
    panel: str = "doc_id",
    row: str = "domain",
    titles: Mapping[str, str] | None = None,
    per_row: int = TALLY_PANELS_PER_ROW,
    most: int = MOST_REPORTS,
) -> Figure:
    """Dot-and-interval chart of a ``tally`` table: one panel per ``panel`` value, in rows.

    Each ``row`` value with items gets a filled bar from low_yuan to high_yuan (an
    arrow to the panel's edge when there is no upper bound) and, above it, a hollow
    diamond range for its running totals; a value with only rates stays empty; the
    legend below keys the three. Amounts are in 10,000 yuan (万元). Each panel has its
    own scale, set by its largest amount and printed under it ("own scale, 0–120"), so one
    large investment does not flatten the other reports; compare reports by the
    numbers, not by bar lengths across panels. At most ``per_row`` panels a row, and
    ``most`` panels: those with the most money (items and running totals, low ends) when
    there are more, which the figure's title says.
    ``titles`` maps panel values to panel titles (e.g. doc_id → "碑林区 → 丹凤县"; a title
    two panels share gets the panel's value after it; call
    ``aidlib.plotstyle.use_cjk_font()`` first for Chinese titles).

    >>> m = extract_money("拨付教育资金100万元；投入超过60万元用于产业。", doc_id="d")
    >>> import matplotlib.pyplot as plt
    >>> fig = plot_tally(tally(m))
    >>> [ax.get_title() for ax in fig.axes], [float(x) for x in fig.axes[0].get_xlim()]
    (['d'], [0.0, 120.0])
    >>> plt.close(fig)
    >>> fig = plot_tally(tally(extract_money("没有金额。")))  # one empty panel that says so
    >>> [text.get_text() for text in fig.axes[0].texts]
    ['no money mentions']
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from aidlib.plotstyle import lay_out

    money = table["low_yuan"] + table["cumulative_low_yuan"]
    panels, shown = largest_reports(
        money.groupby(table[panel], sort=False).sum(), "with the most money", most
    )
    if not panels:
        fig, ax = plt.subplots(figsize=(5, 1.5))
        ax.text(0.5, 0.5, "no money mentions", ha="center", va="center")
        ax.set_axis_off()
        return fig
    rows = sorted(set(table[row]))
    labels = {name: (titles or {}).get(name, str(name)) for name in panels}
    repeated = {label for label in labels.values() if list(labels.values()).count(label) > 1}
    shown_titles = {  # two reports of one pairing: each panel says which report it is
        name: f"{label} ({name})" if label in repeated else label for name, label in labels.items()
    }
    n_cols = min(per_row, len(panels))
    n_rows = math.ceil(len(panels) / n_cols)
    fig, axes = plt.subplots(
        n_rows,
        n_cols,
        figsize=(4.2 * n_cols, (0.45 * len(rows) + 1.3) * n_rows + 0.8),
        sharey=True,
        squeeze=False,
    )
    for ax, name in zip(axes.flat, panels, strict=False):
        part = table[table[panel] == name].set_index(row)
        edge = _panel_edge(part)
        for y, label in enumerate(rows):
            if label not in part.index:
                continue
            line = part.loc[label]
            if line["n_items"]:
                _draw_interval(ax, y - 0.12, line["low_yuan"], line["high_yuan"], edge, "C0", "o")
            if line["n_cumulative"]:
                _draw_interval(
                    ax,
                    y + 0.18,
                    line["cumulative_low_yuan"],
                    line["cumulative_high_yuan"],
                    edge,
                    "C3",
                    "D",
                    hollow=True,
                )
        ax.set_title(shown_titles[name])
        ax.set_yticks(range(len(rows)), rows)
        ax.set_xlim(0, edge)
        ax.set_xlabel(f"10,000 yuan (own scale, 0–{edge:,.0f})")
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.xaxis.set_major_formatter(FuncFormatter(_thousands))  # no 1e6 offset
        ax.grid(axis="x", alpha=0.3)
    for ax in axes.flat[len(panels) :]:
        ax.set_axis_off()
    fig.legend(
        handles=_tally_key(),
        loc="lower center",
        ncol=3,
        frameon=False,
        title="Each panel has its own scale: compare amounts by number, not by bar length",
    )
    if shown:
        fig.suptitle(shown.replace("the ", "The ", 1))
    lay_out(fig, bottom=0.7)
    return fig


def _thousands(value: float, _position: object = None) -> str:
    """A tick label in full with thousands separators: ``_thousands(1800000.0)`` is
    ``'1,800,000'``, ``_thousands(0.5)`` is ``'0.5'``."""
    return f"{value:,.10g}"


def _panel_edge(part: pd.DataFrame) -> float:
    """Right edge of a tally panel, in 万元: 15 % beyond its largest finite amount, rounded
    up to two significant digits (so the printed scale is the axis's own end)."""
    amounts = part[["low_yuan", "high_yuan", "cumulative_low_yuan", "cumulative_high_yuan"]]
    finite = [value for value in amounts.to_numpy().ravel() if math.isfinite(value)]
    edge = 1.15 * max(finite, default=0.0) / 1e4
    if edge <= 0:
        return 1.0
    step = 10.0 ** (math.floor(math.log10(edge)) - 1)
    return float(math.ceil(round(edge / step, 6)) * step)


def _tally_key() -> list[Line2D]:
    """Legend handles of ``plot_tally``: items, running totals, no upper bound."""
    from matplotlib.lines import Line2D

    return [
        Line2D([], [], color="C0", lw=3, marker="o", label="items: sum of the amounts (low–high)"),
        Line2D(
            [],
            [],
            color="C3",
            lw=3,
            marker="D",
            markerfacecolor="white",
            label="running totals as stated (not added to items)",
        ),
        Line2D(
            [],
            [],
            color="0.3",
            lw=0,
            marker=r"$\rightarrow$",
            markersize=12,
            label="arrow: no upper bound (an amount 'over …')",
        ),
    ]


def _draw_interval(ax, y, low, high, edge, color, marker, hollow=False) -> None:
    low, high = low / 1e4, high / 1e4
    face = "white" if hollow else color
    if math.isinf(high):
        ax.annotate(
            "",
            xy=(edge, y),
            xytext=(low, y),
            arrowprops={"arrowstyle": "->", "color": color, "lw": 2},
        )
    else:
        ax.plot([low, high], [y, y], color=color, lw=3, solid_capstyle="butt")
    ax.plot([low], [y], marker=marker, color=color, markerfacecolor=face, markersize=7)


@functools.lru_cache(maxsize=1)
def _sentences(text: str) -> _Sentences:
    """``_Sentences(text)``, kept for the next call: the pipeline asks for a report's money,
    then for its quantities, and the sentences are cut once."""
    return _Sentences(text)


class _Sentences:
    """Sentence lookup by offset, from ``structure.sentence_spans``, cut on the first lookup
    (a report with no amount is never cut)."""

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def spans(self) -> list[tuple[int, int]]:
        return sentence_spans(self.text) or [(0, len(self.text))]

    @functools.cached_property
    def starts(self) -> list[int]:
        return [start for start, _ in self.spans]

    def span(self, offset: int) -> tuple[int, int]:
        return self.spans[max(bisect.bisect_right(self.starts, offset) - 1, 0)]


def _money_matches(text: str) -> Iterator[re.Match[str]]:
    """``_MONEY_FROM_START.finditer(text)`` tried only in the stretch before a 元, 万 or 亿 (``_ANCHOR``).

    Every mention holds one of them (a currency word, or the 万/亿 of an amount without
    元), at most ``_REACH`` characters after its start unless digits and spaces run
    longer. The first match from an offset on is found by one ``search`` in C, and kept
    for the next stretches while it lies ahead of them (a search from there would find it
    again); a match is taken when it starts in the stretch.
    """
    end = 0
    searched_from, ahead = math.inf, None  # ahead: the first match from searched_from on
    for anchor in _ANCHOR.finditer(text):
        at = anchor.start()
        if at < end:
            continue
        left = max(end, at - _REACH)
        while left > end and text[left - 1] in _LONG_NUMBER_CHARS:
            left -= 1
        while left <= at:
            if not (searched_from <= left and (ahead is None or ahead.start() >= left)):
                searched_from, ahead = left, _MONEY_FROM_START.search(text, left)
            if ahead is None or ahead.start() > at:
                break
            yield ahead
            end = left = ahead.end()


#: ``read_number_phrase``, cached per phrase (numeral and magnitude words): reports repeat them.
_read_number_phrase = functools.lru_cache(maxsize=4096)(read_number_phrase)


def _read_match(
    match: re.Match[str], doc_id: str | None, outer_prefix: str = ""
) -> tuple[float, float, str] | None:
    """(low, high, qualifier) of a money or quantity match; warns and gives None if unreadable.

    ``outer_prefix`` is a qualifier written before the verb of the amount (至少拿出150万元).
    """
    if "bare" in match.re.groupindex and match.group("bare"):
        qualifier = VAGUE_PREFIXES[match.group("vague")]
        return *interval(read_bare_magnitude(match.group("bare")), 0.0, qualifier), qualifier
    is_range = match.group("num_to") is not None
    first_parts = [
        part or "" for part in match.group("num", "mag", "more", "mag2", "sub", "submag")
    ]
    second = None
    if not is_range and (ends := adjacent_numerals(first_parts[0].strip())):  # 四五万
        is_range = True
        second = _read_number_phrase(ends[1], *first_parts[1:])
        first_parts = [ends[0], *first_parts[1:]]
    elif is_range:
        second_parts = [
            part or ""
            for part in match.group("num_to", "mag_to", "more_to", "mag2_to", "sub_to", "submag_to")
        ]
        second = _read_number_phrase(*second_parts)
        taken = LARGE_MAGNITUDE.search(second_parts[0] + second_parts[1] + second_parts[3])
        if taken and not any(char in LARGE_MAGNITUDE_CHARS for char in "".join(first_parts)):
            num, mag, more = first_parts[:3]
            if mag and not more and mag + taken.group() in MAGNITUDES:  # 3千至5千万
                first_parts = [num, mag + taken.group(), "", "", "", ""]
            else:
                first_parts = [num, mag, more, taken.group(), "", ""]
    first = _read_number_phrase(*first_parts)
    qualifier = qualifier_of(
        match.group("prefix") or outer_prefix,
        match.group("more") or "",
        match.group("suffix") or "",
        is_range,
    )
    bounds = None
    if first is not None and not is_range:
        bounds = interval(*first, qualifier)
    elif first is not None and second is not None and second[0] >= first[0]:  # not 9~1
        bounds = first[0], second[0] + second[1]
    if bounds is None:
        warnings.warn(
            f"{doc_id or 'text'}: offset {match.start()}: cannot read the number in "
            f"{match.group()!r}; no mention made",
            UnreadableNumberWarning,
            stacklevel=3,
        )
        return None
    return *bounds, qualifier


def _small_change(match: re.Match[str]) -> float:
    """The 角 and 分 written after 元 (``123元1角1分`` → 0.11), in yuan."""
    jiao, fen = (read_numeral(digit) if digit else 0 for digit in match.group("jiao", "fen"))
    if jiao is None or fen is None:
        return 0.0
    return float(jiao) / 10 + float(fen) / 100


def _clause(
    text: str, start: int, end: int, sentence_start: int, sentence_end: int
) -> tuple[int, int]:
    left = _last(_CLAUSE_MARK, text, sentence_start, start)
    right = _CLAUSE_MARK.search(text, end, sentence_end)
    return max(left + 1, sentence_start), right.start() if right else sentence_end


def _last(mark: re.Pattern[str], text: str, start: int, end: int) -> int:
    """The offset of the last ``mark`` in ``text[start:end]``, else -1 (one call in C
    where ``str.rfind`` would take one per character of the mark's class)."""
    last = -1
    for found in mark.finditer(text, start, end):
        last = found.start()
    return last


def _nearest_cue(
    pattern: re.Pattern[str], text: str, start: int, end: int, window: tuple[int, int]
) -> str:
    """The cue word in ``text[window]`` nearest the mention at ``start:end`` (ties: before)."""
    return _nearest(pattern.finditer(text, *window), start, end)


def _nearest(found: Iterable[re.Match[str]], start: int, end: int) -> str:
    """The cue word of ``found`` nearest the mention at ``start:end`` (ties: before)."""
    best, best_distance = "", math.inf
    for cue in found:
        if cue.end() <= start:
            distance = start - cue.end()
        elif cue.start() >= end:
            distance = cue.start() - end + 0.5
        else:
            continue
        if distance < best_distance:
            best, best_distance = cue.group(), distance
    return best


def _kind(
    cues: Cues, text: str, start: int, end: int, clause: tuple[int, int], part: tuple[int, int]
) -> tuple[str, str]:
    central = _CENTRAL.search(text, clause[0], start) or _CENTRAL.match(text, end, clause[1])
    if central:
        return "central", central.group()
    if outcome := _OUTCOME.search(text, clause[0], start) or _LEVERAGED.search(
        text, clause[0], start
    ):
        return "outcome", outcome.group(1)
    if (returned := _RETURN_AFTER.match(text, end)) and _RECEIVED.search(text, clause[0], start):
        return "outcome", returned.group(1)  # 获得40万元租金收益: what an aid-built asset earned
    sales = _OWN_SALES.search(text, clause[0], start)
    before = _previous_clause(text, clause[0], part[0])[0]
    if sales and not _names_consumption_aid(cues, text, before, sales.start()):
        return "outcome", sales.group(1)
    deal = (
        _DEAL_SIGNED.search(text, clause[0], start)
        or _DEAL_TOTAL.search(text, part[0], start)
        or _DEAL_COUNTED_FIRST.search(text, part[0], start)
        or _DEAL_AFTER.match(text, end)
    )
    # 采购协议, 签订农业订单45个，总金额…: consumption aid's form, a purchase
    if deal and not _SALE.search(text, before, start):
        return "deal", deal.group(1)
    if plan := _PLANNED.search(text, clause[0], start) or _TARGET.match(text, end):
        return "plan", plan.group(1)
    after = (end, min(clause[1], end + _OBJECT_CHARS))
    object_phrase = next(_kind_cues(cues, text, end, after), None)
    cue = (
        (object_phrase.group() if object_phrase else "")
        or _nearest(_kind_cues(cues, text, end, (clause[0], start)), start, end)
        or _nearest(_kind_cues(cues, text, end, part), start, end)
    )
    if cue == "资金" and _CAPITAL_IN.search(text, part[0], start):
        return "investment", cue  # 引进企业885个，到位资金950亿元: investors' capital, not aid
    spends = cue in _PUT_IN or (cue == "投资" and _AID_INVESTS.search(text, clause[0], start))
    if spends and not _FIRM.search(text, part[0], start):
        return "fund", cue  # 深圳累计投入46.65亿元, 广东帮扶广西共投资1178万元: aid spent
    kind = cues.kind.get(cue, "other")
    funds_and_goods = _FUNDS_AND_GOODS.search(text, part[0], start)
    if kind == "in_kind" and funds_and_goods and not object_phrase:
        kind, cue = "fund", funds_and_goods.group()  # 援藏资金、物资总计5.11亿元: not goods alone
    if kind == "fund" and (given := _DONATED.search(text, clause[0], start)):
        return "donation", given.group()  # 捐赠帮扶资金21.2亿元: a gift, whatever its noun
    sold = _SOLD.search(text, before, start) if kind == "in_kind" and cue == "价值" else None
    if sold and not _GIVING.search(text, sold.end(), part[1]):
        return "purchase", sold.group()  # 帮助销售农特产品价值10多亿元: what was sold is worth
    return kind, cue


#: A sale or purchase of the recipient's goods, told with 价值 before its worth (帮助销售…价值,
#: 采购了价值近40万元的农副产品); a gift of what was bought (采购…捐赠给…) stays goods given.
_SOLD = re.compile("销售|帮销|助销|代销|采购|购买|收购|卖出|销往|认购")
_GIVING = re.compile("捐|赠|送去|送给|援助|发放")


#: Aid money, named as such: 帮扶资金, 援助资金, 援疆资金 … are aid, not a deal's sum.
_AID_MONEY = re.compile("帮扶|援助|援建|援[疆藏青]|支援|扶贫|捐")


def _kind_cues(cues: Cues, text: str, end: int, window: tuple[int, int]) -> Iterator[re.Match[str]]:
    """The kind cue words in ``text[window]``, less 投入 in 投入使用 (put into use: 平台投入使用)
    and the purchases and goods in a purpose stated after the amount (``…2670万元，用于购买
    基础母牛``, ``捐助500万元用于采购…``, ``用于购置…物资``): what the money buys, not what
    it is (``…300万元，用于弥补…资金`` is still a fund)."""
    for cue in cues.pattern("kind").finditer(text, *window):
        if cue.group() in _PUT_IN and _INTO_USE.match(text, cue.end()):
            continue
        clause_start = max(end, _last(_CLAUSE_MARK, text, end, cue.start()) + 1)
        if (
            cue.start() < end
            or cues.kind[cue.group()] not in _BOUGHT
            or not _USED_FOR_BEFORE.search(text, clause_start, cue.start())
        ):
            yield cue


#: What follows 投入 when it means "put into use", no money: 投入使用, 投入运营, 投入生产.
_INTO_USE = re.compile("使用|运营|运行|营运|生产|试运行")


#: The kinds that name what money buys (采购, 物资): in a purpose, no kind of the money.
_BOUGHT = frozenset({"purchase", "in_kind"})


#: The central government's own money named before the amount in its clause, or right
#: after it: transfers and budget investment (中央财政专项资金, 争取中央资金, 中央预算内投资,
#: 中央对西藏地方财政补助, 中央投入云南的财政专项扶贫资金), no paired aid. 中央企业 and
#: 中央单位 (定点帮扶) are givers of paired aid, not this.
_CENTRAL = re.compile(
    "中央(?:对[^，。；]{1,8}?|投入[^，。；]{0,8}?)?(?:财政|预算内|资金|投资|基建|补助|转移支付)"
)
#: What aid brought about, named right before the amount: income, output, dividends, taxes
#: (户均增收1.1万元, 实现劳务收入23.7亿元, 纳税1217万元, 缴纳税金1000万元, 年产值可达1.2亿元,
#: 产值预计9000万元, 收入从2015年的2.9万元…), and the measures of an economy or a firm beside
#: them: a region's output (地区生产总值突破4000亿元, 人均GDP为7078元, 全社会固定资产投资从…),
#: a bank's credit (授信额度一亿元, 投放贷款超200亿元), a disaster's loss (直接经济损失达643亿元):
#: no money given. ``_OWN_SALES`` adds a
#: firm's own turnover, ``_LEVERAGED`` the money the aid drew in.
_OUTCOME = re.compile(
    "(产值|生产总值|GDP|固定资产投资(?:完成)?|收入|增收|分红|利润|纳税|税收|税费|税金|利税|营业额|营收|创收|收益|效益"
    "|损失"
    "|授信额度|授信|贷款额度|贷款|信贷)"
    "(?:达到|达|实现|突破|超过|超|约|近|逾|了|为|共|累计|增加|可达|已达|平均在|平均|均|高达"
    "|就|能|可|已|将|有|在|到|仅|预计|不低于|不少于|[从由](?:[0-9]{4}年的?)?)*$"
)
#: What an asset the aid built earns, named right after the amount (获得40万元租金收益, 分到了
#: …的6万元租金) with a verb of receiving before it in its clause: an outcome, not aid given.
_RETURN_AFTER = re.compile("的?(租金收益|租金|收益|效益|分红|红利)")
_RECEIVED = re.compile("获得|分到|分得|收取|取得|产生|带来|实现")
#: A period's turnover named right before the amount (2024年销售额达1.47亿元, 投产第一年销售额
#: 就超200万元, 日均批发零售额达20余万元): a firm's or a base's own sales, an outcome, unless
#: its clause or the one before names consumption aid (``_names_consumption_aid``:
#: 帮助销售农产品，年销售额…, 电商平台上年销售额…).
_OWN_SALES = re.compile(
    "((?:年|日均|月)(?:批发)?(?:零售额|销售额))"
    "(?:达到|达|实现|突破|超过|超|破|约|近|逾|为|在|就|可达|已达|将|已|预计|不低于)*$"
)
#: Money the aid drew in, named right before the amount in its clause: 撬动各类资金近15亿元,
#: 吸引社会资本超过1000亿元, 带动各类企业投资310多亿元, 撬动企业注资增资3349万元. It is an
#: outcome of the aid, not aid given; aid money drawn in (撬动东西部协作资金500万元, 带动社会
#: 力量投入帮扶资金9800万元: ``_AID_MONEY``) is given.
_DRAWN_IN = f"(撬动|带动|拉动|吸引)(?![^，。；]*(?:{_AID_MONEY.pattern}|协作))[^，。；]{{0,12}}?"
_LEVERAGED = re.compile(_DRAWN_IN + "(?:资金|资本|投资|注资|融资|信贷|贷款)[^，。；]{0,6}$")
#: Of that, firms' capital (吸引社会资本…, 带动社会投资…): its area is industry, as an investment
#: by firms is.
_DRAWN_CAPITAL = re.compile(_DRAWN_IN + "(?:资本|投资|注资|融资)[^，。；]{0,6}$")
#: A deal signed or intended, named right before the amount: what it is worth is promised,
#: not given (签约金额达192.87亿元, 签署投资协议9400亿元, 意向投资); money given under an
#: agreement (根据协议投入…) is not one, nor is a purchase agreement (签订了采购协议700万元:
#: the form consumption aid is reported in, a ``purchase``).
_DEAL_SIGNED = re.compile(
    "(签约|签订|签署|意向|协议|合同)"
    "(?![^，。；]*(?:投入|拨付|捐|安排|落实|到位|完成|兑现|支付))[^，。；]{0,6}$"
)
#: Deals signed, counted, and then their sum in the next clause or after a space (签约34个项目，
#: 总投资额达138亿元; 签订合作项目4项，总投资共计3.1亿元; 原题：…签约项目89个 总投资815亿元;
#: 签约项目157个、金额243.5亿元; 签约项目320个，合作总额达670.35亿元):
#: what the deals are worth. Aid projects signed (签订帮扶项目6个，总投资…) are aid.
_DEAL_SUM = (
    "(?:合作|协议|签约|合同)?(?:总投资额?|投资总额|投资额|投资金额|投资贸易总金额|总金额|总额|金额)"
    "(?:达到|达|为|约|共计|共|合计|超过|超|逾|近)*$"
)
_DEAL_TOTAL = re.compile(
    f"(签约|签订|签署|协议|意向)(?![^，。；]*(?:{_AID_MONEY.pattern}))[^，。；]{{0,16}}?"
    r"[0-9一二三四五六七八九十百]+[个项份](?:项目)?[，、\s]+(?:项目)?" + _DEAL_SUM
)
#: …or counted before 签约, the sum a clause on (112个项目现场签约，数量创历史新高，投资额达…).
_DEAL_COUNTED_FIRST = re.compile(
    r"[0-9一二三四五六七八九十百]+个(?:合作)?项目[^，。；]{0,6}?(签约)"
    r"(?:[，、][^，。；]{0,12})?[，、]" + _DEAL_SUM
)
#: A deal named right after the amount (共计93.97亿元的签约金额): what it is worth.
_DEAL_AFTER = re.compile(r"\s*的?(签约金额|签约额|签约资金)")
_SALE = re.compile("采购|购销|收购|销售|订购|订单")
#: Money planned or promised, named before the amount in its clause with a verb of giving
#: (计划投入, 预计投入, 拟投资, 将为汶川提供, 未来3年将安排): not given yet; 将 as the object
#: marker (将500万元用于…) has no verb before the amount, and 已 (计划投入…已到位) tells
#: money given, as do 计划外/计划内 (outside or inside the plan) and a plan's name (行动计划).
_PLANNED = re.compile(
    "((?<!行动)(?<!工作)计划(?![内外])|预计|拟|将|未来[0-9一二两三四五六七八九十]+年)"
    "(?![^，。；]*已)[^，。；]{0,12}?"
    "(?:投入|投资|安排|援助|提供|拨付|捐赠|捐助|资助|支持|筹集|落实)[^，。；]{0,8}$"
    "|(力争)[^，。；]{0,16}$"
)
#: A target named right after the amount (下达的5000万元的目标任务, 33.5亿元的年度目标): a plan.
_TARGET = re.compile(r"\s*的?(年度目标|目标任务|目标)")
#: Money and goods told as one sum (援藏资金、物资总计5.11亿元, 援助资金物资逾21亿元, 资金和物资
#: 价值累计超过5亿元): a fund, not goods given; 捐赠 before it makes it a donation.
_FUNDS_AND_GOODS = re.compile("资金[、和及与]?物资|物资[、和及与]?资金")
#: A verb of giving money as a gift before the amount in its clause (捐赠防疫资金35万元).
_DONATED = re.compile("捐赠|捐助|捐款|捐资|捐献|捐给")
#: Verbs of putting money in: a firm's investment after a firm, else aid spent (a fund).
_PUT_IN = frozenset({"投入"})
#: Capital paid in to projects or firms brought in, named right before the amount (引进企业885个，
#: 到位资金950亿元; 产业合作项目8803个，到位资金2940亿元; 招商引资实际到位资金5亿元): firms'
#: investment, not aid; 到位帮扶资金 or 到位援疆资金 names aid money and is aid.
_CAPITAL_IN = re.compile(
    "(?:引进|招商|落地|入驻|签约|企业|客商|(?:产业|经济)(?:合作|协作)?项目)[^。；]*?"
    "(?:实际|新增|累计)?到位(?:各类)?资金(?:达到|达|为|共|约)*$"
)
#: 投资 by the aiding side, right before the amount in its clause (广东帮扶广西共投资1178万元,
#: 北京援藏投资2800万元): aid spent, as 投入 is; a project's total (援藏项目总投资) is not.
_AID_INVESTS = re.compile(f"(?:{_AID_MONEY.pattern})[^，。；]{{0,12}}?(?<!总)投资[^，。；]{{0,4}}$")
#: A firm named before the amount in its sentence part (企业, 央企, 公司, 集团, 厂, 客商).
_FIRM = re.compile("企|公司|集团|厂|客商")


def _names_consumption_aid(cues: Cues, text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names consumption aid: a ``consumption`` area cue of
    ``money_cues.csv`` (消费, 采购, 农产品, 电商 …: 帮助销售农产品…年销售额 is aid's sales), or
    sales into a market or through a channel (打入北京市场, 依托协作渠道)."""
    return bool(_SOLD_THROUGH.search(text, start, end)) or any(
        cues.domain[cue.group()] == "consumption"
        for cue in cues.pattern("domain").finditer(text, start, end)
    )


#: Sales into a market or through a channel (打入北京市场, 依托协作渠道): the pairing's buyers.
_SOLD_THROUGH = re.compile("市场|渠道")


def _domain(
    cues: Cues, text: str, start: int, end: int, clause: tuple[int, int], part: tuple[int, int]
) -> tuple[str, str]:
    """The area an amount serves, and the words that decided it.

    In order: the purpose stated for it (``_purpose_cue``); the nearest cue in its
    clause; the nearest cue in the clause just before (back over clauses that name neither
    a cue nor money) or after it in its sentence part, unless that clause names a figure of
    its own (the one before: unless this clause tells part of it, 其中… or 今年…; the one
    after: or a count of its own, another act: 并…, or a part of it: 其中… or 今年…);
    what it earned (增收, 收益, 分红, 纳税 …: ``earnings`` in ``money_cues.csv``); an investment
    by firms or in a place (``企业到云南投资``, ``在恩施市投资``), firms' capital the aid drew
    in (``吸引社会资本``) or a deal brought in
    before it in its sentence part (签约合作项目, 引进…项目: ``_DEALS``) is ``industry``;
    else ``general`` (a donation with no purpose too: 捐赠, 爱心 and 社会帮扶 say who
    gives, which ``kind`` keeps).
    """
    words = cues.pattern("domain")
    own = _own_stretch(text, start, end, clause)
    purpose = _purpose_cue(words, cues.domain, text, start, end, own, clause, part)
    if purpose:
        marker, cue, stop = purpose
        if _areas(cues, words.finditer(text, marker.end(), stop)) < _LIST_OF_AREAS:
            return cues.domain[cue.group()], text[marker.start() : cue.end()]
        return "general", text[marker.start() : stop]
    in_own = list(words.finditer(text, *own))  # read twice: the areas it lists, the nearest
    if _areas(cues, in_own) >= _LIST_OF_AREAS:
        return "general", ""
    cue = _nearest(in_own, start, end)
    if not cue:
        before = _previous_clause(text, own[0], part[0])
        while (  # back over clauses that say nothing of money (扩建面积为2134亩，总投资…)
            before[0] > part[0]
            and not words.search(text, *before)
            and not _MONEY_FIGURE.search(text, *before)
        ):
            before = _previous_clause(text, before[0], part[0])[0], before[1]
        after = _next_clause(text, own[1], part[1])
        lends = not _not_its_own(cues, words, text, before) or (
            own[0] == clause[0]
            and _PART_OF_BEFORE.match(text, own[0])
            and _areas(cues, words.finditer(text, *before)) == 1
        )
        window = (
            before[0] if lends else own[0],
            own[1]
            if _not_its_own(cues, words, text, after)
            or _ANOTHER_ACT.match(text, after[0])
            or _PART_OF_BEFORE.match(text, after[0])
            or _COUNT.search(text, *after)
            else after[1],
        )
        cue = _nearest_cue(words, text, start, end, window)
    if cue:
        return cues.domain[cue], cue
    if cue := _nearest_cue(cues.pattern("earnings"), text, start, end, own):
        return cues.earnings[cue], cue
    if firm := _FIRM_INVESTMENT.search(text, own[0], start) or _DRAWN_CAPITAL.search(
        text, own[0], start
    ):
        return "industry", firm.group()
    if deal := _deal(cues, words, text, start, own, part):
        return "industry", deal
    return "general", ""


#: A next clause that tells another act (并再次带来…, 同时…), or counts something of its own
#: (…资金3500万元，培训干部100余人次 or 就业6.5万人: the next item of a list), says nothing
#: of the amount's area; a clause before it may (新建学校3所，总投资5000万元).
_COUNT = re.compile(
    f"[0-9０-９][0-9０-９.．]*{_SPACE}[余多]?{_SPACE}(?:[万亿]{_SPACE}[余多]?{_SPACE})?(?:{_UNIT})"
)
_ANOTHER_ACT = re.compile(f"{_SPACE}(?:并|还|同时|另外|另|此外)")
#: A clause that tells part of the figure before it (…消费帮扶4.18亿元，今年已突破1.15亿元;
#: …，其中2023年投入…): the area of that figure is its own, and the area the clause names
#: is the part's (援疆资金17亿元，其中民生项目资金占80%: the whole is no social money).
_PART_OF_BEFORE = re.compile(f"{_SPACE}(?:其中|今年|当年|同年|本年)")

#: An investment by firms or in a place, before the amount in its clause: 企业到云南投资,
#: 在恩施市累计投资 (firms' money, as reports on 招商引资 write it).
_FIRM_INVESTMENT = re.compile(
    "(?:企业|公司|商)[^，。；、]{0,12}?投资|(?<![存所现实])[在到][\u4e00-\u9fff]{1,8}?(?:累计)?投资"
)


#: Deals a pairing brings in (招商引资): projects signed, landed or in cooperation
#: (签约合作项目76个，总签约额…; 合作项目119个，计划总投资…), projects or firms brought in
#: (引进…项目，总投资…), an agreement's sum (协议金额, 协议引进上海资金…).
_DEALS = re.compile(
    "签约|签[订署]?[^，。；]{0,8}?项目|招商|落地项目|合作[^，。；]{0,6}?项目"
    "|引进[^，。；]{0,24}?(?:项目|企业)(?!帮扶|资金)|(?:企业|客商)[^，。；]{0,8}?投资|社会投资"
    "|协议(?:资金|金额|投资|引进)|投资协议"
)


def _deal(
    cues: Cues,
    words: re.Pattern[str],
    text: str,
    start: int,
    own: tuple[int, int],
    part: tuple[int, int],
) -> str:
    """The deal (``_DEALS``) told last before the amount in its sentence part, unless the
    amount's own words call it aid money (帮扶资金: 定点帮扶's 引进帮扶资金 is aid brought in) or
    the deal's clause lists areas of work (兴产业、抓招商、援医疗); else ''."""
    if _AID_MONEY.search(_GLOSS_MARK.sub("", text[own[0] : start])):
        return ""
    before = _GLOSS_MARK.sub("", text[part[0] : start])
    deals = list(_DEALS.finditer(before))
    if not deals:
        return ""
    deal = deals[-1]
    closing = _CLAUSE_MARK.search(before, deal.end())
    clause = (
        _last(_CLAUSE_MARK, before, 0, deal.start()) + 1,
        closing.start() if closing else len(before),
    )
    return "" if _areas(cues, words.finditer(before, *clause)) > 1 else deal.group()


def _own_stretch(text: str, start: int, end: int, clause: tuple[int, int]) -> tuple[int, int]:
    """The part of the clause that belongs to the amount in a list of figures
    (``财政资金33亿元、社会帮扶资金13亿元``): from the figure before it (before a run of
    figures joined by nothing but 、 or 和: the words before the run serve them all), and
    up to the amount itself when another figure follows (its words come before it)."""
    before = list(_MONEY_FIGURE.finditer(text, clause[0], start))
    at = start
    while before and _LIST_GAP.fullmatch(text, before[-1].end(), at):
        at = before.pop().start()  # 200—299万元、300—499万元: one run shares its words
    after = _MONEY_FIGURE.search(text, end, clause[1])
    return (before[-1].end() if before else clause[0]), (end if after else clause[1])


#: What joins two figures of one run and nothing else (…万元、300—…, …万元和…).
_LIST_GAP = re.compile(
    f"[元]?{_SPACE}(?:[、和及与或]|以及){_SPACE}(?:[0-9０-９.．]+{_SPACE}{RANGE_MARK}{_SPACE})?"
)


#: A stretch naming this many areas lists them (产业、教育、医疗等): it decides none.
_LIST_OF_AREAS = 3


def _areas(cues: Cues, found: Iterable[re.Match[str]]) -> int:
    """How many different area labels the area cue words ``found`` name."""
    return len({cues.domain[cue.group()] for cue in found})


def _not_its_own(cues: Cues, words: re.Pattern[str], text: str, clause: tuple[int, int]) -> bool:
    """A neighbouring clause says nothing of the amount's area when it names a figure of
    its own or lists areas (兴产业、援医疗)."""
    return (
        bool(_MONEY_FIGURE.search(text, *clause)) or _areas(cues, words.finditer(text, *clause)) > 1
    )


def _previous_clause(text: str, clause_start: int, part_start: int) -> tuple[int, int]:
    if clause_start <= part_start:
        return clause_start, clause_start
    left = _last(_CLAUSE_MARK, text, part_start, clause_start - 1)
    return max(left + 1, part_start), clause_start - 1


def _next_clause(text: str, clause_end: int, part_end: int) -> tuple[int, int]:
    if clause_end >= part_end:
        return clause_end, clause_end
    right = _CLAUSE_MARK.search(text, clause_end + 1, part_end)
    return clause_end + 1, right.start() if right else part_end


def _purpose_cue(
    words: re.Pattern[str],
    labels: dict[str, str],
    text: str,
    start: int,
    end: int,
    own: tuple[int, int],
    clause: tuple[int, int],
    part: tuple[int, int],
) -> tuple[re.Match[str], re.Match[str], int] | None:
    """The purpose words that govern the amount, the area cue that heads what they govern,
    and where what they govern ends.

    A purpose is the noun phrase an amount modifies (``总投资300万元的…公路``: what it
    cost), a verb after the amount in its own stretch of its clause
    (``投资5亿元建设工厂``, ``50万元采购种羊``, ``投入X万元开展…``), or right after it in a
    list of figures (``800万元用于示范园建设、300万元用于…``); the next clause when it
    opens with one (after a place: ``…，在甲村打造…``) and names no figure of its own
    (``安排资金X万元，用于…``), also after a run
    of clauses that each name a figure and no area (``甲县819万元，乙县600万元，主要用于…``:
    the purpose serves them all); a later clause of its sentence part about the money itself
    (``…，这笔资金在当地医院…发挥了作用``); or 用于 before the amount in its clause
    (``用于教育的资金300万元``). What a purpose governs runs to the end of its clause and
    stops at another figure (at the 、 before it, where the next item of a list begins);
    its area is the head of the first noun phrase that names one (``用于民生类基础设施`` →
    基础设施, ``开展母牛扩群和牛肉销售`` → 母牛).
    """
    found = [(of, clause[1])] if (of := _OF_AMOUNT.match(text, end + 1, clause[1])) else []
    found += [(marker, own[1]) for marker in _PURPOSE.finditer(text, end, own[1])]
    if own[1] == end and (opening := _PURPOSE_OPENING.match(text, end, clause[1])):
        found.append((opening, clause[1]))  # 800万元用于…、300万元用于…: up to the next figure
    after = _next_clause(text, clause[1], part[1])
    while (
        after[0] < after[1]
        and _MONEY_FIGURE.search(text, *after)
        and not words.search(text, *after)
        and not _PURPOSE.search(text, *after)
    ):
        after = _next_clause(text, after[1], part[1])
    opening = _PURPOSE_OPENING.match(text, after[0], after[1])
    if opening and not _MONEY_FIGURE.search(text, *after):
        found.append((opening, after[1]))
    for money in _THIS_MONEY.finditer(text, clause[1], part[1]):
        if text[money.start() - 1] in _CLAUSE_END:
            stop = _CLAUSE_MARK.search(text, money.end(), part[1])
            found.append((money, stop.start() if stop else part[1]))
    found += [
        (marker, start)
        for marker in _USED_FOR_BEFORE.finditer(text, own[0], start)
        if "、" not in text[marker.end() : start]  # 用于修路、乙资助…1000元: another item's
    ]
    for marker, stop in found:
        figure = _MONEY_FIGURE.search(text, marker.end(), stop)
        if figure:  # …用于修路、乙资助学生每人1000元: the next item starts after the 、
            stop = text.rfind("、", marker.end(), figure.start()) + 1 or figure.start()
        if cue := words.search(text, marker.end(), stop):
            return marker, _phrase_head(words, labels, text, cue, stop), stop
    return None


#: What ends a noun phrase between two cue words: a list mark or a conjunction.
_PHRASE_BREAK = re.compile("[、，,和及与或并]")


def _phrase_head(
    words: re.Pattern[str], labels: dict[str, str], text: str, cue: re.Match[str], stop: int
) -> re.Match[str]:
    """The cue word that decides the noun phrase ``cue`` opens: its last one, for a Chinese
    noun phrase ends in its head (民生类基础设施 → 基础设施; 农业园区公路 → 公路), unless that
    has ``cue``'s own label (then ``cue``: the shortest deciding words). A cue more than two
    characters on, or after 、/和/及, starts another phrase (产业…及光伏 keeps 产业)."""
    head = cue
    for following in words.finditer(text, head.end(), stop):
        gap = text[head.end() : following.start()]
        if len(gap) > 2 or _PHRASE_BREAK.search(gap):
            break
        head = following
    return cue if labels[head.group()] == labels[cue.group()] else head


def _sentence_part(
    text: str, start: int, end: int, sentence_start: int, sentence_end: int
) -> tuple[int, int]:
    """The stretch of the sentence between the ``；`` before and after the mention."""
    left = _last(_PART_MARK, text, sentence_start, start)
    right = _PART_MARK.search(text, end, sentence_end)
    return (sentence_start if left < 0 else left + 1), (right.start() if right else sentence_end)


def _cumulative_cue(cues: Cues, text: str, start: int, scope: int, domain: str) -> str:
    """The running-total cue before the mention; a successive cue only for a general amount;
    a period (以来, 年来, a five-year plan's “十三五”期间, 1996年至2015年) only when no single year stands
    between it and the amount (自2016年以来…仅2018年投入… is that year's).

    >>> cues = load_cues()
    >>> [_cumulative_cue(cues, text, 16, 0, "general") for text in
    ...     ["“十二五”期间共投入援助资金十亿元", "“十二五”期间，今年投入援助资金十亿元"]]
    ['“十二五”期间', '']
    """
    found = [
        *cues.pattern("cumulative").finditer(text, scope, start),
        *_PLAN_PERIOD.finditer(text, scope, start),
        *_YEAR_RANGE.finditer(text, scope, start),
    ]
    if not found:
        return ""
    last = max(found, key=lambda cue: cue.end())
    cue = last.group()
    if cues.cumulative.get(cue) == "successive" and domain != "general":
        return ""
    period = cue in _PERIOD_CUES or _PLAN_PERIOD.fullmatch(cue) or _YEAR_RANGE.fullmatch(cue)
    if period and _ONE_YEAR.search(text, last.end(), start):
        return ""
    return cue


#: A five-year plan's period: what is given in it is a running total of those years.
_PLAN_PERIOD = re.compile('[“"]?十[一二三四五]五[”"]?(?:期间|时期|以来)')
#: A span of years (1996年至2015年, 2013年—2016年): what is given in it is a running total.
_YEAR_RANGE = re.compile(
    r"[0-9]{4}年?(?:[0-9]{1,2}月)?(?:至|到|—|–|-|~|～)[0-9]{4}年(?:[0-9]{1,2}月)?(?:底|末)?"
)
#: The running-total cues that name a period, which a year named after them narrows.
_PERIOD_CUES = frozenset({"以来", "年来", "年多来"})
#: One year named between a period and the amount: 今年, 当年, 2018年 (not 2018年底, nor
#: a range: 2007年至2012年).
_ONE_YEAR = re.compile("今年|当年|本年|同年|(?<![至到—~0-9-])[0-9]{4}年(?![底末以来起至到—~-])")


def _monthly_pay(text: str, clause: tuple[int, int], rate_unit: str) -> str:
    """The pay word in the clause of an amount earned per month (每月收入3200元, 一个月有
    2000多元的工资), else '': a wage, so ``employment`` whatever the workplace (养殖园,
    种植基地), for income from farming or a business is told per year or per mu.

    >>> _monthly_pay("在养殖园当饲养员，每月有2000元的固定收入", (9, 23), "per month")
    '收入'
    """
    pay = _PAY.search(text, *clause) if "per month" in rate_unit else None
    return pay.group() if pay else ""


def _units_after(text: str, end: int) -> tuple[list[str], int]:
    """The rate units written right after an amount ending at ``end`` (元/人/月, 8元一斤),
    and where they end: the mention's span holds them, as a reader quotes the figure.

    >>> _units_after("补贴200元/人/月，", 6)
    (['人', '月'], 10)
    >>> _units_after("捐赠20万元，", 5)
    ([], 5)
    """
    units = []
    while after := _PER_AFTER.match(text, end):
        units.append(after.group("unit"))
        end = after.end()
    return units, end


def _rate_unit(
    text: str, start: int, end: int, clause_start: int, clause_end: int, unbounded: bool = False
) -> str:
    """The units an amount is per, from its clause (``""``: not a rate).

    每X (a thing a few words on: 每个贫困户), X均, 亩产 or 一亩 before it; /X, 每X or 一X right after it (元/人/月, 8元一斤); an income or
    yield per period (月收入, 年薪, 年产值) or 连续N年 not summed (each year); a bar over
    which things are counted (产值超千万元企业: ``per enterprise``, only for an amount
    with no upper bound, ``unbounded``); a price (单价, 收购价,
    6元的价格) or a standard (一次性奖励, 补助标准为, 2000元的标准) make ``per unit``; 分别
    with one amount (两村分别获得5万元) or 各 right before it (两县各100万元) ``per each``.
    A total told after a rate of its clause (户均2万元、总额为246万元) is per nothing: the
    words before the rate are the rate's.
    """
    own_start = clause_start
    if _SUMMED.search(text, clause_start, start):  # 户均2万元、总额为246万元: a total
        stretch = _own_stretch(text, start, end, (clause_start, clause_end))[0]
        own_start = stretch if _SUMMED.search(text, stretch, start) else clause_start
    before = _GLOSS_MARK.sub("", text[own_start:start])  # 年户（hù）均收入
    names = [m["unit"] or m["word"] or m["avg"] or m["one"] for m in _PER_BEFORE.finditer(before)]
    names += _units_after(text, end)[0]
    names += [m.group("period") or m.group("pay") for m in _INCOME.finditer(before)]
    if (period := _ONE_PERIOD.search(before)) and (
        _EARNS_AFTER.match(text, end) or _EARNS_BEFORE.search(before, period.end())
    ):
        names.append(period.group("period"))  # 一个月有2000元的工资: per month
    if (running := _YEARS_RUNNING.search(before)) and not _SUMMED.search(before, running.end()):
        names.append("年")  # 连续3年安排资金500万元: 500万元 a year, not in all
    if unbounded and (threshold := _THRESHOLD_AFTER.match(text, end)):
        names.append(_THRESHOLD_THINGS[threshold.group("unit")])
    if not names and (
        _PRICE_BEFORE.search(before)
        or _PRICE_AFTER.match(text, end)
        or _STANDARD_AFTER.match(text, end)
    ):
        names.append("unit")
    if (
        not names
        and ("分别" in before or _EACH_BEFORE.search(before))
        and not _DIGIT.search(before, before.rfind("分别"))
        and not _MONEY_FIGURE.search(text, end, clause_end)
    ):
        names.append("each")  # 分别捐赠5万元, 两县各100万元: each of them gets it
    if not names:
        return ""
    things = [RATE_THINGS.get(n, n) for n in names if n not in RATE_PERIODS and n != "平"]
    things = things or ["average" for n in names if n == "平"]  # 平均每人: per person
    periods = [RATE_PERIODS[n] for n in names if n in RATE_PERIODS]
    units = list(dict.fromkeys(things + periods))
    return " ".join(f"per {unit}" for unit in units)


def _counted(after: str, before: str, cut: Callable[[str], list[str]]) -> str:
    """The noun phrase right after a count's unit, else the one just before its number,
    in words cut by ``cut`` (``tokens.cutter``).

    A phrase is a run of nouns (jieba tags n*, j, l), which a verbal noun or an
    adjective may open (就业培训班, 贫困劳动力) but not follow (小学生|游览).
    """
    phrase: list[tuple[str, bool]] = []
    for word in _words(after.lstrip("“”\"'（("), cut):  # lazily: most stop early
        tag = tokens.part_of_speech(word)
        is_noun = tag.startswith(("n", "j", "l")) and tag != "nx"
        if not is_noun and (tag not in _MODIFIER_TAGS or any(n for _, n in phrase)):
            break
        phrase.append((word, is_noun))
    while phrase and not phrase[-1][1]:
        phrase.pop()
    if phrase:
        return "".join(word for word, _ in phrase)
    trailing: list[str] = []
    for word in _words(before, cut, last_first=True):
        if not tokens.part_of_speech(word).startswith(("n", "vn", "j", "l")):
            break
        trailing.insert(0, word)
    return "".join(trailing)


def _words(text: str, cut: Callable[[str], list[str]], last_first: bool = False) -> Iterator[str]:
    """The words ``cut`` makes of ``text`` (first first, or last first), cut lazily.

    jieba cuts each run of Han characters, letters and digits (its ``re_han_default``)
    and each stretch between two runs on its own, so cutting them one by one gives the
    same words.
    """
    blocks = jieba.re_han_default.split(text)
    for block in reversed(blocks) if last_first else blocks:
        words = cut(block)
        yield from reversed(words) if last_first else words
