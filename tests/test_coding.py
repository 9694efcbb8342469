"""Codebook loading and checks, coded paragraphs, coverage, heatmap and comparison (issue 5)."""

import itertools
import math
import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest
import yaml

from aidlib.coding import (
    CODED_COLUMNS,
    DEFAULT_CODEBOOK,
    CodebookError,
    _code_rows,
    body_blocks,
    code_corpus,
    code_paragraphs,
    compare,
    coverage,
    load_codebook,
    plot_coverage,
    uncoded,
)
from aidlib.corpus import load_corpus
from aidlib.model_cards import model_card
from aidlib.money import extract_money
from aidlib.plotstyle import missing_glyphs
from aidlib.structure import parse

ISSUE_DIMENSIONS = {
    "leadership": ["领导小组", "联席会议", "常委会", "框架协议", "责任书"],
    "personnel": ["工作队", "挂职", "选派", "派驻", "交流学习"],
    "industry": ["产业", "合作社", "产业园", "种植"],
    "employment": ["就业", "岗位", "培训", "招聘", "劳务"],
    "consumption": ["消费扶贫", "展销", "专馆", "专区", "专柜", "采购"],
    "social": ["企业", "公益", "捐赠", "爱心"],
    "pairing": ["结对", "参扶", "镇街"],
    "outcomes": ["退出贫困县", "获评", "表彰"],
}
#: An issue word the codebook matches only where it is used in the code's sense.
#: 结对 marks a pairing below county level (村与村结对), not 市县结对 or 结对地区
USED_SO = {"企业": "组织爱心企业捐赠物资", "结对": "区里5个村与汉滨区4个村结对"}


@pytest.fixture(scope="module")
def book():
    return load_codebook()


@pytest.fixture(scope="module")
def seeds():
    corpus = load_corpus()
    return {
        row["doc_id"]: (corpus[row["doc_id"]], row) for row in corpus.metadata.to_dict("records")
    }


@pytest.fixture(scope="module")
def tables(seeds, book):
    coded = pd.concat(
        [code_paragraphs(doc, book, doc_id) for doc_id, (doc, _) in seeds.items()],
        ignore_index=True,
    )
    body = pd.concat(
        [body_blocks(doc, doc_id) for doc_id, (doc, _) in seeds.items()], ignore_index=True
    )
    mentions = pd.concat(
        [extract_money(doc.text, doc_id) for doc_id, (doc, _) in seeds.items()],
        ignore_index=True,
    )
    return coded, body, mentions


@pytest.fixture(scope="module")
def table(tables, book):
    coded, body, mentions = tables
    return coverage(coded, body, book, mentions).set_index(["doc_id", "code"])


def _write(tmp_path, data) -> str:
    path = tmp_path / "codebook.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path)


def _shipped() -> dict:
    return yaml.safe_load(DEFAULT_CODEBOOK.read_text(encoding="utf-8"))


# --- the codebook -------------------------------------------------------------------------


def test_shipped_codebook_has_the_issue_dimensions_with_their_indicators(book):
    assert len(book) >= 12
    for code_id in [*ISSUE_DIMENSIONS, "fiscal", "education", "health", "culture_tourism"]:
        assert code_id in book.ids
    for code_id, words in ISSUE_DIMENSIONS.items():
        for word in words:  # 企业 marks a firm as a giver (爱心企业), not every firm
            assert book[code_id].find(USED_SO.get(word, word)), (code_id, word)
    for code in book:
        assert code.name_zh and code.name_en and code.definition and code.include


def test_codebook_frame_lists_every_code(book):
    frame = book.frame()
    assert frame["id"].tolist() == book.ids
    assert "领导小组" in frame.set_index("id").loc["leadership", "indicators"]


def test_inclusion_examples_carry_their_own_code(book):
    for code in book:
        for example in code.include:
            assert code.find(example), (code.id, example)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda codes: codes.append(dict(codes[0])), r"code 'leadership': duplicate id"),
        (lambda codes: codes[2]["words"].append("  "), r"code 'fiscal': empty word pattern"),
        (lambda codes: codes[3].update(regexes=["(产业"]), r"code 'industry': bad regex '\(产业'"),
        (lambda codes: codes[3].update(regexes=["产?"]), r"code 'industry': regex .* empty string"),
        (lambda codes: codes[4].update(paterns=["x"]), r"code 'employment': unknown field"),
        (lambda codes: codes[4].update(card_fields=["budget"]), r"code 'employment': unknown card"),
        (lambda codes: codes[5].pop("name_en"), r"code 'consumption': missing name_en"),
        (lambda codes: codes[5].update(words=[], regexes=[]), r"code 'consumption': no indicator"),
        (lambda codes: codes[6].pop("id"), r"code #7: missing id"),
    ],
)
def test_bad_codebook_entries_name_file_line_and_code(tmp_path, change, message):
    data = _shipped()
    change(data["codes"])
    path = _write(tmp_path, data)
    with pytest.raises(CodebookError, match=message) as raised:
        load_codebook(path)
    assert re.match(rf"{re.escape(path)}:\d+: ", str(raised.value))


def test_error_line_points_at_the_bad_pattern(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text(
        "codes:\n"
        "  - id: tea\n"
        "    name_zh: 茶\n"
        "    name_en: Tea\n"
        "    definition: Tea.\n"
        "    include: [茶叶]\n"
        "    words: [茶叶]\n"
        "    regexes:\n"
        "      - '茶'\n"
        "      - '[茶'\n",
        encoding="utf-8",
    )
    with pytest.raises(CodebookError, match=rf"^{re.escape(str(path))}:10: code 'tea': bad regex"):
        load_codebook(path)


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text("codes:\n  - id: a\n    definition: x: y\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"codebook.yaml:3: not valid YAML"):
        load_codebook(path)


# --- coded paragraphs ---------------------------------------------------------------------


def test_every_body_block_is_coded_or_listed_as_uncoded(seeds, tables):
    coded, body, _ = tables
    left = uncoded(coded, body)
    for doc_id, (doc, _) in seeds.items():
        coded_blocks = set(coded.loc[coded["doc_id"] == doc_id, "block"])
        uncoded_blocks = set(left.loc[left["doc_id"] == doc_id, "block"])
        assert coded_blocks.isdisjoint(uncoded_blocks)
        assert coded_blocks | uncoded_blocks == {block.index for block in doc.body}


def test_every_seed_paragraph_carries_a_code_and_the_uncoded_headings_match_nothing(
    seeds, tables, book
):
    coded, body, _ = tables
    left = uncoded(coded, body)
    assert set(left["kind"]) == {"heading"}
    # slogan headings such as 着力打造“三驾马车” carry no indicator: listed, not forced
    assert "着力打造“三驾马车”" in set(left["text"])
    for text in left["text"]:
        assert not any(code.find(text) for code in book), text


def test_evidence_spans_index_the_text_and_match_the_indicator(seeds, tables, book):
    coded, _, _ = tables
    for row in coded.itertuples():
        doc = seeds[row.doc_id][0]
        assert doc.text[row.start : row.end] == row.match
        indicator = next(i for i in book[row.code].indicators if i.pattern == row.indicator)
        assert indicator.regex.fullmatch(row.match)
        assert row.match in row.sentence
        assert (row.hits > 0) == (row.via in ("text", "list"))


def test_a_paragraph_may_carry_several_codes(tables):
    coded, _, _ = tables
    per_block = coded.groupby(["doc_id", "block"])["code"].nunique()
    assert per_block.max() >= 4


def test_headings_count_towards_the_codes_of_their_section(seeds, tables):
    coded, _, _ = tables
    doc = seeds["yanta-hanbin"][0]
    heading = next(b for b in doc.headings if b.text.startswith("倾心聚力促就业"))
    row = coded[(coded["doc_id"] == "yanta-hanbin") & (coded["block"] == heading.index + 3)]
    employment = row[row["code"] == "employment"].iloc[0]
    assert employment["via"] == "heading"
    assert heading.start <= employment["start"] < heading.end
    assert employment["match"] == "就业"


def test_a_heading_speaks_only_down_to_the_next_heading_of_its_level(book):
    doc = parse("标题\n加强劳务协作\n天气很好。\n其他事情\n天气很好。")
    coded = code_paragraphs(doc, book)
    assert coded[["block", "code", "via"]].values.tolist() == [
        [1, "employment", "text"],
        [2, "employment", "heading"],
    ]


def test_nested_headings_pass_codes_down_to_deeper_levels(book):
    doc = parse("标题\n加强劳务协作\n招聘情况\n天气很好。")
    coded = code_paragraphs(doc, book)
    row = coded[(coded["block"] == 3) & (coded["code"] == "employment")].iloc[0]
    assert row["via"] == "heading"
    assert row["match"] == "招聘"  # the nearest coded heading gives the evidence


def test_code_rows_are_the_coded_rows_as_plain_python_values(seeds, book):
    doc = seeds["yanta-hanbin"][0]
    rows = _code_rows(doc, book, "yanta-hanbin")
    assert rows == code_paragraphs(doc, book, "yanta-hanbin").to_dict("records")
    for row in rows:
        assert list(row) == CODED_COLUMNS
        assert {type(value) for value in row.values()} <= {str, int}


# --- coverage -----------------------------------------------------------------------------


def test_coverage_has_a_row_per_report_and_code(table, book):
    assert len(table) == 2 * len(book)
    assert table.index.get_level_values("code").unique().tolist() == book.ids


def test_coverage_counts_agree_with_the_coded_rows(tables, table):
    coded, body, _ = tables
    counted = coded[coded["via"].isin(["text", "heading"])]
    for (doc_id, code), row in table.iterrows():
        rows = counted[(counted["doc_id"] == doc_id) & (counted["code"] == code)]
        assert row["paragraphs"] == (rows["kind"] == "paragraph").sum()
        assert row["headings"] == (rows["kind"] == "heading").sum()
        total = body.loc[body["doc_id"] == doc_id, "chars"].sum()
        assert row["body_chars"] == total
        assert row["share"] == pytest.approx(rows["chars"].sum() / total)  # seeds are long enough
        assert 0 <= row["share"] <= 1


def test_coverage_money_is_an_interval_of_items_with_rates_and_totals_apart(table):
    consumption = table.loc[("beilin-danfeng", "consumption")]
    # 采购协议700万元 + 采买订单20余万元 (20万–30万)
    assert (consumption["money_low_yuan"], consumption["money_high_yuan"]) == (7.2e6, 7.3e6)
    assert consumption["money_items"] == 2
    # 每亩6万元 and 不低于1800元/户 are rates, not amounts given
    assert table.loc[("beilin-danfeng", "industry"), "money_items"] == 0
    fiscal = table.loc[("yanta-hanbin", "fiscal")]
    # 截至目前……拨付财政帮扶资金1200万元 is a running total, kept beside the items
    assert fiscal["cumulative_low_yuan"] == 1.2e7
    assert fiscal["money_low_yuan"] == 5e6  # 100万元 education fund + 400万元 employment fund
    # 消费扶贫总额超过1000万元 has no upper bound
    assert math.isinf(table.loc[("yanta-hanbin", "consumption"), "cumulative_high_yuan"])


def test_coverage_without_mentions_leaves_money_unknown(tables, book):
    coded, body, _ = tables
    table = coverage(coded, body, book)
    assert table["money_low_yuan"].isna().all()
    assert table["paragraphs"].sum() > 0


def test_coverage_can_count_own_text_only(tables, book, table):
    coded, body, mentions = tables
    own = coverage(coded, body, book, mentions, via=("text",)).set_index(["doc_id", "code"])
    assert (own["chars"] <= table["chars"]).all()
    assert (own["chars"] < table["chars"]).any()


def test_quotes_are_sentences_of_the_report(seeds, table):
    for (doc_id, _), row in table.iterrows():
        if row["quote"]:
            assert row["quote"] in seeds[doc_id][0].text
            assert row["quote_match"] in row["quote"]


# --- editing the codebook changes the results, with no code change --------------------------


def test_adding_a_code_and_a_pattern_changes_coverage_and_heatmap(tmp_path, seeds, tables):
    _, body, mentions = tables
    data = _shipped()
    data["codes"].append(
        {
            "id": "tea",
            "name_zh": "茶产业",
            "name_en": "Tea",
            "definition": "Tea growing and selling.",
            "include": ["在茶叶种植和推广"],
            "words": ["茶叶", "茶城"],
        }
    )
    health = next(code for code in data["codes"] if code["id"] == "health")
    health["words"].append("体育")
    edited = load_codebook(_write(tmp_path, data))
    original = load_codebook()

    def run(book):
        coded = pd.concat(
            [code_paragraphs(doc, book, doc_id) for doc_id, (doc, _) in seeds.items()]
        )
        return coverage(coded, body, book, mentions).set_index(["doc_id", "code"])

    before, after = run(original), run(edited)
    assert ("yanta-hanbin", "tea") not in before.index
    assert after.loc[("yanta-hanbin", "tea"), "paragraphs"] == 1  # 茶叶种植和推广
    assert after.loc[("beilin-danfeng", "tea"), "paragraphs"] == 1  # 古道茶城
    assert (
        after.loc[("yanta-hanbin", "health"), "share"]
        > before.loc[("yanta-hanbin", "health"), "share"]
    )

    figure_before = plot_coverage(before.reset_index())
    figure_after = plot_coverage(after.reset_index())
    labels = [tick.get_text() for tick in figure_after.axes[0].get_xticklabels()]
    assert "茶产业" in labels
    assert figure_after.axes[0].images[0].get_array().shape == (2, len(edited))
    assert figure_before.axes[0].images[0].get_array().shape == (2, len(original))
    plt.close("all")


def test_heatmap_draws_every_chinese_label(table):
    figure = plot_coverage(table.reset_index())
    assert missing_glyphs(figure) == {}
    cells = [text.get_text() for text in figure.axes[0].texts]
    assert f"{table.loc[('beilin-danfeng', 'consumption'), 'share']:.0%}" in cells
    plt.close(figure)


# --- the comparison table -----------------------------------------------------------------


def test_compare_has_a_model_row_then_one_row_per_code(seeds, table, book):
    cards = [model_card(doc, row) for doc, row in seeds.values()]
    table_flat = table.reset_index()
    result = compare(cards, table_flat, book)
    assert result["code"].tolist() == ["model", *book.ids]
    assert list(result.columns) == [
        "code",
        "name_zh",
        "name_en",
        "yanta-hanbin finding",
        "yanta-hanbin evidence",
        "beilin-danfeng finding",
        "beilin-danfeng evidence",
    ]
    rows = result.set_index("code")
    assert "三区两地" in rows.loc["model", "yanta-hanbin finding"]
    assert "一体两翼" in rows.loc["model", "beilin-danfeng finding"]
    assert "9次联席会议" in rows.loc["leadership", "yanta-hanbin finding"]
    assert "8个街道 ↔ 丹凤县12个镇街" in rows.loc["pairing", "beilin-danfeng finding"]
    assert "resident cadres: 3" in rows.loc["personnel", "yanta-hanbin finding"]
    assert "丹凤县 退出贫困县序列 2020年2月" in rows.loc["outcomes", "beilin-danfeng finding"]
    assert "money 720–730 万元" in rows.loc["consumption", "beilin-danfeng finding"]
    for code in book.ids:
        row = table.loc[("yanta-hanbin", code)]
        assert rows.loc[code, "yanta-hanbin finding"].startswith(f"{row['paragraphs']} paragraph")
        assert f"{row['share']:.0%} of body text" in rows.loc[code, "yanta-hanbin finding"]


def test_compare_evidence_is_quoted_from_the_report(seeds, table, book):
    cards = [model_card(doc, row) for doc, row in seeds.values()]
    result = compare(cards, table.reset_index(), book)
    for doc_id, (doc, _) in seeds.items():
        for code, cell in zip(result["code"], result[f"{doc_id} evidence"], strict=True):
            quotes = re.findall(r"「(.*?)」", cell)
            found = code == "model" or table.loc[(doc_id, code), "paragraphs"] > 0
            assert (1 if found else 0) <= len(quotes) <= 2, cell
            for quote in quotes:
                for piece in quote.strip("…").split("…"):
                    assert piece in doc.text
    model_row = result.set_index("code").loc["model", "yanta-hanbin evidence"]
    assert "“三区”" in model_row  # the cut keeps the first slogan in view


def test_code_corpus_runs_the_same_steps_on_every_report(tables, table, book):
    result = code_corpus(load_corpus(), book)
    coded, body, mentions = tables
    pd.testing.assert_frame_equal(result.coded, coded)
    pd.testing.assert_frame_equal(result.body, body)
    pd.testing.assert_frame_equal(result.coverage.set_index(["doc_id", "code"]), table)
    assert [card["doc_id"] for card in result.cards] == ["yanta-hanbin", "beilin-danfeng"]
    assert len(result.comparison) == len(book) + 1


def test_compare_works_without_money(seeds, tables, book):
    coded, body, _ = tables
    cards = [model_card(doc, row) for doc, row in seeds.values()]
    result = compare(cards, coverage(coded, body, book), book).set_index("code")
    assert compare(cards, coverage(coded, body, book)).equals(result.reset_index()), (
        "the project codebook is the default"
    )
    assert "money" not in result.loc["consumption", "beilin-danfeng finding"]
    assert "9次联席会议" in result.loc["leadership", "yanta-hanbin finding"]


def test_compare_quotes_a_sentence_once(seeds, table, book):
    cards = [model_card(doc, row) for doc, row in seeds.values()]
    result = compare(cards, table.reset_index(), book)
    for column in ("yanta-hanbin evidence", "beilin-danfeng evidence"):
        for cell in result[column]:
            quotes = re.findall(r"「(.*?)」", cell)
            assert len(quotes) == len(set(quotes)), cell


@pytest.mark.parametrize(
    "regexes",
    [["(帮)\\1扶", "对口"], ["(?i)abc", "援建"], ["援(?=建)", "(?<!对)口"]],
    ids=["back-reference", "global-flag", "lookarounds"],
)
def test_find_gives_every_indicators_matches_whatever_the_patterns(tmp_path, book, regexes):
    data = {
        "codes": [
            {
                "id": "probe",
                "name_zh": "探针",
                "name_en": "Probe",
                "definition": "Patterns that cannot all be joined into one regex.",
                "include": ["帮帮扶"],
                "words": ["资金", "Abc", "援建.", "帮帮"],
                "regexes": regexes,
            }
        ]
    }
    codes = [*load_codebook(_write(tmp_path, data)), *book]
    texts = ["帮帮扶对口ABC援建资金", "援助入口", "天气很好。", "abc 对口帮扶援建.", "帮帮帮帮帮"]
    for code in codes:
        for text in texts:
            expected = sorted(
                (
                    (match.start(), match.end(), indicator.pattern)
                    for indicator in code.indicators
                    for match in indicator.regex.finditer(text)
                ),
                key=lambda hit: (hit[0], hit[0] - hit[1]),
            )
            assert code.find(text) == expected, (code.id, text)


@pytest.mark.parametrize(
    ("text", "listed", "coded"),
    [
        ("支持文教卫生等事业发展。", {"education", "health"}, set()),
        ("在教育、医疗等方面给予支持。", {"education", "health"}, set()),
        ("在资金支持、人才交流、就业扶贫等方面竭尽所能。", {"employment", "personnel"}, set()),
        # a paragraph that speaks of the area in its own words is coded, list or not
        ("在教育、医疗等方面给予支持，选派教师到学校支教。", {"health"}, {"education"}),
        ("爱心企业招聘会提供岗位。", set(), {"social", "employment"}),
    ],
)
def test_one_phrase_naming_several_areas_is_not_a_paragraph_of_each(book, text, listed, coded):
    rows = code_paragraphs(parse("标题\n" + text), book)
    assert listed <= set(rows.loc[rows["via"] == "list", "code"])
    assert coded <= set(rows.loc[rows["via"] == "text", "code"])
    assert not set(rows.loc[rows["via"] == "list", "code"]) & coded


def test_short_reports_get_counts_and_no_share(book):
    doc = parse("标题\n加强劳务协作，组织招聘会。\n开展消费帮扶。\n教育帮扶成效明显。")
    table = coverage(code_paragraphs(doc, book, "short"), body_blocks(doc, "short"), book)
    assert table["share"].isna().all()
    assert (table["body_paragraphs"] == 3).all() and (table["body_chars"] > 0).all()
    assert table.set_index("code").loc["employment", "paragraphs"] == 1


def test_heatmap_keys_its_units_and_the_dash_and_grows_a_row_per_report(table):
    flat = table.reset_index()
    many = pd.concat([flat.assign(doc_id=flat["doc_id"] + f"-{n}") for n in range(4)])
    many.loc[many["doc_id"].str.endswith("-3"), "share"] = math.nan  # too short for a share
    figure = plot_coverage(many)
    try:
        ax, bar = figure.axes
        assert ax.images[0].get_array().shape == (8, flat["code"].nunique())
        assert [tick.get_text() for tick in ax.get_yticklabels()] == list(
            dict.fromkeys(many["doc_id"])
        )
        assert bar.get_ylabel() == "share of the report's body characters in blocks with the code"
        notes = [text.get_text() for text in figure.texts]
        assert any(note.startswith("–: no share") for note in notes)
        figure.canvas.draw()
        labels = [t.get_window_extent() for t in ax.get_yticklabels() if t.get_text()]
        assert not any(a.overlaps(b) for a, b in itertools.combinations(labels, 2))
    finally:
        plt.close(figure)


def test_coverage_of_many_reports_draws_those_with_the_most_coded_paragraphs():
    doc_ids = [f"r{n:02d}" for n in range(1, 21)]
    table = pd.DataFrame(
        {
            "doc_id": doc_ids,
            "code": "employment",
            "name_zh": "就业",
            "share": 0.5,
            "paragraphs": range(1, 21),
        }
    )
    figure = plot_coverage(table, most=3)
    try:
        assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == ["r20", "r19", "r18"]
        assert (
            figure.axes[0]
            .get_title()
            .endswith(": the 3 of 20 reports with the most coded paragraphs")
        )
    finally:
        plt.close(figure)


def test_money_in_a_block_of_two_codes_counts_under_each(book):
    doc = parse("标题\n投入帮扶资金236.5万元建设产业园，并资助学校的学生。")
    coded = code_paragraphs(doc, book, "d")
    codes = set(coded["code"])
    assert {"industry", "education"} <= codes
    table = coverage(coded, body_blocks(doc, "d"), book, extract_money(doc, "d"))
    money = table.set_index("code").loc[["industry", "education"], "money_low_yuan"]
    assert money.tolist() == [2_365_000.0, 2_365_000.0]


def test_a_coverage_grid_with_no_share_draws_no_colour_bar():
    book = load_codebook()
    doc = parse("标题\n组织招聘会，促进就业。")  # one short paragraph: too short for a share
    table = coverage(code_paragraphs(doc, book, "d"), body_blocks(doc, "d"), book)
    assert table["share"].isna().all()
    figure = plot_coverage(table)
    assert len(figure.axes) == 1
    plt.close(figure)


def test_an_enumeration_of_areas_codes_none_of_them_a_mention_apart_still_codes():
    book = load_codebook()
    doc = parse(
        "标题\n打造产业协作、数字化转型、消费帮扶、文化交流和援派铁军5张“金名片”。组织招聘会，促进就业。"
    )
    coded = code_paragraphs(doc, book, "d").set_index("code")["via"]
    assert coded["industry"] == coded["consumption"] == "list"
    assert coded["employment"] == "text"


def test_cadres_sent_to_any_province_code_personnel():
    book = load_codebook()
    for text in ("山东省第三批援青干部来到海北。", "上海援滇干部针对各州市特点开展工作。"):
        coded = code_paragraphs(parse("标题\n" + text), book, "d")
        assert "personnel" in set(coded["code"]), text


def test_a_card_without_recipient_or_start_says_none_not_an_empty_arrow(book):
    doc = parse("标题\n南京市对口帮扶商洛市，投入资金100万元。")
    card = model_card(doc, {"doc_id": "d", "donors": ["南京市"]})
    table = coverage(code_paragraphs(doc, book, "d"), body_blocks(doc, "d"), book)
    finding = compare([card], table, book).set_index("code").loc["model", "d finding"]
    assert finding.startswith("南京市 → (none); in the text: ")


@pytest.mark.parametrize(
    ("text", "code", "coded"),
    [
        ("2017年，无锡与海东建立结对帮扶关系。", "pairing", False),  # cities: no sub-county pair
        ("谱写了一曲共建美好新疆的动人乐章。", "pairing", False),  # 共建 of a cause
        ("全区12个村与丹凤县15个村结对帮扶。", "pairing", True),
        ("西交党支部与汉滨区扶贫局党支部建立结对共建关系。", "pairing", True),
        ("直接购买农产品400余万元，帮助销售农产品600余万元。", "consumption", True),
        ("通过“直播带岗”活动达成就业意向。", "consumption", False),  # a job fair online
        ("项目已完成建筑封顶和设备采购。", "consumption", False),
        ("帮助培训各类人才60万余人次。", "employment", False),  # talents, not labour
        ("开展劳务技能培训12期。", "employment", True),
        ("2019年北京市安排支援拉萨资金3.77亿元。", "fiscal", True),  # the donor's money
    ],
)
def test_pairing_is_below_county_level_and_buying_produce_is_consumption(book, text, code, coded):
    rows = code_paragraphs(parse(f"标题\n{text}"), book, "d")
    assert (code in set(rows["code"])) == coded
