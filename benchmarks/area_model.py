"""Does a small model of the aid area, learned from the gold, carry over better than the rules?

Every gold money mention of the six development folders that ``aidlib.money`` finds (paired
as ``benchmarks/money.py`` pairs them) becomes an example: the reader's area, the rules' area,
how the rules decided it (``none``: no cue, ``word``: one cue word of ``money_cues.csv``,
``phrase``: a stated purpose, a firm's investment, a deal, a wage: ``用于建设产业``) and the
features of its sentence: the character uni- and bigrams of its clause before and after the
amount (``b:``, ``a:``; digits folded to 0) and the bigrams of the rest of its sentence part
(``s:``). Leave one folder out: for each folder, each model is trained on the other five and
scored on it (area right of the matched mentions, as ``benchmarks/money.py`` counts it):

- ``rules``: ``aidlib.money`` as it is (tuned on all six folders: a development figure);
- ``NB text``: multinomial naive Bayes on the n-grams (add-½ smoothing);
- ``LR text``: a softmax regression on the n-grams;
- ``LR stacked``: a softmax regression on the n-grams and the rules' area and how they decided;
- ``rules + stacked where none``: the rules, and ``LR stacked`` where no cue decided;
- ``rules + LR(none) where none``: the rules, and ``LR text`` trained only on the mentions
  where no cue decided, applied to those.

For the last two, the brackets give how many mentions the model changed. The softmax
regression is L2-penalised (1e-3), trained here with numpy (300 Adam steps) on the 0/1
features seen in two or more training mentions; no scikit-learn. About a minute on one core.

    python benchmarks/area_model.py
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from aidlib.chars import simplified
from aidlib.money import extract_money, load_cues

sys.path.insert(0, str(Path(__file__).resolve().parent))
from money import match, parsed, read_gold  # noqa: E402

FOLDERS = ["real", "heldout", "heldout2", "heldout3", "heldout4", "heldout5"]
#: A linear model: the bias per area, and the weight per feature and area.
Weights = tuple[dict[str, float], dict[str, dict[str, float]]]
_CLAUSE_MARK = re.compile("[，；：！？。﹐﹔;!?\n]")
_PART_MARK = re.compile("[；﹔;]")
_DIGITS = re.compile("[0-9０-９]+(?:[.．][0-9０-９]+)?")


class Example:
    """One matched gold mention: the reader's area, the rules' area and how they decided it,
    and the n-gram features of its sentence."""

    def __init__(self, sentence: str, start: int, end: int, gold: str, rule: str, how: str):
        self.gold, self.rule, self.how = gold, rule, how
        clause = _span(_CLAUSE_MARK, sentence, start, end)
        part = _span(_PART_MARK, sentence, start, end)
        rest = sentence[part[0] : clause[0]] + "|" + sentence[clause[1] : part[1]]
        self.text = [
            *_grams("b:", sentence[clause[0] : start]),
            *_grams("a:", sentence[end : clause[1]]),
            *_grams("s:", rest, unigrams=False),
        ]
        self.stacked = [*self.text, f"r:{rule}", f"r:{rule}/{how}"]


def _grams(prefix: str, text: str, unigrams: bool = True) -> list[str]:
    """``prefix`` + each character (if ``unigrams``) and each pair of adjacent characters.

    >>> _grams("a:", "用于12万")
    ['a:用', 'a:于', 'a:0', 'a:万', 'a:用于', 'a:于0', 'a:0万']
    """
    text = _DIGITS.sub("0", text)
    singles = [prefix + c for c in text] if unigrams else []
    return singles + [prefix + text[i : i + 2] for i in range(len(text) - 1)]


def _span(mark: re.Pattern[str], text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of ``text`` between the ``mark`` before ``start`` and the one after ``end``."""
    left = max((m.end() for m in mark.finditer(text, 0, start)), default=0)
    right = mark.search(text, end)
    return left, right.start() if right else len(text)


def examples(folder: Path) -> list[Example]:
    """The gold mentions of ``folder`` that ``extract_money`` finds, as examples."""
    cue_words = load_cues().domain
    out = []
    for gold, raw in read_gold(folder):
        doc = parsed(raw, gold["metadata"].get("title") or "")
        for mention, row in match(gold["money"], extract_money(doc, gold["doc_id"], frame=False)):
            start = row["start"] - doc.text.rfind(row["sentence"], 0, row["start"] + 1)
            cue = row["domain_cue"]
            how = "none" if not cue else "word" if cue in cue_words else "phrase"
            sentence = simplified(row["sentence"])
            end = start + len(row["mention"])
            out.append(Example(sentence, start, end, mention["domain"], row["domain"], how))
    return out


def classify(found: list[str], model: Weights) -> str:
    """The area with the highest score (bias plus the weights of the features ``found``)."""
    bias, weights = model
    scores = dict(bias)
    for feature in found:
        for area, weight in weights.get(feature, {}).items():
            scores[area] += weight
    return max(scores, key=lambda area: scores[area])


def train_nb(data: list[tuple[list[str], str]], alpha: float = 0.5) -> Weights:
    """Multinomial naive Bayes as a linear model: log prior and log likelihoods."""
    labels = sorted({y for _, y in data})
    counts = {y: Counter() for y in labels}
    for found, y in data:
        counts[y].update(found)
    vocabulary = {f for c in counts.values() for f in c}
    n = Counter(y for _, y in data)
    weights: dict[str, dict[str, float]] = {f: {} for f in vocabulary}
    for y in labels:
        total = sum(counts[y].values()) + alpha * len(vocabulary)
        for f in vocabulary:
            weights[f][y] = math.log((counts[y][f] + alpha) / total)
    return {y: math.log(n[y] / len(data)) for y in labels}, weights


def train_lr(data: list[tuple[list[str], str]], l2: float = 1e-3, steps: int = 300) -> Weights:
    """A softmax regression on the 0/1 features seen in two or more examples (Adam, rate 0.05)."""
    labels = sorted({y for _, y in data})
    seen = Counter(f for found, _ in data for f in set(found))
    index = {f: i for i, f in enumerate(sorted(f for f, k in seen.items() if k >= 2))}
    rows, columns = [], []  # the sparse 0/1 matrix as (row, column) pairs
    for row, (found, _) in enumerate(data):
        active = sorted({index[f] for f in found if f in index})
        rows += [row] * len(active)
        columns += active
    rows_, columns_ = np.array(rows, dtype=int), np.array(columns, dtype=int)
    y = np.zeros((len(data), len(labels)))
    y[np.arange(len(data)), [labels.index(label) for _, label in data]] = 1.0
    w = np.zeros((len(index) + 1, len(labels)))  # the last row is the bias
    moment, square = np.zeros_like(w), np.zeros_like(w)
    for step in range(1, steps + 1):
        z = w[-1] + np.stack(
            [np.bincount(rows_, w[columns_, j], len(data)) for j in range(len(labels))], axis=1
        )
        p = np.exp(z - z.max(axis=1, keepdims=True))
        error = (p / p.sum(axis=1, keepdims=True) - y) / len(data)
        gradient = l2 * w
        gradient[-1] = error.sum(axis=0)
        for j in range(len(labels)):
            gradient[:-1, j] += np.bincount(columns_, error[rows_, j], len(index))
        moment = 0.9 * moment + 0.1 * gradient
        square = 0.999 * square + 0.001 * gradient**2
        w -= 0.05 * (moment / (1 - 0.9**step)) / (np.sqrt(square / (1 - 0.999**step)) + 1e-8)
    weights = {f: dict(zip(labels, map(float, w[i]), strict=True)) for f, i in index.items()}
    return dict(zip(labels, map(float, w[-1]), strict=True)), weights


def scores(train: list[Example], test: list[Example]) -> dict[str, str]:
    """Each model's area right on ``test`` after training on ``train``, as table cells."""
    nb = train_nb([(e.text, e.gold) for e in train])
    lr_text = train_lr([(e.text, e.gold) for e in train])
    lr = train_lr([(e.stacked, e.gold) for e in train])
    lr_none = train_lr([(e.text, e.gold) for e in train if e.how == "none"])

    def right(area: Callable[[Example], str]) -> str:
        return f"{sum(area(e) == e.gold for e in test) / len(test):.1%}"

    def fallback(area: Callable[[Example], str]) -> str:
        changed = sum(e.how == "none" and area(e) != e.rule for e in test)
        return right(lambda e: area(e) if e.how == "none" else e.rule) + f" ({changed})"

    return {
        "rules": right(lambda e: e.rule),
        "NB text": right(lambda e: classify(e.text, nb)),
        "LR text": right(lambda e: classify(e.text, lr_text)),
        "LR stacked": right(lambda e: classify(e.stacked, lr)),
        "rules + stacked where none": fallback(lambda e: classify(e.stacked, lr)),
        "rules + LR(none) where none": fallback(lambda e: classify(e.text, lr_none)),
    }


def main() -> None:
    data = {folder: examples(Path("tests/data") / folder) for folder in FOLDERS}
    header = False
    for held in FOLDERS:
        train = [e for folder in FOLDERS if folder != held for e in data[folder]]
        cells = scores(train, data[held])
        if not header:
            print("| left out (mentions) | " + " | ".join(cells) + " |")
            print("| --- |" + " --- |" * len(cells))
            header = True
        print(f"| {held} ({len(data[held])}) | " + " | ".join(cells.values()) + " |", flush=True)


if __name__ == "__main__":
    main()
