"""How far jieba-rs cuts as jieba does, with aidlib's vocabulary; prints figures, asserts nothing.

On each corpus — the seeds (``data/``), the development reports (``tests/data/real``), the
old held-out set (``tests/data/heldout``, development data now) and a reshuffled corpus (the
body blocks of all three drawn at random into reports of about 5,000 characters) — it
prints, for the words of each report's body as ``aidlib.keywords`` counts them:

- token agreement: the share of jieba's word tokens that jieba-rs cuts at the same place
  (same start and end), pooled over the corpus, and the lowest report's;
- top-50 agreement: per report, the share of jieba's 50 most frequent content terms
  (``keywords.content_counts``) that are among jieba-rs's 50, mean and lowest;
- every kind of disagreement, with how often it occurs and examples (jieba's cut | jieba-rs's).

Then the speed of both cutters on the same texts, in this process.

    python benchmarks/segmenters.py                # about a minute
    python benchmarks/segmenters.py --reports 500  # a larger reshuffled corpus
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter, defaultdict
from itertools import accumulate
from pathlib import Path

from aidlib import keywords, tokens
from aidlib.corpus import DEFAULT_DATA_DIR, iter_reports
from aidlib.structure import Document, parse

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {
    "seeds (data/)": DEFAULT_DATA_DIR,
    "dev (tests/data/real)": ROOT / "tests" / "data" / "real",
    "old held-out, now dev (tests/data/heldout)": ROOT / "tests" / "data" / "heldout",
}
REPORT_CHARS = 5_000
TOP = 50

_NUMBER_RANGE = re.compile(r"[0-9A-Za-z]+[^0-9A-Za-z][0-9]")


def _spans(words: list[str]) -> list[tuple[int, int]]:
    ends = list(accumulate(map(len, words)))
    return [(end - len(word), end) for word, end in zip(words, ends, strict=True)]


def _regions(
    text: str, jieba: list[tuple[int, int]], rust: list[tuple[int, int]]
) -> list[tuple[str, str]]:
    """The stretches of ``text`` the two cut differently: (jieba's cut, jieba-rs's), ``|``-joined."""
    cuts_j, cuts_r = {end for _, end in jieba}, {end for _, end in rust}
    shared = sorted(cuts_j & cuts_r)
    regions, start = [], 0
    for end in shared:
        inner_j = {cut for cut in cuts_j if start < cut < end}
        inner_r = {cut for cut in cuts_r if start < cut < end}
        if inner_j != inner_r:
            regions.append((_cut(text, start, end, inner_j), _cut(text, start, end, inner_r)))
        start = end
    return regions


def _cut(text: str, start: int, end: int, inner: set[int]) -> str:
    bounds = [start, *sorted(inner), end]
    return "|".join(text[a:b] for a, b in zip(bounds, bounds[1:], strict=False))


def kind(jieba: str, rust: str) -> str:
    """The kind of one disagreement, ``|`` separating the words of each cut."""
    words_j, words_r = jieba.split("|"), rust.split("|")
    if any(map(_NUMBER_RANGE.search, words_r)) and not any(map(_NUMBER_RANGE.search, words_j)):
        return "letters or digits joined by a sign, kept whole by jieba-rs (8-12)"
    known = tokens.tokenizer().FREQ
    in_dictionary = all(known.get(word, 0) > 0 or len(word) == 1 for word in words_j + words_r)
    if len(words_r) < len(words_j):
        if in_dictionary:
            return "dictionary words: jieba-rs keeps a longer one whole"
        return "jieba-rs keeps whole what jieba splits, a word of neither dictionary involved"
    if len(words_r) > len(words_j):
        if in_dictionary:
            return "dictionary words: jieba-rs splits a longer one"
        return "jieba-rs splits what jieba keeps whole, a word of neither dictionary involved"
    return "as many words, other boundaries"


def compare(docs: list[tuple[str, Document]]) -> dict[str, object]:
    """Token and top-50 agreement of the two segmenters over ``docs`` (doc_id, parsed report)."""
    agreed = total = 0
    lowest_tokens, tops = 1.0, []
    kinds: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for _, doc in docs:
        doc_agreed = doc_total = 0
        for block in doc.body:
            cut_j = tokens.tokenize(block.text, True, "jieba")
            cut_r = tokens.tokenize(block.text, True, "jieba-rs")
            spans_j, spans_r = _spans(cut_j), _spans(cut_r)
            words_j = {
                span for span, word in zip(spans_j, cut_j, strict=True) if tokens.is_word(word)
            }
            doc_total += len(words_j)
            doc_agreed += len(words_j & set(spans_r))
            for jieba, rust in _regions(block.text, spans_j, spans_r):
                kinds[kind(jieba, rust)][jieba, rust] += 1
        agreed, total = agreed + doc_agreed, total + doc_total
        lowest_tokens = min(lowest_tokens, doc_agreed / max(doc_total, 1))
        top_j, top_r = (
            {term for term, _ in keywords.content_counts(doc, segmenter)[:TOP]}
            for segmenter in tokens.SEGMENTERS
        )
        tops.append(len(top_j & top_r) / max(len(top_j), 1))
    return {
        "reports": len(docs),
        "tokens": total,
        "token_agreement": agreed / total,
        "lowest_token_agreement": lowest_tokens,
        "top_agreement": sum(tops) / len(tops),
        "lowest_top_agreement": min(tops),
        "reports_with_top_all_alike": sum(share == 1 for share in tops),
        "kinds": kinds,
    }


def reshuffled(docs: list[Document], reports: int, seed: int = 0) -> list[tuple[str, Document]]:
    """``reports`` reports of about ``REPORT_CHARS`` characters, body blocks of ``docs`` drawn at random."""
    blocks = [block.text for doc in docs for block in doc.body]
    randomness = random.Random(seed)
    made = []
    for number in range(reports):
        lines = [f"第{number}号 对口帮扶工作纪实"]
        while sum(map(len, lines)) < REPORT_CHARS:
            lines.append(randomness.choice(blocks))
        made.append((f"r{number:05d}", parse("\n".join(lines) + "\n")))
    return made


def speed(texts: list[str]) -> dict[str, float]:
    """chars/s of each segmenter's bare cut (``tokens.cutter``) over ``texts``, best of 3."""
    chars = sum(map(len, texts))
    rates = {}
    for segmenter in tokens.SEGMENTERS:
        cut = tokens.cutter(segmenter)
        best = min(_seconds(cut, texts) for _ in range(3))
        rates[segmenter] = chars / best
    return rates


def _seconds(cut, texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        cut(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=200, help="reshuffled reports (200)")
    parser.add_argument("--examples", type=int, default=6, help="examples per kind (6)")
    args = parser.parse_args()
    corpora = {
        name: [(str(r.metadata["doc_id"]), parse(r.raw_text)) for r in iter_reports(folder)]
        for name, folder in CORPORA.items()
    }
    everything = [doc for docs in corpora.values() for _, doc in docs]
    corpora[f"reshuffled ({args.reports} reports of all three)"] = reshuffled(
        everything, args.reports
    )
    all_kinds: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    print(
        f"{'corpus':<48} {'reports':>7} {'tokens':>9} {'tokens alike':>13} "
        f"{'lowest':>7} {'top-50 alike':>13} {'lowest':>7} {'all 50':>7}"
    )
    for name, docs in corpora.items():
        found = compare(docs)
        print(
            f"{name:<48} {found['reports']:>7} {found['tokens']:>9,} "
            f"{found['token_agreement']:>13.3%} {found['lowest_token_agreement']:>7.2%} "
            f"{found['top_agreement']:>13.2%} {found['lowest_top_agreement']:>7.0%} "
            f"{found['reports_with_top_all_alike']:>7}"
        )
        if not name.startswith("reshuffled"):
            for kind_name, regions in found["kinds"].items():
                all_kinds[kind_name].update(regions)
    print(
        "\nkinds of disagreement over the seeds, dev and old held-out reports (jieba | jieba-rs):"
    )
    for kind_name, regions in sorted(all_kinds.items(), key=lambda item: -item[1].total()):
        print(f"  {kind_name}: {regions.total()} places, {len(regions)} distinct")
        for (jieba, rust), count in regions.most_common(args.examples):
            print(f"      {count:>3} × {jieba}  →  {rust}")
    texts = [block.text for doc in everything for block in doc.body]
    rates = speed(texts)
    print(
        f"\nbare cut of the same {sum(map(len, texts)):,} characters (this process, machine shared): "
        + ", ".join(f"{name} {rate:,.0f} chars/s" for name, rate in rates.items())
        + f"; jieba-rs {rates['jieba-rs'] / rates['jieba']:.1f} times as fast"
    )


if __name__ == "__main__":
    main()
