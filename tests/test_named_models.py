"""Named models of every shape, their kinds, and pairings read from the text (issue 16).

The sentences are written the way such reports write (news leads, work reports); each
test holds several shapes, so a rule tuned to one sentence would fail the others.
"""

import json
from pathlib import Path

import pytest

from aidlib.corpus import decode_report
from aidlib.model_cards import against_gold, model_card, name_kind, named_models
from aidlib.pairings import check_pairing, pairings, place_mentions, same_place
from aidlib.structure import parse

REAL = Path(__file__).parent / "data" / "real"


def _names(text: str) -> dict[str, str]:
    found = named_models(parse("标题\n" + text))
    return dict(zip(found["name"], found["kind"], strict=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推行“党支部+合作社+农户”模式。", {"党支部+合作社+农户": "model"}),
        ("探索市场+企业+合作社模式，带动增收。", {"市场+企业+合作社": "model"}),
        ("推广“村社合一”，成效明显。", {"村社合一": "model"}),
        ("形成“一体两翼”对口帮扶机制。", {"一体两翼": "mechanism"}),
        ("建立健全三项机制，实施五大工程。", {"三项机制": "mechanism", "五大工程": "mechanism"}),
        ("开展“N+1”主题采访活动。", {"N+1": "event"}),
        ("举行“携手奔小康”启动仪式。", {"携手奔小康": "event"}),
        ("参与“万企帮万村”行动。", {"万企帮万村": "campaign"}),
        ("助力“黔货出山”。", {"黔货出山": "model"}),
        ("签署《东西部协作框架协议》。", {"东西部协作框架协议": "document"}),
        (
            "在做好十城百店”“百村千厂”“组团式援疆等项目基础上",
            {"十城百店": "model", "组团式援疆": "model"},
        ),
        ("坚持资金帮扶、技术帮扶、人才帮扶相结合。", {"资金帮扶、技术帮扶、人才帮扶": "mechanism"}),
        ("3月30日，江苏援藏项目现场推进会在拉萨召开。", {"江苏援藏项目现场推进会": "event"}),
        ("宁夏与福建建立闽宁协作帮扶机制。", {"闽宁协作帮扶机制": "mechanism"}),
        ("开展“订单、定向、定岗”技能培训。", {"订单、定向、定岗": "mechanism"}),
        ("促进扶贫协作从“输血”到“造血”的转变。", {"从“输血”到“造血”": "model"}),
        ("正由‘输血型’向‘造血型’转变。", {"由‘输血型’向‘造血型’": "model"}),
        (
            "以政府援助、企业合作、社会帮扶、人才交流为主要内容。",
            {"政府援助、企业合作、社会帮扶、人才交流": "mechanism"},
        ),
        ("开展“川越千里，浙乐同行”系列活动。", {"川越千里，浙乐同行": "campaign"}),
        ("创新成立“粤桂高质量职教就业联盟”。", {"粤桂高质量职教就业联盟": "mechanism"}),
        ("该园区是“晋江经验”和“长汀精神”结合的成果。", {"晋江经验": "model"}),
        ("建立高校与州的“院州”、“校州”合作。", {"院州": "model", "校州": "model"}),
        ("公布“扶贫济困日红棉杯名单”。", {"扶贫济困日红棉杯名单": "event"}),
        ("进一步推进深化浙川协作框架协议重点任务。", {"深化浙川协作框架协议": "document"}),
        ("提供“保姆式”服务，推行“菜单式”培训。", {"保姆式": "model", "菜单式": "model"}),
        ("把“甘南所需”与“厦门所能”结合起来。", {"甘南所需": "model", "厦门所能": "model"}),
        ("实施“3+1”计划，打造“8·18”购物节。", {"3+1": "campaign", "8·18": "event"}),
    ],
)
def test_named_models_of_any_shape(text, expected):
    found = _names(text)
    for name, kind in expected.items():
        assert found.get(name) == kind, (name, found)


@pytest.mark.parametrize(
    "text",
    [
        "解决“最后一公里”的难题。",
        "村民说：“我们的日子越来越好了。”",
        "获评“全省东西部协作先进集体”。",
        "在辖区设立“专柜”。",
        "建立帮扶机制，形成长效机制。",
        "2008年“5·12”地震后，援建学校3所。",
        "引进“R7”“Q9”等新品种。",
        "着力培育“造血”功能。",
        "在“闽宁”协作中，双方互派干部。",
    ],
)
def test_emphasis_speech_and_awards_are_not_names(text):
    assert _names(text) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject and verb of the lead are not part of the name
        ("5月8日，宁波市与黔西南州召开了东西部协作第五次联席会议。", "东西部协作第五次联席会议"),
        (
            "昨日，市工商联举办2023年民营企业助力乡村振兴签约仪式。",
            "2023年民营企业助力乡村振兴签约仪式",
        ),
        ("9月2日，黔货进京产销对接活动在北京启动。", "黔货进京产销对接活动"),
        (
            "在南京召开的苏陕扶贫协作（汉中）推介会上，两地签约项目12个。",
            "苏陕扶贫协作（汉中）推介会",
        ),
        ("双方举行简短的2019年援藏项目开工仪式，", "2019年援藏项目开工仪式"),
    ],
)
def test_events_named_in_a_news_lead(text, expected):
    assert _names(text) == {expected: "event"}


@pytest.mark.parametrize(
    "text",
    [
        "签约仪式上，两地签订协议3份。",  # a ceremony with no name of its own
        "两省每年召开一次联席会议，",  # a count of meetings
        "此次捐赠仪式由县政府主持。",
        "各单位积极开展消费帮扶活动，效果明显。",  # an activity not held on a day
    ],
)
def test_unnamed_events_are_not_names(text):
    assert _names(text) == {}


def test_a_fair_by_its_short_name_is_an_event():
    assert _names("亮相第二十三届“西洽会”，参加“进博会”。") == {
        "西洽会": "event",
        "进博会": "event",
    }


def test_name_kind_reads_the_head_word_inside_then_after():
    assert name_kind("春风行动") == "campaign"
    assert name_kind("三区两地", "就业扶贫公益性岗位") == "model"
    assert name_kind("名师送教", "活动") == "campaign"  # a programme run as activities
    assert name_kind("中国农民丰收节", "主题活动") == "event"
    assert name_kind("十大工程") == "mechanism"


def test_every_name_carries_its_sentence_and_offsets():
    doc = parse("标题\n推行“四个一批”。开展“春风行动”。实施五大工程。")
    for row in named_models(doc).itertuples():
        assert doc.text[row.start : row.end] == row.match
        assert row.match in row.sentence


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("雁塔区和航天基地对口帮扶汉滨区。", [("雁塔区", "汉滨区", True)]),
        ("苏州市吴江区与贵州省铜仁市沿河县结对帮扶。", [("吴江区", "沿河县", True)]),  # 苏黔
        ("天津宁河与甘肃榆中建立扶贫协作关系。", [("宁河", "榆中", True)]),  # 津甘
        ("北京市给内蒙古投入扶贫资金。", [("北京市", "内蒙古", True)]),
        ("惠城、册亨两地多次联动开展展销活动。", [("惠城", "册亨", True)]),  # 粤黔
    ],
)
def test_place_pairings_at_any_level(text, pairs):
    found = pairings(parse("标题\n" + text))
    places = found[found["level"] == "place"]
    got = list(zip(places["donor"], places["recipient"], places["directed"], strict=True))
    assert got[: len(pairs)] == pairs


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "2017年，浙江省绍兴市越城区、台州市椒江区与四川省马边彝族自治县、峨边彝族自治县建立扶贫协作关系。",
            [("越城区", "马边彝族自治县"), ("椒江区", "峨边彝族自治县")],
        ),
        (
            "乐都区紧扣江苏青海两省帮扶方案和无锡海东两市协商确定的工作目标。",
            [("江苏", "青海"), ("无锡", "海东")],
        ),
        (
            "福建省侨联向吴忠市和固原市捐赠资金。",
            [("福建省侨联", "吴忠市"), ("福建省侨联", "固原市")],
        ),
    ],
)
def test_lists_of_places_pair_in_order(text, pairs):
    found = pairings(parse("标题\n" + text)).query("level == 'place'")
    assert list(zip(found["donor"], found["recipient"], strict=True)) == pairs


@pytest.mark.parametrize(
    ("text", "donor", "recipient"),
    [
        ("7个合作城市向贵州投入财政合作资金超过72.8亿元。", "7个合作城市", "贵州"),
        ("东部各省市共向西部贫困地区投入财政援助资金118.2亿元。", "各省市", "西部贫困地区"),
        ("4年来，浙江4市与乐山之间，各领域全面协作联动。", "浙江4市", "乐山"),
        ("上海引导341家企业到云南投资108.3亿元。", "上海", "云南"),
    ],
)
def test_bodies_and_counted_places_pair_with_places(text, donor, recipient):
    found = pairings(parse("标题\n" + text))
    assert (donor, recipient) in set(zip(found["donor"], found["recipient"], strict=True))


def test_units_after_a_recipient_share_its_donor():
    doc = parse("标题\n截至目前，鄞州21个镇与和龙8个镇、延吉4个镇结成帮扶和协作关系。")
    units = pairings(doc).query("level == 'unit'")
    assert units[["donor", "recipient"]].values.tolist() == [
        ["鄞州21个镇", "和龙8个镇"],
        ["鄞州21个镇", "延吉4个镇"],
    ]


def test_a_sentence_with_two_unit_pairings_gives_two():
    doc = parse("标题\n东部12个村与西部15个村、8家企业与10个村结成帮扶对子。")
    units = pairings(doc).query("level == 'unit'")
    assert units[["donor", "recipient"]].values.tolist() == [
        ["12个村", "15个村"],
        ["8家企业", "10个村"],
    ]
    assert units["donor_count"].tolist() == [12, 8]


def test_pairing_warning_when_text_and_metadata_disagree():
    doc = parse("标题\n雁塔区对口帮扶汉滨区。")
    agree = model_card(doc, {"doc_id": "a", "donors": ["雁塔区"], "recipient": "汉滨区"})
    disagree = model_card(doc, {"doc_id": "b", "donors": ["碑林区"], "recipient": "丹凤县"})
    assert agree["pairing_warning"] == ""
    assert (
        "雁塔区 → 汉滨区" in disagree["pairing_warning"] and "碑林区" in disagree["pairing_warning"]
    )
    assert disagree["pairing_text"] == ["雁塔区 → 汉滨区"]  # the card shows both sides
    assert disagree["donors"] == ["碑林区"]
    assert check_pairing(pairings(doc).iloc[0:0], {"donors": ["甲"], "recipient": "乙"}) == ""


def test_place_names_compare_without_suffix_or_parents():
    assert same_place("沿河县", "沿河土家族自治县")
    assert same_place("苏州市吴江区", "吴江区")
    assert not same_place("雁塔区", "碑林区")
    assert [name for *_, name in place_mentions("福建省侨联向吴忠市捐赠")] == [
        "福建省侨联",
        "吴忠市",
    ]


def _gold_cards():
    if not (REAL / "gold").is_dir():
        return []
    cards = []
    for path in sorted((REAL / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = REAL / "raw" / f"{gold['doc_id']}.txt"
        if "model_card" in gold and raw.exists():
            cards.append((gold, raw))
    return cards


def test_no_gold_event_is_reported_as_a_model_on_the_dev_corpus():
    cards = _gold_cards()
    if not cards:
        pytest.skip("no development corpus with gold cards in tests/data/real")
    wrong = []
    for gold, raw in cards:
        text, _ = decode_report(raw.read_bytes(), str(raw))
        table = against_gold(parse(text), gold["model_card"])
        events = table[(table["gold_kind"] == "event") & table["found"]]
        wrong += [
            (gold["doc_id"], row.gold)
            for row in events.itertuples()
            if row.found_kind in ("model", "mechanism")
        ]
    assert wrong == []


def test_a_five_year_plan_period_in_quotes_is_no_model():
    doc = parse(
        "“十三五”累计投资1342亿元\n“十四五”期间，两地共建“飞地园区”。制定“十四五”帮扶规划。"
    )
    names = named_models(doc)["name"].tolist()
    assert "十三五" not in names and "飞地园区" in names
    assert names.count("十四五") == 1  # the plan (帮扶规划), not the period
    # an aid word after the period is no plan: “十四五”对口援疆 is a time
    assert named_models(parse("标题\n我省“十四五”对口援疆工作开局良好。")).empty


def test_a_quote_in_a_heading_is_a_name_only_by_its_own_shape():
    doc = parse("标题\n一、“开花结果” 结对帮扶显成效\n投入资金。\n二、推行“一体两翼”\n建设园区。")
    found = named_models(doc)
    assert found["name"].tolist() == ["一体两翼"]


def test_a_quoted_national_policy_term_is_a_campaign_not_the_reports_model():
    found = _names("全面落实“两不愁三保障”，推行“一对一”帮扶，实施“携手奔小康”行动。")
    assert found == {"两不愁三保障": "campaign", "一对一": "model", "携手奔小康": "campaign"}


@pytest.mark.parametrize(
    "text",
    [
        "脱贫路上不忘本，饮水思“帮”。",  # one character
        "发挥两地“江”“湖”之优势，以“合作”之精神共谋发展。",  # short words, no head word
        "从那时起，“对口”“结对”这两个词走进了百姓生活。",
        "那句“种一季，歇一季”的民谚成了过去。",  # a saying
        "彻底改变了山区“靠天吃饭，靠山吃山”的历史。",  # the old state
        "车间主任是一名“90后”姑娘。",  # an age cohort
        "争取中央“欠发达地区扶持资金”2000万元。",  # a budget line
        "新品种让土豆从“一年一季”变成“一年两季”。",  # cropping cycles
    ],
)
def test_words_sayings_cohorts_and_budget_lines_in_quotes_are_not_names(text):
    assert _names(text) == {}


def test_short_quotes_with_a_head_word_after_them_stay_names():
    found = _names("打造“鲁味”品牌，推行“输血”型帮扶，创建“三专”，开展“两到”工作。")
    assert found == {"鲁味": "model", "输血": "model", "三专": "mechanism", "两到": "model"}


def test_a_sentiment_cliche_is_a_campaign_unless_a_head_word_follows():
    found = _names("两地结下深厚的“携手情深”，打造“山海情”品牌，设立“帮扶助学基金”。")
    assert found == {"携手情深": "campaign", "山海情": "model", "帮扶助学基金": "model"}


def test_central_and_provincial_formulas_are_campaigns_not_the_reports_model():
    """The centre's formulas, lists of a programme's fields and in-province programmes."""
    found = _names(
        "贯彻“依法治藏、富民兴藏、长期建藏”方略，推进干部援疆、产业援疆、教育援疆，"
        "深化“山海协作”，推行“订单、定向、定岗”培训。"
    )
    assert found == {
        "依法治藏、富民兴藏、长期建藏": "campaign",
        "干部援疆、产业援疆、教育援疆": "campaign",
        "山海协作": "campaign",
        "订单、定向、定岗": "mechanism",  # the report's own set stays
    }
