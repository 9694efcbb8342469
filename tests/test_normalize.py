"""Normalisation repairs the known defects and reports each one."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidlib.corpus import DEFAULT_DATA_DIR
from aidlib.normalize import normalize


def seed(name: str) -> str:
    return (DEFAULT_DATA_DIR / "raw" / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("安排部署,自2019年6月起,西安", "安排部署，自2019年6月起，西安"),
        ("60万元;牵线", "60万元；牵线"),
        ("最大化“变现”?", "最大化“变现”？"),
        ("召开15次党(工)委会议", "召开15次党（工）委会议"),
        ("原因:资金", "原因：资金"),
        ("“3+2”模式提供8-12个岗位,捐赠9.25万元", "“3+2”模式提供8-12个岗位，捐赠9.25万元"),
        ("共3,000元 (USD 400)", "共3,000元 (USD 400)"),
        ("成立 7 个帮扶团", "成立7个帮扶团"),
        ("采购协议 700 万元", "采购协议700万元"),
        ("达 20 余万元", "达20余万元"),
        ("他乡亦故乡 携手奔小康", "他乡亦故乡 携手奔小康"),
        ("记者 来庆琳 王拥 通讯员 崔伟峰", "记者 来庆琳 王拥 通讯员 崔伟峰"),
        ("投入１２０万元", "投入120万元"),
        ('打造"一体两翼"机制', "打造“一体两翼”机制"),
        # a mirror site's pinyin gloss after a character is dropped; other brackets stay
        ("投資150萬（wàn）元建設(shè)項（xiàng）目", "投資150萬元建設項目"),
        ("方案（a）和附件（b）", "方案（a）和附件（b）"),
        ("Wang (wáng) 先生", "Wang (wáng) 先生"),
    ],
)
def test_line_repairs(raw, expected):
    assert normalize(raw).text == expected


def test_a_dropped_pinyin_gloss_is_reported_with_its_line():
    fixes = normalize("标题\n\n东西部协（xié）作").fixes
    assert fixes.values.tolist() == [["pinyin_gloss", 3, "东西部协（xié）作", "东西部协作"]]


def test_every_change_is_reported_with_its_line():
    fixes = normalize("标题\n\n召开 9 次联席会议,研究对策。").fixes
    assert fixes[["kind", "line"]].values.tolist() == [["punctuation", 3], ["space", 3]]
    assert fixes.loc[1, "before"] == "召开 9 次联席会" and fixes.loc[1, "after"] == "召开9次联席会"


def test_yanta_page_break_is_joined_and_truncation_kept_and_reported():
    result = normalize(seed("yanta-hanbin"))
    assert "投入超过60万元；" in result.text
    joins = result.fixes[result.fixes["kind"] == "page_break_join"]
    assert joins["line"].tolist() == [67]
    truncated = result.fixes[result.fixes["kind"] == "truncated"]
    assert truncated["line"].tolist() == [43]
    assert "西安市雁塔区和西安航天基地\n结合汉滨实际" in result.text, "kept, not glued"


def test_beilin_page_break_is_joined():
    result = normalize(seed("beilin-danfeng"))
    assert "医疗、文化、科技" in result.text
    assert result.fixes["kind"].value_counts().to_dict() == {"space": 18, "page_break_join": 1}
    assert "7个帮扶团" in result.text and "10844名贫困劳动力" in result.text


def test_headings_and_captions_are_not_joined_or_flagged():
    text = "高位推进 统筹布局\n\n建立健全“三项机制”\n\n碑林始终站在政治和全局的高度，建立三项工作机制。"
    result = normalize(text)
    assert result.text.split("\n") == [
        "高位推进 统筹布局",
        "建立健全“三项机制”",
        "碑林始终站在政治和全局的高度，建立三项工作机制。",
    ]
    assert result.fixes.empty


@pytest.mark.parametrize("name", ["yanta-hanbin", "beilin-danfeng"])
def test_normalising_twice_changes_nothing_more(name):
    once = normalize(seed(name))
    twice = normalize(once.text)
    assert twice.text == once.text
    assert set(twice.fixes["kind"]) <= {"truncated"}


def test_crlf_and_bom_give_the_same_text():
    raw = seed("beilin-danfeng")
    assert normalize("\ufeff" + raw.replace("\n", "\r\n")).text == normalize(raw).text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("投入100\u00a0万元", "投入100万元"),
        ("投入100\u2009万元", "投入100万元"),
        ("投入100\u3000万元", "投入100万元"),
        ("投入1\u00a0000万元", "投入1000万元"),
        ("投入1\u202f000\u202f000元", "投入1000000元"),
        ("资金\t20\u2002亿元", "资金20亿元"),
        ("高位推进\u3000统筹布局", "高位推进 统筹布局"),
        ("\u00a0\u3000标题\u200b", "标题"),
    ],
)
def test_every_unicode_space_is_read_alike(raw, expected):
    assert normalize(raw).text == expected


@pytest.mark.parametrize(
    "line",
    [
        "本报讯 6月3日，",
        "2021-05-12 09:30 来源：某某日报",
        "5月12日 09:30 来源：新华网",
        "新华社电 12月1日",
    ],
)
def test_dateline_separators_are_not_typing_defects(line):
    result = normalize(line)
    assert result.text == line and result.fixes.empty


@pytest.mark.parametrize(
    "paragraph",
    [
        "会议在银川召开。（记者 李佩珊）",
        "签约项目12个。 (中国妇女报记者 王瑞欣/叶方杰)",
        "活动圆满结束。（完）",
    ],
)
def test_a_closing_bracket_does_not_make_a_paragraph_truncated(paragraph):
    assert "truncated" not in set(normalize(paragraph).fixes["kind"])


@pytest.mark.parametrize(
    "line",
    [
        "图为凌云县一扶贫车间员工在生产线上劳作。 朱洪波 摄",  # a caption closed by its credit
        "发布时间：2020-12-16 08:47:00来源：新华社，编辑：张三",  # furniture
        "2022-02-25 05:58:47    来源：中工网-工人日报，工人日报客户端",  # a page's stamp
        "版权所有：江苏省老区开发促进会、江苏省扶贫基金会、江苏省扶贫开发协会",
    ],
)
def test_captions_stamps_and_furniture_are_not_reported_cut_off(line):
    assert "truncated" not in set(normalize(f"两地开展帮扶工作。\n{line}").fixes["kind"])


@pytest.mark.parametrize(
    "cut_off, next_line",
    [
        ("冉江陵 摄", "在消费端，聊城市组织企业采购"),  # a photo credit: 摄在 is a word
        ("2018年，省财政提", "原标题：福建提高援宁资金补助标准"),  # the next line is furniture
        ("责编：周利宏", "原标题：截至今年"),
        ("发布时间：2022-12-16", "12月15日，三乡镇举行捐赠仪式。"),  # digits across the break
        ("京ICP备12040089号", "京公网安备11010802040089号"),
    ],
)
def test_no_page_break_is_joined_into_furniture_a_credit_or_a_number(cut_off, next_line):
    text = normalize(f"两地开展帮扶工作。{cut_off}\n\n{next_line}").text
    assert text.splitlines()[-1] == next_line


@pytest.mark.parametrize("text", ["太好了!!", '"百":', "((中))", "你好,,世界", "5, 中", "a!?中"])
def test_normalising_twice_changes_nothing_on_runs_of_punctuation(text):
    once = normalize(text).text
    assert normalize(once).text == once


_PIECES = st.sampled_from(
    list(
        "中文百万元讯电年月日.,;:!?()\"'“”（）—-。！？：，、 \u00a0\u2009\u3000\t\n\r019１ａ\u200b\ufeff"
    )
)


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(st.characters(exclude_categories=())), st.lists(_PIECES, max_size=40).map("".join)
    )
)
def test_normalize_is_idempotent_on_any_text(text):
    once = normalize(text).text
    assert normalize(once).text == once


def test_a_words_pinyin_gloss_and_a_gloss_with_a_space_are_dropped():
    assert (
        normalize("津陇共(jīnlǒnggòng)振兴，乡村(xiāngcūn)建设。").text == "津陇共振兴，乡村建设。"
    )
    assert normalize("社會（huì ）力量").text == "社會力量"


def test_a_comma_a_copying_site_put_before_another_mark_is_dropped_and_reported():
    normalized = normalize("近年來,,兩地做到“所需,、所能”,走出新路子,。")
    assert normalized.text == "近年來，兩地做到“所需、所能”，走出新路子。"
    dropped = [(before, after) for _, _, before, after in normalized.fix_rows[-3:]]
    assert dropped == [
        ("近年來，，兩地做", "近年來，兩地做"),
        ("到“所需，、所能”", "到“所需、所能”"),
        ("出新路子，。", "出新路子。"),
    ]


def test_a_character_lost_in_glossing_is_marked_not_read_as_a_question():
    normalized = normalize("成為當?shù)貜娪辛Φ的引擎。來源：光明日?qǐng)?bào)客戶端")
    assert normalized.text == "成為當□貜娪辛Φ的引擎。來源：光明日□□客戶端"
    assert [kind for kind, *_ in normalized.fix_rows][:3] == ["lost_character"] * 3
    assert normalize("他说?好吗?").text == "他说？好吗？"  # a question mark stays one
