"""Each notebook opened in JupyterLab in headless Chromium, as a reader sees it (issue 17).

One JupyterLab server (127.0.0.1, a free port, a random token, no browser, no news or update
checks, its config, data, runtime and settings folders in a temporary directory) serves
copies of ``notebooks/0*.ipynb``, so nothing JupyterLab writes reaches the repository. The
notebooks are opened as a fresh clone opens them: untrusted, so JupyterLab sanitises their
HTML outputs (it drops ``<style>`` blocks and ``id`` attributes, keeps inline ``style``).
The page is 1,400 px wide with the file browser open. Chromium is given only fonts that
pip packages ship (the project's Noto Sans CJK SC from mplfonts, DejaVu from matplotlib),
so the screenshots look the same on every machine and Chinese never shows as boxes for
want of a system font.

What is checked, and how far each check goes:

- **No error output.** JupyterLab draws an error and any stderr stream alike (a red box);
  none may appear in a rendered notebook.
- **Figures.** Every PNG the notebook holds is an ``<img>`` the browser decoded, and no
  output mentions a glyph missing from a font. A PNG does not say which font drew it, so
  the font of figure text is checked where it can be: each notebook is executed again (as
  nbval does, with nbclient) with a hook on matplotlib's ``print_figure``, and every text
  artist of every figure shown must have a glyph for each character
  (``aidlib.plotstyle.missing_glyphs``) and, if it holds Chinese, be drawn with the
  project font file. Word clouds are pixels drawn by wordcloud with ``font_path`` set by
  aidlib; only their absence of tofu in the screenshots can be seen here.
- **Readable evidence sentences.** In notebook 02, every shown table column headed
  ``sentence`` (not one inside a closed ``<details>``) is at least 20 characters wide (its header cell's width in px against 20 × the computed
  font size of its cells).

Full-page screenshots go to ``out/screenshots/NN_name.png``; the run prints their paths.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import nbformat
import pandas as pd
import pytest
from nbformat.sign import NotebookNotary

from aidlib.display import MIN_TEXT_EM, style_table
from aidlib.plotstyle import cjk_font_path, missing_characters

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
SCREENSHOTS = ROOT / "out" / "screenshots"
WIDTH, HEIGHT = 1400, 900
#: The tallest full-page screenshot taken; a longer notebook is cut there (and says so).
MAX_HEIGHT = 30_000
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",  # nothing but loopback
]
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


@dataclass
class Lab:
    """A running JupyterLab server: its URL, token and the folder it serves."""

    url: str
    token: str
    root: Path

    def api(self, path: str, method: str = "GET") -> object:
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            body = response.read()
        return json.loads(body) if body else None


@dataclass
class Rendered:
    """What the browser showed of one notebook."""

    name: str
    screenshot: Path
    cells: int
    red_boxes: list[str]
    images: list[dict]
    text: str
    sentence_columns: list[dict]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _write_settings(folder: Path) -> None:
    """Lab settings: every cell in the DOM and no space after the last (so the page can be
    measured whole), no news popup."""
    settings = {
        "notebook-extension/tracker": {"windowingMode": "none", "scrollPastEnd": False},
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    }
    for name, values in settings.items():
        path = folder / "@jupyterlab" / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


def _fontconfig(folder: Path) -> Path:
    """A fontconfig file offering Chromium only fonts from pip packages."""
    fonts = folder / "fonts"
    fonts.mkdir(parents=True)
    (fonts / cjk_font_path().name).symlink_to(cjk_font_path())
    for font in (Path(matplotlib.get_data_path()) / "fonts" / "ttf").glob("DejaVuSans*.ttf"):
        (fonts / font.name).symlink_to(font)
    aliases = "".join(
        f"<alias><family>{generic}</family><prefer><family>{first}</family>"
        f"<family>Noto Sans CJK SC</family></prefer></alias>"
        for generic, first in (("sans-serif", "DejaVu Sans"), ("monospace", "DejaVu Sans Mono"))
    )
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        f"<fontconfig><dir>{fonts}</dir><cachedir>{folder / 'cache'}</cachedir>{aliases}"
        "</fontconfig>",
        encoding="utf-8",
    )
    return conf


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[Lab]:
    """One JupyterLab server for the module, on loopback only, serving copies of the notebooks."""
    home = tmp_path_factory.mktemp("jupyterlab")
    root = home / "root"
    (root / "notebooks").mkdir(parents=True)
    for notebook in NOTEBOOKS:
        shutil.copy2(notebook, root / "notebooks" / notebook.name)
    _write_settings(home / "settings")
    env = os.environ | {
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "IPYTHONDIR": str(home / "ipython"),
    }
    port, token = _free_port(), secrets.token_hex(16)
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.allow_remote_access=False",
        "--ServerApp.allow_root=True",
        "--ServerApp.terminals_enabled=False",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        f"--LabApp.user_settings_dir={home / 'settings'}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
    ]
    log = home / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    server_lab = Lab(f"http://127.0.0.1:{port}", token, root)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                server_lab.api("/api/status")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{log.read_text()[-2000:]}")
                time.sleep(0.3)
        yield server_lab
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="module")
def browser(chromium, tmp_path_factory):
    """Headless Chromium driven by Playwright, with the project's fonts and no network use."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements.txt")
    conf = _fontconfig(tmp_path_factory.mktemp("chromium"))
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium,
            args=CHROMIUM_ARGS,
            env=os.environ | {"FONTCONFIG_FILE": str(conf)},
        )
        yield launched
        launched.close()


def _shown_outputs(notebook: nbformat.NotebookNode) -> tuple[int, int, int]:
    """Cells, output areas JupyterLab draws (it merges adjacent streams) and PNGs of a notebook."""
    outputs = images = 0
    for cell in notebook.cells:
        previous = None
        for output in cell.get("outputs", []):
            stream = output.get("name") if output.output_type == "stream" else None
            if stream is None or stream != previous:
                outputs += 1
            previous = stream
            images += "image/png" in output.get("data", {})
    return len(notebook.cells), outputs, images


_READY = """([cells, outputs, images]) => {
  const panel = document.querySelector('__PANEL__');
  if (!panel || panel.querySelectorAll('.jp-Cell').length !== cells) return false;
  if (panel.querySelectorAll('.jp-MarkdownCell:not(.jp-mod-rendered)').length) return false;
  if (panel.querySelectorAll('.jp-OutputArea-output').length < outputs) return false;
  const imgs = [...panel.querySelectorAll('.jp-OutputArea-output img')];
  return imgs.length >= images && imgs.every(img => img.complete) && document.fonts.status === 'loaded';
}""".replace("__PANEL__", PANEL)

_COLLECT = """() => {
  const panel = document.querySelector('__PANEL__');
  const cells = [...panel.querySelectorAll('.jp-Cell')];
  const cellOf = el => cells.indexOf(el.closest('.jp-Cell'));
  const red = [...panel.querySelectorAll('.jp-OutputArea-output')].filter(o =>
    /application\\/vnd\\.jupyter\\.(stderr|error)/.test(o.dataset.mimeType || ''));
  const sentences = [];
  panel.querySelectorAll('.jp-OutputArea-output table').forEach(table => {
    if (!table.getClientRects().length) return;  // e.g. the full table inside a closed <details>
    table.querySelectorAll('thead th').forEach(th => {
      if (th.textContent.trim() !== 'sentence') return;
      const row = table.tBodies[0] && table.tBodies[0].rows[0];
      const cell = row ? row.cells[th.cellIndex] : th;
      sentences.push({cell: cellOf(table), width: th.getBoundingClientRect().width,
                      fontSize: parseFloat(getComputedStyle(cell).fontSize),
                      text: cell.textContent.slice(0, 30)});
    });
  });
  return {
    red: red.map(o => `cell ${cellOf(o)}: ${o.innerText.slice(0, 500)}`),
    images: [...panel.querySelectorAll('.jp-OutputArea-output img')].map(img => ({
      cell: cellOf(img), width: img.naturalWidth, height: img.naturalHeight})),
    text: [...panel.querySelectorAll('.jp-OutputArea-output, .jp-MarkdownOutput')]
      .map(o => o.innerText).join('\\n'),
    sentences,
  };
}""".replace("__PANEL__", PANEL)

_PAGE_HEIGHT = """() => {
  const outer = document.querySelector('__PANEL__ .jp-WindowedPanel-outer');
  return document.documentElement.clientHeight - outer.clientHeight + outer.scrollHeight;
}""".replace("__PANEL__", PANEL)


def _grow_to_fit(page) -> int:
    """Make the viewport as tall as the notebook (up to ``MAX_HEIGHT``); return its height."""
    shown = HEIGHT
    for _ in range(4):  # a taller window can re-flow the page; a few rounds settle it
        height = page.evaluate(_PAGE_HEIGHT)
        if height <= shown or shown >= MAX_HEIGHT:
            break
        shown = min(height, MAX_HEIGHT)
        page.set_viewport_size({"width": WIDTH, "height": shown})
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
    return height


def _render(lab: Lab, browser, path: str, screenshot: Path) -> Rendered:
    """Open ``path`` (relative to the server's root) in its own workspace and read the page."""
    notebook = nbformat.read(lab.root / path, as_version=4)
    expected = _shown_outputs(notebook)
    page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        workspace = re.sub(r"\W", "-", Path(path).stem)
        page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{path}?token={lab.token}")
        page.wait_for_function(_READY, arg=list(expected), timeout=120_000)
        seen = page.evaluate(_COLLECT)
        height = _grow_to_fit(page)
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot))
    finally:
        page.close()
        for session in lab.api("/api/sessions"):  # opening a notebook started its kernel
            lab.api(f"/api/sessions/{session['id']}", method="DELETE")
    cut = f" (cut at {MAX_HEIGHT} px of {height})" if height > MAX_HEIGHT else ""
    print(f"\n{path}: screenshot {screenshot}{cut}")
    return Rendered(
        name=Path(path).name,
        screenshot=screenshot,
        cells=expected[0],
        red_boxes=seen["red"],
        images=seen["images"],
        text=seen["text"],
        sentence_columns=seen["sentences"],
    )


@pytest.fixture(scope="module")
def rendered(lab, browser) -> Callable[[str], Rendered]:
    """Render a notebook of ``notebooks/`` once per module; later calls reuse the result."""
    done: dict[str, Rendered | Exception] = {}

    def render(name: str) -> Rendered:
        if name not in done:
            shot = SCREENSHOTS / f"{Path(name).stem}.png"
            try:
                done[name] = _render(lab, browser, f"notebooks/{name}", shot)
            except Exception as error:  # every test of this notebook reports it, none retries
                done[name] = error
        if isinstance(done[name], Exception):
            raise done[name]
        return done[name]

    return render


def _add_notebook(lab: Lab, name: str, outputs: list[dict], trusted: bool = False) -> None:
    """Write a one-cell notebook holding ``outputs`` into the server's folder (a control case)."""
    cell = nbformat.v4.new_code_cell("# made by the test", execution_count=1)
    cell.outputs = [nbformat.from_dict(output) for output in outputs]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 对照"), cell])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    if trusted:
        notary = NotebookNotary(data_dir=str(lab.root.parent / "data"))
        notary.sign(notebook)
    nbformat.write(notebook, lab.root / "notebooks" / name)


names = [path.name for path in NOTEBOOKS]


@pytest.mark.parametrize("name", names)
def test_notebook_shows_no_error_output(rendered, name):
    page = rendered(name)
    assert page.red_boxes == [], (
        f"{name} shows error or stderr output in JupyterLab (see {page.screenshot}):\n"
        + "\n".join(page.red_boxes)
    )


@pytest.mark.parametrize("name", names)
def test_notebook_figures_are_images_and_text_has_glyphs(rendered, name):
    page = rendered(name)
    committed = _shown_outputs(nbformat.read(ROOT / "notebooks" / name, as_version=4))[2]
    assert len(page.images) == committed
    blank = [image for image in page.images if image["width"] == 0 or image["height"] == 0]
    assert blank == [], f"{name}: figures the browser could not decode: {blank}"
    assert "missing from font" not in page.text
    dejavu = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    tofu = missing_characters(page.text) & missing_characters(page.text, dejavu)
    assert tofu == set(), f"{name}: characters no font offered to the browser has: {sorted(tofu)}"


def test_money_table_sentence_column_is_readable(rendered):
    page = rendered("02_funding_tallies.ipynb")
    assert page.sentence_columns, "notebook 02 shows no table with a 'sentence' column"
    narrow = [
        column
        for column in page.sentence_columns
        if column["width"] < MIN_TEXT_EM * column["fontSize"]
    ]
    assert narrow == [], (
        f"'sentence' columns narrower than {MIN_TEXT_EM} characters at {WIDTH} px "
        f"(see {page.screenshot}): {narrow}"
    )


def test_the_checks_see_errors_warnings_and_missing_glyphs(lab, browser, tmp_path):
    """A control notebook: what the checks above look for is found when it is there."""
    outputs = [
        {
            "output_type": "error",
            "ename": "ValueError",
            "evalue": "bad",
            "traceback": ["ValueError: bad"],
        },
        {
            "output_type": "stream",
            "name": "stderr",
            "text": "UserWarning: Glyph 23545 missing from font(s) DejaVu Sans.\n",
        },
        {"output_type": "stream", "name": "stdout", "text": "fine\n"},
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {"text/html": "<p>\U0001f6a9 \u4e00</p>", "text/plain": "flag"},
        },
    ]
    _add_notebook(lab, "control.ipynb", outputs)
    page = _render(lab, browser, "notebooks/control.ipynb", tmp_path / "control.png")
    assert len(page.red_boxes) == 2 and "ValueError" in page.red_boxes[0]
    assert "missing from font" in page.text
    assert missing_characters(page.text) == {"\U0001f6a9"}


SENTENCE = "结对帮扶双方签订协议，投入财政帮扶资金1200万元用于产业发展和就业帮扶项目建设。"


@pytest.mark.parametrize("trusted", [True, False], ids=["trusted", "untrusted"])
def test_style_table_keeps_text_columns_readable_in_jupyterlab(lab, browser, tmp_path, trusted):
    """aidlib.display.style_table's sentence column, rendered by JupyterLab beside 12 columns."""
    frame = pd.DataFrame(
        {f"c{i}": ["一二三四五六七八"] for i in range(12)} | {"sentence": [SENTENCE]}
    )
    html = style_table(frame, text=["sentence"]).to_html()
    output = {"output_type": "display_data", "metadata": {}, "data": {"text/html": html}}
    name = f"style_table_{'trusted' if trusted else 'untrusted'}.ipynb"
    _add_notebook(lab, name, [output], trusted=trusted)
    page = _render(lab, browser, f"notebooks/{name}", tmp_path / "table.png")
    [column] = page.sentence_columns
    assert column["width"] >= MIN_TEXT_EM * column["fontSize"], column


# Run in the kernel before the notebook: check each figure as it is drawn for display.
_FIGURE_HOOK = """
import matplotlib.backend_bases as _bases
from matplotlib import font_manager as _fonts
from matplotlib.text import Text as _Text
from aidlib.plotstyle import missing_glyphs as _missing_glyphs

_figure_checks = []
_print_figure = _bases.FigureCanvasBase.print_figure


def _checked_print_figure(self, *args, **kwargs):
    missing = _missing_glyphs(self.figure)
    texts = [
        (artist.get_text(), _fonts.findfont(artist.get_fontproperties()))
        for artist in self.figure.findobj(_Text)
        if artist.get_visible() and artist.get_text().strip()
    ]
    _figure_checks.append({"missing": {k: sorted(v) for k, v in missing.items()}, "texts": texts})
    return _print_figure(self, *args, **kwargs)


_bases.FigureCanvasBase.print_figure = _checked_print_figure
"""


@pytest.mark.parametrize("name", names)
def test_figure_text_is_drawn_with_the_project_font(name):
    """Every figure the notebook shows, checked as it is drawn (the PNG cannot say its font)."""
    from nbclient import NotebookClient

    notebook = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    shown = _shown_outputs(notebook)[2]
    notebook.cells.insert(0, nbformat.v4.new_code_cell(_FIGURE_HOOK))
    report = "import json\nprint(json.dumps(_figure_checks, ensure_ascii=False))"
    notebook.cells.append(nbformat.v4.new_code_cell(report))
    NotebookClient(
        notebook, timeout=600, resources={"metadata": {"path": str(ROOT / "notebooks")}}
    ).execute()
    figures = json.loads(notebook.cells[-1].outputs[0]["text"])
    assert len(figures) >= shown, "the hook saw fewer figures than the notebook shows"
    missing = [figure["missing"] for figure in figures if figure["missing"]]
    assert missing == [], f"{name}: figure text with characters its font lacks: {missing}"
    font = cjk_font_path()
    other = sorted(
        {
            (text, Path(path).name)
            for figure in figures
            for text, path in figure["texts"]
            if CJK.search(text) and Path(path) != font
        }
    )
    assert other == [], f"{name}: Chinese drawn with another font than {font}: {other[:10]}"
