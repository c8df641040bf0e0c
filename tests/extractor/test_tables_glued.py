"""Digits of a whole row glued together by a crawler ("行政规范性文件77132470" = 77/132/470).

Each example's expected outcome is checked first by brute force (every way to cut the digits, the
row's rule applied), so the test states a property of the example, not of the code under test.
"""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

from extractor.catalog import catalog
from extractor.document import Document, Paragraph, Table
from extractor.tables import read_tables

sys.path.insert(0, str(Path(__file__).parent))  # the table builders (pytest runs with --import-mode=importlib)
from test_tables_layouts import T3_2019, expected_metrics, t3_grid  # noqa: E402


def splits(digits: str, parts: int, rule=lambda values: True) -> list[list[int]]:
    """Brute force: every cut of `digits` into `parts` numbers without leading zeros that obeys `rule`."""
    found = []
    for cuts in itertools.combinations(range(1, len(digits)), parts - 1):
        pieces = [digits[a:b] for a, b in zip((0,) + cuts, cuts + (len(digits),))]
        if all(p == "0" or not p.startswith("0") for p in pieces) and rule([int(p) for p in pieces]):
            found.append([int(p) for p in pieces])
    return found


def row_adds_up(values: list[int]) -> bool:
    return sum(values[:-1]) == values[-1]


def groups_add_up(values: list[int]) -> bool:
    return all(row_adds_up(values[g:g + 5]) for g in range(0, 15, 5))


def glued_report(t2_lines: list[str] | None = None, t3_lines: list[str] | None = None,
                 t4_lines: list[str] | None = None) -> Document:
    """A crawled page whose tables came out as text lines, each row's cells written together."""
    blocks = [Paragraph("一、总体情况"), Paragraph("本年度共主动公开政府信息56条。")]
    for heading, lines in (("二、主动公开政府信息情况", t2_lines), ("三、收到和处理政府信息公开申请情况", t3_lines),
                           ("四、政府信息公开行政复议、行政诉讼情况", t4_lines)):
        if lines:
            blocks += [Paragraph(heading), Paragraph("\n".join(lines))]
    return Document(blocks + [Paragraph("五、存在的主要问题及改进情况")], "html")


def test_an_ambiguous_glued_table_2_row_is_left_out_and_named():
    assert len(splits("77132470", 3)) > 1  # table 2 has no rule inside a row: many cuts remain
    reading = read_tables(glued_report(["信息内容本年制发件数本年废止件数现行有效件数", "规章000",
                                        "行政规范性文件77132470", "行政许可97"]))
    assert not any(k.startswith("t2.normative_docs.") for k in reading.metrics)
    warning = next(w for w in reading.warnings if "77132470" in w)
    assert "行政规范性文件" in warning and "left out" in warning and "7/7/132470" in warning
    assert [reading.metrics[f"t2.regulations.{c}"] for c in ("made", "repealed", "valid")] == [0, 0, 0]
    assert reading.metrics["t2.licensing.decisions"] == 97


def test_a_glued_table_3_row_with_one_cut_that_adds_up_is_split():
    row = [25, 3, 0, 0, 1, 0, 29]
    digits = "".join(map(str, row))
    assert splits(digits, 7, row_adds_up) == [row] and len(splits(digits, 7)) > 1
    lines = [" ".join(r) for r in t3_grid(T3_2019).physical_rows()]
    lines = [("一、本年新收政府信息公开申请数量" + digits if line.startswith("一、本年新收") else line) for line in lines]
    reading = read_tables(glued_report(t3_lines=lines))
    assert [reading.metrics[f"t3.new.{c}"] for c in catalog().t3_column_ids] == row
    assert any(f"glued digits {digits} split as 25/3/0/0/1/0/29" in w for w in reading.warnings), reading.warnings


def test_a_glued_table_3_row_with_several_cuts_that_add_up_is_left_out():
    digits = "123010016"  # 12/3/0/1/0/0/16 and 1/2/3/0/10/0/16 both add up
    assert len(splits(digits, 7, row_adds_up)) == 2
    lines = [" ".join(r) for r in t3_grid(T3_2019).physical_rows()]
    lines = [("（一）予以公开" + digits if "（一）予以公开" in line else line) for line in lines]
    reading = read_tables(glued_report(t3_lines=lines))
    assert not any(k.startswith("t3.granted.") for k in reading.metrics)
    assert any(digits in w and "left out" in w for w in reading.warnings), reading.warnings
    assert reading.metrics["t3.partial.total"] == T3_2019["partial"][-1]


def test_a_glued_table_4_row_is_split_by_its_group_sums_when_one_cut_obeys_them():
    values = [25, 3, 0, 1, 29, 2, 0, 1, 0, 3, 0, 0, 0, 1, 1]
    digits = "".join(map(str, values))
    assert splits(digits, 15, groups_add_up) == [values] and len(splits(digits, 15)) > 1
    reading = read_tables(glued_report(t4_lines=["行政复议行政诉讼", "结果维持结果纠正其他结果尚未审结总计" + digits]))
    assert [reading.metrics[i] for i in catalog().t4_ids] == values

    ambiguous = "".join(map(str, [12, 1, 0, 1, 14, 2, 0, 1, 0, 3, 0, 0, 0, 1, 1]))
    assert len(splits(ambiguous, 15, groups_add_up)) == 2  # 12/1/0/1/14 or 1/2/10/1/14
    reading = read_tables(glued_report(t4_lines=["行政复议行政诉讼", "结果维持结果纠正其他结果尚未审结总计" + ambiguous]))
    assert not any(k.startswith("t4.") for k in reading.metrics)
    assert any("split 2 ways" in w and "12/1/0/1/14" in w for w in reading.warnings), reading.warnings


def test_a_glued_run_no_cut_of_which_obeys_the_rules_is_left_out():
    digits = "1234567"  # 7 digits for 7 cells: one cut, and 1+2+3+4+5+6 != 7
    assert splits(digits, 7, row_adds_up) == []
    lines = [" ".join(r) for r in t3_grid(T3_2019).physical_rows()]
    lines = [("（七）总计" + digits if "（七）总计" in line else line) for line in lines]
    reading = read_tables(glued_report(t3_lines=lines))
    assert not any(k.startswith("t3.total.") for k in reading.metrics)
    assert any("cannot be split" in w for w in reading.warnings), reading.warnings
    assert expected_metrics(None, None, {"new": T3_2019["new"]}, None).items() <= reading.metrics.items()


def test_digits_with_a_leading_zero_in_a_separated_cell_are_glued_cells():
    table = Table([["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", "0470"]])
    reading = read_tables(Document([Paragraph("二、主动公开政府信息情况"), table,
                                    Paragraph("三、收到和处理政府信息公开申请情况")], "html"))
    assert "t2.licensing.decisions" not in reading.metrics


T4_HEADER_LINES = ["行政复议行政诉讼", "未经复议直接起诉复议后起诉", "结果维持结果纠正其他结果尚未审结总计" * 3]


def test_a_table_4_row_written_as_one_bare_run_of_digits_is_split_when_one_cut_obeys_the_group_sums():
    """No label is glued to the run: the run has at least one digit per column, so it is the row glued."""
    values = [31, 2, 0, 0, 33, 1, 0, 0, 0, 1, 0, 0, 0, 2, 2]
    digits = "".join(map(str, values))
    assert splits(digits, 15, groups_add_up) == [values] and len(splits(digits, 15)) > 1
    reading = read_tables(glued_report(t4_lines=[*T4_HEADER_LINES, digits]))
    assert [reading.metrics[i] for i in catalog().t4_ids] == values
    assert any(f"glued digits {digits} split as 31/2/0/0/33/" in w for w in reading.warnings), reading.warnings

    ambiguous = "".join(map(str, [12, 0, 1, 0, 13, 1, 0, 0, 0, 1, 0, 0, 0, 2, 2]))
    assert len(splits(ambiguous, 15, groups_add_up)) == 2  # 12/0/1/0/13 or 1/2/0/10/13
    reading = read_tables(glued_report(t4_lines=[*T4_HEADER_LINES, ambiguous]))
    assert not any(k.startswith("t4.") for k in reading.metrics)
    assert any("split 2 ways" in w and ambiguous in w for w in reading.warnings), reading.warnings


def test_a_table_3_row_whose_values_are_one_bare_run_on_the_line_after_its_label_is_split_by_its_sum():
    row = [25, 3, 0, 0, 1, 0, 29]
    digits = "".join(map(str, row))
    assert splits(digits, 7, row_adds_up) == [row] and len(splits(digits, 7)) > 1
    lines = [" ".join(r) for r in t3_grid(T3_2019).physical_rows()]
    at = next(i for i, line in enumerate(lines) if "（一）予以公开" in line)
    lines[at:at + 1] = ["（一）予以公开", digits]
    reading = read_tables(glued_report(t3_lines=lines))
    assert [reading.metrics[f"t3.granted.{c}"] for c in catalog().t3_column_ids] == row


def test_a_bare_run_of_digits_is_not_split_in_table_2_which_has_no_rule_to_check_a_split():
    reading = read_tables(glued_report(["信息内容上一年项目数量本年增/减处理决定数量", "行政许可", "100", "行政处罚 3 0 12"]))
    assert not any(k.startswith("t2.licensing.") for k in reading.metrics)
    assert "table 2 row 行政许可 has 1 cells for 3 columns: left out" in reading.warnings, reading.warnings
    assert [reading.metrics[f"t2.punishment.{c}"] for c in ("prev_items", "change", "decisions")] == [3, 0, 12]
