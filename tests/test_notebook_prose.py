"""No corpus figure lives in a notebook's markdown: the notebooks say only what the data says.

The rule for digits in markdown cells. A digit (0–9, or its full-width form) may stand only

1. on a heading line (``# 01 · Text statistics``), where it numbers the notebook;
2. inside inline code (between backticks): a parameter, a file name, a constant
   (`MIN_SHARE_CHARS = 1500`) or a worked example of a rule (`资金达2.5亿`);
3. in method text that names a fixed parameter of the analysis, a cross-reference to
   another notebook, or a citation: each such phrase is listed in ``METHOD`` below with what
   it names (the MATTR window, p < 0.05, the KWIC window …), and a new one is added there
   on purpose, never by loosening the rule;
4. in the codebook's own definitions, which are not markdown: the notebooks show them as
   a table (``codebook.frame()``), from ``data/codebook.yaml``.

Every other digit is a corpus figure, which belongs in a findings text written by
``aidlib.findings`` from the tables. Markdown also never names a report (a doc_id of
``data/corpus.csv``) or counts the reports in words ("the two reports", "both reports").
``tests/test_notebooks_on_new_data.py`` runs each notebook on other folders and checks
that its findings name the counts of that folder.
"""

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from aidlib.corpus import DEFAULT_DATA_DIR

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9]*.ipynb"))

#: Method phrases that may hold digits, each with what it names.
METHOD = {
    r"notebook 0[1-5]": "a cross-reference to another notebook",
    r"windows of 100 tokens": "MATTR's window (aidlib.textstats.MATTR_WINDOW)",
    r"±10 %": "the interval read for 约/左右 (aidlib.numerals)",
    r"1996–2024": "the years the gazetteer covers (aidlib.places)",
    r"The 20 most frequent": "top_terms(n=20)",
    r"Monroe, Colaresi & Quinn 2008": "the citation of the keyness measure",
    r"above 0|below 0": "the sign of z",
    r"\|z\| > 1\.96 is the usual two-sided 5 % line": "the usual significance line",
    r"p < 0\.05": "the significance level of the keyness findings",
    r"add up to 100 %": "shares of several codes are not parts of a whole",
    r"18 characters either side": "the KWIC window (window=18)",
    r"\(0 = its first character, 1 = its last\)": "the dispersion plot's scale",
    r"at least 2 shared sentences and each term at least 4 sentences": "cooccurrence's minima",
    r"40 strongest pairs": "plot_cooccurrence(top=40)",
}
DIGIT = re.compile(r"[0-9０-９]")
COUNTED_REPORTS = re.compile(
    r"\b(the two|both|neither|all (two|three|four|five|six|seven|eight))\s+(reports|seeds|pairings)\b",
    re.IGNORECASE,
)


def markdown_cells(notebook: Path) -> list[tuple[int, str]]:
    book = nbformat.read(notebook, as_version=4)
    return [(i, cell.source) for i, cell in enumerate(book.cells) if cell.cell_type == "markdown"]


def stray_digits(source: str) -> list[str]:
    """The lines of a markdown cell that hold a digit the rule does not allow."""
    stray = []
    for line in source.splitlines():
        if line.lstrip().startswith("#"):
            continue
        text = re.sub(r"`[^`]*`", "", line)
        for phrase in METHOD:
            text = re.sub(phrase, "", text)
        if DIGIT.search(text):
            stray.append(line)
    return stray


def test_the_rule_catches_a_corpus_figure_and_allows_method_text():
    assert stray_digits("yanta-hanbin is about twice as long, with 4,447 characters.") != []
    assert stray_digits("quoted 8 times") == ["quoted 8 times"]
    assert stray_digits("# 01 · Text statistics\nMATTR over windows of 100 tokens; `n=20`.") == []


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_markdown_holds_no_corpus_figure(notebook):
    doc_ids = pd.read_csv(DEFAULT_DATA_DIR / "corpus.csv", dtype=str)["doc_id"].tolist()
    for i, source in markdown_cells(notebook):
        assert stray_digits(source) == [], f"{notebook.name}, cell {i}: a figure in markdown"
        assert not COUNTED_REPORTS.search(source), f"{notebook.name}, cell {i}: counts reports"
        named = [doc_id for doc_id in doc_ids if doc_id in source]
        assert named == [], f"{notebook.name}, cell {i}: names a report"
