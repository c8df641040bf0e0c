"""Traditional characters: the readers see a 繁體 copy of a report as the simplified original, at the
same offsets, while the record keeps the source's own characters."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from extractor.prose import prose_reader
from extractor.script import simplified
from extractor.sections import split_sections

REPORTS = Path(__file__).resolve().parents[2] / "samples" / "reports"


def traditional(text: str) -> str:
    """A 繁體 copy of a simplified text, as a mirror site makes one: each simplified character that
    the table reads from a traditional one is written as that traditional character."""
    lines = resources.files("extractor").joinpath("data/traditional_chars.txt").read_text("utf-8").splitlines()
    written_as = {}
    for line in lines:
        if line and not line.startswith("#"):
            traditional_char, simplified_char = line.split("\t")
            written_as.setdefault(simplified_char, traditional_char)
    return text.translate(str.maketrans(written_as))


def test_each_character_is_read_one_for_one():
    text = "關於印發《縣級政務公開標準》的通知：全縣共受理申請12件，發佈資訊由於…"
    assert simplified(text) == "关于印发《县级政务公开标准》的通知：全县共受理申请12件，发布资讯由于…"
    assert len(simplified(text)) == len(text)


@pytest.mark.parametrize("word", ["覆盖", "乾坤", "瞭望", "借鉴"])
def test_characters_that_simplified_text_uses_stay_as_written(word):
    assert simplified(word) == word


def test_a_simplified_report_reads_as_itself():
    text = (REPORTS / "001_713aac75e110bc97.txt").read_text(encoding="utf-8")
    assert simplified(text) == text


@pytest.mark.parametrize("name", ["001_713aac75e110bc97.txt", "pingtan_2018.txt", "003_b2d8a9a71ffdf943.txt"])
def test_a_traditional_copy_of_a_dev_report_gives_the_same_facts_parts_and_items(name):
    original = (REPORTS / name).read_text(encoding="utf-8")
    copy = traditional(original)
    assert copy != original and simplified(copy) == original
    reader = prose_reader("off", [])
    expected, found = reader.read(original, split_sections(original)), reader.read(copy, split_sections(copy))
    assert {n: (s.start, s.end) for n, s in split_sections(copy).spans.items()} == \
        {n: (s.start, s.end) for n, s in split_sections(original).spans.items()}
    assert expected.facts
    assert [(f.type, f.value, f.label, f.start, f.end) for f in found.facts] == \
        [(f.type, f.value, f.label, f.start, f.end) for f in expected.facts]
    assert all(copy[fact.start:fact.end] == fact.text for fact in found.facts)
    assert expected.problems or expected.measures
    assert found.problems == [traditional(item) for item in expected.problems]
    assert found.measures == [traditional(item) for item in expected.measures]


def test_a_traditional_report_keeps_its_characters_in_facts_and_items():
    text = ("一、概述\n本局認真貫徹落實《條例》，政府信息公開工作運行正常。\n二、主動公開政府信息情況\n"
            "我局2012年共主動公開政府信息312條，其中門戶網站發佈280條。\n三、依申請公開政府信息情況\n"
            "本年度共受理政府信息公開申請5件。\n四、存在的主要問題及改進措施\n"
            "我局公開的政策解讀數量較少，形式較為單一。\n下一步，我局將加強業務培訓。")
    findings = prose_reader("off", []).read(text, split_sections(text))
    assert [(f.type, f.value, f.label, f.text) for f in findings.facts] == [
        ("info_published_total", 312, None, "我局2012年共主動公開政府信息312條"),
        ("info_published_channel", 280, "政府网站", "門戶網站發佈280條"),  # the label is annotation.md's
        ("applications_received", 5, None, "共受理政府信息公開申請5件"),
    ]
    assert findings.problems == ["我局公開的政策解讀數量較少，形式較為單一"]
    assert findings.measures == ["下一步，我局將加強業務培訓"]
