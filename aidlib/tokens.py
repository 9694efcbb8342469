"""Word segmentation with jieba, the project's domain dictionary, stop words and variants.

One ``jieba.Tokenizer`` per process, built on first use (never on import), so that
jieba's global tokenizer stays untouched for other code and modules that do not
tokenise never pay for the dictionary load.

Words are cut by one of ``SEGMENTERS``, chosen by the ``segmenter`` keyword of
``segment``, ``tokenize`` and ``tagged`` (and of the functions of ``aidlib.keywords`` and
``aidlib.pipeline`` that count terms): ``"jieba"`` (the default) or ``"jieba-rs"``, the
Rust port of jieba (package ``rjieba``, ``pip install 'aidlib[fast]'``), many times as
fast, for corpora of thousands of reports. ``cutter`` builds either with the same
vocabulary. Both cut alike but for a few words in ten thousand (``benchmarks/README.md``
lists how they differ). Tags and word counts are read from jieba's tables in both cases
(jieba-rs cannot give a word it knows the domain dictionary's tag).

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
import threading
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path

import jieba
import pandas as pd

from aidlib.chars import CJK, simplified

_DATA = Path(__file__).resolve().parent.parent / "data"

#: The domain dictionary shipped with the project (jieba user-dictionary format).
DOMAIN_DICTIONARY = _DATA / "dictionary.txt"

#: Spelling variants and the form they are merged into (columns variant, canonical, note).
VARIANTS_FILE = _DATA / "variants.csv"

#: Short forms of place names and their full form (columns short, full, note).
SHORT_FORMS_FILE = _DATA / "short_forms.csv"

#: The policy vocabulary of paired aid (columns term, group, tag, since, source).
POLICY_TERMS_FILE = _DATA / "policy_terms.csv"

#: The domain stop words, one per line; ``#`` starts a comment.
DOMAIN_STOPWORDS_FILE = _DATA / "stopwords.txt"

#: A word jieba's general dictionary counts more often than this, and does not tag as a
#: place, is a word of general Chinese (和平 7998, 红旗 1052, 城乡, 重点), not a name
#: (安康 124, 丹凤 26; 深圳 is tagged a place).
COMMON_WORD = 500

#: The segmenters ``cutter`` builds: jieba, and jieba-rs (its Rust port, the ``rjieba`` package).
SEGMENTERS = ("jieba", "jieba-rs")

_WORD = re.compile(rf"[{CJK}A-Za-z0-9]")
_HAS_LETTER = re.compile(rf"[{CJK}A-Za-z]")
_NUMBER = re.compile(r"[0-9０-９.．%％]+|[零〇一二两三四五六七八九十百千万亿几多余]+")


@functools.cache
def tokenizer(dictionary: Path = DOMAIN_DICTIONARY) -> jieba.Tokenizer:
    """The process's jieba tokenizer with the vocabulary loaded (built once, then cached).

    Loaded in this order, a later entry overriding an earlier one: the gazetteer's place
    names (``aidlib.places.segmenter_words``), the policy terms (``policy_terms()``), and
    ``dictionary``. jieba's own frequency of every word so overridden is kept for
    ``is_common_word``.
    """
    from aidlib import places  # places segments with this module: imported on first use

    jieba_logger = logging.getLogger("jieba")
    level = jieba_logger.level
    jieba_logger.setLevel(logging.WARNING)  # no "Building prefix dict …" noise in notebooks
    try:
        segmenter = jieba.Tokenizer()
        segmenter.initialize()
        general: dict[str, int] = {}
        entries = places.segmenter_words(segmenter.FREQ)
        entries += [
            (term, max(1000, segmenter.FREQ.get(term, 0)), tag)
            for term, tag in policy_terms().items()
        ]
        if dictionary.exists():
            entries += _dictionary_entries(dictionary)
        total = segmenter.total
        for word, freq, tag in entries:
            general.setdefault(word, segmenter.FREQ.get(word, 0))
            segmenter.add_word(word, freq, tag)
        # jieba weighs a word by its count over the total: keep jieba's own total, or the
        # thousands of names added would make every long word likelier (开展活动 whole)
        segmenter.total = total
        segmenter.general_frequencies = general  # jieba's own, for the words overridden
        segmenter.vocabulary = entries  # what ``cutter("jieba-rs")`` loads too
    finally:
        jieba_logger.setLevel(level)
    return segmenter


@functools.cache
def cutter(segmenter: str = "jieba") -> Callable[[str], list[str]]:
    """The function that cuts a text into words with ``segmenter`` (one of ``SEGMENTERS``),
    the vocabulary of ``tokenizer()`` loaded (built once, then cached).

    jieba-rs takes the same words, frequencies and tags. Two differences stay (about one
    word token in a thousand, ``benchmarks/segmenters.py``): jieba-rs weighs a word
    against the total of all frequencies, the added words' included, where
    ``tokenizer()`` keeps jieba's own total (each word costs 0.11 more in
    log-probability, so a few compounds stay whole: 技术交流, 万元以上), and it keeps
    letters or digits joined by a sign whole (8-12, where jieba cuts 8, -, 12).

    >>> cutter("jieba")("对口帮扶汉滨区")
    ['对口帮扶', '汉滨区']
    """
    if segmenter == "jieba":
        return tokenizer().lcut
    if segmenter != "jieba-rs":
        raise ValueError(f"segmenter must be one of {SEGMENTERS}, not {segmenter!r}")
    try:
        import rjieba
    except ImportError as error:
        raise ImportError(
            "segmenter='jieba-rs' needs the rjieba package: pip install 'aidlib[fast]'"
        ) from error
    rust = rjieba.Jieba()
    for word, freq, tag in tokenizer().vocabulary:
        rust.add_word(word, freq, tag)
    return rust.cut


def _dictionary_entries(path: Path) -> list[tuple[str, int, str | None]]:
    """(word, frequency, tag) of a jieba user dictionary (``word [frequency] [tag]`` a line)."""
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) > 3 or (len(fields) > 1 and not fields[1].isdigit()):
            raise ValueError(f"{path}, line {number}: expected 'word frequency tag', got {line!r}")
        entries.append(
            (fields[0], int(fields[1]) if len(fields) > 1 else 1000, (fields[2:] or [None])[0])
        )
    return entries


@functools.cache
def is_common_word(word: str) -> bool:
    """True for a word of general Chinese that is no place name: jieba's general dictionary
    counts it more than ``COMMON_WORD`` times and does not tag it ``ns`` (before the
    project's vocabulary is added).

    >>> is_common_word("和平"), is_common_word("深圳"), is_common_word("汉滨")
    (True, False, False)
    """
    return general_frequency(word) > COMMON_WORD and part_of_speech(word) != "ns"


def general_frequency(word: str) -> int:
    """How many times jieba's general dictionary counts ``word`` (0: not in it), before the
    project's vocabulary is added.

    >>> general_frequency("和平") > COMMON_WORD, general_frequency("汉滨")
    (True, 0)
    """
    segmenter = tokenizer()
    return segmenter.general_frequencies.get(word, segmenter.FREQ.get(word, 0))


def segment(text: str, segmenter: str = "jieba") -> tuple[list[str], frozenset[int]]:
    """``text`` split into words by ``segmenter`` (``cutter``), punctuation and white space
    kept (they join back to ``text``), and the indices of the townships joined, after a
    county or where the segmenter cut one (``aidlib.places.join_townships``); a place read
    across a word's end is cut back (以上 城区, ``aidlib.places.split_misread_places``). A report in
    traditional characters is segmented as its simplified spelling, its words kept as written.

    >>> segment("隴南市與汉滨区晏坝镇")
    (['隴南市', '與', '汉滨区', '晏坝镇'], frozenset({3}))
    """
    from aidlib import places

    shadow = simplified(text)
    words = places.split_misread_places(cutter(segmenter)(shadow))
    joined: frozenset[int] = frozenset()
    if "乡" in shadow or "镇" in shadow or "街道" in shadow:
        words, joined = places.join_townships(words)
    if shadow != text:
        ends = list(accumulate(len(word) for word in words))
        words = [text[end - len(word) : end] for word, end in zip(words, ends, strict=True)]
    return words, joined


def tokenize(text: str, keep_punctuation: bool = False, segmenter: str = "jieba") -> list[str]:
    """Split ``text`` into words with ``segmenter`` (``cutter``); punctuation and white
    space are dropped unless asked for.

    With ``keep_punctuation=True`` the tokens join back to ``text`` exactly.

    >>> "".join(tokenize("投入超过60万元；", keep_punctuation=True))
    '投入超过60万元；'
    """
    words = segment(text, segmenter)[0]
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
    import jieba.posseg

    tagger = jieba.posseg.POSTokenizer(tokenizer())
    tagger.makesure_userdict_loaded()  # the domain dictionary's tags override jieba's
    return tagger


@functools.cache
def part_of_speech(word: str) -> str:
    """jieba's part-of-speech tag of ``word`` in simplified spelling: the dictionary's, else
    jieba's guess ('x' if none). Cached per word as written.

    >>> part_of_speech("汉滨区"), part_of_speech("對口幫扶"), part_of_speech("，")
    ('ns', 'vn', 'x')
    """
    word = simplified(word)
    tagger = _tagger()
    if word in tagger.word_tag_tab:
        return tagger.word_tag_tab[word]
    guess = tagger.lcut(word)
    return guess[0].flag if len(guess) == 1 else "x"


def tagged(text: str, segmenter: str = "jieba") -> list[tuple[str, str]]:
    """``text`` split as ``tokenize(text, keep_punctuation=True, segmenter=segmenter)``, each
    word with its tag: ``part_of_speech`` (jieba's table, whatever the segmenter), ``ns``
    for a township joined (``segment``)."""
    words, townships = segment(text, segmenter)
    return [
        (word, "ns" if i in townships else part_of_speech(word)) for i, word in enumerate(words)
    ]


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
def policy_vocabulary(path: Path = POLICY_TERMS_FILE) -> pd.DataFrame:
    """The policy vocabulary table at ``path``: term, group, tag, since, source.

    ``group`` says what a term is (programme, pairing, mechanism, funding, people,
    campaign, revitalisation); ``tag`` is its jieba part of speech; ``since`` the year the
    term entered policy use where known; ``source`` the document it comes from. A
    malformed table names file and line.

    >>> table = policy_vocabulary()
    >>> table.loc[table["term"] == "东西部协作", ["group", "since"]].values.tolist()
    [['programme', '2021']]
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)
    columns = ["term", "group", "tag", "since", "source"]
    missing = set(columns) - set(table.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    for index, row in table.iterrows():
        line = int(index) + 2
        if not row["term"] or not row["group"] or not row["tag"].isalpha():
            raise ValueError(
                f"{path}, line {line}: a term needs a group and a letter tag: {dict(row)}"
            )
    repeated = table["term"][table["term"].duplicated()].tolist()
    if repeated:
        raise ValueError(f"{path}: terms listed twice: {repeated}")
    return table[columns]


def policy_terms(path: Path = POLICY_TERMS_FILE) -> dict[str, str]:
    """term → tag of the policy vocabulary (``policy_vocabulary``)."""
    table = policy_vocabulary(path)
    return dict(zip(table["term"], table["tag"], strict=True))


@functools.cache
def variants(path: Path = VARIANTS_FILE) -> dict[str, str]:
    """The variant → canonical spelling table from ``path``."""
    return _mapping(path, "variant", "canonical")


@functools.cache
def canonical(term: str) -> str:
    """The canonical spelling of ``term``: simplified, then its listed variant's canonical form
    (cached: called once per distinct word of each report).

    >>> canonical("三架马车"), canonical("一体两翼"), canonical("幫扶資金")
    ('三驾马车', '一体两翼', '帮扶资金')
    """
    term = simplified(term)
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


#: Numerals and measure words: a word no dictionary holds that has one is a piece of
#: a count (5个村 → 个村, 3万人 → 万人, 两市, 一是).
_COUNTING = frozenset("零〇一二两三四五六七八九十百千万亿几多余个家项名位次批届期")


#: Letters and digits mixed: a file name, code or tracking id (4237p, img01), not a term.
_ASCII_CODE = re.compile(r"(?=.*[0-9])(?=.*[A-Za-z])[0-9A-Za-z]+")


@functools.cache
def _qualifiers() -> frozenset[str]:
    from aidlib.numerals import PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS

    return frozenset(PREFIX_QUALIFIERS) | frozenset(SUFFIX_QUALIFIERS)


@functools.cache
def is_fragment(word: str) -> bool:
    """True for a piece of a phrase rather than a term, which never enters a top list or a
    word cloud: a single character; letters mixed with digits (4237p); a word that is, or
    starts or ends with, a qualifier of an amount (超过, 低于, 万元以上: the words
    ``aidlib.numerals`` reads before or after a number); a word no dictionary holds (made
    by jieba's model from what it could not match) that has a numeral or measure word
    (个村, 万人, 两市, 一是) or is two characters long (县共, 坝村). A place of the
    gazetteer or a township is never a fragment.

    >>> words = ["个村", "万人", "超过", "低于", "万元以上", "云", "县共", "4237p", "两地", "汉滨", "晏坝镇"]
    >>> [w for w in words if is_fragment(w)]
    ['个村', '万人', '超过', '低于', '万元以上', '云', '县共', '4237p']
    """
    from aidlib import places

    if len(word) == 1 or _ASCII_CODE.fullmatch(word):
        return True
    long_qualifiers = [q for q in _qualifiers() if len(q) > 1]
    if word.startswith(tuple(long_qualifiers)) or word.endswith(tuple(long_qualifiers)):
        return True
    word = simplified(word)
    if places.lookup(word) or places.is_township_form(word):
        return False
    if tokenizer().FREQ.get(word, 0) > 0:
        return False
    return len(word) == 2 or any(char in _COUNTING for char in word)


@functools.cache
def is_content_word(word: str, tag: str) -> bool:
    """True for a word that may enter a frequency table (cached: called once per token).

    Dropped: stop words, punctuation and white space, digit strings and numerals
    (60, 370, 三, 一百), words whose tag is in ``FUNCTION_TAGS``, and fragments
    (``is_fragment``: single characters, 个村, 低于).

    >>> words = ["双孢菇", "的", "2019", "，", "茶", "在", "万元", "不断", "看", "个村"]
    >>> [w for w in words if is_content_word(w, part_of_speech(w))]
    ['双孢菇']
    """
    if not _HAS_LETTER.search(word) or _NUMBER.fullmatch(word) or word in stopwords():
        return False
    return tag[:1] not in FUNCTION_TAGS and not is_fragment(word)
