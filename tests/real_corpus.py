"""The development corpus of real reports (``tests/data/real``) as a data folder, for tests.

The integrator copies it into the repo with a ``corpus.csv``; while it is being gathered it
has only ``raw/`` and ``gold/``, and ``data_folder`` writes a ``corpus.csv`` from the gold
files' metadata into a temporary copy.  ``None`` when there is no corpus (tests then skip).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

REAL = Path(__file__).resolve().parent / "data" / "real"
COLUMNS = [
    "doc_id",
    "file",
    "title",
    "donors",
    "recipient",
    "recipient_prefecture",
    "province",
    "start",
    "source_note",
]


def data_folder(tmp: Path) -> Path | None:
    """``tests/data/real`` if it has a corpus.csv, else a copy under ``tmp`` with one made from gold."""
    if (REAL / "corpus.csv").is_file():
        return REAL
    golds = sorted((REAL / "gold").glob("*.json")) if (REAL / "gold").is_dir() else []
    rows = []
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = REAL / "raw" / f"{gold['doc_id']}.txt"
        if not raw.is_file():
            continue
        meta = gold.get("metadata", {})
        rows.append(
            {
                "doc_id": gold["doc_id"],
                "file": raw.name,
                "title": meta.get("title", ""),
                "donors": ";".join(meta.get("donors") or []),
                "recipient": meta.get("recipient", ""),
                "recipient_prefecture": meta.get("recipient_prefecture", ""),
                "province": meta.get("province", ""),
                "start": meta.get("start", ""),
                "source_note": meta.get("source_note", ""),
            }
        )
    if len(rows) < 2:
        return None
    folder = tmp / "real"
    (folder / "raw").mkdir(parents=True)
    for row in rows:
        shutil.copy(REAL / "raw" / row["file"], folder / "raw" / row["file"])
    pd.DataFrame(rows, columns=COLUMNS).to_csv(folder / "corpus.csv", index=False)
    return folder
