"""How reports write who helps whom, read by ``aidlib.pairings`` (issue 16).

Each case is a sentence of a shape seen in many real reports (the dev and old held-out
sets), written here; the expected pairs are what a careful reader takes from it.
"""

import pytest

from aidlib.model_cards import against_gold
from aidlib.pairings import check_pairing, paired_provinces, pairings, same_place
from aidlib.structure import parse


def _pairs(text: str) -> list[tuple[str, str, bool]]:
    found = pairings(parse("标题\n" + text))
    return [(row.donor, row.recipient, row.directed) for row in found.itertuples()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list of places after the verb, side by side or joined, with a count after it
        (
            "深圳对口帮扶广西百色河池两市17县实现全部脱贫。",
            [("深圳", "百色", True), ("深圳", "河池", True)],
        ),
        (
            "山东省还帮助疏勒、岳普湖、英吉沙、麦盖提四县建设工业园区。",
            [("山东省", p, True) for p in ("疏勒", "岳普湖", "英吉沙", "麦盖提")],
        ),
        # the donor is the subject of an earlier clause of the sentence
        (
            "上海市及嘉定区积极动员社会力量，共向大姚县捐资捐物100万元。",
            [("上海市", "大姚县", True), ("嘉定区", "大姚县", True)],
        ),
        # A对B的定点帮扶, a body that helps
        ("十年来，华润集团全面推进对海原县的定点帮扶工作。", [("华润集团", "海原县", True)]),
        # the verb between donor and recipient, not an earlier one (以协作的形式)
        (
            "以协作的形式，上海市普陀区持续增加对东川区、寻甸县的对口援建项目。",
            [("普陀区", "东川区", True), ("普陀区", "寻甸县", True)],
        ),
        # B是A的对口援助地区 / A是B的对口帮扶单位
        ("西藏林芝地区是福建省的对口援助地区。", [("福建省", "林芝地区", True)]),
        ("省旅游集团是开化县齐溪镇的对口帮扶单位。", [("省旅游集团", "齐溪镇", True)]),
        # 援疆/援藏: to the region's place the sentence names, else to the region
        (
            "近日，浙江省下达援疆项目实施计划，阿克苏地区计划实施援疆项目370个。",
            [("浙江省", "阿克苏地区", True)],
        ),
        ("今年江苏援藏项目66个。", [("江苏", "西藏", True)]),
        (  # ... or names before it, below the region
            "距离西藏自治区林芝市中心约40公里的农场里，3名来自广东珠海的援藏干部正在劳动。",
            [("珠海", "林芝市", True)],
        ),
        ("新华社拉萨12月12日电 1994年以来，江苏援藏项目66个。", [("江苏", "西藏", True)]),
        # two places side by side that set up a pairing
        ("1996年，上海云南正式建立结对帮扶关系。", [("上海", "云南", True)]),  # 沪滇
        (
            "宁波市交通委和奉化市对晴隆县的民生项目给予支持，继续帮扶晴隆县。",
            [("宁波市交通委", "晴隆县", True), ("奉化市", "晴隆县", True)],
        ),
    ],
)
def test_pairings_as_reports_write_them(text, expected):
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A与B结对 names a pair without a verb between the two
        ("灵台县与津南区结对。", [("津南区", "灵台县", True)]),  # 津甘: Tianjin gives
        # a pairing sentence that lists its pairs after it (具体为：…)
        (
            "两市建立结对关系，具体为：雁塔区与汉滨区，碑林区与紫阳县。",
            [("雁塔区", "汉滨区", False), ("碑林区", "紫阳县", False)],
        ),
        # a list on one side of 与 pairs each of it with the one on the other
        (
            "具体为平利县、岚皋县与碑林区结对。",
            [("平利县", "碑林区", False), ("岚皋县", "碑林区", False)],
        ),
        # 和 with no verb lists places: no pair
        ("推动果洛和玛多的牛羊产业发展，助力对口支援工作。", []),
        # B是A…对口帮扶县: 的 and the programme's name may stand between, A with its parents
        ("鹤峰县是浙江省杭州市东西部扶贫协作对口帮扶县市之一。", [("杭州市", "鹤峰县", True)]),
        ("重庆市万州区是上海市对口支援地区之一。", [("上海市", "万州区", True)]),
        # A为B with a gift after it: A gives to B (not 成为, 作为, 具体为 …)
        ("宁波市先后为延安市援建学校3所。", [("宁波市", "延安市", True)]),
        ("上海市为云南省提供就业岗位。", [("上海市", "云南省", True)]),
        ("该县成为浙江省捐赠物资的集散地。", []),
        ("雁塔区因为汉滨区提供了场地而捐赠物资。", []),
        # 定点扶贫 is a pairing verb right before a place, not in 定点扶贫任务
        ("中国农业大学定点扶贫镇康县。", [("中国农业大学", "镇康县", True)]),
        ("44所直属高校承担了定点扶贫任务。", []),
        # people stationed in two places (驻甲乡…和驻乙村…) pair neither place with the other,
        # nor with a place of an earlier clause
        ("驻城口县沿河乡扶贫干部谢波和驻高坪村扶贫干部熊兴文到农户家了解产业。", []),
        ("驻沿河乡扶贫干部深入北坡村；11月19日，驻开州区大进镇扶贫干部赴大进镇商谈。", []),
        # banks and universities help as firms do (定点帮扶 by central units); not a name in
        # quotes (a model's), nor a university whose hospital is the party
        ("中国建设银行定点帮扶安康市。", [("中国建设银行", "安康市", True)]),
        ("自2019年起，南方大学与北县结对开展对口帮扶。", [("南方大学", "北县", False)]),
        ("通过“基础母牛银行”模式帮助海原县发展草畜。", []),
        ("由西安交通大学第一附属医院对口帮扶汉滨区医院。", []),
        # a company gives as a 集团 does (定点帮扶 by firms); not one named by a pronoun
        (
            "中核陕铀公司先后为阳平关镇曹家坝村捐赠资金50万元。",
            [("中核陕铀公司", "曹家坝村", True)],
        ),
        (
            "星网锐捷股份有限公司为临洮县教育局捐赠教学平台。",
            [("星网锐捷股份有限公司", "临洮县", True)],
        ),
        ("该公司为沿河县捐赠物资。", []),
        # 为's giver stands in its own clause, not in the clause before
        ("雁塔区开展技能培训，联系爱心机构为汉滨区残疾人提供就业培训。", []),
        # 对口合作 names a pairing programme as 对口协作 does
        ("深圳与哈尔滨开展对口合作。", [("深圳", "哈尔滨", True)]),  # 粤黑
        ("考察后，黑龙江省与广东省举行了对口合作项目签约仪式。", [("广东省", "黑龙江省", True)]),
        # 和 closing a 、-list joins its last place to the list, not to a partner
        ("国家电网公司承担湖北巴东、长阳、秭归、神农架和青海玛多等五个县区的定点帮扶任务。", []),
        ("由东莞市虎门、塘厦、清溪和长安四镇分别结对帮扶增巴村。", []),
    ],
)
def test_pairs_written_with_no_verb_between(text, expected):
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "记者从在成都召开的对口支援工作座谈会上获悉。",  # a venue is no party
        "盘州市党政代表团到中山市开展东西部协作考察交流。",  # a visit to look and learn
        "浙江省对口支援工作考察团抵达拉萨。",  # a delegation's journey
        "谱写东西协作、山海携手的华彩乐章。",  # no object after 、
        "访问团先后在银川市、吴忠市和固原市开展捐赠帮扶活动。",  # where, not who
    ],
)
def test_no_pairing_from_visits_venues_and_phrases(text):
    assert [pair for pair in _pairs(text) if pair[0] != pair[1]] == []


@pytest.mark.parametrize(
    "text",
    [
        "新一轮调整后，宝山区不再对口帮扶会泽县。",  # a pairing that ended
        "两地此前没有结对帮扶，义乌市未帮扶松潘县。",
    ],
)
def test_a_negated_pairing_verb_gives_no_pair(text):
    assert _pairs(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # bare 对口 right before a place is the verb of a pairing
        (
            "按照部署，温州对口阿坝，绍兴对口乐山。",
            [("温州", "阿坝", True), ("绍兴", "乐山", True)],
        ),
        ("东莞市对口昭通市扶贫协作工作稳步推进。", [("东莞市", "昭通市", True)]),
        # 对口 as an adjective is none
        ("宁海县医院与对口科室开展帮扶，邀请对口专业教师授课。", []),
    ],
)
def test_bare_duikou_before_a_place_pairs(text, expected):
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 援藏 in a report on the Tibetan areas of 四川, 云南 …: aid to them, not to 西藏
        (
            "温江区对口帮扶理塘县以来，温江援藏干部扎根高原。",
            [("温江区", "理塘县", True), ("温江", "理塘县", True)],
        ),
        ("上海援藏干部在香格里拉市开展工作。", [("上海", "香格里拉市", True)]),
        ("成都市青羊区累计投入援藏资金1亿元。", []),
    ],
)
def test_aid_to_tibetan_areas_of_other_provinces(text, expected):
    assert _pairs(f"{text}巴塘县、理塘县同步推进。") == expected


def test_aid_to_tibet_in_a_report_that_names_tibet_goes_to_tibet():
    assert _pairs("拉萨市、甘孜州代表参会。成都市累计投入援藏资金1亿元。") == [
        ("成都市", "西藏", True)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 分别 pairs two lists of one length by rank, not each with each
        (
            "太原、大同、阳泉分别对口帮扶吕梁、忻州、朔州。",
            [("太原", "吕梁", True), ("大同", "忻州", True), ("阳泉", "朔州", True)],
        ),
        # … written with their parent before and their count after (和平区, 河西区 are also
        # districts of other cities: no province's pairing turns them)
        (
            "由天津市和平、河西、南开3个区分别与甘南州夏河、碌曲、玛曲3个县结对。",
            [("和平", "夏河", False), ("河西", "碌曲", False), ("南开", "玛曲", True)],
        ),
        # lists of two lengths: each with each
        (
            "太原、大同分别对口帮扶吕梁、忻州、朔州。",
            [(a, b, True) for a in ("太原", "大同") for b in ("吕梁", "忻州", "朔州")],
        ),
    ],
)
def test_two_lists_pair_by_rank_with_fenbie(text, expected):
    assert _pairs(text) == expected


def test_a_place_is_no_partner_of_its_own_prefecture():
    assert _pairs("理塘县建成规划展厅，助力甘孜州文旅发展。") == []


def test_a_delegation_that_goes_to_help_pairs():
    pairs = _pairs("舟山市工商联一行赴万源市开展村企结对帮扶活动。")
    assert pairs == [("舟山市工商联", "万源市", True)]


def test_no_place_is_paired_with_itself():
    pairs = _pairs("北京市与河北省签署框架协议，助力河北省受帮扶地区脱贫。")
    assert all(not same_place(donor, recipient) for donor, recipient, _ in pairs)


def test_short_names_are_read_with_the_whole_report():
    doc = parse("标题\n大姚县位于楚雄州。\n上海市共向大姚捐赠资金。")
    assert [(r.donor, r.recipient) for r in pairings(doc).itertuples()] == [("上海市", "大姚")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a programme named by its provinces' one-character names, giver first
        ("闽宁协作走过二十多年。", [("福建省", "宁夏回族自治区", True)]),
        ("深化沪滇合作，助力乡村振兴。", [("上海市", "云南省", True)]),
        ("廣東借助粵桂扶貧協作平台。", [("广东省", "广西壮族自治区", True)]),
        ("粤滇两省深化劳务协作。", [("广东省", "云南省", True)]),  # or by its two sides
        ("见证沪滇两地深情厚谊。", [("上海市", "云南省", True)]),
        # pairings of the 2013 and 2016 east-west rounds that reports name too
        ("多年来苏青协作不断深化。", [("江苏省", "青海省", True)]),
        ("在苏黔双方共同努力下，铜仁市全部脱贫。", [("江苏省", "贵州省", True)]),
        ("闽甘两省携手推进产业合作。", [("福建省", "甘肃省", True)]),
        # a place named after a programme, a region of three, a pair no programme makes
        ("闽宁镇的移民种起了葡萄。", []),
        ("推动京津冀协作发展。", []),
        ("川渝合作不断深化。", []),
        ("依然活跃着沪粤帮扶干部的身影。", []),
    ],
)
def test_a_pairing_named_by_its_provinces(text, expected):
    assert _pairs(text) == expected


def test_a_province_named_by_its_character_in_a_pairing_name_is_that_province():
    assert same_place("闽", "福建") and same_place("桂", "广西壮族自治区")
    assert not same_place("闽", "宁夏")


def test_a_table_of_paired_provinces_names_file_and_line(tmp_path):
    table = tmp_path / "paired.csv"
    table.write_text(
        "name,donor,recipient,programme,since\n闽宁,福建省,宁夏回族自治区,x,1996\n"
        "宁桂,江苏省,广西壮族自治区,x,2000\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"paired.csv, line 3: 宁 stands for 宁夏回族自治区"):
        paired_provinces(table)
    table.write_text(
        "name,donor,recipient\n闽宁,福建省,宁夏回族自治区\n闽宁,福建省,宁夏回族自治区\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"paired.csv, line 3: 闽宁 is listed twice"):
        paired_provinces(table)
    table.write_text("pair,donor,recipient\n闽宁,福建省,宁夏回族自治区\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"paired.csv: missing columns \['name'\]"):
        paired_provinces(table)


def test_places_compare_through_the_gazetteer():
    assert same_place("青岛", "青岛市") and same_place("山東", "山东省")
    assert same_place("沿河县", "沿河土家族自治县")
    assert not same_place("西藏", "拉萨") and not same_place("雁塔区", "碑林区")


def test_a_gold_list_of_places_is_found_when_each_place_is():
    doc = parse("标题\n山东省还帮助疏勒、岳普湖两县建设工业园区，江苏援藏。")
    gold = {
        "pairings": [
            {"donor": "山东", "recipient": "疏勒、岳普湖两县"},
            {"donor": "山东省", "recipient": "疏勒、喀什两县"},
        ]
    }
    table = against_gold(doc, gold)
    assert table[table["part"] == "pairing"]["found"].tolist() == [True, False]
    extra = table[table["part"] == "extra pairing"]
    assert extra["found_text"].tolist() == ["江苏 → 西藏"]


def test_the_card_warns_only_when_text_and_metadata_disagree():
    found = pairings(parse("标题\n越城区对口帮扶马边彝族自治县，天津市5个区对口帮扶承德市5个县。"))
    inside = {"donors": "绍兴市越城区", "recipient": "乐山市"}  # 马边 is a county of 乐山市
    listed = {"donors": ["天津市"], "recipient": "张家口市、承德市、保定市"}
    assert check_pairing(found, inside) == "" and check_pairing(found, listed) == ""
    warning = check_pairing(found, {"donors": ["江苏"], "recipient": "拉萨市"})
    assert warning.startswith("the text pairs 越城区 → 马边彝族自治县")


def test_a_region_word_after_a_school_does_not_stop_the_reading():
    # 自治区 alone after a place and a school name took a FALLBACK branch that called
    # _is_parent with the arguments of an older version
    text = "标题\n北京对口支援拉萨。拉萨市北京中学、拉萨北京实验中学获评首批自治区示范校。"
    found = pairings(parse(text))
    assert found[["donor", "recipient"]].values.tolist() == [["北京", "拉萨"]]


def test_a_word_jieba_tags_a_place_pairs_only_when_the_gazetteer_knows_it():
    # 山海 (the east-west aid metaphor), 华夏 and 深度 are no parties, nor 新建 (a verb jieba
    # tags a place for 新建区); 惠城 and a village are
    doc = parse(
        "山海同心谱新篇——天津市与甘南州协作综述\n"
        "华夏儿女对口帮扶西部地区。镇安县深度对接南京市浦口区。\n"
        "惠城对口帮扶册亨。中铁集团结对帮扶中堡村。厦门投入帮扶资金新建了一栋综合楼。"
    )
    pairs = pairings(doc)[["donor", "recipient"]].values.tolist()
    named = {name for pair in pairs for name in pair}
    assert not named & {"山海", "华夏", "深度", "新建"}
    assert ["惠城", "册亨"] in pairs and any(recipient == "中堡村" for _, recipient in pairs)


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("贾汪区与太白县开展苏陕协作。", ("贾汪区", "太白县", True)),  # Jiangsu gives to Shaanxi
        ("乌兰察布市与大兴区深化京蒙协作。", ("大兴区", "乌兰察布市", True)),  # turned round
        ("定西市结对帮扶青岛市。", ("青岛市", "定西市", True)),  # misread: Shandong gives
        ("巴东捐赠物资助力杭州疫情防控。", ("巴东", "杭州", True)),  # a gift flows back
        ("汉滨区与雁塔区结对。", ("汉滨区", "雁塔区", False)),  # one province: no direction
        ("漳县与长乐区共建产业园。", ("长乐区", "漳县", True)),  # 闽甘: Fujian gives
    ],
)
def test_the_provinces_pairing_gives_a_pair_its_direction(sentence, pair):
    found = pairings(parse(f"标题\n{sentence}"))
    assert tuple(found[["donor", "recipient", "directed"]].iloc[0]) == pair
    match = found["match"].iloc[0]
    assert match and sentence.startswith(match[:2])
