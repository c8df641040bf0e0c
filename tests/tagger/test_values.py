"""Numbers and labels read from fact phrases, checked against the hand-made gold of the dev reports."""
import json
from pathlib import Path

import pytest

from extractor.tagger.training.corpus import report_text, source_of
from extractor.tagger.values import body_of, channel_of, count_in

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
GOLD_FACTS = [(path.name.removesuffix(".gold.json"), fact)
              for path in sorted((SAMPLES / "gold").glob("*.gold.json"))
              for fact in json.loads(path.read_text(encoding="utf-8"))["facts"]]


@pytest.mark.parametrize("name,fact", GOLD_FACTS, ids=[f"{n}:{f['text'][:12]}" for n, f in GOLD_FACTS])
def test_every_gold_fact_phrase_gives_the_gold_number(name, fact):
    assert count_in(fact["text"]) == fact["value"]


@pytest.mark.parametrize("name,fact", [(n, f) for n, f in GOLD_FACTS if f.get("label")],
                         ids=lambda x: x if isinstance(x, str) else x["text"][:12])
def test_gold_channel_and_body_labels_come_from_the_phrase_or_just_before_it(name, fact):
    text = report_text(source_of(SAMPLES / "reports", name))
    start = text.find(fact["text"])
    context = text[max(0, start - 24):start]
    labeller = channel_of if fact["type"] == "info_published_channel" else body_of
    assert labeller(fact["text"], context) == fact["label"]


def test_a_count_naming_no_channel_has_none():
    assert channel_of("其他信息1029条") is None        # a category, not a channel
    assert channel_of("其他方式公开28条") == "其他"      # the report names 其他 as its channel
    assert channel_of("公开各类信息共计156条", "本年度通过门户网站") == "政府网站"
    assert channel_of("公开各类信息共计156条", "门户网站运行平稳，") is None  # another clause
    assert body_of("办理建议11件") is None


@pytest.mark.parametrize("phrase,value", [
    ("召开了两场新闻发布会", 2),               # Chinese numeral
    ("举办政务公开培训十二期", 12),
    ("全年发布政策解读1.2万条", 12000),         # 万 belongs to the number
    ("主动公开信息１２３条", 123),              # full-width digits
    ("2019年度未受理政府信息公开申请", 0),       # a denial without a number counts zero
    ("二〇一九年发布政策解读", None),            # a year, and no count: no number is invented
    ("通过网站发布信息", None),
    ("政府网站 1992", None),                      # a bare number is no count: a code, a page, a fragment
    ("微博29个，共发布信息1992条", 1992),        # the count of items, not of accounts
    ("全乡一共公开信息71条", 71),               # 一共 is a word, not the number one
])
def test_constructed_phrases(phrase, value):
    assert count_in(phrase) == value
