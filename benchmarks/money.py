"""Money extraction: how right it is on hand-checked real reports, and how fast, beside JioNLP.

Accuracy: for each gold folder (``gold/<doc_id>.json`` written by a careful reader, with
the report's ``raw/<doc_id>.txt`` beside it; schema in ``tests/data/real/README.md``), every
report is decoded and parsed as ``aidlib.corpus`` and ``aidlib.structure`` do and
``aidlib.money.extract_money`` is called on it. A gold mention and a found one match when
their text is the same after an NFKC fold without spaces (those in the same sentence
first, then the rest, when a report repeats a figure). A headline printed two or three
times (again under 原标题, or after the dateline) is scored once on each side: its repeats
are left out of the gold mentions and of the found ones, as collectors differ on listing
them. Printed per folder, the development folders (``--dev``, the rules
are tuned on them: ``real`` and ``heldout`` to ``heldout9`` by default) apart from the
held-out ones (``--heldout``, never tuned on: ``tests/data/heldout10`` and ``heldout11`` by
default):

- span recall: matched gold mentions / gold mentions;
- span precision: matched found mentions / found mentions;
- amount found, any cut: as span recall, counting also a gold mention that an unmatched
  found one holds or lies in (the amount is found, its span cut otherwise);
- interval right: matched mentions whose (value_yuan, value_yuan_high) equal the gold's;
- rate flag right: matched mentions whose is_rate equals the gold's;
- area right: matched mentions whose domain equals the gold's;
- and, for information, unit_inferred and in_title right.

Where a folder has a second reader's areas (``second_reader/``, read by
``reader_agreement.py``), also: how often the two readers agree on the area (over all gold
mentions: the ceiling of what "area right" can mean), area right over the matched mentions
where they agree, and where it is either reader's.

Speed, as users call it, over the seed reports and every scored folder's reports
(normalised text, as ``load_corpus`` gives it), the fastest of ``--repeats`` passes:
``extract_money(text, doc_id)`` once per report (a table each), ``extract_money(text,
doc_id, frame=False)`` once per report (rows), and ``corpus_money`` once over all of them
(a ``Corpus`` loaded before timing, as a user's corpus is); JioNLP's
``jionlp.ner.extract_money`` (not a dependency of aidlib) on the same texts, one call per
report, run by the Python given with ``--jionlp-python`` or, without it, in a throwaway venv
made in a temporary folder (``pip install jionlp==1.5.31``). Figures are characters per
second and the ratio to JioNLP, by the wall clock and by the CPU time of the process (both
single-threaded: on a shared machine the wall clock moves with the load, the CPU time
much less; each is the fastest pass by its own clock).

    python benchmarks/money.py [--dev DIR ...] [--heldout DIR ...] [--repeats 5]
                               [--jionlp-python PATH] [--no-jionlp]
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
import subprocess
import sys
import tempfile
import time
import unicodedata
import venv
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from reader_agreement import second_labels

from aidlib.corpus import Corpus, decode_report, load_corpus
from aidlib.money import corpus_money, extract_money
from aidlib.normalize import as_normalized, normalize
from aidlib.structure import Document, parse

JIONLP = "jionlp==1.5.31"
FIELDS = ["interval", "rate flag", "area", "unit_inferred", "in_title"]

#: Run by JioNLP's Python: times one call per report; reads JSON texts on stdin.
JIONLP_TIMER = """
import json, sys, time
import jionlp
texts, repeats = json.load(sys.stdin)
jionlp.ner.extract_money(texts[0])
wall, cpu, found = float("inf"), float("inf"), 0
for _ in range(repeats):
    start, start_cpu = time.perf_counter(), time.process_time()
    found = sum(len(jionlp.ner.extract_money(text)) for text in texts)
    wall = min(wall, time.perf_counter() - start)
    cpu = min(cpu, time.process_time() - start_cpu)
print(json.dumps([wall, cpu, found]))
"""


def fold(text: str) -> str:
    """NFKC, no spaces, no pinyin glosses: how gold strings (as in the raw text) meet
    aidlib's normalised ones."""
    return "".join(unicodedata.normalize("NFKC", as_normalized(text)).split())


def read_gold(folder: Path) -> list[tuple[dict, str]]:
    """(gold record, raw text) per report of ``folder``; reports without raw text are skipped."""
    reports = []
    for path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = folder / "raw" / f"{gold['doc_id']}.txt"
        if raw.exists():
            reports.append((gold, decode_report(raw.read_bytes(), str(raw))[0]))
    return reports


def _bound(value: object) -> float:
    return math.inf if value in ("inf", None) or value == math.inf else float(value)


def _same(a: float, b: float) -> bool:
    return a == b or (math.isfinite(a) and math.isfinite(b) and abs(a - b) <= 1e-6 * max(1, b))


def match(gold: list[dict], found: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs of gold and found mentions with the same folded text, each used once: first
    those in the same sentence, then the rest by text alone (so a figure told twice is not
    paired with the other telling while its own is free)."""
    free = list(found)
    pairs = []
    for same_sentence in (True, False):
        for mention in gold:
            if any(mention is paired for paired, _ in pairs):
                continue
            text, start = fold(mention["mention"]), fold(mention.get("sentence_start", ""))
            best = next(
                (
                    row
                    for row in free
                    if fold(row["mention"]) == text
                    and (not same_sentence or fold(row["sentence"]).startswith(start))
                ),
                None,
            )
            if best is not None:
                free.remove(best)
                pairs.append((mention, best))
    return pairs


def headline_copies(gold: dict, found: list[dict]) -> tuple[list[dict], list[dict]]:
    """The gold and found mentions less those that only repeat a headline's figure already
    listed (a page prints its headline two or three times, or again under 原标题): scored
    once on each side, as the collectors differ (some list each printing, some one) and so
    do pages (aidlib reads a printing it keeps as a title copy). A gold mention is in a
    headline when marked ``in_title`` or when its sentence is the start of the title."""
    title = fold(gold["structure"].get("title") or gold["metadata"].get("title") or "")

    def in_headline(mention: dict) -> bool:
        start = fold(mention.get("sentence_start", ""))
        return bool(mention.get("in_title")) or bool(start and title.startswith(start))

    def once(mentions: list[dict], headline: Callable[[dict], bool]) -> list[dict]:
        seen: set[str] = set()
        kept = []
        for mention in mentions:
            text = fold(mention["mention"])
            if not (headline(mention) and text in seen):
                kept.append(mention)
            if headline(mention):
                seen.add(text)
        return kept

    return once(gold["money"], in_headline), once(found, lambda row: row["in_title"])


def cut_otherwise(gold: list[dict], found: list[dict], pairs: list[tuple[dict, dict]]) -> int:
    """Gold mentions left unmatched that a found one left unmatched holds or lies in: the
    amount is found, with its span cut otherwise (约/以上 in or out, a range as two …)."""
    used = {id(row) for _, row in pairs}
    matched = {id(mention) for mention, _ in pairs}
    free = [fold(row["mention"]) for row in found if id(row) not in used]
    return sum(
        any(text in other or other in text for other in free if other)
        for text in (fold(m["mention"]) for m in gold if id(m) not in matched)
    )


def right(field: str, gold: dict, found: dict) -> bool:
    if field == "interval":
        return _same(found["value_yuan"], _bound(gold["value_yuan"])) and _same(
            found["value_yuan_high"], _bound(gold["value_yuan_high"])
        )
    column = {"rate flag": "is_rate", "area": "domain"}.get(field, field)
    gold_value = gold.get("domain" if field == "area" else column)
    return found[column] == gold_value


def parsed(raw: str, title: str) -> Document:
    """``structure.parse(raw)``, given the metadata title where ``parse`` takes one as a hint."""
    if "title_hint" in inspect.signature(parse).parameters:
        return parse(raw, title_hint=title)
    return parse(raw)


def agreement(
    reports: list[tuple[dict, str]],
    second: dict[tuple[str, int], dict],
    pairs: list[tuple[dict, dict]],
) -> dict[str, float]:
    """The two readers' agreement on the area, and aidlib's area where they agree."""
    both = {
        id(mention): (mention["domain"], second[gold["doc_id"], index]["domain"])
        for gold, _ in reports
        for index, mention in enumerate(gold["money"])
    }
    agreed = [(g, f) for g, f in pairs if both[id(g)][0] == both[id(g)][1]]
    return {
        "readers agree on area": sum(a == b for a, b in both.values()) / len(both),
        "area right, readers agree": sum(right("area", g, f) for g, f in agreed) / len(agreed),
        "area is either reader's": sum(f["domain"] in both[id(g)] for g, f in pairs) / len(pairs),
    }


def score(folder: Path) -> dict[str, object] | None:
    """The accuracy figures on one gold folder, with the misses for reading; None if empty."""
    reports = read_gold(folder)
    if not reports:
        return None
    n_gold = n_found = n_cut = 0
    pairs: list[tuple[dict, dict]] = []
    for gold, raw in reports:
        doc = parsed(raw, gold["metadata"].get("title") or "")
        found = extract_money(doc, gold["doc_id"], frame=False)
        mentions, found = headline_copies(gold, found)
        n_gold += len(mentions)
        n_found += len(found)
        matched = match(mentions, found)
        n_cut += cut_otherwise(mentions, found, matched)
        pairs += matched
    figures: dict[str, object] = {
        "reports": len(reports),
        "gold mentions": n_gold,
        "found mentions": n_found,
        "span recall": len(pairs) / n_gold if n_gold else math.nan,
        "span precision": len(pairs) / n_found if n_found else math.nan,
        "amount found, any cut": (len(pairs) + n_cut) / n_gold if n_gold else math.nan,
    }
    for field in FIELDS:
        figures[f"{field} right"] = (
            sum(right(field, g, f) for g, f in pairs) / len(pairs) if pairs else math.nan
        )
    if (second := second_labels(folder)) and pairs:
        figures |= agreement(reports, second, pairs)
    return figures


def jionlp_python(given: str | None, folder: Path) -> str:
    """The Python that runs JioNLP: ``given``, else a fresh venv in ``folder`` with JioNLP."""
    if given:
        return given
    venv.create(folder, with_pip=True)
    python = str(folder / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", JIONLP], check=True)
    return python


def best_seconds(run: Callable[[], int], repeats: int) -> tuple[float, float, int]:
    """The fastest of ``repeats`` runs of ``run`` by the wall clock and by the process's CPU
    time, and the mentions it found."""
    wall, cpu, found = math.inf, math.inf, 0
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        found = run()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu, found


def print_scores(label: str, folder: Path) -> None:
    figures = score(folder)
    if figures is None:
        print(f"{label} ({folder}): no gold reports")
        return
    print(f"{label} ({folder}):")
    for key, value in figures.items():
        shown = f"{value:.1%}" if isinstance(value, float) else f"{value}"
        print(f"  {key:<26} {shown:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dev",
        type=Path,
        nargs="+",
        default=[
            Path(f"tests/data/{name}")
            for name in ("real", "heldout", *(f"heldout{n}" for n in range(2, 10)))
        ],
        help="development folders (rules tuned on them)",
    )
    parser.add_argument(
        "--heldout",
        type=Path,
        nargs="*",
        default=[Path(f"tests/data/heldout{n}") for n in (10, 11)],
        help="the held-out folders (no rule tuned on them)",
    )
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--jionlp-python", default=None)
    parser.add_argument("--no-jionlp", action="store_true")
    args = parser.parse_args()

    for folder in args.dev:
        print_scores("development", folder)
    for folder in args.heldout:
        print_scores("HELD-OUT", folder)

    texts = list(load_corpus().to_frame()["text"])
    for folder in [*args.dev, *args.heldout]:
        texts += [normalize(raw).text for _, raw in read_gold(folder)]
    chars = sum(map(len, texts))
    print(f"speed: {len(texts)} reports, {chars:,} characters")
    frame = pd.DataFrame({"doc_id": [f"r{i}" for i in range(len(texts))], "text": texts})
    corpus = Corpus.from_frame(frame)
    runs = {
        "extract_money, one call per report (a table each)": lambda: sum(
            len(extract_money(text, "bench")) for text in texts
        ),
        "extract_money(frame=False), one call per report": lambda: sum(
            len(extract_money(text, "bench", frame=False)) for text in texts
        ),
        "corpus_money, one call over a loaded Corpus": lambda: len(corpus_money(corpus)),
    }
    ours = {}
    for name, run in runs.items():
        wall, cpu, found = best_seconds(run, args.repeats)
        ours[name] = chars / wall, chars / cpu
        print(
            f"  aidlib {name:<52} {found:>5} mentions {ours[name][0]:>11,.0f} chars/s "
            f"(CPU {ours[name][1]:>11,.0f})"
        )
    if args.no_jionlp:
        return
    with tempfile.TemporaryDirectory() as folder:
        python = jionlp_python(args.jionlp_python, Path(folder))
        run = subprocess.run(
            [python, "-c", JIONLP_TIMER],
            input=json.dumps([texts, args.repeats]),
            capture_output=True,
            text=True,
            check=True,
        )
    wall, cpu, found = json.loads(run.stdout.strip().splitlines()[-1])
    theirs = chars / wall, chars / cpu
    name = "jionlp.ner.extract_money, one call per report"
    print(f"  {name:<59} {found:>5} mentions {theirs[0]:>11,.0f} chars/s (CPU {theirs[1]:>11,.0f})")
    for name, (speed, speed_cpu) in ours.items():
        print(
            f"  aidlib / JioNLP, {name}: {speed / theirs[0]:.1f}x "
            f"(CPU {speed_cpu / theirs[1]:.1f}x)"
        )


if __name__ == "__main__":
    sys.exit(main())
