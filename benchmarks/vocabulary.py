"""Start-up cost of the vocabulary (gazetteer + policy terms) and the segmenter's speed.

Each start-up figure is taken in a fresh Python process (jieba reads its cached prefix
dictionary each time), the runs of the kinds interleaved, the fastest of ``--repeat``
counting:

- ``jieba + dictionary.txt``: ``jieba.Tokenizer().initialize()`` and the domain
  dictionary, what ``aidlib.tokens.tokenizer()`` built before the gazetteer;
- ``aidlib.tokens.tokenizer()``: the same plus the gazetteer and the policy terms.

Each is also timed without jieba's own ``initialize`` (reading its cached prefix
dictionary, the same in both and the most variable on a shared machine): the difference
of those is what the vocabulary adds.

Then, in this process, ``tokens.tokenize`` against bare ``jieba.lcut`` (the same
tokenizer, no townships or traditional-character step) on the seed reports repeated to
at least ``--chars`` characters. Prints figures, asserts nothing.

    python benchmarks/vocabulary.py [--repeat 5] [--chars 1000000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

#: Times jieba's own ``initialize`` (reading its prefix dictionary) apart from the rest.
_TIMED_INIT = """
import time, jieba
spent = [0.0, 0.0]
initialize = jieba.Tokenizer.initialize
def timed(self, *args, **kwargs):
    start, cpu = time.perf_counter(), time.process_time()
    try:
        return initialize(self, *args, **kwargs)
    finally:
        spent[0] += time.perf_counter() - start
        spent[1] += time.process_time() - cpu
jieba.Tokenizer.initialize = timed
"""

_STARTUPS = {
    "jieba + dictionary.txt": _TIMED_INIT
    + """
import logging
logging.getLogger("jieba").setLevel(logging.WARNING)
from aidlib import tokens
start, cpu = time.perf_counter(), time.process_time()
segmenter = jieba.Tokenizer()
segmenter.initialize()
segmenter.load_userdict(str(tokens.DOMAIN_DICTIONARY))
print(time.perf_counter() - start, spent[0], time.process_time() - cpu, spent[1])
""",
    "aidlib.tokens.tokenizer()": _TIMED_INIT
    + """
from aidlib import tokens
start, cpu = time.perf_counter(), time.process_time()
tokens.tokenizer()
print(time.perf_counter() - start, spent[0], time.process_time() - cpu, spent[1])
""",
}


def startups(repeat: int) -> dict[str, tuple[float, float, float]]:
    """Per kind, the fastest whole start-up, and the fastest wall and CPU time besides
    jieba's own initialize, in seconds."""
    best = dict.fromkeys(_STARTUPS, (float("inf"),) * 3)
    for _ in range(repeat):
        for name, script in _STARTUPS.items():
            done = subprocess.run(
                [sys.executable, "-c", script], capture_output=True, text=True, check=True
            )
            total, initialize, cpu, cpu_initialize = map(
                float, done.stdout.strip().splitlines()[-1].split()
            )
            now = (total, total - initialize, cpu - cpu_initialize)
            best[name] = tuple(map(min, best[name], now))
    return best


def throughput(chars: int, repeat: int) -> dict[str, float]:
    """chars/s of ``tokens.tokenize`` and of bare ``lcut`` on the seed reports."""
    from aidlib import tokens
    from aidlib.corpus import load_corpus

    reports = "\n".join(load_corpus().to_frame()["text"])
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
    for name, (total, own, cpu) in best.items():
        print(
            f"{name:<28} {total:6.3f} s; besides jieba's initialize {own:6.3f} s, CPU {cpu:6.3f} s"
        )
    mine, before = best["aidlib.tokens.tokenizer()"], best["jieba + dictionary.txt"]
    print(
        f"{'vocabulary adds':<28} {mine[1] - before[1]:6.3f} s wall, {mine[2] - before[2]:6.3f} s CPU "
        f"(fastest of {args.repeat} fresh processes; os.getloadavg() = {os.getloadavg()[0]:.1f})"
    )
    for name, rate in throughput(args.chars, max(1, args.repeat // 2)).items():
        print(f"{name:<28} {rate:>12,.0f} chars/s")


if __name__ == "__main__":
    main()
