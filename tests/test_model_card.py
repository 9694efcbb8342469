"""Model cards on the two seed reports (values in issue 5) and on a user report with a new slogan."""

from pathlib import Path

import pandas as pd
import pytest

from aidlib.corpus import load_corpus, pairing_labels
from aidlib.model_cards import (
    COUNT_FIELDS,
    FACT_FIELDS,
    corpus_slogans,
    facts,
    is_slogan,
    model_card,
    side_by_side,
    slogans,
)
from aidlib.structure import parse

USER_REPORT = Path(__file__).parent / "data" / "user_report_new_slogan.txt"


@pytest.fixture(scope="module")
def seeds():
    corpus = load_corpus()
    return {row.doc_id: (corpus[row.doc_id], row) for row in corpus.metadata.itertuples()}


@pytest.fixture(scope="module")
def cards(seeds):
    return {doc_id: model_card(doc, row._asdict()) for doc_id, (doc, row) in seeds.items()}


@pytest.fixture(scope="module")
def user_doc():
    return parse(USER_REPORT.read_text(encoding="utf-8"))


def test_cards_copy_the_metadata_row(cards):
    yanta = cards["yanta-hanbin"]
    assert yanta["doc_id"] == "yanta-hanbin"
    assert yanta["donors"] == ["雁塔区", "西安航天基地"]
    assert yanta["recipient"] == "汉滨区"
    assert yanta["start"] == "2019-06"
    assert cards["beilin-danfeng"]["recipient"] == "丹凤县"


def test_resident_cadres_three_against_two(cards):
    assert cards["yanta-hanbin"]["resident_cadres"] == 3
    assert cards["beilin-danfeng"]["resident_cadres"] == 2


def test_helper_groups_and_pairing_below_county_level(cards):
    beilin = cards["beilin-danfeng"]
    assert beilin["helper_groups"] == 7
    assert cards["yanta-hanbin"]["helper_groups"] is None  # the report names no 帮扶团 count
    assert beilin["pairing"] == ["8个街道 ↔ 丹凤县12个镇街", "6家医院 ↔ 6家卫生院"]
    assert cards["yanta-hanbin"]["pairing"] == ["5所学校 ↔ 汉滨区4所学校"]


def test_meetings_and_agreements_counted(cards):
    yanta = cards["yanta-hanbin"]
    assert yanta["meetings"] == ["9次联席会议", "15次会议"]
    assert yanta["agreements"] == ["9个分协议", "41项帮扶事项"]
    # beilin names its meetings (常委会, 联席会议) but gives no count: nothing is invented
    assert cards["beilin-danfeng"]["meetings"] == []


def test_outcomes_and_awards(cards):
    beilin = cards["beilin-danfeng"]
    assert beilin["outcomes"] == ["丹凤县 退出贫困县序列 2020年2月"]
    assert beilin["awards"] == ["全国脱贫攻坚与精准扶贫创新优秀县（区）"]
    assert cards["yanta-hanbin"]["outcomes"] == []
    assert cards["yanta-hanbin"]["awards"] == ["2020年陕西省脱贫攻坚组织创新奖"]


def _in_order(found: list[str], expected: list[str]) -> bool:
    return [name for name in found if name in expected] == expected


def test_slogans_of_each_model(cards):
    assert _in_order(cards["yanta-hanbin"]["slogans"], ["三区两地", "3+2", "三专"])
    # 八大产业 is 丹凤县's own industry plan in quotes: the same numeral+大 rule finds it
    assert _in_order(
        cards["beilin-danfeng"]["slogans"],
        ["三项机制", "一体两翼", "三驾马车", "八大产业", "三专", "三项扶持"],
    )


def test_events_and_campaigns_are_never_slogans(cards):
    yanta, beilin = cards["yanta-hanbin"], cards["beilin-danfeng"]
    assert "春风行动" in yanta["campaigns"]
    assert {"中国农民丰收节", "丹凤县扶贫产品推介会"} <= set(beilin["events"])
    for card in (yanta, beilin):
        assert not set(card["slogans"]) & set(card["events"] + card["campaigns"])
        assert not any(
            name.endswith(("活动", "仪式", "推介会", "培训班")) for name in card["slogans"]
        )


def test_slogan_spellings_are_merged_through_the_variants_table(seeds):
    beilin = slogans(seeds["beilin-danfeng"][0]).set_index("slogan")
    assert beilin.loc["三驾马车", "spellings"] == "三驾马车、三架马车"
    assert beilin.loc["三驾马车", "quoted"] == 2
    yanta = slogans(seeds["yanta-hanbin"][0]).set_index("slogan")
    assert "两地三区" in yanta.loc["三区两地", "spellings"]
    # 两地三区 also occurs once without quotes (两地三区人民): mentions count it
    assert yanta.loc["三区两地", "mentions"] == yanta.loc["三区两地", "quoted"] + 1


def test_fact_offsets_index_the_normalised_text(seeds):
    for doc, _ in seeds.values():
        found = facts(doc)
        assert set(found["field"]) <= set(FACT_FIELDS)
        for row in found.itertuples():
            assert doc.text[row.start : row.end] == row.match
            assert row.match in row.sentence


def test_captions_are_not_read(seeds):
    doc = seeds["yanta-hanbin"][0]
    caption_spans = [(b.start, b.end) for b in doc.blocks if b.kind == "caption"]
    for start in facts(doc)["start"]:
        assert not any(a <= start < b for a, b in caption_spans)


def test_user_report_with_a_new_slogan(user_doc):
    card = model_card(user_doc, {"doc_id": "user", "donors": ["甲区"], "recipient": "乙县"})
    assert card["slogans"] == ["四个一批"]  # not 春风行动 (a campaign) or 一对一 (no aid name)
    assert card["campaigns"] == ["春风行动"]
    assert card["resident_cadres"] == 5  # 五名, a Chinese numeral
    assert card["helper_groups"] == 4
    assert card["pairing"] == ["10个社区 ↔ 15个村"]  # 乙县 is no real place: not read as one
    assert card["meetings"] == ["6次联席会议"]
    assert card["agreements"] == ["5个分协议", "20项帮扶事项"]
    assert card["outcomes"] == ["乙县 脱贫摘帽 2020年5月"]
    assert card["awards"] == ["全省东西部协作先进集体"]
    sentence, match = card["evidence"]["slogans"]
    assert match == "“四个一批”" and match in sentence


@pytest.mark.parametrize(
    ("quoted", "expected"),
    [
        ("3+2", True),
        ("1+3+N", True),
        ("一体两翼", True),
        ("三区两地", True),
        ("两不愁三保障", True),
        ("三项机制", True),
        ("三架马车", True),
        ("三专", True),
        ("五个一批", True),
        ("一对一", False),
        ("两区所能", False),
        ("十市百城联展", False),
        ("99公益日", False),
        ("春风行动", False),
        ("名师+", False),
    ],
)
def test_slogan_shapes(quoted, expected):
    assert is_slogan(quoted) is expected


def test_a_report_without_facts_gives_an_empty_card():
    card = model_card(parse("标题\n今天天气很好。"))
    assert card["doc_id"] is None
    assert card["resident_cadres"] is None
    assert all(card[field] == [] for field in FACT_FIELDS if field not in COUNT_FIELDS)
    assert card["pairing_text"] == [] and card["pairing_warning"] == ""
    assert card["evidence"] == {}


def test_side_by_side_has_a_row_per_field_and_a_column_per_report(cards):
    table = side_by_side(list(cards.values()))
    assert list(table.columns) == ["yanta-hanbin", "beilin-danfeng"]
    assert "evidence" not in table.index
    assert table.loc["resident_cadres"].tolist() == ["3", "2"]
    assert "三区两地、" in table.loc["slogans", "yanta-hanbin"]
    assert table.loc["helper_groups", "yanta-hanbin"] == ""
    assert isinstance(table, pd.DataFrame)


def test_every_card_entry_has_the_sentence_it_was_read_from(seeds, cards):
    for doc_id, card in cards.items():
        text = seeds[doc_id][0].text
        for field in FACT_FIELDS:
            entries = card["sources"][field]
            if field not in COUNT_FIELDS:
                assert [value for value, _ in entries] == card[field], field
            for _, sentence in entries:
                assert sentence in text


@pytest.mark.parametrize(
    ("sentence", "cadres"),
    [
        ("中山市7名援藏干部人才扎根高原。", 7),
        ("第三批35名挂职干部陆续到岗。", 35),
        ("两万名援疆干部先后进疆。", 20000),
        ("选派3名干部驻村。", 3),
        ("10名遵义党政干部到上海学习。", None),  # the recipient's cadres, sent to the giver
        ("全县8685名当地干部参加培训。", None),
    ],
)
def test_resident_cadres_are_the_giving_sides_cadres(sentence, cadres):
    card = model_card(parse(f"标题\n{sentence}"), {"doc_id": "d"})
    assert card["resident_cadres"] == cadres


def test_a_newspaper_in_book_title_marks_is_no_document():
    doc = parse(
        "标题\n据《光明日报》报道，两地签订《东西部协作协议》，印发《工作简报》，见《深圳特区报》。\n"
    )
    documents = facts(doc).query("field == 'documents'")["value"].tolist()
    assert documents == ["东西部协作协议", "工作简报"]


def test_the_corpus_slogan_table_stays_numeric_when_a_report_names_none():
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "title": ["标题", "标题"],
            "text": ["标题\n打造“一体两翼”格局。", "标题\n两地开展协作。"],
        }
    )
    named = corpus_slogans(corpus)
    assert named["quoted"].dtype == "int64"  # notebook 05 takes its nlargest
    assert named.groupby("slogan")["quoted"].sum().nlargest(2).index.tolist() == ["一体两翼"]


@pytest.mark.parametrize(
    ("text", "cadres", "in_all"),
    [
        ("泉州市委已先后選派11批46位干部前往寧夏開展結對幫扶。", None, 46),  # 位, traditional
        ("24年來，11批183名福建掛職幹部接續奮鬥。", None, 183),
        ("这是每一位援疆干部的心愿。", None, None),  # 每一位: each, no count
        ("福建先后派出9批140名干部到宁夏挂职。", None, 140),
        ("大连援黔工作队共有挂职干部33人。", 33, None),  # the count after the cadres
        ("双方互派挂职干部267人。", None, None),  # both sides' cadres
    ],
)
def test_resident_cadres_counted_in_batches_by_either_counter_in_either_script(
    text, cadres, in_all
):
    """Counts over many batches are totals of the years (``cadres_in_all``), not the cadres there now."""
    card = model_card(parse("标题\n" + text), {"doc_id": "d"})
    assert (card["resident_cadres"], card["cadres_in_all"]) == (cadres, in_all)


@pytest.mark.parametrize(
    ("row", "recipient"),
    [
        ({"recipient": "", "recipient_prefecture": "海东市", "province": "青海省"}, "海东市"),
        ({"recipient": "", "recipient_prefecture": "", "province": "云南省"}, "云南省"),
        ({"recipient": "民和县", "recipient_prefecture": "海东市"}, "民和县"),
    ],
)
def test_the_card_names_the_receiving_prefecture_or_province_when_no_county_is_given(
    row, recipient
):
    """The card labels a report's recipient as notebook 02 does (``pairing_labels``)."""
    text = "标题\n无锡市与海东市开展东西部协作。"
    card = model_card(parse(text), {"doc_id": "d", "donors": ["无锡市"], **row})
    assert card["recipient"] == recipient
    corpus = pd.DataFrame([{"doc_id": "d", "donors": ["无锡市"], **row}])
    assert pairing_labels(corpus)["d"] == f"无锡市 → {recipient}"


@pytest.mark.parametrize(
    ("text", "cadres", "in_all"),
    [
        ("今年共有300余名援疆干部人才在当地工作。", 300, None),  # 余: at least
        ("区里增派12名帮扶干部驻村。", 12, None),
        ("第九批40多名援藏干部已全部到岗。", 40, None),  # one batch: 第九批
        ("全省累计选派八批1200多名援藏干部人才。", None, 1200),
        ("该市已选派了四批共150名干部到当地工作。", None, 150),
        ("两地累计选派2批次80余名优秀干部人才驻点援助。", None, 80),
        ("山东分8批选派420名干部人才进藏。", None, 420),
        ("5年多来，全市选派96名干部赴对口地区挂职。", None, 96),
        # the count after the people sent (选派干部人才217名), 近 before it
        ("实施援疆项目184个，选派干部人才217名。", 217, None),
        ("今年派出挂职干部和第一书记17名。", 17, None),
        ("3年来，全市累计选派近700名管理干部赴甘肃挂职。", None, 700),
    ],
)
def test_cadres_written_with_at_least_or_over_many_batches(text, cadres, in_all):
    """多/余 after the count, 共 after the batches, 增派; a total over batches or years is
    ``cadres_in_all``, not the cadres serving now."""
    card = model_card(parse("标题\n" + text), {"doc_id": "d"})
    assert (card["resident_cadres"], card["cadres_in_all"]) == (cadres, in_all)


def test_doctors_teachers_and_experts_sent_are_counted_apart_from_cadres():
    doc = parse(
        "标题\n医院共派出8批次40名医疗专家支援县人民医院。选派了12名党政干部和名骨干教师挂职。"
    )
    found = facts(doc)
    sent = found[found["field"] == "professionals_sent"]
    assert sent[["value", "count"]].values.tolist() == [["40名医疗专家", 40]]


def test_the_pledge_not_to_drop_aid_after_exit_is_no_exit():
    doc = parse("标题\n践行摘帽不摘责任、摘帽不摘帮扶的承诺。2019年甲县正式脱贫摘帽。")
    card = model_card(doc, {"doc_id": "d", "donors": ["乙区"], "recipient": "甲县"})
    assert len(card["outcomes"]) == 1 and "甲县" in card["outcomes"][0]
