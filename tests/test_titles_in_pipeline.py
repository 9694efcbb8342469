"""The documents table shows the title found in each report beside its metadata title."""

import pandas as pd

from aidlib import pipeline
from aidlib.corpus import METADATA_COLUMNS, Report
from aidlib.pipeline import DOCUMENT_COLUMNS, report_rows

PAGE = "首页 > 正文\n援建学校落成\n分享到：\n雁塔区捐建的学校落成。\n责任编辑：王五"
TITLES = {
    "same": ("援建学校落成", "援建学校落成"),
    "site": ("援建学校落成_某某网", "援建学校落成"),
    "other": ("另一个标题", "援建学校落成"),
    "none": ("", "援建学校落成"),
    "headless": ("援建学校落成", ""),
}


def test_parsed_title_beside_the_metadata_title_with_a_warning_where_they_differ(tmp_path):
    data = tmp_path / "data"
    (data / "raw").mkdir(parents=True)
    rows = []
    for doc_id, (title, _) in TITLES.items():
        text = "雁塔区捐建的学校落成。\n资金到位。" if doc_id == "headless" else PAGE
        (data / "raw" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        rows.append(
            dict.fromkeys(METADATA_COLUMNS, "")
            | {"doc_id": doc_id, "file": f"{doc_id}.txt", "title": title}
        )
    pd.DataFrame(rows).to_csv(data / "corpus.csv", index=False)
    pipeline.run(data, tmp_path / "out", workers=1, progress=False)
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("doc_id")
    assert list(documents.reset_index().columns) == DOCUMENT_COLUMNS
    assert documents["parsed_title"].to_dict() == {d: parsed for d, (_, parsed) in TITLES.items()}
    warned = pd.read_parquet(tmp_path / "out" / "warnings.parquet")
    titled = warned[warned["category"] == "TitleWarning"]
    assert sorted(titled["doc_id"]) == ["headless", "other", "site"]
    assert all(row.file in row.message for row in titled.itertuples())


def test_furniture_lines_are_fixes_rows_with_their_rule():
    report = Report({"doc_id": "d", "file": "d.txt", "title": "援建学校落成"}, PAGE, "utf-8")
    furniture = [row for row in report_rows(report)["fixes"] if row["kind"] == "furniture"]
    assert [(row["line"], row["after"]) for row in furniture] == [
        (1, "navigation"),
        (3, "share or app prompt"),
        (5, "editor or source line"),
    ]
