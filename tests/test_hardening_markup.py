"""Issue 11, output: no markup or script from the data runs, no doc_id places a file
elsewhere, and no CSV cell acts as a spreadsheet formula (Parquet keeps the exact text).
"""

import csv
import html
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from aidlib import context, pipeline
from aidlib.corpus import METADATA_COLUMNS, load_corpus, safe_file_name
from tests.conftest import rendered_dom

HOSTILE = [
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">",
    "<script>document.body.setAttribute('data-pwned','script')</script>",
    "<a href=\"javascript:document.body.setAttribute('data-pwned','a')\">点我</a>",
    "<svg onload=document.body.setAttribute('data-pwned','svg')>",
    "&lt;b&gt; already escaped &amp; shown as written",
]
TAGS = re.compile(r"<\s*(img|script|a|svg|iframe)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return load_corpus().to_frame()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_style_kwic_escapes_the_text_and_doc_ids_it_shows(hostile):
    text = f"标题\n{hostile}就业好。\n就业{hostile}更好。"
    docs = pd.DataFrame({"doc_id": [hostile], "text": [text]})
    hits = context.kwic(docs, "就业", window=80)
    assert len(hits) == 2
    page = context.style_kwic(hits, columns=("doc_id", "section")).to_html()
    assert not TAGS.search(page), page
    assert html.unescape(page).count(hostile) >= 3, "shown as text: doc_id twice, a context"


@pytest.mark.parametrize(
    "columns", [("doc_id", "section", "sentence"), ("doc_id", "pattern"), ("doc_id",)]
)
def test_style_kwic_escapes_whatever_columns_are_shown(columns):
    docs = pd.DataFrame(
        {
            "doc_id": [HOSTILE[0], HOSTILE[1]],
            "text": ["标题\n<b>就业</b>好。", "题\n就业<i>好</i>。"],
        }
    )
    page = context.style_kwic(context.kwic(docs, "就业", window=10), columns=columns).to_html()
    assert not TAGS.search(page)
    assert "<b>" not in page and "<i>" not in page
    assert "&lt;b&gt;" in page


def hostile_pair(seeds: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    return seeds.assign(doc_id=[a, b])


@pytest.mark.parametrize(("a", "b"), [(HOSTILE[0], HOSTILE[2]), (HOSTILE[3], HOSTILE[1])])
def test_term_scatter_page_shows_doc_ids_as_text(seeds, tmp_path, a, b):
    path = context.term_scatter(hostile_pair(seeds, a, b), a, b, tmp_path / "scatter.html")
    page = path.read_text(encoding="utf-8")
    head, _, rest = page.partition('<script type="application/json" id="kwic-data">')
    assert not TAGS.search(head), "the title and notes hold the doc_ids as text"
    for doc_id in (a, b):
        assert html.escape(doc_id) in head


@pytest.mark.parametrize(("a", "b"), [(HOSTILE[0], HOSTILE[2]), (HOSTILE[3], HOSTILE[1])])
def test_term_scatter_runs_no_script_and_makes_no_link_in_a_browser(
    seeds,
    tmp_path,
    chromium,
    a,
    b,
):
    path = context.term_scatter(hostile_pair(seeds, a, b), a, b, tmp_path / "scatter.html")
    dom = rendered_dom(chromium, path, "", tmp_path / "profile")
    assert re.search(r'<path class="point\b', dom), "the plot was drawn"
    assert not re.search(r"<body[^>]*data-pwned", dom), "a script from a doc_id ran"
    assert not re.search(r"<a\b[^>]*href=\"javascript", dom), "a doc_id became a live link"
    hover_title = re.search(r"rank in ([^<]*) \(1 = most frequent\)", dom)
    assert hover_title and "&lt;" in hover_title.group(1), "the axis title shows the doc_id"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("../../outside", "b"),
        ("a/b/c", "/etc/x"),
        ("..", "."),
        ("C:\\Windows\\x", "con"),
        ("x\x00y", "\n"),
    ],
)
def test_term_scatter_default_file_stays_in_the_working_folder(seeds, tmp_path, monkeypatch, a, b):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    path = context.term_scatter(hostile_pair(seeds, a, b), a, b)
    assert path.parent == Path(".")
    assert [p.name for p in work.iterdir()] == [path.name]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]


@pytest.mark.parametrize(
    ("doc_id", "name"),
    [
        ("yanta-hanbin", "yanta-hanbin"),
        ("d-guizhou-seven-cities-cq828", "d-guizhou-seven-cities-cq828"),
        ("汉滨区2020年报告", "汉滨区2020年报告"),
        ("v1.2_report", "v1.2_report"),
    ],
)
def test_safe_file_name_keeps_ordinary_doc_ids(doc_id, name):
    assert safe_file_name(doc_id) == name
    assert safe_file_name(doc_id, ".html") == name + ".html"


@pytest.mark.parametrize(
    "doc_id",
    [
        "../../etc/passwd",
        "..",
        ".",
        "",
        "/abs/path",
        "a\\b",
        "C:evil",
        "NUL",
        "con.txt",
        "-rf",
        ".hidden",
        "tab\there",
        "新闻 报道?*|<>",
        "x" * 500,
        "a/b",
        "a_b",
    ],
)
def test_safe_file_name_never_leaves_the_folder(tmp_path, doc_id):
    name = safe_file_name(doc_id, ".html")
    assert name and len(name) < 120
    assert "/" not in name and "\\" not in name and ":" not in name
    assert not name.startswith((".", "-"))
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}
    path = tmp_path / name
    path.write_text("x", encoding="utf-8")
    assert path.resolve().parent == tmp_path.resolve()


def test_safe_file_names_of_different_doc_ids_differ():
    ids = ["a/b", "a_b", "a:b", "a b", "a\\b", "..a", "a", "x" * 200, "x" * 201]
    assert len({safe_file_name(doc_id) for doc_id in ids}) == len(ids)


# --- CSV cells that a spreadsheet would run ----------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SEED = Path(__file__).resolve().parent.parent / "data" / "raw" / "beilin-danfeng.txt"


def formula_corpus(folder: Path) -> Path:
    raw = folder / "raw"
    raw.mkdir(parents=True)
    seed = SEED.read_text(encoding="utf-8")
    reports = {
        '=HYPERLINK("http://x","点我")': ("=1+2.txt", "=SUM(A1:A9) 标题\n" + seed),
        "+cmd": ("+plus.txt", seed + "\n+86 的电话，援建资金100万元。\n"),
        "-2+3": ("-minus.txt", seed + "\n-1 表示减少，投入资金50万元。\n"),
        "@SUM(1)": ("@at.txt", seed + "\n@某某 发布：投入资金30万元。\n"),
        "\tlead": ("plain.txt", seed),
    }
    for _, (file, text) in reports.items():
        (raw / file).write_text(text, encoding="utf-8")
    (raw / "=orphan.txt").write_text(seed, encoding="utf-8")
    rows = [
        dict.fromkeys(METADATA_COLUMNS, "")
        | {"doc_id": doc_id, "file": file, "title": "=标题", "donors": "-碑林区", "province": "@"}
        for doc_id, (file, _) in reports.items()
    ]
    pd.DataFrame(rows).to_csv(folder / "corpus.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def formula_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formula")
    summary = pipeline.run(formula_corpus(folder / "data"), folder / "out", progress=False)
    assert summary.reports == 5
    return folder / "out"


@pytest.mark.parametrize("table", pipeline.TABLES)
def test_no_csv_cell_starts_like_a_formula_and_parquet_keeps_the_text(formula_run, table):
    schema = pipeline.SCHEMAS[table]
    text_columns = [f.name for f in schema if f.type == pa.large_string()]
    exact = pd.read_parquet(formula_run / f"{table}.parquet")
    with open(formula_run / f"{table}.csv", encoding="utf-8-sig", newline="") as source:
        shown = list(csv.DictReader(source))
    assert len(shown) == len(exact)
    for column in text_columns:
        for written, value in zip((row[column] for row in shown), exact[column], strict=True):
            assert not written.startswith(FORMULA_START), (table, column, written)
            expected = "'" + value if value.startswith(FORMULA_START) else value
            assert written == expected, (table, column)


def test_the_formula_run_really_had_formula_cells(formula_run):
    documents = pd.read_parquet(formula_run / "documents.parquet")
    assert documents["doc_id"].str.startswith(FORMULA_START).sum() == 5
    problems = pd.read_parquet(formula_run / "problems.parquet")
    assert problems["file"].tolist() == ["=orphan.txt"]
    sentences = pd.read_parquet(formula_run / "sentences.parquet")
    assert sentences["text"].str.startswith(FORMULA_START).any()


# --- matplotlib: a $ in a doc_id or term would start maths, and bad maths raises on drawing ---


@pytest.mark.parametrize("doc_id", ["$\\frac{$", "a$b$c", "$", "100$ & 50%_x^2"])
def test_figures_draw_any_doc_id_literally(seeds, doc_id):
    import io

    import matplotlib.pyplot as plt

    docs = seeds.assign(doc_id=[doc_id, "other"])
    spread = context.dispersion(docs, ["就业", "$x$"])
    figure = context.plot_dispersion(spread)
    figure.savefig(io.BytesIO(), format="png")
    assert figure.axes[0].get_title() == doc_id.replace("$", "\\$")
    plt.close(figure)
    pairs = context.cooccurrence(docs, unit="sentence", min_count=2, min_term_count=4)
    figure = context.plot_cooccurrence(pairs[pairs["doc_id"] == doc_id], top=20)
    figure.savefig(io.BytesIO(), format="png")
    plt.close(figure)
