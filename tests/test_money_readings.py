"""Money as real reports write it (issues 11 and 15): rates without 每, qualifiers, bare
magnitudes, amounts without 元, figures told twice, the stated purpose, any kind of space
or script; and the scores on the hand-checked real reports, when they are present."""

import importlib.util
import math
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidlib.money import UnreadableNumberWarning, extract_money, mention_roles, tally
from aidlib.normalize import normalize
from aidlib.structure import parse

REAL = Path(__file__).parent / "data" / "real"


def only(text: str):
    mentions = extract_money(text)
    assert len(mentions) == 1, mentions["mention"].tolist()
    return mentions.iloc[0]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("市场上土豆卖到8元一斤。", "per jin"),
        ("合作社以12元/公斤的价格收购。", "per kg"),
        ("企业以每公斤6元的价格收购贫困户的茶叶。", "per kg"),
        ("务工补贴300元/人/月。", "per person per month"),
        ("全县户均增收达1.2万元。", "per household"),
        ("贫困人口人均可支配收入达到8000元。", "per person"),
        ("项目县县均获得资金2000万元。", "per county"),
        ("每个基地年产值50万元左右。", "per base per year"),
        # the thing a few words after 每, not the word right after it
        ("每个贫困户每年享受分红2000元。", "per household per year"),
        ("向结对村拨付每条村5万元。", "per village"),
        ("每开发一亩茶园提供500元资金支持。", "per mu"),
        ("每一位老人发放500元。", "per person"),
        ("每生每年补助1000元。", "per 生 per year"),  # not across another 每
        ("每个合作社年纯收入35万元左右。", "per cooperative per year"),
        ("平均每人每月的工资在3000元左右。", "per person per month"),  # 平均 adds nothing
        ("每户每年分红500元。", "per household per year"),
        ("对返乡创业人员给予一次性奖励5000元。", "per unit"),
        ("对新认定的龙头企业给予一次性10万元的奖励。", "per unit"),
        # pay over one period, the pay word after the amount or a verb before it
        ("他一个月有3000多元的工资。", "per month"),
        ("养羊一年能多赚2万元。", "per year"),
        ("补助标准为300元/人。", "per person"),
        ("两个村分别获得帮扶资金5万元。", "per each"),
        ("另给甲乡、乙乡各30万元。", "per each"),
        ("区财政连续5年安排资金80万元。", "per year"),
        # what a period yields: 年产值, 年销售额, 年利润 are per year
        ("示范园建成后预计年产值1200万元。", "per year"),
        ("合作社年销售额达300万元。", "per year"),
        # what a year adds, and income per head or by work told after the period
        ("贫困户年增收2万多元。", "per year"),
        ("每户年增收3171元。", "per household per year"),
        ("贫困群众年人均增收500元以上。", "per person per year"),
        ("务工人员年务工收入达4万元。", "per year"),
        ("種植八渡筍，年戶（hù）均收入就超過（guò）10000元。", "per household per year"),  # glossed
        # a bar over which things are counted
        ("全县培育年产值超亿元企业8家。", "per enterprise per year"),
        ("引进投资5000万元以上项目12个。", "per project"),
        ("建成6个产值过千万元的园区。", "per park"),
        ("培育销售收入超亿元的龙头企业5家。", "per enterprise"),
        ("集体经济收入超过20万元的村达到30个。", "per village"),
        ("土鸡蛋卖到1.5元一枚。", "per piece"),
        ("对返乡创业人员给予5000元的一次性创业补贴。", "per unit"),  # a one-off grant each
        # a yield per mu: 亩产, or 一亩 before the amount
        ("白芨亩产效益可达四五万元。", "per mu"),
        ("改种西贡蕉，一亩纯利润有五六千元。", "per mu"),
        ("种玉米一亩地每年也就挣600元。", "per mu per year"),
    ],
)
def test_amounts_per_something_are_rates_even_without_mei(text, unit):
    row = only(text)
    assert (row["is_rate"], row["rate_unit"]) == (True, unit)
    assert mention_roles(extract_money(text))["role"].tolist() == ["excluded"]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("对外出务工人员给予交通补助200元/人/月。", "200元/人/月"),
        ("通过网络直播，138元一只的土鸡成了抢手货。", "138元一只"),
        ("收购价格为6元／斤，比市场价高。", "6元／斤"),
        ("按每月1500元每人的标准发放。", "1500元每人"),
        ("给予5000元的一次性创业补贴。", "5000元"),  # 一次性 is no unit
        ("捐赠资金20万元，一人一份。", "20万元"),  # a unit after a comma is another clause's
    ],
)
def test_a_rate_unit_written_after_the_amount_is_part_of_the_mention(text, mention):
    row = only(text)
    assert row["mention"] == mention
    assert text[row["start"] : row["end"]] == mention


def test_a_standard_named_after_its_amounts_makes_each_a_rate():
    mentions = extract_money("按照本科5000元、专科3000元的标准资助贫困学生。")
    assert mentions["rate_unit"].tolist() == ["per unit", "per unit"]


@pytest.mark.parametrize(
    "text",
    [
        "投入资金100万元，一次性解决饮水问题。",
        "一次性投入资金200万元。",
        "一年来，累计投入资金500万元，带动群众增加收入。",
        "一年多时间里，村集体收入达到30万元。",
        "拨付资金1200万元。",
        "分别为100万元和200万元。",
        "新建茶园三十一亩投入资金5万元。",  # 31 mu, not one
        # a dated yield is that year's, a sale's value is no price, a building no standard
        "该企业2023年产值达8000万元。",
        "今年前10个月销售额突破2亿元。",
        "合作社全年销售额达600万元。",
        "帮助销售价值3.2亿元的农特产品。",
        "投资2000万元建设标准化厂房，新建标准厂房1.5万平方米。",
        "实施投资30亿元的智能制造项目。",
        "投入超过500万元用于村道硬化。",
    ],
)
def test_amounts_given_are_not_rates(text):
    assert not extract_money(text)["is_rate"].any()


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high"),
    [
        ("销售额突破1000万元", "over", 10_000_000, math.inf),
        ("投入逾3亿元", "over", 300_000_000, math.inf),
        ("援建超3亿元", "over", 300_000_000, math.inf),
        ("约500多万元", "more_than", 5_000_000, 6_000_000),
        ("约30余万元", "more_than", 300_000, 400_000),
        ("3.6万余元", "more_than", 36_000, 37_000),
        ("52.38万余元", "more_than", 523_800, 523_900),
        ("1200万余元", "more_than", 12_000_000, 12_010_000),
        ("不到10万元", "at_most", 0, 100_000),
        ("不足5000元", "at_most", 0, 5_000),
        ("50万元左右", "about", 450_000, 550_000),
        ("200万元上下", "about", 1_800_000, 2_200_000),
        ("1万2千元", "exact", 12_000, 12_000),
        ("百余万元", "more_than", 1_000_000, 2_000_000),
        ("千余万元", "more_than", 10_000_000, 20_000_000),
        ("万余元", "more_than", 10_000, 20_000),
        ("十几万元", "more_than", 100_000, 200_000),
        ("3亿5千万元", "exact", 350_000_000, 350_000_000),
        ("不高于3000元", "at_most", 0, 3_000),
        ("不多于5万元", "at_most", 0, 50_000),
        ("贷款额度最高10万元", "at_most", 0, 100_000),
        ("年销售额500万元及以上", "at_least", 5_000_000, math.inf),
        ("补助20万元及以下", "at_most", 0, 200_000),
        ("一年能挣四五万元", "range", 40_000, 50_000),
        ("投入三四百万元", "range", 3_000_000, 4_000_000),
        ("每月七八千元", "range", 7_000, 8_000),
    ],
)
def test_qualifiers_make_their_interval(text, qualifier, low, high):
    row = only(text)
    assert row["qualifier"] == qualifier
    assert (row["value_yuan"], row["value_yuan_high"]) == pytest.approx((low, high))


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high"),
    [
        ("投资近千万元", "nearly", 9_000_000, 10_000_000),
        ("投资上亿元", "over", 100_000_000, math.inf),
        ("筹集数百万元", "several", 1_000_000, 10_000_000),
        ("捐赠几十万元", "several", 100_000, 1_000_000),
        ("交易额过亿元", "over", 100_000_000, math.inf),
        # a qualifier word before the vague one: the vague word reads it
        ("销售产值突破上千万元。", "over", 10_000_000, math.inf),
        ("年销售额超过上亿元", "over", 100_000_000, math.inf),
    ],
)
def test_a_bare_magnitude_after_a_vague_word_is_a_range_with_its_reason(text, qualifier, low, high):
    row = only(text)
    assert row["qualifier"] == qualifier
    assert (row["value_yuan"], row["value_yuan_high"]) == pytest.approx((low, high))


@pytest.mark.parametrize(
    ("text", "mention", "low", "high"),
    [
        ("共筹集善款80余万，用于助学。", "80余万", 800_000, 900_000),
        ("全年销售额首破百亿大关。", "首破百亿", 10_000_000_000, math.inf),
        ("帮扶资金达2.5亿，惠及群众。", "2.5亿", 250_000_000, 250_000_000),
        ("安排2000万资金用于产业。", "2000万", 20_000_000, 20_000_000),
        ("天津港保税区4000万财政资金帮扶西部贫困县。", "4000万", 40_000_000, 40_000_000),
    ],
)
def test_an_amount_without_yuan_is_money_when_its_words_say_so(text, mention, low, high):
    row = only(text)
    assert (row["mention"], row["unit_inferred"]) == (mention, True)
    assert (row["value_yuan"], row["value_yuan_high"]) == pytest.approx((low, high))


@pytest.mark.parametrize(
    "text",
    [
        "培训群众80余万人次。",
        "带动上万人就业。",
        "资金来源于100万美元贷款。",
        "种植面积3万亩。",
        "第2.5亿个",
    ],
)
def test_a_count_or_another_currency_is_not_money(text):
    assert extract_money(text).empty


def test_yuan_written_is_not_inferred():
    assert not only("拨付资金20万元。")["unit_inferred"]


@pytest.mark.parametrize(
    ("report", "title_mention", "role"),
    [
        ("援建超3亿元\n三年来，累计援建3.4亿元。", "超3亿元", "excluded"),
        ("消费帮扶助销农产品2亿元\n今年帮助销售农产品2亿元。", "2亿元", "excluded"),
        ("投入资金5000万元\n今年新建学校3所，投入资金800万元。", "5000万元", "item"),
    ],
)
def test_a_title_figure_the_body_tells_again_is_kept_out_of_the_tally(report, title_mention, role):
    for text in (report, parse(report)):
        roles = mention_roles(extract_money(text, doc_id="d"))
        title = roles[roles["in_title"]]
        assert title["mention"].tolist() == [title_mention]
        assert title["role"].tolist() == [role]
        assert not roles[~roles["in_title"]]["role"].eq("excluded").any()


def test_a_reprints_original_title_is_a_title():
    report = (
        "原标题 [福建16年累计援助7亿多元帮扶宁夏发展]\n新华社电 16年来，福建累计援助宁夏7亿多元。"
    )
    roles = mention_roles(extract_money(report, doc_id="d"))
    assert roles[["in_title", "role"]].values.tolist() == [
        [True, "excluded"],
        [False, "cumulative"],
    ]


@pytest.mark.parametrize(
    ("report", "mention"),
    [
        ("三年26.21亿 帮扶聚焦这些领域\n今后三年的协作资金为26.21亿元。", "26.21亿"),
        ("援建资金3.5亿 助力脱贫\n累计援建资金3.5亿元。", "3.5亿"),
    ],
)
def test_a_title_figure_without_yuan_is_money_when_the_body_writes_it_with_yuan(report, mention):
    found = extract_money(parse(report), doc_id="d")
    title = found[found["in_title"]]
    assert title["mention"].tolist() == [mention]
    assert title["unit_inferred"].all()


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high"),
    [
        ("每年至少拿出150万元帮扶资金。", "at_least", 1_500_000, math.inf),
        ("今年不少于安排100万元。", "at_least", 1_000_000, math.inf),
        ("力争超过完成80亿元。", "over", 8_000_000_000, math.inf),
        ("对新吸纳就业的企业最高补助10万元。", "at_most", 0, 100_000),
        ("每名学生最多资助3000元。", "at_most", 0, 3_000),
    ],
)
def test_a_qualifier_before_the_verb_qualifies_the_amount(text, qualifier, low, high):
    row = only(text)
    assert row["qualifier"] == qualifier
    assert (row["value_yuan"], row["value_yuan_high"]) == pytest.approx((low, high))


@pytest.mark.parametrize(
    ("text", "value"),
    [("拿出150萬（wàn）元幫扶資金。", 1_500_000), ("捐赠5万(wàn)元。", 50_000)],
)
def test_a_pinyin_gloss_inside_an_amount_is_read_past(text, value):
    assert only(text)["value_yuan"] == value


@pytest.mark.parametrize(
    ("text", "mention", "high"),
    [
        ("人均收入不足千元。", "不足千元", 1000),
        ("年收入不到万元。", "不到万元", 10_000),
        ("一年收入不过万元。", "不过万元", 10_000),  # not over: 过万元 read alone was "over"
        ("收入不超过万元。", "不超过万元", 10_000),
    ],
)
def test_a_cap_before_a_bare_magnitude_bounds_it(text, mention, high):
    row = only(text)
    assert (row["mention"], row["value_yuan"], row["value_yuan_high"]) == (mention, 0, high)
    assert row["qualifier"] == "at_most"


@pytest.mark.parametrize(
    ("text", "mention", "low", "high"),
    [
        ("捐款十七八万元。", "十七八万元", 170_000, 180_000),  # two adjacent digits after tens
        ("二十七八万元。", "二十七八万元", 270_000, 280_000),
        ("捐赠500万人民币。", "500万人民币", 5_000_000, 5_000_000),  # 人民币 names the yuan
    ],
)
def test_rough_amounts_after_tens_and_amounts_in_renminbi(text, mention, low, high):
    row = only(text)
    assert (row["mention"], row["value_yuan"], row["value_yuan_high"]) == (mention, low, high)
    assert not row["unit_inferred"]


def test_buguo_as_but_is_no_qualifier():
    assert extract_money("不过，1100万并不是全部。").empty


@pytest.mark.parametrize(
    ("text", "mention", "low", "high"),
    [
        ("年收入超過（guò）10000元。", "超過（guò）10000元", 10_000, math.inf),
        ("投入數（shù）百億元。", "數（shù）百億元", 1e10, 1e11),
    ],
)
def test_a_pinyin_gloss_after_a_qualifier_keeps_it_with_the_amount(text, mention, low, high):
    row = only(text)
    assert (row["mention"], row["value_yuan"], row["value_yuan_high"]) == (mention, low, high)


@pytest.mark.parametrize(
    ("text", "domain", "words"),
    [
        ("美麗鄉（xiāng）村項目5個，資金300萬元。", "infrastructure", "美丽乡（xiāng）村"),
        ("產（chǎn）業（yè）扶貧項目4個，資金260萬元。", "industry", "产（chǎn）业"),
        ("投入120萬元建設（shè）學（xué）校。", "education", "建设（shè）学（xué）校"),
    ],
)
def test_a_pinyin_gloss_inside_a_cue_word_is_read_past(text, domain, words):
    row = only(text)
    assert (row["domain"], row["domain_cue"]) == (domain, words)


def test_a_prose_first_line_is_not_a_title():
    assert not extract_money("今年拨付资金100万元，用于教育。\n第二段。")["in_title"].any()


@pytest.mark.parametrize(
    ("text", "domain", "words"),
    [
        (
            "受洪灾影响，卫生部门安排资金300万元，用于务工人员返岗补贴。",
            "employment",
            "用于务工",
        ),
        ("疫情期间拨付200万元，主要用于贫困学生助学。", "education", "主要用于贫困学生"),
        ("投资5亿元建设工厂，带动贫困人口就业。", "industry", "建设工厂"),
        ("出资50万元采购种羊500只。", "industry", "采购种羊"),
        ("协调资金0.5亿元，资助1000名贫困学生。", "education", "资助1000名贫困学生"),
        ("投入600万元修建道路和饮水工程。", "infrastructure", "修建道路"),
        ("用于教育的资金300万元。", "education", "用于教育"),
    ],
)
def test_the_stated_purpose_decides_the_area_and_is_kept(text, domain, words):
    row = only(text)
    assert (row["domain"], row["domain_cue"]) == (domain, words)


@pytest.mark.parametrize(
    ("text", "domains", "kinds"),
    [
        # who gives (社会帮扶, 爱心企业, 慈善会) is no purpose: the donation's area is what
        # it is for, else general; kind says it is a donation
        ("其中财政资金33亿元、社会帮扶资金13亿元。", ["general", "general"], ["fund", "fund"]),
        ("企业捐赠30万元。", ["general"], ["donation"]),
        ("共筹集社会捐款2亿元。", ["general"], ["donation"]),
        ("爱心企业捐赠30万元，用于修建村道。", ["infrastructure"], ["donation"]),
        ("慈善会捐资100万元，资助贫困学生。", ["education"], ["donation"]),
        ("捐赠10万元，用于救助困难家庭。", ["social"], ["donation"]),
    ],
)
def test_who_gives_is_no_area(text, domains, kinds):
    money = extract_money(text)
    assert (money["domain"].tolist(), money["kind"].tolist()) == (domains, kinds)


@pytest.mark.parametrize(
    ("text", "domains"),
    [
        ("投入资金5亿元，实施项目66个，涵盖产业、就业、教育等领域。", ["general"]),
        ("安排资金4040万元，用于教育、产业和医疗等5个方面的项目。", ["general"]),
        ("每年安排500万元用于基础设施、产业发展和社会事业。", ["general"]),
        ("兴产业、援医疗，累计投入帮扶资金2亿余元。", ["general"]),
        ("文化教育支援类项目20个，安排资金5亿元。", ["education"]),
        ("新增引导200家企业投资12亿元。", ["industry"]),
        ("新建学校3所，总投资5000万元。", ["education"]),
        ("争取项目资金300万元，培训干部50余人次。", ["general"]),  # the next item of a list
        ("启动人工造林项目，面积为800亩，总投资120万元。", ["infrastructure"]),  # back over 800亩
        ("建设高效农业示范园，面积2.3万亩，总投资3亿元。", ["industry"]),  # 2.3万亩 is no money
        # the next clause counts people of its own (6.5万人): the comparison keeps its area
        (
            "消费帮扶金额从20亿元提升到35亿元，务工就业人数从4万人增加到5.2万人。",
            ["consumption", "consumption"],
        ),
        # the headings of aid plans: 经济合作 (firms' projects), 社会事业 and 公共服务
        ("经济合作类项目12个，到位资金3.5亿元。", ["industry"]),
        ("社会事业方面，投入帮扶资金900万元。", ["social"]),
        ("基本公共服务项目8个，资金320万元。", ["social"]),
        # a compound names its own area: 文旅产业 is tourism, 大病救助 health
        ("文旅产业投入8000万元，实施项目20个。", ["culture_tourism"]),
        ("一是工业类项目，包括投资15亿元的新材料生产基地。", ["industry"]),
        # a clause telling part of the figure before it takes that figure's area
        ("累计完成消费帮扶800万元，今年已完成260万元。", ["consumption"] * 2),
        ("健康帮扶资金共3000万元，其中2023年拨付900万元。", ["health"] * 2),
        # …and the area of that part is not the whole figure's
        ("安排协作资金5亿元，其中用于教育的占六成。", ["general"]),
        ("今年投入资金800万元，其中产业项目资金占70%。", ["general"]),
        ("落实援助资金1.2亿元，其中医疗卫生投入最多。", ["general"]),
        # a wage is pay for work, told per month or not
        ("进厂上班后，他的工资从2000多元涨到了4500元。", ["employment"] * 2),
        # the standard heads of 援疆 and 援藏 plans: 交往交流交融 is culture
        ("民族交往交流交融类项目9个，安排资金1200万元。", ["culture_tourism"]),
        ("医疗帮扶资金300万元，另有200万元。", ["health", "general"]),
        ("向县里捐赠大病救助资金50万元。", ["health"]),
        ("县社会福利院由协作资金安排200万元。", ["social"]),
        # a purpose opening the next clause after the place where it is done
        ("投入200万元，在甲村打造300亩茶园。", ["industry"]),
        ("使用3000万元协作资金共建农产品加工产业园。", ["industry"]),  # the head: 产业园
        ("出资50万元，在这里建起了2所幼儿园。", ["education"]),
        ("安排资金100万元，在全省排名第一，带动就业300人。", ["general"]),
        # a run of figures joined by nothing but 、 or 和 shares the words before the run
        ("对电商企业按销售额达到100万元、300—499万元和500万元分档奖励。", ["consumption"] * 3),
    ],
)
def test_a_cue_belongs_to_its_own_figure(text, domains):
    assert extract_money(text)["domain"].tolist() == domains


@pytest.mark.parametrize(
    ("text", "domains", "words"),
    [
        # the head of the noun phrase a purpose governs decides, not its first modifier
        (
            "安排资金80万元，重点用于民生类基础设施项目。",
            ["infrastructure"],
            "重点用于民生类基础设施",
        ),
        (
            "投资300万元，组织实施产业园区道路硬化工程。",
            ["infrastructure"],
            "组织实施产业园区道路硬化",
        ),
        # a list after a purpose: its first phrase decides
        ("投入120万元开展能繁母牛扩群和牛肉销售。", ["industry"], "开展能繁母牛"),
        # a run of figures, then the purpose they all serve
        (
            "追加资金分配如下：甲县300万元，乙县200万元，主要用于村卫生室建设。",
            ["health", "health"],
            "主要用于村卫生室",
        ),
        # amounts in brackets break down the figure before them
        (
            "项目总投资600万元（省级资金400万元，其余200万元由企业自筹），用于修建乡村公路。",
            ["infrastructure"] * 3,
            "用于修建乡村公路",
        ),
        ("安排资金2000万元用于职校改扩建。", ["education"], "用于职校"),
        # a list of amounts, each with the purpose right after it
        (
            "资金由县里统筹，500万元用于茶叶加工厂建设、300万元用于卫生院改造、"
            "200万元用于通村公路硬化。",
            ["industry", "health", "infrastructure"],
            "用于茶叶",
        ),
    ],
)
def test_purpose_phrases_runs_and_breakdowns(text, domains, words):
    mentions = extract_money(text)
    assert mentions["domain"].tolist() == domains
    assert mentions["domain_cue"].iloc[0] == words


@pytest.mark.parametrize(
    ("text", "domains", "words"),
    [
        # each amount of a list names the works it paid for after 的, not the one before
        (
            "主要项目有：总投资500万元的甲村至乙村公路、总投资300万元的丙村肉牛养殖基地。",
            ["infrastructure", "industry"],
            ["甲村至乙村公路", "丙村肉牛"],
        ),
        # what the amount is (the noun after 的) goes before a cue in the clause before
        ("企业开展教育帮扶，捐赠价值20万元的光伏发电设备。", ["industry"], ["光伏"]),
        # a 的 with no area word after it leaves the other rules to decide
        ("向学校捐赠了价值8万元的物资。", ["education"], ["学校"]),
    ],
)
def test_an_amount_before_de_is_what_the_noun_after_it_cost(text, domains, words):
    mentions = extract_money(text)
    assert mentions["domain"].tolist() == domains
    assert mentions["domain_cue"].tolist() == words


@pytest.mark.parametrize(
    ("text", "domain", "words"),
    [
        ("今年为每户分红800元。", "industry", "分红"),  # earnings are what industry yields
        ("全村亩均增收1500元。", "industry", "增收"),
        # what a producer earns or sells at (挣, 赚, 创收, 售价, 卖出); wages go to jobs first
        ("种玉米一亩地每年挣600元。", "industry", "挣"),
        ("葡萄卖了88吨，创收52万元。", "industry", "创收"),
        ("这种茶每斤售价十几块钱。", "industry", "售价"),
        ("在工厂打工一年能赚3万元。", "employment", "打工"),
        ("引导20家企业到当地投资3.5亿元。", "industry", "企业到当地投资"),
        ("浙商在本县累计投资2亿元。", "industry", "商在本县累计投资"),
        # a next clause telling another act (并…) does not lend its area
        ("区里捐赠了50万元物资，并带来扶贫产品销售协议。", "general", ""),
        ("帮助贫困户就业200人，人均增收4000元。", "employment", "就业"),  # the means decides first
    ],
)
def test_earnings_and_investment_by_firms_decide_only_when_nothing_else_does(text, domain, words):
    row = only(text)
    assert (row["domain"], row["domain_cue"]) == (domain, words)


@pytest.mark.parametrize(
    ("text", "domain", "words"),
    [
        # deals a pairing brings in (招商引资) are industry: signed, landed, in cooperation
        ("两省签约合作项目76个，总签约额1114.79亿元。", "industry", "签约"),
        ("累计实施合作项目119个，计划总投资1136.8亿元。", "industry", "合作项目"),
        (
            "引进劳动密集型的落地项目74个，总投资108.96亿元，到位资金53.74亿元。",
            "industry",
            "引进劳动密集型的落地项目",
        ),
        ("协（xié）议引进上海资金157亿元。", "industry", "协议引进"),
        ("两省签订了协议项目146个，投资贸易总金额达459亿元。", "industry", "签订了协议项目"),
        ("杭州企业投资项目23个，累计到位资金24.52亿元。", "industry", "企业投资"),
        # signed aid projects with aid money are aid
        ("两地签订帮扶项目55个，帮扶资金达5265万元。", "general", ""),
        # aid money brought in is aid, not a deal (定点帮扶's 引进帮扶资金)
        ("直接投入帮扶资金775万元，帮助引进项目资金3505万元。", "general", ""),
        # a clause listing areas of work (兴产业、抓招商、援医疗) names no deal of the amount's
        ("两地建基础、兴产业、抓招商、援医疗，累计投入资金2亿余元。", "general", ""),
    ],
)
def test_deals_brought_in_are_industry_when_nothing_else_decides(text, domain, words):
    row = extract_money(text).iloc[-1]
    assert (row["domain"], row["domain_cue"]) == (domain, words)


@pytest.mark.parametrize(
    ("text", "domain", "words"),
    [
        # a month's pay is a wage, wherever it is earned
        ("如今在肉羊养殖园当饲养员，每月有2000多元的固定收入。", "employment", "收入"),
        ("边学香菇种植技术边打工，一个月有2000多元的工资。", "employment", "工资"),
        # a month's grant or sales are no wage
        ("小学生每月补助200元。", "education", "小学"),
        ("合作社每月销售额2万多元。", "consumption", "销售"),
    ],
)
def test_a_months_pay_is_employment(text, domain, words):
    row = only(text)
    assert (row["domain"], row["domain_cue"]) == (domain, words)


def test_the_end_of_a_comparison_is_the_same_measure():
    mentions = extract_money(
        "农民人均年收入从3000元增加到8000元，村集体经济收入从2万元提高到15万元。"
    )
    assert mentions["rate_unit"].tolist() == ["per person per year"] * 2 + ["", ""]
    assert mentions["domain"].tolist()[2:] == ["industry", "industry"]


def test_a_change_against_an_earlier_time_is_the_same_measure():
    mentions = extract_money("农民人均可支配收入达11976元，比开发建设初期净增加11400多元。")
    assert mentions["rate_unit"].tolist() == ["per person", "per person"]
    mentions = extract_money("今年投入资金5亿元，比上年增加1亿元。")  # a total changes by a total
    assert mentions["rate_unit"].tolist() == ["", ""]


def test_a_total_told_after_a_rate_is_not_a_rate():
    mentions = extract_money("定居房工程将得到户均2万元、总额为246万元的资金支持。")
    assert mentions["rate_unit"].tolist() == ["per household", ""]
    mentions = extract_money("投产后年营收达6350万元、创造税收820万元。")  # no total: both
    assert mentions["rate_unit"].tolist() == ["per year", "per year"]


def test_a_total_over_running_years_is_not_a_rate():
    mentions = extract_money("连续4年安排资金50万元，共200万元；连续4年累计投入资金200万元。")
    assert mentions["is_rate"].tolist() == [True, False, False]


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("第一批600万启动资金已下达。", ["600万"]),  # a money noun after, with its own words
        ("捐赠价值120萬（wàn）的物资。", ["120萬（wàn）"]),  # a pinyin gloss before the end
        ("带动就业1.2万人次。", []),  # a count, not money
        # the level of government and the fund's kind before the money noun
        ("落实200万镇级救助资金和30万村级救助资金。", ["200万", "30万"]),
        ("下达1500万县级财政资金。", ["1500万"]),
        ("新增30万村级人口。", []),
    ],
)
def test_amounts_without_yuan_where_the_words_say_money(text, mentions):
    found = extract_money(text)
    assert found["mention"].tolist() == mentions
    assert found["unit_inferred"].all()


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        # a verb telling what the money does, right after the amount
        ("2018年麻涌镇投入45万帮扶彝良县。", ["45万"]),
        ("北京投资5亿多支援拉萨。", ["5亿多"]),
        ("查自力投入3000多万建成百亩茶叶加工厂区。", ["3000多万"]),
        ("全县投入2万人建设公路。", []),  # a count before the verb
        ("投入2万劳动力建设公路。", []),  # no verb right after the amount
        # a series of figures after an amount of money, in its magnitude and sentence
        ("我们2017年认捐2017万，18年是2018万，今年是2019万。", ["2017万", "2018万", "2019万"]),
        (
            "以往年援建资金不足两亿元，广东五年96亿，年均19亿，援建五个县。",
            ["不足两亿元", "96亿", "19亿"],
        ),
        ("投入资金3亿元，惠及群众2万，", ["3亿元"]),  # another magnitude
        ("认捐2017万。今年参与群众1万，", ["2017万"]),  # another sentence
        # the party and kind of a fund before its money noun
        ("外加47亿企业合作资金援建一个县。", ["47亿"]),
    ],
)
def test_amounts_without_yuan_after_a_money_verb_or_in_a_series(text, mentions):
    found = extract_money(text)
    assert found["mention"].tolist() == mentions
    assert found["unit_inferred"].tolist() == ["元" not in m for m in mentions]


def test_a_headline_printed_again_is_a_title_counted_once():
    headline = "东莞六家企业出资3000万元援建一所小学"
    body = "近日，联席会议召开。6家国企共同出资3000万元援建小学。"
    report = f"{headline}\n来源：莞讯网 2019-07-10 09:55:20\n{headline}\n{body}"
    doc = parse(report, title_hint=headline)
    assert [b.kind for b in doc.blocks][:3] == ["title", "dateline", "furniture"]
    roles = mention_roles(extract_money(doc, doc_id="d"))
    assert roles[["in_title", "role"]].values.tolist() == [
        [True, "excluded"],
        [True, "excluded"],
        [False, "item"],
    ]
    # a title figure the body never tells: the repeat is not counted a second time
    alone = parse(f"{headline}\n来源：莞讯网\n{headline}\n签约。", title_hint=headline)
    alone = mention_roles(extract_money(alone, doc_id="d"))
    assert alone["role"].tolist() == ["item", "excluded"]
    assert alone["reason"].tolist() == ["", "title printed again"]


def test_a_sentence_the_page_prints_twice_is_counted_once():
    sentence = "今年，浙江安排帮扶资金8000万元，其中3000万元用于产业园建设，每户补助2000元。"
    # a copied sentence in another line (the parser already makes a whole line printed again
    # furniture): it stands in two different paragraphs
    report = (
        f"浙川协作再结硕果\n{sentence}两地还开展了劳务协作。\n下一步，两地将深化合作。{sentence}\n"
    )
    roles = mention_roles(extract_money(parse(report), doc_id="d"))
    assert roles[["mention", "role"]].values.tolist() == [
        ["8000万元", "item"],
        ["3000万元", "excluded"],  # a part of the 8000万元 (其中)
        ["2000元", "excluded"],
        ["8000万元", "excluded"],
        ["3000万元", "excluded"],
        ["2000元", "excluded"],
    ]
    first = roles["start"].iloc[0]
    assert roles["reason"].iloc[3] == f"sentence printed again (at {first})"
    # the tally counts the copied paragraph's items once
    assert tally(roles.drop(columns=["role", "reason"]), by=["doc_id"])["low_yuan"].tolist() == [
        80_000_000.0
    ]
    # one amount written twice in one sentence is two items, not a copy
    twice = extract_money("标题\n村里拿出5万元，镇里再拿出5万元。", doc_id="d")
    assert mention_roles(twice)["role"].tolist() == ["item", "item"]


def test_a_breadcrumb_that_ends_in_the_headline_prints_the_title_again():
    headline = "中国中铁捐款200万元助力吉林延边精准扶贫"
    report = f"当前位置: 百年建筑网> 百年频道>资讯>企业之窗> {headline}\n\n{headline}\n\n分享到:\n评论\n\n"
    report += "中国中铁此次捐款200万元,用于该村建设光伏发电项目。\n"
    for doc in parse(report, title_hint=headline), parse(report):
        kinds = [block.kind for block in doc.blocks]
        assert kinds == ["furniture", "title", "furniture", "furniture", "paragraph"]
        # the breadcrumb is the site's; its copy of the headline is the title printed again
        assert extract_money(doc, doc_id="d")["in_title"].tolist() == [True, True, False]


def test_a_headline_a_widget_prints_through_the_body_is_the_sites():
    headline = "231.9亿元、73.1万人、1155个……数字中看成效 东西部协作取得新进展"
    parts = [
        "央视网消息：截至11月底，东部8个省市投入财政援助资金231.9亿元。",
        "在产业合作方面，东部8个省市与西部10个省区市共建产业园区741个。",
        "在劳务协作方面，东部8个省市帮助73.1万名农村劳动力实现就业。",
    ]
    report = f"首页 > 正文\n\n{headline}\n\n来源：央视网\n\n"
    report += "".join(f"{part}\n\n{headline}\n\n" for part in parts)
    found = extract_money(parse(report, title_hint=headline), doc_id="d")
    assert found["in_title"].tolist() == [True, False]
    # no title block, the headline quoted twice in the body
    quoted = "7个东部城市累计投入72.8亿元实施帮扶项目3563个"
    parts = ["日前，记者从贵州获悉，东部7个城市援助贵州。", "深化产业合作，今年设立展示中心。"]
    report = "".join(f"{part}\n\n“{quoted}”\n\n" for part in parts) + "累计投入超过72.8亿元。"
    found = extract_money(parse(report, title_hint=quoted), doc_id="d")
    assert found["mention"].tolist() == ["超过72.8亿元"]


def test_a_flattened_table_takes_the_unit_its_header_gives():
    text = "附件：资金分配表 乡镇 分配额（万元） 合计500甲镇300乙镇200 2019年 3家 20%\n正文10人。"
    found = extract_money(text)
    assert found["mention"].tolist() == ["500", "300", "200"]
    assert found["value_yuan"].tolist() == [5_000_000, 3_000_000, 2_000_000]
    assert found["unit_inferred"].all()


def test_a_table_cell_takes_the_area_the_prose_gave_the_same_figure():
    text = "甲镇安排300万元，用于修建乡村公路。\n分配表 乡镇 分配额（万元） 甲镇300乙镇200"
    found = extract_money(text)
    assert found["domain"].tolist() == ["infrastructure", "infrastructure", "general"]


@pytest.mark.parametrize("space", ["\u00a0", "\u2009", "\u202f", "\u3000", " ", "\u2002"])
def test_any_unicode_space_is_read_alike(space):
    for text, value in [(f"100{space}万元", 1_000_000), (f"1{space}000万元", 10_000_000)]:
        for written in (text, normalize(text).text):
            row = only(written)
            assert row["value_yuan"] == value


@pytest.mark.parametrize("text", ["12,34万元", "5亿万元", "3万多万元", "1万2万元", "1,2345元"])
def test_a_malformed_number_is_flagged_not_valued(text):
    with pytest.warns(UnreadableNumberWarning, match="offset 2"):
        assert extract_money("共计" + text + "。", doc_id="d").empty


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("社會幫扶資金約699.3萬元", "社会帮扶资金约699.3万元"),
        ("每戶每年補助500元", "每户每年补助500元"),
    ],
)
def test_traditional_script_reads_as_simplified(traditional, simplified):
    columns = ["value_yuan", "value_yuan_high", "is_rate", "domain", "qualifier"]
    ours, theirs = extract_money(traditional), extract_money(simplified)
    assert ours[columns].values.tolist() == theirs[columns].values.tolist()
    assert ours["mention"].tolist() == [
        traditional[row.start : row.end] for row in ours.itertuples()
    ]


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60))
def test_any_str_gives_a_table_and_a_tally(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnreadableNumberWarning)
        for given_text in (text + "3元", text + "\ud800约5万元", text):
            mentions = extract_money(given_text, doc_id="x")
            tally(mentions)
            for row in mentions.itertuples():
                assert 0 <= row.value_yuan <= row.value_yuan_high


# --- the hand-checked real reports (tests/data/real), when the integrator has added them ---


def _benchmark(monkeypatch: pytest.MonkeyPatch):
    """``benchmarks/money.py`` as a module, its folder importable as when it runs as a script."""
    path = Path(__file__).parent.parent / "benchmarks" / "money.py"
    monkeypatch.syspath_prepend(str(path.parent))
    spec = importlib.util.spec_from_file_location("money_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (REAL / "gold").is_dir(), reason="no real reports in tests/data/real")
def test_real_reports_read_as_their_careful_readers_did(monkeypatch):
    figures = _benchmark(monkeypatch).score(REAL)
    assert figures["span recall"] >= 0.9
    assert figures["span precision"] >= 0.85
    assert figures["interval right"] >= 0.95
    assert figures["rate flag right"] >= 0.95
    assert figures["area right"] >= 0.85
    assert figures["area right, readers agree"] >= 0.9  # second_reader/: where two readers agree


def test_the_benchmark_pairs_a_figure_in_its_own_sentence_and_a_headline_once(monkeypatch):
    benchmark = _benchmark(monkeypatch)
    gold = {
        "structure": {"title": "乐都：9710万元协作资金促发展"},
        "metadata": {},
        "money": [
            {"mention": "9710万元", "in_title": True, "sentence_start": "乐都：9710万元"},
            {"mention": "9710万元", "in_title": True, "sentence_start": "原标题：乐都"},
            {"mention": "9710万元", "in_title": False, "sentence_start": "两年来"},
        ],
    }
    found = [
        {"mention": "9710万元", "in_title": True, "sentence": "乐都：9710万元协作资金促发展"},
        {"mention": "9710万元", "in_title": False, "sentence": "两年来，累计落实资金9710万元。"},
    ]
    mentions, rows = benchmark.headline_copies(gold, found)
    assert [m["sentence_start"] for m in mentions] == ["乐都：9710万元", "两年来"]
    assert rows == found
    # the body figure pairs with the body row, which a headline copy listed before it in the
    # gold and found in no sentence of its own does not take
    pairs = benchmark.match(gold["money"], found)
    assert [(g["sentence_start"], f["in_title"]) for g, f in pairs] == [
        ("乐都：9710万元", True),
        ("两年来", False),
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("标题\n三年来，宁波累计投入帮扶资金1.2亿元。", "fund"),
        ("标题\n县里统筹投入800万元，改造农村公路。", "fund"),
        ("标题\n引进的浙江企业在园区投入3000万元，建成加工厂。", "investment"),
        ("标题\n两家央企投入2.5亿元，实施饮水工程。", "investment"),
        ("标题\n企业到县里投资5亿元建设工厂。", "investment"),
    ],
)
def test_money_put_in_is_a_fund_unless_a_firm_puts_it_in(text, kind):
    assert extract_money(text)["kind"].tolist() == [kind]


def test_a_total_broken_down_after_qizhong_is_counted_once():
    # 其中 opening the next sentence: every amount of that sentence is a part of the total
    text = "标题\n两地共实施项目12个，总投资20.5亿元。其中农业项目7个，投资12亿元；文旅项目5个，投资8.5亿元。"
    roles = mention_roles(extract_money(parse(text), doc_id="d"))
    whole = f"20.5亿元 @{roles['start'].iloc[0]}"
    assert roles[["mention", "part_of", "role"]].values.tolist() == [
        ["20.5亿元", "", "item"],
        ["12亿元", whole, "excluded"],
        ["8.5亿元", whole, "excluded"],
    ]
    assert roles["reason"].iloc[1] == f"part of {whole}"
    assert tally(extract_money(parse(text), doc_id="d"), by=["doc_id"])["low_yuan"].tolist() == [
        2_050_000_000.0
    ]
    # in one sentence, a running total and its part: the part is not a second running total
    same = mention_roles(
        extract_money("累计投入帮扶资金960万元，其中今年投入310万元。", doc_id="d")
    )
    assert same["role"].tolist() == ["cumulative", "excluded"]
    # in brackets right after the total
    bracket = extract_money("项目总投资600万元（财政资金450万元，群众自筹150万元）。", doc_id="d")
    assert bracket["part_of"].tolist() == ["", "600万元 @5", "600万元 @5"]


def test_qizhong_makes_no_part_of_a_smaller_amount_or_of_no_amount():
    # 其中 after a count, no money before it: the amount is an item
    alone = extract_money("全县引进企业15家，其中投资超过5000万元的企业3家。", doc_id="d")
    assert alone["part_of"].tolist() == [""]
    # a part cannot be larger than its whole: the amount before 其中 is something else
    larger = extract_money("人均补助3000元。其中，县财政拨付资金200万元。", doc_id="d")
    assert larger["part_of"].tolist() == ["", ""]
    # a rate before 其中 is no whole
    rate = extract_money("每户补助5万元，其中2万元用于修缮房屋。", doc_id="d")
    assert rate["part_of"].tolist() == ["", ""]


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("标题\n公司向县医院捐赠价值80万元的医疗设备。", "health"),
        ("标题\n基金会捐赠图书3000册，价值15万元。", "education"),
        ("标题\n爱心企业为困难群众捐赠棉衣、棉被等生活物资，价值20万元。", "social"),
        ("标题\n总投资5000万元的县妇幼保健院已经建成。", "health"),
        ("标题\n援建的水电站总投资800万元。", "infrastructure"),
        ("标题\n中国某集团投资2亿元的度假酒店项目已完工。", "culture_tourism"),
        ("标题\n投资1.2亿元建成光伏电站。", "industry"),
        ("标题\n镇里利用协作资金200万元，在甲村建成一座面积800平方米的加工厂房。", "industry"),
        ("标题\n投入专项资金2亿元，大力发展特色种养业。", "industry"),
        ("标题\n两年来投入40万元，建成了5处人畜饮水工程。", "infrastructure"),
        ("标题\n集团出资300万元资助县里的跨江大桥工程建设。", "infrastructure"),
        ("标题\n商会捐赠村便民服务中心建设资金8万元。", "infrastructure"),
        ("标题\n向特困户每户发放生活扶助资金800元。", "social"),
        ("标题\n中央单位帮销农副产品1.5亿元。", "consumption"),
        ("标题\n计划在结对村购买500万元的农副产品。", "consumption"),
        ("标题\n落实资金20亿元，发展特色种植、农副产品加工等产业。", "industry"),
    ],
)
def test_goods_given_and_works_built_name_their_area(text, domain):
    # the goods of a gift (图书, 医疗设备, 生活物资) and the works an investment builds
    # (保健院, 水电站, 酒店; a solar station is industry) say what the money is for
    assert extract_money(text)["domain"].tolist() == [domain]


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("标题\n三年来共吸引社会资本超过80亿元。", "industry"),
        ("标题\n协作项目预计带动社会投资约30亿元。", "industry"),
        ("标题\n两年撬动各类资金近5亿元。", "general"),  # funds of any kind: no area
        ("标题\n该厂去年产值1.2亿元，纳税600万元。", "industry"),
        ("标题\n全县行政村年经营性收入均超过10万元。", "industry"),
    ],
)
def test_firms_capital_drawn_in_and_what_firms_and_collectives_earn_are_industry(text, domain):
    assert extract_money(text)["domain"].tolist()[-1] == domain


def test_a_part_of_a_whole_takes_the_whole_s_area_unless_it_names_its_own():
    rows = extract_money("标题\n县第二小学建设项目总投资5000万元，其中援疆资金3000万元。")
    assert rows[["mention", "domain"]].values.tolist() == [
        ["5000万元", "education"],
        ["3000万元", "education"],
    ]
    rows = extract_money("标题\n共投入资金2亿元，其中教育1.2亿元、卫生0.8亿元。")
    assert rows["domain"].tolist() == ["general", "education", "health"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("标题\n帮助销售农特产品价值10多亿元。", "purchase"),
        ("标题\n首批采购了价值近40万元的农副产品。", "purchase"),
        ("标题\n采购价值40万元的药品捐赠给县医院。", "in_kind"),  # bought to be given
        ("标题\n捐赠价值40万元的药品。", "in_kind"),
    ],
)
def test_what_was_sold_or_bought_told_with_its_worth_is_a_purchase(text, kind):
    assert extract_money(text)["kind"].tolist() == [kind]


def test_a_span_of_years_written_with_one_nian_is_a_running_total():
    rows = extract_money("标题\n2015—2020年，甲市对口支援乙县项目40项，总投资22.63亿元。")
    assert rows["cumulative"].tolist() == [True]
    assert extract_money("标题\n2019-2020学年，资助学生50万元。")["cumulative"].tolist() == [False]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("标题\n2024年，该项目获得40万元租金收益。", "outcome"),
        ("标题\n投入帮扶资金2880万元，2024年产生效益65万元。", "outcome"),
        ("标题\n全旗固定资产投资完成25.4亿元。", "outcome"),
        ("标题\n向合作社支付租金20万元。", "other"),  # rent paid is no return
    ],
)
def test_what_an_aided_asset_earns_and_a_places_investment_statistic_are_outcomes(text, kind):
    assert extract_money(text)["kind"].tolist()[-1] == kind


def test_a_months_pay_told_with_daoshou_is_a_rate():
    rows = extract_money("标题\n她在车间上班，一个月到手超过4500元。")
    assert rows[["is_rate", "rate_unit", "domain"]].values.tolist() == [
        [True, "per month", "employment"]
    ]
