"""Numerals: cn2an's own test vectors, and the intervals qualifiers make."""

import json
import math
import re
from decimal import Decimal
from pathlib import Path

import pytest

from aidlib.money import extract_money
from aidlib.numerals import interval, number_phrase, read_number_phrase, read_numeral

CASES = json.loads((Path(__file__).parent / "data" / "peer_numeral_cases.json").read_text("utf-8"))


def by_mode(*modes: str) -> list[dict]:
    return [case for case in CASES if case["mode"] in modes]


@pytest.mark.parametrize(
    "case",
    by_mode("strict", "normal", "inverted-an2cn-low", "inverted-an2cn-up"),
    ids=lambda case: case["input"],
)
def test_chinese_numeral(case):
    value = read_numeral(case["input"])
    if case["expected"] == "error":
        assert value is None
    else:
        assert value is not None and float(value) == pytest.approx(case["expected"], abs=1e-15)


def read_phrase(text: str) -> float | None:
    """A number phrase (numeral + magnitude) read whole, as extraction does; None otherwise."""
    match = re.fullmatch(number_phrase(), text)
    if match is None:
        return None
    parts = match.group("num", "mag", "more", "mag2", "sub", "submag")
    read = read_number_phrase(*(part or "" for part in parts))
    return None if read is None else read[0]


#: cn2an "smart" forms that mix Arabic digits inside a Chinese numeral, or are negative:
#: reports do not write amounts so; aidlib must then read nothing rather than a wrong number.
#: A smaller part with its own magnitude after 万 or 亿 (100万三千, 1万2千) is read.
MIXED_OR_NEGATIVE = re.compile(
    r"^-|[0-9][百千万亿零](?![0-9一二三四五六七八九两]{1,4}[十百千万]$)[0-9零一二三四五六七八九]|点[0-9]"
)


@pytest.mark.parametrize("case", by_mode("smart"), ids=lambda case: case["input"])
def test_arabic_numeral_with_magnitude(case):
    value = read_phrase(case["input"])
    if case["expected"] == "error" or MIXED_OR_NEGATIVE.search(case["input"]):
        assert value is None
    else:
        assert value == pytest.approx(case["expected"])


@pytest.mark.parametrize("case", by_mode("inverted-an2cn-rmb"), ids=lambda case: case["input"])
def test_cheque_form_amount(case):
    mentions = extract_money(case["input"])
    if case["input"].startswith("负") or not re.search("[元圆]", case["input"]):
        assert mentions.empty  # negative amounts, or 角/分 with no 元: not read
    else:
        assert mentions["mention"].tolist() == [case["input"]]
        assert mentions.iloc[0]["value_yuan"] == pytest.approx(case["expected"])


@pytest.mark.parametrize(
    ("written", "qualifier", "low", "high"),
    [
        (("370", "", "余", "万"), "more_than", 3_700_000, 3_800_000),
        (("20", "", "余", "万"), "more_than", 200_000, 300_000),
        (("9.25", "", "余", "万"), "more_than", 92_500, 92_600),
        (("3", "千", "多", "万"), "more_than", 30_000_000, 40_000_000),
        (("225", "", "", "万"), "nearly", 2_000_000, 2_250_000),
        (("2000", "", "", ""), "nearly", 1800, 2000),
        (("19", "", "", "万"), "nearly", 170_000, 190_000),
        (("1000", "", "", "万"), "over", 10_000_000, math.inf),
        (("50", "", "", "万"), "about", 450_000, 550_000),
    ],
)
def test_interval_rules(written, qualifier, low, high):
    assert interval(*read_number_phrase(*written), qualifier) == pytest.approx((low, high))


def test_read_numeral_is_exact_decimal():
    assert read_numeral("9.25") * 10_000 == Decimal("92500")
