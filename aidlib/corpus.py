"""Read the reports in ``data/`` with their metadata, one bad file never stopping the rest.

A corpus folder holds ``corpus.csv`` (one row per report) and the texts under ``raw/``.
Adding a report is adding a file and a row. Nothing under the folder is ever written.

``corpus.csv`` columns: ``doc_id, file, title, donors, recipient, recipient_prefecture,
province, start, source_note``; ``donors`` lists several donors separated by ``;``
(or ``；`` / ``、``); ``file`` is relative to ``raw/``.

>>> corpus = load_corpus(DEFAULT_DATA_DIR)
>>> corpus[["doc_id", "recipient"]].values.tolist()
[['yanta-hanbin', '汉滨区'], ['beilin-danfeng', '丹凤县']]
>>> corpus.loc[0, "donors"]
['雁塔区', '西安航天基地']
"""

from __future__ import annotations

import codecs
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from aidlib.chars import CJK
from aidlib.normalize import FIX_COLUMNS, normalize

#: The project's own data folder.
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

METADATA_COLUMNS = [
    "doc_id",
    "file",
    "title",
    "donors",
    "recipient",
    "recipient_prefecture",
    "province",
    "start",
    "source_note",
]
_DONOR_SEPARATOR = re.compile(r"\s*[;；、]\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


class CorpusWarning(UserWarning):
    """A report that could not be read, or metadata that does not match the files."""


class ReportError(ValueError):
    """Why one report file could not be read; the message names the file."""


@dataclass(frozen=True)
class Problem:
    """A file or metadata row left out of the corpus, and why."""

    file: str
    reason: str


@dataclass(frozen=True)
class Report:
    """One report's metadata row and its decoded raw text."""

    metadata: dict[str, object]
    raw_text: str
    encoding: str


def decode_report(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a report's bytes; return (text, encoding) or raise ``ReportError`` naming ``name``.

    Tries, in order: a byte-order mark (UTF-8, UTF-16), UTF-8, then GB18030 (which
    covers GBK and GB2312). Empty files, binary files (NUL or control bytes) and text
    that decodes to no Chinese are refused with the reason.

    >>> decode_report("对口帮扶".encode("gb18030"))
    ('对口帮扶', 'gb18030')
    >>> decode_report(b"\\x00\\x01PK")
    Traceback (most recent call last):
    ...
    aidlib.corpus.ReportError: <bytes>: binary file (NUL or control bytes at byte 0)
    """
    if not data.strip():
        raise ReportError(f"{name}: empty file")
    for bom, encoding in [
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ]:
        if data.startswith(bom):
            return _checked(data.decode(encoding), encoding, name)
    control = _CONTROL.search(data.decode("latin-1"))
    if control:
        raise ReportError(f"{name}: binary file (NUL or control bytes at byte {control.start()})")
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError as utf8_error:
        try:
            return _checked(data.decode("gb18030"), "gb18030", name)
        except UnicodeDecodeError:
            raise ReportError(
                f"{name}: neither UTF-8 nor GB18030 (first bad byte at offset {utf8_error.start})"
            ) from None


def _checked(text: str, encoding: str, name: str) -> tuple[str, str]:
    if not re.search(f"[{CJK}]", text):
        raise ReportError(f"{name}: decoded as {encoding} but holds no Chinese text")
    return text, encoding


def read_metadata(data_dir: Path | str = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """The rows of ``corpus.csv``, with ``donors`` split into lists.

    Raises ``FileNotFoundError`` naming the file when there is no ``corpus.csv``, and
    ``ValueError`` naming the columns when some are missing or a doc_id repeats.
    """
    path = Path(data_dir) / "corpus.csv"
    metadata = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [column for column in METADATA_COLUMNS if column not in metadata.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    repeated = metadata.loc[metadata["doc_id"].duplicated(), "doc_id"].tolist()
    if repeated:
        raise ValueError(f"{path}: doc_id repeated: {repeated}")
    metadata["donors"] = metadata["donors"].map(
        lambda cell: [donor for donor in _DONOR_SEPARATOR.split(cell.strip()) if donor]
    )
    return metadata


def iter_reports(data_dir: Path | str = DEFAULT_DATA_DIR) -> Iterator[Report | Problem]:
    """Yield each readable report, or a ``Problem`` for each file or row left out, one at a time.

    Streaming keeps one raw text in memory at a time, however large the corpus.
    """
    data_dir = Path(data_dir)
    raw_dir = data_dir / "raw"
    metadata = read_metadata(data_dir)
    listed = set(metadata["file"])
    on_disk = sorted(p.relative_to(raw_dir).as_posix() for p in raw_dir.rglob("*") if p.is_file())
    for file in on_disk:
        if file not in listed and not Path(file).name.startswith("."):
            yield Problem(file, "no metadata row in corpus.csv: add one to include this report")
    for row in metadata.to_dict("records"):
        path = raw_dir / row["file"]
        if not row["file"] or not path.is_file():
            yield Problem(
                row["file"] or row["doc_id"],
                f"corpus.csv row {row['doc_id']!r} names no file in raw/",
            )
            continue
        try:
            text, encoding = decode_report(path.read_bytes(), row["file"])
        except ReportError as error:
            yield Problem(row["file"], str(error).removeprefix(f"{row['file']}: "))
            continue
        yield Report(metadata=row, raw_text=text, encoding=encoding)


def load_corpus(data_dir: Path | str = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """One row per readable report: the metadata, ``encoding``, ``raw_text``, ``text`` and ``fixes``.

    ``text`` is the normalised text and ``fixes`` the table of repairs made to it
    (see ``aidlib.normalize``). Each file or row left out gives a ``CorpusWarning``
    naming the file and why; the list is also in ``frame.attrs["problems"]``.
    """
    rows, problems = [], []
    for item in iter_reports(data_dir):
        if isinstance(item, Problem):
            warnings.warn(f"{item.file}: {item.reason}", CorpusWarning, stacklevel=2)
            problems.append(item)
            continue
        normalized = normalize(item.raw_text)
        rows.append(
            {
                **item.metadata,
                "encoding": item.encoding,
                "raw_text": item.raw_text,
                "text": normalized.text,
                "fixes": normalized.fixes,
            }
        )
    columns = [*METADATA_COLUMNS, "encoding", "raw_text", "text", "fixes"]
    corpus = pd.DataFrame(rows, columns=columns)
    corpus.attrs["problems"] = problems
    return corpus


def fixes_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every fix normalisation made, across reports: doc_id, file, kind, line, before, after.

    >>> fixes_table(load_corpus(DEFAULT_DATA_DIR))["kind"].value_counts()["page_break_join"]
    np.int64(2)
    """
    frames = [
        fixes.assign(doc_id=doc_id, file=file)
        for doc_id, file, fixes in corpus[["doc_id", "file", "fixes"]].itertuples(index=False)
    ]
    columns = ["doc_id", "file", *FIX_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def pairing_labels(corpus: pd.DataFrame) -> dict[str, str]:
    """A readable label per report, ``donors → recipient``, for tables and figure titles.

    >>> pairing_labels(load_corpus(DEFAULT_DATA_DIR))
    {'yanta-hanbin': '雁塔区、西安航天基地 → 汉滨区', 'beilin-danfeng': '碑林区 → 丹凤县'}
    """
    return {
        row.doc_id: f"{'、'.join(row.donors)} → {row.recipient}"
        for row in corpus[["doc_id", "donors", "recipient"]].itertuples(index=False)
    }
