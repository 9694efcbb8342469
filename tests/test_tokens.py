"""Segmentation with the domain dictionary, stop words, variants and lazy loading (issue 4)."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest
import stopwordsiso
from hypothesis import given, settings
from hypothesis import strategies as st
from seed_terms import SEED_TERMS

from aidlib import places, tokens
from aidlib.corpus import load_corpus


@pytest.fixture(scope="module")
def body_texts() -> list[str]:
    corpus = load_corpus()
    return ["\n".join(block.text for block in doc.body) for doc in corpus.documents.values()]


@pytest.mark.parametrize("seed", SEED_TERMS)
def test_seed_is_one_token_wherever_the_reports_write_it(seed, body_texts):
    assert tokens.tokenize(seed) == [seed]
    written = sum(text.count(seed) for text in body_texts)
    segmented = sum(tokens.tokenize(text).count(seed) for text in body_texts)
    assert written > 0
    assert segmented == written


def _dictionary() -> list[list[str]]:
    return [line.split(" ") for line in tokens.DOMAIN_DICTIONARY.read_text("utf-8").splitlines()]


def test_dictionary_lines_have_word_frequency_and_tag():
    entries = _dictionary()
    assert len(entries) > 100
    for number, fields in enumerate(entries, 1):
        assert len(fields) == 3, f"dictionary.txt line {number}: {fields}"
        word, freq, tag = fields
        assert freq.isdigit() and int(freq) >= 1000, f"dictionary.txt line {number}: {fields}"
        assert tag.isalpha() and tag.islower(), f"dictionary.txt line {number}: {fields}"
    words = [fields[0] for fields in entries]
    assert len(words) == len(set(words)), "dictionary.txt lists a word twice"


def test_every_dictionary_word_stays_whole_and_keeps_its_tag():
    for word, _, tag in _dictionary():
        assert tokens.tokenize(word, keep_punctuation=True) == [word]
        assert tokens.part_of_speech(word) == tag


def test_issue_vocabulary_is_in_the_dictionary_policy_terms_or_gazetteer():
    words = {fields[0] for fields in _dictionary()} | set(tokens.policy_terms())
    words |= set(places.gazetteer()["name"])
    named = ["雁塔区", "西安航天基地", "汉滨区", "碑林区", "丹凤县", "安康市", "商洛市", "晏坝镇"]
    policy = ["对口帮扶", "脱贫攻坚", "消费扶贫", "就业扶贫", "乡村振兴", "三区两地", "一体两翼"]
    more = ["棣花镇", "西安交通大学", "三驾马车", "公益专岗", "社区工厂", "富硒", "双孢菇"]
    assert set(named + policy + more) <= words


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="对口帮扶汉滨区丹凤县西安航天基地双孢菇的了，。、“”（）3+2 60万元abc\n",
        max_size=60,
    )
)
def test_tokens_with_punctuation_join_back_exactly(text):
    assert "".join(tokens.tokenize(text, keep_punctuation=True)) == text
    assert "".join(word for word, _ in tokens.tagged(text)) == text


def test_tokenize_drops_punctuation_and_space_only():
    assert tokens.tokenize("投入 超过60万元；“三区两地”！") == [
        "投入",
        "超过",
        "60",
        "万元",
        "三区两地",
    ]


def test_variants_and_short_forms_tables():
    assert tokens.canonical("三架马车") == "三驾马车"
    table = pd.read_csv(tokens.VARIANTS_FILE)
    assert list(table.columns) == ["variant", "canonical", "note"]
    short = pd.read_csv(tokens.SHORT_FORMS_FILE)
    assert list(short.columns) == ["short", "full", "note"]
    words = {fields[0] for fields in _dictionary()}
    for row in short.itertuples():
        assert row.full.startswith(row.short) or row.full.endswith(row.short), row
        assert {row.short, row.full} <= words, (
            f"short_forms.csv: {row.short}/{row.full} not in dictionary"
        )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("variant,note\n三架马车,typo\n", "missing columns"),
        ("variant,canonical,note\n三架马车,,typo\n", "line 2: empty"),
        ("variant,canonical,note\n甲,乙,\n甲,丙,\n", "line 3"),
    ],
)
def test_a_malformed_variants_file_is_named_with_its_line(tmp_path, content, message):
    path = tmp_path / "variants.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        tokens.variants(path)
    assert str(path) in str(error.value)


def test_stopwords_are_stopwords_iso_plus_the_documented_domain_list():
    domain = tokens.domain_stopwords()
    assert {"开展", "工作", "暨"} <= domain
    assert not any("#" in word or " " in word for word in domain)
    assert tokens.stopwords() == frozenset(stopwordsiso.stopwords("zh")) | domain
    assert len(tokens.stopwords()) > 700


@pytest.mark.parametrize(
    ("word", "kept"),
    [
        ("双孢菇", True),
        ("乡村振兴", True),
        ("茶", False),  # a single character is a fragment, even a noun (issue 14)
        ("个村", False),  # numeral-measure fragment of 5个村
        ("万人", False),
        ("超过", False),  # qualifier of an amount
        ("低于", False),
        ("汉滨", True),  # a place's short name
        ("百姓", True),  # a dictionary word with a numeral character
        ("的", False),
        ("在", False),
        ("看", False),  # one-character verb
        ("不断", False),  # adverb
        ("今年", False),  # time word
        ("2019", False),
        ("10844", False),
        ("一百", False),
        ("万元", False),  # numeral with unit
        ("，", False),
        ("开展", False),  # domain stop word
    ],
)
def test_content_words(word, kept):
    assert tokens.is_content_word(word, tokens.part_of_speech(word)) is kept


_LAZY_CHECK = """
import json, sys
import jieba
builds = []
original = jieba.Tokenizer.initialize
def counting(self, dictionary=None):
    if not self.initialized:
        builds.append(1)
    return original(self, dictionary)
jieba.Tokenizer.initialize = counting
import aidlib.corpus, aidlib.structure, aidlib.normalize
from aidlib import places, tokens
after_import = len(builds)
posseg_imported = "jieba.posseg" in sys.modules
tokens.tokenize("西安航天基地对口帮扶汉滨区")
tokens.tokenize("碑林区对口帮扶丹凤县")
tokens.tagged("双孢菇")
print(json.dumps([after_import, posseg_imported, len(builds), tokens.tokenizer.cache_info().misses]))
"""


def test_dictionary_is_built_on_first_use_and_once_per_process():
    result = subprocess.run(
        [sys.executable, "-c", _LAZY_CHECK], capture_output=True, text=True, check=True
    )
    after_import, posseg_imported, builds, misses = json.loads(
        result.stdout.strip().splitlines()[-1]
    )
    assert after_import == 0, "importing corpus/structure/normalize built jieba's dictionary"
    assert not posseg_imported, "importing aidlib loaded jieba.posseg (it reads the dictionary)"
    assert builds == 1 and misses == 1


_TAGS = """
import json, sys
if sys.argv[1] == "posseg first":
    import jieba.posseg  # the tagger then reads the dictionary's tags itself
from aidlib import places, tokens
words = [line.split()[0] for line in tokens.DOMAIN_DICTIONARY.read_text("utf-8").splitlines()]
words += list(tokens.policy_terms()) + ["汉滨", "黔西南州", "紫云苗族布依族自治县", "延边州"]
words += ["的", "对口", "帮扶", "双孢菇", "合作社", "产业", "就业", "扶贫", "，", "仨瓜俩枣"]
print(json.dumps({word: tokens.part_of_speech(word) for word in words}, ensure_ascii=False))
"""


def test_tagger_copying_jiebas_tags_on_first_import_tags_as_one_reading_them_again():
    tags = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", _TAGS, order], capture_output=True, text=True, check=True
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        for order in ("aidlib first", "posseg first")
    ]
    assert tags[0] == tags[1]
    assert len(tags[0]) > 300
    assert (tags[0]["对口帮扶"], tags[0]["的"], tags[0]["双孢菇"]) == ("vn", "uj", "n")


_CONCURRENT_FIRST_USE = """
import json, threading
from aidlib import places, tokens
start = threading.Barrier(8)
seen = []
def first_use():
    start.wait()
    seen.append((id(tokens._tagger()), tokens.part_of_speech("对口帮扶")))
threads = [threading.Thread(target=first_use) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps([len({tagger for tagger, _ in seen}), sorted({tag for _, tag in seen})]))
"""


def test_threads_using_the_tagger_first_at_once_share_one_with_the_domain_tags():
    result = subprocess.run(
        [sys.executable, "-c", _CONCURRENT_FIRST_USE], capture_output=True, text=True, check=True
    )
    taggers, tags = json.loads(result.stdout.strip().splitlines()[-1])
    assert taggers == 1
    assert tags == ["vn"]  # the domain dictionary's tag, not jieba's own
