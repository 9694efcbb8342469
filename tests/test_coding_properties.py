"""Property tests: coding finds exactly what each indicator's own regex finds, however words overlap."""

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from aidlib.coding import Code, Codebook, _code_rows, load_codebook
from aidlib.structure import parse

SHIPPED = load_codebook()

#: Words of different codes that overlap, start inside one another or share a start.
OVERLAPS = {
    "codes": [
        {"id": "park", "words": ["产业园", "园区", "Park"], "regexes": ["\\d+个(?:园区|产业)"]},
        {"id": "trade", "words": ["产业", "业园", "产业园区建设"], "regexes": ["产[业]"]},
        {"id": "garden", "words": ["园", "区建", "园区"]},
        {"id": "lookaround", "words": ["区"], "regexes": ["(?<!产)业", "建(?=设)", "(园)\\1"]},
    ]
}
for number, entry in enumerate(OVERLAPS["codes"]):
    entry.update(name_zh=f"码{number}", name_en=f"Code {number}", definition="Overlaps.")
    entry["include"] = entry["words"][:1]


@pytest.fixture(scope="module")
def overlapping(tmp_path_factory) -> Codebook:
    path = tmp_path_factory.mktemp("codebook") / "codebook.yaml"
    path.write_text(yaml.safe_dump(OVERLAPS, allow_unicode=True), encoding="utf-8")
    return load_codebook(path)


FRAGMENTS = sorted(
    {
        piece
        for code in SHIPPED
        for indicator in code.indicators
        if not indicator.is_regex
        for piece in (indicator.pattern, indicator.pattern[:1], indicator.pattern[1:])
    }
    | {"产业园区建设", "园园", "区", "3个园区", "park", "PARK", "召开3次", "12个街道", "脱贫攻坚"}
)


def _hits(code: Code, text: str) -> list[tuple[int, int, str]]:
    """Every match of every indicator of ``code``, straight from each indicator's regex."""
    return sorted(
        (
            (match.start(), match.end(), indicator.pattern)
            for indicator in code.indicators
            for match in indicator.regex.finditer(text)
        ),
        key=lambda hit: (hit[0], hit[0] - hit[1]),
    )


def _merged(hits: list[tuple[int, int, str]]) -> int:
    count, reach = 0, -1
    for start, end, _ in hits:
        count += start >= reach
        reach = max(reach, end)
    return count


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14))
def test_coding_finds_what_each_indicators_regex_finds(overlapping, pieces):
    doc = parse("标题\n" + "".join(pieces) + "。")
    (paragraph,) = doc.body
    text = paragraph.text
    for book in (SHIPPED, overlapping):
        hits = {code.id: _hits(code, text) for code in book}
        assert {code.id: code.find(text) for code in book} == hits
        expected = [
            (code_id, found[0][2], text[found[0][0] : found[0][1]], _merged(found))
            for code_id, found in hits.items()
            if found
        ]
        rows = _code_rows(doc, book)
        assert [(row["code"], row["indicator"], row["match"], row["hits"]) for row in rows] == (
            expected
        )
