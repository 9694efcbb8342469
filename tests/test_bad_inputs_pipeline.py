"""A corpus of awkward and broken inputs goes through ``pipeline.run`` end to end.

Every good report is in the output, every bad file or row is in ``problems`` with its
reason, nothing under the data folder changes, and a re-run replaces the outputs whole.
"""

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from aidlib import pipeline
from aidlib.corpus import DEFAULT_DATA_DIR, METADATA_COLUMNS
from aidlib.structure import parse

SEED = (DEFAULT_DATA_DIR / "raw" / "beilin-danfeng.txt").read_text(encoding="utf-8")
BIG_BYTES = 50 * 1024 * 1024

#: The good reports: doc_id -> (file, bytes).
GOOD = {
    "seed-utf8": ("seed.txt", SEED.encode("utf-8")),
    "gb18030": ("gb18030.txt", SEED.replace("碑林区", "碑林区䶮").encode("gb18030")),
    "utf8-bom": ("bom.txt", b"\xef\xbb\xbf" + SEED.encode("utf-8")),
    "crlf": ("crlf.txt", SEED.replace("\n", "\r\n").encode("utf-8")),
    "odd-number": (
        "odd-number.txt",
        "帮扶资金报告\n二〇二〇年共投入帮扶资金1..2万元，另投入3万元建设茶园。\n".encode(),
    ),
}
#: The bad files and rows: doc_id ("" for a file without a row) -> (file, reason pattern).
BAD = {
    "empty": ("empty.txt", "empty file"),
    "binary": ("binary.txt", r"binary file \(NUL or control bytes at byte \d+\)"),
    "huge": (
        "huge.txt",
        r"too large to analyse as one report: [\d,]{10} characters, more than max_report_chars",
    ),
    "headings-only": ("headings.txt", "no paragraphs to analyse"),
    "no-file": ("missing.txt", "corpus.csv row 'no-file' names no file in raw/"),
    "": ("orphan.txt", "no metadata row in corpus.csv"),
}


def write_corpus(folder: Path) -> Path:
    raw = folder / "raw"
    raw.mkdir(parents=True)
    for file, data in GOOD.values():
        (raw / file).write_bytes(data)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (raw / "headings.txt").write_text("标题\n一、总体情况\n二、主要做法\n", encoding="utf-8")
    (raw / "orphan.txt").write_text(SEED, encoding="utf-8")
    paragraph = "雁塔区投入帮扶资金100万元，建设社区工厂3个，带动贫困群众就业。\n".encode()
    with open(raw / "huge.txt", "wb") as huge:
        huge.write("帮扶纪实\n".encode())
        huge.write(paragraph * (BIG_BYTES // len(paragraph) + 1))
    rows = [(doc_id, file) for doc_id, (file, _) in GOOD.items()]
    rows += [(doc_id, file) for doc_id, (file, _) in BAD.items() if doc_id]
    pd.DataFrame(
        [
            {
                "doc_id": doc_id,
                "file": file,
                "title": "测试",
                "donors": "雁塔区",
                "recipient": "汉滨区",
                "recipient_prefecture": "安康市",
                "province": "陕西省",
                "start": "2020",
                "source_note": "made by tests/test_bad_inputs_pipeline.py",
            }
            for doc_id, file in rows
        ]
    ).to_csv(folder / "corpus.csv", index=False)
    return folder


def tree_digest(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.relative_to(folder).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    data = write_corpus(tmp_path_factory.mktemp("data"))
    assert (data / "raw" / "huge.txt").stat().st_size >= BIG_BYTES
    before = tree_digest(data)
    out = tmp_path_factory.mktemp("out")
    summary = pipeline.run(data, out, workers=2)
    return data, out, summary, before


def test_every_good_report_is_analysed(bad_run):
    _, out, summary, _ = bad_run
    documents = pd.read_parquet(out / "documents.parquet").set_index("doc_id")
    assert summary.reports == len(GOOD)
    assert sorted(documents.index) == sorted(GOOD)
    assert documents.loc["gb18030", "encoding"] == "gb18030"
    assert documents.loc["utf8-bom", "encoding"] == "utf-8-sig"
    # BOM and CRLF change nothing in what is read from the text
    columns = ["characters", "headings", "paragraphs", "sentences", "captions", "fixes"]
    seed = documents.loc["seed-utf8", columns]
    for doc_id in ["utf8-bom", "crlf"]:
        assert documents.loc[doc_id, columns].tolist() == seed.tolist()
    expected = seed.copy()
    expected["characters"] += SEED.count("碑林区")  # the added 䶮
    assert documents.loc["gb18030", columns].tolist() == expected.tolist()
    sentences = pd.read_parquet(out / "sentences.parquet")
    assert not sentences["text"].str.contains("[\ufeff\r]").any()
    assert sentences["text"].str.contains("碑林区䶮").any()  # a GB18030-only character survives
    for table in ["sentences", "term_counts", "codes", "money"]:
        frame = pd.read_parquet(out / f"{table}.parquet")
        assert {"seed-utf8", "gb18030", "utf8-bom", "crlf"} <= set(frame["doc_id"]), table


def test_a_malformed_number_is_not_read_as_an_amount(bad_run):
    _, out, _, _ = bad_run
    money = pd.read_parquet(out / "money.parquet")
    odd = money[money["doc_id"] == "odd-number"]
    assert odd["mention"].tolist() == ["3万元"]  # 1..2万元 gives no amount, 3万元 still does
    assert odd["value_yuan"].tolist() == [30000.0]


def test_every_bad_file_or_row_is_a_problem_with_its_reason(bad_run):
    _, out, summary, _ = bad_run
    problems = pd.read_parquet(out / "problems.parquet")
    assert problems.equals(summary.problems)
    assert sorted(problems["file"]) == sorted(file for file, _ in BAD.values())
    for doc_id, (file, reason) in BAD.items():
        row = problems[problems["file"] == file].iloc[0]
        assert row["doc_id"] == doc_id
        assert pd.Series([row["reason"]]).str.contains(reason).all(), (file, row["reason"])
    written = pd.read_csv(out / "problems.csv", dtype=str, keep_default_na=False)
    assert written.values.tolist() == problems.values.tolist()


def test_nothing_under_the_data_folder_changes(bad_run):
    data, _, _, before = bad_run
    assert tree_digest(data) == before


def outputs(out: Path) -> dict[str, object]:
    """Each output file's bytes; the workbook's cell values (its zip records the time written)."""
    return {
        p.name: (
            {
                name: sheet.astype(str).to_dict("list")
                for name, sheet in pd.read_excel(p, None).items()
            }
            if p.suffix == ".xlsx"
            else p.read_bytes()
        )
        for p in sorted(out.iterdir())
    }


def test_a_rerun_replaces_the_outputs_whole(bad_run, tmp_path):
    data, out, _, before = bad_run
    first = outputs(out)
    pipeline.run(data, out, workers=1)
    assert outputs(out) == first
    # a smaller corpus into the same folder leaves no row of the bigger one behind
    smaller = tmp_path / "smaller"
    shutil.copytree(data, smaller, ignore=shutil.ignore_patterns("huge.txt"))
    metadata = pd.read_csv(smaller / "corpus.csv", dtype=str, keep_default_na=False)
    metadata[metadata["doc_id"] == "crlf"].to_csv(smaller / "corpus.csv", index=False)
    pipeline.run(smaller, out, workers=1)
    assert sorted(p.name for p in out.iterdir()) == sorted(first)
    for name in pipeline.TABLES:
        ids = set(pd.read_parquet(out / f"{name}.parquet")["doc_id"])
        assert ids <= {"crlf", ""}, name
    assert tree_digest(data) == before


def test_a_large_report_within_the_limit_is_analysed(tmp_path):
    data = tmp_path / "data"
    (data / "raw").mkdir(parents=True)
    paragraphs = [line for line in SEED.splitlines() if len(line) > 40]
    # about 140,000 characters, 55 seeds, each copy numbered (a repeated line is page furniture)
    text = "帮扶纪实\n" + "\n".join(f"{p}（{n}）" for n in range(60) for p in paragraphs)
    (data / "raw" / "long.txt").write_text(text, encoding="utf-8")
    pd.DataFrame([{column: "long" for column in METADATA_COLUMNS} | {"file": "long.txt"}]).to_csv(
        data / "corpus.csv", index=False
    )
    summary = pipeline.run(data, tmp_path / "out", workers=1)
    assert summary.reports == 1 and summary.problems.empty
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert documents.loc[0, "paragraphs"] == len(parse(text).paragraphs) > 1000
    assert documents.loc[0, "characters"] > 130_000
    # lowering the limit turns the same report into a problem, with the way out in the reason
    summary = pipeline.run(data, tmp_path / "out", workers=1, max_report_chars=50_000)
    assert summary.reports == 0
    assert "raise the limit" in summary.problems.loc[0, "reason"]
