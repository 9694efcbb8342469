"""The gazetteer: places of any province as one token, with canonical name, level and parent (issue 14)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidlib import keywords, places, tokens

REAL = Path(__file__).parent / "data"


def _read(text: str) -> list[tuple[str, str, str, str]]:
    return [(m.name, m.canonical, m.level, m.parent) for m in places.mentions(text)]


@pytest.mark.parametrize(
    ("text", "name", "canonical", "level", "parent"),
    [
        ("黔西南州册亨县", "黔西南州", "黔西南布依族苗族自治州", "prefecture", "贵州省"),
        ("延边州和龙市", "延边州", "延边朝鲜族自治州", "prefecture", "吉林省"),
        ("紫云自治县", "紫云自治县", "紫云苗族布依族自治县", "county", "安顺市"),
        ("紫云县", "紫云县", "紫云苗族布依族自治县", "county", "安顺市"),
        ("安顺市紫云", "紫云", "紫云苗族布依族自治县", "county", "安顺市"),
        ("陕西安康", "安康", "安康市", "prefecture", "陕西省"),
        ("安康市汉滨", "汉滨", "汉滨区", "county", "安康市"),
        ("广西百色", "广西", "广西壮族自治区", "province", ""),
        ("内蒙古兴安盟扎赉特旗", "扎赉特旗", "扎赉特旗", "county", "兴安盟"),
        ("湖北仙桃市", "仙桃市", "仙桃市", "county", "湖北省"),  # directly under its province
        ("2005年襄樊市", "襄樊市", "襄樊市", "prefecture", "湖北省"),  # renamed 襄阳 in 2010
        ("深圳帮扶", "深圳", "深圳市", "prefecture", "广东省"),
    ],
)
def test_a_place_is_read_with_canonical_name_level_and_parent(text, name, canonical, level, parent):
    assert (name, canonical, level, parent) in _read(text)


@pytest.mark.parametrize(
    ("text", "parent"),
    [
        ("福建省福州市鼓楼区", "福州市"),
        ("江苏南京鼓楼区", "南京市"),
        ("鼓楼区", ""),  # four cities have one: the text does not say which
    ],
)
def test_a_name_several_units_share_takes_the_parent_the_text_names(text, parent):
    (found,) = [m for m in places.mentions(text) if m.name == "鼓楼区"]
    assert (found.level, found.parent) == ("county", parent)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("世界和平与发展", "和平"),  # a county's short name that is a common word
        ("走进喀什古城", "古城"),  # 古城区 is in Lijiang
        ("双峰片的两个村", "双峰"),  # 双峰县 is in Hunan
        ("城区和郊区", "城区"),  # two-character districts are common nouns
        ("矿区", "矿区"),
        ("宝山区投下真金白银，帮助师宗县", "白银"),  # an idiom, not 白银市 of 甘肃
        ("恩施全州88个乡镇", "全州"),  # the whole prefecture, not 全州县 of 广西
    ],
)
def test_a_word_that_only_looks_like_a_place_is_none(text, word):
    assert word not in [m.name for m in places.mentions(text)]


def test_a_county_short_name_is_read_when_the_text_names_its_prefecture_or_a_sibling():
    assert ("西和", "西和县") in [
        (m.name, m.canonical) for m in places.mentions("陇南市西和、礼县")
    ]
    assert ("龙华", "龙华区") in [(m.name, m.canonical) for m in places.mentions("深圳龙华")]
    assert ("西和", "西和县") in [(m.name, m.canonical) for m in places.mentions("西和、礼县")]
    assert "西和" not in [m.name for m in places.mentions("西和的山")]


@pytest.mark.parametrize(
    ("text", "township", "county"),
    [
        ("汉滨区晏坝镇", "晏坝镇", "汉滨区"),
        ("册亨县者楼街道", "者楼街道", "册亨县"),
        ("在紫云县火花乡开展", "火花乡", "紫云苗族布依族自治县"),
        ("丹凤县棣花镇", "棣花镇", "丹凤县"),
        ("通渭县常家河镇与福清市结对", "常家河镇", "通渭县"),  # 常 alone is an adverb
        ("汉源县九襄镇", "九襄镇", "汉源县"),  # a numeral starts the name
    ],
)
def test_a_township_after_a_county_is_one_token_and_a_place(text, township, county):
    assert township in tokens.tokenize(text)
    assert (township, township, "township", county) in _read(text)


@pytest.mark.parametrize(
    "text", ["丹凤县城乡统筹", "汉滨区各乡镇", "汉滨区重点镇建设", "册亨县乡村振兴"]
)
def test_words_after_a_county_that_are_not_a_township_stay_as_they_were(text):
    assert not [m for m in places.mentions(text) if m.level == "township"]


@pytest.mark.parametrize(
    ("text", "township"),
    [
        ("高山镇立足镇情，发展茶叶产业。", "高山镇"),
        ("三年来，药山镇建成扶贫车间3个。", "药山镇"),
    ],
)
def test_a_township_the_segmenter_cut_is_one_word_wherever_it_stands(text, township):
    assert township in tokens.tokenize(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("帮助老乡增收。", "老乡"),
        ("推进城镇建设。", "城镇"),
        ("组织企业赴新乡考察。", "新乡"),  # a city of the gazetteer
        ("农民工能返乡就业。", "返乡"),
    ],
)
def test_common_words_and_places_in_xiang_or_zhen_are_not_joined(text, word):
    assert word in tokens.tokenize(text)


def test_every_form_of_the_gazetteer_is_one_token_on_its_own():
    table = places.gazetteer()
    assert {"province", "prefecture", "county"} == set(table["level"])
    assert table["canonical"].nunique() > 3000
    kept = table[~table["name"].map(tokens.is_common_word)]
    split = [name for name in kept["name"].unique() if tokens.tokenize(name) != [name]]
    assert not split


def test_a_report_in_traditional_characters_is_read_as_its_simplified_spelling():
    found = _read("隴南市西和縣")
    assert found == [
        ("隴南市", "陇南市", "prefecture", "甘肃省"),
        ("西和縣", "西和县", "county", "陇南市"),
    ]


def test_places_table_counts_each_name_as_written():
    table = places.places(
        "黔西南州与惠州\n惠城区帮扶册亨县。惠州市、黔西南布依族苗族自治州和册亨县签约。"
    )
    assert list(table.columns) == places.PLACE_COLUMNS
    counts = dict(zip(table["name"], table["count"], strict=True))
    assert counts["册亨县"] == 2 and counts["黔西南州"] == 1 and counts["惠州"] == 1
    canonical = dict(zip(table["name"], table["canonical"], strict=True))
    assert canonical["黔西南州"] == canonical["黔西南布依族苗族自治州"]
    assert canonical["惠州"] == canonical["惠州市"] == "惠州市"
    assert places.places("").empty


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        ("标题\n惠州市帮扶册亨。惠州与册亨县签约。", "惠州", "惠州市"),
        ("标题\n黔西南州与黔西南布依族苗族自治州。", "黔西南州", "黔西南布依族苗族自治州"),
        ("标题\n安康市汉滨区。汉滨茶叶。", "汉滨", "汉滨区"),
        ("标题\n江苏帮扶陕西，陕西省。", "陕西", "陕西省"),
    ],
)
def test_keyword_tables_merge_short_and_full_place_names_for_any_place(text, short, full):
    docs = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    table = keywords.terms(docs)
    assert set(table.loc[table["surface"] == short, "term"]) == {full}
    counts = keywords.frequencies(docs).set_index("term")["count"]
    written = table["surface"].isin([short, full]).sum()
    assert short not in counts.index and counts[full] == written
    assert "place" in set(keywords.merges(docs)["rule"])


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet="安康市汉滨区晏坝镇陕西紫云县黔西南州鼓楼乡城和平，。、\n abc12", max_size=40)
)
def test_mentions_never_raise_and_name_what_the_text_writes(text):
    for mention in places.mentions(text):
        assert text[mention.start : mention.end] == mention.name
        assert mention.level in places.LEVELS
    assert list(places.places(text).columns) == places.PLACE_COLUMNS


def test_corpus_places_has_every_report_and_merges_short_forms():
    from aidlib.corpus import load_corpus
    from aidlib.places import corpus_places

    table = corpus_places(load_corpus())
    assert set(table["doc_id"]) == {"yanta-hanbin", "beilin-danfeng"}
    hanbin = table[(table["doc_id"] == "yanta-hanbin") & (table["canonical"] == "汉滨区")]
    assert set(hanbin["name"]) == {"汉滨区", "汉滨"}
    assert corpus_places(load_corpus().subset([])).empty


def test_merged_place_names_are_the_same_at_every_run(tmp_path):
    """``terms.merged`` reads places in text order: a report's terms must not depend on
    the hash seed (a set's order), as 北川 / 北川羌族自治县 did in a real report."""
    text = (REAL / "heldout" / "raw" / "h2-sichuan-shandong-beichuan-rebuild.txt").read_text(
        encoding="utf-8"
    )
    words = tmp_path / "words.json"
    words.write_text(json.dumps(tokens.segment(text)[0], ensure_ascii=False), encoding="utf-8")
    script = (
        "import json, sys; from aidlib import terms; "
        "print(json.dumps(terms.merged(json.load(open(sys.argv[1], encoding='utf-8'))), "
        "sort_keys=True))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script, str(words)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "4")
    }
    assert len(runs) == 1


def test_a_place_read_across_a_word_end_is_no_place():
    # 乡镇及以上城区: 以上 + 城区, not 以 + 上城区 (杭州); 上城区 itself stays a place
    names = [m.name for m in places.mentions("实现乡镇及以上城区4G全覆盖。杭州市上城区结对帮扶。")]
    assert names == ["杭州市", "上城区"]
    assert tokens.tokenize("县级以上城区") == ["县级", "以上", "城区"]


def test_a_prefecture_that_is_a_common_word_is_read_in_a_list_of_prefectures():
    named = {
        m.canonical for m in places.mentions("深圳、青岛、大连、宁波4个计划单列市对口帮扶贵州。")
    }
    assert {"深圳市", "青岛市", "大连市", "宁波市"} <= named
    assert "大连市" not in {m.canonical for m in places.mentions("大连续三年增收。")}


@pytest.mark.parametrize(
    ("text", "townships"),
    [
        ("作为汶川县旅游重镇三江乡的代表。", []),  # 重镇: a kind of town
        ("陕西省洛南县美丽乡村建设加快。", []),  # 乡村: the countryside
        ("芒市西山乡村民唐弄兰没想到。", ["西山乡"]),  # 村民 of 西山乡
        ("汉滨区晏坝镇村干部。", ["晏坝镇"]),
    ],
)
def test_a_kind_of_town_or_the_countryside_is_no_township(text, townships):
    found = [m.name for m in places.mentions(text) if m.level == "township"]
    assert found == townships


def test_a_unit_written_with_its_parent_as_one_word_and_a_new_district_by_its_stem():
    found = [
        (m.name, m.canonical, m.parent)
        for m in places.mentions("上海市浦东新区对口帮扶大理州，浦东累计投入资金。")
    ]
    assert ("上海市浦东新区", "浦东新区", "上海市") in found
    assert ("浦东", "浦东新区", "上海市") in found


def test_a_county_whose_short_form_is_a_common_verb_is_a_place_only_beside_another():
    text = "天津与甘南州开展全面合作，签订合作协议。援建西藏那曲地区及那曲、比如、嘉黎三县。"
    names = [(text[m.start : m.end], m.canonical) for m in places.mentions(text)]
    assert ("合作", "合作市") not in names
    assert ("比如", "比如县") in names


def test_a_place_before_its_party_committee_or_government_is_read():
    # jieba keeps 大连市委 and 北京市人民政府 one word each; the place is the one acting
    text = "代表大连市委、市政府致辞。北京市人民政府与宁波市签署协议。"
    assert [m.canonical for m in places.mentions(text)] == ["大连市", "北京市", "宁波市"]
