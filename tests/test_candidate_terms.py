"""Terms the corpus teaches: candidate_terms and ``python -m aidlib terms`` (issue 14)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from aidlib import keywords, tokens
from aidlib.normalize import normalize

REAL = Path(__file__).parent / "data" / "real"

#: Sentences around a coined slogan and a product brand that no dictionary has.
_CONTEXTS = [
    "今年以来，{}成效明显。",
    "两地共同推动{}，带动群众增收。",
    "围绕{}开展专题培训；",
    "记者了解到，“{}”已经写进规划。",
]


def _docs(*terms: str, reports: int = 3) -> pd.DataFrame:
    texts = []
    for number in range(reports):
        body = "".join(context.format(term) for term in terms for context in _CONTEXTS)
        texts.append(f"第{number}篇报道\n{body}\n产业帮扶持续推进。")
    return pd.DataFrame({"doc_id": [f"r{n}" for n in range(reports)], "text": texts})


@pytest.mark.parametrize("coined", ["黔货出山", "秦品入沪", "岚皋魔芋", "菌菇小镇"])
def test_a_coined_term_recurring_across_reports_ranks_first(coined):
    table = keywords.candidate_terms(_docs(coined))
    assert list(table.columns) == keywords.CANDIDATE_COLUMNS
    assert table["term"].iloc[0] == coined
    first = table.iloc[0]
    assert first["reports"] == 3 and first["count"] == 3 * len(_CONTEXTS)
    assert first["pmi"] > 0 and min(first["left_entropy"], first["right_entropy"]) > 0


def test_candidates_exclude_vocabulary_words_halves_and_strings_across_punctuation():
    table = keywords.candidate_terms(_docs("黔货出山", "秦品入沪"))
    found = set(table["term"])
    assert {"黔货出山", "秦品入沪"} <= found
    assert "产业帮扶" not in found and "帮扶" not in found  # the vocabulary has them
    assert not {"黔货出", "货出山", "秦品入"} & found  # always followed by the same character
    assert not any("，" in term or "。" in term for term in found)
    assert all(tokens.tokenizer().FREQ.get(term, 0) == 0 for term in found)


def test_a_term_of_one_report_only_is_no_candidate_unless_asked():
    docs = _docs("黔货出山", reports=1)
    assert keywords.candidate_terms(docs).empty
    assert "黔货出山" in set(keywords.candidate_terms(docs, min_reports=1)["term"])


@pytest.mark.parametrize(
    ("option", "value"), [("min_reports", 0), ("min_count", 0), ("max_length", 1)]
)
def test_bad_options_are_named(option, value):
    with pytest.raises(ValueError, match=option):
        keywords.candidate_terms(_docs("黔货出山"), **{option: value})


def test_the_command_writes_the_candidates_and_never_into_the_data_folder(tmp_path):
    data = tmp_path / "data"
    (data / "raw").mkdir(parents=True)
    rows = []
    for doc_id, text in zip(*_docs("秦品入沪").T.values, strict=True):
        (data / "raw" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        rows.append({"doc_id": doc_id, "file": f"{doc_id}.txt", "title": doc_id, "donors": "甲"})
        rows[-1] |= dict.fromkeys(["recipient", "recipient_prefecture", "province"], "乙")
        rows[-1] |= {"start": "2020", "source_note": "synthetic"}
    pd.DataFrame(rows).to_csv(data / "corpus.csv", index=False)
    out = tmp_path / "terms.csv"
    command = [sys.executable, "-m", "aidlib", "terms", str(data), "--out"]
    done = subprocess.run([*command, str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert pd.read_csv(out)["term"].iloc[0] == "秦品入沪"
    refused = subprocess.run([*command, str(data / "terms.csv")], capture_output=True, text=True)
    assert refused.returncode == 1 and "inside the data folder" in refused.stderr
    assert not (data / "terms.csv").exists()


@pytest.mark.skipif(not (REAL / "raw").is_dir(), reason="no development corpus in tests/data/real")
def test_on_the_real_reports_every_candidate_is_written_in_two_reports_or_more():
    files = sorted((REAL / "raw").glob("*.txt"))
    texts = [
        tokens.simplified(path.read_text(encoding="utf-8", errors="replace")) for path in files
    ]
    docs = pd.DataFrame({"doc_id": [path.stem for path in files], "text": texts})
    table = keywords.candidate_terms(docs)
    assert not table.empty
    read = [normalize(text).text for text in texts]  # as the terms are counted: no glosses
    for term in table["term"]:
        assert sum(term in text for text in read) >= 2, term
    assert table["score"].is_monotonic_decreasing
