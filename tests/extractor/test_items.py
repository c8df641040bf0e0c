"""Problems and measures of section 五: every enumerator style, "；" lists, framing and status lines."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.prose import prose_reader
from extractor.prose.items import read_items
from extractor.sections import split_sections

REPORTS = Path(__file__).resolve().parents[2] / "samples" / "reports"


def report_items(section_five: str) -> tuple[list[str], list[str]]:
    """Problems and measures of a report whose section 五 is `section_five`, read as the pipeline does."""
    text = f"一、总体情况\n全年工作。\n五、存在的主要问题及改进情况\n{section_five}\n六、其他需要报告的事项\n无。"
    findings = prose_reader("off", []).read(text, split_sections(text))
    return findings.problems, findings.measures


PROBLEMS = ["制度机制建设不健全", "公开内容不够全面", "公开形式不够丰富"]
MEASURES = ["加强队伍建设。充实工作人员", "完善工作机制", "丰富公开形式"]


@pytest.mark.parametrize("numbers", [
    ["一是", "二是", "三是"], ["一、", "二、", "三、"], ["（一）", "（二）", "（三）"], ["(一)", "(二)", "(三)"],
    ["1.", "2.", "3."], ["1、", "2、", "3、"], ["（1）", "（2）", "（3）"], ["①", "②", "③"],
    ["第一，", "第二，", "第三，"],
])
def test_every_enumerator_style_on_its_own_lines(numbers):
    problems = "\n".join(f"{n}{item}；" for n, item in zip(numbers, PROBLEMS))
    measures = "\n".join(f"{n}{item}。" for n, item in zip(numbers, MEASURES))
    assert report_items(f"（一）存在的主要问题\n{problems}\n（二）改进措施\n{measures}") == (PROBLEMS, MEASURES)


def test_enumerators_inside_one_paragraph_after_a_framing_sentence():
    section = ("对照上级要求，还有一些需要改进的地方。主要表现在：一是制度机制建设不健全；二是公开内容不够全面；"
               "三是公开形式不够丰富。\n下一步，我们将做好以下工作：一是加强队伍建设。充实工作人员。二是完善工作机制。"
               "三是丰富公开形式。")
    assert report_items(section) == (PROBLEMS, MEASURES)


def test_a_sequence_that_changes_style_midway():
    """000's measures: "一、…；二是…；三，…"."""
    section = "（一）存在的问题。主要是：一是制度机制建设不健全；二是公开内容不够全面。\n（二）2022年工作打算。" \
              "一、加强队伍建设。充实工作人员；二是完善工作机制；三，丰富公开形式。"
    assert report_items(section) == (PROBLEMS[:2], MEASURES)


def test_shi_enumerators_after_commas():
    section = "存在问题：一是制度机制建设不健全，二是公开内容不够全面。\n改进情况：无。"
    assert report_items(section)[0] == PROBLEMS[:2]


def test_a_semicolon_inside_an_enumerated_item_does_not_split_it():
    section = "主要问题：\n1.制度机制建设不健全；规范不够。\n2.公开内容不够全面。\n今后，我们将加强学习。"
    assert report_items(section) == (["制度机制建设不健全；规范不够", "公开内容不够全面"], ["今后，我们将加强学习"])


def test_a_semicolon_list_without_enumerators_gives_one_item_per_part():
    section = ("存在问题：在推进工作的同时还存在一些不足。主要是队伍建设有待加强；答复质量待提升；平台功能仍有不足。\n"
               "改进情况：\n针对存在问题，下一步将加强培训；完善平台功能。")
    assert report_items(section) == (["队伍建设有待加强", "答复质量待提升", "平台功能仍有不足"],
                                     ["针对存在问题，下一步将加强培训", "完善平台功能"])


def test_a_single_paragraph_is_one_item_and_a_concessive_lead_is_framing():
    section = ("虽然，我区2018年度政务公开工作取得了一定成效，但还存在个别单位责任意识不强、队伍建设有待加强等问题。"
               "下一步，我区将加强队伍建设，推动政务公开工作水平再上新台阶。")
    assert report_items(section) == (["个别单位责任意识不强、队伍建设有待加强等问题"],
                                     ["下一步，我区将加强队伍建设，推动政务公开工作水平再上新台阶"])


def test_a_closing_status_line_and_a_signature_are_not_items():
    section = ("（一）主要问题\n目录结构无法满足需要。\n（二）改进情况\n根据上述问题，采取以下措施：一是开设专栏。二是调整目录。\n"
               "目前，专栏已成功开设，目录调整工作正在有序进行中。")
    assert report_items(section) == (["目录结构无法满足需要"], ["开设专栏", "调整目录"])


def test_without_enumerators_a_signature_and_a_progress_line_are_not_measures():
    problems, measures = read_items("存在问题：公开形式单一。\n改进措施：\n丰富公开形式，加强平台建设。\n"
                                    "目前，平台改版已完成。\n青山镇人民政府\n2022年1月18日")
    assert (problems, measures) == (["公开形式单一"], ["丰富公开形式，加强平台建设"])


def test_a_nested_list_stays_inside_its_item():
    section = ("存在问题：\n一、制度不健全。\n二、形式单一。\n改进措施：\n一、加强学习。\n1.组织培训；\n2.开展交流。\n"
               "二、完善制度。")
    problems, measures = report_items(section)
    assert problems == ["制度不健全", "形式单一"]
    assert measures == ["加强学习。1.组织培训；2.开展交流", "完善制度"]


def test_the_last_item_keeps_the_lines_of_its_own_nested_list():
    problems, measures = read_items("改进措施：\n1.加强学习。\n2.完善制度：\n（1）建立台账；\n（2）定期检查。\n以上。")
    assert measures == ["加强学习", "完善制度：（1）建立台账；（2）定期检查"]


@pytest.mark.parametrize("turn", ["下一步，", "今后，", "针对以上问题，", "在今后的工作中，", "（二）改进措施\n",
                                  "改进情况：\n", "2022年工作打算。", "二、下一步工作计划\n"])
def test_the_turn_from_problems_to_measures(turn):
    problems, measures = read_items(f"存在的问题：公开形式单一。\n{turn}我们将丰富公开形式。")
    assert problems == ["公开形式单一"]
    assert measures and measures[0].endswith("我们将丰富公开形式")


def test_without_a_turning_sentence_a_second_list_opens_the_measures():
    """Problems 一是…三是, then measures 一是…四是: the second list restarts at 一 and is not the
    problems' fourth item."""
    section = ("工作还存在一些薄弱环节，一是制度机制建设不健全。二是公开内容不够全面。三是公开形式不够丰富。\n"
               "我们将从以下四个方面着力。一是加强队伍建设。充实工作人员。二是完善工作机制。三是丰富公开形式。四是加强监督。")
    assert read_items(section) == (PROBLEMS, MEASURES + ["加强监督"])


@pytest.mark.parametrize("turn", ["结合工作中存在的问题和不足，", "下一年度，", "对照上述问题，"])
def test_more_turns_to_the_measures(turn):
    assert read_items(f"存在信息公开不够及时的问题。{turn}我乡要完善工作机制。") == (
        ["存在信息公开不够及时的问题"], [f"{turn}我乡要完善工作机制"])


@pytest.mark.parametrize("turn", ["2024年，我们将", "2023年，我局将", "2022年度，本机关拟", "2021年我乡计划",
                                  "2025年要", "2020 年，全县重点做好"])
def test_a_sentence_announcing_next_years_work_turns_to_the_measures(turn):
    assert read_items(f"存在信息公开不够及时的问题。{turn}完善工作机制。") == (
        ["存在信息公开不够及时的问题"], [f"{turn}完善工作机制"])


def test_a_semicolon_list_of_problems_then_an_enumerated_plan_for_next_year():
    section = ("2022年，我区政务公开工作取得了一定成效，但仍存在一些不足，主要是：部分部门重视不够；"
               "政策解读形式单一；依申请公开答复不够规范。\n"
               "2023年，我们将重点做好以下工作：一是加强组织领导，压实工作责任；二是丰富解读形式；三是规范答复流程。")
    assert read_items(section) == (["部分部门重视不够", "政策解读形式单一", "依申请公开答复不够规范"],
                                   ["加强组织领导，压实工作责任", "丰富解读形式", "规范答复流程"])


@pytest.mark.parametrize("problem", [
    "2021年，我镇政务公开工作虽取得一定成效，但仍存在公开内容不够全面的问题。",   # a year that states no intent
    "个别单位将信息公开工作视为额外负担，主动性不强。",                        # 将 without a year is 把
    "2021年，上级要求的公开事项落实不够及时。",                                # 要求 is no intent
])
def test_a_year_or_a_jiang_alone_does_not_turn_to_the_measures(problem):
    problems, measures = read_items(problem)
    assert measures == [] and len(problems) == 1


def test_a_report_without_section_five_has_no_items_and_says_why():
    text = "一、总体情况\n全年工作。\n二、主动公开政府信息情况\n表格"
    findings = prose_reader("off", []).read(text, split_sections(text))
    assert (findings.problems, findings.measures) == ([], [])
    assert any("五" in warning for warning in findings.warnings)


def test_items_of_a_pdf_text_wrapped_at_the_page_width_with_a_page_number():
    """huaian_2024 as its text dump: lines wrapped mid-word, "-5-" between two lines of a sentence."""
    text = (REPORTS / "huaian_2024.txt").read_text(encoding="utf-8")
    findings = prose_reader("off", []).read(text, split_sections(text))
    assert findings.problems == ["政策解读质量仍需提升，个别单位政策解读内容简单、形式单一",
                                 "政务公开队伍建设还需进一步加强，个别单位存在人员配备不足、兼职多、流动性过快的问题"]
    assert len(findings.measures) == 2
    assert findings.measures[1].startswith("建立健全“传帮带”机制")
    assert "\n" not in "".join(findings.measures)


# --- layouts first met on real published reports (samples/realworld), here on constructed texts ---

def test_a_problem_paragraph_then_weici_and_an_announced_list_of_measures():
    """The legacy "六、存在问题及改进措施": problems as plain sentences, then "为此，…采取以下措施…：" and
    （一）（二）: the list is the measures, each sentence before it one problem."""
    section = ("本年度我局政府信息公开工作虽按期完成，但与群众的期待相比仍有差距，信息更新还不够及时。"
               "个别科室报送的信息存在审核不严、分类不准、要素填写不全等问题。\n"
               "为此，2018年我们将采取以下措施加以改进：\n（一）加强学习。提高全体干部的公开意识。\n"
               "（二）完善制度。规范信息报送、审核和发布流程。\n某某县民政局\n二〇一八年一月十五日")
    assert read_items(section) == (
        ["本年度我局政府信息公开工作虽按期完成，但与群众的期待相比仍有差距，信息更新还不够及时",
         "个别科室报送的信息存在审核不严、分类不准、要素填写不全等问题"],
        ["加强学习。提高全体干部的公开意识", "完善制度。规范信息报送、审核和发布流程"])


@pytest.mark.parametrize("turn", ["我们将从以下几个方面加以改进：", "下一年度将重点做好如下工作：",
                                  "对此，我们将采取如下措施："])
def test_a_sentence_announcing_the_measures_below_turns_to_them(turn):
    problems, measures = read_items(f"存在问题：公开内容不够全面，更新不够及时。\n{turn}\n一是加强培训。\n二是完善制度。")
    assert problems == ["公开内容不够全面，更新不够及时"]
    assert measures == ["加强培训", "完善制度"]


def test_a_sentence_that_takes_up_the_problem_stays_with_it():
    problems, _ = read_items("存在问题：\n公开的格式还不够规范，内容更新不够及时，群众反映较多。"
                             "上述问题，我们将在今后的工作中切实加以改进。\n改进措施：\n加强培训。")
    assert problems == ["公开的格式还不够规范，内容更新不够及时，群众反映较多。上述问题，我们将在今后的工作中切实加以改进"]


@pytest.mark.parametrize("signature", ["二〇一九年", "二0一九年三月", "某某镇人民政府 2019年3月", "2019年3月20日"])
def test_date_and_signature_lines_are_never_items(signature):
    _, measures = read_items(f"改进措施：\n我镇将进一步规范信息发布流程，提高公开质量。\n{signature}")
    assert measures == ["我镇将进一步规范信息发布流程，提高公开质量"]


def test_a_report_without_any_heading_closes_with_its_plan():
    """A free-form report: counts, then "2013年，我们将…". A plan-like sentence before the last count
    is part of the account of the year, not the measures."""
    text = ("某某乡2012年政府信息公开工作报告\n"
            "2012年，我乡将政府信息公开纳入年度考核，由1名专人负责此项工作，确保信息发布及时准确。\n"
            "全年全乡累计主动公开政府信息48条，其中网上公开信息30条，乡政务公开栏公开18条。\n"
            "2013年，我们将进一步健全信息公开制度，拓展公开渠道，使政务公开工作更加贴近群众。")
    findings = prose_reader("off", []).read(text, split_sections(text))
    assert (findings.problems, findings.measures) == (
        [], ["2013年，我们将进一步健全信息公开制度，拓展公开渠道，使政务公开工作更加贴近群众"])
    assert [(fact.type, fact.value, fact.label) for fact in findings.facts] == [
        ("info_published_total", 48, None), ("info_published_channel", 30, "政府网站"),
        ("info_published_channel", 18, "公开栏")]


def test_a_list_lead_after_a_framing_clause_is_not_part_of_the_problem():
    problems, _ = read_items("2022年，我街道政务公开工作取得了一定成效，但仍存在一些问题和不足，主要表现在信息发布不够及时，"
                             "部分栏目更新较慢。\n下一步，我们将加强栏目管理。")
    assert problems == ["信息发布不够及时，部分栏目更新较慢"]


def test_a_part_five_that_names_only_the_plans_holds_measures_only():
    """"五、工作打算" with no problems heading before it: its list is the measures."""
    text = ("一、概述\n全年工作。\n二、主动公开政府信息情况\n全年公开信息。\n五、2017年工作打算\n"
            "（一）健全工作机制。明确专人负责信息更新。\n（二）拓展公开渠道。用好政务新媒体。\n（三）加强业务培训。")
    findings = prose_reader("off", []).read(text, split_sections(text))
    assert findings.problems == []
    assert findings.measures == ["健全工作机制。明确专人负责信息更新", "拓展公开渠道。用好政务新媒体", "加强业务培训"]


def test_a_general_statement_without_a_problem_cue_frames_the_problems():
    """A preamble cut off by the page ("…扎实推") states nothing that falls short; "解决…问题" is
    what is to be done, no problem either."""
    assert report_items("信息公开是一项系统性、长期性的基础工作，需要在实践中不断探索，逐步解决工作中遇到的问题，扎实推") == ([], [])
    assert report_items("信息公开是一项长期的基础工作。目前公开内容的深度和广度仍有待提升。") == (
        ["信息公开是一项长期的基础工作。目前公开内容的深度和广度仍有待提升"], [])


def test_a_worded_sub_heading_of_the_measures_on_the_line_of_its_text():
    """"（二）解决办法和改进措施：我局将…" opens the measures; its heading is no part of the item."""
    section = ("（一）存在的主要问题和困难：一是公开意识还有待提高；二是公开内容还需要进一步丰富。\n"
               "（二）具体办法和整改措施：我局将加强业务培训，规范信息公开行为。")
    assert report_items(section) == (["公开意识还有待提高", "公开内容还需要进一步丰富"],
                                     ["我局将加强业务培训，规范信息公开行为"])
