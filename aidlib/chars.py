"""Character classes shared by the text steps (regular-expression fragments).

>>> import re
>>> bool(re.fullmatch(f"[{CJK}]+", "对口帮扶"))
True
"""

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
