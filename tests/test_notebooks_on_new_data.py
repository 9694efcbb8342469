"""Every notebook runs on another corpus folder, and a report added there shows up everywhere.

Each notebook is run with papermill on a temporary folder laid out like ``data/``: the
two seed reports plus a third made here and saved as GB18030. The third report must
appear in the notebook's outputs; every table and every figure that shows both seed
reports must show the third as well (a figure about one report alone is exempt).
Figure text (titles, labels, ticks, legends) is recorded while the notebook draws.
"""

import json
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest

from aidlib.corpus import DEFAULT_DATA_DIR

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
PRINT_FIGURE_TEXT = "import json as _json\nprint(_json.dumps(_figure_texts, ensure_ascii=False))"


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
    book = nbformat.read(notebook, as_version=4)
    tagged = [
        i for i, cell in enumerate(book.cells) if "parameters" in cell.metadata.get("tags", [])
    ]
    assert tagged, f"{notebook.name}: no cell tagged 'parameters'"
    assert 'data_dir = "../data"' in book.cells[tagged[0]].source
    book.cells.insert(tagged[0] + 1, nbformat.v4.new_code_cell(RECORD_FIGURE_TEXT))
    book.cells.append(nbformat.v4.new_code_cell(PRINT_FIGURE_TEXT))
    source = tmp_path / notebook.name
    nbformat.write(book, source)
    parameters = {"data_dir": str(new_corpus)}
    if "out_dir" in papermill.inspect_notebook(source):
        parameters["out_dir"] = str(tmp_path / "out")
    ran = papermill.execute_notebook(
        source, tmp_path / f"ran-{notebook.name}", parameters, cwd=tmp_path, progress_bar=False
    )

    figures = json.loads(ran.cells[-1].outputs[0]["text"])
    tables = [
        "".join(output["data"].get("text/html") or output["data"].get("text/plain", ""))
        for cell in ran.cells[:-1]
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "data" in output and "image/png" not in output["data"]
    ]
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
