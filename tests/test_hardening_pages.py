"""Issue 12, inputs: a saved web page (.html/.htm) in raw/ is read with trafilatura: its
article text, and its title, date and site kept beside the corpus.csv row (the row wins,
a disagreement warns). Offline, on pages in tests/data/html (see its README): real reports' texts in page chrome.
"""

import warnings
from pathlib import Path

import pandas as pd
import pytest

from aidlib import pipeline
from aidlib.corpus import (
    DEFAULT_DATA_DIR,
    METADATA_COLUMNS,
    PAGE_COLUMNS,
    CorpusWarning,
    ReportError,
    extract_page,
    load_corpus,
)

PAGES = Path(__file__).resolve().parent / "data" / "html"

#: What a reader sees on each saved page: its headline (as the page's title shows it),
#: publication date, words that open the article, and page chrome that is not article.
PAGES_READ = {
    # constructed: a county government portal around one real report (devcorpus
    # d-yunnan-jiading-dayao-gov), with the ArticleTitle/SiteName meta tags such portals carry
    # and the portal's name in a heading above the headline
    "constructed-gov-dayao.html": {
        "title": "大姚县持续深化东西部协作,帮扶作用充分发挥",  # its ArticleTitle meta tag
        "site": "大姚县人民政府",
        "date": "2023-10-23",
        "article": ["一是强化组织领导", "三是突出劳务协作"],
        "chrome": ["网站地图", "版权所有", "无障碍浏览"],
    },
    # constructed: a news page around one real report (devcorpus d-xizang-jiangsu-lasa-2024)
    # whose browser title ends in the site's name
    "constructed-news-lasa.html": {
        "title": "2024江苏对口支援西藏年度资金总计5.57亿元 实施援藏项目66个",  # <title> ends "-人民网"
        "site": "",
        "date": "2024-03-31",
        "article": ["3月30日,江苏援藏项目现场推进会", "援藏项目建设走在全国前列"],
        "chrome": ["手机人民网", "分享到", "相关新闻", "版权所有", "关于我们"],
    },
    # constructed: one real report's text (devcorpus d-ningxia-fujian-qiaolian-chinanews)
    # wrapped in typical news-site chrome, as the comment in the page says
    "constructed-chinanews-qiaolian.html": {
        "title": "福建省侨联闽宁协作访问团赴宁夏开展项目帮扶",
        "site": "中国新闻网",
        "date": "2024-10-30",
        "article": [
            "中新网 银川10月30日电 (记者 李佩珊)",
            "吴忠市利通区扁担沟镇渔光湖村",
            "现场观摩。",
            "福建省侨联向宁夏固原市原州区",
        ],
        "chrome": ["首页", "下载中新网客户端", "分享到", "相关新闻", "热点排行", "Copyright"],
    },
}


@pytest.mark.parametrize("name", sorted(PAGES_READ))
def test_a_saved_page_gives_its_article_and_not_its_chrome(name):
    expected = PAGES_READ[name]
    text, encoding, page = extract_page((PAGES / name).read_bytes(), name)
    assert encoding == "utf-8"
    assert page["date"] == expected["date"]
    assert page["title"] == expected["title"]
    assert page["site"] == expected["site"]
    for start in expected["article"]:
        assert start in text, start
    for chrome in expected["chrome"]:
        assert chrome not in text, chrome


ARTICLE = "<p>" + "东西部协作投入资金100万元，建成扶贫车间两个，带动就业三百人。" * 3 + "</p>"


@pytest.mark.parametrize(
    ("tab", "shown", "title"),
    [
        ("援建成效显著_要闻_某某日报网", "<h1>援建成效显著</h1>", "援建成效显著"),
        ("援建成效显著 | 某某网", "<div class='title'>援建成效显著</div>", "援建成效显著"),
        (
            "携手奔小康——东西部协作纪实-某某网",
            "<h2>携手奔小康——东西部协作纪实</h2>",
            "携手奔小康——东西部协作纪实",
        ),
        (
            "2019-2020年对口帮扶工作总结",
            "<h1>2019-2020年对口帮扶工作总结</h1>",
            "2019-2020年对口帮扶工作总结",
        ),
        ("1-10月投资结构趋稳_新闻", "<span>1</span><span>2</span>", "1-10月投资结构趋稳_新闻"),
    ],
    ids=["channel-and-site", "bar", "dash-inside-headline", "whole-title-shown", "no-headline"],
)
def test_the_site_name_is_cut_from_a_title_only_where_the_page_shows_the_headline(
    tab, shown, title
):
    page = f"<html><head><title>{tab}</title></head><body>{shown}<article>{ARTICLE}</article></body></html>"
    assert extract_page(page.encode(), "p.html")[2]["title"] == title


@pytest.mark.parametrize("prefix", ["", '<?xml version="1.0" encoding="gbk"?>\n'])
def test_a_government_page_saved_as_gbk_keeps_its_declared_title(prefix):
    name = "constructed-gov-dayao.html"
    page = prefix + (PAGES / name).read_text(encoding="utf-8")
    _, encoding, meta = extract_page(page.encode("gb18030"), name)
    assert encoding == "gb18030"
    assert meta["title"] == PAGES_READ[name]["title"] and meta["site"] == PAGES_READ[name]["site"]


def test_a_page_saved_as_gbk_reads_the_same(tmp_path):
    name = "constructed-chinanews-qiaolian.html"
    page = (PAGES / name).read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gbk"')
    as_utf8 = extract_page(page.encode("utf-8"), name)
    as_gbk = extract_page(page.encode("gb18030"), name)  # GBK plus the © sign
    assert as_gbk[0] == as_utf8[0] and as_gbk[2] == as_utf8[2]
    assert as_gbk[1] == "gb18030"


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><nav></nav><script>var t='东西部协作';</script></body></html>".encode(),
        b"<html><head><title>Only English</title></head><body><p>Hello world.</p></body></html>",
        b"<html><body></body></html>",
        b"<<<>>>",
    ],
    ids=["chinese-only-in-a-script", "no-chinese", "empty-body", "not-html"],
)
def test_a_page_with_no_chinese_article_is_refused_with_a_reason(page):
    with pytest.raises(ReportError, match=r"^p\.html: .*(no article text|no Chinese)"):
        extract_page(page, "p.html")


def row(doc_id: str, file: str, **cells: str) -> dict[str, str]:
    return dict.fromkeys(METADATA_COLUMNS, "") | {"doc_id": doc_id, "file": file} | cells


def page_folder(folder: Path, rows: list[dict[str, str]]) -> Path:
    raw = folder / "raw"
    raw.mkdir(parents=True)
    for cells in rows:
        source = PAGES / Path(cells["file"]).with_suffix(".html").name
        data = source.read_bytes() if source.exists() else b""
        (raw / cells["file"]).write_bytes(data)
    pd.DataFrame(rows).to_csv(folder / "corpus.csv", index=False)
    return folder


def test_the_page_fills_what_the_row_leaves_empty(tmp_path):
    data = page_folder(tmp_path, [row("q", "constructed-chinanews-qiaolian.html")])
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)
        corpus = load_corpus(data)
    first = corpus.metadata.iloc[0]
    assert first["title"] == first["page_title"] == "福建省侨联闽宁协作访问团赴宁夏开展项目帮扶"
    raw = corpus.raw_text(first["doc_id"])
    assert raw.splitlines()[0] == first["title"], "the headline opens the text"
    assert first["start"] == first["page_date"] == "2024-10-30"
    assert first["page_site"] == "中国新闻网"


@pytest.mark.parametrize(
    ("cells", "warned"),
    [
        ({"title": "大姚县持续深化东西部协作,帮扶作用充分发挥", "start": "2023"}, []),
        ({"title": "", "start": "2018-01"}, ["start"]),
        ({"title": "另一个标题", "start": "2020"}, ["title", "start"]),
        ({"title": "大姚县人民政府网站", "start": "2023-10-23"}, ["title"]),
    ],
)
def test_the_row_wins_and_a_disagreement_warns_naming_the_file(tmp_path, cells, warned):
    name = "constructed-gov-dayao.htm"  # .htm too
    data = page_folder(tmp_path, [row("s", name, **cells)])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(data)
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    assert len(messages) == len(warned), messages
    for column, message in zip(warned, messages, strict=True):
        assert message.startswith(f"{name}: corpus.csv {column} ")
    first = corpus.metadata.iloc[0]
    raw = corpus.raw_text(first["doc_id"])
    assert raw.splitlines()[0] == first["title"], "the row's title opens the text"
    for column in ("title", "start"):
        assert first[column] == (
            cells[column] or first[f"page_{'date' if column == 'start' else column}"]
        )


def test_a_run_reads_pages_and_text_files_side_by_side(tmp_path):
    data = page_folder(
        tmp_path / "data",
        [
            row("q", "constructed-chinanews-qiaolian.html", title=""),
            row("x", "constructed-news-lasa.HTML", title="江苏援藏资金"),
            row("empty", "empty.html"),
        ],
    )
    (data / "raw" / "seed.txt").write_bytes(
        (DEFAULT_DATA_DIR / "raw" / "yanta-hanbin.txt").read_bytes()
    )
    frame = pd.read_csv(data / "corpus.csv", dtype=str, keep_default_na=False)
    pd.concat([frame, pd.DataFrame([row("seed", "seed.txt", title="他乡亦故乡")])]).to_csv(
        data / "corpus.csv", index=False
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)  # a run puts them in its tables
        summary = pipeline.run(data, tmp_path / "out", workers=1, progress=False)
    assert summary.reports == 3
    assert summary.problems["file"].tolist() == ["empty.html"]
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("doc_id")
    assert list(documents.columns[: len(METADATA_COLUMNS) - 1 + len(PAGE_COLUMNS)]) == [
        *METADATA_COLUMNS[1:],
        *PAGE_COLUMNS,
    ]
    assert documents.loc["q", "title"] == documents.loc["q", "page_title"]
    assert documents.loc["x", "title"] == "江苏援藏资金"
    assert documents.loc["x", "page_date"] == "2024-03-31"
    assert (documents.loc["seed", PAGE_COLUMNS] == "").all()
    noted = pd.read_parquet(tmp_path / "out" / "warnings.parquet")
    noted = noted[noted["category"] == "CorpusWarning"]
    assert noted["doc_id"].tolist() == ["x"]
    assert noted["message"].str.startswith("constructed-news-lasa.HTML: corpus.csv title").all()
    sentences = pd.read_parquet(tmp_path / "out" / "sentences.parquet")
    assert sentences["text"].str.contains("闽宁协作").any()
    assert not sentences["text"].str.contains("相关新闻|热点排行|下载中新网客户端").any()
