"""out/tables.xlsx: a sheet per table, formulas defused, Excel's row limit kept."""

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from aidlib import pipeline
from aidlib.workbook import sheet_names, write_workbook
from tests.test_pipeline import read_tables, seeds_run  # noqa: F401  (the module's fixture)


def sheet_frame(sheet) -> pd.DataFrame:
    header, *rows = ([cell.value for cell in row] for row in sheet.rows)
    return pd.DataFrame(rows, columns=header)


def test_the_pipeline_writes_a_sheet_per_table_with_the_tables_rows(seeds_run):  # noqa: F811
    _, out, summary = seeds_run
    assert out / "tables.xlsx" in summary.files
    book = load_workbook(out / "tables.xlsx", read_only=True)
    assert book.sheetnames == ["about", *pipeline.TABLES]
    about = sheet_frame(book["about"]).set_index("table")
    for name, table in read_tables(out).items():
        sheet = sheet_frame(book[name])
        assert list(sheet.columns) == list(table.columns), name
        assert len(sheet) == len(table) == about.loc[name, "rows"], name
        assert sheet["doc_id"].fillna("").tolist() == table["doc_id"].tolist(), name
    money = sheet_frame(book["money"])
    assert (money["value_yuan"] == read_tables(out)["money"]["value_yuan"]).all()


def test_a_run_without_the_workbook_writes_only_the_tables(seeds_run, tmp_path):  # noqa: F811
    data, _, _ = seeds_run
    summary = pipeline.run(data, tmp_path / "out", workers=1, workbook=False)
    assert "tables.xlsx" not in {path.name for path in summary.files}
    assert not (tmp_path / "out" / "tables.xlsx").exists()


def test_formula_looking_text_is_escaped_and_odd_values_are_storable(tmp_path):
    table = pa.table(
        {
            "doc_id": ["a", "b", "c", "d"],
            "text": ['=HYPERLINK("x")', "@SUM(A1)", "换行\x0b控制", "资金"],
            "high": [1.0, float("inf"), None, 2.0],
        }
    )
    pq.write_table(table, tmp_path / "t.parquet")
    book = load_workbook(write_workbook(tmp_path / "b.xlsx", {"t": tmp_path / "t.parquet"}))
    sheet = book["t"]
    assert [cell.data_type for cell in sheet["B"]] == ["s"] * 5  # text, never a formula
    assert [cell.value for cell in sheet["B"]][1:] == [
        '\'=HYPERLINK("x")',
        "'@SUM(A1)",
        "换行\ufffd控制",
        "资金",
    ]
    assert [cell.value for cell in sheet["C"]][1:] == [1, "inf", None, 2]
    notes = book["about"]["D2"].value
    assert "1 texts with control characters" in notes and "1 infinite numbers" in notes


def test_a_table_longer_than_the_row_limit_continues_on_further_sheets(tmp_path):
    pq.write_table(pa.table({"n": list(range(7))}), tmp_path / "long.parquet")
    path = write_workbook(tmp_path / "b.xlsx", {"long": tmp_path / "long.parquet"}, max_rows=4)
    book = load_workbook(path)
    assert book.sheetnames == ["about", "long", "long (2)", "long (3)"]
    values = [[cell.value for cell in book[name]["A"]] for name in book.sheetnames[1:]]
    assert [sheet[0] for sheet in values] == ["n"] * 3  # each sheet has the header
    assert [n for sheet in values for n in sheet[1:]] == list(range(7))  # every row, once
    assert max(book[name].max_row for name in book.sheetnames) <= 4
    assert book["about"]["C2"].value == "long, long (2), long (3)"


def test_sheet_names_keep_to_excels_31_characters():
    names = sheet_names("a_table_name_much_longer_than_excel_allows", 12)
    assert all(len(name) <= 31 for name in names) and len(set(names)) == 12
    with pytest.raises(ValueError, match="max_rows"):
        write_workbook("x.xlsx", {}, max_rows=1)
