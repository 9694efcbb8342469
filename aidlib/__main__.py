"""Command line: ``python -m aidlib run DATA_DIR --out OUT_DIR [--workers N] [--engine local|dask]
[--segmenter jieba|jieba-rs]``;
``python -m aidlib terms DATA_DIR [--out FILE]`` writes the candidate terms to review.

Exit status 0 when at least one report was analysed (files that could not be read are
listed in ``OUT_DIR/problems.csv``), 1 when nothing could be processed, 2 on bad usage,
130 when stopped with Ctrl-C (one line says so; the previous tables are left whole).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from aidlib import keywords, pipeline, tokens

_PROBLEMS_SHOWN = 20


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m aidlib",
        description="Turn a folder of Chinese reports on paired aid into tidy tables.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "run",
        help="analyse every report of a corpus folder and write the tables",
        description=(
            "Analyse every report listed in DATA_DIR/corpus.csv (texts under DATA_DIR/raw/) "
            f"and write the tables {', '.join(pipeline.TABLES)} to OUT_DIR as Parquet and CSV, "
            "and all of them as one Excel workbook, tables.xlsx. "
            "Files that cannot be read are listed in problems.csv; DATA_DIR is never written."
        ),
    )
    run.add_argument("data_dir", metavar="DATA_DIR", help="folder holding corpus.csv and raw/")
    run.add_argument("--out", required=True, metavar="OUT_DIR", help="folder for the tables")
    run.add_argument(
        "--workers",
        type=_positive,
        default=None,
        metavar="N",
        help="worker processes (default: the machine's cores)",
    )
    run.add_argument(
        "--engine",
        choices=pipeline.ENGINES,
        default="local",
        help="local: a process pool on this machine; dask: a Dask LocalCluster (default: local)",
    )
    run.add_argument(
        "--max-report-chars",
        type=_positive,
        default=pipeline.MAX_REPORT_CHARS,
        metavar="N",
        help="list longer reports as problems instead of analysing them (default: %(default)s)",
    )
    run.add_argument(
        "--segmenter",
        choices=tokens.SEGMENTERS,
        default="jieba",
        help="what cuts the words of term_counts: jieba, or jieba-rs, its Rust port, many "
        "times as fast (pip install 'aidlib[fast]'; default: jieba)",
    )
    run.add_argument(
        "--no-progress", action="store_true", help="no progress bar, even on a terminal"
    )
    run.add_argument(
        "--no-workbook",
        action="store_true",
        help="skip OUT_DIR/tables.xlsx (slow to write for a large corpus)",
    )
    terms = commands.add_parser("terms", help="write candidate terms to review (CSV)")
    terms.add_argument("data_dir", metavar="DATA_DIR", help="folder holding corpus.csv and raw/")
    terms.add_argument("--out", default="candidate_terms.csv", metavar="FILE")
    return parser


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "terms":
            found = keywords.write_candidate_terms(args.data_dir, args.out)
            print(f"{found} candidate terms in {args.out}", file=sys.stderr)
            return 0
        summary = pipeline.run(
            args.data_dir,
            args.out,
            workers=args.workers,
            engine=args.engine,
            progress=False if args.no_progress else None,
            workbook=not args.no_workbook,
            max_report_chars=args.max_report_chars,
            segmenter=args.segmenter,
        )
    except (OSError, ValueError, ImportError) as error:
        print(f"aidlib: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            f"aidlib: interrupted; the tables in {args.out} are those of the previous run, if any",
            file=sys.stderr,
        )
        return 130
    print(
        f"{summary.reports} reports analysed, {len(summary.problems)} problems; "
        f"tables in {args.out}",
        file=sys.stderr,
    )
    for row in summary.problems.head(_PROBLEMS_SHOWN).itertuples(index=False):
        print(f"  problem: {row.file}: {row.reason}", file=sys.stderr)
    if len(summary.problems) > _PROBLEMS_SHOWN:
        print(f"  … and more: see {args.out}/problems.csv", file=sys.stderr)
    return 0 if summary.reports else 1


if __name__ == "__main__":
    sys.exit(main())
