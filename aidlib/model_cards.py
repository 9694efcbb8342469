"""Model cards: what a report says its aid model is, read from the text with general rules.

A *fact* is one statement of the model found by a rule (nothing is keyed to a
particular report); a *model card* sums a report's facts up beside its metadata.

**Named models** (``named_models``) are found in these shapes, as such reports write them:

- a quoted (``“…”``, ``「…」``, ``『…』``) or bracketed (``《…》``, a document) name.
  Speech (a quote with a sentence mark, or longer than 24 characters) and awards (after
  获评/荣获…) are left out.  A quote is kept when it has a model's shape (``3+2``,
  ``一体两翼``, ``三项机制``, ``四个一批``: see ``is_slogan``), when a kind's head word
  ends it or follows it (``“春风行动”``, ``“一体两翼”对口帮扶机制``, ``“N+1”主题采访活动``),
  when it names aid itself (帮/扶/协作/结对/合一 … inside, or 帮扶/协作/模式 … right after
  it), or a way of aid by its form (``“组团式”``, ``“定西所需”``).  Emphasis quotes
  (``“最后一公里”``, ``增强“造血”功能``, a heading's ``“开花结果”``) are not names, nor a
  quote of digits and Latin letters alone (``“5·12”``, ``“L25”``) unless a head word
  follows it.  Nor are words, sayings and labels (``_names_no_model``): a quote of one or two
  characters (饮水思“援”, “山”“海”之优势) or a budget line (“重点地区帮扶资金”3070万元)
  unless a head word follows it (“甘味”品牌); a saying or a word quoted as such (那句“…”的民谚,
  “援青”“援建”这两个词, 改变了当地“…”的历史); an age cohort (“95后”); a cropping cycle
  (“两年三季”, not a numbered set: ``is_slogan``).  A sentiment cliché (“山海情”, “山海情谊”)
  is at most a campaign's slogan, unless a head word follows it (“山海情”品牌).  A quoted
  national policy term (``data/policy_terms.csv``) is no report's own model: a programme,
  campaign or revitalisation term without a head word of its own kind (``“两不愁三保障”``,
  ``“东西部扶贫协作”``; not a way of aid, ``“组团式援疆”``; but ``“扶贫832”平台`` stays a
  mechanism) is a ``campaign``, a pairing's, a fund's or a group's name (``“闽宁”``,
  ``“第一书记”``) no name.  The programmes include the provinces' own
  (``“山海协作”``, 南北挂钩, 驻镇帮镇扶村), and a list of such terms or of a programme's
  fields, quoted or a parallel set, is the centre's formula, a ``campaign`` too
  (``“依法治疆、团结稳疆、长期建疆”``, ``产业援藏、民生援藏、文化援藏``).
- an unquoted formula of words joined by ``+`` (``党支部+合作社+农户``), a part per word.
- an unquoted numbered set ending in a head word (``三项机制``, ``五大工程``, ``四大行动``).
- a parallel set: three or more ``、``-joined phrases of about the same length that end
  alike in an aid verb (``资金帮扶、技术帮扶、人才帮扶``, ``产业脱贫一批、就业脱贫一批…``).
- an unquoted name built by a verb (``建立闽宁协作帮扶机制``, ``签署…框架协议``), and a
  meeting or ceremony where a news lead names it (``3月30日，江苏援藏项目现场推进会在拉萨召开``;
  an activity, ``…活动``, only where it is held or opened).  The lead's subject and verb are
  cut off (``宁波市与黔西南州召开了…联席会议``), and a name needs three characters of its own
  besides its head word and generic words, so ``签约仪式上`` names nothing.

Each gets a **kind** from its head word (``NAME_HEADS``): ``event`` (活动, 仪式, 会 …),
``campaign`` (行动, 计划 …), ``mechanism`` (机制, 制度, 平台 …, and numbered 工程),
``model`` (模式 …, and every name without a head word), ``document`` (``《…》``).
Only models and mechanisms are the card's ``slogans``; campaigns and events are listed
apart, so a media tour is never reported as an aid model.

Other facts (numbers may be Arabic or Chinese numerals):

- ``resident_cadres``: 选派/派驻/派出/增派… (M 批(次)) (共) N(多/余) 名/位 …干部, N 名/位
  …援藏/援疆…, 挂职 or 支援干部, or 援X/挂职/支援干部 N 名/人 (not after 互派: both sides'
  cadres): cadres of the giving side; N 名干部赴… is left out (the recipient's cadres go to
  the giver too).
- ``cadres_in_all``: such a count that totals many batches or years, not the cadres serving
  now: more than one batch (``累计选派10批228名``, ``分10批选派657名``), or 累计/先后/…以来
  earlier in its sentence (``20年来，…近两万名援疆干部``).
- ``professionals_sent``: 选派/派出/派驻… (M 批(次)) (共) N(多/余) 名/位 …医生, 医疗专家,
  教师, 专家, 队员 …: doctors, teachers and experts sent to serve (组团式 aid), all batches.
- ``helper_groups``: N 个 …帮扶团 (or 帮扶组/帮扶小组).
- ``pairing``: units paired below county level, read by ``aidlib.pairings``.
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

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace

import pandas as pd

from aidlib import places
from aidlib.chars import CJK
from aidlib.corpus import Corpus, as_corpus, receiving_place
from aidlib.normalize import as_normalized
from aidlib.numerals import NUMERAL, read_numeral
from aidlib.pairings import check_pairing, pairings, same_place
from aidlib.structure import Block, Document, sentence_spans
from aidlib.tokens import canonical, policy_vocabulary, simplified, tokenize, variants

#: Model-card fields read from the text, in card order (the codebook's ``card_fields`` use these).
FACT_FIELDS = (
    "slogans",
    "campaigns",
    "events",
    "resident_cadres",
    "cadres_in_all",
    "professionals_sent",
    "helper_groups",
    "pairing",
    "meetings",
    "agreements",
    "documents",
    "outcomes",
    "awards",
)
#: Fields that hold one number on the card (the largest stated; the rest are lists).
COUNT_FIELDS = ("resident_cadres", "cadres_in_all", "professionals_sent", "helper_groups")
#: Metadata fields copied onto the card.
METADATA_FIELDS = ("doc_id", "donors", "recipient", "start")

FACT_COLUMNS = ["field", "value", "count", "match", "start", "end", "sentence"]
NAME_COLUMNS = ["name", "kind", "shape", "match", "start", "end", "sentence"]
SLOGAN_COLUMNS = ["slogan", "kind", "spellings", "quoted", "mentions", "start", "end", "sentence"]
KINDS = ("model", "mechanism", "campaign", "event", "document")
#: The kinds of name a card lists as its slogans: campaigns and events are listed apart.
SLOGAN_KINDS = ("model", "mechanism")
#: Which card field holds a name of each kind (documents keep their own rule).
_KIND_FIELD = {
    **dict.fromkeys(SLOGAN_KINDS, "slogans"),
    "campaign": "campaigns",
    "event": "events",
}

#: Head words that make a name's kind, longest first where one ends another.
NAME_HEADS = {
    "event": (
        "主题采访活动|采访活动|主题活动|启动仪式|签约仪式|开班仪式|仪式|采访|大会|会议|论坛"
        "|博览会|展销会|推介会|对接会|洽谈会|座谈会|交流会|发布会|招聘会|展会|晚会|大赛|比赛"
        "|培训班|提升班|训练营|讲堂|峰会|年会|联展|展览|公益日|文化节|丰收节|旅游节|购物节|艺术节"
        "|名单|榜单"  # an honours list: 红棉杯名单
        "|洽会|博会|交会|贸会"  # a fair by its short name: 西洽会, 进博会, 广交会, 服贸会
    ),
    "campaign": "专项行动|行动|计划|攻坚战|战役|运动|活动",
    "mechanism": "机制|制度|体系|清单|责任制|工作法|平台|工程|联盟|共同体|基地",
    "model": "模式|路径|路子|品牌|格局|样板|经验|做法|项目",
}
#: Measure words that make ``numeral + measure + …`` a slogan (``三项机制``, ``三驾马车``).
SLOGAN_MEASURES = "项大驾架个专批类化有进条种步张线全保包送免联心"

_ZH_DIGITS = "一二两三四五六七八九十百千万"
_QUOTED = re.compile(
    r"“([^“”\n]{1,40})”|「([^「」\n]{1,40})」|『([^『』\n]{1,40})』|‘([^‘’\n]{1,40})’"
)
_SLOGAN_SHAPES = (
    re.compile(r"[0-9]+(?:\+(?:[0-9]+|[NnXx]))+|[NnXx]\+[0-9]+"),
    re.compile(rf"(?:[{_ZH_DIGITS}][{CJK}]{{1,2}}){{2}}"),
    re.compile(rf"[{_ZH_DIGITS}0-9]{{1,3}}[{SLOGAN_MEASURES}][{CJK}]{{0,4}}"),
    re.compile(rf"[{CJK}A-Za-z]{{1,6}}(?:\+[{CJK}A-Za-z0-9]{{1,6}})+"),
)
#: Traditional forms of the head words' characters, so reports in traditional script get kinds too.
_TRADITIONAL = dict(
    zip(
        "会动议仪论坛览销对见节赛训讲发谈访计划战运机体单经验样径专项贸",
        "會動議儀論壇覽銷對見節賽訓講發談訪計劃戰運機體單經驗樣徑專項貿",
        strict=True,
    )
)


def _either_script(heads: str) -> str:
    return "".join(f"[{ch}{_TRADITIONAL[ch]}]" if ch in _TRADITIONAL else ch for ch in heads)


_HEAD = {kind: re.compile(rf"(?:{_either_script(heads)})$") for kind, heads in NAME_HEADS.items()}
_HEAD_AFTER = re.compile(
    rf"^[{CJK}]{{0,8}}?(?P<head>{_either_script('|'.join(NAME_HEADS.values()))})(?![{CJK}]*[会动會動])"
)
_SPEECH = re.compile(r"[。！？!?，；：]|……")
#: A way of giving aid named by its form: “组团式”, “保姆式”, and the pair “定西所需”“福州所能”.
_WAY_OF_AID = re.compile(rf"[{CJK}]{{2,4}}式|[{CJK}]{{2,3}}(?:所需|所能)")
#: A quote of digits and Latin letters only names a figure, a date or a product (5·12, L25),
#: unless a head word follows it (“331”传帮带模式, “6.30”活动).
_NUMBER_OR_CODE = re.compile(r"[0-9.·%A-Za-z]+")
#: A five-year plan's period (“十三五”时期, “十四五”对口援疆) names a time, not a model, unless
#: an aid plan is named after it (“十四五”帮扶规划; not the national ‘十四五’规划).
_PLAN_PERIOD = re.compile("十[一二三四五六七]五")
_PLAN_AFTER = re.compile(
    "[^，。；]{0,4}?(?:帮扶|协作|援|对口|扶贫|幫扶|協作|對口|扶貧)[^，。；]{0,8}?(?:规划|規劃)"
)
_AWARD_BEFORE = re.compile(r"(?:获评|荣获|获得|被评为|评为|授予|命名为|入选|列为)$")
#: A quote that names aid itself: an aid morpheme inside, or an aid word right after it.
_AID_INSIDE = re.compile("帮|扶|援|协作|结对|共建|合一|联动|携手|共富|振兴|同心|山海|[0-9]")
_AID_AFTER = re.compile("^(?:帮扶|协作|扶贫|对口|合作|共建|结对|模式|机制|品牌|对接|工作)")
_NUMBERED = re.compile(
    rf"(?<![第{_ZH_DIGITS}])[{_ZH_DIGITS.replace('一', '')}](?:项|大|个|条|种|张|支)[{CJK}]{{0,4}}?"
    rf"(?P<head>{NAME_HEADS['mechanism']}|{NAME_HEADS['campaign']}|{NAME_HEADS['model']})"
)
#: A programme taken as the object of an aid verb is a name: 助力“黔货出山”, 开展“万企兴万村”.
_AID_VERB_BEFORE = re.compile(
    "(?:助力|推动|推进|实施|开展|打造|参与|做好|深化|落实|推行|探索|创新|构建|建立|形成|成立|组建|共建)$"
)
#: A change of model written as from one quoted word to another: 从“输血”到“造血”, 变“输血”为“造血”.
_CHANGE = re.compile(
    r"(?:从|由|变)?[“‘](?P<a>[^“”‘’\n]{1,8})[”’](?:到|向|转向|转变为|变为|为)[“‘](?P<b>[^“”‘’\n]{1,8})[”’]"
)
_AID_FIELD = "(?:援助|合作|帮扶|交流|协作|支持|支援|共建|扶持|对接)"
#: Four-character phrases of cooperation listed together (政府援助、企业合作、社会帮扶、人才交流).
_FIELDS = re.compile(
    rf"(?:[{CJK}]{{2}}{_AID_FIELD}、){{2,}}[{CJK}]{{2}}{_AID_FIELD}"
    rf"(?:、[{CJK}]{{4,6}}(?=等|为|和|[，。；]))?"
)
_BUILT_HEADS = "机制|模式|体系|工作法"
#: An unquoted name built by a verb: 建立闽宁协作帮扶机制, 签署…框架协议, 探索…模式.
_BUILT = re.compile(
    rf"(?:建立|完善|构建|健全|创新|形成|推行|探索|打造|推广|创建|实行)+(?:了|起)?"
    rf"(?P<name>[{CJK}0-9、]{{2,18}}?(?P<head>{_BUILT_HEADS}))(?![{CJK}])"
    rf"|(?:签署|签订|印发|出台|推进|落实)了?(?P<doc>[{CJK}0-9]{{2,24}}?(?:框架协议|协议书|协议|备忘录|责任书|实施方案|工作方案))"
)
_EVENT_LEAD_HEADS = (
    "联席会议?|座谈会|推进会|现场会|推介会|洽谈会|对接会|交流会|发布会|见面会|展销会|展示会|交易会"
    "|招聘会|部署会议|工作会议|仪式|论坛|博览会|成果展|大赛|大会"
)
_EVENT_WORD = rf"(?:[{CJK}0-9·—]|[（(][{CJK}]{{1,6}}[）)])"
_EVENT_VERB = (
    "(?<=出席|参加|參加|举行|舉行|举办|舉辦|召开|召開)"
    "|(?<=举行了|举办了|召开了|参加了|出席了|召开的|举行的|举办的)"
)
#: A meeting or ceremony named where a news lead names it (在/从 X 召开/上/期间, 举行 X，).
#: An activity (…活动) is named only where it is held or opened (X 在…举行, 举办 X，).
_EVENT_LEAD = re.compile(
    rf"(?:^|(?<=[，。；：、,]|在|從|从|于|於)|{_EVENT_VERB})(?P<name>"
    rf"[{CJK}0-9]{_EVENT_WORD}{{1,39}}?(?:{_either_script(_EVENT_LEAD_HEADS)})"
    rf"(?=上|在|召开|召開|举行|舉行|期间|期間|和|暨|[，。；、])"
    rf"|[{CJK}0-9]{_EVENT_WORD}{{1,39}}?活动(?=上|在|于|期间|启动|开幕|举行|暨)"
    rf"|(?:{_EVENT_VERB})[{CJK}0-9]{_EVENT_WORD}{{1,39}}?活动(?=[，。；、]))"
)
#: Words that lead into an event's name in a news lead; the name starts after the last of them
#: (青岛市与陇南市召开了扶贫协作联席会议 names 扶贫协作联席会议).  Text is simplified first.
_EVENT_INTRO = re.compile(
    "举行|举办|召开|出席|参加|主持|开展|组织|邀请|借助|通过|包括|正值|采取|贯彻|落实"
    "|此次|本次|这次|尽管|为期[0-9一二两三四五六七八九十]{1,2}天|是|在|从|于|到|由|了|的"
)
_MEETING_COUNT = re.compile(
    f"(?:先后|共|累计)?(?:召开|召開|举行|舉行|举办|舉辦|开展)|(?:{NUMERAL})[ \u3000]*次"
)
_CLAUSE = re.compile(r"[^，。；：！？“”「」『』（）()《》\n]+")
#: Aid verbs a parallel set's phrases end in (资金帮扶、技术帮扶…, 产业脱贫一批、…).
_PARALLEL_VERBS = "扶帮援助批带促联兴富建"
_READ_BLOCKS = ("title", "subtitle", "heading", "paragraph")
_SPACE = r"[ \u3000]*"
_NO_STOP = "[^，。；！？\n]"


#: Batches before a count of cadres (选派11批46位干部, 五批共177名, 九批、1076名): the count
#: is of cadres, all batches.
_BATCHES = rf"(?:(?:{NUMERAL}){_SPACE}批次?{_SPACE}、?)?[共近约]?"
#: A count written as a lower bound: 1500多名, 260余名 (read as 1500, 260).
_AT_LEAST = "[多余]?"
#: A verb of sending people, then any batches, before their count (选派11批46位…, 派出8批次40名…).
_SENT = rf"(?:选派|派驻|下派|外派|委派|派遣|选调|派出|增派)了?{_SPACE}{_BATCHES}"


#: Professionals sent to serve in the recipient's hospitals and schools (派出8批次40名医疗专家,
#: 选派11批56名队员, 选派30名支教老师); not a count of cadres (干部人才, 12名党政干部和…教师).
_PROFESSIONALS = (
    "(?:医生|医师|医疗专家|医疗骨干|医护人员|医务人员|医疗队员|专家|教师|老师|骨干教师|队员"
    "|技术人员|(?<!干部)人才)"
)


def _number(name: str) -> str:
    return rf"(?P<{name}>{NUMERAL})"


_RULES: dict[str, re.Pattern[str]] = {
    "resident_cadres": re.compile(
        rf"{_SENT}{_number('n')}{_AT_LEAST}{_SPACE}[名位](?P<what>{_NO_STOP}{{0,8}}?干部)"
        rf"|(?<!每){_number('n2')}{_AT_LEAST}{_SPACE}[名位](?P<what2>{_NO_STOP}{{0,8}}?(?:援[{CJK}]|挂职|支援){_NO_STOP}{{0,4}}?干部)"
        rf"|(?<!互派)(?<!互派党政)(?P<what3>(?:援[{CJK}]|挂职|支援)干部){_SPACE}{_number('n3')}{_SPACE}[名人]"
        # the count after the people sent: 选派干部人才217名, 派出挂职干部和第一书记17名
        rf"|{_SENT}(?P<what4>(?:(?![0-9])[^，。；、]){{0,6}}?干部(?:人才|和第一书记)?){_SPACE}"
        rf"{_number('n4')}{_AT_LEAST}{_SPACE}[名人]"
    ),
    "professionals_sent": re.compile(
        rf"{_SENT}{_number('n')}{_AT_LEAST}{_SPACE}[名位]"
        rf"(?P<what>(?:(?!干部){_NO_STOP}){{0,8}}?{_PROFESSIONALS})"
    ),
    "helper_groups": re.compile(
        rf"{_number('n')}{_SPACE}个{_SPACE}(?P<what>[{CJK}]{{0,4}}?帮扶(?:小组|团|组))"
    ),
    "meetings": re.compile(
        rf"(?:召开|举行|举办|开展)了?{_SPACE}{_number('n')}{_SPACE}次(?P<what>{_NO_STOP}{{0,40}}?会议?)"
    ),
    "agreements": re.compile(
        rf"{_number('n')}{_SPACE}[个项份]{_SPACE}(?:方面)?(?P<what>(?:分|合作|帮扶|框架)?协议)"
        rf"|{_number('n2')}{_SPACE}项{_SPACE}(?P<what2>(?:帮扶|合作|协作|重点)?事项)"
        rf"|(?P<what3>(?:帮扶|合作|协作|重点)?事项){_SPACE}{_number('n3')}{_SPACE}项"
    ),
    # not a newspaper or magazine cited as a source (《光明日报》, 《深圳特区报》)
    "documents": re.compile(
        r"《(?![^《》\n]*(?:(?<![通简汇公年快情预申])报|杂志|周刊|月刊)》)(?P<what>[^《》\n]{2,60})》"
    ),
    "outcomes": re.compile(
        rf"(?:(?P<place>[{CJK}]{{1,6}}?[县区市])(?:于|在)?)?"
        r"(?P<date>[0-9]{4}年(?:[0-9]{1,2}月)?)?(?:正式|顺利|成功|如期|已)?"
        r"(?P<what>退出贫困县序列|退出贫困县|脱贫摘帽|整县脱贫|摘帽)(?!不摘)"  # 摘帽不摘责任: a pledge
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
    "resident_cadres": lambda m: (
        f"{_count(m, 'n', 'n2', 'n3', 'n4')}名{_first(m, 'what', 'what2', 'what3', 'what4')}",
        _count(m, "n", "n2", "n3", "n4"),
    ),
    "professionals_sent": lambda m: (f"{_count(m, 'n')}名{m['what']}", _count(m, "n")),
    "helper_groups": lambda m: (f"{_count(m, 'n')}个{m['what']}", _count(m, "n")),
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


#: A cropping cycle (两年三季, 一年两熟) has the shape of a numbered set but names a harvest.
_CROP_CYCLE = re.compile(rf"[{_ZH_DIGITS}0-9]年[{_ZH_DIGITS}0-9][季熟茬]")


def is_slogan(quoted: str) -> bool:
    """Whether a string has the shape of a model name (numbers and numerals, see module docs).

    >>> [is_slogan(s) for s in ["3+2", "一体两翼", "三专", "四个一批", "一对一", "春风行动", "两年三季"]]
    [True, True, True, True, False, False, False]
    """
    quoted = quoted.strip()
    return not _CROP_CYCLE.fullmatch(quoted) and any(
        shape.fullmatch(quoted) for shape in _SLOGAN_SHAPES
    )


def name_kind(name: str, after: str = "") -> str:
    """The kind of a name from its own head word, else the head word right ``after`` it.

    Numbered sets of 工程 are mechanisms; a name with no head word is a model.

    >>> [name_kind(n, a) for n, a in [("N+1", "主题采访活动"), ("春风行动", "就业援助月"),
    ...  ("一体两翼", "对口帮扶机制"), ("五大工程", ""), ("村社合一", "")]]
    ['event', 'campaign', 'mechanism', 'mechanism', 'model']
    """
    for kind, head in _HEAD.items():
        if head.search(name):
            return kind
    found = _HEAD_AFTER.match(after)
    if found:
        return next(kind for kind, head in _HEAD.items() if head.search(found["head"]))
    return "model"


def _read_blocks(doc: Document) -> Iterator[Block]:
    return (block for block in doc.blocks if block.kind in _READ_BLOCKS)


def _sentence(block: Block, offset: int) -> str:
    """The sentence of ``block`` around ``offset`` (an offset into the block's text)."""
    for start, end in sentence_spans(block.text):
        if start <= offset < end:
            return block.text[start:end]
    return block.text


def _row(block: Block, span: tuple[int, int], **values: object) -> dict[str, object]:
    start, end = span
    return {
        **values,
        "match": block.text[start:end],
        "start": block.start + start,
        "end": block.start + end,
        "sentence": _sentence(block, start),
    }


def _quotes(text: str) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, inner, listed) of each quote; ``listed``: one of a run ``“A”“B”“C”``.

    Scraped pages often lose the outer marks of such a run (``A”“B”“C等``): the first item
    is then read with the width of the next, the last up to 等/和/及 or a clause mark.
    """
    joints = [m.start() for m in re.finditer("”“", text)]
    seen: set[int] = set()
    for quote in _QUOTED.finditer(text):
        inner = next(group for group in quote.groups() if group is not None)
        listed = quote.start() - 1 in joints or quote.end() - 1 in joints
        seen.add(quote.start())
        yield quote.start(), quote.end(), inner, listed
    for joint in joints:
        opening = text.rfind("“", 0, joint)
        if opening < 0 or text.rfind("”", opening, joint) >= 0:
            nxt = text.find("”", joint + 2)
            width = nxt - joint - 2 if nxt > 0 else 0
            if 2 <= width <= 8 and re.fullmatch(f"[{CJK}0-9]+", text[joint - width : joint]):
                yield joint - width, joint + 1, text[joint - width : joint], True
        closing = text.find("”", joint + 2)
        following = text.find("“", joint + 2)
        if joint + 1 not in seen and (closing < 0 or 0 <= following < closing):
            tail = re.match(rf"[{CJK}0-9]{{2,8}}?(?=等|和|及|与|[，。；、]|$)", text[joint + 2 :])
            if tail:
                yield joint + 1, joint + 2 + tail.end(), tail[0], True


def _quoted_names(block: Block) -> Iterator[dict[str, object]]:
    text = block.text
    for start, end, inner, listed in _quotes(text):
        inner = inner.strip()
        before, after = text[max(0, start - 4) : start], text[end:]
        couplet = re.fullmatch(rf"([{CJK}]{{4,7}})[，,]([{CJK}]{{4,7}})", inner)
        couplet = couplet is not None and len(couplet[1]) == len(couplet[2])
        speech = _SPEECH.search(inner) and not couplet  # 川越千里，浙乐同行 is a slogan
        if (
            not inner
            or len(inner) > 24
            or speech
            or _AWARD_BEFORE.search(before)
            or (_NUMBER_OR_CODE.fullmatch(inner) and not _HEAD_AFTER.match(after))
            or (_PLAN_PERIOD.fullmatch(inner) and not _PLAN_AFTER.match(after))
            or _names_no_model(inner, text[max(0, start - 12) : start], _after_run(text, end))
        ):
            continue
        kind = name_kind(inner, after)
        items = inner.split("、")
        if kind == "model" and (_SLOGAN_SHAPES[2].fullmatch(inner) or len(items) > 1):
            kind = "mechanism"  # a set of measures: 三项机制, 五个一批, 订单、定向、定岗
        named = (
            listed
            or text[end : end + 2] == "、“"  # “院州”、“校州”合作: one of a list
            or text[max(0, start - 2) : start] == "”、"
            or _HEAD["model"].search(inner) is not None  # “晋江经验”
            or _WAY_OF_AID.fullmatch(inner)
            or couplet
            or is_slogan(inner)
            or kind != "model"
            or _HEAD_AFTER.match(after)
            or _AID_INSIDE.search(inner)
            or _AID_AFTER.match(after)
            or _AID_VERB_BEFORE.search(before)
            or (len(items) > 1 and all(2 <= len(item) <= 6 for item in items))
        )
        name = canonical(inner)
        group = _policy_groups().get(name)
        if group in _NOT_A_NAME:
            continue
        listed_terms = len(items) > 1 and not _HEAD_AFTER.match(after)  # not “…”工作机制
        if _national(name) and (kind == "model" or listed_terms) and not _WAY_OF_AID.search(name):
            kind = "campaign"  # a way of aid stays one: “组团式援疆”
        if _SENTIMENT.search(name) and not _headed(_after_run(text, end)):
            kind = "campaign"  # a sentiment's slogan at most: “山海情” (but “山海情”品牌)
        if named:
            yield _row(block, (start, end), name=name, kind=kind, shape="quoted")
    for title in re.finditer(r"《([^《》\n]{2,60})》", text):
        yield _row(block, title.span(), name=title[1], kind="document", shape="bracketed")


#: The rest of a run of quotes (``“太湖”“湟水”``, ``“院州”、“校州”``) after one of them.
_RUN = re.compile(r"(?:、?[“‘][^“”‘’\n]{1,8}[”’])*")
#: A quote introduced as a saying or a word: 那句“…”的民谚, 俗话说“…”, “援青”“援建”这两个词,
#: 改变了当地“…”的历史 (the old state, not a model).
_SAYING_BEFORE = re.compile(
    "(?:那句|这句|民谚|谚语|俗话说?|俗语说?|(?<!主)题为|(?:改变|告别)了[^，。；“”]{0,6})$"
)
_SAYING_AFTER = re.compile("^(?:这?[两几]?个[词字]|的(?:民谚|谚语|俗语|说法|历史))")
#: An age cohort: “95后”, “80后”干部.
_AGE_COHORT = re.compile("[0-9]{2}后")
#: A budget line: 投入京蒙“重点地区帮扶资金”3070万元 (a fund set up, 设立“扶贫助学基金”, is a name).
_BUDGET_LINE = re.compile("资金$")
#: A sentiment cliché: “山海情”, “山海情谊”, “沪遵协作山海情深”, “三年援疆路，一生新疆情”.
_SENTIMENT = re.compile("情[长谊深]?$")
#: A way of aid by its form after a short quote: “输血”型援藏, “保姆”式服务.
_FORM_AFTER = re.compile("^[型式]")


def _after_run(text: str, end: int) -> str:
    """The text after the run of quotes that the quote ending at ``end`` is one of."""
    return text[_RUN.match(text, end).end() :]


def _headed(tail: str) -> bool:
    """Whether a head word or an aid word follows a quote (``tail``: the text after it)."""
    return bool(_HEAD_AFTER.match(tail) or _AID_AFTER.match(tail))


def _names_no_model(inner: str, lead: str, tail: str) -> bool:
    """Whether a quote is a word, a saying, a cohort or a budget line, not a model's name.

    ``lead`` is the text before the quote, ``tail`` the text after its run of quotes.  Such
    quotes are: one or two characters that are no numbered set (``is_slogan``), 饮水思“援”,
    “山”“海”之优势, unless a head word or a form follows (“双到”工作, “甘味”品牌,
    “院州”、“校州”合作, “输血”型援藏); a saying or a word quoted as such
    (``_SAYING_BEFORE``, ``_SAYING_AFTER``); an age cohort; a budget line unless a head
    word follows.

    >>> [_names_no_model(q, "", t) for q, t in [("援", "梦"), ("甘味", "品牌"), ("三专", ""),
    ...  ("输血", "型援藏"), ("95后", ""), ("重点地区帮扶资金", "3070万元")]]
    [True, False, False, False, True, True]
    """
    return bool(
        _SAYING_BEFORE.search(lead)
        or _SAYING_AFTER.match(tail)
        or _AGE_COHORT.fullmatch(inner)
        or (
            len(inner) <= 2
            and not is_slogan(inner)
            and not _headed(tail)
            and not _FORM_AFTER.match(tail)
        )
        or (_BUDGET_LINE.search(inner) and not _headed(tail))
    )


#: Groups of ``policy_terms.csv`` whose quoted terms are national programmes or campaigns,
#: and those that name a pairing, a fund or a group of people, not a way of aid.
_NATIONAL = frozenset({"programme", "campaign", "revitalisation"})
_NOT_A_NAME = frozenset({"pairing", "funding", "people"})


@functools.cache
def _policy_groups() -> dict[str, str]:
    """policy term → its group (``tokens.policy_vocabulary``)."""
    table = policy_vocabulary()
    return dict(zip(table["term"], table["group"], strict=True))


@functools.cache
def _national_terms() -> tuple[str, ...]:
    return tuple(term for term, group in _policy_groups().items() if group in _NATIONAL)


def _national(name: str) -> bool:
    """Whether ``name`` is a term of a national or provincial programme (``_NATIONAL`` groups
    of ``policy_terms.csv``: 东西部协作, 山海协作, 依法治疆), or a list whose every item is
    one or a field of one (``依法治疆、团结稳疆、长期建疆``, ``全面援疆、精准援疆、长期援疆``,
    ``产业援藏、民生援藏、文化援藏``): the centre's or the province's formula, no report's own.

    >>> _national("东西部协作"), _national("产业援藏、民生援藏"), _national("资金帮扶、技术帮扶")
    (True, True, False)
    """
    items = name.split("、")
    if len(items) == 1:
        return _policy_groups().get(name) in _NATIONAL
    return all(item.endswith(_national_terms()) for item in items)


#: Words that name no model of their own: 建立帮扶机制, 形成长效机制 build nothing named.
_GENERIC = re.compile("对口|帮扶|扶贫|协作|合作|工作|长效|常态化|有效|相关|联系|沟通|管理|新|的")


_BUILT_HEAD = re.compile(f"(?:{_BUILT_HEADS})$")
_EVENT_HEAD = re.compile(f"(?:{_EVENT_LEAD_HEADS}|活动)$")


def _own_characters(name: str, head: re.Pattern[str]) -> int:
    """How many characters ``name`` has of its own, without its head word and generic words.

    >>> _own_characters("闽宁协作帮扶机制", _BUILT_HEAD), _own_characters("新闻发布会", _EVENT_HEAD)
    (2, 1)
    """
    return len(_GENERIC.sub("", head.sub("", name)))


def _built(block: Block) -> Iterator[dict[str, object]]:
    """Unquoted names built by a verb (建立…机制, 签署…协议) and meetings named in a news lead.

    A built name needs two characters of its own once generic words are taken out:
    ``闽宁协作帮扶机制`` is a name, ``帮扶机制`` and ``长效机制`` are not; an event three, so
    ``新闻发布会`` and ``签约仪式`` are none.
    """
    for found in _BUILT.finditer(block.text):
        if found["name"]:
            span, name = found.span("name"), found["name"]
            if _own_characters(name, _BUILT_HEAD) < 2:
                continue
            kind = name_kind(name)
        else:
            span, name, kind = found.span("doc"), found["doc"], "document"
        yield _row(block, span, name=name, kind=kind, shape="built")
    for found in _EVENT_LEAD.finditer(block.text):
        start, end = found.span("name")
        start += max((intro.end() for intro in _EVENT_INTRO.finditer(found["name"])), default=0)
        name = block.text[start:end]
        # 召开5次联席会议 counts meetings; 闽宁协作第二十七次联席会议 names one
        if not _MEETING_COUNT.match(name) and _own_characters(name, _EVENT_HEAD) >= 3:
            yield _row(block, (start, end), name=name, kind="event", shape="lead")
    for found in _CHANGE.finditer(block.text):
        yield _row(block, found.span(), name=found[0], kind="model", shape="change")
    for found in _FIELDS.finditer(block.text):
        yield _row(block, found.span(), name=found[0], kind="mechanism", shape="parallel")


def _formulas(block: Block) -> Iterator[dict[str, object]]:
    """Words joined by ``+``: a word per part (a token, or two when the first part's is one character)."""
    text = block.text
    if "+" not in text:
        return
    tokens = tokenize(text, keep_punctuation=True)
    offsets = [0]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    i = 1
    while i < len(tokens) - 1:
        if tokens[i] != "+" or not _is_part(tokens[i - 1]) or not _is_part(tokens[i + 1]):
            i += 1
            continue
        first = i - 1
        if len(tokens[first]) == 1 and first > 0 and _is_part(tokens[first - 1]):
            first -= 1
        end = i + 1  # the last part's token
        while end + 2 < len(tokens) and tokens[end + 1] == "+" and _is_part(tokens[end + 2]):
            end += 2
        span = (offsets[first], offsets[end + 1])
        formula = text[span[0] : span[1]]
        kind = name_kind(formula, text[span[1] :])
        yield _row(block, span, name=formula, kind=kind, shape="formula")
        i = end + 1


def _is_part(token: str) -> bool:
    return bool(re.fullmatch(rf"[{CJK}A-Za-z]{{1,8}}|[0-9]{{1,2}}|[NnXx]", token))


def _numbered(block: Block) -> Iterator[dict[str, object]]:
    for found in _NUMBERED.finditer(block.text):
        kind = "mechanism" if found["head"] == "工程" else name_kind(found["head"])
        yield _row(block, found.span(), name=canonical(found[0]), kind=kind, shape="numbered")


def _parallel(block: Block) -> Iterator[dict[str, object]]:
    """Three or more ``、``-joined phrases ending alike in an aid verb (see module docs)."""
    for clause in _CLAUSE.finditer(block.text):
        items = clause[0].split("、")
        if len(items) < 3:
            continue
        for size in (2, 1):
            suffix = items[1][-size:]
            if len(items[1]) < 2 or not any(verb in suffix for verb in _PARALLEL_VERBS):
                continue
            width = len(items[1])
            first = items[0][-width:]
            last = items[-1]
            cut = last.find(suffix, max(0, width - 3))
            last = last[: cut + size] if cut >= 0 else ""
            phrases = [first, *items[1:-1], last]
            if (
                all(p.endswith(suffix) and 2 <= len(p) <= 8 for p in phrases)
                and max(map(len, phrases)) - min(map(len, phrases)) <= 2
            ):
                start = clause.start() + len(items[0]) - len(first)
                end = start + len("、".join(phrases))
                name = "、".join(phrases)
                kind = "campaign" if _national(name) else "model"  # 产业援藏、民生援藏…
                yield _row(block, (start, end), name=name, kind=kind, shape="parallel")
                break


def named_models(doc: Document) -> pd.DataFrame:
    """Every named model, mechanism, campaign, event and document of ``doc``, in text order.

    Columns: name (canonical spelling), kind (one of ``KINDS``), shape (quoted, bracketed,
    formula, numbered, parallel, built, lead), match (the text as written), start, end (offsets into
    ``doc.text``), sentence.  An unquoted find inside a quoted or bracketed one is dropped.

    >>> from aidlib.structure import parse
    >>> doc = parse("标题\\n推行党支部+合作社+农户模式，实施五大工程，开展“N+1”主题采访活动。")
    >>> named_models(doc)[["name", "kind", "shape"]].values.tolist()
    [['党支部+合作社+农户', 'model', 'formula'], ['五大工程', 'mechanism', 'numbered'], ['N+1', 'event', 'quoted']]
    """
    rows: list[dict[str, object]] = []
    blocks = list(_read_blocks(doc))
    awards = {  # an award quoted again elsewhere is still an award, not a model
        _READERS["awards"](match)[0]
        for block in blocks
        for match in _RULES["awards"].finditer(block.text)
    }
    for written in blocks:
        # read in simplified characters (one for one, offsets hold); quote the text as written
        block = replace(written, text=simplified(written.text))
        found = [row for row in _quoted_names(block) if row["name"] not in awards]
        spans = [(start, end) for start, end, _, _ in _quotes(block.text)]
        spans += [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]*》", block.text)]
        for row in [*_formulas(block), *_numbered(block), *_parallel(block), *_built(block)]:
            local = int(row["start"]) - block.start
            if row["shape"] == "change" or not any(a <= local < b for a, b in spans):
                found.append(row)
        for row in found:
            row["match"] = doc.text[int(row["start"]) : int(row["end"])]
            row["sentence"] = _sentence(written, int(row["start"]) - written.start)
        rows += found
    frame = pd.DataFrame(rows, columns=NAME_COLUMNS)
    return frame.sort_values("start", kind="stable").reset_index(drop=True)


#: Words that make a count of cadres a total over the years (累计选派, 先后派出, 3年多来, 自…以来).
_OVER_THE_YEARS = re.compile("累计|先后|历年|以来|年多?来|年间|迄今|至今")
#: A number of batches (10批, 3批次; not 第十批, one batch).
_BATCH_COUNT = re.compile(rf"(?<!第)(?P<m>{NUMERAL}){_SPACE}批")


def _in_all(text: str, match: re.Match[str]) -> bool:
    """Whether a ``resident_cadres`` match in ``text`` counts the cadres of many batches or
    years: its clause names more than one batch before the count (``分10批选派657名``,
    ``11批183名``), or its sentence says 累计/先后/…以来 before it.

    >>> rule = _RULES["resident_cadres"]
    >>> [_in_all(t, rule.search(t)) for t in ["13年来，北京先后派出5批261名干部。",
    ...     "山东分10批选派657名干部人才。", "第十批17名援滇干部到岗。", "选派3名干部驻村。"]]
    [True, True, False, False]
    """
    number = min(match.start(name) for name in ("n", "n2", "n3", "n4") if match.group(name))
    sentence = next((a for a, b in sentence_spans(text) if a <= match.start() < b), 0)
    clause = max(text.rfind(mark, sentence, number) for mark in "，；：") + 1
    return _OVER_THE_YEARS.search(text, sentence, number) is not None or any(
        (read_numeral(batches["m"]) or 0) > 1
        for batches in _BATCH_COUNT.finditer(text, max(clause, sentence), number)
    )


def _fact(field: str, value: str, count: int | None, block: Block, span: tuple[int, int]):
    return _row(block, span, field=field, value=value, count=count)


def facts(doc: Document, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every fact the rules find in ``doc``, in text order.

    Columns: field (one of ``FACT_FIELDS``), value (the fact in a normal form, e.g.
    ``9次联席会议``, ``8个街道 ↔ 12个镇街``), count (the number it states; nullable Int64),
    match (the text as written), start, end (offsets into ``doc.text``), sentence.
    Named models go to ``slogans`` (models and mechanisms), ``campaigns`` and ``events``.
    ``pairs`` is ``pairings(doc)`` where the caller has it already (``model_card``).
    """
    pairs = pairings(doc) if pairs is None else pairs
    rows = []
    for name in named_models(doc).itertuples():
        if name.kind in _KIND_FIELD:
            rows.append({**name._asdict(), "field": _KIND_FIELD[name.kind], "value": name.name})
    for pair in pairs.itertuples():
        if pair.level == "unit":
            rows.append(
                {
                    "field": "pairing",
                    "value": f"{pair.donor} ↔ {pair.recipient}",
                    "count": pair.donor_count,
                    "match": pair.match,
                    "start": pair.start,
                    "end": pair.end,
                    "sentence": pair.sentence,
                }
            )
    for block in _read_blocks(doc):
        text = simplified(block.text)  # 幹部 as 干部
        for field, rule in _RULES.items():
            for match in rule.finditer(text):
                value, count = _READERS[field](match)
                in_all = field == "resident_cadres" and _in_all(text, match)
                rows.append(
                    _fact("cadres_in_all" if in_all else field, value, count, block, match.span())
                )
    frame = pd.DataFrame(rows, columns=FACT_COLUMNS).astype({"count": "Int64"})
    return frame.sort_values("start", kind="stable").reset_index(drop=True)


def slogans(doc: Document) -> pd.DataFrame:
    """The named models of ``doc`` (not documents), one row per canonical name, in order of first find.

    Columns: slogan (canonical spelling), kind, spellings (the spellings found, ``、``-joined),
    quoted (times found), mentions (times any known spelling, quoted or not, occurs in
    the title, subtitle, headings and paragraphs), start, end, sentence (first find).
    """
    found = named_models(doc)
    found = found[found["kind"] != "document"]
    texts = [block.text for block in _read_blocks(doc)]
    rows = []
    for slogan, group in found.groupby("name", sort=False):
        written = [match.strip("“”「」『』") for match in group["match"]]
        spellings = dict.fromkeys([slogan, *written, *_variants_of(slogan)])
        pattern = re.compile("|".join(map(re.escape, sorted(spellings, key=len, reverse=True))))
        first = group.iloc[0]
        rows.append(
            {
                "slogan": slogan,
                "kind": first["kind"],
                "spellings": "、".join(dict.fromkeys(written)),
                "quoted": len(group),
                "mentions": sum(len(pattern.findall(text)) for text in texts),
                "start": first["start"],
                "end": first["end"],
                "sentence": first["sentence"],
            }
        )
    # typed when empty too: a corpus table joined from reports without names stays numeric
    return pd.DataFrame(rows, columns=SLOGAN_COLUMNS).astype(_SLOGAN_COUNTS)


#: The number columns of ``slogans``.
_SLOGAN_COUNTS = dict.fromkeys(["quoted", "mentions", "start", "end"], "int64")


def _variants_of(term: str) -> list[str]:
    return [variant for variant, form in variants().items() if form == term]


def model_card(doc: Document, metadata: Mapping[str, object] | None = None) -> pd.Series:
    """One report's model card: metadata fields, then one entry per fact field, then the pairing.

    ``metadata`` is a row of ``Corpus.metadata`` (or any mapping); its doc_id, donors,
    recipient and start are copied (None when absent); a row without a recipient county
    gives its ``recipient_prefecture``, else its ``province`` (``corpus.receiving_place``, the
    label ``corpus.pairing_labels`` gives the same report).  ``resident_cadres``,
    ``cadres_in_all``, ``professionals_sent`` and ``helper_groups`` hold the largest number
    stated (a later, smaller number is usually a part of it), or None; the other fields list
    the distinct values in text order.  ``pairing_text`` lists the places paired in the text (``donor → recipient``,
    ``A ↔ B`` where the text gives no direction; ``aidlib.pairings``), ``pairing_warning``
    says where they disagree with the metadata
    (empty when they agree or either is missing).  ``evidence`` maps each field found to
    (sentence, match) of its first fact; ``sources`` maps every field to a (value, sentence)
    per entry, so each entry of the card can be checked against the sentence it was read from.
    """
    metadata = {} if metadata is None else metadata
    pairs = pairings(doc)
    found = facts(doc, pairs)
    card: dict[str, object] = {field: metadata.get(field) for field in METADATA_FIELDS}
    # the receiving county, else its prefecture, else its province, as notebook 02 labels it
    card["recipient"] = receiving_place(metadata) or metadata.get("recipient")
    evidence: dict[str, tuple[str, str]] = {}
    sources: dict[str, list[tuple[str, str]]] = {}
    for field in FACT_FIELDS:
        rows = found[found["field"] == field]
        first_sentence: dict[str, str] = {}
        for value, sentence in zip(rows["value"], rows["sentence"], strict=True):
            first_sentence.setdefault(value, sentence)
        sources[field] = list(first_sentence.items())
        if field in COUNT_FIELDS:
            counts = rows["count"].dropna()
            card[field] = int(counts.max()) if len(counts) else None
        else:
            card[field] = list(dict.fromkeys(rows["value"]))
        if len(rows):
            evidence[field] = (rows["sentence"].iloc[0], rows["match"].iloc[0])
    places = pairs[pairs["level"] == "place"]
    card["pairing_text"] = _distinct_pairs(places)
    card["pairing_warning"] = check_pairing(places, metadata)
    if len(places):
        evidence["pairing_text"] = (places["sentence"].iloc[0], places["match"].iloc[0])
    card["evidence"] = evidence
    card["sources"] = sources
    return pd.Series(card, name=card["doc_id"], dtype=object)


def _distinct_pairs(places: pd.DataFrame) -> list[str]:
    """``donor → recipient`` of each place pairing, once per pair of places (the longest
    spelling); ``A ↔ B`` where no sentence says which helps which (黔东南州与杭州市的交流).

    >>> rows = pd.DataFrame({"donor": ["杭州市", "黔东南州"], "recipient": ["恩施州", "杭州市"],
    ...                      "directed": [True, False]})
    >>> _distinct_pairs(rows)
    ['杭州市 → 恩施州', '黔东南州 ↔ 杭州市']
    """
    kept: list[list] = []  # [donor, recipient, directed]
    for row in places.itertuples():
        for pair in kept:
            if same_place(pair[0], row.donor) and same_place(pair[1], row.recipient):
                pair[0], pair[1] = (
                    max(pair[0], row.donor, key=len),
                    max(pair[1], row.recipient, key=len),
                )
                pair[2] = pair[2] or row.directed
                break
        else:
            kept.append([row.donor, row.recipient, bool(row.directed)])
    return [
        f"{donor} {'→' if directed else '↔'} {recipient}" for donor, recipient, directed in kept
    ]


def side_by_side(cards: Sequence[pd.Series]) -> pd.DataFrame:
    """The cards as one table: a row per field, a column per report; lists joined with ``、``.

    >>> from aidlib.structure import parse
    >>> card = model_card(parse("标题\\n推行“一体两翼”。"), {"doc_id": "d", "donors": ["甲区", "乙区"]})
    >>> side_by_side([card]).loc[["donors", "slogans", "resident_cadres"], "d"].tolist()
    ['甲区、乙区', '一体两翼', '']
    """
    table = pd.concat(
        [card.drop(["evidence", "sources"], errors="ignore") for card in cards], axis=1
    )
    return table.map(_cell)


def _cell(value: object) -> str:
    if isinstance(value, list | tuple):
        return "、".join(map(str, value))
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


GOLD_COLUMNS = ["part", "gold", "gold_kind", "found", "found_text", "found_kind"]


def against_gold(doc: Document, gold: Mapping[str, object]) -> pd.DataFrame:
    """How the names and pairings read from ``doc`` compare with a hand-written card.

    ``gold`` is the ``model_card`` of a development-corpus gold file: ``slogans`` (text,
    kind) and ``pairings`` (donor, recipient).  One row per gold entry, then one per pairing
    the card shows that no gold entry lists (part ``extra pairing``, found_kind holding its
    sentence); columns: part (slogan, pairing, extra pairing), gold, gold_kind, found (bool),
    found_text, found_kind (the kind given to the matching name).  A name matches when, width-folded and without quotes or
    brackets, one holds the other.  A pairing matches a row of ``pairings`` (what the card
    shows: its places in ``pairing_text``, its units in ``pairing``) whose donor and
    recipient name the same places (``pairings.same_place``: the same gazetteer unit, so 青岛
    is 青岛市), either way round for an undirected row; a gold party that lists places
    (``疏勒、岳普湖、英吉沙、麦盖提四县``) is found when each of them is.

    >>> from aidlib.structure import parse
    >>> doc = parse("标题\\n雁塔区对口帮扶汉滨区，开展“N+1”主题采访活动。")
    >>> gold = {"slogans": [{"text": "N+1", "kind": "event"}],
    ...         "pairings": [{"donor": "雁塔区", "recipient": "汉滨区"}]}
    >>> against_gold(doc, gold)[["part", "found", "found_kind"]].values.tolist()
    [['slogan', True, 'event'], ['pairing', True, '']]
    """
    names = named_models(doc)
    rows = []
    for entry in gold.get("slogans") or []:
        target = _folded(entry["text"])
        hit = next(
            (
                row
                for row in names.itertuples()
                if _holds(target, _folded(row.name)) or _holds(target, _folded(row.match))
            ),
            None,
        )
        rows.append(
            {
                "part": "slogan",
                "gold": entry["text"],
                "gold_kind": entry.get("kind", ""),
                "found": hit is not None,
                "found_text": "" if hit is None else hit.name,
                "found_kind": "" if hit is None else hit.kind,
            }
        )
    found_pairs = pairings(doc)
    for entry in gold.get("pairings") or []:
        donor, recipient = entry["donor"], entry["recipient"]
        hits = [
            next((row for row in found_pairs.itertuples() if _pairs_with(row, d, r)), None)
            for d in _party_items(donor)
            for r in _party_items(recipient)
        ]
        rows.append(
            {
                "part": "pairing",
                "gold": f"{donor} → {recipient}",
                "gold_kind": "",
                "found": all(hit is not None for hit in hits),
                "found_text": "; ".join(
                    dict.fromkeys(f"{hit.donor} → {hit.recipient}" for hit in hits if hit)
                ),
                "found_kind": "",
            }
        )
    golds = [
        (d, r)
        for entry in gold.get("pairings") or []
        for d in _party_items(entry["donor"])
        for r in _party_items(entry["recipient"])
    ]
    for row in found_pairs.drop_duplicates(["donor", "recipient"]).itertuples():
        if not any(_pairs_with(row, d, r) for d, r in golds):
            shown = f"{row.donor} → {row.recipient}"
            rows.append(
                {"part": "extra pairing", "gold": "", "gold_kind": "", "found": False}
                | {"found_text": shown, "found_kind": row.sentence}
            )
    return pd.DataFrame(rows, columns=GOLD_COLUMNS)


def _pairs_with(row: object, donor: list[str], recipient: list[str]) -> bool:
    """Whether a ``pairings`` row pairs one spelling of ``donor`` with one of ``recipient``
    (either way round when the row has no direction)."""
    forward = any(same_place(row.donor, d) for d in donor) and any(
        same_place(row.recipient, r) for r in recipient
    )
    backward = any(same_place(row.donor, r) for r in recipient) and any(
        same_place(row.recipient, d) for d in donor
    )
    return forward or (backward and not row.directed)


def _party_items(party: str) -> list[list[str]]:
    """The parties a gold party names, each with its spellings: a list of places
    (``疏勒、岳普湖和英吉沙三县``) is one party per place; ``X(Y)`` is X, also written Y.

    >>> _party_items("德格、石渠和甘孜3县"), _party_items("本会(华润慈善基金会)")
    ([['德格'], ['石渠'], ['甘孜']], [['本会', '华润慈善基金会']])
    >>> _party_items("喀什、和田两个地区")
    [['喀什'], ['和田']]
    """
    party = simplified(unicodedata.normalize("NFKC", as_normalized(party)))
    aside = re.search(r"\((.+)\)$", party)
    if aside:
        return [[party[: aside.start()], aside[1]]]
    listed = re.sub(rf"[{_ZH_DIGITS}0-9]+个?(?:地区|[省市县区州])$", "", party)
    items = [
        part
        for item in listed.split("、")  # 和 joins the last two, unless a name holds it (和田)
        for part in ([item] if places.lookup(item) else re.split("和|及", item))
        if part
    ]
    if len(items) > 1 and all(
        places.lookup(item) or re.search("[省市县区州]$", item) for item in items
    ):
        return [[item] for item in items]
    return [[party]]


def _folded(text: str) -> str:
    folded = unicodedata.normalize("NFKC", simplified(as_normalized(str(text))))
    return re.sub(r"[“”\"'‘’「」『』《》\s]", "", folded)


def _holds(a: str, b: str) -> bool:
    return len(a) >= 2 and len(b) >= 2 and (a in b or b in a)


def corpus_slogans(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """``slogans`` of every report of a ``Corpus`` (a DataFrame with doc_id, text and
    title also works), one table with a leading ``doc_id`` column.

    >>> corpus = pd.DataFrame({"doc_id": ["a"], "title": ["标题"], "text": ["标题\\n打造“一体两翼”格局。"]})
    >>> corpus_slogans(corpus)[["doc_id", "slogan", "quoted"]].values.tolist()
    [['a', '一体两翼', 1]]
    """
    tables = [
        slogans(doc).assign(doc_id=doc_id) for doc_id, doc in as_corpus(corpus).documents.items()
    ]
    columns = ["doc_id", *SLOGAN_COLUMNS]
    return (
        pd.concat(tables, ignore_index=True)[columns] if tables else pd.DataFrame(columns=columns)
    )
