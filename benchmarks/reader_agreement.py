"""How often a second reader labels money mentions as the first reader (the gold) did.

A gold folder may hold ``second_reader/<doc_id>.json``: for each gold money mention (by its
index ``i`` in the gold's ``money`` list) the area (``domain``) a second reader gave, working
from the text and the spans only, without the first reader's labels; some also give the
rate flag (``is_rate``). The agreement is the ceiling a rule can be expected to reach
against one reader's labels.

    python benchmarks/reader_agreement.py tests/data/heldout3
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path


def second_labels(folder: Path) -> dict[tuple[str, int], dict]:
    """(doc_id, index in the gold's money list) → the second reader's labels of that mention."""
    labels = {}
    for path in sorted((folder / "second_reader").glob("*.json")):
        for mention in json.loads(path.read_text(encoding="utf-8"))["mentions"]:
            labels[path.stem, mention["i"]] = mention
    return labels


def agreement(folder: Path) -> tuple[Counter[str], Counter[str], Counter[tuple[str, str]]]:
    """Mentions compared and how many agree, per field, and the area pairs that differ."""
    second = second_labels(folder)
    compared: Counter[str] = Counter()
    same: Counter[str] = Counter()
    differ: Counter[tuple[str, str]] = Counter()
    for path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for i, first in enumerate(gold["money"]):
            other = second.get((path.stem, i))
            if other is None:
                continue
            compared["area"] += 1
            same["area"] += first["domain"] == other["domain"]
            if first["domain"] != other["domain"]:
                differ[(first["domain"], other["domain"])] += 1
            if "is_rate" in other:
                compared["rate flag"] += 1
                same["rate flag"] += bool(first["is_rate"]) == bool(other["is_rate"])
    return compared, same, differ


def main(folder: str) -> None:
    compared, same, differ = agreement(Path(folder))
    print(f"{folder}: {compared['area']} mentions labelled by both readers")
    for field in ("area", "rate flag"):
        if compared[field]:
            print(
                f"  {field:10} agree {same[field]}/{compared[field]} = {same[field] / compared[field]:.1%}"
            )
    for (first, second), n in differ.most_common():
        print(f"  area {first} (first) / {second} (second): {n}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/data/heldout3")
