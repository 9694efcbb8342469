"""Document structure on the two seed reports, as the foundation issue fixes it."""

import pytest

from aidlib.corpus import DEFAULT_DATA_DIR
from aidlib.structure import LEAD_SECTION, parse, sentence_spans


@pytest.fixture(scope="module")
def yanta():
    return parse((DEFAULT_DATA_DIR / "raw" / "yanta-hanbin.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def beilin():
    return parse((DEFAULT_DATA_DIR / "raw" / "beilin-danfeng.txt").read_text(encoding="utf-8"))


def test_yanta_front_matter(yanta):
    assert yanta.title == "他乡亦故乡 携手奔小康"
    assert yanta.subtitle.startswith("西安市雁塔区、西安航天基地、安康市汉滨区")
    assert yanta.byline == "记者 来庆琳 王拥 通讯员 崔伟峰"


def test_yanta_captions_are_three_before_the_title_and_four_after_the_body(yanta):
    kinds = [block.kind for block in yanta.blocks]
    title_at = kinds.index("title")
    last_paragraph = max(i for i, kind in enumerate(kinds) if kind == "paragraph")
    assert kinds[:title_at] == ["caption"] * 3
    assert kinds[last_paragraph + 1 :] == ["caption"] * 4
    assert len(yanta.captions) == 7
    body = "".join(block.text for block in yanta.body)
    assert not any(caption in body for caption in yanta.captions)


def test_yanta_headings_joins_and_truncation(yanta):
    assert [h.text for h in yanta.headings] == [
        "对口帮扶机制“三区两地”喜联姻",
        "倾心聚力促就业 钱要花在刀刃上",
        "兴产业促消费 携手合作硕果丰",
        "力促民生改善 对口帮扶发新枝",
    ]
    assert {h.level for h in yanta.headings} == {1}
    assert yanta.page_break_joins == 1
    assert [b.text[-8:] for b in yanta.truncated] == ["西安市雁塔区和西安航天基地"[-8:]]
    assert yanta.truncated[0].section == "倾心聚力促就业 钱要花在刀刃上"


def test_beilin_title_and_subtitle_come_from_the_first_line(beilin):
    assert beilin.title == "对口帮扶显成效 乡村振兴开新局"
    assert beilin.subtitle == "碑林对口帮扶丹凤工作纪实"
    assert beilin.byline == "" and beilin.captions == []


def test_beilin_has_fifteen_headings_in_three_top_level_sections(beilin):
    assert len(beilin.headings) == 15
    assert [h.text for h in beilin.headings if h.level == 1] == [
        "高位推进 统筹布局",
        "聚焦重点 精准施策",
        "多措并举 智志双扶",
    ]
    assert [h.text for h in beilin.headings if h.level == 2] == [
        "建立健全“三项机制”",
        "着力打造“三驾马车”",
        "全面深化“三项扶持”",
    ]
    assert beilin.page_break_joins == 1 and beilin.truncated == []
    sections = [p.section for p in beilin.paragraphs]
    assert sections[:4] == [LEAD_SECTION] * 4
    assert sections[-1] == "多措并举 智志双扶"
    deepest = next(p for p in beilin.paragraphs if "9.25万元" in p.text)
    assert deepest.path == ("多措并举 智志双扶", "全面深化“三项扶持”", "深化社会帮扶")


@pytest.mark.parametrize("name", ["yanta", "beilin"])
def test_offsets_point_into_the_normalised_text(name, request):
    doc = request.getfixturevalue(name)
    assert all(doc.text[b.start : b.end] == b.text for b in doc.blocks)
    assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)
    joined = "".join(s.text for s in doc.sentences)
    assert joined == "".join(p.text for p in doc.paragraphs), "sentences cover every paragraph"


def test_sentences_split_after_closing_quotes():
    text = "他说：“过去很辛苦。现在轻松了许多。”张德安笑了。真的？是的！"
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "他说：“过去很辛苦。",
        "现在轻松了许多。”",
        "张德安笑了。",
        "真的？",
        "是的！",
    ]


def test_frames_have_stable_columns(yanta):
    assert list(yanta.blocks_frame().columns) == [
        "index",
        "kind",
        "text",
        "start",
        "end",
        "line",
        "level",
        "section",
        "path",
        "truncated",
        "rule",
    ]
    assert list(yanta.sentences_frame().columns) == [
        "index",
        "paragraph",
        "section",
        "text",
        "start",
        "end",
    ]
