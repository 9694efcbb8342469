"""Word segmentation with jieba and the project's domain dictionary.

One ``jieba.Tokenizer`` per process, built on first use (never on import), so that
jieba's global tokenizer stays untouched for other code and modules that do not
tokenise never pay for the dictionary load.

>>> tokenize("西安航天基地对口帮扶汉滨区。")
['西安航天基地', '对口帮扶', '汉滨区']
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path

import jieba
import pandas as pd

from aidlib.chars import CJK

_DATA = Path(__file__).resolve().parent.parent / "data"

#: The domain dictionary shipped with the project (jieba user-dictionary format).
DOMAIN_DICTIONARY = _DATA / "dictionary.txt"

#: Spelling variants and the form they are merged into (columns variant, canonical, note).
VARIANTS_FILE = _DATA / "variants.csv"

_WORD = re.compile(rf"[{CJK}A-Za-z0-9]")


@functools.cache
def tokenizer(dictionary: Path = DOMAIN_DICTIONARY) -> jieba.Tokenizer:
    """The process's jieba tokenizer with ``dictionary`` loaded (built once, then cached)."""
    jieba_logger = logging.getLogger("jieba")
    level = jieba_logger.level
    jieba_logger.setLevel(logging.WARNING)  # no "Building prefix dict …" noise in notebooks
    try:
        segmenter = jieba.Tokenizer()
        segmenter.initialize()
        if dictionary.exists():
            segmenter.load_userdict(str(dictionary))
    finally:
        jieba_logger.setLevel(level)
    return segmenter


def tokenize(text: str, keep_punctuation: bool = False) -> list[str]:
    """Split ``text`` into words; punctuation and white space are dropped unless asked for.

    With ``keep_punctuation=True`` the tokens join back to ``text`` exactly.

    >>> "".join(tokenize("投入超过60万元；", keep_punctuation=True))
    '投入超过60万元；'
    """
    words = tokenizer().lcut(text)
    if keep_punctuation:
        return words
    return [word for word in words if _WORD.search(word)]


@functools.cache
def variants(path: Path = VARIANTS_FILE) -> dict[str, str]:
    """The variant → canonical spelling table from ``path``."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return dict(zip(table["variant"], table["canonical"], strict=True))


def canonical(term: str) -> str:
    """The canonical spelling of ``term`` (itself when it has no listed variant).

    >>> canonical("三架马车"), canonical("一体两翼")
    ('三驾马车', '一体两翼')
    """
    return variants().get(term, term)
