"""Property tests: any well-formed amount reads to the right interval; nothing crashes."""

import math
import re
import warnings
from decimal import ROUND_FLOOR, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidlib import money
from aidlib.money import UnreadableNumberWarning, extract_money, extract_quantities
from aidlib.numerals import PREFIX_QUALIFIERS

FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")

integers = st.integers(min_value=1, max_value=999_999).map(str)
decimals = st.builds(
    lambda whole, fraction: f"{whole}.{fraction}".rstrip("0"),
    st.integers(min_value=0, max_value=9999),
    st.integers(min_value=1, max_value=99).map(lambda n: f"{n:02d}"),
)
numbers = st.one_of(integers, decimals)
spaces = st.sampled_from(["", " ", "  ", "\u3000"])
before = st.sampled_from(["", "共", "拨付", "捐赠了", "项目"])
after = st.sampled_from(["", "。", "，用于建设。"])


def last_digit_unit(written: str) -> Decimal:
    """One unit of the last written non-zero digit: 370 → 10, 9.25 → 0.01."""
    if "." in written:
        return Decimal(1).scaleb(-len(written.split(".")[1]))
    return Decimal(10) ** (len(written) - len(written.rstrip("0")))


def two_figures_down(value: Decimal) -> Decimal:
    exponent = value.adjusted() - 1
    return value.scaleb(-exponent).to_integral_value(rounding=ROUND_FLOOR).scaleb(exponent)


def expected_interval(template: str, written: str) -> tuple[str, float, float]:
    n = Decimal(written)
    wan, yi = Decimal(10**4), Decimal(10**8)
    if template == "N万元":
        return "exact", float(n * wan), float(n * wan)
    if template == "N余万元":
        return "more_than", float(n * wan), float((n + last_digit_unit(written)) * wan)
    if template == "近N万元":
        return "nearly", float(two_figures_down(Decimal("0.9") * n * wan)), float(n * wan)
    return "over", float(n * yi), math.inf


PARTS = {
    "N万元": ["{n}", "万", "元"],
    "N余万元": ["{n}", "余", "万", "元"],
    "近N万元": ["近", "{n}", "万", "元"],
    "超过N亿元": ["超过", "{n}", "亿", "元"],
}


@settings(max_examples=300, deadline=None)
@given(
    template=st.sampled_from(list(PARTS)),
    written=numbers,
    full_width=st.booleans(),
    gaps=st.lists(spaces, min_size=3, max_size=3),
    left=before,
    right=after,
)
def test_any_written_amount_reads_to_its_interval(template, written, full_width, gaps, left, right):
    shown = written.translate(FULL_WIDTH) if full_width else written
    parts = [part.format(n=shown) for part in PARTS[template]]
    amount = parts[0] + "".join(gap + part for gap, part in zip(gaps, parts[1:], strict=False))
    text = left + amount + right
    mentions = extract_money(text)
    assert mentions["mention"].tolist() == [amount]
    row = mentions.iloc[0]
    assert text[row["start"] : row["end"]] == amount
    qualifier, low, high = expected_interval(template, written)
    assert row["qualifier"] == qualifier
    assert row["value_yuan"] == pytest.approx(low, rel=1e-12)
    assert row["value_yuan_high"] == pytest.approx(high, rel=1e-12)


filler = st.text(alphabet="的了在和是为有帮扶资金项目，。", max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    malformed=st.sampled_from(
        ["1..2万元", "万元", "余万元", "１．．２万元", "3.4.5万元", "近余万元"]
    ),
    left=filler,
    right=filler,
)
def test_a_malformed_number_gives_no_mention_and_no_crash(malformed, left, right):
    assert extract_money(left + malformed + right).empty


noisy = st.text(
    alphabet="0123456789０１２.．,，-~ 万亿千百十余多近超过约左右以上元人个名次一二三两十百万每月/户年第%。；",
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(text=noisy)
def test_arbitrary_text_never_crashes_and_mentions_are_consistent(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnreadableNumberWarning)
        money = extract_money(text, doc_id="fuzz")
        counts = extract_quantities(text, doc_id="fuzz")
    for row in money.itertuples():
        assert text[row.start : row.end] == row.mention
        assert 0 <= row.value_yuan <= row.value_yuan_high
    for row in counts.itertuples():
        assert text[row.start : row.end] == row.mention
        assert 0 <= row.value <= row.value_high


#: Money and quantity mentions with every qualifier, between pieces that may stop them.
mention = st.tuples(
    st.sampled_from(["", *PREFIX_QUALIFIERS]),
    st.sampled_from(["", " "]),
    st.sampled_from(["3", "12", "１", "0.5", "两", "十", "廿", "壹", "〇"]),
    st.sampled_from(["元", "万元", "亿元", "人", "个", "名"]),
).map("".join)
stop = st.sampled_from(list("第数几负年月余多.．,-~ ，"))
mentions_and_more = st.lists(st.one_of(mention, stop), max_size=10).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(noisy, mentions_and_more))
def test_the_scan_that_skips_to_possible_starts_finds_every_regex_match(text):
    for pattern, from_start in (
        (money._MONEY, money._MONEY_FROM_START),
        (money._QUANTITY, money._QUANTITY_FROM_START),
    ):
        found = [match.span() for match in from_start.finditer(text)]
        assert found == [match.span() for match in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(noisy, mentions_and_more))
def test_the_money_scan_near_yuan_wan_yi_finds_every_mention_that_holds_one(text):
    anchored = [m.span() for m in money._MONEY.finditer(text) if money._ANCHOR.search(m.group())]
    assert [
        m.span() for m in money._money_matches(text) if money._ANCHOR.search(m.group())
    ] == anchored


@settings(max_examples=400, deadline=None)
@given(
    words=st.sets(st.text(alphabet="社会帮扶产业", min_size=1, max_size=4), min_size=1, max_size=8),
    text=st.text(alphabet="社会帮扶产业，", max_size=30),
    window=st.tuples(st.integers(0, 30), st.integers(0, 30)),
)
def test_the_cue_word_trie_matches_as_the_words_joined_longest_first(words, text, window):
    joined = re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))
    trie = money._word_pattern(tuple(words))
    assert [m.span() for m in trie.finditer(text, *window)] == [
        m.span() for m in joined.finditer(text, *window)
    ]
