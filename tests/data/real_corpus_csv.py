"""Write a real-report folder's ``corpus.csv`` from the metadata in its hand-written gold.

Each report of ``tests/data/real`` and ``tests/data/heldout`` has ``raw/<doc_id>.<ext>`` and
``gold/<doc_id>.json``; the gold's ``metadata`` holds what a user would type into
``corpus.csv``. Run after adding a report: ``python tests/data/real_corpus_csv.py tests/data/real``.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from aidlib.corpus import METADATA_COLUMNS as COLUMNS


def corpus_rows(folder: Path) -> list[dict[str, str]]:
    """One ``corpus.csv`` row per gold file, in doc_id order."""
    rows = []
    for path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        meta = gold["metadata"]
        raw = next((folder / "raw").glob(f"{gold['doc_id']}.*"))
        rows.append(
            {
                **{column: str(meta.get(column) or "") for column in COLUMNS},
                "doc_id": gold["doc_id"],
                "file": raw.name,
                "donors": ";".join(meta.get("donors") or []),
            }
        )
    return rows


def main(folder: str) -> None:
    rows = corpus_rows(Path(folder))
    with open(Path(folder) / "corpus.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"{folder}/corpus.csv: {len(rows)} reports")


if __name__ == "__main__":
    main(sys.argv[1])
