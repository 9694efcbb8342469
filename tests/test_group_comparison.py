"""Group comparison across reports by any metadata column (issue 16)."""

import pandas as pd
import pytest
from real_corpus import data_folder

from aidlib.coding import (
    GROUP_COLUMNS,
    code_corpus,
    compare_groups,
    group_labels,
    load_codebook,
)
from aidlib.corpus import load_corpus, pairing_labels


@pytest.fixture(scope="module")
def seeds():
    corpus = load_corpus()
    return corpus, code_corpus(corpus, load_codebook())


@pytest.fixture(scope="module")
def real():
    folder = data_folder()
    if folder is None:
        pytest.skip("no development corpus in tests/data/real")
    corpus = load_corpus(folder)
    return corpus, code_corpus(corpus, load_codebook())


def test_group_labels_from_any_column():
    rows = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "donors": [["甲区"], ["乙区", "丙区"], []],
            "recipient": ["丁县", "戊县", ""],
            "start": ["2019-06", "2021", ""],
            "province": ["陕西省", "", "甘肃省"],
            "model": ["山海", "山海", "园区"],
        }
    )
    assert group_labels(rows, "pairing").tolist() == [
        "甲区 → 丁县",
        "乙区、丙区 → 戊县",
        "(none) → 甘肃省",  # no county or prefecture: the province receives
    ]
    assert pairing_labels(rows) == {
        "a": "甲区 → 丁县",
        "b": "乙区、丙区 → 戊县",
        "c": "(none) → 甘肃省",
    }
    assert group_labels(rows, "year").tolist() == ["2019", "2021", "(none)"]
    assert group_labels(rows, "province").tolist() == ["陕西省", "(none)", "甘肃省"]
    assert group_labels(rows, "model").index.tolist() == ["a", "b", "c"]
    with pytest.raises(KeyError, match="no metadata column 'sector'.*pairing and year"):
        group_labels(rows, "sector")


def test_two_groups_each_get_what_only_they_have_with_quotes(seeds):
    corpus, result = seeds
    table = compare_groups(result, corpus.assign(model=["三区两地", "一体两翼"]), "model")
    assert list(table.columns) == GROUP_COLUMNS
    assert set(table["group"]) == {"三区两地", "一体两翼"}
    texts = {doc_id: corpus.text(doc_id) for doc_id in corpus}
    names = table[table["kind"] == "name"]
    # each report's own named models set it apart: in its group, in no other
    assert (names["in_group"] == 1).all() and (names["elsewhere"] == 0).all()
    assert "一体两翼" in set(names.loc[names["group"] == "一体两翼", "feature"])
    for row in table.itertuples():
        assert row.difference > 0
        for piece in row.quote.strip("…").split("…"):
            assert piece in texts[row.doc_id]


def test_one_group_has_nothing_to_set_apart(seeds):
    corpus, result = seeds
    assert compare_groups(result, corpus, "province").empty  # both seeds are in 陕西省


def test_groups_of_the_development_corpus(real):
    corpus, result = real
    for by in ("province", "year", "pairing"):
        labels = group_labels(corpus, by)
        table = compare_groups(result, corpus, by, top=3)
        if labels.nunique() < 2:
            assert table.empty
            continue
        assert not table.empty, by
        assert set(table["group"]) <= set(labels)
        sizes = labels.value_counts()
        assert (table["n_reports"] == table["group"].map(sizes)).all()
        assert (table.groupby(["group", "kind"]).size() <= 3).all()
        assert table["quote"].str.len().gt(0).all()


def test_a_group_of_one_report_is_left_out_when_a_group_has_more(real):
    corpus, result = real
    provinces = group_labels(corpus, "province")
    # one report alone in its group beside groups of several: a report per pairing, say
    lone = provinces.index[0]
    labels = corpus.assign(model=["甲" if d == lone else provinces[d] for d in corpus])
    table = compare_groups(result, labels, "model", top=3)
    assert "甲" not in set(table["group"])
    assert (table["n_reports"] >= 2).all() and len(table)


def test_a_feature_sets_a_group_apart_only_when_most_of_its_reports_have_it(real):
    corpus, result = real
    table = compare_groups(result, corpus, "province", top=50)
    assert len(table) and (table["in_group"] > 0.5).all()
    assert (table["in_group"] > table["elsewhere"]).all()
