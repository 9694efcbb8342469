"""Run every step over a corpus folder, one report at a time, and write tidy tables.

``report_rows`` is the one per-report function: it parses a report and runs each step
on it, returning the rows of each table, every row keyed by ``doc_id``; ``analyse_report``
gives them as DataFrames (for a notebook looking at one report). ``run`` calls
``report_rows`` on every report of a folder, in worker processes (``engine="local"``) or
on Dask (``engine="dask"``), gathers the rows of a few reports into one Arrow table per
table (column types in ``SCHEMAS``), and writes each table as Parquet and CSV. Reports
are streamed: only a bounded window of raw texts is in flight at once, and finished
tables go to disk in parts, so memory does not grow with the corpus.

>>> from aidlib.corpus import DEFAULT_DATA_DIR, iter_reports
>>> report = next(iter_reports(DEFAULT_DATA_DIR))
>>> tables = analyse_report(report)
>>> tables["documents"][["doc_id", "paragraphs"]].values.tolist()
[['yanta-hanbin', 32]]
>>> sorted(tables) == sorted(set(TABLES) - {"problems", "warnings"})
True
"""

from __future__ import annotations

import csv
import functools
import logging
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from tqdm import tqdm

from aidlib import coding, keywords, money, tokens
from aidlib.coding import Codebook
from aidlib.corpus import (
    METADATA_COLUMNS,
    PAGE_COLUMNS,
    Problem,
    Report,
    ReportError,
    iter_reports,
    read_metadata,
)
from aidlib.normalize import FIX_COLUMNS, normalize
from aidlib.structure import Document, parse
from aidlib.workbook import formula_safe_table, write_workbook

#: Columns of the ``documents`` table: the corpus.csv row (``donors`` joined by ``;``), what a
#: web page said of itself (``aidlib.corpus.PAGE_COLUMNS``, empty for text files), the title
#: found in the text (``parsed_title``, beside the metadata ``title``), the encoding read, the
#: segmenter that cut the words of ``term_counts`` and ``quantities``
#: (``aidlib.tokens.SEGMENTERS``), then counts: characters of the normalised text,
#: headings, paragraphs, sentences, captions, and fixes normalisation made.
DOCUMENT_COLUMNS = [
    *METADATA_COLUMNS,
    *PAGE_COLUMNS,
    "parsed_title",
    "encoding",
    "segmenter",
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


def _schema(columns: list[str], ints: str = "", floats: str = "", flags: str = "") -> pa.Schema:
    """An Arrow schema for ``columns``: text unless named (space-separated) as int, float or flag."""
    types = {name: pa.int64() for name in ints.split()}
    types |= {name: pa.float64() for name in floats.split()}
    types |= {name: pa.bool_() for name in flags.split()}
    return pa.schema([(column, types.get(column, pa.large_string())) for column in columns])


#: Column types of every table ``run`` writes: the same for every report, engine and batch,
#: including a table with no rows.
SCHEMAS = {
    "documents": _schema(DOCUMENT_COLUMNS, ints=" ".join(DOCUMENT_COLUMNS[-6:])),
    "fixes": _schema(["doc_id", *FIX_COLUMNS], ints="line"),
    "sentences": _schema(SENTENCE_COLUMNS, ints="index paragraph start end"),
    "money": _schema(
        money.MONEY_COLUMNS,
        ints="start end",
        floats="value_yuan value_yuan_high",
        flags="is_rate unit_inferred in_title cumulative",
    ),
    "quantities": _schema(money.QUANTITY_COLUMNS, ints="start end", floats="value value_high"),
    "term_counts": _schema(TERM_COUNT_COLUMNS, ints="count", floats="relative_frequency"),
    "codes": _schema(coding.CODED_COLUMNS, ints="block start end hits chars"),
    "problems": _schema(PROBLEM_COLUMNS),
    "warnings": _schema(WARNING_COLUMNS),
}

#: A tiny report ``run`` analyses first, so that the dictionary, tagger, stop words and cue
#: tables are loaded once in the main process before any worker starts.
_WARM_UP = Report(
    {"doc_id": "warm-up", "file": "warm-up.txt"}, "标题\n组织3场招聘会，投入资金100万元。", "utf-8"
)

#: Longest report ``run`` analyses, in characters (about 300 times a typical report; the
#: seeds have 5,000 and 2,500). Analysing one report takes memory in proportion to it.
MAX_REPORT_CHARS = 2_000_000

#: The engines ``run`` accepts.
ENGINES = ("local", "dask")

#: Reports per local task: a worker analyses them and writes their tables as one part each.
_LOCAL_TASK_REPORTS = 16
#: Reports per Dask task (fewer, larger tasks keep the scheduler's share of the CPU small).
_DASK_TASK_REPORTS = 16
#: Tasks in flight per worker (bounds the memory of raw texts waiting to be analysed).
_TASKS_IN_FLIGHT_PER_WORKER = 2
#: Rows per chunk when the parts are joined into the final tables (bounds that memory).
_PUBLISH_ROWS = 100_000


@dataclass(frozen=True)
class RunSummary:
    """What ``run`` did: reports analysed, the problems table, and the files written."""

    reports: int
    problems: pd.DataFrame
    files: list[Path]


Rows = dict[str, list[dict[str, object]]]
"""Rows per table name, each row a dict of the table's columns."""


def report_rows(report: Report, codebook: Codebook | None = None, segmenter: str = "jieba") -> Rows:
    """The rows of every table for one report, as plain dicts (``analyse_report`` as tables).

    ``segmenter`` cuts the words of ``term_counts`` and of what ``quantities`` count
    (``aidlib.tokens.SEGMENTERS``). A report with no paragraphs has nothing to analyse:
    ``ReportError`` naming the file says so. ``run`` collects these rows over a few
    reports before making a table of them.

    >>> report = Report({"doc_id": "x", "file": "x.txt"}, "标题\\n援建资金100万元。", "utf-8")
    >>> report_rows(report)["money"][0]["value_yuan"]
    1000000.0
    """
    doc = parse(report.raw_text, title_hint=str(report.metadata.get("title") or ""))
    if not doc.paragraphs:
        kinds = sorted({block.kind for block in doc.blocks})
        raise ReportError(
            f"{report.metadata.get('file', '<report>')}: no paragraphs to analyse "
            f"({len(doc.blocks)} blocks: {', '.join(kinds) or 'none'})"
        )
    doc_id = str(report.metadata["doc_id"])
    counts = keywords._content_counts(doc, segmenter)
    words = sum(count for _, count in counts)
    return {
        "documents": [_document_row(report, doc, segmenter)],
        "fixes": [
            dict(zip(SCHEMAS["fixes"].names, (doc_id, *fix), strict=True)) for fix in doc.fix_rows
        ],
        "sentences": [{"doc_id": doc_id, **vars(sentence)} for sentence in doc.sentences],
        "money": money.extract_money(doc, doc_id, frame=False),
        "quantities": money.quantity_rows(doc.text, doc_id, segmenter),
        "term_counts": [
            {"doc_id": doc_id, "term": term, "count": count, "relative_frequency": count / words}
            for term, count in counts
        ],
        "codes": coding._code_rows(doc, codebook or _default_codebook(), doc_id),
    }


def analyse_report(
    report: Report, codebook: Codebook | None = None, segmenter: str = "jieba"
) -> dict[str, pd.DataFrame]:
    """Every table for one report: ``documents`` (one row), ``fixes``, ``sentences``, ….

    Tables and their columns: ``documents`` (``DOCUMENT_COLUMNS``), ``fixes``
    (``aidlib.normalize``), ``sentences`` (``SENTENCE_COLUMNS``), ``money`` and
    ``quantities`` (``aidlib.money``, ``counted`` cut by ``segmenter``), ``term_counts``
    (``TERM_COUNT_COLUMNS``: the report's content words, counted as
    ``aidlib.keywords.frequencies`` counts them, cut by ``segmenter``) and ``codes``
    (``aidlib.coding.code_paragraphs`` with ``codebook``, by default the shipped one).
    Each table has ``doc_id`` as its first column and the column types of ``SCHEMAS``,
    as ``run`` writes them. A report with no paragraphs raises ``ReportError``.

    >>> report = Report({"doc_id": "x", "file": "x.txt"}, "标题\\n援建资金100万元。", "utf-8")
    >>> analyse_report(report)["sentences"][["doc_id", "text"]].values.tolist()
    [['x', '援建资金100万元。']]
    """
    rows = report_rows(report, codebook, segmenter)
    return {name: _table(name, rows[name]).to_pandas() for name in rows}


@functools.cache
def _default_codebook() -> Codebook:
    return coding.load_codebook()


def _document_row(report: Report, doc: Document, segmenter: str) -> dict[str, object]:
    metadata = report.metadata
    row = {column: str(metadata.get(column, "")) for column in [*METADATA_COLUMNS, *PAGE_COLUMNS]}
    row["donors"] = ";".join(metadata.get("donors") or [])
    return row | {
        "parsed_title": doc.title,
        "encoding": report.encoding,
        "segmenter": segmenter,
        "characters": len(doc.text),
        "headings": len(doc.headings),
        "paragraphs": len(doc.paragraphs),
        "sentences": len(doc.sentences),
        "captions": len(doc.captions),
        "fixes": len(doc.fix_rows),
    }


def _table(name: str, rows: list[dict[str, object]]) -> pa.Table:
    """``rows`` of table ``name`` as an Arrow table with its schema from ``SCHEMAS``."""
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def run(
    data_dir: Path | str,
    out_dir: Path | str,
    workers: int | None = None,
    engine: str = "local",
    client: object | None = None,
    progress: bool | None = None,
    codebook: Path | str | Codebook = coding.DEFAULT_CODEBOOK,
    max_report_chars: int = MAX_REPORT_CHARS,
    workbook: bool = True,
    segmenter: str = "jieba",
) -> RunSummary:
    """Analyse every report under ``data_dir``; write each table to ``out_dir``.

    ``workers``: processes (``engine="local"``) or Dask workers of the ``LocalCluster``
    started when no ``client`` is given (default: the machine's cores). ``engine="dask"``
    sends the reports to ``client`` (a ``distributed.Client``), or to a local cluster it
    starts and closes. Output is identical whatever the engine or workers. The dictionary
    and tables the steps need are loaded once, here; on Linux the local workers (and those
    of the cluster ``run`` starts) are forked from this process and begin with them.
    Workers write their results into a temporary folder inside ``out_dir``: on a cluster of
    several machines, it must be a folder they all reach.

    Writes ``<table>.parquet`` and ``<table>.csv`` (UTF-8 with BOM, so spreadsheet
    programs read the Chinese; a text cell a spreadsheet would run as a formula gets a
    leading ``'``) for each of ``TABLES``, and, with ``workbook``, ``tables.xlsx``, a
    sheet per table (``aidlib.workbook``; openpyxl writes a few thousand rows a second,
    about 0.3 s a report, longer than the analysis: pass False for a large corpus and
    read the Parquet or CSV files). The files replace the previous run's all
    together or not at all (see ``_publish``). Files and rows that could not be read or
    analysed are rows of ``problems``; what a step warned about, rows of ``warnings``.
    ``progress``: a bar of reports done (default: shown on a terminal or in Jupyter,
    quiet otherwise). ``codebook``: a YAML file or a loaded ``Codebook``, checked before
    any report is read. A report longer than ``max_report_chars`` is not analysed but
    listed in ``problems`` (one worker's memory grows with its report). A local worker
    that dies costs at most its batch (``_RetryingPool``). The ``.run-*`` folder of a run
    that was killed is removed by the next. Nothing under ``data_dir`` is written.
    ``segmenter`` cuts the words of ``term_counts`` and of ``counted`` in ``quantities``:
    ``"jieba"``, or ``"jieba-rs"`` (many times as fast, ``pip install 'aidlib[fast]'``;
    ``aidlib.tokens.cutter``); the ``documents`` table names it in its ``segmenter`` column.
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
    tokens.cutter(segmenter)  # an unknown name, or jieba-rs not installed, fails here, once
    if not isinstance(codebook, Codebook):
        codebook = coding.load_codebook(codebook)
    metadata = read_metadata(data_dir)
    doc_ids = dict(zip(metadata["file"], metadata["doc_id"], strict=True))
    doc_ids |= dict(zip(metadata["doc_id"], metadata["doc_id"], strict=True))
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_runs(out_dir)
    analysed = 0
    with ExitStack() as stack:
        parts = Path(
            stack.enter_context(
                tempfile.TemporaryDirectory(dir=out_dir, prefix=f".run-{os.getpid()}-")
            )
        )
        bar = stack.enter_context(
            tqdm(total=len(metadata), unit="report", disable=not _show_progress(progress))
        )
        _rows_or_problem(_WARM_UP, codebook, segmenter)  # loads what each step needs, once
        start_engine = _local_engine if engine == "local" else _dask_engine
        write_part = functools.partial(
            _write_part, parts=parts, codebook=codebook, segmenter=segmenter
        )
        submit, collect, batch_size, in_flight = start_engine(
            write_part, workers or _cores(), client, stack
        )
        items = (
            (number, item if isinstance(item, Report) else _problem_row(item, doc_ids))
            for number, item in enumerate(_screened(iter_reports(data_dir), max_report_chars))
        )
        for batch, done in _in_order(items, submit, collect, batch_size, in_flight):
            analysed += done
            # the bar counts metadata rows; a file with no row is extra
            bar.update(sum(isinstance(item, Report) or item[1] in doc_ids for _, item in batch))
        files = _publish(parts, out_dir, workbook)
    return RunSummary(
        reports=analysed, problems=pd.read_parquet(out_dir / "problems.parquet"), files=files
    )


def _remove_stale_runs(out_dir: Path) -> None:
    """Remove the temporary ``.run-<pid>-*`` folders of runs whose process has ended.

    A run killed before it could clean up leaves one; a run still going keeps its own.
    """
    import psutil

    for folder in out_dir.glob(".run-*"):
        pid = folder.name.split("-")[1]
        if folder.is_dir() and not (pid.isdigit() and psutil.pid_exists(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)


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


ProblemRow = tuple[str, str, str]
"""A row of the ``problems`` table: doc_id, file, reason."""


def _problem_row(problem: Problem, doc_ids: dict[str, str]) -> ProblemRow:
    return (doc_ids.get(problem.file, ""), problem.file, problem.reason)


def _problem_rows(problem: ProblemRow) -> Rows:
    return {"problems": [dict(zip(PROBLEM_COLUMNS, problem, strict=True))]}


def _rows_or_problem(report: Report, codebook: Codebook, segmenter: str = "jieba") -> Rows:
    """``report_rows`` plus ``warnings`` rows, or a ``problems`` row saying why it failed.

    One bad report never stops a run: its error becomes a row.
    """
    doc_id, file = str(report.metadata["doc_id"]), str(report.metadata.get("file", ""))
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UserWarning)
            rows = report_rows(report, codebook, segmenter)
        found = [("CorpusWarning", note) for note in report.notes]
        found += [
            (w.category.__name__, str(w.message))
            for w in caught
            if issubclass(w.category, UserWarning)
        ]
        found += _title_warning(rows["documents"][0])
        rows["warnings"] = [
            dict(zip(WARNING_COLUMNS, (doc_id, file, *warning), strict=True)) for warning in found
        ]
        return rows
    except ReportError as error:
        reason = str(error).removeprefix(f"{file}: ")
    except Exception as error:  # a bug on one report must not lose the others
        reason = f"analysis failed: {type(error).__name__}: {error}"
    return _problem_rows((doc_id, file, reason))


def _title_warning(row: dict[str, object]) -> list[tuple[str, str]]:
    """A (category, message) warning when the title found in the text differs from the metadata's."""
    title, parsed = str(row["title"]), str(row["parsed_title"])
    if not title or parsed == normalize(title).text:
        return []
    return [
        (
            "TitleWarning",
            f"{row['file']}: title in the text {parsed!r} differs from the metadata title {title!r}",
        )
    ]


Item = tuple[int, Report | ProblemRow]
"""A report, or a problem found while reading, with its place in the corpus."""


def _write_part(
    items: list[Item], parts: Path, codebook: Codebook, segmenter: str = "jieba"
) -> int:
    """Analyse ``items`` and write their tables as part files in ``parts``; reports analysed.

    Runs in a worker: only the count goes back. The items' rows are collected per table
    and written as one Arrow file, named after the first item's place in the corpus, so
    sorting the names puts the rows in corpus order, whatever the engine or the batches.
    """
    for stale in parts.glob(f"*.{items[0][0]:09d}.*"):  # left by a worker that died on them
        stale.unlink()
    collected: Rows = {name: [] for name in TABLES}
    for _, item in items:
        rows = (
            _rows_or_problem(item, codebook, segmenter)
            if isinstance(item, Report)
            else _problem_rows(item)
        )
        for name, table_rows in rows.items():
            collected[name] += table_rows
    for name, table_rows in collected.items():
        if table_rows:
            table = _table(name, table_rows)
            path = parts / f"{name}.{items[0][0]:09d}.arrow"
            with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table)
    return len(collected["documents"])


# --- engines: each runs ``write_part`` on batches of items; _in_order keeps a few in flight ---

#: How worker processes start (local pool and the LocalCluster ``run`` starts). Forked where
#: the system can (Linux), they begin at once with this process's modules and the
#: dictionary ``run`` loaded, instead of importing and loading them again (about 2 s each).
_START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"

WritePart = Callable[[list[Item]], int]
Submit = Callable[[list[Item]], object]
Collect = Callable[[object], int]


def _in_order(
    items: Iterable[Item],
    submit: Submit,
    collect: Collect,
    batch_size: int,
    batches_in_flight: int,
) -> Iterator[tuple[list[Item], int]]:
    """Submit items in batches, keep a few in flight, yield (batch, reports analysed) in order.

    Only the reports of the batches in flight are in memory: the corpus is streamed.
    """
    items = iter(items)
    pending: deque[tuple[list[Item], object]] = deque()
    while batch := list(islice(items, batch_size)):
        pending.append((batch, submit(batch)))
        while len(pending) > batches_in_flight:
            batch, handle = pending.popleft()
            yield batch, collect(handle)
    while pending:
        batch, handle = pending.popleft()
        yield batch, collect(handle)


def _local_engine(
    write_part: WritePart, workers: int, client: object | None, stack: ExitStack
) -> tuple[Submit, Collect, int, int]:
    """A few reports per task on a process pool; with one worker, in this process."""
    if workers == 1:
        return write_part, int, _LOCAL_TASK_REPORTS, 0
    pool = _RetryingPool(write_part, workers)
    stack.callback(pool.close)
    return pool.submit, pool.collect, _LOCAL_TASK_REPORTS, workers * _TASKS_IN_FLIGHT_PER_WORKER


class _RetryingPool:
    """A process pool whose batches survive a worker's death.

    When a worker dies (killed, or out of memory), the pool is broken and every batch
    in flight fails: a new pool takes the next batches, and each failed batch is run
    once more, alone in a worker of its own, so that only a batch that kills its worker
    again has its reports listed in ``problems``. Workers ignore Ctrl-C (the main
    process stops them) and end when the main process ends, however it ends.
    """

    def __init__(self, write_part: WritePart, workers: int) -> None:
        self.write_part, self.workers = write_part, workers
        self.pool = self._start(workers)

    @staticmethod
    def _start(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context(_START_METHOD),
            initializer=_worker_setup,
            initargs=(os.getpid(),),
        )

    def submit(self, batch: list[Item]) -> tuple[list[Item], ProcessPoolExecutor, Future]:
        try:
            return batch, self.pool, self.pool.submit(self.write_part, batch)
        except BrokenProcessPool:  # a worker died since the last batch was collected
            self._replace(self.pool)
            return batch, self.pool, self.pool.submit(self.write_part, batch)

    def collect(self, handle: tuple[list[Item], ProcessPoolExecutor, Future]) -> int:
        batch, pool, future = handle
        try:
            return future.result()
        except BrokenProcessPool:
            self._replace(pool)
        with self._start(1) as alone:
            try:
                return alone.submit(self.write_part, batch).result()
            except BrokenProcessPool:
                pass
        reason = "a worker process died while analysing it, twice (out of memory, or killed)"
        lost = [(n, item if isinstance(item, tuple) else _lost(item, reason)) for n, item in batch]
        return self.write_part(lost)

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        """A new pool in place of ``broken``, unless another batch has replaced it already."""
        if broken is self.pool:
            broken.shutdown(wait=False)
            self.pool = self._start(self.workers)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _lost(report: Report, reason: str) -> ProblemRow:
    return (str(report.metadata["doc_id"]), str(report.metadata.get("file", "")), reason)


def _worker_setup(parent: int) -> None:
    """Set up a local worker: Ctrl-C is for the main process, and the worker ends with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def end_with_parent() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=end_with_parent, daemon=True).start()


def _dask_engine(
    write_part: WritePart, workers: int, client: object | None, stack: ExitStack
) -> tuple[Submit, Collect, int, int]:
    """A ``dask.bag`` per batch of items (a partition per task), computed on ``client``.

    Workers write their part files into ``out_dir``: on a cluster of several machines it
    must be a folder they all reach.
    """
    import dask
    import dask.bag
    from distributed import Client, LocalCluster

    if client is None:
        # no dashboard, so no use for the workers' profiler (a stack sample every 10 ms)
        settings = {
            "distributed.worker.multiprocessing-method": _START_METHOD,
            "distributed.worker.profile.enabled": False,
        }
        stack.enter_context(dask.config.set(settings))
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

    def submit(batch: list[Item]) -> object:
        bag = dask.bag.from_sequence(batch, partition_size=_DASK_TASK_REPORTS)
        return client.compute(bag.map_partitions(lambda items: [write_part(list(items))]))

    def collect(future: object) -> int:
        return sum(future.result())

    return submit, collect, workers * _TASKS_IN_FLIGHT_PER_WORKER * _DASK_TASK_REPORTS, 1


# --- publishing: the parts joined into each table, then all renamed at once ---------------


def _publish(parts: Path, out_dir: Path, workbook: bool = True) -> list[Path]:
    """Join each table's parts into files in ``parts``, then move them all into ``out_dir``.

    The tables are joined side by side in a thread per core (writing Parquet and copying
    files leave Python's lock free); each holds one chunk of its table at a time; then the
    workbook ``tables.xlsx`` is written from the Parquet files (unless ``workbook`` is False). Each
    previous table is kept (a hard link) until every new one is in place: when one cannot
    be replaced, those already moved are put back, so ``out_dir`` holds the previous run's
    tables whole, and the error is raised.
    """
    with ThreadPoolExecutor(_cores()) as pool:
        joined = list(pool.map(functools.partial(_join_parts, parts), TABLES))
    parquets = {name: parquet for name, (parquet, _) in zip(TABLES, joined, strict=True)}
    files = [file for pair in joined for file in pair]
    if workbook:
        files.append(write_workbook(parts / "tables.xlsx", parquets))
    previous = parts / "previous"
    previous.mkdir()
    moved: list[tuple[Path, Path]] = []
    try:
        for new in files:
            final, kept = out_dir / new.name, previous / new.name
            if final.exists() or final.is_symlink():
                _keep(final, kept)
            os.replace(new, final)
            moved.append((final, kept))
    except OSError:
        for final, kept in reversed(moved):
            if kept.exists():
                os.replace(kept, final)
            elif final.exists():
                final.unlink()
        raise
    return [final for final, _ in moved]


def _keep(final: Path, kept: Path) -> None:
    """A copy of ``final`` at ``kept``: a hard link where the file system has them."""
    try:
        os.link(final, kept)
    except OSError:
        shutil.copy2(final, kept)


def _join_parts(parts: Path, name: str) -> tuple[Path, Path]:
    """Table ``name``'s parts joined into ``<name>.parquet`` and ``<name>.csv`` in ``parts``.

    Parts are read one at a time and written in chunks of ``_PUBLISH_ROWS`` rows or more.
    The CSV is UTF-8 with a byte-order mark (spreadsheet programs then read the Chinese), a
    header, and rows written by Arrow: text quoted, a text cell a spreadsheet would run as a
    formula with a leading ``'`` (``formula_safe_table``), flags as true and false.
    """
    pieces = sorted(parts.glob(f"{name}.*.arrow"))
    parquet, csv_file = parts / f"{name}.parquet", parts / f"{name}.csv"
    with (
        pq.ParquetWriter(parquet, SCHEMAS[name]) as writer,
        open(csv_file, "w", encoding="utf-8-sig", newline="") as sink,
    ):
        csv.writer(sink, lineterminator="\n").writerow(SCHEMAS[name].names)
        sink.flush()
        rows = pa_csv.CSVWriter(sink.buffer, SCHEMAS[name], write_options=_CSV_ROWS)
        for chunk in _chunks(pieces):
            writer.write_table(chunk)
            rows.write_table(formula_safe_table(chunk))
        rows.close()
    return parquet, csv_file


#: How Arrow writes the CSV rows (the header is written before them).
_CSV_ROWS = pa_csv.WriteOptions(include_header=False)


def _read_part(piece: Path) -> pa.Table:
    with pa.memory_map(str(piece)) as source:
        return pa.ipc.open_file(source).read_all()


def _chunks(pieces: list[Path]) -> Iterator[pa.Table]:
    """The parts in order, joined into tables of some ``_PUBLISH_ROWS`` rows."""
    chunk: list[pa.Table] = []
    rows = 0
    for piece in pieces:
        table = _read_part(piece)
        chunk.append(table)
        rows += table.num_rows
        if rows >= _PUBLISH_ROWS:
            yield pa.concat_tables(chunk)
            chunk, rows = [], 0
    if chunk:
        yield pa.concat_tables(chunk)
