"""The term scatter opened from a notebook in JupyterLab (issue 17), in headless Chromium.

JupyterLab opens a relative link to an ``.html`` file in its own viewer, whose sandbox
runs no script until the file is trusted: the plotly page shows blank. The link that
``aidlib.context.open_in_new_tab`` builds under a Jupyter server goes through the
server's files URL instead; clicked in an untrusted notebook it opens a new tab where
the page's scripts run and every point is drawn. Uses the JupyterLab server and browser
of ``tests/test_notebooks_in_jupyterlab.py``.
"""

from __future__ import annotations

import re

from jupyter_server.serverapp import list_running_servers

from aidlib import context
from aidlib.corpus import load_corpus
from tests.test_notebooks_in_jupyterlab import (  # noqa: F401  (fixtures)
    HEIGHT,
    PANEL,
    WIDTH,
    _add_notebook,
    browser,
    lab,
)


def test_the_scatter_link_opens_a_working_page_in_a_new_tab(lab, browser, monkeypatch):  # noqa: F811
    seeds = load_corpus()
    a, b = seeds.doc_ids[:2]
    path = context.term_scatter(seeds, a, b, lab.root / "notebooks" / "out" / "scatter.html")
    (server,) = list_running_servers(runtime_dir=str(lab.root.parent / "runtime"))
    monkeypatch.setattr(context, "_jupyter_server", lambda: server)  # as the kernel finds it
    link = context.open_in_new_tab(path).data
    assert 'href="/files/notebooks/out/scatter.html"' in link
    _add_notebook(
        lab,
        "scatter_link.ipynb",
        [{"output_type": "display_data", "metadata": {}, "data": {"text/html": link}}],
    )
    page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        page.goto(
            f"{lab.url}/lab/workspaces/scatter/tree/notebooks/scatter_link.ipynb?token={lab.token}"
        )
        anchor = page.locator(f"{PANEL} .jp-OutputArea-output a", has_text="Open the term scatter")
        anchor.wait_for(timeout=120_000)
        with page.context.expect_page(timeout=60_000) as opened:
            anchor.click()
        tab = opened.value
        tab.wait_for_function(
            "() => document.querySelectorAll('path.point').length > 0", timeout=60_000
        )
        points = tab.evaluate("() => document.querySelectorAll('path.point').length")
        assert points == len(context.term_scatter_table(seeds, a, b))
        assert re.search(r"/files/notebooks/out/scatter\.html$", tab.url)
        tab.close()
    finally:
        page.close()
        for session in lab.api("/api/sessions"):
            lab.api(f"/api/sessions/{session['id']}", method="DELETE")
