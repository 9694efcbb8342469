"""Score the place names aidlib reads against the readers' lists in the real-report gold.

For every ``gold/<doc_id>.json`` of each folder, the report ``raw/<doc_id>.txt`` is parsed
and ``aidlib.places.mentions`` read over its non-furniture blocks. A gold place (as the
reader wrote it) is found when a mention writes the same name, compared after an NFKC fold
without spaces or pinyin glosses. Readers list the places a report is about, not every
place it names, so only recall is a measure; the names found that no reader listed are
counted for information. Prints one line per folder and the development and held-out
totals, then the gold names most often missed on the development folders (the held-out
misses are not shown: no rule is written from them). Asserts nothing.

    python benchmarks/places.py [FOLDER ...]
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from aidlib.corpus import decode_report
from aidlib.normalize import as_normalized
from aidlib.places import mentions
from aidlib.structure import parse

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
DEVELOPMENT = ["real", "heldout", *(f"heldout{n}" for n in range(2, 10))]
HELD_OUT = ["heldout10", "heldout11"]


def fold(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", as_normalized(name)).split())


def score(folder: Path, missed: Counter[str]) -> Counter[str]:
    """Gold places, those found, and names found that no reader listed, over ``folder``."""
    counts: Counter[str] = Counter()
    for path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = folder / "raw" / f"{path.stem}.txt"
        if not raw.exists():
            continue
        doc = parse(decode_report(raw.read_bytes(), str(raw))[0], gold["metadata"]["title"] or "")
        body = "\n".join(block.text for block in doc.blocks if block.kind != "furniture")
        found = {fold(mention.name) for mention in mentions(body)}
        listed = {fold(name) for name in gold.get("places") or []}
        counts.update(gold=len(listed), found=len(listed & found), unlisted=len(found - listed))
        missed.update(listed - found)
    return counts


def line(label: str, counts: Counter[str]) -> str:
    recall = counts["found"] / counts["gold"] if counts["gold"] else float("nan")
    return (
        f"{label}: gold places found {counts['found']} of {counts['gold']} ({recall:.1%}); "
        f"names found that no reader listed {counts['unlisted']}"
    )


def main() -> None:
    names = sys.argv[1:] or [*DEVELOPMENT, *HELD_OUT]
    missed: Counter[str] = Counter()
    totals = {"development": Counter(), "held out": Counter()}
    for name in names:
        folder = Path(name) if "/" in name else DATA / name
        held_out = folder.name in HELD_OUT
        counts = score(folder, Counter() if held_out else missed)
        totals["held out" if held_out else "development"] += counts
        print(line(str(folder), counts))
    for label, counts in totals.items():
        if counts:
            print(line(label, counts))
    print(
        "development, missed most often:", ", ".join(f"{n} {k}" for n, k in missed.most_common(25))
    )


if __name__ == "__main__":
    main()
