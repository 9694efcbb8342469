"""What the notebooks say about the corpus, written from their tables as Markdown.

Every statement a notebook makes about its reports (counts, the longest report, shares,
top terms, how many uncoded blocks are headings) comes from one function here, one per
notebook, so the text holds for whatever folder the notebook runs on: "the 8 reports",
never "the two". The notebooks show the result with ``IPython.display.Markdown``; their
fixed prose only states the question, the method and the caveats.

``sides`` reads a notebook's ``compare`` parameter into the two sets of reports that
notebooks 03–05 compare.
"""

from __future__ import annotations

import ast
import html
from collections.abc import Mapping, Sequence

import pandas as pd

from aidlib.corpus import Corpus, group_labels
from aidlib.display import MOST_REPORTS, largest_reports, yuan_range
from aidlib.model_cards import SLOGAN_KINDS
from aidlib.structure import LEAD_SECTION

#: A code's share must differ by this much (in share of body text) to be called larger.
SHARE_GAP = 0.05


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``count`` and the noun, singular or plural.

    >>> plural(1, "report"), plural(8, "report"), plural(1_242, "repair")
    ('1 report', '8 reports', '1,242 repairs')
    """
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def listing(items: Sequence[str], empty: str = "none", most: int | None = None) -> str:
    """Items joined as prose: ``a``, ``a and b``, ``a, b and c``; past ``most`` items, the
    first ``most`` and how many more.

    >>> listing(["a"]), listing(["a", "b", "c"]), listing([]), listing("abcd", most=2)
    ('a', 'a, b and c', 'none', 'a, b and 2 more')
    """
    items = list(items)
    if not items:
        return empty
    if most is not None and len(items) > most:
        return f"{', '.join(items[:most])} and {len(items) - most:,} more"
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _md(text: object) -> str:
    """Text from a report, safe inside Markdown (markup shows as text)."""
    return html.escape(str(text)).replace("*", r"\*").replace("_", r"\_")


def sides(
    corpus: Corpus | pd.DataFrame, compare: Sequence[str] | None = None
) -> dict[str, list[str]]:
    """The two sets of reports a ``compare`` parameter names, label → doc_ids.

    ``compare`` is two doc_ids, or a metadata column (or ``pairing``/``year``, see
    ``aidlib.coding.group_labels``) and two of its values, a value standing for the one
    label it begins (陕西 for 陕西省); written as a list in a string too, as papermill's
    ``-p compare '["province", "陕西", "甘肃"]'`` passes it; ``None`` takes the first two
    reports (none with fewer than two). Raises ``ValueError`` naming what the corpus has
    when a side is empty.

    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "province": ["甲省", "乙省", "甲省"]})
    >>> sides(corpus), sides(corpus, ("c", "b")), sides(corpus, '["province", "甲", "乙省"]')
    ({'a': ['a'], 'b': ['b']}, {'c': ['c'], 'b': ['b']}, {'甲省': ['a', 'c'], '乙省': ['b']})
    """
    metadata = corpus.metadata if isinstance(corpus, Corpus) else corpus
    doc_ids = metadata["doc_id"].tolist()
    if compare is None:
        if len(doc_ids) < 2:
            return {}
        compare = doc_ids[:2]
    if isinstance(compare, str):
        try:
            compare = ast.literal_eval(compare)
        except (ValueError, SyntaxError):
            raise ValueError(f"compare: {compare!r} is no list of two or three strings") from None
    compare = list(compare)
    if len(compare) == 2:
        unknown = [doc_id for doc_id in compare if doc_id not in doc_ids]
        if unknown or compare[0] == compare[1]:
            raise ValueError(f"compare: {compare} must be two doc_ids of {doc_ids}")
        return {doc_id: [doc_id] for doc_id in compare}
    if len(compare) != 3:
        raise ValueError(f"compare is two doc_ids or a column and two values, not {compare}")
    column, *values = compare
    labels = group_labels(metadata, column)
    named = set(labels)
    values = [
        value
        if value in named
        else next(iter(begun))
        if len(begun := {label for label in named if label.startswith(value)}) == 1
        else value
        for value in values
    ]
    found = {value: labels.index[labels == value].tolist() for value in values}
    if not all(found.values()) or values[0] == values[1]:
        raise ValueError(f"compare: {column} has {sorted(named)}, not both of {values}")
    return found


def sides_note(corpus: Corpus | pd.DataFrame, compare: Sequence[str] | None) -> str:
    """What a findings sentence adds when ``sides`` chose the two reports itself: in a
    corpus of more than two, they are the first two of corpus.csv, not a chosen pair.

    >>> sides_note(pd.DataFrame({"doc_id": ["a", "b", "c"]}), None)
    ' (the first two of the 3 reports, in corpus.csv order: set `compare` to choose)'
    >>> sides_note(pd.DataFrame({"doc_id": ["a", "b", "c"]}), ("c", "b"))
    ''
    """
    n = len(corpus.metadata if isinstance(corpus, Corpus) else corpus)
    if compare is not None or n <= 2:
        return ""
    return f" (the first two of the {n:,} reports, in corpus.csv order: set `compare` to choose)"


def _percent(share: float) -> str:
    return f"{100 * share:.0f} %"


def _count(value: object, missing: str) -> str:
    """A card's count as written in a finding (``1,500``), or ``missing`` when it states none.

    >>> _count(1500.0, "none"), _count(None, "none")
    ('1,500', 'none')
    """
    return missing if value is None or pd.isna(value) else f"{int(value):,}"


def _the_reports(n: int) -> str:
    return "the one report" if n == 1 else f"the {n:,} reports"


def text_statistics(
    stats: pd.DataFrame, sections: pd.DataFrame, front: pd.DataFrame, fixes: pd.DataFrame
) -> str:
    """Notebook 01's findings from ``textstats.statistics`` (per report and ``by="section"``),
    ``textstats.titles`` and ``corpus.fixes_table``.

    >>> stats = pd.DataFrame({"doc_id": ["a", "b"], "chinese_chars": [3000, 1000],
    ...     "paragraphs": [20, 8], "sentences": [40, 15], "median_sentence_chars": [50.0, 45.5],
    ...     "share_sentences_with_number": [0.5, 0.2], "mattr": [0.81, 0.8]})
    >>> sections = pd.DataFrame({"doc_id": ["a", "a", "b"], "section": ["一", "二", "（导语）"],
    ...     "chinese_chars": [2000, 1000, 1000]})
    >>> front = pd.DataFrame({"doc_id": ["a", "b"], "title": ["甲", "乙"],
    ...     "parsed_title": ["甲", "丙"], "same": [True, False], "furniture": [0, 3]})
    >>> fixes = pd.DataFrame({"doc_id": ["a", "a", "b"], "kind": ["space", "punctuation", "space"]})
    >>> print(text_statistics(stats, sections, front, fixes))
    The 2 reports hold 4,000 Chinese characters of body text in 28 paragraphs. The longest is **a** (3,000 characters), 3.0 times the shortest, **b** (1,000 characters).
    <BLANKLINE>
    Normalisation made 3 repairs (space 2, punctuation 1). 3 lines of site furniture were removed, from b. Of the 2 reports, the title found in the text differs from the metadata title in 1: b.
    <BLANKLINE>
    - **a**: 3,000 Chinese characters in 20 body paragraphs and 40 sentences (median 50 characters, 50 % with a number); MATTR 0.81; 2 repairs; longest section 一 (67 % of its characters).
    - **b**: 1,000 Chinese characters in 8 body paragraphs and 15 sentences (median 45.5 characters, 20 % with a number); MATTR 0.80; 1 repair; no headings.
    """
    n = len(stats)
    ranked = stats.sort_values(["chinese_chars", "doc_id"], ascending=[False, True])
    lines = [
        f"{_the_reports(n).capitalize()} {'holds' if n == 1 else 'hold'} {stats['chinese_chars'].sum():,} Chinese characters "
        f"of body text in {stats['paragraphs'].sum():,} paragraphs."
    ]
    if n > 1:
        longest, shortest = ranked.iloc[0], ranked.iloc[-1]
        ratio = longest["chinese_chars"] / max(shortest["chinese_chars"], 1)
        lines[0] += (
            f" The longest is **{_md(longest['doc_id'])}** ({longest['chinese_chars']:,} characters), "
            f"{ratio:.1f} times the shortest, **{_md(shortest['doc_id'])}** "
            f"({shortest['chinese_chars']:,} characters)."
        )
    cut_off = fixes["kind"] == "truncated"  # reported, not changed: no repair
    kinds = fixes.loc[~cut_off, "kind"].value_counts()
    repairs = ", ".join(f"{kind} {count:,}" for kind, count in kinds.items())
    furnished = front[front["furniture"] > 0].sort_values(
        "furniture", ascending=False, kind="stable"
    )
    removed = (
        f"{plural(int(furnished['furniture'].sum()), 'line')} of site furniture were removed, "
        f"from {listing([_md(d) for d in furnished['doc_id']], most=MOST_REPORTS)}."
        if len(furnished)
        else "No report had site furniture to remove."
    )
    titles = _titles_said(front)
    flagged = (
        f" {plural(int(cut_off.sum()), 'line')} {'stops' if cut_off.sum() == 1 else 'stop'} "
        "mid-sentence (`truncated`: reported, not changed)."
        if cut_off.any()
        else ""
    )
    lines.append(
        f"Normalisation made {plural(int((~cut_off).sum()), 'repair')}"
        + (f" ({repairs})" if repairs else "")
        + f".{flagged} {removed} {titles}"
    )
    largest = sections.loc[sections.groupby("doc_id", sort=False)["chinese_chars"].idxmax()]
    largest = largest.set_index("doc_id")
    counts = fixes.loc[~cut_off, "doc_id"].value_counts()
    kept, shown = largest_reports(stats.set_index("doc_id")["chinese_chars"], "with the most text")
    if shown:
        lines.append(f"Per report, {shown}:")
    bullets = []
    for row in stats.set_index("doc_id", drop=False).loc[kept].to_dict("records"):
        doc_id = row["doc_id"]
        text = (
            f"- **{_md(doc_id)}**: {row['chinese_chars']:,} Chinese characters in "
            f"{plural(row['paragraphs'], 'body paragraph')} and "
            f"{plural(row['sentences'], 'sentence')} "
            f"(median {row['median_sentence_chars']:g} characters, "
            f"{_percent(row['share_sentences_with_number'])} with a number); "
            f"MATTR {row['mattr']:.2f}; {plural(int(counts.get(doc_id, 0)), 'repair')}"
        )
        if doc_id in largest.index and row["chinese_chars"]:
            section = largest.loc[doc_id]
            share = section["chinese_chars"] / row["chinese_chars"]
            text += (
                "; no headings"
                if section["section"] == LEAD_SECTION and share == 1
                else f"; longest section {_md(section['section'])} "
                f"({_percent(share)} of its characters)"
            )
        bullets.append(text + ".")
    return "\n\n".join([*lines, "\n".join(bullets)])


def _titles_said(front: pd.DataFrame) -> str:
    """How the titles found in the text meet the metadata's (``textstats.titles``): where
    they differ, and, apart, the reports whose metadata has no title.

    >>> front = pd.DataFrame({"doc_id": ["a", "b", "c"], "title": ["甲", "", ""],
    ...     "parsed_title": ["甲", "乙", ""], "same": [True, False, True]})
    >>> _titles_said(front)
    'The title found in the text is the metadata title in the one report that has one. 2 reports have no metadata title; the text gave one for 1 of them: b.'
    """
    given = front["title"].fillna("").astype(str) != ""
    found_one = front["parsed_title"].fillna("").astype(str) != ""
    differ = front.loc[given & found_one & ~front["same"].astype(bool), "doc_id"]
    none_found = front.loc[given & ~found_one, "doc_id"]
    of = _the_reports(int(given.sum()))
    if not given.all():
        of += " that has one" if given.sum() == 1 else " that have one"
    if not given.any():
        said = "No report has a metadata title."
    elif len(differ) or len(none_found):
        parts = []
        if len(differ):
            parts.append(
                f"the title found in the text differs from the metadata title in "
                f"{len(differ)}: {listing([_md(d) for d in differ], most=MOST_REPORTS)}"
            )
        if len(none_found):
            parts.append(
                f"the text shows no title line in {len(none_found)}: "
                f"{listing([_md(d) for d in none_found], most=MOST_REPORTS)}"
            )
        said = f"Of {of}, {'; '.join(parts)}."
    elif given.all():
        said = "In every report the title found in the text is the metadata title."
    else:
        said = f"The title found in the text is the metadata title in {of}."
    untitled = front[~given]
    if len(untitled):
        found = untitled.loc[untitled["parsed_title"].fillna("").astype(str) != "", "doc_id"]
        said += (
            f" {plural(len(untitled), 'report')} {'has' if len(untitled) == 1 else 'have'} no "
            f"metadata title; the text gave one for {len(found) or 'none'} of them"
            if given.any()
            else f" The text gave a title for {len(found)} of {_the_reports(len(untitled))}"
        )
        said += f": {listing([_md(d) for d in found], most=MOST_REPORTS)}." if len(found) else "."
    return said


def funding(
    shares: pd.DataFrame, labels: Mapping[str, str], roles: pd.DataFrame | None = None
) -> str:
    """Notebook 02's findings from ``money.role_shares``; ``labels`` maps every doc_id of
    the corpus to its pairing (reports without money are named too). Given the
    ``money.mention_roles`` table, a report's items say how much of them is firms'
    investment and purchases of the recipient's produce (consumption aid), which are not
    money the giving side hands over as fiscal aid, donations or goods are.

    >>> shares = pd.DataFrame({"doc_id": ["a", "a", "a"], "role": ["item", "cumulative", "excluded"],
    ...     "n": [2, 1, 1], "low_yuan": [50_000.0, 1e6, 800.0],
    ...     "high_yuan": [60_000.0, float("inf"), 800.0], "largest_low_yuan": [30_000.0, 1e6, 800.0],
    ...     "largest_high_yuan": [30_000.0, float("inf"), 800.0]})
    >>> print(funding(shares, {"a": "甲 → 乙", "b": "丙 → 丁"}))
    The 2 reports name 4 amounts of money: 2 items, 1 running total and 1 amount left out. 1 report names none: b.
    <BLANKLINE>
    - **甲 → 乙** (a): 4 amounts; 2 items (5–6 万元), 1 running total (≥ 100 万元), 1 amount left out.
    """
    counts = shares.pivot_table(index="doc_id", columns="role", values="n", aggfunc="sum")
    counts = counts.reindex(columns=["item", "cumulative", "excluded"]).fillna(0).astype(int)
    sums = shares.set_index(["doc_id", "role"])
    names = {
        "item": ("item", "items"),
        "cumulative": ("running total", "running totals"),
        "excluded": ("amount left out", "amounts left out"),
    }

    def parts(row: pd.Series, doc_id: str | None = None) -> str:
        said = []
        for role, count in row.items():
            text = plural(int(count), *names[role])
            if doc_id is not None and count and role == "item":
                low, high = sums.loc[(doc_id, role), ["low_yuan", "high_yuan"]]
                text += f" ({yuan_range(low, high)}{_of_which(roles, doc_id)})"
            elif doc_id is not None and count and role == "cumulative":  # they overlap: no sum
                low, high = sums.loc[(doc_id, role), ["largest_low_yuan", "largest_high_yuan"]]
                text += f" ({'the largest ' if count > 1 else ''}{yuan_range(low, high)}"
                text += f"{_largest_total_kind(roles, doc_id)})"
            said.append(text)
        return said

    total = counts.sum()
    silent = [doc_id for doc_id in labels if doc_id not in counts.index]
    head = (
        f"{_the_reports(len(labels)).capitalize()} {'names' if len(labels) == 1 else 'name'} {plural(int(total.sum()), 'amount')} "
        f"of money: {listing(parts(total))}."
    )
    if silent:
        head += (
            f" {plural(len(silent), 'report')} {'names' if len(silent) == 1 else 'name'} none: "
            f"{listing([_md(d) for d in silent], most=MOST_REPORTS)}."
        )
    counts = counts.reindex([d for d in labels if d in counts.index])
    kept, shown = largest_reports(counts.sum(axis=1), "naming the most amounts")
    bullets = [
        f"- **{_md(labels.get(doc_id, doc_id))}** ({_md(doc_id)}): "
        f"{plural(int(row.sum()), 'amount')}; {'; '.join([', '.join(parts(row, doc_id))])}."
        for doc_id, row in counts.loc[kept].iterrows()
    ]
    if shown:
        head += f"\n\nPer report, {shown}:"
    return "\n\n".join([head, "\n".join(bullets)]) if bullets else head


#: Kinds of item that are no money handed over as aid, as ``funding`` names them.
_NOT_HANDED_OVER = {"investment": "firms' investment", "purchase": "purchases"}


def _of_which(roles: pd.DataFrame | None, doc_id: str) -> str:
    """``, of which firms' investment …`` for a report's items of the kinds in
    ``_NOT_HANDED_OVER`` (``""`` when it has none or no roles are given).

    >>> roles = pd.DataFrame({"doc_id": ["a"] * 3, "role": ["item"] * 3,
    ...     "kind": ["fund", "investment", "purchase"], "value_yuan": [1e6, 5e7, 2e6],
    ...     "value_yuan_high": [1e6, 5e7, 2e6]})
    >>> _of_which(roles, "a")
    ", of which firms' investment 5,000 万元 and purchases 200 万元"
    """
    if roles is None:
        return ""
    items = roles[(roles["doc_id"] == doc_id) & (roles["role"] == "item")]
    said = [
        f"{name} {yuan_range(of_kind['value_yuan'].sum(), of_kind['value_yuan_high'].sum())}"
        for kind, name in _NOT_HANDED_OVER.items()
        if len(of_kind := items[items["kind"] == kind])
    ]
    return f", of which {listing(said)}" if said else ""


def _largest_total_kind(roles: pd.DataFrame | None, doc_id: str) -> str:
    """``, purchases`` when a report's largest running total is of a kind in
    ``_NOT_HANDED_OVER`` (帮助销售农产品207.97亿元 beside 投入帮扶资金168.12亿元); else ``""``.

    >>> roles = pd.DataFrame({"doc_id": ["a"] * 2, "role": ["cumulative"] * 2,
    ...     "kind": ["fund", "purchase"], "value_yuan": [1.68e10, 2.08e10]})
    >>> _largest_total_kind(roles, "a")
    ', purchases'
    """
    if roles is None:
        return ""
    totals = roles[(roles["doc_id"] == doc_id) & (roles["role"] == "cumulative")]
    if totals.empty:
        return ""
    kind = totals.loc[totals["value_yuan"].idxmax(), "kind"]
    return f", {_NOT_HANDED_OVER[kind]}" if kind in _NOT_HANDED_OVER else ""


def keywords(
    freqs: pd.DataFrame,
    summary: pd.DataFrame,
    places: pd.DataFrame,
    key: pd.DataFrame | None = None,
    compared: Sequence[str] = ("target", "reference"),
    p: float = 0.05,
    n: int = 10,
    note: str = "",
) -> str:
    """Notebook 03's findings from ``keywords.frequencies``, ``keywords.summary``,
    ``places.corpus_places`` and a ``keywords.keyness`` table whose two sides are named
    ``compared``: each report's top word, its place mentions by level, and the terms of
    each side with ``p_value < p`` (the p of ``z``: |z| > 1.96 at 0.05, the line
    ``keywords.plot_keyness`` draws; the first ``n``), with how many of them are
    places the reports name (the places that set the groups apart come out as typical);
    ``note`` follows the two sides' names (``sides_note``).

    >>> freqs = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["资金", "产业", "就业"],
    ...     "count": [9, 4, 3], "relative_frequency": [0.09, 0.04, 0.1]})
    >>> summary = pd.DataFrame({"doc_id": ["a", "b"], "content_tokens": [100, 30]})
    >>> places = pd.DataFrame({"doc_id": ["a", "a"], "canonical": ["甲县", "乙县"],
    ...     "level": ["county", "county"], "count": [2, 1]})
    >>> key = pd.DataFrame({"term": ["资金", "甲县", "产业", "就业"],
    ...     "p_value": [0.009, 0.036, 0.19, 0.028], "side": ["target", "target", "target", "reference"]})
    >>> print(keywords(freqs, summary, places, key, ("a", "b")))
    - **a**: most frequent content word 资金 (9 times, 9.0 % of 100 content words); places named: county 3.
    - **b**: most frequent content word 就业 (3 times, 10.0 % of 30 content words); places named: none.
    <BLANKLINE>
    Keyness, a against b: 2 terms typical of a with p < 0.05 (资金、甲县; 1 of them a place); 1 term typical of b (就业).
    """
    tokens = summary.set_index("doc_id")["content_tokens"]
    levels = places.groupby(["doc_id", "level"], sort=False)["count"].sum()
    kept, shown = largest_reports(tokens, "with the most content words")
    bullets = [f"Per report, {shown}:\n"] if shown else []
    for doc_id in kept:
        top = freqs[freqs["doc_id"] == doc_id].head(1)
        named = levels[doc_id] if doc_id in levels.index.get_level_values(0) else pd.Series()
        word = (
            f"most frequent content word {_md(top['term'].iloc[0])} "
            f"({top['count'].iloc[0]:,} times, {100 * top['relative_frequency'].iloc[0]:.1f} % "
            f"of {tokens[doc_id]:,} content words)"
            if len(top)
            else "no content words"
        )
        where = ", ".join(f"{level} {count:,}" for level, count in named.items()) or "none"
        bullets.append(f"- **{_md(doc_id)}**: {word}; places named: {where}.")
    text = "\n".join(bullets)
    if key is None:
        return (
            text + "\n\nKeyness needs two sets of reports to compare: this corpus has one report."
        )
    found = key[key["p_value"] < p]
    place_names = set(places["canonical"]) if "canonical" in places else set()
    said = []
    for side, name in zip(("target", "reference"), compared, strict=True):
        terms = found.loc[found["side"] == side, "term"]
        if side == "reference":
            terms = terms.iloc[::-1]  # the table is sorted by z: the reference's strongest last
        n_places = int(terms.isin(place_names).sum())
        of_them = (
            f"; {n_places} of them {'a place' if n_places == 1 else 'places'}" if n_places else ""
        )
        listed = f" ({'、'.join(_md(t) for t in terms.head(n))}{of_them})" if len(terms) else ""
        with_p = f" with p < {p:g}" if side == "target" else ""
        said.append(f"{plural(len(terms), 'term')} typical of {_md(name)}{with_p}{listed}")
    pair = f"{_md(compared[0])} against {_md(compared[1])}{note}"
    return text + f"\n\nKeyness, {pair}: {'; '.join(said)}."


def model_comparison(
    coverage: pd.DataFrame,
    cards: Sequence[pd.Series],
    slogans: pd.DataFrame,
    blocks: pd.DataFrame,
    compared: Mapping[str, Sequence[str]],
    gap: float = SHARE_GAP,
    note: str = "",
) -> str:
    """Notebook 04's findings: which codes take a larger share of one side of ``compared``
    (label → doc_ids, from ``sides``; a side's share is the mean of its reports'), each
    report's most quoted named model and its card's counts, and the uncoded blocks.

    ``coverage`` is ``coding.coverage``; ``cards`` the model cards; ``slogans`` one row
    per name with ``doc_id``, ``slogan``, ``kind`` and ``quoted`` (``model_cards.slogans``:
    only models and mechanisms are counted, as on the card); ``blocks`` the
    ``coding.uncoded`` table; ``note`` follows the two sides' names (``sides_note``).

    >>> coverage = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "code": ["x", "y"] * 2,
    ...     "name_en": ["Money", "Schools"] * 2, "share": [0.4, 0.1, 0.2, 0.12]})
    >>> cards = [pd.Series({"doc_id": "a", "resident_cadres": 3, "awards": ["奖"]}),
    ...          pd.Series({"doc_id": "b", "resident_cadres": None, "cadres_in_all": 657,
    ...                     "awards": []})]
    >>> slogans = pd.DataFrame({"doc_id": ["a", "a"], "slogan": ["三区两地", "联席会议"],
    ...     "kind": ["model", "event"], "quoted": [8, 9]})
    >>> blocks = pd.DataFrame({"doc_id": ["b", "b"], "kind": ["heading", "paragraph"]})
    >>> print(model_comparison(coverage, cards, slogans, blocks, {"a": ["a"], "b": ["b"]}))
    Compared: **a** against **b**. A larger share of a's body text: Money (40 % against 20 %). A larger share of b's: none. Within 5 points of each other: Schools.
    <BLANKLINE>
    - **a**: 1 named model or mechanism, most quoted 三区两地 (8 times); resident cadres: 3; awards: 奖.
    - **b**: no named model or mechanism; resident cadres: no number stated (657 sent in all); awards: none.
    <BLANKLINE>
    2 body blocks of the 2 reports carry no code; 1 of them is a heading.
    """
    if len(compared) != 2:
        return "Nothing to compare: the corpus has one report."
    (a, a_ids), (b, b_ids) = compared.items()
    mean = {
        label: coverage[coverage["doc_id"].isin(ids)].groupby("name_en", sort=False)["share"].mean()
        for label, ids in compared.items()
    }
    both = pd.DataFrame(mean).dropna()
    difference = both[a] - both[b]

    def larger(mask: pd.Series) -> str:
        rows = both[mask].assign(d=difference[mask].abs()).sort_values("d", ascending=False)
        return listing(
            [
                f"{name} ({_percent(row[a])} against {_percent(row[b])})"
                for name, row in rows.iterrows()
            ]
        )

    text = f"Compared: **{_md(a)}** against **{_md(b)}**{note}. " + (
        f"A larger share of {_md(a)}'s body text: {larger(difference >= gap)}. "
        f"A larger share of {_md(b)}'s: {larger(difference <= -gap)}. "
        f"Within {100 * gap:.0f} points of each other: {listing(both.index[difference.abs() < gap])}."
        if len(both)
        else "No code has a share on both sides: their reports are too short for shares."
    )
    compared_ids = [*a_ids, *b_ids]
    bullets = []
    for card in cards:
        if card["doc_id"] not in compared_ids:
            continue
        named = slogans[
            (slogans["doc_id"] == card["doc_id"]) & slogans["kind"].isin(SLOGAN_KINDS)
        ].sort_values("quoted", ascending=False, kind="stable")
        model = (
            f"{plural(len(named), 'named model or mechanism', 'named models or mechanisms')}, "
            + _most_quoted(named)
            if len(named)
            else "no named model or mechanism"
        )
        cadres = _count(card.get("resident_cadres"), "no number stated")
        if in_all := _count(card.get("cadres_in_all"), ""):  # 分10批选派657名: no one time's
            cadres += f" ({in_all} sent in all)"
        awards = "、".join(_md(award) for award in card.get("awards") or []) or "none"
        bullets.append(
            f"- **{_md(card['doc_id'])}**: {model}; resident cadres: {cadres}; awards: {awards}."
        )
    n_reports = coverage["doc_id"].nunique()
    headings = int((blocks["kind"] == "heading").sum())
    tail = (
        f"{plural(len(blocks), 'body block')} of {_the_reports(n_reports)} "
        f"{'carries' if len(blocks) == 1 else 'carry'} no code; "
        f"{headings:,} of them {'is a heading' if headings == 1 else 'are headings'}."
        if len(blocks)
        else f"Every body block of {_the_reports(n_reports)} carries a code."
    )
    return "\n\n".join([text, "\n".join(bullets), tail])


def term_hits(words: pd.DataFrame, characters: pd.DataFrame) -> pd.DataFrame:
    """Per term and report, from two ``context.kwic`` tables of the same terms (token
    matches, ``regex=True`` matches): hits as a word, further hits inside longer words,
    the section with most word hits and its share of them.

    Columns: term, doc_id, as_word, inside_longer_words, top_section, share_there.

    >>> words = pd.DataFrame({"pattern": ["就业"] * 3, "doc_id": ["a"] * 3, "section": ["一", "一", "二"]})
    >>> chars = pd.DataFrame({"pattern": ["就业"] * 4, "doc_id": ["a"] * 4, "section": [""] * 4})
    >>> term_hits(words, chars).to_dict("records")
    [{'term': '就业', 'doc_id': 'a', 'as_word': 3, 'inside_longer_words': 1, 'top_section': '一', 'share_there': 0.6666666666666666}]
    """
    keys = ["pattern", "doc_id"]
    counted = pd.concat(
        {"as_word": words.groupby(keys).size(), "all": characters.groupby(keys).size()}, axis=1
    ).fillna(0)
    sections = words.assign(section=words["section"].fillna("")).groupby(keys)["section"]
    top = sections.agg(lambda s: s.value_counts().index[0])
    share = sections.agg(lambda s: s.value_counts().iloc[0] / len(s))
    table = counted.assign(
        as_word=counted["as_word"].astype(int),
        inside_longer_words=(counted["all"] - counted["as_word"]).astype(int),
        top_section=top,
        share_there=share,
    ).fillna({"top_section": "", "share_there": 0.0})
    table = table.reset_index().rename(columns={"pattern": "term"})
    order = {  # terms and reports in the order the kwic table found them
        column: {value: i for i, value in enumerate(dict.fromkeys(characters[source]))}
        for column, source in (("term", "pattern"), ("doc_id", "doc_id"))
    }
    table = table.sort_values(["term", "doc_id"], key=lambda c: c.map(order[c.name]))
    columns = ["term", "doc_id", "as_word", "inside_longer_words", "top_section", "share_there"]
    return table[columns].reset_index(drop=True)


def _most_quoted(named: pd.DataFrame) -> str:
    """The most quoted of a report's names (sorted by ``quoted``), or those tied for it.

    >>> named = pd.DataFrame({"slogan": ["甲", "乙", "丙"], "quoted": [1, 1, 1]})
    >>> _most_quoted(named), _most_quoted(named.assign(quoted=[3, 1, 1]))
    ('each quoted once: 甲, 乙 and 丙', 'most quoted 甲 (3 times)')
    >>> _most_quoted(named.assign(quoted=[2, 2, 1]))
    'most quoted 甲 and 乙 (2 times each)'
    """
    top = int(named["quoted"].iloc[0])
    tied = named.loc[named["quoted"] == top, "slogan"]
    if len(tied) == 1:
        return f"most quoted {_md(tied.iloc[0])} ({plural(top, 'time')})"
    names = listing([_md(name) for name in tied], most=3)
    if len(tied) < len(named):
        return f"most quoted {names} ({plural(top, 'time')} each)"
    return f"each quoted {'once' if top == 1 else f'{top:,} times'}: {names}"


def _lead_only(row: Mapping[str, object]) -> bool:
    """All of a term's hits in the text before any heading: in a report without headings
    that is the whole text, so the section says nothing."""
    return row["top_section"] == LEAD_SECTION and row["share_there"] == 1


def words_in_context(hits: pd.DataFrame, terms: Sequence[str], doc_ids: Sequence[str]) -> str:
    """Notebook 05's findings from a ``term_hits`` table: per term, the reports that use it,
    as a word and inside longer words, and where most of its hits sit; terms of ``terms``
    found nowhere and reports of ``doc_ids`` without any of them are named.

    >>> hits = pd.DataFrame({"term": ["就业"], "doc_id": ["a"], "as_word": [3],
    ...     "inside_longer_words": [1], "top_section": ["一"], "share_there": [2 / 3]})
    >>> print(words_in_context(hits, ["就业", "结对"], ["a", "b"]))
    - **就业** in 1 of the 2 reports: *a* 3 as a word, 1 more inside longer words (67 % of the word hits in the section “一”).
    <BLANKLINE>
    Not found in any report: 结对. Reports with none of the terms: b.
    """
    bullets = []
    for term in terms:
        rows = hits[hits["term"] == term]
        if rows.empty:
            continue
        kept, shown = largest_reports(
            rows.set_index("doc_id")["as_word"] + rows.set_index("doc_id")["inside_longer_words"],
            "using it most",
        )
        said = [
            f"*{_md(row['doc_id'])}* {row['as_word']:,} as a word, "
            f"{row['inside_longer_words']:,} more inside longer words"
            + (
                f" ({100 * row['share_there']:.0f} % of the word hits in the section "
                f"“{_md(row['top_section'])}”)"
                if row["as_word"] and row["top_section"] and not _lead_only(row)
                else ""
            )
            for row in rows.set_index("doc_id", drop=False).loc[kept].to_dict("records")
        ]
        bullets.append(
            f"- **{_md(term)}** in {rows['doc_id'].nunique():,} of {_the_reports(len(doc_ids))}"
            + (f" ({shown.removeprefix('the ')})" if shown else "")
            + ": "
            + "; ".join(said)
            + "."
        )
    absent = [term for term in terms if term not in set(hits["term"])]
    silent = [doc_id for doc_id in doc_ids if doc_id not in set(hits["doc_id"])]
    tail = (
        f"Not found in any report: {listing([_md(t) for t in absent])}. "
        f"Reports with none of the terms: {listing([_md(d) for d in silent], most=MOST_REPORTS)}."
    )
    return "\n".join(bullets) + "\n\n" + tail
