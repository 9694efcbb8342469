"""The two segmenters (issue 18): jieba, and jieba-rs with the same vocabulary, on the seeds.

The jieba-rs tests skip, with the reason, where the ``rjieba`` package cannot be imported
(it is an optional extra: ``pip install 'aidlib[fast]'``).
"""

from __future__ import annotations

import importlib.util
import sys
from itertools import accumulate

import jieba
import pandas as pd
import pytest
from seed_terms import SEED_TERMS
from test_pipeline import SEEDS, make_corpus, read_tables

from aidlib import __main__ as cli
from aidlib import keywords, money, pipeline, tokens
from aidlib.corpus import load_corpus

needs_jieba_rs = pytest.mark.skipif(
    importlib.util.find_spec("rjieba") is None,
    reason="jieba-rs cannot be imported (the optional rjieba package: pip install 'aidlib[fast]')",
)
BOTH = ["jieba", pytest.param("jieba-rs", marks=needs_jieba_rs)]


@pytest.fixture(scope="module")
def seed_docs() -> dict[str, object]:
    return load_corpus().documents


@pytest.mark.parametrize("segmenter", BOTH)
def test_seed_terms_are_one_token_wherever_the_seeds_write_them(segmenter, seed_docs):
    for seed in SEED_TERMS:
        written = segmented = 0
        for doc in seed_docs.values():
            for block in doc.body:
                written += block.text.count(seed)
                segmented += tokens.tokenize(block.text, segmenter=segmenter).count(seed)
        assert written > 0
        assert segmented == written, seed


@pytest.mark.parametrize("segmenter", BOTH)
def test_tokens_join_back_and_domain_words_keep_their_dictionary_tags(segmenter, seed_docs):
    for doc in seed_docs.values():
        assert "".join(tokens.tokenize(doc.text, True, segmenter)) == doc.text
    # jieba-rs's own tagger would give 丹凤县 jieba's general tag (nr): tags come from one table
    assert tokens.tagged("丹凤县的双孢菇", segmenter) == [
        ("丹凤县", "ns"),
        ("的", "uj"),
        ("双孢菇", "n"),
    ]
    assert tokens.tagged("汉滨区晏坝镇", segmenter) == [("汉滨区", "ns"), ("晏坝镇", "ns")]
    for line in tokens.DOMAIN_DICTIONARY.read_text("utf-8").splitlines():
        word = line.split()[0]
        assert tokens.tokenize(word, True, segmenter) == [word]


def _spans(words: list[str]) -> set[tuple[int, int]]:
    ends = list(accumulate(map(len, words)))
    return {(end - len(word), end) for word, end in zip(words, ends, strict=True)}


@needs_jieba_rs
def test_jieba_rs_cuts_the_seeds_as_jieba_does(seed_docs):
    for doc_id, doc in seed_docs.items():
        jieba = _spans(tokens.tokenize(doc.text, True, "jieba"))
        rust = _spans(tokens.tokenize(doc.text, True, "jieba-rs"))
        assert len(jieba & rust) / len(jieba) >= 0.995, doc_id
        top = [
            {term for term, _ in keywords._content_counts(doc, segmenter)[:50]}
            for segmenter in tokens.SEGMENTERS
        ]
        assert len(top[0] & top[1]) >= 48, doc_id
    # the one kind of difference on the seeds: jieba-rs keeps a number range whole
    assert tokens.tokenize("8-12万元", True, "jieba") == ["8", "-", "12", "万元"]
    assert tokens.tokenize("8-12万元", True, "jieba-rs") == ["8-12", "万元"]


@needs_jieba_rs
def test_term_tables_of_both_segmenters_have_the_same_columns_and_types(seed_docs):
    doc = seed_docs[SEEDS[0]]
    jieba, rust = (keywords.document_terms(doc, "a", segmenter) for segmenter in tokens.SEGMENTERS)
    assert list(rust.columns) == keywords.TERM_COLUMNS
    assert rust.dtypes.equals(jieba.dtypes)
    assert abs(len(rust) - len(jieba)) <= len(jieba) * 0.005


@needs_jieba_rs
def test_pipeline_names_the_segmenter_and_only_term_counts_change(tmp_path):
    data = make_corpus(tmp_path / "data")
    tables = {}
    for segmenter in tokens.SEGMENTERS:
        pipeline.run(data, tmp_path / segmenter, workers=1, progress=False, segmenter=segmenter)
        tables[segmenter] = read_tables(tmp_path / segmenter)
    jieba, rust = tables["jieba"], tables["jieba-rs"]
    assert jieba["documents"]["segmenter"].tolist() == ["jieba", "jieba"]
    assert rust["documents"]["segmenter"].tolist() == ["jieba-rs", "jieba-rs"]
    pd.testing.assert_frame_equal(
        rust["documents"].drop(columns="segmenter"), jieba["documents"].drop(columns="segmenter")
    )
    for name in ["fixes", "sentences", "money", "quantities", "codes"]:
        pd.testing.assert_frame_equal(rust[name], jieba[name], obj=name)
    for doc_id in SEEDS:
        top = [
            set(counts.loc[counts["doc_id"] == doc_id, "term"][:50])
            for counts in (jieba["term_counts"], rust["term_counts"])
        ]
        assert len(top[0] & top[1]) >= 48, doc_id


@needs_jieba_rs
def test_quantities_on_jieba_rs_read_the_seeds_alike_without_jiebas_cut(monkeypatch, seed_docs):
    on_jieba = {doc_id: money.quantity_rows(doc.text, doc_id) for doc_id, doc in seed_docs.items()}
    corpus = load_corpus(segmenter="jieba-rs")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("jieba's cut was run with segmenter='jieba-rs'")

    monkeypatch.setattr(jieba.Tokenizer, "cut", refuse)
    for doc_id, doc in seed_docs.items():
        assert money.quantity_rows(doc.text, doc_id, "jieba-rs") == on_jieba[doc_id], doc_id
    table = money.corpus_quantities(corpus)  # cut by the corpus's segmenter
    assert len(table) == sum(map(len, on_jieba.values()))
    with pytest.raises(AssertionError, match="jieba's cut"):
        money.quantity_rows("建成3所学校。", "x")


@needs_jieba_rs
def test_command_line_takes_the_segmenter(tmp_path):
    data = make_corpus(tmp_path / "data")
    status = cli.main(
        ["run", str(data), "--out", str(tmp_path / "out"), "--workers", "1", "--no-progress"]
        + ["--segmenter", "jieba-rs"]
    )
    assert status == 0
    documents = pd.read_csv(tmp_path / "out" / "documents.csv")
    assert documents["segmenter"].tolist() == ["jieba-rs", "jieba-rs"]


def test_an_unknown_segmenter_is_refused_before_any_report_is_read(tmp_path):
    with pytest.raises(ValueError, match="segmenter must be one of"):
        tokens.tokenize("对口帮扶", segmenter="pkuseg")
    with pytest.raises(ValueError, match="segmenter must be one of"):
        pipeline.run(tmp_path / "absent", tmp_path / "out", segmenter="thulac")
    assert not (tmp_path / "out").exists()


def test_jieba_rs_missing_says_how_to_install_it(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "rjieba", None)  # import rjieba now raises ImportError
    tokens.cutter.cache_clear()
    try:
        with pytest.raises(ImportError, match=r"pip install 'aidlib\[fast\]'"):
            tokens.tokenize("对口帮扶", segmenter="jieba-rs")
        data = make_corpus(tmp_path / "data")
        status = cli.main(
            ["run", str(data), "--out", str(tmp_path / "out")] + ["--segmenter", "jieba-rs"]
        )
        assert status == 1
        assert "aidlib[fast]" in capsys.readouterr().err
    finally:
        tokens.cutter.cache_clear()


@needs_jieba_rs
def test_a_corpus_cuts_its_terms_with_its_segmenter():
    on_jieba = load_corpus()
    on_rust = load_corpus(segmenter="jieba-rs")
    assert (
        on_rust.segmenter == "jieba-rs"
        and on_rust.subset(on_rust.doc_ids[:1]).segmenter == "jieba-rs"
    )
    jieba_terms, rust_terms = on_jieba.terms(), on_rust.terms()
    assert len(rust_terms) == pytest.approx(len(jieba_terms), rel=0.01)
    top = [set(keywords.top_terms(corpus, n=20)["term"]) for corpus in (on_jieba, on_rust)]
    assert len(top[0] ^ top[1]) <= 2  # the two agree but for a rare compound


def test_a_corpus_with_an_unknown_segmenter_fails_on_load():
    with pytest.raises(ValueError, match="segmenter must be one of"):
        load_corpus(segmenter="thulac")
