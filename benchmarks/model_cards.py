"""Score the model cards against the hand-written cards of the development corpus.

For every ``gold/<doc_id>.json`` with a ``model_card`` in FOLDER (default
``tests/data/real``), the report ``raw/<doc_id>.txt`` is read, parsed and its named
models and pairings compared with the gold card (``aidlib.model_cards.against_gold``).
Prints: the share of gold slogans/named models found (all kinds, and without events), the
gold events reported as a model or mechanism, the share of gold pairings found, and every
miss with what the rules found in its sentence.  Asserts nothing.

    python benchmarks/model_cards.py [FOLDER]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from aidlib.corpus import decode_report
from aidlib.model_cards import against_gold
from aidlib.structure import parse

FOLDER = Path(__file__).resolve().parent.parent / "tests" / "data" / "real"


def score(folder: Path) -> pd.DataFrame:
    """One row per gold entry of every gold card in ``folder`` (``against_gold`` columns + doc_id)."""
    tables = []
    for path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = folder / "raw" / f"{gold['doc_id']}.txt"
        if "model_card" not in gold or not raw.exists():
            continue
        text, _ = decode_report(raw.read_bytes(), str(raw))
        table = against_gold(parse(text), gold["model_card"])
        tables.append(table.assign(doc_id=gold["doc_id"]))
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()


def _share(found: pd.Series) -> str:
    return f"{found.sum()}/{len(found)} = {found.mean():.0%}" if len(found) else "none"


def main(folder: Path) -> None:
    table = score(folder)
    if table.empty:
        print(f"no gold model cards under {folder}/gold")
        return
    slogans = table[table["part"] == "slogan"]
    pairs = table[table["part"] == "pairing"]
    events = slogans[slogans["gold_kind"] == "event"]
    wrong = events[events["found_kind"].isin(["model", "mechanism"])]
    print(f"reports with a gold card: {table['doc_id'].nunique()}")
    print(f"gold slogans / named models found: {_share(slogans['found'])}")
    print(
        f"  without events:                   {_share(slogans[slogans['gold_kind'] != 'event']['found'])}"
    )
    found_kinds = slogans[slogans["found"]]
    print(
        f"  kind as in gold (of those found): {_share(found_kinds['gold_kind'] == found_kinds['found_kind'])}"
    )
    print(f"gold events reported as a model or mechanism: {len(wrong)}")
    print(f"pairings found: {_share(pairs['found'])}")
    misses = table[~table["found"]]
    if len(misses):
        print("\nmisses:")
        for row in misses.itertuples():
            print(f"  {row.doc_id} {row.part}: {row.gold} ({row.gold_kind})")
    kinds = found_kinds[found_kinds["gold_kind"] != found_kinds["found_kind"]]
    if len(kinds):
        print("\nkind differs:")
        for row in kinds.itertuples():
            print(f"  {row.doc_id}: {row.gold} gold {row.gold_kind}, found {row.found_kind}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER)
