"""Who helps whom, read from a report's text, and how that agrees with its metadata.

Two levels, both written in such reports in a sentence with a pairing word:

- **places** (province, prefecture, county, town at any level): ``A对口帮扶B``,
  ``A结对帮扶B``, ``A协作B`` are directed (A helps B); ``A与B结对``, ``A与B开展东西部协作``
  name a pair without a direction (``directed`` False; the metadata orients it when it
  can), unless its places lie in two provinces of a pairing of ``paired_provinces``
  (贾汪区 of 江苏 and 太白县 of 陕西: 苏陕, so 贾汪区 gives), which also turns a directed
  pair read the wrong way round.  A place written with its parents (``苏州市吴江区``)
  counts as its lowest level.
  The places after the verb may be a list (``帮扶广西百色河池两市``, ``疏勒、岳普湖…四县``);
  a clause without a donor takes the sentence's subject (``上海市及嘉定区…，共向大姚捐资``).
  Also read: ``A对B的定点帮扶``, ``B是A的对口援助地区`` / ``A是B的对口帮扶单位``, ``A援疆``
  (援藏, 援青: to the region's place the sentence names, else the region), ``A B建立结对帮扶关系``,
  and a programme named by its provinces' one-character names, giver first, as
  ``data/paired_provinces.csv`` lists them (``闽宁协作``: 福建省 helps 宁夏回族自治区).
  Bodies stand where places do (华润集团, 中国工程院, 中国建设银行, 天津大学, 中山市小榄组团,
  7个合作城市, 中央单位).
  ``A对口B`` (bare 对口 right before a place), and two lists joined by 分别 pair by rank
  (``南京、苏州分别对口帮扶淮安、宿迁``).  In a report on the Tibetan areas of 四川, 云南, 甘肃
  or 青海 that names no place of 西藏, 援藏 is aid to those areas.
  Not read as pairings: a place with itself or with its own prefecture or province, a
  negated verb (镇江不再帮扶连云港), a meeting's venue (在成都召开的…), a
  delegation's visit (…代表团到中山市…考察交流), ``A和B对C…`` (A and B help together).
- **units** counted on each side (``8个街道结对参扶丹凤县12个镇街``, ``6家医院与…6家卫生院``):
  the counted units of a sentence are paired in order, each with the next one when a
  linking word (与, 和, 结对, 帮扶 …) stands between them, so ``12个村与15个村、8家企业与10个村结对``
  is two pairings, not one; units joined by 、 after a recipient share its donor
  (``21个镇与和龙8个镇、延吉4个镇``).  Paired by 与/和 alone, a pair has no direction.

Place names come from ``aidlib.places`` (the gazetteer); what it does not know is read by a
FALLBACK on jieba's place tags and administrative suffixes (省 市 县 区 州 旗 …).  The text
is read in simplified characters (``aidlib.tokens.simplified``), so reports in traditional
script pair too; names are given in simplified characters.

>>> from aidlib.structure import parse
>>> doc = parse("标题\\n雁塔区对口帮扶汉滨区，组织5所学校与汉滨区4所学校结对。")
>>> pairings(doc)[["level", "donor", "recipient", "directed"]].values.tolist()
[['place', '雁塔区', '汉滨区', True], ['unit', '5所学校', '汉滨区4所学校', False]]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from itertools import accumulate
from pathlib import Path

import pandas as pd

from aidlib import places, tokens
from aidlib.chars import CJK
from aidlib.corpus import receiving_place
from aidlib.numerals import NUMERAL, read_numeral
from aidlib.structure import Document
from aidlib.tokens import tagged

PAIRING_COLUMNS = [
    "level",
    "donor",
    "recipient",
    "donor_count",
    "recipient_count",
    "directed",
    "match",
    "start",
    "end",
    "sentence",
]

#: Words that make a sentence speak of a pairing.
PAIRING_WORDS = re.compile(
    "结对|参扶|对口帮扶|对口支援|对口协作|对口合作|扶贫协作|东西部协作|帮扶协议|帮扶关系|帮扶对子|结成|携手|帮扶|协作|共建|联建"
    "|援助|援藏|援疆|援青|投入|捐赠|投资|助力|两地|两市|两县|两区"
)
#: Verbs that make the places before them help the place after them.
_DIRECTED = re.compile(
    "对口帮扶|结对帮扶|对口支援|对口协作|协作帮扶|定点扶贫|定点联系|帮扶|支援|援建|结对参扶|参扶|援助|协作|帮助|助力|携手|牵手"
    "|组团驻|驻"
    "|对口支持|对口(?=[^帮支协合援扶])|对(?=[^，。；]{0,20}?的(?:定点|对口|结对)?(?:帮扶|援助|援建|支援|协作))"
    "|[向给到赴](?=[^，。；]{0,30}(?:投入|捐|投资|援助|帮扶|开展|提供|结对|拨付|支持|下达))"
    "|(?<![成作认具分称改定视列评更因以较最尤均即誉名身广极颇])为(?=[^，。；]{0,30}?(?:捐|援建|资助|送去|送来|提供|修建|发放))"
)
#: A place then this is an organisation of that place (福建省侨联, 舟山市工商联).
_ORGANISATION = re.compile(
    "侨联|工商联|总工会|工会|团委|妇联|商会|慈善总会|红十字会|管委会"
    "|综合保税区|保税港区|保税区|经济技术开发区|开发区|高新区|经开区|新区|航天基地"
    rf"|[{CJK}]{{0,3}}?组团|发改委|交通委|[{CJK}]{{1,3}}?局(?![{CJK}])"  # 中山市小榄组团, 常州市商务局
    "|[0-9]+个?[市县区]"  # 浙江4市: counted places of a province
)
#: Two places then this are a pair without a direction (惠城、册亨两地).
_BOTH = re.compile(rf"[、和与—·]?(?P<other>[{CJK}]{{2,6}}?)(?:两地|两市|两县|两区|两省)")
#: Two places written together then this are a pair (青岛—陇南东西扶贫协作, 上海云南正式建立结对帮扶关系).
_PAIRED_BY = re.compile(
    "(?:东西部?|对口)?(?:扶贫)?协作|对口帮扶|结对帮扶"
    "|(?:正式|已经?|共同)?(?:建立|结成|确立)[^，。；]{0,8}?(?:帮扶|协作|结对|对口)[^，。；]{0,4}?关系"
)
#: A meeting's place: 在成都召开的…, 在拉萨市墨竹工卡县召开 (what follows the place).
_VENUE = re.compile(rf"[{CJK}]{{0,3}}?(?:召开|举行|举办|召開|舉行|舉辦)")
#: Between a pairing verb and a place, these make the place no object of the verb.
_NOT_OBJECT = re.compile("、|代表团|考察团|访问团|工作组|一行|抵达|来到|召开|举行|举办")
#: A delegation before 到/赴 that goes to look and learn makes a visit, not aid (盘州市党政代表团
#: 到中山市…开展…考察交流; but 舟山市工商联一行赴万源市开展…结对帮扶活动 is aid).
_VISITORS = re.compile("(?:代表团|考察团|访问团|调研组|一行)$")
_LOOKING = re.compile("考察|学习|调研|观摩|交流")
#: Right before a pairing verb, this pairs two lists by rank (南京、苏州分别对口帮扶淮安、宿迁).
_RESPECTIVELY = re.compile("分别$")
#: Right before a pairing verb, this says the pairing is not (镇江不再帮扶连云港, 尚未结对帮扶).
_NEGATED = re.compile("(?:不再|不|未|没有|停止|退出)$")
_MEETING = re.compile("召开|举行|举办")
#: Verbs of a gift that keep the sentence's direction against the provinces' pairing: help
#: also flows back (巴东捐赠物资助力杭州疫情防控: 巴东 gives, though 浙鄂 makes 浙江 the giver).
_GIVING = re.compile("助力|援助|帮助|[向给为]")
_UNDIRECTED_LINK = re.compile("(?:[还也均已]|先后|分别)?[与和同跟]")
#: The link of a pair written with no verb between (灵台县与津南区结对; 具体为：甲区与乙县，…):
#: 和 is left out, for 果洛和玛多 or A、B和C is mostly one list of places.
_PAIR_LINK = re.compile("(?:[还也均已]|先后|分别)?[与同跟]")
#: Units paired below county level, longest first where one ends another.
UNITS = (
    "行政村|贫困村|自然村|镇街|街道|乡镇|社区|村|镇|乡|民营企业|国有企业|企业|商会|社会组织"
    "|中小学|小学|中学|学校|幼儿园|高校|医院|卫生院|卫生室|部门|中央单位|单位|机关|党支部|党组织|合作社"
    "|合作城市|城市|省区市|省市|省份|县[（(]市、区[）)]|脱贫县[（(]区[）)]|脱贫县|贫困县|县"
)
_UNIT = re.compile(rf"(?P<n>{NUMERAL})[ \u3000]*(?P<m>[个所家])[ \u3000]*(?P<u>{UNITS})")
#: Bodies that help a place without being one: counted (7个合作城市, 24家中央单位) or not (中央单位).
_BODY = re.compile(
    rf"(?:{NUMERAL}|各)?[个家]?(?:合作城市|中央单位|中央国家机关|省市|省区市|帮扶单位)"
    rf"|(?:东部|西部)?(?:贫困地区|贫困县|定点扶贫县|定点县)|(?:东部|西部)地区"
)
#: A body named without a place before it that helps a place (华润集团, 中国工程院, 省总工会,
#: 国家电网公司, 中国建设银行, 天津大学); not one named by a pronoun (该公司, 你们公司), nor a
#: quoted name (“基础母牛银行”: a model's), nor a university whose hospital or institute is the
#: party (西安交通大学第一附属医院).
_NAMED_BODY = re.compile(
    rf"(?:^|(?<=[与和及、，的是由向对从自在将：“]))(?!该|这|此|其|本公司|我|你|他)"
    rf"(?:(?![等和与及的了在对向开展是由])[{CJK}]){{1,6}}?"
    "(?:组团|集团|基金会|慈善会|工程院|科学院|研究院|总工会|有限公司|公司|银行|分行|大学|学院)"
    f'(?![”"]|[{CJK}]{{0,6}}?(?:医院|学院|研究院|研究所))'
)
#: ``B是A的对口帮扶单位``: B helps A; ``B是A的对口援助地区``: A helps B (the head word tells);
#: 的 and the programme's name may stand between (B是A东西部扶贫协作对口帮扶县市之一).
_IS_PAIRED = re.compile(
    "的?(?:东西部扶贫协作|东西部协作|扶贫协作)?(?:对口|结对|定点)?(?:帮扶|援助|支援|协作|扶贫)"
    "(?P<head>单位|地区|对象|县|市|村|乡|镇)"
)
#: The pairings of provinces that reports name by one character each, giver first (闽宁, 沪滇,
#: 粤桂): columns name, donor, recipient (the provinces' full names), programme, since.
PAIRED_PROVINCES_FILE = Path(__file__).resolve().parent.parent / "data" / "paired_provinces.csv"
#: What follows such a name when it names the programme (闽宁协作, 粤桂扶贫协作, 京蒙帮扶), not a
#: place (闽宁镇) or a firm.
_PROGRAMME_WORD = "(?:东西部|扶贫|对口)?(?:协作|合作|帮扶|扶贫|对口)"
#: …or the two sides of it (粤滇两省, 闽宁两省区, 沪滇两地, 浙川双方).
_BOTH_SIDES = "两省区?|两省市|两省份|两地|两市|双方"
#: The date of a news agency's dateline right after its place (拉萨12月12日电).
_DATELINE_AFTER = re.compile(
    "[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日[电電讯訊]"
)
#: 援藏, 援疆, 援青: aid to a region named by one character of it.
_AID_TO_REGION = re.compile("援(?P<region>[藏疆青])")
_REGIONS = {"藏": "西藏", "疆": "新疆", "青": "青海"}
_PAIRING_VERB = re.compile("结对|帮扶|参扶|对接|包联|联系|结成|共建|帮助|开展|建立")
_LINK = re.compile("与|和|同|跟|向|给|结对|帮扶|参扶|对接|包联|联系|结成|共建|帮助")
_READ_BLOCKS = ("title", "subtitle", "heading", "paragraph")
_CLAUSE_MARKS = "，；。！？：“”「」『』\n"
#: FALLBACK place reading (without aidlib.places): suffixes of administrative units.
_ADMIN_SUFFIX = "省市县区州旗盟"
_NOT_PLACES = frozenset(
    [
        "社区",
        "城区",
        "市区",
        "辖区",
        "园区",
        "景区",
        "片区",
        "山区",
        "城市",
        "都市",
        "超市",
        "集市",
        "全区",
        "全市",
        "全县",
        "全省",
        "本区",
        "本市",
        "本县",
        "我区",
        "我市",
        "我县",
        "该区",
        "该市",
        "该县",
        "两区",
        "三区",
        "两县",
        "地区",
        "东部",
        "西部",
        "中西部",
        "东西部",
        "东部地区",
        "西部地区",
    ]
)


#: A count of places, not a place (四县, 两市).
_COUNTED = re.compile(f"[{NUMERAL[:0]}两三四五六七八九十百0-9]+个?[省市县区州]")


#: The count of a list written after its last place (虹口、长宁…黄浦6个区).
_COUNT_AFTER = re.compile(f"(?:{NUMERAL})个?[省市县区]$")


def place_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each place named in ``text``; a chain of parents counts once, as its
    last place; an organisation written after a place (福建省侨联) is named with it.

    Places are the gazetteer's (``aidlib.places.mentions``, which reads short names with the
    help of the rest of ``text``) and, for what it does not know (short county names such as
    惠城, 册亨; names it leaves alone), the FALLBACK on jieba's place tags and suffixes.
    Names are in simplified characters.

    >>> place_mentions("苏州市吴江区与贵州省铜仁市沿河县结对")
    [(0, 6, '吴江区'), (7, 16, '沿河县')]
    """
    text = tokens.simplified(text)
    found = _gazetteer_places(text)
    covered = [(start, end) for start, end, _, _ in found]
    for start, end, name in _fallback_places(text):
        if not any(a < end and start < b for a, b in covered):
            found.append((start, end, name, None))
    found.sort()
    chains: list[tuple[int, int, str, str | None]] = []
    for start, end, name, parent_of in found:
        if chains and chains[-1][1] == start and _is_parent(chains[-1], name, parent_of):
            chains[-1] = (chains[-1][0], end, name, parent_of)
        else:
            chains.append((start, end, name, parent_of))
    with_organisations = []
    for start, end, name, _ in chains:
        organisation = _ORGANISATION.match(text, end)
        if organisation:
            end, name = organisation.end(), text[start : organisation.end()]
        with_organisations.append((start, end, name))
    return with_organisations


def _gazetteer_places(text: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, name, parent) of the gazetteer's places in ``text``."""
    return [
        (m.start, m.end, text[m.start : m.end], f"{m.level}:{m.parent}")
        for m in places.mentions(text)
    ]


def _is_parent(
    previous: tuple[int, int, str, str | None], child: str, level_parent: str | None
) -> bool:
    """Whether a place written right before another is its parent.

    With the gazetteer: the child's parent, or a province before a place of a lower level.
    FALLBACK: an upper-level suffix (省 市 州 …, 镇 乡 before a village) or a province written
    without one (天津宁河), never two provinces side by side (江苏青海).
    """
    name, previous_level = previous[2], previous[3]
    if level_parent is not None and previous_level is not None:
        level, parent = level_parent.split(":", 1)
        before_level, _ = previous_level.split(":", 1)
        higher = _LEVELS.index(before_level) < _LEVELS.index(level)
        return higher and (
            parent == "" or _stem(parent) == _stem(name) or before_level == "province"
        )
    if _stem(child) in _PROVINCES:
        return False
    return bool(re.search("(?:省|市|州|盟|自治区|地区|镇|乡)$", name)) or name in _PROVINCES


_LEVELS = ("province", "prefecture", "county", "township")


#: FALLBACK: province-level names as written without a suffix (until the gazetteer is merged).
_PROVINCES = frozenset(
    [
        "北京",
        "天津",
        "上海",
        "重庆",
        "河北",
        "山西",
        "辽宁",
        "吉林",
        "黑龙江",
        "江苏",
        "浙江",
        "安徽",
        "福建",
        "江西",
        "山东",
        "河南",
        "湖北",
        "湖南",
        "广东",
        "海南",
        "四川",
        "贵州",
        "云南",
        "陕西",
        "甘肃",
        "青海",
        "台湾",
        "内蒙古",
        "广西",
        "西藏",
        "宁夏",
        "新疆",
        "香港",
        "澳门",
    ]
)


def _rare_short_form(word: str) -> bool:
    """A short form the gazetteer knows that general Chinese does not use much (惠城, 册亨):
    jieba counts 新建 (a verb, and 新建区 of 南昌) over ``tokens.COMMON_WORD`` times."""
    return bool(places.lookup(word)) and tokens.general_frequency(word) <= tokens.COMMON_WORD


def _fallback_places(text: str) -> list[tuple[int, int, str]]:
    """FALLBACK: jieba's place tags (ns) on a short form the gazetteer knows (惠城, 册亨: not
    山海, 华夏, 神州, which jieba tags too), names ending in an administrative suffix, and a
    name followed by a one-character suffix token (吴江 + 区, 中堡 + 村)."""
    found, offset = [], 0
    tokens = tagged(text)
    for i, (word, tag) in enumerate(tokens):
        start, end = offset, offset + len(word)
        offset = end
        if (
            word in _NOT_PLACES
            or not re.fullmatch(f"[{CJK}]{{2,8}}", word)
            or _COUNTED.fullmatch(word)
        ):
            continue
        if word in ("自治县", "自治州", "自治区", "自治旗") and found and found[-1][1] < start:
            # 马边 彝族 自治县: the name before the suffix, back to the last place or link word
            head = re.search(
                f"[{CJK}]{{2,8}}$", re.split("[与和及、]", text[found[-1][1] : start])[-1]
            )
            adjacent = head and found[-1][1] == start - len(head[0])
            previous = (*found[-1], None)  # a FALLBACK place has no level
            if adjacent and not _is_parent(previous, head[0], None):  # 峨边 + 彝族 + 自治县
                found[-1] = (found[-1][0], end, found[-1][2] + head[0] + word)
            elif head:
                found.append((start - len(head[0]), end, head[0] + word))
            continue
        following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        if len(following) == 1 and following in _ADMIN_SUFFIX + "乡镇村" and tag[:1] == "n":
            found.append((start, end + 1, word + following))
        elif (tag.startswith("ns") and (_rare_short_form(word) or word[-1] in _ADMIN_SUFFIX)) or (
            tag[:2] in ("nr", "nz") and word[-1] in _ADMIN_SUFFIX
        ):
            found.append((start, end, word))
    return found


def same_place(a: str, b: str) -> bool:
    """Whether two place names name the same place: the same unit of the gazetteer when both
    are its forms (青岛 and 青岛市, 沿河县 and 沿河土家族自治县), else one holds the other once
    suffixes are cut (苏州市吴江区 and 吴江区, 浙江省4市 and 浙江省4市).

    >>> same_place("青岛", "青岛市"), same_place("铜仁市沿河县", "沿河县"), same_place("雁塔区", "碑林区")
    (True, True, False)
    """
    units_a, units_b = _units(a), _units(b)
    if units_a and units_b:
        return bool(units_a & units_b)
    a, b = _stem(a), _stem(b)
    return bool(a and b) and (a in b or b in a)


def _units(name: str) -> set[str]:
    name = tokens.simplified(str(name).strip())
    if len(name) == 1 and name in _province_initials():  # 闽 of 闽宁
        return {_province_initials()[name]}
    return {place.canonical for place in places.lookup(name)}


def _stem(name: str) -> str:
    name = tokens.simplified(re.sub(r"\s", "", str(name)))
    return re.sub(rf"(?:自治州|自治县|自治区|地区|新区|[{_ADMIN_SUFFIX}])$", "", name) or name


def pairings(doc: Document) -> pd.DataFrame:
    """The pairings stated in ``doc`` (title, subtitle, headings, paragraphs), in text order.

    Columns: level (``place`` or ``unit``), donor, recipient (places, or units with their
    count and any place before them, e.g. ``丹凤县12个镇街``), donor_count, recipient_count
    (units only; nullable Int64), directed, match (the text from donor to recipient),
    start, end (offsets into ``doc.text``), sentence.

    Places are read once over the whole report, so a short name (青岛, 大姚) is known by
    what the rest of the report names (``aidlib.places.resolve``).
    """
    blocks = [block for block in doc.blocks if block.kind in _READ_BLOCKS]
    starts = list(accumulate((len(block.text) + 1 for block in blocks), initial=0))
    mentions = place_mentions("\n".join(block.text for block in blocks))
    tibetan_areas = _names_tibetan_areas_only(mentions)
    rows: list[dict[str, object]] = []
    for block, offset in zip(blocks, starts, strict=False):
        for written, base in _sentences(block.text):
            text = tokens.simplified(written)
            if not any(
                p.search(text) for p in (PAIRING_WORDS, _DIRECTED, _paired_provinces_pattern())
            ):
                continue
            at = offset + base
            inside = [
                (start - at, end - at, name)
                for start, end, name in mentions
                if at <= start and end <= at + len(text)
            ]
            place_pairs = _place_pairs(text, inside, tibetan_areas)
            for row in [*place_pairs, *_unit_pairs(text, inside)]:
                if row is None:
                    continue
                start, end = row.pop("span")
                rows.append(
                    {
                        **row,
                        "match": written[start:end],
                        "start": block.start + base + start,
                        "end": block.start + base + end,
                        "sentence": written,
                    }
                )
    frame = pd.DataFrame(rows, columns=PAIRING_COLUMNS)
    frame = frame.astype({"donor_count": "Int64", "recipient_count": "Int64"})
    return frame.sort_values("start", kind="stable").reset_index(drop=True)


def _sentences(text: str) -> Iterator[tuple[str, int]]:
    for found in re.finditer(r"[^。！？]+[。！？]*", text):
        yield found[0], found.start()


def _clauses(text: str) -> Iterator[tuple[int, int]]:
    for found in re.finditer(rf"[^{_CLAUSE_MARKS}]+", text):
        yield found.start(), found.end()


def _place_pairs(
    text: str, mentions: list[tuple[int, int, str]], tibetan_areas: bool = False
) -> Iterator[dict[str, object]]:
    """Pairs of places, and of a counted or named body with a place (7个合作城市向贵州投入 …).

    A clause whose pairing verb has no place before it takes the sentence's subject: the
    places an earlier clause begins with (上海市及嘉定区积极动员社会力量，…共向大姚捐资捐物).
    A place where a meeting is held (在成都召开的…) is no party.
    """
    places = [place for place in mentions if not _venue(text, place)]
    covered = [(start, end) for start, end, _ in places]
    for unit in [*_BODY.finditer(text), *_NAMED_BODY.finditer(text)]:
        if not any(a < unit.end() and unit.start() < b for a, b in covered):
            places.append((unit.start(), unit.end(), unit[0]))
            covered.append(unit.span())
    places.sort()
    yield from _aid_to_region(text, places, tibetan_areas)
    yield from _named_pairs(text)
    subject: list[tuple[int, int, str]] = []
    for c_start, c_end in _clauses(text):
        inside = [p for p in places if c_start <= p[0] and p[1] <= c_end]
        if not inside:
            continue
        paired = _is_paired(text, inside)
        if paired:
            yield paired
            continue
        verbs = [
            v
            for v in _DIRECTED.finditer(text, c_start, c_end)
            if v[0] not in "到赴"
            or not _VISITORS.search(text, c_start, v.start())
            or not _LOOKING.search(text, v.end(), c_end)
        ]
        # bare 对口 and 定点扶贫 pair only as a verb right before a place (宁波对口凉山, 中国农业大学
        # 定点扶贫镇康县), not 对口专业, 对口单位, 定点扶贫任务, 其定点扶贫县
        verbs = [
            v
            for v in verbs
            if v[0] not in ("对口", "定点扶贫", "定点联系") or any(p[0] == v.end() for p in inside)
        ]
        objects = [v for v in verbs if _place_follows(v, inside)]
        verb = next(  # the verb between a donor and a recipient, else one with an object
            (v for v in objects if inside[0][1] <= v.start()),
            objects[0] if objects else verbs[0] if verbs else None,
        )
        if verb and _NEGATED.search(text, c_start, verb.start()):
            continue  # 镇江不再帮扶连云港: a pairing that ended or never was
        # a place before a meeting the verb names is none of its parties (在成都召开的…对口支援西藏…)
        before = [
            p
            for p in inside
            if verb and p[1] <= verb.start() and not _MEETING.search(text, p[1], verb.start())
        ]
        after = [p for p in inside if verb and p[0] >= verb.end()]
        # 江苏青海两省, 青岛—陇南东西扶贫协作: the text says they pair; after a verb with a
        # donor (深圳对口帮扶广西百色河池两市) such places are the list of recipients
        written_together = [row for row in _written_together(inside, text) if row]
        together_before = [
            row for row in written_together if not verb or row["span"][1] <= verb.start()
        ]
        # 为 (A为B捐赠) takes its giver from its own clause: 联系爱心机构为汉滨区… is no subject's;
        # so does a clause opening with 驻 (驻甲乡扶贫干部…: people stationed there), and a place
        # that is itself a station is no giver (驻甲乡干部和驻乙村干部: two stations, no pair)
        stations = verb is not None and verb[0] == "驻" and "驻" in text[c_start : verb.start()]
        opens = verb is not None and verb[0] == "驻" and not text[c_start : verb.start()].strip()
        giver = (
            []
            if stations
            else before or (subject if verb and verb[0] != "为" and not opens else [])
        )
        if verb and _place_follows(verb, inside) and giver and not together_before:
            donors = _joined(before, text) if before else giver
            recipients = _joined_forward(after, text)
            by_rank = _RESPECTIVELY.search(text, donors[-1][1], verb.start())
            if by_rank and len(donors) == len(recipients):  # 南京、苏州分别对口帮扶淮安、宿迁
                pairs = list(zip(donors, recipients, strict=True))
            else:
                pairs = [(donor, recipient) for recipient in recipients for donor in donors]
            turn = not _GIVING.fullmatch(verb[0])
            for donor, recipient in pairs:
                yield _place_row(donor, recipient, True, turn=turn)
            continue
        if inside[0][0] - c_start <= 1:
            subject = _joined_forward(inside, text, "[和、及]|以及")  # not 与: A与B签署…
        if written_together:
            yield from written_together
            continue
        gaps = [text[a[1] : b[0]] for a, b in zip(before, before[1:], strict=False)]
        if any(_UNDIRECTED_LINK.fullmatch(gap) for gap in gaps):
            yield from _two_lists(before, text)
        elif not verb and any(
            _PAIR_LINK.fullmatch(text[a[1] : b[0]])
            for a, b in zip(inside, inside[1:], strict=False)
        ):
            yield from _two_lists(inside, text)


def _is_paired(text: str, inside: list[tuple[int, int, str]]) -> dict[str, object] | None:
    """``B是A的对口援助地区`` (A helps B) or ``A是B的对口帮扶单位`` (A helps B) in one clause;
    the place after 是 may be written with its parents (浙江省杭州市: 杭州市 is the party)."""
    for at, first in enumerate(inside[:-1]):
        second = _joined_forward(inside[at + 1 :], text, links="")[-1]
        head = _IS_PAIRED.match(text, second[1])
        if text[first[1] : inside[at + 1][0]] == "是" and head:
            return _place_row(
                *((first, second) if head["head"] == "单位" else (second, first)), True
            )
    return None


def _aid_to_region(
    text: str, places: list[tuple[int, int, str]], tibetan_areas: bool = False
) -> Iterator[dict[str, object]]:
    """``江苏援藏``, ``浙江省发改委下达援疆项目…阿克苏地区``: the donor before 援藏/援疆/援青 in its
    clause helps the first place of that region the sentence names after it, else the first
    below the region it names before it (``在西藏自治区林芝市…3名来自广东珠海的援藏干部``:
    林芝市), else the region.  In a report on the Tibetan areas of other provinces
    (``tibetan_areas``: 成都市龙泉驿区…援藏资金…甘孜县) 援藏 is aid to them, never to 西藏."""
    for found in _AID_TO_REGION.finditer(text):
        elsewhere = found["region"] == "藏" and tibetan_areas
        clause_start = max(text.rfind(mark, 0, found.start()) for mark in _CLAUSE_MARKS) + 1
        donors = [p for p in places if clause_start <= p[0] and p[1] <= found.start()]
        donors = [p for p in donors if not _in_region(p[2], found["region"], elsewhere)]
        if not donors:
            continue
        after = [
            p
            for p in places
            if p[0] >= found.end() and _in_region(p[2], found["region"], elsewhere)
        ]
        before = [
            p
            for p in places
            if p[1] <= clause_start
            and _in_region(p[2], found["region"], elsewhere)
            and not _is_province(p[2])
            and not _DATELINE_AFTER.match(text, p[1])  # 新华社拉萨12月12日电: where it was filed
        ]
        region = [] if elsewhere else [(found.start(), found.end(), _REGIONS[found["region"]])]
        recipients = after[:1] or before[:1] or region
        yield from (_place_row(_joined(donors, text)[-1], r, True) for r in recipients)


def _in_region(name: str, region: str, elsewhere: bool) -> bool:
    """Whether ``name`` lies in the region of 援藏, 援疆 or 援青 (``region``: 藏, 疆, 青); with
    ``elsewhere``, in a Tibetan area of another province (``_tibetan_area``)."""
    if elsewhere:
        return _tibetan_area(name)
    return _province(name) in places_of(_REGIONS[region])


def _tibetan_area(name: str) -> bool:
    """Whether the gazetteer puts ``name`` in a Tibetan autonomous prefecture or county outside
    西藏 (甘孜县 of 甘孜藏族自治州, 木里, 香格里拉市, 天祝, 玛沁)."""
    for place in places.lookup(tokens.simplified(name)):
        above = [place.canonical, place.parent, *(p.parent for p in places.lookup(place.parent))]
        if place.province != "西藏自治区" and any("藏族" in unit for unit in above):
            return True
    return False


def _names_tibetan_areas_only(mentions: list[tuple[int, int, str]]) -> bool:
    """Whether a report names Tibetan areas of 四川, 云南, 甘肃 or 青海 and no place of 西藏:
    its 援藏 (援藏干部, 援藏资金) is aid to those areas."""
    names = {name for _, _, name in mentions}
    in_xizang = any(_province(name) == "西藏自治区" for name in names)
    return not in_xizang and any(_tibetan_area(name) for name in names)


@functools.cache
def paired_provinces(path: Path = PAIRED_PROVINCES_FILE) -> dict[str, tuple[str, str]]:
    """name → (donor, recipient) of the provinces' pairings in ``path``; a missing column
    names the file; a name that is not two characters or is listed twice, or a character
    that stands for two provinces, names file and line.

    >>> paired_provinces()["闽宁"]
    ('福建省', '宁夏回族自治区')
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"name", "donor", "recipient"} - set(table.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    pairs: dict[str, tuple[str, str]] = {}
    provinces: dict[str, str] = {}
    for line, (name, donor, recipient) in enumerate(
        zip(table["name"], table["donor"], table["recipient"], strict=True), 2
    ):
        if len(name) != 2 or not donor or not recipient:
            raise ValueError(
                f"{path}, line {line}: expected a two-character name and two provinces"
            )
        if name in pairs:
            raise ValueError(f"{path}, line {line}: {name} is listed twice")
        for char, province in zip(name, (donor, recipient), strict=True):
            if provinces.setdefault(char, province) != province:
                raise ValueError(f"{path}, line {line}: {char} stands for {provinces[char]} above")
        pairs[name] = (donor, recipient)
    return pairs


@functools.cache
def _province_pairs() -> frozenset[tuple[str, str]]:
    """(giving province, receiving province) of ``paired_provinces``: a pair of places in
    them has that direction, whoever the sentence names first."""
    return frozenset(paired_provinces().values())


def _giving_only(province: str) -> bool:
    """A province that gives in the pairings of ``paired_provinces`` and never receives."""
    pairs = _province_pairs()
    return any(province == giver for giver, _ in pairs) and all(province != got for _, got in pairs)


@functools.cache
def _province_initials() -> dict[str, str]:
    """The one-character names of ``paired_provinces``: 闽 → 福建省, 宁 → 宁夏回族自治区."""
    return {
        char: province
        for name, pair in paired_provinces().items()
        for char, province in zip(name, pair, strict=True)
    }


@functools.cache
def _paired_provinces_pattern() -> re.Pattern[str]:
    initials = "".join(_province_initials())
    names = "|".join(paired_provinces())
    return re.compile(f"(?<![{initials}])(?:{names})(?={_PROGRAMME_WORD}|{_BOTH_SIDES})")


def _named_pairs(text: str) -> Iterator[dict[str, object]]:
    """``闽宁协作``, ``粤桂扶贫协作``, ``粤滇两省``: the pairing of provinces a programme's
    name, or the name of its two sides, gives."""
    for found in _paired_provinces_pattern().finditer(text):
        donor, recipient = paired_provinces()[found.group()]
        start = found.start()
        yield _place_row((start, start + 1, donor), (start + 1, start + 2, recipient), True)


def places_of(name: str) -> set[str]:
    """The provinces ``name`` may stand for (canonical names); empty for no place."""
    return {place.province for place in places.lookup(name)}


def _is_province(name: str) -> bool:
    """Whether ``name`` names a province (西藏, 新疆维吾尔自治区)."""
    return any(place.level == "province" for place in places.lookup(tokens.simplified(name)))


def _province(name: str) -> str:
    found = places_of(tokens.simplified(name))
    return next(iter(found)) if len(found) == 1 else ""


def _place_follows(verb: re.Match[str], places: list[tuple[int, int, str]]) -> bool:
    """Whether a place follows the verb closely enough to be its object: within 8 characters,
    no 、 between (东西协作、山海携手 lists two phrases), and not a delegation's journey
    (…工作考察团抵达拉萨: a visit, not aid)."""
    text = verb.string
    return any(
        0 <= start - verb.end() <= 8 and not _NOT_OBJECT.search(text, verb.end(), start)
        for start, _, _ in places
    )


def _venue(text: str, place: tuple[int, int, str]) -> bool:
    """Whether a place is where a meeting is held: 在成都召开的…, 在拉萨市墨竹工卡县召开."""
    return text[place[0] - 1 : place[0]] in ("在", "于") and bool(_VENUE.match(text, place[1]))


def _written_together(inside: list[tuple[int, int, str]], text: str) -> Iterator[dict[str, object]]:
    for first, second in zip(inside, inside[1:], strict=False):
        if _UNDIRECTED_LINK.fullmatch(text[first[1] : second[0]]) and text.startswith(
            "之间", second[1]
        ):
            yield _place_row(first, second, False)  # 浙江4市与乐山之间
        if re.fullmatch("[—·-]?", text[first[1] : second[0]]) and _PAIRED_BY.match(text, second[1]):
            yield _place_row(first, second, False)
    for first in inside:
        both = _BOTH.match(text, first[1])
        if not both or both["other"] in _NOT_PLACES:
            continue
        second = (both.start("other"), both.end("other"), both["other"])
        named = any(place[:2] == second[:2] for place in inside)
        if named or (both.start("other") > first[1] and len(both["other"]) <= 4):
            yield _place_row(first, second, False)


def _two_lists(before: list[tuple[int, int, str]], text: str) -> Iterator[dict[str, object]]:
    """``A1、A2与B1、B2`` pairs by order when both lists are as long, ``A1、A2与B`` each with B;
    else the last two places, unless they close a list (巴东、长阳和玛多: three places, no pair).
    A parent written before a list is none of it (舟山的定海区、普陀区, 果洛州玛沁、甘德), nor is
    the count after it (黄浦6个区 is 黄浦 of a list of six)."""
    before = _without_parents(before, text)
    for split in range(1, len(before)):
        gap = text[before[split - 1][1] : before[split][0]]
        if _UNDIRECTED_LINK.fullmatch(gap):
            left, right = before[:split], before[split:]
            lists = [
                all(
                    re.fullmatch("、", text[a[1] : b[0]])
                    for a, b in zip(side, side[1:], strict=False)
                )
                for side in (left, right)
            ]
            if len(left) == len(right) > 1 and all(lists):
                for donor, recipient in zip(left, right, strict=True):
                    yield _place_row(_uncounted(donor), _uncounted(recipient), False)
                return
            one_with_many = 1 == min(len(left), len(right)) < max(len(left), len(right))
            if (
                one_with_many
                and all(lists)
                and _PAIR_LINK.fullmatch(gap)
                and not _where(before, text)
            ):
                for donor in left:  # 崆峒区、庄浪县与河西区: each of the list with the one
                    for recipient in right:
                        yield _place_row(donor, recipient, False)
                return
    for split in range(1, len(before)):
        co_subjects = re.match("[、和及]?[对向给为]", text[before[split][1] :])  # A和B对C…
        if (
            _UNDIRECTED_LINK.fullmatch(text[before[split - 1][1] : before[split][0]])
            and not co_subjects
            and not _where(before[: split + 1], text)
            and text[before[split - 1][0] - 1 : before[split - 1][0]] != "、"
        ):
            yield _place_row(before[split - 1], before[split], False)


def _without_parents(places: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """``places`` with each written right before (or with 的) a place inside it joined to that
    place, as a chain of parents is: 舟山的定海区 is 定海区."""
    joined: list[tuple[int, int, str]] = []
    for place in places:
        if (
            joined
            and text[joined[-1][1] : place[0]] in ("", "的")
            and _inside(place[2], joined[-1][2])
        ):
            place = (joined.pop()[0], place[1], place[2])
        joined.append(place)
    return joined


def _uncounted(place: tuple[int, int, str]) -> tuple[int, int, str]:
    """A place of a list without the list's count after it: 黄浦6个区 → 黄浦."""
    return (place[0], place[1], _COUNT_AFTER.sub("", place[2]) or place[2])


def _where(places: list[tuple[int, int, str]], text: str) -> bool:
    """Whether the list ending in ``places[-1]`` says where something happens (先后在银川市、
    吴忠市和固原市开展…), not who pairs: it follows 在/于."""
    first = _joined(places, text)[0]
    return text[first[0] - 1 : first[0]] in ("在", "于")


def _joined_forward(
    places: list[tuple[int, int, str]], text: str, links: str = "[和与、及]?|以及"
) -> list[tuple[int, int, str]]:
    """The first place and those after it joined to it by ``links`` (和/与/、/及, or written
    side by side: 向吴忠市和固原市 …, 帮扶广西百色河池两市)."""
    kept = [places[0]]
    for place in places[1:]:
        if not re.fullmatch(links, text[kept[-1][1] : place[0]]):
            break
        kept.append(place)
    return kept


def _joined(places: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """The last place and those before it joined to it by 和/与/、 (雁塔区和航天基地 …)."""
    kept = [places[-1]]
    for place in reversed(places[:-1]):
        between = text[place[1] : kept[0][0]]
        if not re.fullmatch(rf"[和与、及][{CJK}]{{0,6}}?", between):
            break
        kept.insert(0, place)
    return kept


def _place_row(donor, recipient, directed: bool, turn: bool = True) -> dict[str, object] | None:
    """The row of a pair of places, or None for no pair; unless ``turn`` is False, the
    provinces' pairing turns a pair read the other way round."""
    if same_place(donor[2], recipient[2]):
        return None  # 北京市与河北省…，助力河北省: a subject read twice, no pair
    if _inside(donor[2], recipient[2]) or _inside(recipient[2], donor[2]):
        return None  # 甘孜县…甘孜州: a place and its own prefecture or province, no pair
    span = (min(donor[0], recipient[0]), max(donor[1], recipient[1]))
    sides = (_province(donor[2]), _province(recipient[2]))
    if sides[0] != sides[1] and _giving_only(sides[0]) and _giving_only(sides[1]):
        return None  # 广东省、浙江省与我省开展协作: two givers named together, no pair
    if turn and sides[::-1] in _province_pairs():  # the provinces' pairing says who gives (贾汪区
        donor, recipient, sides = recipient, donor, sides[::-1]  # and 太白县: 苏陕协作)
    directed = directed or sides in _province_pairs()
    return {
        "level": "place",
        "donor": donor[2],
        "recipient": recipient[2],
        "donor_count": None,
        "recipient_count": None,
        "directed": directed,
        "span": span,
    }


def _unit_pairs(text: str, places: list[tuple[int, int, str]]) -> Iterator[dict[str, object]]:
    """Counted units paired in order; units joined by 、 right after a recipient share its donor
    (``21个镇与和龙8个镇、延吉4个镇``: two pairings of the same donor)."""
    units = list(_UNIT.finditer(text))
    i = 0
    while i < len(units) - 1:
        first, second = units[i], units[i + 1]
        between = text[first.end() : second.start()]
        if "、" in between or "；" in between or "。" in between or not _LINK.search(between):
            i += 1
            continue
        recipients = [second]
        while i + len(recipients) + 1 < len(units):
            following = units[i + len(recipients) + 1]
            gap = text[recipients[-1].end() : following.start()]
            if not re.fullmatch(f"、[{CJK}]{{0,6}}", gap):
                break
            after = units.index(following) + 1
            if after < len(units) and _LINK.search(text[following.end() : units[after].start()]):
                break  # 、8家企业与10个村: the start of the next pairing
            recipients.append(following)
        for recipient in recipients:
            yield {
                "level": "unit",
                "donor": _unit_name(first, text, places),
                "recipient": _unit_name(recipient, text, places),
                "donor_count": _count(first["n"]),
                "recipient_count": _count(recipient["n"]),
                "directed": bool(_DIRECTED.search(between)) or not _UNDIRECTED_LINK.search(between),
                "span": (first.start(), recipient.end()),
            }
        i += 1 + len(recipients)


def _unit_name(unit: re.Match[str], text: str, places: Iterable[tuple[int, int, str]]) -> str:
    """The unit with its count, after the place written right before it (汉滨区4所学校)."""
    named = f"{_count(unit['n'])}{unit['m']}{unit['u']}"
    before = next((name for _, end, name in places if end == unit.start()), "")
    if not before:  # 与和龙8个镇、延吉4个镇: a short place name the tagger does not know
        short = re.search(f"(?:、|与|和|同)([{CJK}]{{2,3}})$", text[: unit.start()])
        plain = short and short[1] not in _NOT_PLACES and not _PAIRING_VERB.search(short[1])
        before = short[1] if plain else ""
    return before + named


def _count(numeral: str) -> int | None:
    value = read_numeral(numeral)
    return None if value is None else int(value)


def check_pairing(places: pd.DataFrame, metadata: Mapping[str, object]) -> str:
    """A warning when no place pairing of the text (``pairings`` rows) agrees with the metadata.

    Empty when one agrees, or when the text or the metadata names no pairing (the
    metadata's receiving place: ``corpus.receiving_place``).  An undirected pairing agrees
    either way round; a place inside the metadata's (a county of its prefecture, by the
    gazetteer) agrees with it, and so does one that holds it: the text's 福建省 → 宁夏
    (闽宁协作) is the programme of the metadata's 福建省 → 隆德县, not another pairing.

    >>> found = pd.DataFrame([{"donor": "吴江区", "recipient": "沿河县", "directed": True}])
    >>> check_pairing(found, {"donors": ["苏州市吴江区"], "recipient": "沿河土家族自治县"})
    ''
    >>> check_pairing(found, {"donors": ["苏州市"], "recipient": "铜仁市"})
    ''
    >>> check_pairing(found, {"donors": ["苏州市吴江区"], "recipient": "", "province": "贵州省"})
    ''
    >>> check_pairing(found, {"donors": ["雁塔区"], "recipient": "汉滨区"})
    'the text pairs 吴江区 → 沿河县; corpus.csv says 雁塔区 → 汉滨区'
    """
    donors = _listed(metadata.get("donors") or [])
    recipient = receiving_place(metadata)
    recipients = _listed(recipient)  # 张家口市、承德市、保定市: any of them
    if len(places) == 0 or not donors or not recipient:
        return ""
    for row in places.itertuples():
        forward = _agrees(row.donor, donors) and _agrees(row.recipient, recipients)
        backward = _agrees(row.recipient, donors) and _agrees(row.donor, recipients)
        if forward or (backward and not row.directed):
            return ""
    text = "; ".join(dict.fromkeys(f"{row.donor} → {row.recipient}" for row in places.itertuples()))
    return f"the text pairs {text}; corpus.csv says {'、'.join(donors)} → {recipient}"


def _listed(value: str | Iterable[str]) -> list[str]:
    """The names of a metadata field: a list, or a string of names joined by 、 ; ,."""
    if isinstance(value, str):
        return [part for part in re.split("[;；、,，]", value) if part.strip()]
    return [str(part) for part in value]


def _agrees(place: str, names: Iterable[str]) -> bool:
    """Whether ``place`` is one of ``names``, lies inside one or holds one."""
    return any(
        same_place(place, name) or _inside(place, name) or _inside(name, place) for name in names
    )


def _inside(place: str, wider: str) -> bool:
    """Whether the gazetteer puts ``place`` inside ``wider`` (its prefecture or province)."""
    units = _units(wider)
    return any(
        p.parent in units or p.province in units for p in places.lookup(tokens.simplified(place))
    )
