"""How often a second reader labels money mentions as the first reader (the gold) did.

A gold folder may hold ``second_reader/<doc_id>.json``: for each gold money mention (by its
index ``i`` in the gold's ``money`` list) the area (``domain``) and rate flag (``is_rate``)
a second reader gave, working from the text and the spans only. The agreement is the
ceiling a rule can be expected to reach against one reader's labels.

    python benchmarks/reader_agreement.py tests/data/heldout3
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path


def agreement(folder: Path) -> tuple[int, Counter[str], Counter[tuple[str, str]]]:
    """Mentions compared, how many agree per field, and the area pairs that differ."""
    same: Counter[str] = Counter()
    differ: Counter[tuple[str, str]] = Counter()
    compared = 0
    for path in sorted((folder / "second_reader").glob("*.json")):
        second = {m["i"]: m for m in json.loads(path.read_text(encoding="utf-8"))["mentions"]}
        gold = json.loads((folder / "gold" / path.name).read_text(encoding="utf-8"))
        for i, first in enumerate(gold["money"]):
            if i not in second:
                continue
            compared += 1
            same["area"] += first["domain"] == second[i]["domain"]
            same["rate flag"] += bool(first["is_rate"]) == bool(second[i]["is_rate"])
            if first["domain"] != second[i]["domain"]:
                differ[(first["domain"], second[i]["domain"])] += 1
    return compared, same, differ


def main(folder: str) -> None:
    compared, same, differ = agreement(Path(folder))
    print(f"{folder}: {compared} mentions labelled by both readers")
    for field in ("area", "rate flag"):
        print(f"  {field:10} agree {same[field]}/{compared} = {same[field] / max(compared, 1):.1%}")
    for (first, second), n in differ.most_common():
        print(f"  area {first} (first) / {second} (second): {n}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/data/heldout3")
