"""Structure on real reports: every dev report's title, paragraphs, furniture, dateline, byline.

The reports and what a careful reader sees in them are in ``tests/data/real``
(``raw/<doc_id>.txt`` and ``gold/<doc_id>.json``). Strings are compared after a width
fold (NFKC), without white space, pinyin glosses and with every quote mark alike, since the gold is
written as the raw text stands. Reports the parser still gets wrong are listed, with the
reason, in ``tests/data/real/README.md`` and marked xfail here.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from aidlib.normalize import as_normalized
from aidlib.structure import Document, parse

REAL = Path(__file__).parent / "data" / "real"
GOLD = sorted((REAL / "gold").glob("*.json"))
#: ``doc_id: reason`` for the reports listed in README.md as still failing.
KNOWN_FAILURES = dict(
    re.findall(r"^- `([^`]+)`: (.+)$", (REAL / "README.md").read_text(encoding="utf-8"), re.M)
    if (REAL / "README.md").exists()
    else []
)
_UNFINISHED_GLOSS = re.compile(r"[（(][a-zü\u00e0-\u01dc]*$")
_QUOTES = str.maketrans(dict.fromkeys("“”‘’「」『』'", '"'))

pytestmark = pytest.mark.skipif(not GOLD, reason="tests/data/real/gold is absent")


def fold(text: str | None) -> str:
    """``text`` as compared here: width-folded, no white space, quote marks alike; a part the
    gold writes as null (no dateline, no byline) is empty."""
    text = as_normalized(text or "")
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).translate(_QUOTES)


def bare(text: str | None) -> str:
    """A byline or dateline compared without its brackets and trailing colon."""
    return fold(text).strip("()[]【】:")


def problems(gold: dict, raw: str, doc: Document) -> list[str]:
    """What ``doc`` gets wrong against the gold reading: one string per mistake."""
    wanted = gold["structure"]
    found: list[str] = []
    if fold(doc.title) != fold(wanted["title"]):
        found.append(f"title {doc.title!r}, not {wanted['title']!r}")
    paragraphs = [fold(block.text) for block in doc.paragraphs]
    for start in wanted["paragraphs"]:
        # 按照2016年中央關(g: cut inside a gloss; 兩廣一家親,: before a mark the page doubled (,。)
        start = _UNFINISHED_GLOSS.sub("", start).removesuffix(",")
        if not any(paragraph.startswith(fold(start)) for paragraph in paragraphs):
            found.append(f"paragraph {start!r} not found")
    raw_lines = Counter(fold(line) for line in raw.splitlines())
    body = Counter(fold(b.text) for b in doc.blocks if b.kind in ("paragraph", "heading", "title"))
    for line, copies in Counter(fold(line) for line in wanted["furniture"]).items():
        if body[line] > max(raw_lines[line] - copies, 0):
            found.append(f"furniture {line[:30]!r} left in the body")
    for part in ("dateline", "byline"):
        if bare(getattr(doc, part)) != bare(wanted[part]):
            found.append(f"{part} {getattr(doc, part)!r}, not {wanted[part]!r}")
    return found


def _cases():
    for path in GOLD:
        doc_id = path.stem
        marks = []
        if doc_id in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(reason=KNOWN_FAILURES[doc_id], strict=True))
        yield pytest.param(path, id=doc_id, marks=marks)


def _raw(path: Path) -> str:
    text = REAL / "raw" / f"{path.stem}.txt"
    if not text.exists():
        pytest.skip(f"no raw/{path.stem}.txt (a saved web page is read by aidlib.corpus)")
    return text.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", list(_cases()))
def test_dev_report_structure(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    raw = _raw(path)
    doc = parse(raw, title_hint=gold["metadata"]["title"])
    assert problems(gold, raw, doc) == []


@pytest.mark.parametrize("path", GOLD, ids=[path.stem for path in GOLD])
def test_without_the_metadata_title_every_report_still_has_its_paragraphs(path):
    doc = parse(_raw(path))
    assert doc.paragraphs
    assert {b.rule for b in doc.blocks if b.kind != "furniture"} <= {""}
    assert all(b.rule for b in doc.furniture)
