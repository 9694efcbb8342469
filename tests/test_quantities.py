"""Quantity mentions: counts of people, posts, schools, meetings … and nothing else."""

import pytest

from aidlib.corpus import DEFAULT_DATA_DIR
from aidlib.money import QUANTITY_COLUMNS, extract_quantities, quantity_rows
from aidlib.normalize import normalize


def seed_quantities(doc_id: str):
    raw = (DEFAULT_DATA_DIR / "raw" / f"{doc_id}.txt").read_text(encoding="utf-8")
    return extract_quantities(normalize(raw).text, doc_id)


@pytest.mark.parametrize(
    ("text", "mention", "value", "value_high", "unit", "counted", "qualifier"),
    [
        ("协调提供8-12个特招工作岗位。", "8-12个", 8, 12, "个", "特招工作岗位", "range"),
        ("累计培训学员560余人。", "560余人", 560, 570, "人", "培训学员", "more_than"),
        ("摸排10844名贫困劳动力转岗需求。", "10844名", 10844, 10844, "名", "贫困劳动力", "exact"),
        ("提供就业岗位3410个。", "3410个", 3410, 3410, "个", "岗位", "exact"),
        ("对口帮扶汉滨区3所医院。", "3所", 3, 3, "所", "医院", "exact"),
        ("开展活动3场次。", "3场次", 3, 3, "场次", "活动", "exact"),
        ("联系两家企业与供销公司签订协议。", "两家", 2, 2, "家", "企业", "exact"),
        ("超过10万人受益。", "超过10万人", 100_000, float("inf"), "人", "", "over"),
        ("培训 588 人次。", "588 人次", 588, 588, "人次", "", "exact"),
        ("累計簽約援藏項目247個。", "247個", 247, 247, "个", "援藏项目", "exact"),
        ("派出300餘名醫療人才。", "300餘名", 300, 400, "名", "医疗人才", "more_than"),
        ("组织22輛返崗大巴。", "22輛", 22, 22, "辆", "", "exact"),
    ],
)
def test_quantity(text, mention, value, value_high, unit, counted, qualifier):
    found = extract_quantities(text)
    assert len(found) == 1, found["mention"].tolist()
    row = found.iloc[0]
    assert (row["mention"], row["value"], row["value_high"]) == (mention, value, value_high)
    assert (row["unit"], row["qualifier"]) == (unit, qualifier)
    if counted:
        assert row["counted"] == counted


@pytest.mark.parametrize(
    "text",
    [
        "自2019年6月起",
        "8月20日至21日",
        "不低于投资资金6%分红",
        "第四期雁塔国际樱花节",
        "开发3年期公益专岗",
        "为期3个月的培训",
        "5天4夜的古城之旅",
        "57岁的杨大兵",
        "一个月收入",
        "捐赠400万元",
        "乘坐D3812次高铁专列",
        "K4334次列车",
        "同比增长6.5个百分点",
        "保持帮扶队伍人年均驻点270天以上",
    ],
)
def test_dates_years_percentages_durations_ordinals_and_money_are_not_quantities(text):
    assert extract_quantities(text).empty


def test_seed_quantities_include_the_people_posts_and_hospitals():
    yanta = seed_quantities("yanta-hanbin").set_index("mention")
    assert list(yanta.columns) == QUANTITY_COLUMNS[:1] + QUANTITY_COLUMNS[2:]
    assert (yanta.loc["560余人", "value"], yanta.loc["560余人", "value_high"]) == (560, 570)
    assert yanta.loc["40个", "counted"] == "公益专岗"
    assert yanta.loc["3所", "counted"] == "医院"
    beilin = seed_quantities("beilin-danfeng").set_index("mention")
    assert (beilin.loc["8-12个", "value"], beilin.loc["8-12个", "value_high"]) == (8, 12)
    assert beilin.loc["10844名", "counted"] == "贫困劳动力"
    assert beilin.loc["588人次", "unit"] == "人次"
    assert not any("年" in mention or "%" in mention for mention in beilin.index)


def test_quantity_rows_are_the_frame_rows_as_plain_python_values():
    text = normalize(
        (DEFAULT_DATA_DIR / "raw" / "beilin-danfeng.txt").read_text(encoding="utf-8")
    ).text
    rows = quantity_rows(text, "beilin-danfeng")
    assert rows and all(list(row) == QUANTITY_COLUMNS for row in rows)
    assert all(type(value) in (str, int, float) for row in rows for value in row.values())
    assert extract_quantities(text, "beilin-danfeng").to_dict("records") == rows
