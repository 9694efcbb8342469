"""Document structure on the two seed reports, as the foundation issue fixes it."""

import random
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidlib import furniture
from aidlib.corpus import DEFAULT_DATA_DIR
from aidlib.normalize import ends_sentence, is_prose, normalize
from aidlib.structure import LEAD_SECTION, parse, sentence_spans

#: A paragraph longer than a short block: the body has begun.
_LONG = "学校落成，资金全部到位，新学期开始后，来自三个乡镇的六百多名学生将在这里上课。"


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


def _paragraphs(n: int, seed: int = 0) -> list[str]:
    texts = [p.text for p in parse(_seed_text("yanta-hanbin")).paragraphs]
    return random.Random(seed).sample(texts, n)


def _seed_text(name: str) -> str:
    return (DEFAULT_DATA_DIR / "raw" / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "source_line", ["——摘自《陕西日报》", "——供稿：汉滨区融媒体中心", "——摘自某某网 2021年3月"]
)
def test_a_late_dash_line_is_no_subtitle_and_makes_no_captions(source_line):
    body = _paragraphs(12)
    doc = parse("\n".join(["他乡亦故乡 携手奔小康", *body[:8], source_line, *body[8:]]))
    assert doc.title == "他乡亦故乡 携手奔小康" and doc.subtitle == ""
    assert len(doc.paragraphs) == 12 and doc.captions == []


@pytest.mark.parametrize(
    "opening", ["——碑林对口帮扶丹凤工作纪实", "——记雁塔区对口帮扶汉滨区工作纪实"]
)
def test_a_report_opening_with_a_dash_line_keeps_its_first_paragraph(opening):
    body = _paragraphs(5, seed=1)
    doc = parse("\n".join([opening, *body]))
    assert doc.subtitle == opening.lstrip("—") and doc.title == ""
    assert [p.text for p in doc.paragraphs] == [normalize(p).text for p in body]


@pytest.mark.parametrize("position", [0, 1, 3, -1])
def test_a_sentence_is_never_title_subtitle_or_caption(position):
    lines = ["标题", "——副题", "一、概况", "说明，图片"]
    sentence = "雁塔区向汉滨区捐赠帮扶资金200万元。"
    lines.insert(position if position >= 0 else len(lines), sentence)
    doc = parse("\n".join(lines))
    assert sentence in [p.text for p in doc.paragraphs]
    assert sentence not in (doc.title, doc.subtitle, *doc.captions)


def test_reshuffled_seed_reports_all_have_paragraphs():
    blocks = [
        b.text
        for name in ("yanta-hanbin", "beilin-danfeng")
        for b in parse(_seed_text(name)).blocks
    ]
    rng = random.Random(11)
    for n in range(300):
        report = rng.sample(blocks, rng.randint(1, 25))
        if not any(is_prose(b) or ends_sentence(b) for b in report):
            report.append(rng.choice([b for b in blocks if is_prose(b)]))
        assert parse("\n".join(report)).paragraphs, f"report {n}: {report[:3]}"


def test_parsing_memory_grows_linearly_with_heading_lines():
    def peak(n: int) -> int:
        text = "\n".join(f"第{i}项工作" for i in range(n)) + "\n投入资金。"
        tracemalloc.start()
        parse(text)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(2_000), peak(8_000)
    assert large < 6 * small, "4x the lines must take about 4x the memory, not 16x"


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(st.characters(exclude_categories=())),
        st.lists(
            st.sampled_from(["—", "——", "\n", "标题", "。", "记者 张三", "分享到："]), max_size=12
        ).map("".join),
    )
)
def test_parse_takes_any_string(text):
    doc = parse(text)
    assert all(doc.text[b.start : b.end] == b.text for b in doc.blocks)
    assert isinstance(doc.title + doc.subtitle + doc.byline + doc.dateline, str)


@pytest.mark.parametrize("text", ["", "—", "——", "\n\n", "\u3000", "\ud800", "標題\udfff"])
def test_parse_of_nearly_empty_text(text):
    assert parse(text).paragraphs == []


@pytest.mark.parametrize(
    "text", ["3元\ud800。", "標題\n記者\udfff 張三\n內容。\ud800", "\x00\x85\u2028内容。"]
)
def test_parse_of_text_with_lone_surrogates_and_control_characters(text):
    doc = parse(text)
    assert doc.paragraphs
    assert all(doc.text[b.start : b.end] == b.text for b in doc.blocks)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("分享到：", "share or app prompt"),
        ("打开人民日报客户端阅读全文", "share or app prompt"),
        ("首页 > 新闻中心 > 正文", "navigation"),
        ("上一篇", "navigation"),
        ("相关新闻", "list label"),
        ("版权所有 未经授权不得转载", "copyright or disclaimer"),
        ("中共某某县委宣传部主管 某某县融媒体中心主办", "copyright or disclaimer"),
        ("承办单位：某某县人民政府办公室", "copyright or disclaimer"),
        ("（责任编辑：王五）", "editor or source line"),
        ("【编辑：李岩】", "editor or source line"),
        ("第2页", "page counter"),
        ("已有0人参与，点击查看更多精彩评论", "share or app prompt"),
        ("网友评论仅供网友表达个人看法", "share or app prompt"),
        ("还没有评论，快来抢沙发吧！", "share or app prompt"),
        ("点击展开全文", "share or app prompt"),
        ("您所在的位置：某某网 >> 新闻 >> 聚焦", "navigation"),
        ("声明：文章仅代表原作者观点，不代表本站立场", "copyright or disclaimer"),
        ("本站部分资料来源于互联网，如侵犯您的权益，请联系删除", "copyright or disclaimer"),
        ("（下转第八版）", "page counter"),
        ("• 點擊：971", "share or app prompt"),
        ("以下留言只代表网友个人观点，不代表本站观点", "share or app prompt"),
        ("手机读报看新闻，下载掌上某某", "share or app prompt"),
        ("文章字数：493", "editor or source line"),
        ("相关热词：东西部协作", "editor or source line"),
        ("下载附件 (451.81 KB)", "attachment or image placeholder"),
        ("文章图片", "attachment or image placeholder"),
        ("【 第1页 第2页 第3页 】", "page counter"),
        ("【打 印】 【关 闭】", "share or app prompt"),
        ("首页English", "share or app prompt"),
        ("专栏：", "editor or source line"),
        ("某某日报", "newspaper name"),
        (
            "要闻       |       城市远洋       |       原创      |       视频       |      热点专题",
            "navigation",
        ),
    ],
)
def test_furniture_lines_leave_the_body_with_their_rule(line, rule):
    doc = parse(f"标题甲\n碑林区投入资金300万元。\n{line}\n丹凤县建成产业园。")
    found = [b for b in doc.blocks if b.text == normalize(line).text]
    assert [(b.kind, b.rule) for b in found] == [("furniture", rule)]
    assert ("furniture", normalize(line).text, rule) in [
        (kind, before, after) for kind, _, before, after in doc.fix_rows
    ]
    assert len(doc.paragraphs) == 2


def test_a_paragraph_naming_a_body_that_leads_and_one_that_hosts_is_no_furniture():
    # 主管 … 主办 is a site's footer only with two characters before 主管 and no ，。 between
    assert furniture.line_rule("县委宣传部主管 县融媒体中心主办") == "copyright or disclaimer"
    assert furniture.line_rule("主管部门县融媒体中心主办") == ""
    assert furniture.line_rule("分管领导，主管部门和县融媒体中心主办的活动") == ""


@pytest.mark.parametrize(
    ("last", "kind"),
    [
        ("眼下，贞丰县北盘江两岸，近6万亩百香果、芒果", "paragraph"),  # saved mid-sentence
        ("“上林是个美丽的", "caption"),  # no clause comma: a caption, as the layout says
        ("驻汉滨工作队与基层党支部联合开展主题党日", "caption"),
        ("微博、微信", "caption"),
        ("援建的学校，张三摄", "caption"),  # a photo credit
        ("图为援建的学校，孩子们在上课", "caption"),
    ],
)
def test_a_last_block_with_a_clause_comma_is_a_paragraph_cut_off(last, kind):
    doc = parse(f"标题甲\n碑林区投入资金300万元。\n产业协作\n{last}\n分享到：")
    assert [(b.kind, b.text) for b in doc.blocks][-2] == (kind, normalize(last).text)
    # before a paragraph the short line is a heading; after the body, a caption
    assert doc.blocks[2].kind == ("heading" if kind == "paragraph" else "caption")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # headings pair two phrases with a comma or a colon, or are numbered
        ("机制创新，构建全方位协作体系", "heading"),
        ("产业对接：合作相得益彰", "heading"),
        ("一、聚焦教育帮扶，补齐短板", "heading"),
        ("昔日“干沙滩”，今日“金沙滩”", "heading"),
        # a caption: dated, a photo word at its end, 图为 or a picture's source
        ("8月29日，援建的急救车辆交付使用", "caption"),
        ("近日，援建干部在村里调研", "caption"),
        ("捐赠仪式现场", "caption"),
        ("援建的小学（图1）", "caption"),
        ("图为援建的小学", "caption"),
        ("援建的小学。 县委宣传部供图 摄", "caption"),
        ("新建的扶贫车间（资料图）", "caption"),
    ],
)
def test_a_short_line_in_the_body_is_a_heading_unless_it_reads_as_a_caption(line, kind):
    doc = parse(f"标题甲\n碑林区投入资金300万元。\n{line}\n丹凤县建成产业园。")
    assert [(b.kind, b.text) for b in doc.blocks][2] == (kind, normalize(line).text)
    assert len(doc.paragraphs) == 2


@pytest.mark.parametrize(
    ("line", "paragraphs"),
    [
        # a page saved as one line: a space after each paragraph's last sentence
        ("两地结下不解之缘。 20年，山海结盟。 福建倾力帮扶，宁夏主动对接。", 3),
        ("他说：“好！” 今年投入资金。 明年再投入。", 3),
        ("两地结下不解之缘。 20年，山海结盟。", 1),  # one space after a sentence: a slip
        ("投入资金 。 建成学校 。 开展培训 。", 1),  # spaced punctuation, one paragraph
    ],
)
def test_paragraphs_joined_on_one_line_are_split_at_the_spaces_after_a_sentence(line, paragraphs):
    doc = parse(f"标题甲\n{line}")
    assert len(doc.paragraphs) == paragraphs
    assert "".join(s.text for s in doc.sentences).replace(" ", "") == line.replace(" ", "")


def test_a_cut_off_paragraph_needs_body_text_before_it():
    doc = parse("标题甲\n眼下，贞丰县北盘江两岸")
    assert doc.paragraphs == [] or doc.paragraphs[0].text != "眼下，贞丰县北盘江两岸"


@pytest.mark.parametrize("label", ["相关新闻", "新闻推荐", "滚动头条："])
def test_items_under_a_list_label_are_furniture(label):
    doc = parse(
        f"标题甲\n碑林区投入资金300万元。\n{label}\n- 2020年11月04日兰州举办对接活动\n• 另一条新闻标题"
    )
    assert [b.kind for b in doc.blocks] == [
        "title",
        "paragraph",
        "furniture",
        "furniture",
        "furniture",
    ]


@pytest.mark.parametrize(
    ("text", "hint", "title"),
    [
        ("首页 > 正文\n援建学校落成\n分享到：\n学校落成。", "援建学校落成_某某网", "援建学校落成"),
        ("专题\n援建学校落成！\n学校落成。", "援建学校落成！", "援建学校落成！"),
        ("援建学校落成\n援建学校落成\n学校落成。", "", "援建学校落成"),
        ("今年,某县投入资金。\n学校落成。", "援建学校落成", ""),
        ("学校落成。\n“援建学校落成”\n资金到位。", "援建学校落成", ""),
        # a short line of the site's, running text though it is, does not start the body
        (f"欢迎您来到某某基金会官方网站！\n援建学校落成\n{_LONG}", "援建学校落成", "援建学校落成"),
        (f"手机终端下载：\n援建学校落成\n{_LONG}", "援建学校落成", "援建学校落成"),
        # a banner before the breadcrumb, or a list under a label, may hold the title
        (f"援建学校落成\n首页 > 新闻\n{_LONG}", "援建学校落成", "援建学校落成"),
        (f"最新新闻：\n援建学校落成\n{_LONG}", "援建学校落成", "援建学校落成"),
        # after a long paragraph the body has begun: a line there is no title
        (f"{_LONG}\n援建学校落成\n资金到位。", "援建学校落成", ""),
    ],
)
def test_title_from_the_metadata_or_the_layout_never_a_paragraph(text, hint, title):
    doc = parse(text, title_hint=hint)
    assert doc.title == title
    assert doc.title not in [p.text for p in doc.paragraphs]
    assert sum(b.kind == "title" for b in doc.blocks) == (1 if title else 0)
    assert all(b.rule == "" for b in doc.blocks if b.kind != "furniture")


_DATED = "2021-07-07 19:48 来源：某某日报"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # the headline stands right above the date or source line, under the site's name
        (
            f"某某在线\n手机版\n两地协作项目资金全部到位\n{_DATED}\n{_LONG}",
            "两地协作项目资金全部到位",
        ),
        # ... and over the site's furniture between them
        (
            f"某某新闻网\n两地协作项目资金全部到位\n分享到：\n{_DATED}\n{_LONG}",
            "两地协作项目资金全部到位",
        ),
        # a headline with a comma or an exclamation reads as running text
        (
            f"资金到位、干部到岗！两地再续协作情\n{_DATED}\n{_LONG}",
            "资金到位、干部到岗！两地再续协作情",
        ),
        (
            f"新闻\n投入资金1.2亿元，建成项目36个\n记者 王五\n{_LONG}",
            "投入资金1.2亿元，建成项目36个",
        ),
        # a breadcrumb that ends in the headline is the site's, however long the headline
        (
            f"当前位置：首页 > 资讯 > 地方 > 某某县与某某区签订东西部协作帮扶协议\n"
            f"某某县与某某区签订东西部协作帮扶协议\n{_DATED}\n{_LONG}",
            "某某县与某某区签订东西部协作帮扶协议",
        ),
        # no date line: the first line long enough for a headline, not a site name or menu
        (f"其他\n东西部协作助推茶产业发展\n{_LONG}", "东西部协作助推茶产业发展"),
        # ... or the body's first line, when it is shaped as a headline
        (f"其他\n两地情深！五年投入帮扶资金39亿元\n{_LONG}", "两地情深！五年投入帮扶资金39亿元"),
        # a quoted sentence, a label or a line with 。 is no headline
        (f"他说：“这笔钱来得及时！”\n{_LONG}", ""),
        (f"内容检索：\n{_DATED}\n{_LONG}", ""),
        (f"两地签订协议。资金到位\n{_DATED}\n{_LONG}", ""),
        # a wire's dateline gives its story's title after 题：
        (f"新华社昆明9月22日电 题：山海携手\n记者 王五\n{_LONG}", "山海携手"),
    ],
)
def test_without_the_metadata_title_the_headline_is_found_by_the_layout(text, title):
    doc = parse(text)
    assert doc.title == title
    assert sum(b.kind == "title" for b in doc.blocks) == (1 if title else 0)


@pytest.mark.parametrize(
    "line",
    [
        "欢迎来到某某日报社数字报纸",
        "感谢您浏览某某网",
        "当前版：02版",
        "15：专版",
        "00004版：今日关注",
        "第A5版：要闻 上一版 下一版",
        "标题导航",
        "问答网首页 > 最新热搜 > 银川 > 闽宁协作助宁夏泾源：小菌菇撑起大民生",
        "发布机构：县发展改革局",
        "首页 财经 要闻 行业 快讯 黄金",
        "通版阅读请点击：",
        "更多 今日话题",
        "生活扩展阅读",
        "微信公众号",
        "关注某某网",
        "简体版| 繁体版",
        "阅读：1047次",
        "微信图片_20250916021209_230_2.jpg",
        "<!--/8962/web_cntv/dicengye_hu",
        "国产精品视频一区二区_在线观看_中文字幕",
        "栏目：三乡 来源：中山+",
        "累计访问量：307338",
        "浏览量",
        "责任编辑 冯宣",
        "审核 郭勇",
        "举报",
        "核心提示：原标题：福建提高援宁资金补助标准记者从福建省财政厅获悉，2018年，省财政提",
        "您当前的位置：首页 » 苍溪县召开2025年东西部协作工作... » 详情",
        "A01：一版要闻",
        ">>4-5版",
        ">2023年10月28星期六",
        "按日期检索",
        "秀山电子报",
        "放大 缩小 默认",
        "一审：单 虹 一校：马纯 二审：聂学虎",
        "国产a级三级三级三级，波多野结衣aⅴ在线，成年午夜性视频",
        "新华网 正文",  # the label over the article
        "文章正文",
        "正在加载",  # a script's loading text
        "QQ截图20240826061003",  # an image file's name
        "微信截图_20200717162640",
        '<image>data:image/png;base64,iVBORw0KGgo=" alt="图片',  # an inline image's markup
        "新闻热线0891-6325020",
        "首页 某市信息 某市资讯",  # a portal's menu bar
        "某省手机报订阅方式：",  # a subscription prompt
        "移动用户发送短信SD到10658000",
        "某某网官方微信",
        "某市公众号",
        "相關鏈結",  # a list label as Taiwan and gov.cn's big5 pages write it
        "欄目推薦",
    ],
)
def test_site_greetings_epaper_pages_and_long_breadcrumbs_are_furniture(line):
    assert furniture.line_rule(line)


@pytest.mark.parametrize(
    "line", ["关注民生", "更多群众受益", "成人教育学院", "产业帮扶", "热线电话畅通", "首页设计"]
)
def test_a_short_heading_of_a_report_is_no_furniture(line):
    assert furniture.line_rule(line) == ""


def test_a_run_of_one_word_lines_is_a_menu_and_headings_between_paragraphs_are_not():
    menu = ["扶贫要闻", "部门动态", "协会新闻", "对口帮扶"]
    first, second, third = _paragraphs(3, seed=5)
    lines = ["两地协作项目资金全部到位", *menu, first, "产业帮扶", second, "消费帮扶", third]
    doc = parse("\n".join(lines))
    assert [b.rule for b in doc.blocks if b.text in menu] == ["menu"] * 4
    assert [h.text for h in doc.headings] == ["产业帮扶", "消费帮扶"]


def test_a_keyword_banner_above_the_breadcrumb_is_the_sites_though_it_has_commas():
    banner = "综合资讯网，最新资讯，热门视频，精彩推荐，高清图集，每日更新，欢迎收藏本站，天天好看"
    doc = parse(
        f"{banner}\n您所在的位置：首页 >> 新闻\n两地协作项目资金全部到位\n{_DATED}\n{_LONG}"
    )
    assert doc.blocks[0].rule == "page banner"
    assert doc.title == "两地协作项目资金全部到位"


@pytest.mark.parametrize(
    ("text", "dateline", "byline"),
    [
        (
            "标题\n2021-05-12 09:30 来源：某某日报\n会议召开。",
            "2021-05-12 09:30 来源：某某日报",
            "",
        ),
        ("标题\n本报贵阳6月3日电（记者 张三）会议召开。", "本报贵阳6月3日电", "（记者 张三）"),
        ("标题\n本报讯 6月3日，会议召开。（李四）", "本报讯", "（李四）"),
        ("标题\n记者 王五 通讯员 赵六\n会议召开。", "", "记者 王五 通讯员 赵六"),
        ("标题\n会议召开。\n本报记者 朱婉琪", "", "本报记者 朱婉琪"),
        ("标题\n央视网消息：会议召开。", "央视网消息：", ""),
    ],
)
def test_datelines_and_bylines_in_any_position(text, dateline, byline):
    doc = parse(text)
    assert (doc.dateline, doc.byline) == (dateline, byline)
    assert doc.paragraphs and not doc.truncated


@pytest.mark.parametrize(
    "line",
    [
        "<b>就业</b>帮扶成效明显。",
        "收入从3000元>5000元，翻了一番！",
        "今年产值 > 去年，群众满意？",
    ],
)
def test_a_sentence_with_angle_brackets_is_not_a_breadcrumb(line):
    doc = parse(f"标题\n{line}")
    assert [block.kind for block in doc.blocks] == ["title", "paragraph"]


def test_the_value_under_a_label_alone_on_its_line_is_furniture():
    doc = parse("对口帮扶见成效\n两地签订协议，投入资金500万元。\n来源：\n新华网\n作者：\n李春惠")
    assert {"新华网", "李春惠"} <= {block.text for block in doc.furniture}
    assert "新华网" not in doc.text[doc.body[-1].start : doc.body[-1].end]


def test_a_news_agency_caption_and_its_credit_are_captions_not_the_byline():
    doc = parse(
        "东西部协作见成效\n两地签订协议，投入资金500万元。\n"
        "在化德县白音特拉村脱贫产业园，工人在车间内工作（2020年8月18日摄）。\n"
        "新华社记者 彭源 摄\n两地继续深化协作。"
    )
    kinds = {block.text: block.kind for block in doc.blocks}
    assert kinds["新华社记者 彭源 摄"] == "caption" and doc.byline != "新华社记者 彭源 摄"
    assert kinds["在化德县白音特拉村脱贫产业园，工人在车间内工作（2020年8月18日摄）。"] == "caption"


def test_a_wire_story_gives_its_dateline_title_and_byline():
    doc = parse(
        "中新网西宁4月24日电 题：青海黄南：对口支援，一寸山水一寸情\n"
        "作者 孙丽丽 胡贵龙 张添福\n四月的青海省黄南藏族自治州，芳菲浸染。两地签订协议。"
    )
    assert doc.title == "青海黄南：对口支援，一寸山水一寸情"
    assert doc.dateline == "中新网西宁4月24日电"
    assert doc.byline == "作者 孙丽丽 胡贵龙 张添福"


def test_a_photo_story_reads_its_captions_as_paragraphs():
    text = (
        "11月11日，两地代表在捐赠仪式上。当日，上海对口支援喀什项目签约，捐款共计1.1亿元。"
        " 新华社记者 张三 摄\n"
        "一名护士在新建的卫生院里工作（4月18日摄）。新华社记者 李四 摄\n"
    )
    assert [block.kind for block in parse(text).blocks] == ["paragraph", "paragraph"]
    with_text = parse(
        "援建卫生院投入使用\n卫生院今年投入使用，群众就近看病。\n一名护士在工作。 新华社记者 李四 摄\n"
    )
    assert [block.kind for block in with_text.blocks] == ["title", "paragraph", "caption"]


def test_a_lone_print_bullet_marks_a_byline_or_heading_and_a_run_of_bullets_a_list():
    doc = parse(
        "奔小康 跨越山川来牵手\n□本报记者 侯冲\n1月3日，村第一书记走进了贫困户的家。\n"
        "●高原上的“医”靠\n援藏医生扎根卫生院，群众就近看病。\n• 时政\n• 国际\n"
    )
    kinds = [(block.kind, block.text) for block in doc.blocks]
    assert kinds[1] == ("byline", "□本报记者 侯冲")
    assert kinds[3] == ("heading", "●高原上的“医”靠")
    assert [kind for kind, _ in kinds[5:]] == ["furniture", "furniture"]


@pytest.mark.parametrize(
    ("line", "title", "site"),
    [
        ("沪滇协作打造高“颜值”村寨-环球快讯", "沪滇协作打造高“颜值”村寨", "-环球快讯"),
        (
            "东台市与耀州区手拉手奔小康_新華網陜西頻道",
            "东台市与耀州区手拉手奔小康",
            "_新華網陜西頻道",
        ),
        ("鲁渝协作看彭水 - 华龙网", "鲁渝协作看彭水", "- 华龙网"),
    ],
)
def test_a_sites_name_after_the_headline_is_furniture(line, title, site):
    doc = parse(f"{line}\n2023-06-26 来源：县域经济报\n两地携手并肩奔小康，深化乡镇结对。\n")
    assert doc.title == title
    assert ("furniture", site) in [(block.kind, block.text) for block in doc.blocks]


def test_a_dash_pair_after_the_headline_still_opens_its_subtitle():
    doc = parse("山海携手谱新篇 ——东西部协作纪实\n两地携手并肩奔小康，深化乡镇结对。\n")
    assert (doc.title, doc.subtitle) == ("山海携手谱新篇", "东西部协作纪实")


def test_a_related_reading_list_runs_on_over_its_items_source_and_date_lines():
    doc = parse(
        "标题\n正文第一段，投入资金。\n相关阅读\n京蒙协作情谊浓\n北京丰台官方发布 2024-10-31\n"
        "加强东西部协作，助推教育高质量发展\n光明日报 2024-07-12\n数字教育让山海“相连”"
    )
    assert [block.text for block in doc.body] == ["正文第一段，投入资金。"]
    assert doc.dateline == "" and len(doc.furniture) == 6


def test_a_masthead_above_the_headline_is_no_kicker_and_a_credit_line_no_byline():
    doc = parse("北京青年报\n山海携手谱新篇\n图/新华社发\n闽宁协作二十多年来，成效显著。")
    assert (doc.title, doc.subtitle, doc.byline) == ("山海携手谱新篇", "", "")
    assert [block.text for block in doc.furniture] == ["北京青年报"]


def test_a_readers_toolbar_with_page_numbers_is_furniture_not_the_title():
    doc = parse("3上一篇  下一篇4放大 缩小 默认\n协作指导意见印发\n东西部扶贫协作工作持续推进。")
    assert doc.title == "协作指导意见印发"


def test_a_headline_without_an_end_mark_is_not_reported_cut_off():
    doc = parse(
        "福建又上新闻联播了!闽宁对口扶贫成东西部扶贫协作典范\n\n2020-07-02 10:30:43  来源:央视网\n\n"
        "闽宁协作二十多年来，福建累计投入财政援助资金。两地携手发展，共谋新篇，投入资金\n\n"
        "下一段内容，继续写。"
    )
    assert [(fix[0], fix[1]) for fix in doc.fix_rows if fix[0] == "truncated"] == [("truncated", 5)]


def test_captions_closed_by_a_picture_source_or_a_day_without_the_year():
    doc = parse(
        "标题\n昭通市镇雄县，前来帮扶的医生正在义诊。资料图片\n"
        "绣娘在制作刺绣产品（11月8日摄）。\n车间工人在生产线上作业。本报记者 张勇摄/光明图片\n"
        "东西部协作持续推进，成效显著。"
    )
    assert [block.kind for block in doc.blocks[1:]] == ["caption"] * 3 + ["paragraph"]


def test_a_long_menu_bar_above_the_headline_leaves_the_headline_the_title():
    doc = parse(
        "要聞    |    城市遠洋    |    原創    |    視頻        直觀中國    |    老外在貴州    |    Hi，貴州！\n"
        "大連援黔工作隊依託産業扶貧 注重“造血”促發展\n2020-07-31 17:13:59來源：國際在線\n"
        "今年6月份以來，遼寧省大連市緊密對接貴州省六盤水市，投入資金。",
        title_hint="大連援黔工作隊依託産業扶貧 注重“造血”促發展",
    )
    assert doc.title == "大連援黔工作隊依託産業扶貧 注重“造血”促發展"


def test_a_reprints_original_headline_under_its_label_opens_no_section():
    doc = parse(
        "两地协作结硕果\n原标题：\n山海携手 闯出发展新空间\n"
        "今年以来，两地共实施协作项目20个。\n产业合作\n两地共建产业园3个。"
    )
    assert doc.title == "两地协作结硕果"
    assert [block.text for block in doc.headings] == ["产业合作"]
    assert "山海携手 闯出发展新空间" in [block.text for block in doc.furniture]


def test_a_commentators_line_is_a_byline():
    doc = parse("两地情谊长\n某某新闻评论员 张三\n两地携手发展，协作不断深入。")
    assert doc.byline == "某某新闻评论员 张三"


def test_an_editors_note_label_and_a_writers_line_are_no_title():
    doc = parse("编者按\n今年是两地协作第十年。各地总结经验，本刊摘编如下。\n两地共建产业园3个。")
    assert doc.title == "" and doc.furniture[0].text == "编者按"
    doc = parse("撰文 | 张三\n两地正在双向奔赴，不断创新协作模式。")
    assert doc.title == "" and doc.byline == "撰文 | 张三"


@pytest.mark.parametrize(
    "caption",
    [
        "援建的学校投入使用。张三 摄",  # the credit right after the sentence end
        "援建的学校投入使用。某报 张三 拍摄",
        "援建的学校投入使用。张三 摄（某某视觉）",  # the agency that sells the picture
    ],
)
def test_a_line_closed_by_a_photo_credit_is_a_caption(caption):
    doc = parse(
        f"两地协作结硕果\n两地共建学校3所，总投资5000万元。\n{caption}\n两地还共建医院2所。"
    )
    assert [block.kind for block in doc.blocks] == ["title", "paragraph", "caption", "paragraph"]


def test_the_metadata_title_is_the_title_though_the_next_line_repeats_it_with_more():
    doc = parse(
        "两地协作谱新曲\n两地协作谱新曲 - 某某吧\n两地携手发展，协作不断深入。",
        title_hint="两地协作谱新曲",
    )
    assert doc.title == "两地协作谱新曲"


def test_numbered_headings_nest_by_their_numbering_not_by_where_they_stand():
    doc = parse(
        "两地协作工作总结\n一、基本情况\n（一）高位推动\n两地召开联席会议3次。\n（二）紧密衔接\n"
        "两地互派干部10名。\n二、存在问题\n资金到位较慢。"
    )
    assert [(b.text[:4], b.level) for b in doc.headings] == [
        ("一、基本", 1),
        ("（一）高", 2),
        ("（二）紧", 2),
        ("二、存在", 1),
    ]
    assert doc.blocks[-1].path == ("二、存在问题",)


def test_a_paragraph_that_names_its_organiser_is_no_copyright_notice():
    doc = parse(
        "标题\n那曲急需御寒衣物，于是主办单位筹集了首批爱心物资运到那曲。\n主办单位：某某网"
    )
    assert [block.kind for block in doc.blocks] == ["title", "paragraph", "furniture"]
