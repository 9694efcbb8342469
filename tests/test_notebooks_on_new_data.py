"""Every notebook runs on another corpus folder, and a report added there shows up everywhere.

Each notebook is run with papermill on a temporary folder laid out like ``data/``: the
two seed reports plus a third made here and saved as GB18030. The third report must
appear in the notebook's outputs; every table and every figure that shows both seed
reports must show the third as well (a figure about one report alone is exempt, and so
are the views of a cell tagged ``compare``, which show the two sides its ``compare``
parameter names). Figure text (titles, labels, ticks, legends) is recorded per cell while
the notebook draws.

Then each notebook runs on the seeds plus six real reports of ``tests/data/real``: every
cell tagged ``per-report`` (one row, column or panel per report) names all eight reports
in its tables and figures, and the findings text gives the counts aidlib computes here
directly from the same folder.
"""

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest

from aidlib.corpus import DEFAULT_DATA_DIR, load_corpus, pairing_labels

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9]*.ipynb"))

THIRD = {
    "doc_id": "lianhu-ziyang",
    "file": "lianhu-ziyang.txt",
    "title": "莲湖紫阳协作纪实",
    "donors": "莲湖区",
    "recipient": "紫阳县",
    "recipient_prefecture": "安康市",
    "province": "陕西省",
    "start": "2020",
    "source_note": "made by tests/test_notebooks_on_new_data.py from the 碑林区 report",
}
#: What names a report in a figure: its doc_id or a place of its pairing.
NAMES = {
    "yanta-hanbin": ("yanta-hanbin", "雁塔区", "汉滨区"),
    "beilin-danfeng": ("beilin-danfeng", "碑林区", "丹凤县"),
    THIRD["doc_id"]: (THIRD["doc_id"], "莲湖区", "紫阳县"),
}

#: Put after the parameters cell: records the text of every figure the notebook draws.
RECORD_FIGURE_TEXT = """\
import matplotlib.backend_bases as _backend_bases

_figure_texts = []
_print_figure = _backend_bases.FigureCanvasBase.print_figure


def _recording_print_figure(self, *args, **kwargs):
    texts = [a.get_text() for a in self.figure.findobj(lambda a: hasattr(a, "get_text"))]
    _figure_texts.append(" ".join(text for text in texts if text))
    return _print_figure(self, *args, **kwargs)


_backend_bases.FigureCanvasBase.print_figure = _recording_print_figure
"""
#: Put after every code cell: prints the text of the figures that cell drew.
PRINT_FIGURE_TEXT = (
    "import json as _json\nprint(_json.dumps(_figure_texts, ensure_ascii=False))\n"
    "_figure_texts.clear()"
)


@dataclass
class Cell:
    """A code cell of a notebook run: its tags, the text of its tables, the text of its figures."""

    source: str
    tags: list[str]
    tables: list[str]
    figures: list[str]


def run_recorded(notebook: Path, data: Path, tmp_path: Path) -> list[Cell]:
    """Run ``notebook`` with papermill on ``data``, recording each code cell's figure text."""
    book = nbformat.read(notebook, as_version=4)
    tagged = [
        i for i, cell in enumerate(book.cells) if "parameters" in cell.metadata.get("tags", [])
    ]
    assert tagged, f"{notebook.name}: no cell tagged 'parameters'"
    assert 'data_dir = "../data"' in book.cells[tagged[0]].source
    cells = [*book.cells[: tagged[0] + 1], nbformat.v4.new_code_cell(RECORD_FIGURE_TEXT)]
    for cell in book.cells[tagged[0] + 1 :]:
        cells.append(cell)
        if cell.cell_type == "code":
            cells.append(nbformat.v4.new_code_cell(PRINT_FIGURE_TEXT, metadata={"probe": True}))
    book.cells = cells
    source = tmp_path / notebook.name
    nbformat.write(book, source)
    parameters = {"data_dir": str(data)}
    if "out_dir" in papermill.inspect_notebook(source):
        parameters["out_dir"] = str(tmp_path / "out")
    ran = papermill.execute_notebook(
        source, tmp_path / f"ran-{notebook.name}", parameters, cwd=tmp_path, progress_bar=False
    )
    recorded = []
    for cell, probe in zip(ran.cells, ran.cells[1:], strict=False):
        if cell.cell_type != "code" or not probe.metadata.get("probe"):
            continue
        outputs = cell.get("outputs", [])
        tables = [
            "".join(
                output["data"].get("text/html")
                or output["data"].get("text/markdown")
                or output["data"].get("text/plain", "")
            )
            for output in outputs
            if "data" in output and "image/png" not in output["data"]
        ]
        tables += ["".join(output["text"]) for output in outputs if "text" in output]
        figures = json.loads(probe.outputs[0]["text"])
        recorded.append(Cell(cell.source, cell.metadata.get("tags", []), tables, figures))
    return recorded


@pytest.fixture(scope="module")
def new_corpus(tmp_path_factory) -> Path:
    """A folder laid out like data/: the shipped analysis files, two seeds and a third report."""
    folder = tmp_path_factory.mktemp("new_corpus")
    shutil.copytree(DEFAULT_DATA_DIR, folder / "data")
    data = folder / "data"
    text = (data / "raw" / "beilin-danfeng.txt").read_text(encoding="utf-8")
    for old, new in [
        ("碑林区", "莲湖区"),
        ("碑林", "莲湖"),
        ("丹凤县", "紫阳县"),
        ("丹凤", "紫阳"),
    ]:
        text = text.replace(old, new)
    (data / "raw" / THIRD["file"]).write_bytes(text.encode("gb18030"))
    metadata = pd.read_csv(data / "corpus.csv", dtype=str, keep_default_na=False)
    pd.concat([metadata, pd.DataFrame([THIRD])]).to_csv(data / "corpus.csv", index=False)
    return data


def names(text: str, doc_id: str) -> bool:
    return any(name in text for name in NAMES[doc_id])


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs_on_a_new_folder_and_shows_the_added_report(notebook, new_corpus, tmp_path):
    ran = run_recorded(notebook, new_corpus, tmp_path)
    ran = [cell for cell in ran if "compare" not in cell.tags]
    tables = [table for cell in ran for table in cell.tables]
    figures = [figure for cell in ran for figure in cell.figures]
    third = THIRD["doc_id"]
    assert any(third in table for table in tables), f"{notebook.name}: {third} in no output"
    for table in tables:  # a table names its reports by doc_id (place names may be terms)
        if "yanta-hanbin" in table and "beilin-danfeng" in table:
            assert third in table, f"{notebook.name}: a table shows both seeds only"
    if figures:
        assert any(names(figure, third) for figure in figures), f"{notebook.name}: no figure"
    for figure in figures:
        if names(figure, "yanta-hanbin") and names(figure, "beilin-danfeng"):
            assert names(figure, third), f"{notebook.name}: a figure shows both seeds only"


@pytest.fixture(scope="module")
def one_report(tmp_path_factory) -> Path:
    """A folder laid out like data/ with one report only."""
    data = tmp_path_factory.mktemp("one_report") / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    metadata = pd.read_csv(data / "corpus.csv", dtype=str, keep_default_na=False)
    for file in metadata["file"].iloc[1:]:
        (data / "raw" / file).unlink()
    metadata.iloc[:1].to_csv(data / "corpus.csv", index=False)
    return data


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs_on_a_folder_of_one_report(notebook, one_report, tmp_path):
    parameters = {"data_dir": str(one_report)}
    if "out_dir" in papermill.inspect_notebook(notebook):
        parameters["out_dir"] = str(tmp_path / "out")
    ran = papermill.execute_notebook(
        notebook, tmp_path / notebook.name, parameters, cwd=tmp_path, progress_bar=False
    )
    texts = [
        "".join(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
        for cell in ran.cells
        for output in cell.get("outputs", [])
    ]
    assert any("yanta-hanbin" in text for text in texts), notebook.name


#: Six real reports of the development set, with money and place names, one in traditional
#: script, one whose sentences are too few for a co-occurrence network.
REAL = [
    "d-gansu-qingdao-longnan-2017",
    "d-gansu-tianjin-baoshuiqu-zhangjiachuan",
    "d-hebei-beijing-3yr-wechat",
    "d-ningxia-fujian-qiaolian-chinanews",
    "d-sichuan-zhoushan-wanyuan",
    "d-xinjiang-zhejiang-aksu-2023",
]


@pytest.fixture(scope="module")
def eight_reports(tmp_path_factory) -> Path:
    """A folder laid out like data/: the two seeds and six real reports (raw and corpus.csv rows)."""
    data = tmp_path_factory.mktemp("eight_reports") / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    real = DEFAULT_DATA_DIR.parent / "tests" / "data" / "real"
    rows = pd.read_csv(real / "corpus.csv", dtype=str, keep_default_na=False)
    rows = rows[rows["doc_id"].isin(REAL)]
    for file in rows["file"]:
        shutil.copy(real / "raw" / file, data / "raw" / file)
    metadata = pd.read_csv(data / "corpus.csv", dtype=str, keep_default_na=False)
    pd.concat([metadata, rows]).to_csv(data / "corpus.csv", index=False)
    return data


@pytest.fixture(scope="module")
def expected_findings(eight_reports) -> dict[str, list[str]]:
    """Sentences each notebook's findings must hold, from counts aidlib computes directly."""
    from aidlib import context, keywords
    from aidlib.coding import code_corpus, load_codebook, uncoded
    from aidlib.corpus import fixes_table
    from aidlib.money import corpus_money
    from aidlib.textstats import statistics

    corpus = load_corpus(eight_reports)
    assert len(corpus) == 8
    chars = statistics(corpus)["chinese_chars"].sum()
    top = keywords.frequencies(corpus).groupby("doc_id", sort=False).head(1)
    coding = code_corpus(corpus, load_codebook())
    blocks = uncoded(coding.coded, coding.body)
    headings = (blocks["kind"] == "heading").sum()
    funds = context.kwic(corpus, "资金", window=0, regex=True)["doc_id"].nunique()
    return {
        "01": [
            f"The 8 reports hold {chars:,} Chinese characters",
            f"Normalisation made {(fixes_table(corpus)['kind'] != 'truncated').sum():,} repairs",
        ],
        "02": [f"The 8 reports name {len(corpus_money(corpus)):,} amounts of money"],
        "03": [
            f"**{row.doc_id}**: most frequent content word {row.term} ({row.count:,} times"
            for row in top.itertuples()
        ],
        "04": [f"{len(blocks):,} body blocks of the 8 reports carry no code; {headings:,} of them"],
        "05": [f"**资金** in {funds} of the 8 reports"],
    }


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_on_eight_reports_shows_all_eight_and_counts_them(
    notebook, eight_reports, expected_findings, tmp_path
):
    metadata = pd.read_csv(eight_reports / "corpus.csv", dtype=str, keep_default_na=False)
    doc_ids = metadata["doc_id"].tolist()
    pairings = pairing_labels(load_corpus(eight_reports))
    ran = run_recorded(notebook, eight_reports, tmp_path)
    per_report = [cell for cell in ran if "per-report" in cell.tags]
    assert per_report, f"{notebook.name}: no cell tagged per-report"
    for cell in per_report:
        first_line = cell.source.splitlines()[0]
        if cell.tables:
            shown = "".join(cell.tables)
            missing = [doc_id for doc_id in doc_ids if doc_id not in shown]
            assert missing == [], f"{notebook.name}, {first_line}: tables miss {missing}"
        if cell.figures:  # a figure names a report by its doc_id or its pairing
            drawn = " ".join(cell.figures)
            missing = [d for d in doc_ids if d not in drawn and pairings[d] not in drawn]
            assert missing == [], f"{notebook.name}, {first_line}: figures miss {missing}"
    written = " ".join(table for cell in ran if "findings." in cell.source for table in cell.tables)
    for sentence in expected_findings[notebook.name[:2]]:
        assert sentence in written, f"{notebook.name}: findings lack {sentence!r}"
