"""Score the model cards against the hand-written cards of the development corpus.

For every ``gold/<doc_id>.json`` with a ``model_card`` in FOLDER (default
``tests/data/real``), the report ``raw/<doc_id>.txt`` is read, parsed and its named
models and pairings compared with the gold card (``aidlib.model_cards.against_gold``).
Prints: the share of gold slogans/named models found (all kinds, and without events), the
gold events reported as a model or mechanism, the share of gold pairings found, and every
miss with what the rules found in its sentence.  Asserts nothing.

    python benchmarks/model_cards.py [FOLDER] [--reported]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pandas as pd

from aidlib.corpus import decode_report
from aidlib.model_cards import against_gold, named_models
from aidlib.normalize import normalize
from aidlib.pairings import pairings, place_mentions, same_place
from aidlib.structure import Document, parse
from aidlib.tokens import simplified

FOLDER = Path(__file__).resolve().parent.parent / "tests" / "data" / "real"


docs: dict[str, Document] = {}


def score(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per gold entry of every gold card in ``folder`` (``against_gold`` columns + doc_id),
    and one row per name the rules report (``named_models`` + doc_id, matched to gold or not)."""
    tables, reported = [], []
    for path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = folder / "raw" / f"{gold['doc_id']}.txt"
        if "model_card" not in gold or not raw.exists():
            continue
        text, _ = decode_report(raw.read_bytes(), str(raw))
        doc = docs[gold["doc_id"]] = parse(normalize(text).text)
        table = against_gold(doc, gold["model_card"])
        tables.append(table.assign(doc_id=gold["doc_id"]))
        names = named_models(doc).drop_duplicates("name")
        golds = [entry["text"] for entry in gold["model_card"].get("slogans") or []]
        names["in_gold"] = pd.array(
            dtype="boolean",
            data=[
                any(
                    against_gold(doc, {"slogans": [{"text": g}]}).iloc[0]["found_text"] == n
                    for g in golds
                )
                for n in names["name"]
            ],
        )
        reported.append(names.assign(doc_id=gold["doc_id"]))
    if not tables:
        return pd.DataFrame(), pd.DataFrame()
    return pd.concat(tables, ignore_index=True), pd.concat(reported, ignore_index=True)


def _why(doc: Document, gold: str, found_text: str) -> str:
    """One line on a missed pairing: part of it found, no sentence naming both parties, or
    what the rules read in the sentences that do."""
    if found_text:
        return f"only part of the list found ({found_text})"
    donor, recipient = (_stem(party) for party in gold.split(" → "))
    found = pairings(doc)
    sentences = [
        sentence
        for sentence in re.findall(r"[^。！？\n]+", simplified(doc.text))
        if _names(sentence, donor) and _names(sentence, recipient)
    ]
    if not sentences:
        return "no sentence names both parties"
    read = [
        f"{row.donor} → {row.recipient}"
        for row in found.itertuples()
        if simplified(row.sentence).strip("。！？") in sentences
    ]
    read = "; ".join(dict.fromkeys(read)) or "nothing"
    return f"{len(sentences)} sentence(s) name both; read there: {read}; first: {sentences[0][:60]}"


def _names(sentence: str, party: str) -> bool:
    """Whether a sentence names a party: its first place or its first four characters."""
    return party[:4] in sentence or any(same_place(n, party) for *_, n in place_mentions(sentence))


def _stem(party: str) -> str:
    return re.split(r"[、(（]", simplified(party))[0]


def _share(found: pd.Series) -> str:
    return f"{found.sum()}/{len(found)} = {found.mean():.0%}" if len(found) else "none"


def main(folder: Path) -> None:
    table, reported = score(folder)
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
    extra = table[table["part"] == "extra pairing"]
    print(f"pairings found: {_share(pairs['found'])}")
    print(f"pairings the cards show that no gold card lists: {len(extra)} (listed with --reported)")
    aid = reported[reported["kind"].isin(["model", "mechanism"])]
    print(
        f"names reported as models or mechanisms: {len(aid)} in {reported['doc_id'].nunique()} reports, "
        f"{aid['in_gold'].sum()} of them gold entries (the others are names no gold card lists: "
        "read them below with --reported)"
    )
    if "--reported" in sys.argv:
        for row in aid[~aid["in_gold"]].itertuples():
            print(f"  {row.doc_id}: {row.name} ({row.kind}, {row.shape})")
        print("pairings shown that no gold card lists:")
        for row in extra.itertuples():
            print(f"  {row.doc_id}: {row.found_text} | {row.found_kind[:70]}")
    misses = table[(table["part"] != "extra pairing") & ~table["found"].astype(bool)]
    if len(misses):
        print("\nmisses:")
        for row in misses.itertuples():
            kind = f" ({row.gold_kind})" if row.gold_kind else ""
            print(f"  {row.doc_id} {row.part}: {row.gold}{kind}")
            if row.part == "pairing":
                print(f"      why: {_why(docs[row.doc_id], row.gold, row.found_text)}")
    kinds = found_kinds[found_kinds["gold_kind"] != found_kinds["found_kind"]]
    if len(kinds):
        print("\nkind differs:")
        for row in kinds.itertuples():
            print(f"  {row.doc_id}: {row.gold} gold {row.gold_kind}, found {row.found_kind}")


if __name__ == "__main__":
    arguments = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    main(Path(arguments[0]) if arguments else FOLDER)
