"""Issue 13: the analyses of notebooks 03 and 05 on one Corpus segment each report once."""

from collections import Counter

import pytest

from aidlib import context, keywords, tokens
from aidlib.corpus import load_corpus


def counted_segments(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every text ``aidlib.tokens.segment`` is asked to cut from now on, counted."""
    calls: Counter[str] = Counter()
    segment = tokens.segment

    def counting(text: str):
        calls[text] += 1
        return segment(text)

    monkeypatch.setattr(tokens, "segment", counting)
    return calls


def test_notebooks_03_and_05_segment_each_report_once(monkeypatch, tmp_path):
    corpus = load_corpus()  # (normalising checks a few words at page breaks while loading)
    segmented = counted_segments(monkeypatch)
    a, b = corpus.doc_ids
    # notebook 03
    keywords.summary(corpus)
    keywords.merges(corpus)
    freqs = keywords.frequencies(corpus)
    keywords.top_terms(corpus, n=20)
    keywords.rankings(corpus, n=12)
    keywords.wordcloud(freqs, doc_id=a, seed=0)
    keywords.keyness(corpus, target=a)
    keywords.candidate_terms(corpus)
    # notebook 05
    for term in ["消费扶贫", "消费帮扶", "就业", "结对", "资金"]:
        context.kwic(corpus, term, window=0)
        context.kwic(corpus, term, window=0, regex=True)
        context.kwic(corpus.subset([a]), term, window=0)
    context.dispersion(corpus, ["消费扶贫", "就业", "三区两地", "一体两翼"])
    context.cooccurrence(corpus, unit="sentence", min_count=2, min_term_count=4)
    context.term_scatter_table(corpus, a, b, min_count=2)
    context.term_scatter(corpus, a, b, tmp_path / "scatter.html", min_count=2)

    blocks = Counter(block.text for doc in corpus.documents.values() for block in doc.body)
    assert {text: segmented[text] for text in blocks} == dict(blocks)
    others = set(segmented) - set(blocks)
    assert all(len(text) <= 8 for text in others), others  # search terms, not report text
