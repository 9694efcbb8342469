"""The corpus pipeline: every table written whole, the same results on every engine, a CLI."""

import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from aidlib import __main__ as cli
from aidlib import pipeline
from aidlib.coding import CodebookError
from aidlib.corpus import DEFAULT_DATA_DIR, METADATA_COLUMNS, Report, iter_reports
from aidlib.structure import parse

SEEDS = ["yanta-hanbin", "beilin-danfeng"]


def make_corpus(folder: Path, extra: int = 0) -> Path:
    """The two seed reports plus ``extra`` reports made of the seeds' paragraphs in new orders."""
    raw = folder / "raw"
    raw.mkdir(parents=True)
    metadata = pd.read_csv(DEFAULT_DATA_DIR / "corpus.csv", dtype=str, keep_default_na=False)
    for file in metadata["file"]:
        shutil.copy(DEFAULT_DATA_DIR / "raw" / file, raw / file)
    paragraphs = [
        block.text
        for file in metadata["file"]
        for block in parse((raw / file).read_text(encoding="utf-8")).paragraphs
    ]
    rows = []
    for number in range(extra):
        chosen = paragraphs[number % 7 :: 5][:8]
        (raw / f"extra-{number}.txt").write_text(
            f"第{number}号报告 对口帮扶纪实\n" + "\n".join(chosen), encoding="utf-8"
        )
        rows.append(
            {
                "doc_id": f"extra-{number}",
                "file": f"extra-{number}.txt",
                "title": f"第{number}号报告",
                "donors": "雁塔区;碑林区",
                "recipient": "汉滨区",
                "recipient_prefecture": "安康市",
                "province": "陕西省",
                "start": "2020",
                "source_note": "made by tests/test_pipeline.py",
            }
        )
    pd.concat([metadata, pd.DataFrame(rows)]).to_csv(folder / "corpus.csv", index=False)
    return folder


def read_tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in pipeline.TABLES}


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory):
    data = make_corpus(tmp_path_factory.mktemp("seeds"))
    out = tmp_path_factory.mktemp("out")
    summary = pipeline.run(data, out, workers=1)
    return data, out, summary


def test_run_writes_every_table_as_parquet_and_csv_with_the_same_rows(seeds_run):
    _, out, summary = seeds_run
    assert summary.reports == 2
    assert summary.problems.empty
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{name}.{ext}" for name in pipeline.TABLES for ext in ("parquet", "csv")]
        + ["tables.xlsx"]
    )
    for name, table in read_tables(out).items():
        csv = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        assert list(csv.columns) == list(table.columns), name
        assert table.columns[0] == "doc_id", name
        assert len(csv) == len(table), name
        assert csv["doc_id"].tolist() == table["doc_id"].astype(str).tolist(), name
    # the CSV opens in a spreadsheet as Chinese: UTF-8 with a byte-order mark
    assert (out / "documents.csv").read_bytes().startswith(b"\xef\xbb\xbfdoc_id,")


def test_every_csv_cell_reads_back_as_its_parquet_value(seeds_run):
    _, out, _ = seeds_run
    for name, table in read_tables(out).items():
        shown = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        for column in table.columns:
            exact, written = table[column], shown[column]
            if pd.api.types.is_bool_dtype(exact):
                assert written.tolist() == [str(v).lower() for v in exact], (name, column)
            elif pd.api.types.is_numeric_dtype(exact):
                read = pd.to_numeric(written.replace("", None))
                pd.testing.assert_series_equal(read, exact, check_dtype=False, check_names=False)
            else:
                assert written.tolist() == exact.fillna("").tolist(), (name, column)


def test_every_table_has_its_schema_even_when_empty(seeds_run):
    _, out, _ = seeds_run
    for name in pipeline.TABLES:
        schema = pq.read_schema(out / f"{name}.parquet").remove_metadata()
        assert schema.equals(pipeline.SCHEMAS[name]), name
    assert pq.read_table(out / "warnings.parquet").num_rows == 0  # empty, yet typed as text


def test_every_step_has_rows_for_every_seed_report(seeds_run):
    _, out, _ = seeds_run
    tables = read_tables(out)
    assert tables["documents"]["doc_id"].tolist() == SEEDS
    for name in ["fixes", "sentences", "money", "quantities", "term_counts", "codes"]:
        assert set(tables[name]["doc_id"]) == set(SEEDS), name
    documents = tables["documents"].set_index("doc_id")
    assert documents.loc["yanta-hanbin", "donors"] == "雁塔区;西安航天基地"
    assert documents.loc["beilin-danfeng", "recipient"] == "丹凤县"
    assert (documents["paragraphs"] > 10).all()
    sentences = tables["sentences"].groupby("doc_id").size()
    assert (sentences.reindex(SEEDS).values == documents.loc[SEEDS, "sentences"].values).all()


def test_run_tables_are_what_analyse_report_gives_for_one_report(seeds_run):
    data, out, _ = seeds_run
    tables = read_tables(out)
    report = next(item for item in iter_reports(data) if item.metadata["doc_id"] == SEEDS[1])
    for name, frame in pipeline.analyse_report(report).items():
        written = tables[name][tables[name]["doc_id"] == SEEDS[1]].reset_index(drop=True)
        assert len(written) == len(frame), name
        for column in frame.columns:
            assert written[column].astype(str).tolist() == frame[column].astype(str).tolist(), (
                name,
                column,
            )


def test_results_are_identical_across_engines_and_worker_counts(tmp_path, monkeypatch):
    from distributed import Client, LocalCluster

    data = make_corpus(tmp_path / "data", extra=7)
    (data / "raw" / "unlisted.txt").write_text("没有元数据行的报告。", encoding="utf-8")
    monkeypatch.setattr(pipeline, "_LOCAL_TASK_REPORTS", 2)  # several parts to join
    monkeypatch.setattr(pipeline, "_DASK_TASK_REPORTS", 3)
    monkeypatch.setattr(pipeline, "_PUBLISH_ROWS", 50)  # several chunks per table
    runs = {
        "local-1": {"workers": 1},
        "local-2": {"workers": 2},
        "dask-cluster-2": {"workers": 2, "engine": "dask"},
    }
    results = {}
    for name, options in runs.items():
        pipeline.run(data, tmp_path / name, progress=False, **options)
        results[name] = read_tables(tmp_path / name)
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        pipeline.run(data, tmp_path / "dask-client", engine="dask", client=client)
        results["dask-client"] = read_tables(tmp_path / "dask-client")
        assert client.submit(sum, [1, 2]).result() == 3  # the user's client is left open
    expected = results.pop("local-1")
    assert len(expected["documents"]) == 9
    assert expected["problems"][["file", "reason"]].values.tolist() == [
        ["unlisted.txt", "no metadata row in corpus.csv: add one to include this report"]
    ]
    for name, tables in results.items():
        for table in pipeline.TABLES:
            pd.testing.assert_frame_equal(tables[table], expected[table], obj=f"{name}/{table}")


def test_reports_stream_through_a_bounded_window():
    consumed = []

    def items():
        for number in range(100):
            consumed.append(number)
            yield number, Report({"doc_id": str(number)}, "", "utf-8")

    def submit(batch):
        return [number for number, _ in batch]

    batches = pipeline._in_order(items(), submit, len, batch_size=4, batches_in_flight=2)
    seen = []
    for batch, done in batches:
        assert done == len(batch) == 4  # each batch with its own outcome
        seen += [number for number, _ in batch]
        assert len(consumed) - len(seen) < 4 * 3  # at most three batches read ahead
    assert seen == consumed == list(range(100))


def test_a_failing_step_or_a_warning_is_recorded_and_the_run_goes_on(tmp_path, monkeypatch):
    data = make_corpus(tmp_path / "data")
    extract_money = pipeline.money.extract_money

    def flaky(text, doc_id=None, frame=True):
        if doc_id == SEEDS[0]:
            raise RuntimeError("boom")
        warnings.warn("an odd number", UserWarning, stacklevel=2)
        return extract_money(text, doc_id, frame)

    monkeypatch.setattr(pipeline.money, "extract_money", flaky)
    summary = pipeline.run(data, tmp_path / "out", workers=1)
    tables = read_tables(tmp_path / "out")
    assert summary.reports == 1
    assert tables["documents"]["doc_id"].tolist() == [SEEDS[1]]
    assert tables["problems"].values.tolist() == [
        [SEEDS[0], "yanta-hanbin.txt", "analysis failed: RuntimeError: boom"]
    ]
    assert tables["warnings"].values.tolist() == [
        [SEEDS[1], "beilin-danfeng.txt", "UserWarning", "an odd number"]
    ]


def test_a_crash_while_writing_leaves_the_previous_tables_whole(seeds_run, tmp_path, monkeypatch):
    data, _, _ = seeds_run
    out = tmp_path / "out"
    pipeline.run(data, out, workers=1)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    class CrashingWriter(pq.ParquetWriter):
        def write_table(self, table, *args, **kwargs):
            if "code" in table.column_names:
                raise OSError("disk full")
            super().write_table(table, *args, **kwargs)

    monkeypatch.setattr(pipeline.pq, "ParquetWriter", CrashingWriter)
    with pytest.raises(OSError, match="disk full"):
        pipeline.run(data, out, workers=1)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temp files left


def test_progress_bar_is_quiet_off_a_terminal_and_shown_when_asked(seeds_run, tmp_path, capsys):
    data, _, _ = seeds_run
    pipeline.run(data, tmp_path / "quiet", workers=1)
    assert capsys.readouterr().err == ""
    pipeline.run(data, tmp_path / "shown", workers=1, progress=True)
    assert "2/2" in capsys.readouterr().err


def test_a_user_codebook_steers_the_codes_table_and_is_checked_first(seeds_run, tmp_path):
    data, _, _ = seeds_run
    book = tmp_path / "codebook.yaml"
    book.write_text(
        "codes:\n"
        "  - id: tea\n"
        "    name_zh: 茶叶\n"
        "    name_en: Tea\n"
        "    definition: 茶叶产业\n"
        "    include: [茶]\n"
        "    words: [茶叶]\n",
        encoding="utf-8",
    )
    pipeline.run(data, tmp_path / "out", workers=1, codebook=book)
    codes = pd.read_parquet(tmp_path / "out" / "codes.parquet")
    assert set(codes["code"]) == {"tea"}
    assert codes["match"].eq("茶叶").all()
    book.write_text("codes:\n  - id: tea\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="codebook.yaml"):
        pipeline.run(data, tmp_path / "never", workers=1, codebook=book)
    assert not (tmp_path / "never").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"engine": "spark"}, "engine must be one of"),
        ({"workers": 0}, "workers must be at least 1"),
        ({"client": object()}, "only with engine='dask'"),
    ],
)
def test_bad_parameters_are_refused_with_the_reason(seeds_run, tmp_path, options, message):
    data, _, _ = seeds_run
    with pytest.raises(ValueError, match=message):
        pipeline.run(data, tmp_path / "out", **options)


def test_the_output_folder_may_not_be_inside_the_data_folder(seeds_run):
    data, _, _ = seeds_run
    with pytest.raises(ValueError, match="outside the data folder"):
        pipeline.run(data, data / "out", workers=1)
    assert not (data / "out").exists()


def test_command_line_help_and_run(seeds_run, tmp_path):
    data, _, _ = seeds_run
    shown = subprocess.run(
        [sys.executable, "-m", "aidlib", "run", "--help"], capture_output=True, text=True
    )
    assert shown.returncode == 0
    assert "--engine {local,dask}" in shown.stdout and "DATA_DIR" in shown.stdout
    done = subprocess.run(
        [sys.executable, "-m", "aidlib", "run", str(data), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "2 reports analysed, 0 problems" in done.stderr
    assert "%|" not in done.stderr  # no progress bar when not on a terminal
    assert pd.read_csv(tmp_path / "out" / "documents.csv")["doc_id"].tolist() == SEEDS


def test_command_line_fails_only_when_nothing_could_be_processed(tmp_path, capsys):
    data = tmp_path / "data"
    (data / "raw").mkdir(parents=True)
    (data / "raw" / "a.txt").write_bytes(b"")
    pd.DataFrame([{column: "a" for column in METADATA_COLUMNS} | {"file": "a.txt"}]).to_csv(
        data / "corpus.csv", index=False
    )
    assert cli.main(["run", str(data), "--out", str(tmp_path / "out"), "--workers", "1"]) == 1
    assert "problem: a.txt: empty file" in capsys.readouterr().err
    assert cli.main(["run", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 1
    assert "corpus.csv" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        cli.main(["run", str(data), "--out", str(tmp_path / "out"), "--workers", "0"])
    assert usage.value.code == 2
