"""Run every step over a corpus folder, one report at a time, and write tidy tables.

``analyse_report`` is the one per-report function: it parses a report and runs each
step on it, returning a table per step, every row keyed by ``doc_id``. A notebook calls
it on one report; ``run`` calls the same function on every report of a folder, in
worker processes (``engine="local"``) or on Dask (``engine="dask"``), and writes each
table as Parquet and CSV. Reports are streamed: only a bounded window of raw texts is
in flight at once, and finished tables go to disk in parts, so memory does not grow
with the corpus.

>>> from aidlib.corpus import DEFAULT_DATA_DIR, iter_reports
>>> report = next(iter_reports(DEFAULT_DATA_DIR))
>>> tables = analyse_report(report)
>>> tables["documents"][["doc_id", "paragraphs"]].values.tolist()
[['yanta-hanbin', 32]]
>>> sorted(tables) == sorted(set(TABLES) - {"problems", "warnings"})
True
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import sys
import tempfile
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from aidlib import coding, keywords, money
from aidlib.coding import Codebook
from aidlib.corpus import (
    METADATA_COLUMNS,
    Problem,
    Report,
    ReportError,
    iter_reports,
    read_metadata,
)
from aidlib.normalize import FIX_COLUMNS
from aidlib.structure import Document, parse

#: Columns of the ``documents`` table: the corpus.csv row (``donors`` joined by ``;``), the
#: encoding read, then counts: characters of the normalised text, headings, paragraphs,
#: sentences, captions, and fixes normalisation made.
DOCUMENT_COLUMNS = [
    *METADATA_COLUMNS,
    "encoding",
    "characters",
    "headings",
    "paragraphs",
    "sentences",
    "captions",
    "fixes",
]
#: Columns of the ``sentences`` table (see ``aidlib.structure.Sentence``).
SENTENCE_COLUMNS = ["doc_id", "index", "paragraph", "section", "text", "start", "end"]
#: Columns of the ``term_counts`` table: content-word counts per report, most frequent first.
TERM_COUNT_COLUMNS = ["doc_id", "term", "count", "relative_frequency"]
#: Columns of the ``problems`` table: the report (``doc_id`` empty when no row names it), why.
PROBLEM_COLUMNS = ["doc_id", "file", "reason"]
#: Columns of the ``warnings`` table: what a step warned about while analysing a report.
WARNING_COLUMNS = ["doc_id", "file", "category", "message"]

#: Tables ``run`` writes, in order; each is ``<name>.parquet`` and ``<name>.csv``.
TABLES = [
    "documents",
    "fixes",
    "sentences",
    "money",
    "quantities",
    "term_counts",
    "codes",
    "problems",
    "warnings",
]


#: Longest report ``run`` analyses, in characters (about 300 times a typical report; the
#: seeds have 5,000 and 2,500). Analysing one report takes memory in proportion to it.
MAX_REPORT_CHARS = 2_000_000

#: The engines ``run`` accepts.
ENGINES = ("local", "dask")

#: Reports per part file written while a run goes on (bounds the memory of results).
_PART_REPORTS = 200
#: Reports in flight per worker (bounds the memory of raw texts waiting to be analysed).
_IN_FLIGHT_PER_WORKER = 4
#: Reports per Dask task (fewer, larger tasks keep the scheduler's share of the CPU small).
_DASK_PARTITION_REPORTS = 4


@dataclass(frozen=True)
class RunSummary:
    """What ``run`` did: reports analysed, the problems table, and the files written."""

    reports: int
    problems: pd.DataFrame
    files: list[Path]


def analyse_report(report: Report, codebook: Codebook | None = None) -> dict[str, pd.DataFrame]:
    """Every table for one report: ``documents`` (one row), ``fixes``, ``sentences``, ….

    Tables and their columns: ``documents`` (``DOCUMENT_COLUMNS``), ``fixes``
    (``aidlib.normalize``), ``sentences`` (``SENTENCE_COLUMNS``), ``money`` and
    ``quantities`` (``aidlib.money``), ``term_counts`` (``TERM_COUNT_COLUMNS``: the
    report's content words, from ``aidlib.keywords.term_frequencies``) and ``codes``
    (``aidlib.coding.code_paragraphs`` with ``codebook``, by default the shipped one).
    Each table has ``doc_id`` as its first column. A report with no paragraphs has
    nothing to analyse: ``ReportError`` naming the file says so.

    >>> report = Report({"doc_id": "x", "file": "x.txt"}, "标题\\n援建资金100万元。", "utf-8")
    >>> analyse_report(report)["sentences"][["doc_id", "text"]].values.tolist()
    [['x', '援建资金100万元。']]
    """
    doc = parse(report.raw_text)
    if not doc.paragraphs:
        kinds = sorted({block.kind for block in doc.blocks})
        raise ReportError(
            f"{report.metadata.get('file', '<report>')}: no paragraphs to analyse "
            f"({len(doc.blocks)} blocks: {', '.join(kinds) or 'none'})"
        )
    doc_id = str(report.metadata["doc_id"])
    return {
        "documents": _document_row(report, doc),
        "fixes": _keyed(doc_id, doc.fixes, FIX_COLUMNS),
        "sentences": _keyed(doc_id, doc.sentences_frame(), SENTENCE_COLUMNS[1:]),
        "money": money.extract_money(doc.text, doc_id),
        "quantities": money.extract_quantities(doc.text, doc_id),
        "term_counts": keywords.term_frequencies(keywords.document_terms(doc, doc_id))[
            TERM_COUNT_COLUMNS
        ],
        "codes": coding.code_paragraphs(doc, codebook or _default_codebook(), doc_id),
    }


@functools.cache
def _default_codebook() -> Codebook:
    return coding.load_codebook()


def _document_row(report: Report, doc: Document) -> pd.DataFrame:
    metadata = report.metadata
    row = {column: metadata.get(column, "") for column in METADATA_COLUMNS}
    row["donors"] = ";".join(metadata.get("donors") or [])
    row |= {
        "encoding": report.encoding,
        "characters": len(doc.text),
        "headings": len(doc.headings),
        "paragraphs": len(doc.paragraphs),
        "sentences": len(doc.sentences),
        "captions": len(doc.captions),
        "fixes": len(doc.fixes),
    }
    return pd.DataFrame([row], columns=DOCUMENT_COLUMNS)


def _keyed(doc_id: str, frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``frame``'s ``columns`` with ``doc_id`` in front."""
    keyed = frame.reindex(columns=columns)
    keyed.insert(0, "doc_id", doc_id)
    return keyed


def run(
    data_dir: Path | str,
    out_dir: Path | str,
    workers: int | None = None,
    engine: str = "local",
    client: object | None = None,
    progress: bool | None = None,
    codebook: Path | str | Codebook = coding.DEFAULT_CODEBOOK,
    max_report_chars: int = MAX_REPORT_CHARS,
) -> RunSummary:
    """Analyse every report under ``data_dir``; write each table to ``out_dir``.

    ``workers``: processes (``engine="local"``) or Dask workers of the ``LocalCluster``
    started when no ``client`` is given (default: the machine's cores). ``engine="dask"``
    sends ``analyse_report`` to ``client`` (a ``distributed.Client``), or to a local
    cluster it starts and closes. Output is identical whatever the engine or workers.

    Writes ``<table>.parquet`` and ``<table>.csv`` (UTF-8 with BOM, so spreadsheet
    programs read the Chinese) for each of ``TABLES``; each file appears whole or not at
    all, replacing the previous run's. Files and rows that could not be read or analysed
    are rows of ``problems``; what a step warned about, rows of ``warnings``.
    ``progress``: a bar of reports done (default: shown on a terminal or in Jupyter,
    quiet otherwise). ``codebook``: a YAML file or a loaded ``Codebook``, checked before
    any report is read. A report longer than ``max_report_chars`` is not analysed but
    listed in ``problems`` (one worker's memory grows with its report). Nothing under
    ``data_dir`` is written.
    """
    data_dir, out_dir = Path(data_dir).resolve(), Path(out_dir).resolve()
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    if client is not None and engine != "dask":
        raise ValueError("a Dask client is used only with engine='dask'")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if out_dir == data_dir or data_dir in out_dir.parents:
        raise ValueError(f"{out_dir}: the output folder must be outside the data folder {data_dir}")
    if not isinstance(codebook, Codebook):
        codebook = coding.load_codebook(codebook)
    metadata = read_metadata(data_dir)
    doc_ids = dict(zip(metadata["file"], metadata["doc_id"], strict=True))
    doc_ids |= dict(zip(metadata["doc_id"], metadata["doc_id"], strict=True))
    out_dir.mkdir(parents=True, exist_ok=True)
    analysed, part = 0, 0
    buffer: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
    with ExitStack() as stack:
        parts = Path(stack.enter_context(tempfile.TemporaryDirectory(dir=out_dir, prefix=".run-")))
        bar = stack.enter_context(
            tqdm(total=len(metadata), unit="report", disable=not _show_progress(progress))
        )
        start_engine = _local_engine if engine == "local" else _dask_engine
        analyse = functools.partial(_analyse_or_fail, codebook=codebook)
        submit, collect, batch_size, in_flight = start_engine(
            analyse, workers or _cores(), client, stack
        )
        reports = _screened(iter_reports(data_dir), max_report_chars)
        for item, tables in _in_order(reports, submit, collect, batch_size, in_flight):
            if isinstance(item, Problem):
                tables = _problem_table(doc_ids.get(item.file, ""), item.file, item.reason)
            if isinstance(item, Report) or item.file in doc_ids:
                bar.update()  # the bar counts metadata rows; a file with no row is extra
            for name, frame in tables.items():
                buffer[name].append(frame)
            if "documents" in tables:
                analysed += 1
                if analysed % _PART_REPORTS == 0:
                    _write_parts(buffer, parts, part)
                    part += 1
        _write_parts(buffer, parts, part)
        files = _publish(parts, out_dir)
    return RunSummary(
        reports=analysed, problems=pd.read_parquet(out_dir / "problems.parquet"), files=files
    )


def _screened(items: Iterable[Report | Problem], max_chars: int) -> Iterator[Report | Problem]:
    for item in items:
        if isinstance(item, Report) and len(item.raw_text) > max_chars:
            item = Problem(
                str(item.metadata["file"]),
                f"too large to analyse as one report: {len(item.raw_text):,} characters, "
                f"more than max_report_chars={max_chars:,}; split it, or raise the limit",
            )
        yield item


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _show_progress(progress: bool | None) -> bool:
    if progress is not None:
        return progress
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return type(shell).__name__ == "ZMQInteractiveShell" or sys.stderr.isatty()


def _problem_table(doc_id: str, file: str, reason: str) -> dict[str, pd.DataFrame]:
    return {"problems": pd.DataFrame([[doc_id, file, reason]], columns=PROBLEM_COLUMNS)}


def _analyse_or_fail(report: Report, codebook: Codebook) -> dict[str, pd.DataFrame]:
    """``analyse_report`` plus a ``warnings`` table, or a ``problems`` row saying why it failed.

    One bad report never stops a run: its error becomes a row.
    """
    doc_id, file = str(report.metadata["doc_id"]), str(report.metadata.get("file", ""))
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UserWarning)
            tables = analyse_report(report, codebook)
        rows = [
            [doc_id, file, w.category.__name__, str(w.message)]
            for w in caught
            if issubclass(w.category, UserWarning)
        ]
        return tables | {"warnings": pd.DataFrame(rows, columns=WARNING_COLUMNS)}
    except ReportError as error:
        reason = str(error).removeprefix(f"{file}: ")
    except Exception as error:  # a bug on one report must not lose the others
        reason = f"analysis failed: {type(error).__name__}: {error}"
    return _problem_table(doc_id, file, reason)


# --- engines: each maps ``analyse`` over batches of reports; _in_order keeps a few in flight ---

Tables = dict[str, pd.DataFrame]
Analyse = Callable[[Report], Tables]
Submit = Callable[[list[Report]], object]
Collect = Callable[[object], list[Tables]]


def _in_order(
    items: Iterable[Report | Problem],
    submit: Submit,
    collect: Collect,
    batch_size: int,
    batches_in_flight: int,
) -> Iterator[tuple[Report | Problem, Tables | None]]:
    """Submit reports in batches, keep a few in flight, yield (item, tables) in input order.

    A ``Problem`` passes through with ``None`` for tables.
    Only the reports of the batches in flight are in memory: the corpus is streamed.
    """
    items = iter(items)
    pending: deque[tuple[list[Report | Problem], object]] = deque()

    def settle() -> Iterator[tuple[Report | Problem, Tables | None]]:
        batch, handle = pending.popleft()
        results = iter(collect(handle))
        for item in batch:
            yield item, next(results) if isinstance(item, Report) else None

    while batch := list(islice(items, batch_size)):
        pending.append((batch, submit([i for i in batch if isinstance(i, Report)])))
        while len(pending) > batches_in_flight:
            yield from settle()
    while pending:
        yield from settle()


def _local_engine(
    analyse: Analyse, workers: int, client: object | None, stack: ExitStack
) -> tuple[Submit, Collect, int, int]:
    """One report per task on a process pool; with one worker, in this process."""
    if workers == 1:
        return (lambda reports: [analyse(report) for report in reports]), list, 1, 0
    pool = stack.enter_context(
        ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("forkserver"))
    )
    return (
        lambda reports: [pool.submit(analyse, report) for report in reports],
        lambda futures: [future.result() for future in futures],
        1,
        workers * _IN_FLIGHT_PER_WORKER,
    )


def _dask_engine(
    analyse: Analyse, workers: int, client: object | None, stack: ExitStack
) -> tuple[Submit, Collect, int, int]:
    """A ``dask.bag`` per batch of reports (one partition each), computed on ``client``."""
    import dask.bag
    from distributed import Client, LocalCluster

    if client is None:
        cluster = stack.enter_context(
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        )
        client = stack.enter_context(Client(cluster))
    else:
        workers = sum(client.nthreads().values()) or workers

    def submit(reports: list[Report]) -> object:
        bag = dask.bag.from_sequence(reports, partition_size=_DASK_PARTITION_REPORTS)
        # one future per partition: results come straight back, not joined on a worker first
        return client.compute(bag.map(analyse).to_delayed())

    def collect(futures: object) -> list[Tables]:
        return [tables for partition in client.gather(futures) for tables in partition]

    return submit, collect, workers * _IN_FLIGHT_PER_WORKER * _DASK_PARTITION_REPORTS, 3


# --- writing: parts while running, then each table published whole ------------------------


def _write_parts(buffer: dict[str, list[pd.DataFrame]], parts: Path, number: int) -> None:
    for name, frames in buffer.items():
        if frames:
            table = pa.Table.from_pandas(pd.concat(frames, ignore_index=True), preserve_index=False)
            pq.write_table(table, parts / f"{name}.{number:06d}.parquet")
        frames.clear()


def _publish(parts: Path, out_dir: Path) -> list[Path]:
    """Join each table's parts into a temporary file in ``out_dir``, then rename them all."""
    ready: list[tuple[Path, Path]] = []
    for name in TABLES:
        pieces = sorted(parts.glob(f"{name}.*.parquet"))
        schema = _table_schema(name, pieces)
        parquet_tmp, csv_tmp = parts / f"{name}.parquet", parts / f"{name}.csv"
        with (
            pq.ParquetWriter(parquet_tmp, schema) as writer,
            open(csv_tmp, "w", encoding="utf-8-sig", newline="") as csv,
        ):
            pd.DataFrame(columns=schema.names).to_csv(csv, index=False)
            for piece in pieces:
                table = pq.read_table(piece).select(schema.names).cast(schema)
                writer.write_table(table)
                table.to_pandas().to_csv(csv, index=False, header=False)
        ready += [(parquet_tmp, out_dir / f"{name}.parquet"), (csv_tmp, out_dir / f"{name}.csv")]
    for tmp, final in ready:
        os.replace(tmp, final)
    return [final for _, final in ready]


_EMPTY_SCHEMAS = {
    "documents": DOCUMENT_COLUMNS,
    "fixes": ["doc_id", *FIX_COLUMNS],
    "sentences": SENTENCE_COLUMNS,
    "money": money.MONEY_COLUMNS,
    "quantities": money.QUANTITY_COLUMNS,
    "term_counts": TERM_COUNT_COLUMNS,
    "codes": coding.CODED_COLUMNS,
    "problems": PROBLEM_COLUMNS,
    "warnings": WARNING_COLUMNS,
}


def _table_schema(name: str, pieces: list[Path]) -> pa.Schema:
    """One schema for all parts of a table (an all-empty column takes its type from the others)."""
    if not pieces:
        return pa.schema([(column, pa.string()) for column in _EMPTY_SCHEMAS[name]])
    return pa.unify_schemas(
        [pq.read_schema(piece).remove_metadata() for piece in pieces], promote_options="permissive"
    )
