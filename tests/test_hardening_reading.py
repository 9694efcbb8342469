"""Issue 11, reading: only files inside the data folder are opened, one bad file is one
problem row naming it, Big5 is told from GB18030, and corpus.csv mistakes name file and line.
"""

import csv
import io
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

from aidlib import pipeline
from aidlib.__main__ import main
from aidlib.corpus import (
    DEFAULT_DATA_DIR,
    METADATA_COLUMNS,
    CorpusWarning,
    ReportError,
    decode_report,
    load_corpus,
    read_metadata,
)

SEED = (DEFAULT_DATA_DIR / "raw" / "beilin-danfeng.txt").read_text(encoding="utf-8")
SECRET = "机密文件：不应被读取的内容。外部资金100万元。"


def metadata_row(doc_id: str, file: str) -> dict[str, str]:
    return {
        "doc_id": doc_id,
        "file": file,
        "title": "",
        "donors": "碑林区",
        "recipient": "丹凤县",
        "recipient_prefecture": "商洛市",
        "province": "陕西省",
        "start": "2019",
        "source_note": "made by tests/test_hardening_reading.py",
    }


def make_data_folder(folder: Path, files: dict[str, bytes], rows: dict[str, str]) -> Path:
    """A data folder with ``files`` under raw/ and a corpus.csv row per doc_id -> file."""
    raw = folder / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        (raw / name).write_bytes(data)
    frame = pd.DataFrame([metadata_row(doc_id, file) for doc_id, file in rows.items()])
    frame.to_csv(folder / "corpus.csv", index=False)
    return folder


@pytest.fixture
def outside(tmp_path):
    """A folder beside the data folder with a secret report and a folder of them."""
    secret = tmp_path / "elsewhere"
    (secret / "folder").mkdir(parents=True)
    (secret / "secret.txt").write_text(SECRET, encoding="utf-8")
    (secret / "folder" / "secret.txt").write_text(SECRET, encoding="utf-8")
    return secret


@pytest.fixture
def opened(monkeypatch):
    """The paths read through ``Path.read_bytes`` while the test runs."""
    paths: list[Path] = []
    original = Path.read_bytes

    def recording(self):
        paths.append(self.resolve())
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", recording)
    return paths


def load_quietly(folder: Path) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return load_corpus(folder)


@pytest.mark.parametrize(
    "file_cell",
    [
        "{outside}/secret.txt",  # absolute path
        "../../elsewhere/secret.txt",  # relative with ..
        "sub/../../../elsewhere/secret.txt",  # .. behind a folder name
        "./../../elsewhere/folder/secret.txt",
        "/etc/passwd",
    ],
)
def test_a_row_naming_a_file_outside_the_data_folder_is_refused_unread(
    tmp_path, outside, opened, file_cell
):
    file_cell = file_cell.format(outside=outside)
    data = make_data_folder(
        tmp_path / "data", {"good.txt": SEED.encode()}, {"good": "good.txt", "bad": file_cell}
    )
    corpus = load_quietly(data)
    assert corpus.doc_ids == ["good"]
    problems = {p.file: p.reason for p in corpus.problems}
    assert problems[file_cell].startswith("outside the data folder")
    assert not any(SECRET in corpus.text(doc_id) for doc_id in corpus)
    assert all(data.resolve() in path.parents for path in opened), opened


def test_links_under_raw_that_lead_outside_are_refused_unread(tmp_path, outside, opened):
    data = make_data_folder(
        tmp_path / "data",
        {"good.txt": SEED.encode(), "sub/inner.txt": SEED.encode()},
        {
            "good": "good.txt",
            "file-link": "link.txt",
            "folder-link": "linked/secret.txt",
            "inside-link": "inner-link.txt",
        },
    )
    raw = data / "raw"
    (raw / "link.txt").symlink_to(outside / "secret.txt")
    (raw / "linked").symlink_to(outside / "folder", target_is_directory=True)
    (raw / "unlisted-link.txt").symlink_to(outside / "secret.txt")
    (raw / "inner-link.txt").symlink_to(raw / "sub" / "inner.txt")  # stays inside: fine
    corpus = load_quietly(data)
    assert corpus.doc_ids == ["good", "inside-link"]
    problems = {p.file: p.reason for p in corpus.problems}
    for file in ["link.txt", "linked/secret.txt", "unlisted-link.txt", "linked/"]:
        assert problems[file].startswith("outside the data folder"), (file, problems)
    assert all(data.resolve() in path.parents for path in opened), opened


def test_a_raw_folder_that_is_a_link_outside_reads_nothing(tmp_path, outside, opened):
    data = tmp_path / "data"
    data.mkdir()
    (data / "raw").symlink_to(outside, target_is_directory=True)
    pd.DataFrame([metadata_row("secret", "secret.txt")]).to_csv(data / "corpus.csv", index=False)
    corpus = load_quietly(data)
    assert len(corpus) == 0
    assert all(p.reason.startswith("outside the data folder") for p in corpus.problems)
    assert {p.file for p in corpus.problems} == {"raw/", "secret.txt"}
    assert opened == [(data / "corpus.csv").resolve()], "corpus.csv only, nothing outside"


def test_a_run_lists_outside_files_as_problems(tmp_path, outside):
    data = make_data_folder(
        tmp_path / "data",
        {"good.txt": SEED.encode()},
        {"good": "good.txt", "bad": str(outside / "secret.txt")},
    )
    summary = pipeline.run(data, tmp_path / "out", workers=1, progress=False)
    assert summary.reports == 1
    assert summary.problems["reason"].str.startswith("outside the data folder").tolist() == [True]
    sentences = pd.read_parquet(tmp_path / "out" / "sentences.parquet")
    assert not sentences["text"].str.contains("机密文件").any()


# --- bad bytes: one problem row naming the file ----------------------------------------

BAD_BYTES = {
    "bom-stray.txt": b"\xef\xbb\xbf" + SEED[:200].encode() + b"\xff" + SEED[200:400].encode(),
    "bom-then-gbk.txt": b"\xef\xbb\xbf" + SEED[:300].encode("gb18030"),
    "utf16le-odd.txt": b"\xff\xfe" + SEED[:300].encode("utf-16-le") + b"\x00",
    "utf16be-odd.txt": b"\xfe\xff" + SEED[:300].encode("utf-16-be")[:-1],
    "utf16-lone-surrogate.txt": b"\xff\xfe" + "帮扶".encode("utf-16-le") + b"\x00\xd8" + b"A\x00",
}


@pytest.mark.parametrize("name", sorted(BAD_BYTES))
def test_undecodable_bytes_raise_a_report_error_naming_the_file(name):
    with pytest.raises(ReportError, match=rf"^{name}: not valid UTF-\d+.*offset \d+"):
        decode_report(BAD_BYTES[name], name)


def test_bad_bytes_in_some_files_leave_one_problem_each_and_the_rest_analysed(tmp_path):
    files = {"good.txt": SEED.encode(), "good-gb.txt": SEED.encode("gb18030"), **BAD_BYTES}
    rows = {Path(name).stem: name for name in files}
    data = make_data_folder(tmp_path / "data", files, rows)
    summary = pipeline.run(data, tmp_path / "out", workers=1, progress=False)
    assert summary.reports == 2
    assert sorted(summary.problems["file"]) == sorted(BAD_BYTES)
    assert summary.problems["reason"].str.contains("not valid UTF").all()


BIG5_TEXTS = [
    "東西部扶貧協作是國家的重要戰略。福建省對口幫扶寧夏回族自治區，雙方共建產業園區，投入資金三千萬元。",
    "香港特別行政區政府今日公布，將撥款一億港元支援內地貧困地區的教育發展，包括興建學校及培訓教師。",
    "臺灣農業技術團隊到訪貴州，與當地合作社交流茶葉種植經驗。",
]
GB_TEXTS = [
    SEED,
    "对口帮扶工作取得实效。",
    "东西部扶贫协作：宁夏与福建携手三十年，投入资金1亿元。",
    "闽宁镇的故事",
    "通讯员 李四 记者 王五",
]


@pytest.mark.parametrize("text", BIG5_TEXTS)
def test_big5_is_read_as_big5_not_as_gb18030_gibberish(text):
    assert decode_report(text.encode("big5"), "x.txt") == (text, "big5")


@pytest.mark.parametrize("text", GB_TEXTS)
@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_and_gb18030_stay_gb18030(text, encoding):
    assert decode_report(text.encode(encoding), "x.txt") == (text, "gb18030")


REAL_RAW = Path(__file__).resolve().parent / "data" / "real" / "raw"
REAL_TEXTS = sorted(REAL_RAW.glob("*.txt")) if REAL_RAW.is_dir() else []


@pytest.mark.skipif(not REAL_TEXTS, reason="no development corpus in tests/data/real")
def test_real_reports_saved_as_gb18030_are_never_taken_for_big5():
    for path in REAL_TEXTS:
        text = path.read_text(encoding="utf-8")
        if any("\u4e00" <= ch <= "\u9fff" for ch in text):
            assert decode_report(text.encode("gb18030"), path.name) == (text, "gb18030"), path.name


@pytest.mark.skipif(not REAL_TEXTS, reason="no development corpus in tests/data/real")
def test_real_reports_in_traditional_characters_saved_as_big5_are_read_as_big5():
    # a report's characters that Big5 has (it lacks some that the web pages used)
    traditional = [p for p in REAL_TEXTS if "big5" in p.name]
    if not traditional:
        pytest.skip("no report in traditional characters in the development corpus")
    for path in traditional:
        text = path.read_text(encoding="utf-8").encode("big5", "ignore").decode("big5")
        assert decode_report(text.encode("big5"), path.name) == (text, "big5"), path.name


# --- corpus.csv mistakes: one clear message naming the file and line ----------------------


def csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


GOOD_ROW = list(metadata_row("good", "good.txt").values())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", r"corpus\.csv: empty"),
        (b"\n\n  \n", r"corpus\.csv: empty"),
        (b"\xef\xbb\xbf", r"corpus\.csv: empty"),
        (
            (
                csv_text([METADATA_COLUMNS, GOOD_ROW])
                + "shifted,s.txt,标题,雁塔区,汉滨区,安康市,陕西省,2019,note, with a comma\n"
            ).encode(),
            r"corpus\.csv: line 3: 10 cells, the header has 9 \(an unquoted comma",
        ),
        (
            (csv_text([METADATA_COLUMNS, GOOD_ROW]) + "short,s.txt,标题\n").encode(),
            r"corpus\.csv: line 3: 3 cells, the header has 9$",
        ),
        (
            (
                csv_text([METADATA_COLUMNS, GOOD_ROW[:5], GOOD_ROW])
                + csv_text([[*GOOD_ROW, "extra", "cells"]])
            ).encode(),
            r"corpus\.csv: line 2: 5 cells.*; line 4: 11 cells",
        ),
        (
            csv_text([METADATA_COLUMNS[:-2], GOOD_ROW[:-2]]).encode(),
            r"corpus\.csv: line 1: missing columns \['start', 'source_note'\]",
        ),
        (
            csv_text([METADATA_COLUMNS]).encode() + b"good,\x80\xff\xfe\x81\x30,x\n",
            r"corpus\.csv: line 2: neither UTF-8 nor GB18030",
        ),
    ],
    ids=["empty", "blank", "bom-only", "unquoted-comma", "too-few", "several", "columns", "bytes"],
)
def test_corpus_csv_mistakes_name_the_file_and_line(tmp_path, content, message):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "good.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "corpus.csv").write_bytes(content)
    with pytest.raises(ValueError, match=message) as caught:
        read_metadata(tmp_path)
    assert str(tmp_path / "corpus.csv") in str(caught.value)
    with pytest.raises(ValueError, match=message):
        pipeline.run(tmp_path, tmp_path.parent / f"{tmp_path.name}-out", progress=False)


@pytest.mark.parametrize(
    "content", [b"", (csv_text([METADATA_COLUMNS, GOOD_ROW]) + "a,b,c\n").encode()]
)
def test_the_command_line_says_a_corpus_csv_mistake_in_one_line(tmp_path, capsys, content):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "corpus.csv").write_bytes(content)
    assert main(["run", str(tmp_path / "data"), "--out", str(tmp_path / "out")]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "corpus.csv" in lines[0] and lines[0].startswith("aidlib: ")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_a_corpus_csv_saved_as_gbk_is_read_with_a_warning_naming_it(tmp_path, encoding):
    rows = [METADATA_COLUMNS, GOOD_ROW, list(metadata_row("另一篇", "其他.txt").values())]
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "good.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "raw" / "其他.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "corpus.csv").write_bytes(csv_text(rows).encode(encoding))
    with pytest.warns(CorpusWarning, match=r"corpus\.csv: read as GB18030"):
        metadata = read_metadata(tmp_path)
    assert metadata["doc_id"].tolist() == ["good", "另一篇"]
    assert metadata["donors"].tolist() == [["碑林区"], ["碑林区"]]


@pytest.mark.parametrize(
    "shape",
    ["blank lines", "CRLF and BOM", "empty cells at the end", "empty header cells at the end"],
)
def test_what_spreadsheets_write_is_fine(tmp_path, shape):
    row = list(
        (metadata_row("good", "good.txt") | {"source_note": "a note, with commas, quoted"}).values()
    )
    header = list(METADATA_COLUMNS)
    if shape == "empty cells at the end":
        row += ["", " "]
    if shape == "empty header cells at the end":
        header += ["", ""]
        row += ["", ""]
    content = csv_text([header, row]) + "\n\n"
    if shape == "CRLF and BOM":
        content = "\ufeff" + content.replace("\n", "\r\n")
    (tmp_path / "corpus.csv").write_text(content, encoding="utf-8", newline="")
    metadata = read_metadata(tmp_path)
    assert metadata["source_note"].tolist() == ["a note, with commas, quoted"]
    assert list(metadata.columns) == METADATA_COLUMNS


def test_an_unreadable_file_is_a_problem_not_a_crash(tmp_path):
    data = make_data_folder(
        tmp_path / "data", {"good.txt": SEED.encode()}, {"good": "good.txt", "dir": "adir.txt"}
    )
    (data / "raw" / "adir.txt").mkdir()  # named like a report, but a folder
    (data / "raw" / "adir.txt" / "x.txt").write_text(SEED, encoding="utf-8")
    corpus = load_quietly(data)
    assert corpus.doc_ids == ["good"]
    assert any(p.file == "adir.txt" for p in corpus.problems)
    assert os.access(data / "raw" / "good.txt", os.R_OK)
