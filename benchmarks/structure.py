"""Score the parser against the hand-written structure gold of a folder of real reports.

    python benchmarks/structure.py                       # the dev set and the held-out set
    python benchmarks/structure.py tests/data/heldout    # one folder

Each report is parsed with its metadata title as the hint (as ``load_corpus`` and the pipeline
do; the title is also scored without it, as for a report added with no title in
``corpus.csv``) and compared with its gold by the same rules as ``tests/test_real_structure.py`` (whose
``problems`` it uses): title, every body paragraph found by its first characters, no furniture
line left in a paragraph, heading or title, dateline and byline. Prints; asserts nothing.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_real_structure import problems  # noqa: E402

from aidlib.structure import parse  # noqa: E402

FOLDERS = [ROOT / "tests" / "data" / "real", ROOT / "tests" / "data" / "heldout"]


def score(folder: Path) -> None:
    reports = title_right = title_unhinted = paragraphs = found = 0
    leaks = dateline = byline = whole = 0
    for path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw_path = folder / "raw" / f"{path.stem}.txt"
        if not raw_path.exists():
            continue
        raw = raw_path.read_text(encoding="utf-8")
        mistakes = problems(gold, raw, parse(raw, title_hint=gold["metadata"]["title"] or ""))
        unhinted = problems(gold, raw, parse(raw))
        reports += 1
        title_right += not any(m.startswith("title ") for m in mistakes)
        title_unhinted += not any(m.startswith("title ") for m in unhinted)
        paragraphs += len(gold["structure"]["paragraphs"])
        found += len(gold["structure"]["paragraphs"]) - sum(
            bool(re.match(r"paragraph .* not found$", m)) for m in mistakes
        )
        leaks += sum(m.startswith("furniture ") for m in mistakes)
        dateline += not any(m.startswith("dateline ") for m in mistakes)
        byline += not any(m.startswith("byline ") for m in mistakes)
        whole += not mistakes
        for mistake in mistakes:
            print(f"  {path.stem}: {mistake}")
    print(
        f"{folder.relative_to(ROOT)}: {reports} reports; titles right {title_right}/{reports} "
        f"(without the metadata title {title_unhinted}/{reports}); "
        f"body paragraphs found {found}/{paragraphs}; furniture lines left in the body {leaks}; "
        f"datelines right {dateline}/{reports}; bylines right {byline}/{reports}; "
        f"reports entirely right {whole}/{reports}"
    )


if __name__ == "__main__":
    for folder in [Path(arg).resolve() for arg in sys.argv[1:]] or FOLDERS:
        score(folder)
