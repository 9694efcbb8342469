"""Read the reports in ``data/`` with their metadata, one bad file never stopping the rest.

A corpus folder holds ``corpus.csv`` (one row per report) and the texts under ``raw/``.
Adding a report is adding a file and a row. Nothing under the folder is ever written.

``corpus.csv`` columns: ``doc_id, file, title, donors, recipient, recipient_prefecture,
province, start, source_note``; ``donors`` lists several donors separated by ``;``
(or ``；`` / ``、``); ``file`` is relative to ``raw/``.

``load_corpus`` returns a ``Corpus``: the metadata table, each report parsed once, the
problems met, the fixes made, and each report's segmented terms (made on first use).

>>> corpus = load_corpus(DEFAULT_DATA_DIR)
>>> corpus.metadata[["doc_id", "recipient"]].values.tolist()
[['yanta-hanbin', '汉滨区'], ['beilin-danfeng', '丹凤县']]
>>> corpus.metadata.loc[0, "donors"]
['雁塔区', '西安航天基地']
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import math
import os
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from aidlib import tokens
from aidlib.chars import CJK
from aidlib.normalize import FIX_COLUMNS
from aidlib.structure import Document, parse
from aidlib.terms import TERM_COLUMNS, document_terms

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
    """One report's metadata row, its decoded raw text, and what reading it warned about."""

    metadata: dict[str, object]
    raw_text: str
    encoding: str
    notes: tuple[str, ...] = ()


def decode_report(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a report's bytes; return (text, encoding) or raise ``ReportError`` naming ``name``.

    Tries, in order: a byte-order mark (UTF-8, UTF-16), UTF-8, then GB18030 (which
    covers GBK and GB2312). Bytes that GB18030 accepts are checked with
    charset-normalizer: Big5 (traditional characters) also decodes as GB18030, to
    gibberish, and is read as Big5 instead. Empty files, binary files (NUL or control
    bytes), bytes no decoder accepts and text that decodes to no Chinese are refused
    with the reason.

    >>> decode_report("对口帮扶".encode("gb18030"))
    ('对口帮扶', 'gb18030')
    >>> decode_report(b"\\xef\\xbb\\xbf\\xe5\\xb8\\xae\\xff")
    Traceback (most recent call last):
    ...
    aidlib.corpus.ReportError: <bytes>: not valid UTF-8 despite its byte-order mark (bad byte at offset 6)
    """
    if not data.strip():
        raise ReportError(f"{name}: empty file")
    for bom, codec, encoding in [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
    ]:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(codec), encoding, name)
            except UnicodeDecodeError as error:
                raise ReportError(
                    f"{name}: not valid {codec.upper()} despite its byte-order mark "
                    f"(bad byte at offset {len(bom) + error.start})"
                ) from None
    control = _CONTROL.search(data.decode("latin-1"))
    if control:
        raise ReportError(f"{name}: binary file (NUL or control bytes at byte {control.start()})")
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise ReportError(
                f"{name}: neither UTF-8 nor GB18030 (first bad byte at offset {utf8_error.start})"
            ) from None
    if _looks_like_big5(data):
        return _checked(data.decode("big5"), "big5", name)
    return _checked(text, "gb18030", name)


def _looks_like_big5(data: bytes) -> bool:
    """Whether charset-normalizer reads ``data`` (not UTF-8) as Big5 and Big5 decodes it."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding not in ("big5", "cp950", "big5hkscs"):
        return False
    try:
        data.decode("big5")
    except UnicodeDecodeError:
        return False
    return True


def _checked(text: str, encoding: str, name: str) -> tuple[str, str]:
    if not re.search(f"[{CJK}]", text):
        raise ReportError(f"{name}: decoded as {encoding} but holds no Chinese text")
    return text, encoding


def safe_file_name(text: str, suffix: str = "") -> str:
    """A file name made from ``text`` (a doc_id) that stays in the folder it is put in.

    Letters, digits (any script), ``-``, ``_`` and inner dots are kept; any other
    character (path separators, ``..``, spaces, control characters) becomes ``_``.
    When something was replaced or cut (a name is at most 80 characters), a short hash
    of ``text`` is added, so two doc_ids never share a name; a device name that Windows
    reserves (``con``, ``nul``, …) gets a leading ``_``.

    >>> safe_file_name("yanta-hanbin", ".html")
    'yanta-hanbin.html'
    >>> safe_file_name("../../etc/passwd", ".html")
    'etc_passwd-936d7c04.html'
    """
    kept = re.sub("_{2,}", "_", _UNSAFE_NAME.sub("_", text)).strip("._-")[:_MAX_NAME]
    if kept != text or not kept:
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        kept = f"{kept}-{digest}" if kept else digest
    if kept.split(".")[0].upper() in _RESERVED_NAMES:
        kept = f"_{kept}"
    return kept + suffix


_UNSAFE_NAME = re.compile(r"[^\w.-]")
_MAX_NAME = 80
#: Names Windows keeps for devices, whatever the extension.
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10))} | {
    f"LPT{i}" for i in range(10)
}


def read_metadata(data_dir: Path | str = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """The rows of ``corpus.csv``, with ``donors`` split into lists.

    Raises ``FileNotFoundError`` naming the file when there is no ``corpus.csv``, and
    ``ValueError`` naming the file (and line) when it is empty, is not text, misses
    columns, has a row with more or fewer cells than the header (an unquoted comma
    shifts every cell after it), or repeats a doc_id. A ``corpus.csv`` saved as
    GBK/GB18030 (as spreadsheet programs on Chinese systems do) is read with a
    ``CorpusWarning``.
    """
    path = Path(data_dir) / "corpus.csv"
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            line = data[: error.start].count(b"\n") + 1
            raise ValueError(
                f"{path}: line {line}: neither UTF-8 nor GB18030; save it as UTF-8 CSV"
            ) from None
        warnings.warn(
            f"{path}: read as GB18030 (not UTF-8); save it as UTF-8 CSV to be sure",
            CorpusWarning,
            stacklevel=2,
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        raise ValueError(f"{path}: empty; the first line must name the columns {METADATA_COLUMNS}")
    header = _without_empty_tail([cell.strip() for cell in header])
    missing = [column for column in METADATA_COLUMNS if column not in header]
    if missing:
        raise ValueError(f"{path}: line 1: missing columns {missing}")
    rows, bad = [], []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):  # spreadsheets may add empty cells at the end
            cells = cells[: len(header)] + _without_empty_tail(cells[len(header) :])
        if len(cells) != len(header):
            bad.append(
                f"line {reader.line_num}: {len(cells)} cells, the header has {len(header)}"
                + (
                    " (an unquoted comma? put the cell in double quotes)"
                    if len(cells) > len(header)
                    else ""
                )
            )
            continue
        rows.append(cells)
    if bad:
        raise ValueError(f"{path}: " + "; ".join(bad))
    metadata = pd.DataFrame(rows, columns=header, dtype=str)
    repeated = metadata.loc[metadata["doc_id"].duplicated(), "doc_id"].tolist()
    if repeated:
        raise ValueError(f"{path}: doc_id repeated: {repeated}")
    metadata["donors"] = metadata["donors"].map(
        lambda cell: [donor for donor in _DONOR_SEPARATOR.split(cell.strip()) if donor]
    )
    return metadata


def _without_empty_tail(cells: list[str]) -> list[str]:
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every link followed, lies in ``folder`` (already resolved)."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a link loop
        return False
    return resolved == folder or folder in resolved.parents


OUTSIDE = "outside the data folder"


def _files_on_disk(raw_dir: Path, data_dir: Path) -> Iterator[tuple[str, bool]]:
    """Each file and linked folder under ``raw_dir``: (path relative to it, inside ``data_dir``).

    Links to folders are not followed (one outside would list what is not the user's).
    """
    for folder, subfolders, files in os.walk(raw_dir):
        for name in sorted(subfolders):
            if Path(folder, name).is_symlink():
                yield (
                    Path(folder, name).relative_to(raw_dir).as_posix() + "/",
                    _inside(Path(folder, name), data_dir),
                )
        for name in sorted(files):
            yield (
                Path(folder, name).relative_to(raw_dir).as_posix(),
                _inside(Path(folder, name), data_dir),
            )


def iter_reports(data_dir: Path | str = DEFAULT_DATA_DIR) -> Iterator[Report | Problem]:
    """Yield each readable report, or a ``Problem`` for each file or row left out, one at a time.

    Only files that stay inside ``data_dir`` once every link is followed are opened:
    a ``file`` cell with an absolute path or ``..``, or a link under ``raw/`` (or
    ``raw/`` itself) to somewhere else is a problem "outside the data folder".
    ``.html``/``.htm`` files are web pages: their article text is read with
    ``extract_page``, opened by the report's title line (the row's, else the page's);
    where the row and the page disagree, the report's ``notes`` say so. Streaming keeps one raw text in memory at a time, however large
    the corpus.
    """
    data_dir = Path(data_dir).resolve()
    raw_dir = data_dir / "raw"
    metadata = read_metadata(data_dir)
    raw_inside = _inside(raw_dir, data_dir)
    listed = set(metadata["file"])
    on_disk = list(_files_on_disk(raw_dir, data_dir)) if raw_inside else []
    if not raw_inside:
        yield Problem("raw/", f"{OUTSIDE}: raw/ leads to {raw_dir.resolve()}")
    for file, inside in on_disk:
        if not inside and file not in listed:
            yield Problem(file, f"{OUTSIDE}: a link to somewhere else; nothing was read")
        elif file not in listed and not file.endswith("/") and not Path(file).name.startswith("."):
            yield Problem(file, "no metadata row in corpus.csv: add one to include this report")
    for row in metadata.to_dict("records"):
        yield _read_row(row, raw_dir, data_dir, raw_inside)


def _read_row(row: dict, raw_dir: Path, data_dir: Path, raw_inside: bool) -> Report | Problem:
    """The report a corpus.csv row names, or the problem why it cannot be read."""
    file = row["file"]
    path = raw_dir / file
    if file and (not raw_inside or not _inside(path, data_dir)):
        return Problem(file, f"{OUTSIDE}: corpus.csv row {row['doc_id']!r}; nothing was read")
    if not file or not path.is_file():
        return Problem(
            file or row["doc_id"], f"corpus.csv row {row['doc_id']!r} names no file in raw/"
        )
    notes: list[str] = []
    try:
        data = path.read_bytes()
        if path.suffix.lower() in (".html", ".htm"):
            text, encoding, page = extract_page(data, file)
            row, notes = _with_page_metadata(row, page)
            if row["title"] and text.splitlines()[0].strip() != row["title"].strip():
                text = f"{row['title'].strip()}\n{text}"  # the headline opens the text
        else:
            text, encoding = decode_report(data, file)
    except ReportError as error:
        return Problem(file, str(error).removeprefix(f"{file}: "))
    except OSError as error:
        return Problem(file, f"could not be read: {error.strerror or error}")
    return Report(metadata=row, raw_text=text, encoding=encoding, notes=tuple(notes))


#: What ``extract_page`` takes from a web page beside its text, and the corpus.csv column
#: each fills when the row leaves it empty (``site`` fills none: it is kept as ``page_site``).
PAGE_FIELDS = {"title": "title", "date": "start", "site": ""}
#: Columns beside the metadata holding what a web page said (empty for a text file).
PAGE_COLUMNS = [f"page_{field}" for field in PAGE_FIELDS]


def extract_page(data: bytes, name: str = "<page>") -> tuple[str, str, dict[str, str]]:
    """A saved web page's article text, the encoding read, and its title, date and site.

    The page is decoded like a text report (``decode_report``), then trafilatura finds
    the main content (navigation, share buttons and "related news" lists left out),
    its date, title and site; a government page's ``ArticleTitle`` and ``SiteName``
    meta tags, where present, give the title and site.
    Raises ``ReportError`` naming ``name`` when no article text in Chinese is found.

    >>> page = "<html><head><title>援建成效显著</title></head><body><article>"
    >>> page += "<p>" + "东西部协作投入资金100万元，建成车间两个。" * 4 + "</p></article></body></html>"
    >>> text, encoding, meta = extract_page(page.encode())
    >>> text[:12], meta["title"]
    ('东西部协作投入资金100', '援建成效显著')
    """
    import trafilatura

    html_text, encoding = decode_report(data, name)
    extracted = trafilatura.bare_extraction(html_text, with_metadata=True, favor_recall=True)
    body = (extracted.text or "").strip() if extracted is not None else ""
    if not re.search(f"[{CJK}]", body):
        raise ReportError(f"{name}: a web page, but no article text in Chinese was found in it")
    tree = _html_tree(html_text)
    declared = _government_meta(tree)
    page = {
        "title": declared.get("articletitle") or _headline(tree, extracted.title or ""),
        "date": (extracted.date or "").strip(),
        "site": declared.get("sitename") or (extracted.sitename or "").strip(),
    }
    return body, encoding, page


def _html_tree(html_text: str) -> object | None:
    """The page as an lxml tree, or None when lxml cannot read it."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        # text, not bytes (bytes would be decoded again by the page's charset); an XML
        # declaration is dropped, as lxml refuses one in text
        return lxml_html.fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html_text))
    except (ValueError, etree.ParserError):
        return None


def _government_meta(tree: object | None) -> dict[str, str]:
    """The ``ArticleTitle`` and ``SiteName`` meta tags of a page, lower-cased names as keys.

    China's guideline for government websites (政府网站发展指引, 2017) has every article
    page declare its title and site this way; trafilatura does not read them and can
    take the site's logo heading for the title.
    """
    found: dict[str, str] = {}
    for meta in tree.iter("meta") if tree is not None else []:
        name, content = (meta.get("name") or "").lower(), (meta.get("content") or "").strip()
        if name in ("articletitle", "sitename") and content:
            found.setdefault(name, content)
    return found


#: Where a browser tab's title joins the headline to the channel and site names.
_TITLE_SEPARATOR = re.compile(r"\s*[-_|–—]+\s*")


def _headline(tree: object | None, title: str) -> str:
    """``title`` without the ``-site``/``_channel_site`` tail that page titles carry.

    A page's ``<title>`` is often "headline-site name"; the longest start of it, cut at
    a separator, that the page also shows on its own (as the text of one element: the
    headline) and that holds Chinese is taken. When the page shows the whole title, or
    no such start, ``title`` is kept whole.

    >>> from lxml import html
    >>> page = html.fromstring("<html><body><h1>援建成效显著</h1><p>1</p></body></html>")
    >>> _headline(page, "援建成效显著-某某新闻网"), _headline(page, "1-10月投资_新闻")
    ('援建成效显著', '1-10月投资_新闻')
    """
    title = title.strip()
    if tree is None or not _TITLE_SEPARATOR.search(title):
        return title
    body = tree.find(".//body")  # not <head>, whose <title> shows the whole title
    shown = {text.strip() for text in (body if body is not None else tree).itertext()}
    starts = [title[: cut.start()] for cut in _TITLE_SEPARATOR.finditer(title)]
    starts = [start for start in starts if start in shown and re.search(f"[{CJK}]", start)]
    return title if title in shown or not starts else starts[-1]


def _with_page_metadata(row: dict, page: dict[str, str]) -> tuple[dict, list[str]]:
    """The row with the page's title, date and site beside it as ``page_*``; the row wins.

    Also returns a note naming the file for each row cell that disagrees with the page.
    """
    row = {**row, **{f"page_{field}": value for field, value in page.items()}}
    notes = []
    for field, column in PAGE_FIELDS.items():
        if not column or not page[field]:
            continue
        if not row[column].strip():
            row[column] = page[field]
        elif not _agrees(row[column], page[field]):
            notes.append(
                f"{row['file']}: corpus.csv {column} {row[column]!r} differs from the page's "
                f"{field} {page[field]!r}; the corpus.csv row is kept"
            )
    return row, notes


def _agrees(cell: str, found: str) -> bool:
    """A row cell and a page value agree when one holds the other (``2019`` and ``2019-06-12``)."""
    cell, found = cell.strip(), found.strip()
    return cell in found or found in cell


class Corpus:
    """The reports of a corpus, each parsed once: what every analysis function takes.

    Like quanteda's ``corpus``, it holds the texts with their metadata, and the
    verbs that read reports take it (or one ``structure.Document``) and never parse or
    segment a report again:

    - ``metadata``: one row per report (``METADATA_COLUMNS``, ``PAGE_COLUMNS``,
      ``encoding``), ``doc_id`` unique;
    - ``documents``: doc_id → the parsed ``structure.Document`` (its ``text`` is the
      normalised text; ``corpus[doc_id]`` gives it), in metadata order;
    - ``problems``: the files and rows left out, and why (each also warned as a
      ``CorpusWarning`` on load);
    - ``fixes``: every repair normalisation made: doc_id, file, kind, line, before, after;
    - ``terms()`` / ``document_terms(doc_id)``: the word tokens of each body
      (``aidlib.terms.document_terms``), segmented on first use, once per report;
      ``segmenter`` names the segmenter they are made with (``"jieba"``, or
      ``"jieba-rs"``: ``load_corpus(data_dir, segmenter="jieba-rs")``);
    - ``subset(doc_ids, **where)``, ``groups(by)`` and ``assign(column=values)``: other
      corpora sharing the parsed reports and segmented terms.

    Verbs that take it: ``keywords`` (summary, merges, frequencies, top_terms, tfidf,
    textrank, rankings, keyness, collocations, candidate_terms), ``context`` (kwic,
    dispersion, cooccurrence, term_scatter), ``textstats`` (statistics,
    sentence_lengths, titles, furniture), ``money.corpus_money``, ``places.corpus_places``
    and ``coding`` (code_corpus, group_labels, compare_groups). Each also takes a
    DataFrame with ``doc_id`` and ``text`` columns, through ``as_corpus``.

    >>> corpus = load_corpus(DEFAULT_DATA_DIR)
    >>> corpus.doc_ids, len(corpus)
    (['yanta-hanbin', 'beilin-danfeng'], 2)
    >>> corpus["beilin-danfeng"].title
    '对口帮扶显成效 乡村振兴开新局'
    >>> list(corpus.groups("recipient"))
    ['丹凤县', '汉滨区']
    """

    def __init__(
        self,
        metadata: pd.DataFrame,
        documents: dict[str, Document],
        problems: list[Problem] | None = None,
        fixes: pd.DataFrame | None = None,
        segmenter: str = "jieba",
        raw_texts: dict[str, str] | None = None,
        _terms: dict[str, pd.DataFrame] | None = None,
    ) -> None:
        self.metadata = metadata.reset_index(drop=True)
        self.documents = documents
        self.problems = list(problems or [])
        self.fixes = _fix_table(self) if fixes is None else fixes
        tokens.cutter(segmenter)  # an unknown name, or jieba-rs not installed, fails here
        self.segmenter = segmenter
        self._raw_texts = raw_texts if raw_texts is not None else {}
        self._terms = _terms if _terms is not None else {}  # shared with subsets

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        text: str = "text",
        doc_id: str = "doc_id",
        title: str = "title",
        segmenter: str = "jieba",
    ) -> Corpus:
        """A corpus from a user's own table: one row per report, with a ``doc_id`` and a
        ``text`` column (their names given); a ``title`` column, when there is one, is
        the hint that finds each title. The other columns are the metadata.

        >>> corpus = Corpus.from_frame(pd.DataFrame({"doc_id": ["a"], "text": ["标题\\n投入资金。"]}))
        >>> corpus["a"].title, corpus.metadata.columns.tolist()
        ('标题', ['doc_id'])
        """
        missing = {doc_id, text} - set(frame.columns)
        if missing:
            raise ValueError(
                f"the table needs the columns {doc_id} and {text}; missing {sorted(missing)}"
            )
        ids = frame[doc_id].astype(str)
        repeated = ids[ids.duplicated()].tolist()
        if repeated:
            raise ValueError(f"the table has repeated doc_id values: {repeated}")
        titles = frame[title].fillna("").astype(str) if title in frame else [""] * len(frame)
        texts = frame[text].astype(str).tolist()
        documents = {
            key: parse(body, title_hint=hint)
            for key, body, hint in zip(ids, texts, titles, strict=True)
        }
        metadata = frame.drop(columns=[text, "raw_text", "fixes"], errors="ignore").copy()
        metadata = metadata.rename(columns={doc_id: "doc_id"}).assign(doc_id=ids.to_numpy())
        return cls(
            metadata, documents, segmenter=segmenter, raw_texts=dict(zip(ids, texts, strict=True))
        )

    @property
    def doc_ids(self) -> list[str]:
        """The reports' ids, in metadata order."""
        return list(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[str]:
        return iter(self.documents)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.documents

    def __getitem__(self, doc_id: str) -> Document:
        try:
            return self.documents[doc_id]
        except KeyError:
            raise KeyError(f"no report {doc_id!r}; the corpus has {self.doc_ids}") from None

    def __repr__(self) -> str:
        return f"<Corpus of {len(self)} reports: {', '.join(self.doc_ids[:5])}{' …' * (len(self) > 5)}>"

    def to_frame(self) -> pd.DataFrame:
        """The metadata with each report's normalised ``text`` as a last column."""
        return self.metadata.assign(text=[doc.text for doc in self.documents.values()])

    def text(self, doc_id: str) -> str:
        """The normalised text of a report (``corpus[doc_id].text``)."""
        return self[doc_id].text

    def raw_text(self, doc_id: str) -> str:
        """The text of a report as read from its file, before normalisation."""
        return self._raw_texts.get(doc_id, self[doc_id].text)

    def document_terms(self, doc_id: str) -> pd.DataFrame:
        """The word tokens of one report's body (``aidlib.terms.document_terms``), segmented
        the first time they are asked for, then kept."""
        if doc_id not in self._terms:
            self._terms[doc_id] = document_terms(self[doc_id], doc_id, self.segmenter)
        return self._terms[doc_id]

    def terms(self) -> pd.DataFrame:
        """The word tokens of every report's body, report by report; columns ``TERM_COLUMNS``
        (what each holds: ``aidlib.keywords.terms``). Each report is segmented once."""
        frames = [self.document_terms(doc_id) for doc_id in self.documents]
        if not frames:
            return pd.DataFrame(columns=TERM_COLUMNS)
        return pd.concat(frames, ignore_index=True)

    def subset(self, doc_ids: Iterable[str] | None = None, **where: object) -> Corpus:
        """The reports named in ``doc_ids`` (in that order) and/or whose metadata match
        ``where`` (``column=value`` or ``column=[values]``); parsed reports and segmented
        terms are shared, not made again.

        >>> load_corpus(DEFAULT_DATA_DIR).subset(recipient="丹凤县").doc_ids
        ['beilin-danfeng']
        """
        rows = self.metadata
        if doc_ids is not None:
            wanted = [doc_ids] if isinstance(doc_ids, str) else list(doc_ids)
            unknown = [doc_id for doc_id in wanted if doc_id not in self.documents]
            if unknown:
                raise KeyError(f"no report {unknown}; the corpus has {self.doc_ids}")
            rows = rows.set_index("doc_id", drop=False).loc[wanted].reset_index(drop=True)
        for column, value in where.items():
            if column not in rows.columns:
                raise KeyError(f"no metadata column {column!r}; columns are {list(rows.columns)}")
            values = value if isinstance(value, list | tuple | set) else [value]
            rows = rows[rows[column].isin(values)]
        kept = rows["doc_id"].tolist()
        fixes = self.fixes[self.fixes["doc_id"].isin(kept)].reset_index(drop=True)
        return self._sharing(rows, {doc_id: self.documents[doc_id] for doc_id in kept}, fixes)

    def assign(self, **columns: object) -> Corpus:
        """The same reports with metadata columns added or replaced (as ``DataFrame.assign``),
        e.g. a ``model`` label to group by; parsed reports and terms are shared.

        >>> load_corpus(DEFAULT_DATA_DIR).assign(model=["三区两地", "一体两翼"]).metadata["model"].tolist()
        ['三区两地', '一体两翼']
        """
        return self._sharing(self.metadata.assign(**columns), self.documents, self.fixes)

    def _sharing(
        self, metadata: pd.DataFrame, documents: dict[str, Document], fixes: pd.DataFrame
    ) -> Corpus:
        """Another corpus over these reports that shares their texts and segmented terms."""
        return Corpus(
            metadata,
            documents,
            problems=self.problems,
            fixes=fixes,
            segmenter=self.segmenter,
            raw_texts=self._raw_texts,
            _terms=self._terms,
        )

    def groups(self, by: str) -> dict[str, Corpus]:
        """One sub-corpus per value of ``group_labels(self, by)``, by label: a metadata
        column, or ``pairing`` (donors → recipient) or ``year`` (of ``start``)."""
        labels = group_labels(self, by)
        return {
            label: self.subset(members.index.tolist())
            for label, members in labels.groupby(labels, sort=True)
        }


def as_corpus(reports: Corpus | pd.DataFrame) -> Corpus:
    """``reports`` as a ``Corpus``: itself, or ``Corpus.from_frame`` of a table of texts.

    >>> as_corpus(pd.DataFrame({"doc_id": ["a"], "text": ["标题\\n投入资金。"]})).doc_ids
    ['a']
    """
    if isinstance(reports, Corpus):
        return reports
    if isinstance(reports, pd.DataFrame):
        return Corpus.from_frame(reports)
    raise TypeError(f"expected a Corpus or a DataFrame of texts, not {type(reports).__name__}")


def load_corpus(data_dir: Path | str = DEFAULT_DATA_DIR, segmenter: str = "jieba") -> Corpus:
    """The readable reports of ``data_dir``, each parsed once (see ``Corpus``); their words
    will be cut by ``segmenter`` (``aidlib.tokens.SEGMENTERS``: jieba, or jieba-rs for
    thousands of reports).

    Each report's raw text is parsed with its metadata title as the hint
    (``structure.parse``, which normalises it: ``corpus[doc_id].text`` is the normalised
    text). ``page_title``, ``page_date`` and ``page_site`` in the metadata hold what a web
    page said (see ``extract_page``), empty for text files. Each file or row left out
    gives a ``CorpusWarning`` naming the file and why (also listed in ``problems``), and
    so does each web page whose title or date disagrees with its corpus.csv row.
    """
    rows, documents, raw_texts, problems = [], {}, {}, []
    for item in iter_reports(data_dir):
        if isinstance(item, Problem):
            warnings.warn(f"{item.file}: {item.reason}", CorpusWarning, stacklevel=2)
            problems.append(item)
            continue
        for note in item.notes:
            warnings.warn(note, CorpusWarning, stacklevel=2)
        row = {**dict.fromkeys(PAGE_COLUMNS, ""), **item.metadata, "encoding": item.encoding}
        doc_id = row["doc_id"]
        rows.append(row)
        documents[doc_id] = parse(item.raw_text, title_hint=str(row["title"] or ""))
        raw_texts[doc_id] = item.raw_text
    metadata = pd.DataFrame(rows, columns=[*METADATA_COLUMNS, *PAGE_COLUMNS, "encoding"])
    return Corpus(metadata, documents, problems, segmenter=segmenter, raw_texts=raw_texts)


def _fix_table(corpus: Corpus) -> pd.DataFrame:
    """Every fix normalisation made to the reports of ``corpus`` (furniture lines are not
    fixes: ``textstats.furniture`` lists them)."""
    files = dict(zip(corpus.metadata["doc_id"], corpus.metadata.get("file", ""), strict=False))
    rows = [
        (doc_id, files.get(doc_id, ""), *fix)
        for doc_id, doc in corpus.documents.items()
        for fix in doc.fix_rows
        if fix[0] != "furniture"
    ]
    return pd.DataFrame(rows, columns=["doc_id", "file", *FIX_COLUMNS])


def fixes_table(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """Every fix normalisation made, across reports: doc_id, file, kind, line, before, after
    (``Corpus.fixes``).

    >>> fixes_table(load_corpus(DEFAULT_DATA_DIR))["kind"].value_counts()["page_break_join"]
    np.int64(2)
    """
    return as_corpus(corpus).fixes


def group_labels(corpus: Corpus | pd.DataFrame, by: str) -> pd.Series:
    """A group label per report (indexed by doc_id) from the metadata column ``by``.

    ``pairing`` (donors → recipient: the receiving county, else its prefecture, else its
    province, as the row gives them) and ``year`` (the first four digits of ``start``) are
    made from the metadata; any other column is used as it is (a list is joined with ``、``,
    an empty value reads ``(none)``).  Raises ``KeyError`` naming the columns there are.

    >>> rows = pd.DataFrame({"doc_id": ["a", "b"], "donors": [["甲区"], ["乙区", "丙区"]],
    ...                      "recipient": ["丁县", ""], "recipient_prefecture": ["", "戊州"],
    ...                      "start": ["2019-06", ""]})
    >>> group_labels(rows, "pairing").tolist(), group_labels(rows, "year").tolist()
    (['甲区 → 丁县', '乙区、丙区 → 戊州'], ['2019', '(none)'])
    """
    metadata = corpus.metadata if isinstance(corpus, Corpus) else corpus
    if by == "pairing":
        values = [
            f"{_label(row['donors'])} → {_label(receiving_place(row))}"
            for row in metadata.to_dict("records")
        ]
    elif by == "year" and "year" not in metadata.columns:
        values = [
            (re.match(r"\d{4}", str(start or "")) or [None])[0] or "(none)"
            for start in metadata["start"]
        ]
    elif by in metadata.columns:
        values = [_label(value) for value in metadata[by]]
    else:
        raise KeyError(
            f"no metadata column {by!r}; columns are {list(metadata.columns)}, plus pairing and year"
        )
    return pd.Series(values, index=metadata["doc_id"].tolist(), name=by)


def receiving_place(row: Mapping[str, object]) -> str:
    """The most specific receiving place a metadata row gives: ``recipient`` (the county),
    else ``recipient_prefecture``, else ``province``; ``""`` when it gives none.

    >>> receiving_place({"recipient": "", "recipient_prefecture": "临夏州", "province": "甘肃省"})
    '临夏州'
    """
    for column in ("recipient", "recipient_prefecture", "province"):
        if (label := _label(row.get(column))) != "(none)":
            return label
    return ""


def _label(value: object) -> str:
    if isinstance(value, list | tuple):
        return "、".join(map(str, value)) or "(none)"
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value) == "":
        return "(none)"
    return str(value)


def pairing_labels(corpus: Corpus | pd.DataFrame) -> dict[str, str]:
    """A readable label per report, ``donors → recipient``, for tables and figure titles:
    ``group_labels(corpus, "pairing")`` as a dict (an empty side reads ``(none)``).

    >>> pairing_labels(load_corpus(DEFAULT_DATA_DIR))
    {'yanta-hanbin': '雁塔区、西安航天基地 → 汉滨区', 'beilin-danfeng': '碑林区 → 丹凤县'}
    """
    return group_labels(corpus, "pairing").to_dict()
