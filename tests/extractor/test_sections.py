"""The six parts of a report, found by heading name in every layout the dev reports and real portals use."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.sections import chinese_ordinal, ordinal_value, split_sections

REPORTS = Path(__file__).resolve().parents[2] / "samples" / "reports"


def headings(text: str) -> dict[int, str]:
    return {n: span.heading for n, span in split_sections(text).spans.items()}


def body(text: str, number: int) -> str:
    return split_sections(text).body(text, number)


@pytest.mark.parametrize("name", ["001_713aac75e110bc97.txt", "003_b2d8a9a71ffdf943.txt",
                                  "004_9405448751938849.txt", "huaian_2024.txt"])
def test_standard_reports_have_all_six_parts_in_order(name):
    text = (REPORTS / name).read_text(encoding="utf-8")
    spans = split_sections(text).spans
    assert list(spans) == [1, 2, 3, 4, 5, 6]
    assert spans[5].heading == "五、存在的主要问题及改进情况"
    starts = [span.start for span in spans.values()]
    assert starts == sorted(starts)
    assert all(spans[n].end == spans[n + 1].start for n in range(1, 6))


def test_a_word_processor_bookmark_before_a_heading_is_not_part_of_it():
    text = (REPORTS / "002_f592ee913005bca5.txt").read_text(encoding="utf-8")
    spans = split_sections(text).spans
    assert spans[3].heading == "三、收到和处理政府信息公开申请情况"
    assert text[spans[3].start:spans[3].start + 2] == "三、"


def test_a_missing_part_is_left_out_and_the_others_still_found():
    text = (REPORTS / "000_740ca8d1fbe81e04.txt").read_text(encoding="utf-8")  # table 4 has no heading
    assert list(split_sections(text).spans) == [1, 2, 3, 5, 6]


def test_a_renumbered_body_keeps_the_parts_by_their_names():
    """kewei_2024 numbers its own prose 一…六 (工作机制保障, 主动公开工作情况 …), then the tables
    一、二、三 again, drops the 五 heading (only "（一）主要问题" is left) and calls part 6 "五、"."""
    text = (REPORTS / "kewei_2024.md").read_text(encoding="utf-8")
    found = split_sections(text)
    assert found.spans[1].heading == "一、总体情况"
    assert found.spans[2].heading == "一、主动公开政府信息情况"
    assert found.spans[3].heading == "二、收到和处理政府信息公开申请情况"
    assert found.spans[4].heading == "三、政府信息公开行政复议、行政诉讼情况"
    assert found.body(text, 5).startswith("（一）主要问题")
    assert "（二）改进情况" in found.body(text, 5)
    assert found.spans[6].heading == "五、其他需要报告的事项"


def test_a_renumbered_body_of_another_department():
    text = ("2023年XX市统计局政府信息公开工作年度报告\n一、总体情况\n概述文字。\n二、组织领导\n设立领导小组。\n"
            "三、主动公开工作情况\n全年主动公开信息30条。\n四、政府信息公开申请情况\n收到申请2件。\n"
            "一、主动公开政府信息情况\n表格\n二、收到和处理政府信息公开申请情况\n表格\n"
            "三、政府信息公开行政复议、行政诉讼情况\n表格\n四、存在的主要问题及改进情况\n问题。\n"
            "五、其他需要报告的事项\n无。")
    assert headings(text) == {1: "一、总体情况", 2: "一、主动公开政府信息情况", 3: "二、收到和处理政府信息公开申请情况",
                              4: "三、政府信息公开行政复议、行政诉讼情况", 5: "四、存在的主要问题及改进情况",
                              6: "五、其他需要报告的事项"}


def test_pre_2019_layout_run_into_one_line():
    """pingtan_2018: 概述 for 总体情况, headings inline after a full stop, and a sixth part
    (统计表) that is no standard part but ends part 5."""
    text = (REPORTS / "pingtan_2018.txt").read_text(encoding="utf-8")
    found = split_sections(text)
    assert [found.spans[n].heading for n in range(1, 6)] == [
        "一、概述", "二、主动公开政府信息情况", "三、政府信息依申请公开工作情况",
        "四、因政府信息公开申请行政复议、提起行政诉讼的情况", "五、主要问题和改进措施"]
    assert 6 not in found.spans
    assert found.body(text, 5).endswith("推动政务公开工作水平再上新台阶。")


def test_pre_2019_layout_with_a_fees_part_and_seven_headings():
    text = ("一、概述\n本机关全年工作。\n二、主动公开政府信息情况\n公开信息。\n三、依申请公开政府信息情况\n收到申请。\n"
            "四、政府信息公开的收费及减免情况\n未收费。\n五、因政府信息公开申请提起行政复议、行政诉讼的情况\n无。\n"
            "六、政府信息公开工作存在的主要问题及改进措施\n问题。\n七、其他需要报告的事项\n无。\n")
    assert headings(text) == {1: "一、概述", 2: "二、主动公开政府信息情况", 3: "三、依申请公开政府信息情况",
                              4: "五、因政府信息公开申请提起行政复议、行政诉讼的情况",
                              5: "六、政府信息公开工作存在的主要问题及改进措施", 6: "七、其他需要报告的事项"}


def test_a_measures_heading_of_its_own_continues_part_five():
    text = ("一、概述\n全年工作。\n五、存在问题\n培训不足。\n六、改进措施\n一是规范流程。二是强化管理。\n"
            "七、附表\n指标名称 计量单位")
    found = split_sections(text)
    assert list(found.spans) == [1, 5]
    assert found.body(text, 5).strip() == "培训不足。\n六、改进措施\n一是规范流程。二是强化管理。"


@pytest.mark.parametrize("heading", ["五、政府信息公开工作存在的主要问题及改进情况", "五、存在的主要问题及改进措施",
                                     "五、存在的问题和下一步工作打算", "5. 存在的主要问题及改进情况",
                                     "第五部分 存在的主要问题及改进情况", "## 五、存在的主要问题及改进情况",
                                     "**五、存在的主要问题及改进情况**", "存在的主要问题及改进情况"])
def test_heading_variants_of_part_five(heading):
    text = f"一、总体情况\n全年工作。\n{heading}\n一是制度不健全。\n六、其他需要报告的事项\n无。"
    found = split_sections(text)
    assert found.body(text, 5).strip() == "一是制度不健全。"
    assert 6 in found.spans


def test_markdown_headings_without_numbers():
    text = ("# 某区2021年政府信息公开工作年度报告\n## 总体情况\n全年工作。\n## 主动公开政府信息情况\n| 表 |\n"
            "## 收到和处理政府信息公开申请情况\n| 表 |\n## 政府信息公开行政复议、行政诉讼情况\n| 表 |\n"
            "## 存在的主要问题及改进情况\n问题。\n## 其他需要报告的事项\n无。")
    assert list(split_sections(text).spans) == [1, 2, 3, 4, 5, 6]
    assert body(text, 1).strip() == "全年工作。"


def test_sub_items_and_mentions_inside_sentences_are_not_parts():
    text = ("本报告全文包括总体情况、主动公开政府信息情况、存在的主要问题及改进情况、其他需要报告的事项。\n"
            "一、总体情况\n（一）主动公开政府信息情况\n全年公开信息。\n（五）存在的主要问题\n无。\n"
            "二、主动公开政府信息情况\n表格\n")
    found = split_sections(text)
    assert list(found.spans) == [1, 2]
    assert "（五）存在的主要问题" in found.body(text, 1)


def test_a_numbered_heading_needs_a_part_name_and_an_unnumbered_one_a_line_of_its_own():
    text = "一、总体情况\n全年工作。\n二、加强组织领导\n措施。\n总体情况良好，没有问题。\n"
    assert list(split_sections(text).spans) == [1]


def test_a_text_without_headings_has_no_parts():
    assert split_sections("本机关全年主动公开信息30条。").spans == {}
    assert split_sections("").spans == {}


@pytest.mark.parametrize("written,value", [("一", 1), ("五", 5), ("十", 10), ("十二", 12), ("二十", 20),
                                           ("二十三", 23), ("7", 7), ("二三", None), ("", None)])
def test_ordinal_values(written, value):
    assert ordinal_value(written) == value
    if value and not written.isdigit():
        assert chinese_ordinal(value) == written


def test_a_part_five_that_names_only_the_plans():
    """A report that states no problems numbers its plans as part 五 ("五、下一步工作打算")."""
    text = ("一、概述\n全年工作。\n二、主动公开政府信息情况\n公开信息。\n三、依申请公开政府信息情况\n无申请。\n"
            "五、下一步工作打算\n（一）加强培训。\n（二）完善制度。")
    spans = split_sections(text).spans
    assert (spans[5].heading, spans[5].measures_only) == ("五、下一步工作打算", True)
    assert body(text, 5).strip() == "（一）加强培训。\n（二）完善制度。"


def test_a_plans_heading_after_the_problems_heading_continues_part_five():
    text = ("一、概述\n全年工作。\n五、存在的问题\n人员不足。\n六、下一步工作打算\n加强培训。\n"
            "七、其他需要报告的事项\n无。")
    spans = split_sections(text).spans
    assert (spans[5].heading, spans[5].measures_only) == ("五、存在的问题", False)
    assert "加强培训" in body(text, 5)
    assert spans[6].heading == "七、其他需要报告的事项"


def test_a_plans_heading_that_runs_on_is_no_part():
    """"五、工作计划执行情况…" is a sub-topic of the overview, not the plans."""
    text = "一、概述\n全年工作。\n五、工作计划执行情况良好，全年完成各项任务。\n"
    assert 5 not in split_sections(text).spans


def test_a_traditional_character_copy_has_the_same_parts_at_the_same_offsets():
    text = "一、概述\n全年工作。\n二、主動公開政府信息情況\n公開信息。\n三、依申請公開政府信息情況\n無。\n七、主要問題和改進措施\n人員不足。"
    spans = split_sections(text).spans
    assert list(spans) == [1, 2, 3, 5]
    assert text[spans[5].start:spans[5].body_start] == "七、主要問題和改進措施"
