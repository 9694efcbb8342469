"""Term tables, frequency, TF-IDF, TextRank, keyness, collocations and word clouds (issue 4)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from PIL import Image
from seed_terms import SEED_TERMS

from aidlib import keywords, plotstyle, tokens
from aidlib.corpus import Corpus, load_corpus

matplotlib.use("Agg")

HANBIN, DANFENG = "yanta-hanbin", "beilin-danfeng"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="module")
def term_table(corpus) -> pd.DataFrame:
    return keywords.terms(corpus)


@pytest.fixture(scope="module")
def freqs(corpus) -> pd.DataFrame:
    return keywords.frequencies(corpus)


@pytest.fixture(scope="module")
def key(corpus) -> pd.DataFrame:
    return keywords.keyness(corpus, target=HANBIN, reference=DANFENG)


def test_terms_point_back_into_the_normalised_body(corpus, term_table):
    assert list(term_table.columns) == keywords.TERM_COLUMNS
    for doc_id, doc in corpus.documents.items():
        rows = term_table[term_table["doc_id"] == doc_id]
        assert rows["position"].tolist() == list(range(len(rows)))
        assert all(doc.text[r.start : r.end] == r.surface for r in rows.itertuples())
        body = {block.index: block for block in doc.body}
        assert set(rows["paragraph"]) <= set(body)
        for r in rows.itertuples():
            block = body[r.paragraph]
            assert block.start <= r.start < r.end <= block.end and r.kind == block.kind
            if r.kind == "paragraph":
                sentence = doc.sentences[r.sentence]
                assert sentence.start <= r.start < sentence.end
            else:
                assert pd.isna(r.sentence)
        # every word of the body is there: what no token covers is punctuation or space
        covered = {i for r in rows.itertuples() for i in range(r.start, r.end)}
        left_out = {
            doc.text[i] for b in doc.body for i in range(b.start, b.end) if i not in covered
        }
        assert not [char for char in left_out if tokens.is_word(char)]


@pytest.mark.parametrize("seed", SEED_TERMS)
def test_seed_terms_are_counted_as_one_token(seed, term_table, freqs):
    assert (term_table["surface"] == seed).sum() > 0
    assert seed in set(freqs["term"])
    assert not any(seed in s and s != seed for s in term_table["surface"])


def test_merges_report_variants_and_short_forms(corpus, term_table):
    table = keywords.merges(corpus)
    assert list(table.columns) == ["doc_id", "variant", "canonical", "count", "rule"]
    rows = {(r.doc_id, r.variant): r for r in table.itertuples()}
    assert rows[DANFENG, "三架马车"].canonical == "三驾马车"
    assert rows[DANFENG, "三架马车"].rule == "variant"
    assert rows[HANBIN, "航天基地"].canonical == "西安航天基地"
    assert rows[HANBIN, "航天基地"].rule == "short form"
    for r in table.itertuples():
        written = term_table[
            (term_table["doc_id"] == r.doc_id) & (term_table["surface"] == r.variant)
        ]
        assert len(written) == r.count and set(written["term"]) == {r.canonical}
    assert not term_table["term"].isin(["三架马车", "航天基地"]).any()


def test_short_form_stays_when_the_report_never_writes_the_full_form():
    docs = pd.DataFrame({"doc_id": ["x"], "text": ["标题\n航天基地与雁塔区签约。"]})
    assert keywords.terms(docs)["term"].tolist()[:1] == ["航天基地"]
    assert keywords.merges(docs).empty


def test_summary_counts_tokens_and_terms(corpus, term_table, freqs):
    table = keywords.summary(corpus).set_index("doc_id")
    assert table.index.tolist() == corpus.doc_ids
    assert table["word_tokens"].to_dict() == term_table["doc_id"].value_counts().to_dict()
    assert table["content_tokens"].to_dict() == freqs.groupby("doc_id")["count"].sum().to_dict()
    assert table["content_terms"].to_dict() == freqs["doc_id"].value_counts().to_dict()


def test_frequencies_count_the_content_terms(term_table, freqs):
    assert list(freqs.columns) == keywords.FREQUENCY_COLUMNS
    content = term_table[term_table["content"]]
    expected = content.groupby(["doc_id", "term"]).size()
    got = freqs.set_index(["doc_id", "term"])["count"]
    assert got.sort_index().equals(expected.sort_index().rename("count"))
    assert freqs.groupby("doc_id")["relative_frequency"].sum().round(9).eq(1).all()
    both = set(freqs.loc[freqs["doc_id"] == HANBIN, "term"]) & set(
        freqs.loc[freqs["doc_id"] == DANFENG, "term"]
    )
    assert set(freqs.loc[freqs["document_frequency"] == 2, "term"]) == both
    assert freqs.loc[freqs["doc_id"] == HANBIN, "term"].iloc[0] == "汉滨区"
    assert freqs.loc[freqs["doc_id"] == DANFENG, "term"].iloc[0] == "丹凤县"


def test_content_counts_of_one_report_are_its_rows_of_frequencies(corpus, freqs):
    for doc_id, doc in corpus.documents.items():
        rows = freqs[freqs["doc_id"] == doc_id]
        counts = keywords._content_counts(doc)
        assert counts == list(zip(rows["term"], rows["count"], strict=True)), doc_id
        assert len(counts) > 300, doc_id


def _assert_clean(terms: list[str], label: str) -> None:
    stop = tokens.stopwords()
    for term in terms:
        assert term not in stop, f"{label}: stop word {term}"
        assert re.search(r"[\u4e00-\u9fffA-Za-z]", term), f"{label}: punctuation/digits {term}"
        assert not re.fullmatch(r"[\d.%]+", term), f"{label}: digit string {term}"
        if len(term) == 1:
            assert tokens.part_of_speech(term).startswith("n"), f"{label}: function char {term}"


def test_no_stop_word_punctuation_digit_or_function_character_in_any_top_50(corpus, freqs, key):
    for doc_id, table in keywords.top_terms(corpus, n=50).groupby("doc_id"):
        assert table["rank"].tolist() == list(range(1, 51))
        _assert_clean(table["term"].tolist(), f"frequency {doc_id}")
    for name, table in [("tfidf", keywords.tfidf(corpus)), ("textrank", keywords.textrank(corpus))]:
        for doc_id, rows in table.groupby("doc_id"):
            _assert_clean(rows["term"].head(50).tolist(), f"{name} {doc_id}")
    _assert_clean(key["term"].head(50).tolist() + key["term"].tail(50).tolist(), "keyness")
    for doc_id, rows in keywords.collocations(corpus).groupby("doc_id"):
        pairs = rows.head(50)
        _assert_clean(pairs["first"].tolist() + pairs["second"].tolist(), f"collocations {doc_id}")


def test_keyness_puts_hanbin_on_one_side_and_danfeng_beilin_on_the_other(key):
    assert list(key.columns) == keywords.KEYNESS_COLUMNS
    assert key["z"].is_monotonic_decreasing
    top, bottom = key["term"].head(5).tolist(), key["term"].tail(5).tolist()
    assert "汉滨区" in top and {"丹凤县", "碑林区"} <= set(bottom)
    hanbin = key[key["term"].str.contains("汉滨")]
    danfeng_beilin = key[key["term"].str.contains("丹凤|碑林")]
    assert len(hanbin) and len(danfeng_beilin)
    assert (hanbin["z"] > 0).all() and (hanbin["side"] == "target").all()
    assert (danfeng_beilin["z"] < 0).all() and (danfeng_beilin["side"] == "reference").all()


def test_keyness_is_antisymmetric_and_reduces_to_the_plain_log_odds(corpus, key):
    flipped = keywords.keyness(corpus, target=DANFENG, reference=HANBIN).set_index("term")
    mine = key.set_index("term")
    assert (mine["z"] + flipped.loc[mine.index, "z"]).abs().max() < 1e-9
    assert (mine["g2"] - flipped.loc[mine.index, "g2"]).abs().max() < 1e-9
    weak = keywords.keyness(corpus, target=HANBIN, prior_scale=1e-9).set_index("term")
    n_t, n_r = mine["count_target"].sum(), mine["count_reference"].sum()
    y_t, y_r = mine.loc["对口帮扶", ["count_target", "count_reference"]]
    plain = math.log(y_t / (n_t - y_t)) - math.log(y_r / (n_r - y_r))
    assert weak.loc["对口帮扶", "log_odds"] == pytest.approx(plain, rel=1e-6)


def test_keyness_second_measure_matches_a_hand_computed_table(key):
    row = key.set_index("term").loc["汉滨区"]
    a, b = row["count_target"], row["count_reference"]
    n_t, n_r = key["count_target"].sum(), key["count_reference"].sum()
    observed = [a, b, n_t - a, n_r - b]
    total = n_t + n_r
    expected = [
        (a + b) * n_t / total,
        (a + b) * n_r / total,
        (total - a - b) * n_t / total,
        (total - a - b) * n_r / total,
    ]
    g2 = 2 * sum(o * math.log(o / e) for o, e in zip(observed, expected, strict=True) if o)
    chi2 = sum((o - e) ** 2 / e for o, e in zip(observed, expected, strict=True))
    assert row["g2"] == pytest.approx(g2) and row["chi2"] == pytest.approx(chi2)
    assert row["p_value"] == pytest.approx(math.erfc(abs(row["z"]) / math.sqrt(2)))  # the p of z


@pytest.mark.parametrize(
    ("target", "reference", "message"),
    [("nowhere", None, "nowhere"), (HANBIN, HANBIN, "disjoint"), (HANBIN, ["gone"], "gone")],
)
def test_keyness_names_a_bad_doc_id(corpus, target, reference, message):
    with pytest.raises(ValueError, match=message):
        keywords.keyness(corpus, target=target, reference=reference)


def test_docs_without_text_column_is_refused():
    with pytest.raises(ValueError, match="text"):
        keywords.frequencies(pd.DataFrame({"doc_id": ["a"]}))


def test_rankings_are_the_top_of_tfidf_and_textrank_per_report(corpus):
    table = keywords.rankings(corpus, n=12)
    assert list(table.columns) == keywords.RANKING_COLUMNS
    for measure, scores, column in [
        ("tfidf", keywords.tfidf(corpus), "tfidf"),
        ("textrank", keywords.textrank(corpus), "score"),
    ]:
        for doc_id in corpus:
            rows = table[(table["measure"] == measure) & (table["doc_id"] == doc_id)]
            top = scores[scores["doc_id"] == doc_id].head(12)
            assert rows["rank"].tolist() == list(range(1, 13)), (measure, doc_id)
            assert rows["term"].tolist() == top["term"].tolist(), (measure, doc_id)
            assert rows["value"].tolist() == top[column].tolist(), (measure, doc_id)
            assert rows["value"].is_monotonic_decreasing, (measure, doc_id)


def test_tfidf_background_and_corpus_idf(corpus, freqs):
    background = keywords.tfidf(corpus)
    assert (background["tfidf"] == background["tf"] * background["idf"]).all()
    assert background.loc[background["doc_id"] == DANFENG, "term"].iloc[0] == "丹凤县"
    local = keywords.tfidf(corpus, idf="corpus").merge(freqs, on=["doc_id", "term"])
    shared = local[local["document_frequency"] == 2]["idf"]
    only = local[local["document_frequency"] == 1]["idf"]
    assert shared.max() < only.min()
    with pytest.raises(ValueError, match="idf"):
        keywords.tfidf(corpus, idf="web")


def test_textrank_ranks_content_terms(corpus, term_table):
    ranked = keywords.textrank(corpus)
    assert list(ranked.columns) == ["doc_id", "term", "score"]
    assert ranked.groupby("doc_id")["score"].max().eq(1).all()
    assert (ranked["score"] > 0).all()
    content = set(term_table.loc[term_table["content"], "term"])
    assert set(ranked["term"]) <= content
    assert ranked.loc[ranked["doc_id"] == HANBIN, "term"].iloc[0] == "汉滨区"


def test_collocations_are_adjacent_pairs_in_the_text(corpus):
    pairs = keywords.collocations(corpus, min_count=2)
    assert (pairs["count"] >= 2).all()
    bodies = {
        doc_id: "\n".join(b.text for b in doc.body) for doc_id, doc in corpus.documents.items()
    }
    found = {(r.doc_id, r.first, r.second) for r in pairs.itertuples()}
    assert (HANBIN, "西安市", "雁塔区") in found
    merged_into = set(tokens.short_forms().values()) | set(tokens.variants().values())
    merged_into |= set(keywords.merges(corpus)["canonical"])  # places merged from short forms
    for r in pairs.itertuples():
        if r.first not in merged_into and r.second not in merged_into:
            assert bodies[r.doc_id].count(r.first + r.second) >= r.count, r
        assert r.pmi > 0 and r.g2 > 0
    assert len(keywords.collocations(corpus, min_count=3)) < len(pairs)


def test_each_word_cloud_draws_only_characters_the_font_has(corpus, freqs, tmp_path):
    for doc_id in corpus:
        cloud = keywords.wordcloud(freqs, doc_id=doc_id, seed=7)
        path = tmp_path / f"{doc_id}.png"
        cloud.to_file(path)
        with Image.open(path) as image:
            assert image.format == "PNG" and image.size == (cloud.width, cloud.height)
        assert Path(cloud.font_path) == plotstyle.cjk_font_path()
        drawn = [word for (word, _), *_ in cloud.layout_]
        assert len(drawn) == 100
        assert "汉滨区" in drawn if doc_id == HANBIN else "丹凤县" in drawn
        missing = {
            word: plotstyle.missing_characters(word, Path(cloud.font_path)) for word in drawn
        }
        assert not {word: chars for word, chars in missing.items() if chars}


def test_word_cloud_is_byte_identical_for_the_same_seed(freqs, tmp_path):
    paths = []
    for run, seed in enumerate([3, 3, 4]):
        path = tmp_path / f"cloud{run}.png"
        keywords.wordcloud(freqs, doc_id=DANFENG, seed=seed).to_file(path)
        paths.append(path.read_bytes())
    assert paths[0] == paths[1]
    assert paths[0] != paths[2]


def test_word_cloud_needs_one_report(freqs):
    with pytest.raises(ValueError, match="doc_id"):
        keywords.wordcloud(freqs)


def test_plots_draw_every_character(corpus, freqs, key):
    figures = [
        keywords.plot_top_terms(freqs, n=15),
        keywords.plot_keyness(
            key, n=10, labels=("雁塔区、西安航天基地 → 汉滨区", "碑林区 → 丹凤县")
        ),
        keywords.plot_wordcloud(keywords.wordcloud(freqs, doc_id=HANBIN), title="汉滨区"),
    ]
    for figure in figures:
        assert plotstyle.missing_glyphs(figure) == {}
        matplotlib.pyplot.close(figure)
    assert len(figures[0].axes) == len(corpus)
    assert "word size: how often" in figures[2].axes[0].texts[0].get_text()


def test_top_terms_panels_wrap_into_rows_on_one_rate_axis(freqs):
    many = pd.concat([freqs.assign(doc_id=freqs["doc_id"] + f"-{n}") for n in range(3)])
    figure = keywords.plot_top_terms(many, n=5)
    try:
        drawn = [ax for ax in figure.axes if ax.axison]
        assert len(drawn) == 6 and len(figure.axes) == 8  # four a row, two rows
        assert len({round(ax.get_position().y0, 3) for ax in drawn}) == 2
        assert len({ax.get_xlim() for ax in drawn}) == 1  # shared: rates are comparable
        assert {ax.get_xlabel() for ax in drawn} == {"per 1,000 content words"}
        top = freqs[freqs["doc_id"] == HANBIN].iloc[0]
        bars = drawn[0].patches
        assert max(bar.get_width() for bar in bars) == pytest.approx(
            1000 * top["relative_frequency"]
        )
    finally:
        matplotlib.pyplot.close(figure)


def test_keyness_plot_keys_both_colours_and_names_the_196_lines(key):
    figure = keywords.plot_keyness(key, n=10, labels=("汉滨区", "丹凤县"))
    try:
        ax = figure.axes[0]
        dashed = [line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == "--"]
        assert sorted(dashed) == [-1.96, 1.96]
        legend = [text.get_text() for text in figure.legends[0].get_texts()]
        assert legend == [
            "typical of 汉滨区",
            "typical of 丹凤县",
            "|z| > 1.96: p < 0.05 (two-sided)",
        ]
        colours = {tuple(bar.get_facecolor()) for bar in ax.patches}
        assert len(colours) == 2
        figure.canvas.draw()
        legend_box = figure.legends[0].get_window_extent()
        assert not legend_box.overlaps(ax.get_window_extent())  # below the bars, not over them
    finally:
        matplotlib.pyplot.close(figure)


def test_top_terms_and_word_clouds_of_many_reports_show_the_longest():
    doc_ids = [f"r{n:02d}" for n in range(1, 21)]
    freqs = pd.DataFrame(
        {"doc_id": doc_ids, "term": "资金", "count": range(1, 21), "relative_frequency": 1.0}
    )
    figure = keywords.plot_top_terms(freqs, most=3)
    try:
        assert [ax.get_title() for ax in figure.axes if ax.axison] == [
            "r20 (20 content words)",
            "r19 (19 content words)",
            "r18 (18 content words)",
        ]
        assert figure.get_suptitle() == (
            "Most frequent terms of the 3 of 20 reports with the most content words"
        )
    finally:
        matplotlib.pyplot.close(figure)
    figure = keywords.plot_wordclouds(freqs, most=2)
    try:
        assert [ax.get_title() for ax in figure.axes] == ["r20", "r19"]
        assert figure.get_suptitle().startswith("Word clouds of the 2 of 20 reports")
    finally:
        matplotlib.pyplot.close(figure)
