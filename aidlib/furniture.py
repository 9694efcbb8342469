"""Site furniture: the lines a web page or an archive wraps around a report.

Share and app prompts, navigation and breadcrumbs, "related news" lists, copyright
and disclaimer notices, editor and source lines, page counters and image notes are
no part of what a report says. ``line_rule`` names the rule a single line meets;
``aidlib.structure.parse`` applies it (and the rules that need neighbouring lines:
lists, page headers, duplicates) and keeps such lines out of the body.

Every rule is a kind of line that news sites and government portals print around
their articles, not a phrase of one report.

>>> line_rule("分享到："), line_rule("首页 > 新闻热点 > 正文"), line_rule("（责任编辑：朝艳）")
('share or app prompt', 'navigation', 'editor or source line')
>>> line_rule("碑林区投入帮扶资金300万元。")
''
"""

from __future__ import annotations

import re

from aidlib.chars import CJK, SENTENCE_END, simplified

#: Longest line, in characters, that an editor, source or navigation line may be.
SHORT_LINE_CHARS = 40

_OPEN = r"^[-•·]?\s*[【\[（(〔]?\s*"
_SPAM_WORDS = (
    "在线观看|一区二区|无码|麻豆|中文字幕|精品视频|[Aa][Vvⅴ]在线|波多野|人妻|东京热|午夜性"
)
#: What a site's or channel's name ends in (华龙网, 新华网陕西频道, 环球快讯, 人民在线).
SITE_NAME_ENDS = "网|频道|快讯|在线|资讯|门户|头条|客户端"
_RULES: list[tuple[str, re.Pattern[str], int]] = [
    (
        "share or app prompt",
        re.compile(
            r"分享到|分享至|^分享$|扫一扫|扫描二维码|扫码|二维码|打开.{0,8}(?:APP|App|app|客户端)"
            r"|下载.{0,8}(?:APP|App|app|客户端)|下载掌上|手机读报|(?:APP|客户端)(?:内|中)?(?:打开|阅读|查看)"
            r"|^(?:收藏|点赞|转发|评论|打印|关闭|返回|更多|举报|发表|回复)$|查看全部评论|我要评论|发表评论|参与评论"
            r"|\d+\s*(?:条评论|人参与)|查看更多.{0,4}评论|^(?:最热|最新|网友)评论|评论仅供"
            r"|抢沙发|^评论一下|^用户登录|^请登录|还没有账号|文明上网|理性发言|展开全文|点击右上角"
            r"|阅读原文|字号|字体|【\s*(?:打\s*印|关\s*闭|收\s*藏)|(?:打\s*印|关\s*闭|收藏此页)\s*】|收藏此页|关闭窗口"
            r"|CNML格式"
            r"|^(?:打印本页|打印|关闭)$|^(?:放大|缩小|默认)(?:\s*(?:放大|缩小|默认)){1,2}$|^分享|站内搜索|加入收藏|设为首页|无障碍|长者模式|适老化"
            r"|本篇文章\d+字|读完约\d+分钟|阅读量|浏览次数|点击数|推荐指数|朋友圈|微信好友|网友个人观点|"
            + _OPEN
            + r"(?:累计|总)?(?:阅读|点击|浏览|访问)(?:量|数|次数)?\s*[:：]?\s*(?:\d+|$)"
            r"|订阅方式|发送短信|短信订阅|^[^，。\s]{1,8}(?:官方微博|官方微信|微信公众号|公众号)$"
            r"|^(?:微信公众号|官方微博|官方微信|微博|微信|图集|电脑版|手机版|移动版|触屏版|关注(?:我们|本站|本网|[^，。]{1,6}(?:网|号|微博|微信|客户端))"
            r"|[简繁]体(?:中文|版)?(?:\s*[|｜/]?\s*[简繁]体(?:中文|版)?)?|English)$"
            r"|^首页\s*English$|^(?:杂\s*志|报\s*纸)$"
        ),
        SHORT_LINE_CHARS,
    ),
    (  # an attachment or an image a page lists: 下载附件 (451.81 KB), 文章图片
        "attachment or image placeholder",
        re.compile(
            r"^(?:下载附件|附件下载|附件)\s*[:：]?\s*[(（]?\s*[0-9.]+\s*[KMG]i?B\s*[)）]?$|^文章图片$"
        ),
        SHORT_LINE_CHARS,
    ),
    (  # a breadcrumb runs as long as the headline it may end in
        "navigation",
        re.compile(
            r"^(?:(?:您|你)?当前的?位置|您的位置|你的位置|您所在的位置|你所在的位置|所在位置|首页)\s*[:：>＞»]"
            r"|^(?:[^>＞»。！？]{1,16}\s*[>＞»]+\s*)+[^>＞»。！？]{0,60}$"
            r"|^(?:网站)?首页(?:\s+[^\s，。]{1,6}){2,}$"  # a menu bar: 首页 财经 要闻 行业 …
            r"|^[^|｜]{1,12}(?:\s*[|｜]\s*[^|｜]{0,16}){2,}$"  # 要闻 | 城市远洋 | 原创 | …
        ),
        SHORT_LINE_CHARS * 2,
    ),
    (
        "navigation",
        re.compile(
            # an e-paper's own furniture: A01：一版要闻, >>4-5版, 按日期检索, 本版列表新闻
            r"^[A-Z]\d{1,2}\s*[:：]|^[>＞»]|^(?:按日期检索|电子报刊阅读器|本版列表新闻|本版新闻|文章内容)$"
            r"|^[^，。\s]{1,8}电子报$"
            # a reader's toolbar, its words with page numbers between: 3上一篇  下一篇4放大 缩小 默认
            r"|^(?:[\d\s|｜/]*(?:上一篇|下一篇|上一版|下一版|上一页|下一页|放大|缩小|默认|打印|关闭)){2,}[\d\s|｜/]*$"
            r"|^(?:上一篇|下一篇|上一页|下一页|上一版|下一版|返回顶部"
            r"|返回首页|返回列表|当前版|版面导航|标题导航|内容检索|版面目录|通版阅读|展开通版|收缩通版)"
            r"|^更多\s*[^，。]{0,6}(?:新闻|资讯|话题|内容|文章|精彩|阅读|推荐|排行榜)$"
            r"|^[^，。]{1,6}(?:扩展阅读|排行榜)$|^第\s*[A-Z]?\d+\s*版[:：]?|^[A-Z]?\d+\s*版?\s*[:：][^，。]{0,6}版$|^\d+版[:：]"
        ),
        SHORT_LINE_CHARS,
    ),
    (  # the label a page sets over the article (新华网 正文, 文章正文), a script's loading text
        "article label",
        re.compile(r"^[^，。！？：:]{0,16}正文$|^(?:正在加载|加载中)[.。…]*$"),
        SHORT_LINE_CHARS // 2,
    ),
    (  # cut off the headline's line by structure: 标题-环球快讯, 标题_新华网陕西频道
        "site name after the title",
        re.compile(rf"^(?:[_|｜]|[-–—](?![-–—]))\s*[^\s，。]{{2,12}}(?:{SITE_NAME_ENDS})$"),
        SHORT_LINE_CHARS,
    ),
    (  # a paper's name printed alone on an e-paper or a reprint (南方日报, 香港商报)
        "newspaper name",
        re.compile(r"^[^，。！？\s]{1,8}(?:日报|晚报|商报|时报|都市报)(?:\s*电子版)?$"),
        SHORT_LINE_CHARS // 2,
    ),
    (
        "site greeting",
        re.compile(r"欢迎(?:您|你)?(?:来到|访问|光临|浏览)|感谢您?(?:浏览|访问|光临)"),
        SHORT_LINE_CHARS,
    ),
    (
        "list label",
        re.compile(
            r"^(?:相关新闻|相关阅读|相关链接|相关链结|相关报道|相关文章|延伸阅读|推荐阅读|热点排行|热点推荐|栏目推荐|"
            r"图文推荐|精彩推荐|精彩图片|热门推荐|热门文章|猜你喜欢|最新新闻|最新文章|今日推荐|编辑推荐|"
            r"热门新闻|新闻排行|点击排行|排行榜|专题推荐|往期回顾|热门标签|新闻推荐|滚动头条)[:：]?$"
        ),
        SHORT_LINE_CHARS,
    ),
    (
        "copyright or disclaimer",
        re.compile(
            r"版权所有|版权归|版权声明|版权保护|免责声明|转载请注明|不得转载|请勿转载|禁止转载|"
            r"转载自其它媒体|转载自其他媒体|未经.{0,12}(?:许可|授权)|凡注[有明]|凡本网注明|"
            r"ICP备|ICP证|许可证(?:编号|号)?[:：]|All Rights Reserved|Copyright|©|公网安备|"
            r"不代表本网|不代表本站|仅代表(?:原?作者|个人)|侵犯您的|如有侵权|转载请保留|郑重声明|"
            r"违法和不良信息举报|意见反馈|留言板|广告服务|联系我们|网站地图|"
            # a site's sponsor and a document's index labels open their line (主办单位：…)
            r"^(?:主办单位|承办单位|协办单位|索\s*引\s*号|公文目录|发文机构)"
            # 某某 主管 某某 主办; 主管 first, the two characters before it looked back at:
            # every alternative then opens with a character, which ``re`` finds by a fast scan
            # (the rule is tried on every line, paragraphs too)
            r"|主管(?<=[^，。]{2}主管)\s*[^，。]{2,20}主办"
        ),
        10_000,
    ),
    (
        "editor or source line",
        re.compile(
            _OPEN + r"(?:责任编辑|责编|编辑|审核|审校|校对|编审|监制|主编|值班编辑|终审|初审|"
            r"二审|三审|一审|一校|二校|三校|来源|稿源|出处|供稿|文章来源|信息来源|图片来源|发布时间|发布日期|"
            r"更新时间|时间|日期|标题|原标题|地址|网址|链接|关键词|关键字|标签|热词|相关热词|字数|"
            r"文章字数|本文来源|发布机构|发布单位|栏目|所属栏目|专栏)\s*[:：/]"
            r"|^——.{0,20}(?:摘自|供稿|来源)|^(?:摘自|转自)|^https?://|^www\."
            r"|^[【\[（(]?编者按[】\]）)]?[:：]?$"  # the label of an editor's note, the note below
            # the label then the names, a space between: 责任编辑 冯宣, 审核 郭勇
            + "|"
            + _OPEN
            + rf"(?:责任编辑|责编|编辑|审核|审校|校对|编审|监制|主编|值班编辑|终审|初审|二审|三审)"
            rf"(?:\s+[{CJK}]{{2,4}})+$"
        ),
        SHORT_LINE_CHARS * 2,
    ),
    (
        "image note",
        re.compile(
            r"^[（(【\[]?(?:资料图片|资料图|图片来源|配图|示意图|图片)[^，。]{0,12}[）)】\]]?$"
            r"|\.(?:jpe?g|png|gif|webp|JPE?G|PNG|GIF)$"
            r"|^(?:QQ截图|微信截图|微信图片|IMG|DSC)_?\d{6,}"  # an image file's name: QQ截图20240826061003
        ),
        SHORT_LINE_CHARS,
    ),
    (  # the keyword banner a mirror site prints above a copied report
        "spam banner",
        re.compile(f"(?:{_SPAM_WORDS}).*(?:{_SPAM_WORDS})"),
        10_000,
    ),
    ("markup left in the text", re.compile(r"<!--|-->|!--/|^<image>\s*data:image/"), 10_000),
    (  # the page's summary box: the article's opening again, under a label
        "page summary",
        re.compile(r"^[【\[]?(?:核心提示|内容提要|内容摘要|摘要|导读)[】\]]?\s*[:：]"),
        10_000,
    ),
    (
        "contact or contribution prompt",
        re.compile(
            r"[\w.\-]+@[\w\-]+\.[A-Za-z]{2,}|投稿|联系电话|客服(?:人员|电话|热线)|热线\s*(?:[:：]|\d[\d -]{6,}$)|^电话[:：]"
        ),
        SHORT_LINE_CHARS * 2,
    ),
    (  # a page's number, or where a newspaper story goes on (下转第八版, 上接1版)
        "page counter",
        re.compile(
            r"^[【\[]?\s*(?:第\s*\d+\s*页\s*){2,}[】\]]?$"  # a pager: 【 第1页 第2页 第3页 】
            r"|^(?:第\s*\d+\s*页|共\s*\d+\s*页|\d+\s*/\s*\d+"
            r"|[（(]?(?:下转|上接|接上|转下)第?\s*[\d一二三四五六七八九十]+\s*版[）)]?)$"
        ),
        20,
    ),
]
#: Longest line without a Chinese character that is taken for furniture.
NO_CHINESE_CHARS = 60
_CHINESE = re.compile(f"[{CJK}]")
_SENTENCE = re.compile(f"[{SENTENCE_END}]")
#: A bulleted or dated item of a news list: ``• 标题``, ``- 2020年11月04日标题``.
LIST_ITEM = re.compile(r"^(?:[•·▪●◆■□▶►\-*]\s*|\[\d+\]|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*)")


_SPACES = re.compile(r"\s+")


def line_rule(line: str) -> str:
    """The furniture rule ``line`` meets, or ``""`` when it is none.

    A line without any Chinese character or sentence end and at most ``NO_CHINESE_CHARS``
    long (``Close``, ``35.1K``, a download counter) is page furniture too. Traditional characters are
    matched as simplified ones (``小字號`` as ``小字号``).

    >>> line_rule("本篇文章532字，读完约1分钟"), line_rule("35.1K"), line_rule("相关新闻")
    ('share or app prompt', 'no Chinese text', 'list label')
    """
    line = _SPACES.sub(" ", simplified(line)).strip()  # 要闻     |     原创: a page's wide gaps
    for rule, pattern, longest in _RULES:
        if len(line) <= longest and pattern.search(line):
            return rule
    if len(line) <= NO_CHINESE_CHARS and not _CHINESE.search(line) and not _SENTENCE.search(line):
        return "no Chinese text"
    return ""
