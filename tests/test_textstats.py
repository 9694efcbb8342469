"""Text statistics: hand-checkable counts on a fixture, and sane values on the seeds."""

import math

import matplotlib
import pandas as pd
import pytest

from aidlib.corpus import load_corpus
from aidlib.plotstyle import missing_glyphs
from aidlib.textstats import (
    STATISTICS_COLUMNS,
    furniture,
    mattr,
    plot_section_lengths,
    plot_sentence_lengths,
    sentence_lengths,
    statistics,
    titles,
)

matplotlib.use("Agg")

FIXTURE = pd.DataFrame(
    {
        "doc_id": ["fixture"],
        "text": [
            "标题\n——副题\n开头说明了背景。\n一、资金\n投入资金100万元，培训学员。再次培训学员！\n二、人员\n选派干部。"
        ],
    }
)


def test_report_statistics_by_hand():
    row = statistics(FIXTURE).iloc[0]
    assert row["paragraphs"] == 3
    assert row["sentences"] == 4
    assert row["chinese_chars"] == 7 + 16 + 4
    assert row["punctuation_marks"] == 5
    assert row["share_sentences_with_number"] == pytest.approx(1 / 4)
    assert row["median_sentence_chars"] == pytest.approx((6 + 7) / 2)
    assert row["types"] <= row["tokens"] and row["ttr"] == pytest.approx(
        row["types"] / row["tokens"]
    )


def test_section_statistics_follow_the_headings():
    table = statistics(FIXTURE, by="section")
    assert table["section"].tolist() == ["（导语）", "一、资金", "二、人员"]
    assert table["sentences"].tolist() == [1, 2, 1]
    sums = table[["chinese_chars", "sentences", "paragraphs"]].sum()
    assert (
        sums.tolist()
        == statistics(FIXTURE)[["chinese_chars", "sentences", "paragraphs"]].iloc[0].tolist()
    )


def test_mattr_by_hand():
    assert mattr(["a", "b", "c", "a", "b"], window=3) == pytest.approx(1.0)
    assert mattr(["a", "a", "a", "b"], window=2) == pytest.approx((0.5 + 0.5 + 1.0) / 3)
    assert math.isnan(mattr([]))


def test_unknown_grouping_is_refused():
    with pytest.raises(ValueError, match="by must be"):
        statistics(FIXTURE, by="chapter")


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_seed_statistics_are_complete_and_plausible(corpus):
    table = statistics(corpus)
    assert list(table.columns) == ["doc_id", *STATISTICS_COLUMNS]
    assert table.set_index("doc_id")["paragraphs"].to_dict() == {
        "yanta-hanbin": 32,
        "beilin-danfeng": 21,
    }
    assert (table["mattr"] > table["ttr"]).all(), "MATTR is not dragged down by text length"
    assert table["chinese_chars"].gt(1000).all()


def test_plots_draw_every_chinese_character(corpus):
    for figure in [
        plot_sentence_lengths(sentence_lengths(corpus)),
        plot_section_lengths(statistics(corpus, by="section")),
    ]:
        assert missing_glyphs(figure) == {}
        assert any(
            "句长" in t.get_text() or "汉字" in t.get_text()
            for t in figure.findobj(matplotlib.text.Text)
        )


def test_section_panels_share_one_scale_and_the_box_plot_is_keyed(corpus):
    figure = plot_section_lengths(statistics(corpus, by="section"))
    assert len({ax.get_xlim() for ax in figure.axes}) == 1  # lengths compare across reports
    matplotlib.pyplot.close(figure)
    figure = plot_sentence_lengths(sentence_lengths(corpus))
    key = " ".join(text.get_text() for text in figure.texts)
    assert "dot: one sentence" in key and "median" in key and "whiskers" in key
    matplotlib.pyplot.close(figure)


def test_titles_put_the_parsed_title_beside_the_metadata_title():
    docs = pd.DataFrame(
        {
            "doc_id": ["hinted", "layout", "none"],
            "title": ["援建学校落成_某某网", "别的标题", "援建学校落成"],
            "text": [
                "首页 > 正文\n援建学校落成\n2021-05-12 来源：某某日报\n学校落成。",
                "援建学校落成\n记者 王五\n学校落成。",
                "今年，某县投入资金。\n学校落成。",
            ],
        }
    )
    table = titles(docs)
    assert table["parsed_title"].tolist() == ["援建学校落成", "援建学校落成", ""]
    assert table["same"].tolist() == [False, False, False]
    assert table.loc[0, "dateline"] == "2021-05-12 来源：某某日报"
    assert table.loc[1, "byline"] == "记者 王五"
    assert table["furniture"].tolist() == [1, 0, 0]


def test_titles_on_the_seeds_match_the_metadata():
    table = titles(load_corpus())
    assert table["same"].all() and (table["furniture"] == 0).all()


def test_furniture_lists_each_removed_line_with_its_raw_line_and_rule():
    raw = "首页 > 正文\n\n援建学校落成\n\n学校落成。\n\n分享到：\n相关新闻\n- 2020年11月04日某地举办活动"
    table = furniture(pd.DataFrame({"doc_id": ["a"], "raw_text": [raw], "text": [raw]}))
    assert table[["line", "rule"]].values.tolist() == [
        [1, "navigation"],
        [7, "share or app prompt"],
        [8, "list label"],
        [9, "list item"],
    ]
    assert furniture(load_corpus()).empty


def test_a_large_corpus_plots_its_longest_reports_and_says_so():
    doc_ids = [f"r{n:02d}" for n in range(1, 21)]
    sections = pd.DataFrame(
        {"doc_id": doc_ids, "section": "（导语）", "chinese_chars": range(100, 2100, 100)}
    )
    figure = plot_section_lengths(sections, most=5)
    try:
        assert [ax.get_title(loc="left") for ax in figure.axes] == [
            "r20",
            "r19",
            "r18",
            "r17",
            "r16",
        ]
        assert figure.get_suptitle() == "Sections of the 5 of 20 reports with the most text"
    finally:
        matplotlib.pyplot.close(figure)
    lengths = pd.DataFrame({"doc_id": doc_ids, "chars": range(1, 21)})
    figure = plot_sentence_lengths(lengths, most=5)
    try:
        assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == doc_ids[:-6:-1]
        assert figure.axes[0].get_title().endswith(": the 5 of 20 reports with the most text")
    finally:
        matplotlib.pyplot.close(figure)
