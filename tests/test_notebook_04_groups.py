"""Notebook 04's group comparison runs on a folder of the development corpus (issue 16).

The notebook is run with papermill on ``tests/data/real`` (or a copy with a corpus.csv made
from its gold files, see ``real_corpus``), grouped by province: the table of what sets
each group apart must list two groups or more, with a quote from one of their reports.
"""

import os
from pathlib import Path

import nbformat
import papermill
import pytest
from real_corpus import data_folder

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "04_model_comparison.ipynb"


def test_group_comparison_runs_on_the_dev_corpus(tmp_path, monkeypatch):
    folder = data_folder()
    if folder is None:
        pytest.skip("no development corpus in tests/data/real")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    out = tmp_path / "04.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={"data_dir": str(folder), "group_by": "province"},
        cwd=str(NOTEBOOK.parent),
        progress_bar=False,
    )
    cells = nbformat.read(out, as_version=4).cells
    (apart,) = [c for c in cells if c.cell_type == "code" and "compare_groups(" in c.source]
    printed = "".join(o.get("text", "") for o in apart.outputs if o.output_type == "stream")
    groups = int(printed.split(" group(s)")[0])
    assert groups >= 2
    table = "".join(o.get("data", {}).get("text/plain", "") for o in apart.outputs)
    assert "group" in table and "quote" in table
