"""Review the codebook's indicators on the seeds and the development corpus.

Prints, per code, a table of its indicators: blocks (headings and paragraphs) matched in
the seed reports (``data/``) and in the development corpus (FOLDER, default
``tests/data/real``), and the false hits found by reading the matches, as recorded in
``data/codebook_review.csv`` (code, indicator, doc_id, context, why).  With ``--contexts
CODE`` it prints every development match of that code in context, for reading.

    python benchmarks/codebook.py [FOLDER] [--contexts CODE]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from aidlib.coding import indicator_hits, load_codebook
from aidlib.corpus import decode_report, load_corpus
from aidlib.normalize import normalize
from aidlib.structure import parse

FOLDER = Path(__file__).resolve().parent.parent / "tests" / "data" / "real"
REVIEW = Path(__file__).resolve().parent.parent / "data" / "codebook_review.csv"


def dev_reports(folder: Path) -> dict[str, object]:
    """The parsed reports of ``folder/raw`` by doc_id (the file name without .txt)."""
    reports = {}
    for path in sorted((folder / "raw").glob("*.txt")):
        text, _ = decode_report(path.read_bytes(), str(path))
        reports[path.stem] = parse(normalize(text).text)
    return reports


def main(folder: Path, contexts: str | None) -> None:
    book = load_codebook()
    seeds = list(load_corpus().documents.values())
    dev = dev_reports(folder)
    if contexts:
        code = book[contexts]
        for doc_id, doc in dev.items():
            for block in doc.body:
                for start, end, pattern in code.find(block.text):
                    print(f"{doc_id}\t{pattern}\t{block.text[max(0, start - 15) : end + 15]}")
        return
    table = indicator_hits(book, {"seeds": seeds, "dev": list(dev.values())})
    wide = table.pivot_table(
        index=["code", "indicator"], columns="corpus", values="blocks", sort=False
    ).astype(int)
    review = pd.read_csv(REVIEW) if REVIEW.exists() else pd.DataFrame(columns=["code", "indicator"])
    false = review.groupby(["code", "indicator"]).size()
    wide["false hits read"] = [false.get(key, 0) for key in wide.index]
    print(f"seeds: {len(seeds)} reports; dev: {len(dev)} reports from {folder}")
    print("blocks matched per indicator (an indicator no corpus matches is listed with 0)\n")
    for code in book:
        part = wide.loc[code.id][["seeds", "dev", "false hits read"]]
        print(
            f"## {code.id} ({code.name_zh}): seeds {part['seeds'].sum()}, dev {part['dev'].sum()}"
        )
        print(part.to_string())
        notes = review[review["code"] == code.id]
        for row in notes.itertuples():
            print(f"   false: {row.indicator} in {row.doc_id}: 「{row.context}」 {row.why}")
        print()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=FOLDER)
    parser.add_argument("--contexts", metavar="CODE")
    args = parser.parse_args()
    main(args.folder, args.contexts)
