"""The notebooks' findings say what their tables say, in words that fit any number of reports.

Small hand-made tables, and the exact sentence each must give: eight reports are "the 8
reports" (never "the two"), one is "the one report", one repair is "1 repair".
"""

import math

import pandas as pd
import pytest

from aidlib import findings

IDS = [f"r{i}" for i in range(1, 9)]


def statistics_tables(doc_ids: list[str]) -> tuple[pd.DataFrame, ...]:
    n = len(doc_ids)
    stats = pd.DataFrame(
        {
            "doc_id": doc_ids,
            "chinese_chars": [1000 * (i + 1) for i in range(n)],
            "paragraphs": [10] * n,
            "sentences": [20] * n,
            "median_sentence_chars": [40.0] * n,
            "share_sentences_with_number": [0.25] * n,
            "mattr": [0.8] * n,
        }
    )
    sections = stats[["doc_id", "chinese_chars"]].assign(section="（导语）")
    front = pd.DataFrame(
        {
            "doc_id": doc_ids,
            "title": ["标题"] * n,
            "parsed_title": ["标题"] * n,
            "same": [True] * n,
            "furniture": [0] * n,
        }
    )
    fixes = pd.DataFrame({"doc_id": doc_ids[:1], "kind": ["space"]})
    return stats, sections, front, fixes


def test_text_statistics_of_eight_reports_counts_eight():
    text = findings.text_statistics(*statistics_tables(IDS))
    assert text.startswith(
        "The 8 reports hold 36,000 Chinese characters of body text in 80 paragraphs. "
        "The longest is **r8** (8,000 characters), 8.0 times the shortest, **r1** (1,000 characters)."
    )
    assert "Normalisation made 1 repair (space 1). No report had site furniture to remove." in text
    assert text.count("\n- **") == 8 and "- **r8**: 8,000 Chinese characters" in text
    assert "two" not in text


def test_a_line_cut_off_mid_sentence_is_reported_apart_from_the_repairs():
    stats, sections, front, _ = statistics_tables(IDS)
    fixes = pd.DataFrame({"doc_id": ["r1", "r1", "r2"], "kind": ["space", "truncated", "space"]})
    text = findings.text_statistics(stats, sections, front, fixes)
    assert (
        "Normalisation made 2 repairs (space 2). 1 line stops mid-sentence (`truncated`: "
        "reported, not changed)." in text
    )
    assert "- **r1**: 1,000 Chinese characters" in text and "; 1 repair;" in text


def test_text_statistics_of_one_report_names_no_longest():
    text = findings.text_statistics(*statistics_tables(["solo"]))
    assert text.startswith(
        "The one report holds 1,000 Chinese characters of body text in 10 paragraphs.\n"
    )
    assert "longest is" not in text


def test_funding_counts_every_role_and_names_reports_without_money():
    shares = pd.DataFrame(
        {
            "doc_id": ["r1", "r1", "r2"],
            "role": ["item", "excluded", "cumulative"],
            "n": [3, 1, 2],
            "low_yuan": [4e6, 1000.0, 1e7],
            "high_yuan": [4e6, 1000.0, math.inf],
            "largest_low_yuan": [2e6, 1000.0, 8e6],
            "largest_high_yuan": [2e6, 1000.0, math.inf],
        }
    )
    labels = {doc_id: f"{doc_id} → 乙" for doc_id in IDS}
    text = findings.funding(shares, labels)
    assert text.split("\n\n")[0] == (
        "The 8 reports name 6 amounts of money: 3 items, 2 running totals and 1 amount left out. "
        "6 reports name none: r3, r4, r5, r6, r7 and r8."
    )
    assert text.split("\n\n")[1].splitlines() == [
        "- **r1 → 乙** (r1): 4 amounts; 3 items (400 万元), 0 running totals, 1 amount left out.",
        "- **r2 → 乙** (r2): 2 amounts; 0 items, 2 running totals (the largest ≥ 800 万元), "
        "0 amounts left out.",
    ]


def test_keywords_without_a_comparison_says_so():
    freqs = pd.DataFrame(
        {"doc_id": ["r1"], "term": ["资金"], "count": [5], "relative_frequency": [0.05]}
    )
    summary = pd.DataFrame({"doc_id": ["r1"], "content_tokens": [100]})
    places = pd.DataFrame({"doc_id": [], "level": [], "count": []})
    assert findings.keywords(freqs, summary, places) == (
        "- **r1**: most frequent content word 资金 (5 times, 5.0 % of 100 content words); "
        "places named: none.\n\n"
        "Keyness needs two sets of reports to compare: this corpus has one report."
    )


def test_model_comparison_counts_uncoded_headings_over_all_reports():
    coverage = pd.DataFrame(
        {
            "doc_id": [d for d in IDS for _ in range(2)],
            "name_en": ["Money", "Schools"] * 8,
            "share": [0.5, 0.1, 0.2, 0.1] * 4,
        }
    )
    cards = [pd.Series({"doc_id": d, "resident_cadres": None, "awards": []}) for d in IDS]
    slogans = pd.DataFrame({"doc_id": [], "slogan": [], "kind": [], "quoted": []})
    blocks = pd.DataFrame({"doc_id": IDS[:3], "kind": ["heading", "heading", "paragraph"]})
    compared = findings.sides(
        pd.DataFrame({"doc_id": IDS, "province": ["甲", "乙"] * 4}), ("province", "甲", "乙")
    )
    text = findings.model_comparison(coverage, cards, slogans, blocks, compared)
    assert text.split("\n\n")[0] == (
        "Compared: **甲** against **乙**. A larger share of 甲's body text: Money (50 % against "
        "20 %). A larger share of 乙's: none. Within 5 points of each other: Schools."
    )
    assert text.split("\n\n")[2] == (
        "3 body blocks of the 8 reports carry no code; 2 of them are headings."
    )
    assert text.count("\n- **") == 8


def test_sides_name_what_the_corpus_has_when_a_value_is_missing():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "province": ["甲", "乙"]})
    with pytest.raises(ValueError, match="province has"):
        findings.sides(corpus, ("province", "甲", "丙"))
    with pytest.raises(ValueError, match="two doc_ids"):
        findings.sides(corpus, ("a", "x"))
    assert findings.sides(corpus.head(1)) == {}


def test_words_in_context_counts_reports_with_each_term():
    hits = pd.DataFrame(
        {
            "term": ["就业"] * 2,
            "doc_id": ["r1", "r2"],
            "as_word": [2, 0],
            "inside_longer_words": [0, 3],
            "top_section": ["一", ""],
            "share_there": [1.0, 0.0],
        }
    )
    assert findings.words_in_context(hits, ["就业"], IDS) == (
        "- **就业** in 2 of the 8 reports: *r1* 2 as a word, 0 more inside longer words "
        "(100 % of the word hits in the section “一”); *r2* 0 as a word, 3 more inside longer "
        "words.\n\nNot found in any report: none. Reports with none of the terms: r3, r4, r5, "
        "r6, r7 and r8."
    )


def test_text_statistics_of_a_large_corpus_names_its_longest_reports_not_all():
    doc_ids = [f"r{n:02d}" for n in range(1, 31)]
    stats, sections, front, fixes = statistics_tables(doc_ids)
    front["furniture"] = range(30)  # every report but r01 had furniture
    front["same"] = [n % 2 == 0 for n in range(30)]
    text = findings.text_statistics(stats, sections, front, fixes)
    assert "from r30, r29, r28, r27, r26, r25, r24, r23, r22, r21, r20, r19 and 17 more." in text
    assert "Of the 30 reports, the title found in the text differs" in text
    assert "title in 15: r02, r04," in text and "and 3 more." in text
    assert "Per report, the 12 of 30 reports with the most text:" in text
    assert text.count("\n- **") == 12 and "- **r30**" in text and "- **r18**" not in text
    assert text.index("- **r30**") < text.index("- **r29**") < text.index("- **r19**")


def test_titles_missing_from_the_metadata_are_not_said_to_differ():
    stats, sections, front, fixes = statistics_tables(IDS)
    front["title"] = [""] * 6 + ["标题", "标题"]
    front["parsed_title"] = ["甲", "乙", "", "", "", "", "标题", "别的"]
    front["same"] = [False, False, True, True, True, True, True, False]
    text = findings.text_statistics(stats, sections, front, fixes)
    assert (
        "Of the 2 reports that have one, the title found in the text differs from the metadata "
        "title in 1: r8. 6 reports have no metadata title; the text gave one for 2 of them: "
        "r1 and r2." in text
    )


def test_a_report_whose_text_shows_no_title_is_not_said_to_differ():
    stats, sections, front, fixes = statistics_tables(IDS)
    front["title"] = "标题"
    front["parsed_title"] = ["标题"] * 5 + ["别的", "", ""]
    front["same"] = [True] * 5 + [False] * 3
    text = findings.text_statistics(stats, sections, front, fixes)
    assert (
        "Of the 8 reports, the title found in the text differs from the metadata title in 1: r6; "
        "the text shows no title line in 2: r7 and r8." in text
    )


def test_funding_of_a_large_corpus_lists_the_reports_naming_most_amounts():
    doc_ids = [f"r{n:02d}" for n in range(1, 21)]
    shares = pd.DataFrame(
        {"doc_id": doc_ids, "role": "item", "n": range(1, 21), "low_yuan": 1e4, "high_yuan": 1e4}
    )
    text = findings.funding(shares, {doc_id: doc_id for doc_id in doc_ids})
    assert "Per report, the 12 of 20 reports naming the most amounts:" in text
    assert text.count("\n- **") == 12 and "- **r20**" in text and "- **r08**" not in text
    assert text.index("- **r20**") < text.index("- **r19**") < text.index("- **r09**")


def test_words_in_context_of_many_reports_names_those_using_a_term_most():
    doc_ids = [f"r{n:02d}" for n in range(1, 21)]
    hits = pd.DataFrame(
        {
            "term": "就业",
            "doc_id": doc_ids,
            "as_word": range(1, 21),
            "inside_longer_words": 0,
            "top_section": "一",
            "share_there": 1.0,
        }
    )
    text = findings.words_in_context(hits, ["就业"], doc_ids)
    assert text.startswith(
        "- **就业** in 20 of the 20 reports (12 of 20 reports using it most): *r20* 20"
    )  # the reports that use it most first, as "the 12 … using it most" reads
    assert text.index("*r10* 10") < text.index("*r09* 9") and "*r08*" not in text
    assert "*r08*" not in text and "*r20* 20 as a word" in text


def test_words_in_context_names_no_section_when_the_lead_holds_every_hit():
    hits = pd.DataFrame(
        {
            "term": ["就业", "就业"],
            "doc_id": ["a", "b"],
            "as_word": [3, 2],
            "inside_longer_words": [0, 0],
            "top_section": ["（导语）", "一"],
            "share_there": [1.0, 1.0],
        }
    )
    text = findings.words_in_context(hits, ["就业"], ["a", "b"])
    assert "（导语）" not in text and "“一”" in text


def test_compare_takes_a_list_written_as_a_string_and_a_value_for_the_label_it_begins():
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "province": ["陕西省", "甘肃省", "陕西省"]})
    assert findings.sides(corpus, '["province", "陕西", "甘肃"]') == {
        "陕西省": ["a", "c"],
        "甘肃省": ["b"],
    }
    with pytest.raises(ValueError, match="no list"):
        findings.sides(corpus, "province 陕西 甘肃")


def test_funding_says_how_much_of_the_items_is_investment_or_purchases():
    roles = pd.DataFrame(
        {
            "doc_id": ["a"] * 3,
            "role": ["item"] * 3,
            "kind": ["donation", "investment", "purchase"],
            "value_yuan": [2.12e9, 1.268e11, 9.438e10],
            "value_yuan_high": [2.12e9, 1.268e11, 9.438e10],
            "mention": ["21.2亿元", "1268亿元", "943.8亿元"],
        }
    )
    shares = pd.DataFrame(
        {
            "doc_id": ["a"],
            "role": ["item"],
            "n": [3],
            "low_yuan": [roles["value_yuan"].sum()],
            "high_yuan": [roles["value_yuan_high"].sum()],
            "largest_low_yuan": [1.268e11],
            "largest_high_yuan": [1.268e11],
        }
    )
    text = findings.funding(shares, {"a": "东部 → 西部"}, roles)
    assert "of which firms' investment 12,680,000 万元 and purchases 9,438,000 万元" in text
