"""Issue 11: the public functions of corpus, context, pipeline and the command line raise
nothing on any text or bytes but the documented, named errors.
"""

import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidlib import context, pipeline
from aidlib.__main__ import main
from aidlib.corpus import (
    CorpusWarning,
    Report,
    ReportError,
    decode_report,
    extract_page,
    read_metadata,
    safe_file_name,
)
from aidlib.structure import parse

#: Text as reports hold it: Chinese, ASCII and full-width punctuation, spaces of every
#: kind, line breaks, and anything else Unicode has (surrogates included).
CJK_PIECES = [
    "对口帮扶",
    "资金",
    "100万元",
    "。",
    "，",
    "——",
    "\n",
    "\u3000",
    "（记者 张三）",
    "一、",
]
TEXT = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(CJK_PIECES), st.text(max_size=5)), max_size=40).map("".join),
)


def _parse_raises() -> bool:
    """Whether ``structure.parse`` still raises on ``""`` (fixed on the structure branch)."""
    try:
        parse("")
        parse("—")
    except ValueError:
        return True
    return False


#: The property tests that run ``parse`` wait for its fix: they run fully once it is merged.
NEEDS_PARSE = pytest.mark.xfail(
    _parse_raises(), reason="structure.parse('') raises (issue 11; the structure branch)"
)
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@given(st.binary(max_size=400))
@settings(max_examples=300, deadline=None)
def test_decode_report_raises_only_a_report_error_naming_the_file(data):
    try:
        text, encoding = decode_report(data, "r.txt")
    except ReportError as error:
        assert str(error).startswith("r.txt: ")
    else:
        assert isinstance(text, str) and encoding


@given(TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")))
@SLOW
def test_extract_page_raises_only_a_report_error_naming_the_file(data):
    page = b"<html><body><article><p>" + data + b"</p></article></body></html>"
    try:
        text, _, metadata = extract_page(page, "p.html")
    except ReportError as error:
        assert str(error).startswith("p.html: ")
    else:
        assert text and set(metadata) == {"title", "date", "site"}


@given(st.binary(max_size=300) | TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_read_metadata_raises_only_a_value_error_naming_the_file(tmp_path, data):
    (tmp_path / "corpus.csv").write_bytes(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CorpusWarning)  # read as GB18030: said so
            read_metadata(tmp_path)
    except ValueError as error:
        assert str(tmp_path / "corpus.csv") in str(error)


@given(st.text())
@settings(max_examples=500, deadline=None)
def test_safe_file_name_gives_one_plain_name_for_any_text(text):
    name = safe_file_name(text, ".html")
    assert name == Path(name).name and not name.startswith((".", "-"))
    assert len(name) <= 100 and name.endswith(".html")
    assert all(ch.isalnum() or ch in "._-" for ch in name)


@given(st.text(), st.text())
@settings(max_examples=300, deadline=None)
def test_safe_file_names_of_two_texts_differ(a, b):
    if a != b:
        assert safe_file_name(a) != safe_file_name(b)


@NEEDS_PARSE
@given(TEXT)
@SLOW
def test_analysing_any_text_gives_tables_or_a_report_error(text):
    report = Report({"doc_id": "x", "file": "x.txt"}, text, "utf-8")
    try:
        tables = pipeline.analyse_report(report)
    except ReportError as error:
        assert str(error).startswith("x.txt: ")
    else:
        assert tables["documents"]["doc_id"].tolist() == ["x"]


@NEEDS_PARSE
@given(TEXT, st.sampled_from(["资金", "对口帮扶", "x", "。"]) | TEXT)
@SLOW
def test_kwic_and_its_styler_take_any_text_and_term(text, term):
    docs = pd.DataFrame({"doc_id": [text[:10] or "d"], "text": [text]})
    for regex in (False, True):
        try:
            hits = context.kwic(docs, term, regex=regex)
        except ValueError as error:  # a bad regex, or an empty term: said so
            assert regex or not term.strip(), error
            continue
        assert "<script" not in context.style_kwic(hits).to_html().lower() or not len(hits)


@given(st.lists(TEXT, max_size=4))
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_command_line_never_shows_a_traceback_for_any_arguments(tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)  # whatever the arguments name, it is in here
    try:
        status = main(["run", *argv])
    except SystemExit as exit:  # argparse: bad usage, exit status 2
        assert exit.code in (0, 2)
    else:
        assert status in (0, 1)


@pytest.mark.parametrize("text", ["", "—", "\ud800", "\x00", " \n ", "标题"])
def test_the_texts_that_broke_parse_give_a_report_error_or_tables(text):
    report = Report({"doc_id": "x", "file": "x.txt"}, text, "utf-8")
    rows = pipeline._rows_or_problem(report, pipeline._default_codebook())
    assert rows.get("documents") or rows["problems"][0]["reason"]
