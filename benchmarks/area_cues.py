"""Do area cue words harvested from the readers' deciding words carry over to unseen folders?

Every gold money mention has the reader's area (``domain``) and the words that decided it
(``deciding_words``, free text). Cut those with jieba (``aidlib.tokens.tagged``) and keep the
content words (``is_content_word``); a word becomes a cue of area A when it is in the deciding
words of mentions of ``min_reports`` or more reports and at least ``share`` of the mentions
whose deciding words hold it have area A (A not ``general``). A word the hand list
(``data/money_cues.csv``) already has keeps its hand label, so it is not harvested again.

Leave one folder out: for each of heldout3 … heldout7, the words are harvested from the other
seven development folders, added to the hand list in memory (a temporary CSV read by
``load_cues``), and the left-out folder is scored as ``benchmarks/money.py`` scores it (area
right of the matched mentions). The two thresholds are chosen for each left-out folder by
leave-one-folder-out among the other seven only (the pair with the best mean gain over the
hand list alone, on a grid of ``MIN_REPORTS`` x ``SHARES``); the left-out folder is never
used to choose them. The table also gives the gain at the fixed pair (2, 0.8) for reference.
About 1¾ minutes on one core.

    python benchmarks/area_cues.py
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

import aidlib.money as money
from aidlib.chars import simplified
from aidlib.structure import Document
from aidlib.tokens import is_content_word, tagged

sys.path.insert(0, str(Path(__file__).resolve().parent))
from money import match, parsed, read_gold  # noqa: E402

FOLDERS = ["real", "heldout", "heldout2", "heldout3", "heldout4", "heldout5"]
FOLDERS += ["heldout6", "heldout7"]
SCORED = ["heldout3", "heldout4", "heldout5", "heldout6", "heldout7"]
MIN_REPORTS = (2, 3)
SHARES = (0.7, 0.8, 0.9)
#: One report: its gold record and its parsed text.
Report = tuple[dict, Document]
#: One matched mention: the reader's area, the area found and the cue that decided it.
Area = tuple[str, str, str]


def load(folder: str) -> list[Report]:
    """The reports of a gold folder, parsed once (``benchmarks/money.py``'s ``score`` does
    the same for each call)."""
    reports = read_gold(Path("tests/data") / folder)
    return [(gold, parsed(raw, gold["metadata"].get("title") or "")) for gold, raw in reports]


def words(deciding: str) -> set[str]:
    """The content words of a reader's deciding words.

    >>> sorted(words("用于务工人员返岗补贴"))
    ['务工人员', '用于', '补贴', '返岗']
    """
    return {w for w, tag in tagged(simplified(deciding)) if is_content_word(w, tag)}


def harvest(reports: Iterable[Report], min_reports: int, share: float) -> dict[str, str]:
    """``{word: area}`` for the words of the deciding words that meet the two thresholds and
    that the hand list does not already hold (as an area cue)."""
    areas: dict[str, Counter[str]] = defaultdict(Counter)
    docs: dict[str, set[str]] = defaultdict(set)
    for gold, _ in reports:
        for mention in gold["money"]:
            for word in words(mention.get("deciding_words") or ""):
                areas[word][mention["domain"]] += 1
                docs[word].add(gold["doc_id"])
    hand = money.load_cues().domain
    found = {}
    for word, counts in areas.items():
        area, n = counts.most_common(1)[0]
        if (
            area in money.CUE_LABELS["domain"]
            and n >= share * sum(counts.values())
            and len(docs[word]) >= min_reports
            and hand.get(word) is None
        ):
            found[word] = area
    return found


def with_words(extra: dict[str, str], folder: Path) -> Path:
    """A copy of ``money_cues.csv`` in ``folder`` with one more domain row per area of ``extra``."""
    table = pd.read_csv(money.MONEY_CUES_FILE, dtype=str, keep_default_na=False)
    rows = [
        {
            "field": "domain",
            "label": area,
            "words": " ".join(sorted(w for w in extra if extra[w] == area)),
            "note": "harvested",
        }
        for area in sorted(set(extra.values()))
    ]
    path = folder / f"cues{len(list(folder.iterdir()))}.csv"
    pd.concat([table, pd.DataFrame(rows)]).to_csv(path, index=False)
    return path


def areas(reports: list[Report], extra: dict[str, str], scratch: Path) -> list[Area]:
    """(reader's area, area found, the cue that decided it) per matched mention of ``reports``
    with the hand cues and ``extra`` (the spans do not depend on the area cues)."""
    cues = money.load_cues(with_words(extra, scratch)) if extra else money.load_cues()
    hand = money.load_cues
    money.load_cues = lambda path=money.MONEY_CUES_FILE: cues  # extract_money's cues
    try:
        return [
            (g["domain"], f["domain"], f["domain_cue"])
            for gold, doc in reports
            for g, f in match(gold["money"], money.extract_money(doc, gold["doc_id"], frame=False))
        ]
    finally:
        money.load_cues = hand


def right(base: list[Area], lifted: list[Area], fallback: bool) -> tuple[int, int]:
    """Mentions the harvested words make right and make wrong; with ``fallback``, only
    where no hand cue decided (``domain_cue`` empty)."""
    fixed = broken = 0
    for (gold, area, cue), (_, new, _) in zip(base, lifted, strict=True):
        if area != new and not (fallback and cue):
            fixed += new == gold
            broken += area == gold
    return fixed, broken


def main() -> None:
    data = {folder: load(folder) for folder in FOLDERS}
    cache: dict[tuple[str, frozenset], list[Area]] = {}
    grid = [(m, s) for m in MIN_REPORTS for s in SHARES]
    with tempfile.TemporaryDirectory() as scratch:

        def found(test: str, extra: dict[str, str]) -> list[Area]:
            key = (test, frozenset(extra.items()))
            if key not in cache:
                cache[key] = areas(data[test], extra, Path(scratch))
            return cache[key]

        def gain(train: list[str], test: str, pair: tuple[int, float], fallback: bool) -> float:
            """Points of area right that the harvested words add on ``test``."""
            extra = harvest([r for f in train for r in data[f]], *pair)
            fixed, broken = right(found(test, {}), found(test, extra), fallback)
            return 100 * (fixed - broken) / len(found(test, {}))

        print(
            "| left out (matched) | hand cues | variant | thresholds chosen (inner mean gain) "
            "| words | made right / wrong | gain | gain at (2, 0.8) |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for held in SCORED:
            rest = [f for f in FOLDERS if f != held]
            base = found(held, {})
            hand = sum(g == a for g, a, _ in base) / len(base)
            for fallback in (False, True):
                inner = {
                    pair: sum(gain([f for f in rest if f != o], o, pair, fallback) for o in rest)
                    / len(rest)
                    for pair in grid
                }
                best = max(grid, key=lambda pair: inner[pair])
                extra = harvest([r for f in rest for r in data[f]], *best)
                fixed, broken = right(base, found(held, extra), fallback)
                print(
                    f"| {held} ({len(base)}) | {hand:.1%} | "
                    f"{'where no hand cue' if fallback else 'added'} | "
                    f"{best} ({inner[best]:+.1f}) | {len(extra)} | {fixed} / {broken} | "
                    f"{100 * (fixed - broken) / len(base):+.1f} | "
                    f"{gain(rest, held, (2, 0.8), fallback):+.1f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
