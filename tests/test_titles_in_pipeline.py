"""The documents table shows the title found in each report beside its metadata title."""

import warnings

import pytest

from aidlib.corpus import Report
from aidlib.pipeline import DOCUMENT_COLUMNS, report_rows

PAGE = "首页 > 正文\n援建学校落成\n分享到：\n雁塔区捐建的学校落成。\n责任编辑：王五"


@pytest.mark.parametrize(
    ("title", "parsed", "warns"),
    [
        ("援建学校落成", "援建学校落成", False),
        ("援建学校落成_某某网", "援建学校落成", True),
        ("另一个标题", "援建学校落成", True),
        ("", "援建学校落成", False),
    ],
)
def test_parsed_title_beside_the_metadata_title_with_a_warning_where_they_differ(
    title, parsed, warns
):
    report = Report({"doc_id": "d", "file": "d.txt", "title": title}, PAGE, "utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows = report_rows(report)
    row = rows["documents"][0]
    assert list(row) == DOCUMENT_COLUMNS
    assert (row["title"], row["parsed_title"], row["paragraphs"]) == (title, parsed, 1)
    messages = [str(w.message) for w in caught if "title" in str(w.message)]
    assert bool(messages) == warns
    assert all("d.txt" in message and parsed in message for message in messages)


def test_furniture_lines_are_fixes_rows_with_their_rule():
    report = Report({"doc_id": "d", "file": "d.txt", "title": "援建学校落成"}, PAGE, "utf-8")
    furniture = [row for row in report_rows(report)["fixes"] if row["kind"] == "furniture"]
    assert [(row["line"], row["after"]) for row in furniture] == [
        (1, "navigation"),
        (3, "share or app prompt"),
        (5, "editor or source line"),
    ]
