"""One Excel workbook of the corpus tables: a sheet per table, for readers who live in Excel.

``write_workbook`` streams Parquet files into an ``.xlsx`` (openpyxl's write-only mode:
memory does not grow with the table). What Excel cannot hold is handled, not dropped:

- a text cell Excel would run as a formula (``=`` ``+`` ``-`` ``@`` tab, CR first) gets a
  leading ``'``, as in the CSV files (``formula_safe_table``);
- a table longer than Excel's 1,048,576 rows goes on to further sheets (``money``,
  ``money (2)``, …): every row is kept, and the ``about`` sheet lists which sheets hold
  which rows;
- characters an ``.xlsx`` cannot store (control characters) become U+FFFD, a text longer
  than Excel's 32,767 characters a cell is cut there, and infinite numbers (an open
  interval's upper bound) are written as the text ``inf``; the ``about`` sheet counts each.

>>> import tempfile, pyarrow as pa, pyarrow.parquet as pq
>>> from openpyxl import load_workbook
>>> folder = Path(tempfile.mkdtemp())
>>> pq.write_table(pa.table({"doc_id": ["a", "b"], "text": ["=1+1", "资金"]}), folder / "t.parquet")
>>> book = load_workbook(write_workbook(folder / "tables.xlsx", {"t": folder / "t.parquet"}))
>>> book.sheetnames
['about', 't']
>>> [[cell.value for cell in row] for row in book["t"].rows]
[['doc_id', 'text'], ['a', "'=1+1"], ['b', '资金']]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

#: Rows an Excel sheet holds, its header row included.
EXCEL_MAX_ROWS = 1_048_576
#: Characters an Excel cell holds.
EXCEL_MAX_CHARS = 32_767
#: Characters a sheet name may have.
_SHEET_NAME_CHARS = 31

#: First characters that make a spreadsheet read a cell as a formula (OWASP: CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe_table(table: pa.Table) -> pa.Table:
    """``table`` for a spreadsheet: a text cell it would run as a formula gets a leading ``'``.

    >>> table = pa.table({"a": ["=HYPERLINK(1)", "-3%", "资金"], "b": [-3, 4, 5]})
    >>> formula_safe_table(table).to_pydict()
    {'a': ["'=HYPERLINK(1)", "'-3%", '资金'], 'b': [-3, 4, 5]}
    """
    opening = "^[" + re.escape("".join(_FORMULA_START)) + "]"
    for index, column in enumerate(table.columns):
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            opens = pc.match_substring_regex(column, opening)
            if pc.any(opens).as_py():
                mark, nothing = pa.scalar("'", column.type), pa.scalar("", column.type)
                quoted = pc.binary_join_element_wise(mark, column, nothing)
                table = table.set_column(
                    index, table.field(index), pc.if_else(opens, quoted, column)
                )
    return table


def sheet_names(name: str, n_sheets: int) -> list[str]:
    """Names of the ``n_sheets`` sheets of table ``name``, each at most 31 characters.

    >>> sheet_names("money", 3)
    ['money', 'money (2)', 'money (3)']
    >>> [len(s) for s in sheet_names("x" * 40, 2)]
    [31, 31]
    """
    names = []
    for number in range(1, n_sheets + 1):
        suffix = f" ({number})" if number > 1 else ""
        names.append(name[: _SHEET_NAME_CHARS - len(suffix)] + suffix)
    return names


class _Cleaner:
    """Makes cells storable in an ``.xlsx`` and counts what it had to change."""

    def __init__(self) -> None:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # openpyxl only when writing one

        self.illegal = ILLEGAL_CHARACTERS_RE
        self.replaced = self.cut = self.infinite = 0

    def cell(self, value: object) -> object:
        if isinstance(value, float) and not math.isfinite(value):
            if math.isnan(value):
                return None
            self.infinite += 1
            return "inf" if value > 0 else "-inf"
        if not isinstance(value, str):
            return value
        clean = self.illegal.sub("\ufffd", value)
        self.replaced += clean != value
        if len(clean) > EXCEL_MAX_CHARS:
            self.cut += 1
            clean = clean[:EXCEL_MAX_CHARS]
        return clean

    def row(self, row: Iterable[object]) -> list[object]:
        return [self.cell(value) for value in row]


def _rows(parquet: Path) -> Iterator[tuple[object, ...]]:
    """The rows of ``parquet``, formula-safe (``formula_safe_table``), a batch at a time."""
    for batch in pq.ParquetFile(parquet).iter_batches(batch_size=50_000):
        table = formula_safe_table(pa.Table.from_batches([batch]))
        yield from zip(*(column.to_pylist() for column in table.columns), strict=True)


def write_workbook(
    path: Path | str, tables: Mapping[str, Path | str], max_rows: int = EXCEL_MAX_ROWS
) -> Path:
    """Write ``tables`` (name → Parquet file) into the workbook ``path``, a sheet per table.

    The first sheet, ``about``, lists each table's rows and the sheets holding them, and
    what had to change for Excel (see the module docstring). ``max_rows`` (header
    included) is Excel's limit; a longer table continues on ``<name> (2)`` and so on.
    Returns ``path``.
    """
    from openpyxl import Workbook  # imported here: a run without a workbook does without it

    path = Path(path)
    if max_rows < 2:
        raise ValueError(f"max_rows must leave room for a header and a row, not {max_rows}")
    book = Workbook(write_only=True)
    about = book.create_sheet("about")
    about.append(["table", "rows", "sheets", "notes"])
    for name, parquet in tables.items():
        header = pq.read_schema(parquet).names
        n_rows = pq.ParquetFile(parquet).metadata.num_rows
        per_sheet = max_rows - 1
        names = sheet_names(name, max(1, math.ceil(n_rows / per_sheet)))
        cleaner = _Cleaner()
        rows = _rows(Path(parquet))
        for sheet_name in names:
            sheet = book.create_sheet(sheet_name)
            sheet.append(header)
            for _, row in zip(range(per_sheet), rows, strict=False):
                sheet.append(cleaner.row(row))
        notes = [
            f"{count:,} {what}"
            for count, what in [
                (cleaner.replaced, "texts with control characters shown as \ufffd"),
                (cleaner.cut, f"texts cut at Excel's {EXCEL_MAX_CHARS:,} characters"),
                (cleaner.infinite, "infinite numbers (no upper bound) written as inf"),
            ]
            if count
        ]
        about.append([name, n_rows, ", ".join(names), "; ".join(notes)])
    book.save(path)
    return path
