"""Word segmentation with jieba, the project's domain dictionary, stop words and variants.

One ``jieba.Tokenizer`` per process, built on first use (never on import), so that
jieba's global tokenizer stays untouched for other code and modules that do not
tokenise never pay for the dictionary load.

The files in ``data/`` that steer segmentation (users edit these, not code):

- ``dictionary.txt`` — jieba user-dictionary format, ``word frequency tag`` per line:
  place and organisation names of the reports (tags ``ns``, ``nt``, ``nr``, ``nz``) and
  the policy vocabulary (``vn``, ``n``, ``l`` …). Frequency is jieba's relative weight:
  1000 for a domain word, or jieba's own frequency when that is higher, which keeps every
  entry whole (a test checks each one).
- ``variants.csv`` — ``variant,canonical,note``: spellings merged everywhere (三架马车 → 三驾马车).
- ``short_forms.csv`` — ``short,full,note``: a place's short form, merged into the full
  form only in a report that itself uses both (航天基地 → 西安航天基地).
- ``stopwords.txt`` — the domain stop words (``#`` starts a comment), added to the
  Chinese list of Stopwords ISO (package ``stopwordsiso``, MIT licence).

>>> tokenize("西安航天基地对口帮扶汉滨区。")
['西安航天基地', '对口帮扶', '汉滨区']
>>> tagged("丹凤县的双孢菇")
[('丹凤县', 'ns'), ('的', 'uj'), ('双孢菇', 'n')]
"""

from __future__ import annotations

import functools
import logging
import re
import sys
import threading
from pathlib import Path

import jieba
import pandas as pd

from aidlib.chars import CJK

_DATA = Path(__file__).resolve().parent.parent / "data"

#: The domain dictionary shipped with the project (jieba user-dictionary format).
DOMAIN_DICTIONARY = _DATA / "dictionary.txt"

#: Spelling variants and the form they are merged into (columns variant, canonical, note).
VARIANTS_FILE = _DATA / "variants.csv"

#: Short forms of place names and their full form (columns short, full, note).
SHORT_FORMS_FILE = _DATA / "short_forms.csv"

#: The domain stop words, one per line; ``#`` starts a comment.
DOMAIN_STOPWORDS_FILE = _DATA / "stopwords.txt"

_WORD = re.compile(rf"[{CJK}A-Za-z0-9]")
_HAS_LETTER = re.compile(rf"[{CJK}A-Za-z]")
_NUMBER = re.compile(r"[0-9０-９.．%％]+|[零〇一二两三四五六七八九十百千万亿几多余]+")


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
    return [word for word in words if is_word(word)]


@functools.cache
def is_word(token: str) -> bool:
    """True unless ``token`` is punctuation or white space only (cached: called once per token).

    >>> is_word("60"), is_word("，"), is_word(" ")
    (True, False, False)
    """
    return bool(_WORD.search(token))


#: Held while the tagger is looked up, so that threads using it for the first time at once
#: build one: jieba hands the dictionary's tags to the first tagger built over a tokenizer
#: only, so a second one would tag domain words with jieba's own tags.
_TAGGER_LOCK = threading.Lock()


def _tagger():  # -> jieba.posseg.POSTokenizer
    with _TAGGER_LOCK:
        return _built_tagger()


@functools.cache
def _built_tagger():  # imports posseg here: it reads jieba's dictionary on import
    first_import = "jieba.posseg" not in sys.modules
    import jieba.posseg

    segmenter, jiebas = tokenizer(), jieba.posseg.dt  # jieba's own tagger, built on import
    if first_import and jiebas.tokenizer.dictionary == segmenter.dictionary:
        # the import has just read this dictionary's tags: copy them, don't read it again
        tagger = object.__new__(jieba.posseg.POSTokenizer)
        tagger.tokenizer, tagger.word_tag_tab = segmenter, dict(jiebas.word_tag_tab)
    else:
        tagger = jieba.posseg.POSTokenizer(segmenter)
    tagger.makesure_userdict_loaded()  # the domain dictionary's tags override jieba's
    return tagger


@functools.cache
def part_of_speech(word: str) -> str:
    """jieba's part-of-speech tag of ``word``: the dictionary's, else jieba's guess ('x' if none).

    >>> part_of_speech("汉滨区"), part_of_speech("对口帮扶"), part_of_speech("，")
    ('ns', 'vn', 'x')
    """
    tagger = _tagger()
    if word in tagger.word_tag_tab:
        return tagger.word_tag_tab[word]
    guess = tagger.lcut(word)
    return guess[0].flag if len(guess) == 1 else "x"


def tagged(text: str) -> list[tuple[str, str]]:
    """``text`` split as ``tokenize(text, keep_punctuation=True)``, each word with its tag."""
    return [(word, part_of_speech(word)) for word in tokenize(text, keep_punctuation=True)]


def _mapping(path: Path, key: str, value: str) -> dict[str, str]:
    """``key`` → ``value`` from the CSV table at ``path``; a malformed table names file and line."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {key, value} - set(table.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    for index, row in table.iterrows():
        line = int(index) + 2  # the header is line 1
        if not row[key] or not row[value]:
            raise ValueError(f"{path}, line {line}: empty {key} or {value}")
        if row[key] == row[value] or (table[key].iloc[: int(index)] == row[key]).any():
            raise ValueError(f"{path}, line {line}: {row[key]!r} maps to itself or is listed twice")
    return dict(zip(table[key], table[value], strict=True))


@functools.cache
def variants(path: Path = VARIANTS_FILE) -> dict[str, str]:
    """The variant → canonical spelling table from ``path``."""
    return _mapping(path, "variant", "canonical")


def canonical(term: str) -> str:
    """The canonical spelling of ``term`` (itself when it has no listed variant).

    >>> canonical("三架马车"), canonical("一体两翼")
    ('三驾马车', '一体两翼')
    """
    return variants().get(term, term)


@functools.cache
def short_forms(path: Path = SHORT_FORMS_FILE) -> dict[str, str]:
    """The short → full place-name table from ``path``.

    >>> short_forms()["航天基地"]
    '西安航天基地'
    """
    return _mapping(path, "short", "full")


@functools.cache
def domain_stopwords(path: Path = DOMAIN_STOPWORDS_FILE) -> frozenset[str]:
    """The domain stop words listed in ``path`` (comments after ``#`` ignored)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(word for line in lines if (word := line.split("#", 1)[0].strip()))


@functools.cache
def stopwords(path: Path = DOMAIN_STOPWORDS_FILE) -> frozenset[str]:
    """Stop words: Stopwords ISO's Chinese list (``stopwordsiso``) plus the domain list.

    >>> {"的", "我们", "进行"} <= stopwords()
    True
    """
    import stopwordsiso  # reads its JSON on import: only when stop words are asked for

    return frozenset(stopwordsiso.stopwords("zh")) | domain_stopwords(path)


#: jieba tags (by first letter) of function words and numerals: numeral, measure word,
#: pronoun, adverb, time word, locative, preposition, conjunction, auxiliary, modal
#: particle, interjection, onomatopoeia.
FUNCTION_TAGS = frozenset("mqrdtfpcuyeo")


@functools.cache
def is_content_word(word: str, tag: str) -> bool:
    """True for a word that may enter a frequency table (cached: called once per token).

    Dropped: stop words, punctuation and white space, digit strings and numerals
    (60, 370, 三, 一百), words whose tag is in ``FUNCTION_TAGS``, and single characters
    unless tagged as a noun.

    >>> words = ["双孢菇", "的", "2019", "，", "茶", "在", "万元", "不断", "看"]
    >>> [w for w in words if is_content_word(w, part_of_speech(w))]
    ['双孢菇', '茶']
    """
    if not _HAS_LETTER.search(word) or _NUMBER.fullmatch(word) or word in stopwords():
        return False
    if tag[:1] in FUNCTION_TAGS:
        return False
    return len(word) > 1 or tag.startswith("n")
