"""Benchmark the corpus pipeline on a synthetic corpus; prints figures, asserts nothing.

The corpus reshuffles the seed reports' headings and paragraphs into N reports of
about 5,000 characters each (N = 1,000 by default: more than 5 M characters), in a
temporary folder. Measured in one run:

1. chars/s of bare ``jieba.lcut`` over the same texts (the baseline), and of the whole
   pipeline with 1 worker, on each segmenter (``segmenter="jieba"`` and ``"jieba-rs"``):
   ratio to the baseline (targets: >= 0.7 on jieba, >= 2 on jieba-rs);
2. the pipeline with 2 workers vs 1, on each segmenter: speed-up (target >= 1.8 on 2 cores);
3. peak memory (RSS, the run's process and its workers together) for N and for
   4 N reports: memory must not grow with the corpus beyond the output tables;
4. the Dask engine on a 2-worker LocalCluster vs the local engine with 2 workers
   (target: within 25 %);
5. ``--large`` reports (10,000 by default, about 50 M characters) end to end on 2 workers
   with jieba-rs (target: under 60 s).

Each pipeline run is a fresh Python process, sampled for memory by ``psutil``.

    python benchmarks/pipeline.py                 # the full run (about 10 minutes on 2 cores)
    python benchmarks/pipeline.py --reports 40 --large 0  # a quick check
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import jieba
import pandas as pd
import psutil

from aidlib.corpus import DEFAULT_DATA_DIR, iter_reports
from aidlib.structure import parse

REPORT_CHARS = 5_000

_RUN = """
import json, sys, time
from aidlib import pipeline
data, out, workers, engine, segmenter = sys.argv[1:3] + [int(sys.argv[3])] + sys.argv[4:6]
start = time.perf_counter()
summary = pipeline.run(
    data, out, workers=workers, engine=engine, progress=False, segmenter=segmenter, workbook=False
)
print(json.dumps({"seconds": time.perf_counter() - start, "reports": summary.reports}))
"""


def make_corpus(folder: Path, reports: int, seed: int = 0) -> list[str]:
    """Write ``reports`` reshuffled reports and their corpus.csv under ``folder``; return the texts."""
    blocks = [
        block.text
        for report in iter_reports(DEFAULT_DATA_DIR)
        for block in parse(report.raw_text).body
    ]
    metadata = pd.read_csv(DEFAULT_DATA_DIR / "corpus.csv", dtype=str, keep_default_na=False)
    template = metadata.iloc[0].to_dict()
    randomness = random.Random(seed)
    (folder / "raw").mkdir(parents=True)
    rows, texts = [], []
    for number in range(reports):
        lines = [f"第{number}号 对口帮扶工作纪实"]
        while sum(map(len, lines)) < REPORT_CHARS:
            lines.append(randomness.choice(blocks))
        text = "\n".join(lines) + "\n"
        (folder / "raw" / f"r{number:05d}.txt").write_text(text, encoding="utf-8")
        rows.append(template | {"doc_id": f"r{number:05d}", "file": f"r{number:05d}.txt"})
        texts.append(text)
    pd.DataFrame(rows).to_csv(folder / "corpus.csv", index=False)
    return texts


def jieba_chars_per_second(texts: list[str]) -> float:
    jieba.initialize()
    start = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return sum(map(len, texts)) / (time.perf_counter() - start)


def step_seconds(folder: Path, reports: int) -> dict[str, float]:
    """Seconds each step of ``pipeline.report_rows`` takes over the first ``reports`` reports, in this process."""
    from aidlib import coding, keywords, money, pipeline

    codebook = coding.load_codebook()
    items = [item for item, _ in zip(iter_reports(folder), range(reports), strict=False)]
    pipeline.report_rows(items[0], codebook)  # load the dictionary, tagger and tables first
    docs = [parse(item.raw_text) for item in items]
    steps = {
        "normalise + structure (structure.parse)": lambda item, doc: parse(item.raw_text),
        "money (money.extract_money)": lambda item, doc: money.extract_money(doc.text, "x", False),
        "quantities (money.quantity_rows)": lambda item, doc: money.quantity_rows(doc.text, "x"),
        "quantities on jieba-rs": lambda item, doc: money.quantity_rows(doc.text, "x", "jieba-rs"),
        "term counts (keywords._content_counts)": lambda item, doc: keywords._content_counts(doc),
        "term counts on jieba-rs": lambda item, doc: keywords._content_counts(doc, "jieba-rs"),
        "codes (coding._code_rows)": lambda item, doc: coding._code_rows(doc, codebook, "x"),
        "all of them (pipeline.report_rows)": lambda item, doc: pipeline.report_rows(
            item, codebook
        ),
        "all of them on jieba-rs": lambda item, doc: pipeline.report_rows(
            item, codebook, "jieba-rs"
        ),
    }
    keywords._content_counts(docs[0], "jieba-rs")  # build jieba-rs before timing
    seconds = {}
    for name, step in steps.items():
        start = time.perf_counter()
        for item, doc in zip(items, docs, strict=True):
            step(item, doc)
        seconds[name] = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as parts:
        start = time.perf_counter()
        for first in range(0, len(items), 16):  # as a worker does: 16 reports a part
            batch = list(enumerate(items[first : first + 16], first))
            pipeline._write_part(batch, Path(parts), codebook, "jieba-rs")
        seconds["all on jieba-rs + part files (_write_part)"] = time.perf_counter() - start
    start = time.perf_counter()
    for item in items:
        jieba.lcut(item.raw_text)
    seconds["bare jieba.lcut (baseline)"] = time.perf_counter() - start
    return seconds


def timed_run(
    data: Path, out: Path, workers: int, engine: str, segmenter: str = "jieba"
) -> dict[str, float]:
    """Run the pipeline in a fresh process; seconds inside it, peak RSS of its process tree."""
    process = subprocess.Popen(
        [sys.executable, "-c", _RUN, str(data), str(out), str(workers), engine, segmenter],
        stdout=subprocess.PIPE,
        text=True,
    )
    peak = {"tree": 0, "main": 0}
    watched = psutil.Process(process.pid)

    def sample() -> None:
        while process.poll() is None:
            try:
                main = watched.memory_info().rss
                tree = main + sum(
                    child.memory_info().rss for child in watched.children(recursive=True)
                )
            except psutil.Error:
                continue
            peak["tree"], peak["main"] = max(peak["tree"], tree), max(peak["main"], main)
            time.sleep(0.5)

    sampler = threading.Thread(target=sample)
    sampler.start()
    stdout, _ = process.communicate()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"pipeline run failed ({engine}, {workers} workers, {segmenter})")
    result = json.loads(stdout.strip().splitlines()[-1])
    return result | {"peak_tree_mb": peak["tree"] / 2**20, "peak_main_mb": peak["main"] / 2**20}


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return (
        f"{os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), {model}, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB RAM, Python {platform.python_version()}; "
        f"load average at start {os.getloadavg()[0]:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1_000, help="N (default 1000)")
    parser.add_argument("--memory-factor", type=int, default=4, help="memory run size, x N")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument(
        "--large",
        type=int,
        default=10_000,
        help="reports of the end-to-end run on jieba-rs, 2 workers (default 10000; 0 skips it)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="runs per timing, interleaved; the fastest counts (default 2: the machine is shared)",
    )
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        texts = make_corpus(tmp / "small", args.reports)
        chars = sum(map(len, texts))
        print(f"corpus: {args.reports} reports, {chars:,} characters")

        configurations = {
            f"{segmenter}, {workers} worker{'s' * (workers > 1)}": (workers, "local", segmenter)
            for segmenter in ("jieba", "jieba-rs")
            for workers in (1, 2)
        }
        if not args.skip_dask:
            configurations["jieba, dask, 2 workers"] = (2, "dask", "jieba")
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in configurations}
        baselines = []
        for _ in range(args.repeat):
            baselines.append(jieba_chars_per_second(texts))
            for name, configuration in configurations.items():
                load = os.getloadavg()[0]
                runs[name].append(timed_run(tmp / "small", tmp / "out", *configuration))
                runs[name][-1]["load"] = load
        del texts
        baseline = max(baselines)
        print(
            f"bare jieba.lcut: {baseline:,.0f} chars/s (each run: "
            + ", ".join(f"{rate:,.0f}" for rate in baselines)
            + ")"
        )
        print("timings, fastest counts:")
        for name, done in runs.items():
            print(
                f"    {name}: "
                + ", ".join(f"{r['seconds']:.1f} s (load before {r['load']:.2f})" for r in done)
            )
        fastest = {name: min(done, key=lambda r: r["seconds"]) for name, done in runs.items()}
        for segmenter, target in (("jieba", 0.7), ("jieba-rs", 2)):
            one, two = fastest[f"{segmenter}, 1 worker"], fastest[f"{segmenter}, 2 workers"]
            one_rate, two_rate = chars / one["seconds"], chars / two["seconds"]
            print(
                f"pipeline on {segmenter}, 1 worker: {one['seconds']:.1f} s, {one_rate:,.0f} "
                f"chars/s, ratio to bare jieba.lcut {one_rate / baseline:.2f} (target >= {target})"
            )
            print(
                f"pipeline on {segmenter}, 2 workers: {two['seconds']:.1f} s, {two_rate:,.0f} "
                f"chars/s, ratio {two_rate / baseline:.2f}, speed-up "
                f"{one['seconds'] / two['seconds']:.2f} (target >= 1.8)"
            )
        one, two = fastest["jieba, 1 worker"], fastest["jieba, 2 workers"]
        steps = step_seconds(tmp / "small", min(args.reports, 200))
        print(f"where one worker's time goes (first {min(args.reports, 200)} reports, in seconds):")
        for name, seconds in steps.items():
            print(f"    {name:<42} {seconds:6.2f}")
        if not args.skip_dask:
            dask = fastest["jieba, dask, 2 workers"]
            print(
                f"dask, 2-worker LocalCluster: {dask['seconds']:.1f} s, "
                f"{dask['seconds'] / two['seconds'] - 1:+.0%} vs local 2 workers (target within 25 %)"
            )

        big_reports = args.reports * args.memory_factor
        make_corpus(tmp / "big", big_reports, seed=1)
        big = timed_run(tmp / "big", tmp / "out-big", 2, "local")
        tables = sum(f.stat().st_size for f in (tmp / "out-big").glob("*.parquet")) / 2**20
        print(
            f"peak RSS, 2 workers: {args.reports} reports {two['peak_tree_mb']:.0f} MiB "
            f"(main process {two['peak_main_mb']:.0f} MiB); {big_reports} reports "
            f"{big['peak_tree_mb']:.0f} MiB (main {big['peak_main_mb']:.0f} MiB); "
            f"{big_reports} reports took {big['seconds']:.1f} s; "
            f"Parquet tables {tables:.0f} MiB"
        )
        print(
            f"peak RSS, 1 worker in one process: {args.reports} reports {one['peak_main_mb']:.0f} MiB"
        )
        if args.large:
            shutil.rmtree(tmp / "big")
            shutil.rmtree(tmp / "out-big")
            start = time.perf_counter()
            large_chars = sum(map(len, make_corpus(tmp / "large", args.large, seed=2)))
            made = time.perf_counter() - start
            large = timed_run(tmp / "large", tmp / "out-large", 2, "local", "jieba-rs")
            print(
                f"{args.large:,} reshuffled reports ({large_chars / 1e6:.1f} M characters, "
                f"written in {made:.0f} s), jieba-rs, 2 workers, end to end: "
                f"{large['seconds']:.1f} s, {large_chars / large['seconds']:,.0f} chars/s "
                f"(target under 60 s); peak RSS {large['peak_tree_mb']:.0f} MiB"
            )
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
