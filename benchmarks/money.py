"""Throughput of money extraction on the seed reports repeated to at least 1 M characters.

Prints mentions/s and chars/s for ``aidlib.money.extract_money`` and, when JioNLP is
installed (it is not a dependency of aidlib), for ``jionlp.ner.extract_money`` on
the same text.  Target: aidlib at least 2x JioNLP's chars/s.

    python benchmarks/money.py [--chars 1000000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from aidlib.corpus import load_corpus
from aidlib.money import extract_money


def seed_text(min_chars: int) -> str:
    """The normalised seed reports, joined and repeated until at least ``min_chars`` long."""
    reports = "\n".join(load_corpus()["text"])
    copies = -(-min_chars // len(reports))
    return "\n".join([reports] * copies)


def best_seconds(run: Callable[[], object], repeats: int) -> tuple[float, object]:
    """The fastest of ``repeats`` runs, with the last run's result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def report(name: str, chars: int, mentions: int, seconds: float) -> None:
    print(
        f"{name:<28} {mentions:>8} mentions  {seconds:7.2f} s  "
        f"{mentions / seconds:>10,.0f} mentions/s  {chars / seconds:>12,.0f} chars/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    text = seed_text(args.chars)
    print(f"text: {len(text):,} characters (seed reports repeated)")
    seconds, mentions = best_seconds(lambda: extract_money(text, doc_id="bench"), args.repeats)
    report("aidlib.money.extract_money", len(text), len(mentions), seconds)
    try:
        import jionlp
    except ImportError:
        print("jionlp not installed: JioNLP line skipped")
        return
    seconds, spans = best_seconds(lambda: jionlp.ner.extract_money(text), args.repeats)
    report("jionlp.ner.extract_money", len(text), len(spans), seconds)


if __name__ == "__main__":
    main()
