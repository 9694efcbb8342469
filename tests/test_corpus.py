"""The shipped corpus is intact, and bad input warns without stopping the rest."""

import hashlib
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from aidlib.corpus import (
    DEFAULT_DATA_DIR,
    Corpus,
    CorpusWarning,
    ReportError,
    as_corpus,
    decode_report,
    load_corpus,
)
from aidlib.normalize import FIX_COLUMNS, normalize
from aidlib.structure import parse

SEED_SHA256 = {
    "yanta-hanbin.txt": "5b1f49bcdc9716a7336e01382e7230700209169de3fa1d16ceba12f1b7936a7e",
    "beilin-danfeng.txt": "5ed7eabbce1fbf5def144ac1b2963d23e1e977bee4ec0b1d16b3df0bd433d091",
}


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("name", sorted(SEED_SHA256))
def test_seed_reports_are_byte_identical_to_what_was_received(name):
    digest = hashlib.sha256((DEFAULT_DATA_DIR / "raw" / name).read_bytes()).hexdigest()
    assert digest == SEED_SHA256[name]


def test_corpus_has_one_row_per_report_with_metadata():
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)
        corpus = load_corpus()
    metadata = corpus.metadata
    assert corpus.doc_ids == metadata["doc_id"].tolist() == ["yanta-hanbin", "beilin-danfeng"]
    assert metadata.loc[0, "donors"] == ["雁塔区", "西安航天基地"]
    assert metadata.loc[1, "donors"] == ["碑林区"]
    assert metadata["recipient"].tolist() == ["汉滨区", "丹凤县"]
    assert metadata["recipient_prefecture"].tolist() == ["安康市", "商洛市"]
    assert (metadata["encoding"] == "utf-8").all()
    assert "投入超过60万元" in corpus.text("yanta-hanbin")
    assert list(corpus.fixes.columns) == ["doc_id", "file", *FIX_COLUMNS]
    assert corpus.problems == []


@pytest.fixture
def messy_corpus(tmp_path):
    """A corpus folder with one report in each supported encoding and every kind of bad input."""
    raw = tmp_path / "raw"
    raw.mkdir()
    seed = (DEFAULT_DATA_DIR / "raw" / "beilin-danfeng.txt").read_text(encoding="utf-8")
    (raw / "good.txt").write_text(seed, encoding="utf-8")
    (raw / "bom.txt").write_bytes(b"\xef\xbb\xbf" + seed.encode("utf-8"))
    (raw / "gb.txt").write_bytes(seed.encode("gb18030"))
    (raw / "crlf.txt").write_bytes(seed.replace("\n", "\r\n").encode("utf-8"))
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (raw / "latin.txt").write_bytes("caf\xe9 only".encode("latin-1"))
    (raw / "orphan.txt").write_text(seed, encoding="utf-8")
    rows = ["good", "bom", "gb", "crlf", "empty", "binary", "latin", "missing"]
    pd.DataFrame(
        {
            "doc_id": rows,
            "file": [f"{r}.txt" for r in rows],
            "title": "",
            "donors": "碑林区",
            "recipient": "丹凤县",
            "recipient_prefecture": "商洛市",
            "province": "陕西省",
            "start": "2019",
            "source_note": "test",
        }
    ).to_csv(tmp_path / "corpus.csv", index=False)
    return tmp_path


def test_bad_files_warn_by_name_and_the_rest_still_loads(messy_corpus):
    before = tree_digest(messy_corpus)
    with pytest.warns(CorpusWarning) as caught:
        corpus = load_corpus(messy_corpus)
    messages = sorted(str(w.message) for w in caught)
    assert corpus.doc_ids == ["good", "bom", "gb", "crlf"]
    assert corpus.metadata["encoding"].tolist() == ["utf-8", "utf-8-sig", "gb18030", "utf-8"]
    texts = {corpus.text(doc_id) for doc_id in corpus}
    assert len(texts) == 1, "every encoding and line ending gives the same text"
    assert len(messages) == 5
    for name, reason in [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file"),
        ("latin.txt", "neither UTF-8 nor GB18030"),
        ("orphan.txt", "no metadata row"),
        ("missing.txt", "names no file"),
    ]:
        assert any(m.startswith(name) and reason in m for m in messages), (name, messages)
    assert [p.file for p in corpus.problems] == [
        "orphan.txt",
        "empty.txt",
        "binary.txt",
        "latin.txt",
        "missing.txt",
    ]
    assert tree_digest(messy_corpus) == before, "loading never writes under data/"


def test_loading_the_project_data_leaves_it_unchanged():
    before = tree_digest(DEFAULT_DATA_DIR)
    load_corpus()
    assert tree_digest(DEFAULT_DATA_DIR) == before


def test_missing_metadata_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="corpus.csv"):
        load_corpus(tmp_path)


def test_decode_refuses_text_with_no_chinese_and_names_the_file():
    with pytest.raises(ReportError, match=r"^notes\.txt: .*no Chinese"):
        decode_report(b"plain ascii notes", "notes.txt")


def test_a_copy_of_the_data_folder_loads_the_same(tmp_path):
    shutil.copytree(DEFAULT_DATA_DIR, tmp_path / "data")
    copied = load_corpus(tmp_path / "data")
    assert copied.to_frame()["text"].tolist() == load_corpus().to_frame()["text"].tolist()


def test_each_report_is_parsed_once_with_its_title_and_normalised():
    corpus = load_corpus()
    for doc_id, title in zip(corpus.doc_ids, corpus.metadata["title"], strict=True):
        assert corpus[doc_id] == parse(corpus.raw_text(doc_id), title_hint=title)
        assert corpus.text(doc_id) == normalize(corpus.raw_text(doc_id)).text
    fixes = pd.concat(
        [normalize(corpus.raw_text(d)).fixes.assign(doc_id=d) for d in corpus], ignore_index=True
    )
    assert corpus.fixes[FIX_COLUMNS].equals(fixes[FIX_COLUMNS])
    assert corpus.fixes["doc_id"].tolist() == fixes["doc_id"].tolist()


def test_subsets_and_groups_share_the_parsed_reports_and_terms():
    corpus = load_corpus()
    danfeng = corpus.subset(recipient="丹凤县")
    assert danfeng.doc_ids == ["beilin-danfeng"]
    assert danfeng["beilin-danfeng"] is corpus["beilin-danfeng"]
    assert danfeng.document_terms("beilin-danfeng") is corpus.document_terms("beilin-danfeng")
    assert set(danfeng.fixes["doc_id"]) <= {"beilin-danfeng"}
    assert corpus.subset(["beilin-danfeng", "yanta-hanbin"]).doc_ids == [
        "beilin-danfeng",
        "yanta-hanbin",
    ]
    assert corpus.subset(province=["陕西省"]).doc_ids == corpus.doc_ids
    groups = corpus.assign(model=["三区两地", "一体两翼"]).groups("model")
    assert {label: group.doc_ids for label, group in groups.items()} == {
        "一体两翼": ["beilin-danfeng"],
        "三区两地": ["yanta-hanbin"],
    }
    with pytest.raises(KeyError, match="no report"):
        corpus.subset(["nowhere"])
    with pytest.raises(KeyError, match="no metadata column"):
        corpus.subset(colour="red")


def test_a_users_own_table_becomes_a_corpus():
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "body": ["标题甲\n投入资金100万元。", "标题乙\n培训学员。"],
            "region": ["x", "y"],
        }
    )
    corpus = Corpus.from_frame(frame, text="body", doc_id="id")
    assert corpus.doc_ids == ["a", "b"] and corpus["b"].title == "标题乙"
    assert corpus.metadata.columns.tolist() == ["doc_id", "region"]
    assert as_corpus(corpus) is corpus
    assert as_corpus(frame.rename(columns={"id": "doc_id", "body": "text"})).doc_ids == ["a", "b"]
    with pytest.raises(ValueError, match="repeated doc_id"):
        Corpus.from_frame(pd.DataFrame({"doc_id": ["a", "a"], "text": ["甲", "乙"]}))
    with pytest.raises(TypeError, match="Corpus or a DataFrame"):
        as_corpus(["标题\n正文"])
