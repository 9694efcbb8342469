"""The development corpus of real reports (``tests/data/real``) as a data folder, for tests.

Its ``corpus.csv`` is made from the gold files' metadata by ``tests/data/real_corpus_csv.py``.
"""

from __future__ import annotations

from pathlib import Path

REAL = Path(__file__).resolve().parent / "data" / "real"


def data_folder() -> Path | None:
    """``tests/data/real`` when it is there with its ``corpus.csv``, else ``None`` (tests skip)."""
    return REAL if (REAL / "corpus.csv").is_file() else None
