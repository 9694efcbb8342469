"""Numbers as the reports write them, and the interval a qualifier makes of them.

A *number phrase* is a numeral (Arabic, half- or full-width, or Chinese, read
with ``cn2an``) with optional magnitude words (十 百 千 万 亿) and an optional
余/多 ("and more").  ``read_number_phrase`` turns the parts a regular expression
matched into a value and the step that 余/多 adds; ``interval`` turns a value, a
step and a qualifier into a (low, high) pair.

Rules (they are the documented meaning of every interval aidlib reports):

- ``exact``: (N, N).
- ``more_than`` (余/多, 几 after 十): (N, N + step). The step is one unit of the last
  non-zero digit written before 余 (``370余万`` → step 10万, so 370万–380万;
  ``11余万`` → 11万–12万; ``3千多万`` → 3000万–4000万; ``十几万`` → 10万–20万;
  a bare magnitude: ``百余万`` → 100万–200万, ``万余`` → 10,000–20,000); when 余 follows a
  magnitude word, one unit of the last digit written, times that word (``1200万余`` →
  1200万–1201万, ``3.6万余`` → 3.6万–3.7万, ``52.38万余`` → 52.38万–52.39万).
- ``over`` (超过/逾/超/多于/高于/大于) and ``at_least`` (不低于/不少于/至少/以上/及以上):
  (N, inf): the text gives no upper bound, so the high end is ``math.inf``
  (never NaN, which would mean "unknown").
- ``nearly`` (近/将近/接近): (0.9 N rounded down to two significant figures, N):
  "just under N" read as within about 10 % (``近225万`` → 200万–225万,
  ``近2000`` → 1800–2000).
- ``about`` (约/大约/左右/上下): (0.9 N, 1.1 N).
- ``at_most`` (不超过/不高于/不多于/不大于/不足/不到/少于/低于/至多/最多/最高/以下/以内):
  (0, N): a cap (每人最高补助10万元) as much as a bound.
- ``several`` (数/几 before a bare magnitude: 数百万, 几十万): (N, 10 N), as JioNLP reads them.
- A bare magnitude after 近 (近千万) is ``nearly``; after 上/过/破/突破/超/逾 (上亿, 首破百亿)
  ``over``; after 不足/不到/不满/不过/不超过 (人均收入不足千元, 不过万元) ``at_most``.
- 约 with 余/多 (约500多万) is ``more_than``: 多 bounds it, 约 adds nothing.
- ``range`` (``8-12``, ``1万至5万``): (first, second); a first number without a
  magnitude word takes the second's (``10~15万`` → 10万–15万). Two adjacent digit words
  are a range too (``四五万`` → 4万–5万, ``三四百万`` → 300万–400万: ``adjacent_numerals``).

>>> interval(*read_number_phrase("370", "", "余", "万"), "more_than")
(3700000.0, 3800000.0)
>>> interval(*read_number_phrase("２２５", "", "", "万"), "nearly")
(2000000.0, 2250000.0)
>>> read_number_phrase("1..2", "", "", "万") is None
True
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

#: Any Unicode space but a line end (reports and their normalisation may leave any kind).
SPACE = r"[^\S\n]"

#: Arabic numeral, half- or full-width, with optional decimals and thousands separators: a
#: space between groups of three (``1 000``), or commas, taken whole even when malformed
#: (``12,34``) so that ``read_numeral`` refuses the number instead of reading a piece of it.
ARABIC = (
    rf"(?:[0-9０-９]{{1,3}}(?:{SPACE}[0-9０-９]{{3}}(?![0-9０-９]))+|[0-9０-９]+(?:[,，][0-9０-９]+)*)"
    r"(?:[.．][0-9０-９]+)?"
)

#: Chinese numeral: starts with a digit word, or is a bare 百, 千 or 万 before 余/多
#: (百余万 is 100万–200万, 万余 10,000–20,000; a bare magnitude alone is not a numeral).
CHINESE = (
    r"(?:[零〇一二两兩三四五六七八九十壹贰貳叁參肆伍陆陸柒捌玖拾廿]"
    r"[零〇一二两兩三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億点]*"
    r"|[百千万佰仟萬](?=[余多]))"
)

#: The characters a numeral can start with (a regex character-class body).
NUMERAL_START = "0-9０-９零〇一二两兩三四五六七八九十壹贰貳叁參肆伍陆陸柒捌玖拾廿百千万佰仟萬"

_NUMERAL_CHAR = (
    "0-9０-９.．零〇一二两兩三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億廿"
)

#: A whole numeral, not a piece of a longer or malformed one (``1..2``, ``3.4.5``), nor
#: the end of a vague one (数十亿, 几十万: no number is read from those).
NUMERAL = rf"(?<![{_NUMERAL_CHAR}数几负])(?:{ARABIC}|{CHINESE})(?![.．]?[0-9０-９.．])"

#: Magnitude words after a numeral, longest first.
MAGNITUDES = {
    "万亿": Decimal(10**12),
    "千亿": Decimal(10**11),
    "百亿": Decimal(10**10),
    "十亿": Decimal(10**9),
    "千万": Decimal(10**7),
    "百万": Decimal(10**6),
    "十万": Decimal(10**5),
    "亿": Decimal(10**8),
    "億": Decimal(10**8),
    "万": Decimal(10**4),
    "萬": Decimal(10**4),
    "千": Decimal(10**3),
    "仟": Decimal(10**3),
    "百": Decimal(10**2),
    "佰": Decimal(10**2),
    "十": Decimal(10),
}
MAGNITUDE = "(?:" + "|".join(sorted(MAGNITUDES, key=len, reverse=True)) + ")"

#: The magnitude words a range's first end may lack and take from its second (10~15万).
LARGE_MAGNITUDE_CHARS = "万亿萬億"
LARGE_MAGNITUDE = re.compile(f"[{LARGE_MAGNITUDE_CHARS}]+$")

_SPACE = f"{SPACE}*"


#: A magnitude written with no numeral before it, after a vague word (近千万, 上亿, 数百万).
BARE_MAGNITUDE = "(?:[十百千](?:万亿|亿|万)?|万亿|亿|万)"

#: Vague words before a bare magnitude, longest first, and the qualifier each makes.
VAGUE_PREFIXES = {
    "不超过": "at_most",
    "不足": "at_most",
    "不到": "at_most",
    "不满": "at_most",
    "不过": "at_most",
    "将近": "nearly",
    "接近": "nearly",
    "近": "nearly",
    "突破": "over",
    "首破": "over",
    "超过": "over",
    "超": "over",
    "逾": "over",
    "过": "over",
    "破": "over",
    "上": "over",
    "数": "several",
    "几": "several",
}
VAGUE = "(?:" + "|".join(sorted(VAGUE_PREFIXES, key=len, reverse=True)) + ")"


def number_phrase(suffix: str = "") -> str:
    """Regex of a number phrase; groups num/mag/sub/submag/more/mag2 plus ``suffix``.

    ``sub`` and ``submag`` are a smaller part after 万 or 亿 (``1万2千``).

    >>> re.fullmatch(number_phrase(), "370 余万").group("num", "more", "mag2")
    ('370', '余', '万')
    >>> re.fullmatch(number_phrase(), "1万2千").group("num", "mag", "sub", "submag")
    ('1', '万', '2', '千')
    """
    s = suffix
    return (
        rf"(?P<num{s}>{NUMERAL}){_SPACE}(?P<mag{s}>{MAGNITUDE})?"
        rf"(?:(?<=[万亿萬億])(?P<sub{s}>[0-9０-９]{{1,4}}|[一二两三四五六七八九])"
        rf"(?P<submag{s}>{MAGNITUDE}))?"
        rf"{_SPACE}(?P<more{s}>[余多]|(?<=十)几)?{_SPACE}(?P<mag2{s}>{MAGNITUDE})?"
    )


#: Qualifier words before a number, longest first so 不超过 is not read as 超过.
PREFIX_QUALIFIERS = {
    "不低于": "at_least",
    "不少于": "at_least",
    "至少": "at_least",
    "最少": "at_least",
    "不超过": "at_most",
    "不足": "at_most",
    "不到": "at_most",
    "少于": "at_most",
    "低于": "at_most",
    "小于": "at_most",
    "至多": "at_most",
    "最多": "at_most",
    "最高": "at_most",
    "不高于": "at_most",
    "不多于": "at_most",
    "不大于": "at_most",
    "超过": "over",
    "突破": "over",
    "首破": "over",
    "多于": "over",
    "高于": "over",
    "大于": "over",
    "逾": "over",
    "超": "over",
    "将近": "nearly",
    "接近": "nearly",
    "近": "nearly",
    "大约": "about",
    "约": "about",
}

#: Qualifier words after a number (and its unit).
SUFFIX_QUALIFIERS = {
    "左右": "about",
    "上下": "about",
    "以上": "at_least",
    "以下": "at_most",
    "以内": "at_most",
    "及以上": "at_least",
    "及以下": "at_most",
}

#: Characters before 约 that make a word of it (签约, 合约, 节约, 预约, 公约 …), no "about":
#: 签约22亿元 is a deal of 22亿元, not about 22亿元.
_WORDS_ENDING_IN_YUE = "签合节预契公制条婚践赴失违履特邀相如守爽誓续解毁立定缔简隐租"
PREFIX = (
    "(?:"
    + "|".join(
        f"(?<![{_WORDS_ENDING_IN_YUE}])约" if word == "约" else word
        for word in sorted(PREFIX_QUALIFIERS, key=len, reverse=True)
    )
    + ")"
)
SUFFIX = "(?:" + "|".join(sorted(SUFFIX_QUALIFIERS, key=len, reverse=True)) + ")"

#: Marks between the two ends of a range.
RANGE_MARK = r"(?:[-~～－—–]+|至|到)"

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def read_numeral(numeral: str) -> Decimal | None:
    """The value of one numeral, Arabic or Chinese; None when it is malformed.

    >>> read_numeral("１,２００.5"), read_numeral("一千二百"), read_numeral("两千"), read_numeral("十七十八")
    (Decimal('1200.5'), Decimal('1200'), Decimal('2000'), None)
    """
    half = re.sub(r"\s", " ", numeral.translate(_FULL_WIDTH))
    if re.fullmatch(r"[0-9]{1,3}(?:(?:,[0-9]{3})+|(?: [0-9]{3})+)(?:\.[0-9]+)?", half):
        half = half.replace(",", "").replace(" ", "")
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", half):
        return Decimal(half)
    if re.search(r"[0-9]", half):  # 12,34: a separator that does not group by three
        return None
    if numeral.endswith("点"):  # 零点: a decimal point with no decimals
        return None
    if numeral in MAGNITUDES:  # 百余, 万余: the magnitude alone
        return MAGNITUDES[numeral]
    import cn2an  # 0.3 s to import: only where a Chinese numeral is read

    try:
        value = cn2an.cn2an(numeral, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


_DIGIT_VALUES = {
    word: n
    for n, words in enumerate(["", "一", "二两", "三", "四", "五", "六", "七", "八", "九"])
    for word in words
}
_ADJACENT = re.compile(
    "((?:[一二三四五六七八九]?十)?)([一二两三四五六七八])([二三四五六七八九])([十百千万亿萬億]*)"
)


def adjacent_numerals(numeral: str) -> tuple[str, str] | None:
    """The two ends of "four or five" written as two adjacent digit words (四五, 三四百,
    两三千, after tens: 十七八, 二十七八), as Chinese writes a rough amount; None for any
    other numeral.

    >>> adjacent_numerals("三四百"), adjacent_numerals("十七八"), adjacent_numerals("四十")
    (('三百', '四百'), ('十七', '十八'), None)
    """
    match = _ADJACENT.fullmatch(numeral)
    if not match or _DIGIT_VALUES[match[3]] != _DIGIT_VALUES[match[2]] + 1:
        return None
    return match[1] + match[2] + match[4], match[1] + match[3] + match[4]


def last_digit_step(value: Decimal) -> Decimal:
    """One unit of the last non-zero digit of ``value`` (370 → 10, 9.25 → 0.01, 0 → 1).

    >>> float(last_digit_step(Decimal(370))), float(last_digit_step(Decimal("9.25")))
    (10.0, 0.01)
    """
    if value == 0:
        return Decimal(1)
    return Decimal(1).scaleb(value.normalize().as_tuple().exponent)


def read_number_phrase(
    num: str, mag: str, more: str, mag2: str, sub: str = "", submag: str = ""
) -> tuple[float, float] | None:
    """(value, step of 余/多) of a number phrase's parts; None for a malformed phrase.

    ``mag`` is the magnitude word written before 余/多, ``mag2`` the one after, ``sub``
    and ``submag`` a smaller part after ``mag`` (``1万2千``); without 余/多 the step is 0.
    Malformed: a bad numeral, two magnitude words that make no number (``5亿万``,
    ``3万多万``), a smaller part not smaller than its magnitude (``1万2万``).

    >>> read_number_phrase("3", "千", "多", "万")
    (30000000.0, 10000000.0)
    >>> read_number_phrase("3.6", "万", "余", "")
    (36000.0, 1000.0)
    >>> read_number_phrase("1", "万", "", "", "2", "千"), read_number_phrase("5", "亿", "", "万")
    ((12000.0, 0.0), None)
    """
    value = read_numeral(num.strip())
    if value is None:
        return None
    before = MAGNITUDES.get(mag or "", Decimal(1))
    after = MAGNITUDES.get(mag2 or "", Decimal(1))
    if mag and mag2 and (not more or before >= after):
        return None
    total = value * before
    if sub:
        part, unit = read_numeral(sub), MAGNITUDES.get(submag or "", Decimal(1))
        if part is None or part * unit >= before:
            return None
        total += part * unit
    step = Decimal(0)
    if more:
        if sub:
            step = MAGNITUDES.get(submag or "", Decimal(1))
        elif mag:  # 3.6万余: one unit of the last digit written, times the magnitude
            step = _written_digit_unit(num) * before
        else:
            step = last_digit_step(value)
        step *= after
    return float(total * after), float(step)


def read_bare_magnitude(bare: str) -> float:
    """The value of a magnitude written alone (千万 → 1e7, 百亿 → 1e10).

    >>> read_bare_magnitude("千万"), read_bare_magnitude("亿")
    (10000000.0, 100000000.0)
    """
    if bare in MAGNITUDES:
        return float(MAGNITUDES[bare])
    return float(MAGNITUDES[bare[0]] * MAGNITUDES[bare[1:]])


def _written_digit_unit(num: str) -> Decimal:
    """One unit of the last digit written: 3.6 → 0.1, 1200 → 1 (Chinese numerals: 1)."""
    half = num.strip().translate(_FULL_WIDTH)
    if "." in half:
        return Decimal(1).scaleb(-len(half.rsplit(".", 1)[1]))
    return Decimal(1)


def qualifier_of(prefix: str, more: str, suffix: str, is_range: bool = False) -> str:
    """The qualifier a number phrase's words give: a prefix word wins, then a suffix, then 余/多.

    >>> qualifier_of("超过", "", ""), qualifier_of("", "余", ""), qualifier_of("", "", "左右")
    ('over', 'more_than', 'about')
    """
    if is_range:
        return "range"
    if prefix and more and PREFIX_QUALIFIERS[prefix] == "about":
        return "more_than"  # 约500多万: 多 says more than 500万, 约 adds nothing
    if prefix:
        return PREFIX_QUALIFIERS[prefix]
    if suffix:
        return SUFFIX_QUALIFIERS[suffix]
    return "more_than" if more else "exact"


def interval(value: float, step: float, qualifier: str) -> tuple[float, float]:
    """(low, high) for ``value`` under ``qualifier`` (rules in the module docstring).

    >>> interval(10_000_000.0, 0.0, "over")
    (10000000.0, inf)
    """
    if qualifier == "more_than":
        return value, value + step
    if qualifier in ("over", "at_least"):
        return value, math.inf
    if qualifier == "nearly":
        return _round_down_two_figures(0.9 * value), value
    if qualifier == "about":
        return 0.9 * value, 1.1 * value
    if qualifier == "at_most":
        return 0.0, value
    if qualifier == "several":
        return value, 10 * value
    return value, value


def _round_down_two_figures(value: float) -> float:
    if value <= 0:
        return 0.0
    unit = 10 ** (math.floor(math.log10(value)) - 1)
    return float(math.floor(round(value / unit, 9)) * unit)
