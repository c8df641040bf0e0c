"""Cells are placed only where their column is certain; every other layout leaves them out and says so.

Each test builds a second example of a layout where a cell's column can be ambiguous (the real
report that showed it is named, never used) and checks both sides: what is certain is read, what is
not is left out with a warning. Expected values come from the table each test writes down.
"""
from __future__ import annotations

import sys
from pathlib import Path

from extractor.catalog import catalog
from extractor.convert.text import convert
from extractor.document import Table
from extractor.tables import read_tables
from extractor.tables.cells import split_line
sys.path.insert(0, str(Path(__file__).parent))  # the table builders (pytest runs with --import-mode=importlib)
from test_tables_layouts import T3_2019, report, t2_grid, t3_grid  # noqa: E402

COLUMNS = catalog().t3_column_ids
T3_HEADING = "三、收到和处理政府信息公开申请情况"
T3_HEADER = ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) |", "申请人情况 |", "||||||||",
             "自然人 |", "法人或其他组织 |", "总计 |", "|||||||",
             "商业企业 |", "科研机构 |", "社会公益组织 |", "法律服务机构 |", "其他 |", "|||||"]


def row_of(reading, row: str) -> list:
    return [reading.metrics.get(f"t3.{row}.{column}", "missing") for column in COLUMNS]


def pipe_dump(rows: list[tuple[list[str], list[str]]], slots: int = 10) -> list[str]:
    """Rows as a crawler wrote them: each cell on a line ending in " |", a row's empty cells run
    together into one line of "|" that pads the row to the same number of slots (the r09 shape)."""
    lines: list[str] = []
    for labels, values in rows:
        lines += [f"{text} |" for text in labels + values]
        lines.append("|" * (slots - len(labels) - len(values)))
    return lines


def text_report(table_lines: list[str], heading: str = T3_HEADING) -> str:
    return "\n".join(["一、总体情况", "本机关全年共主动公开政府信息120条。", heading, *table_lines,
                      "五、存在的主要问题及改进情况", "一是公开内容不够全面。"])


def read_text(text: str):
    return read_tables(convert(text.encode("utf-8"), "dump.txt"))


def test_empty_cells_run_together_say_nothing_of_where_the_values_stand():
    """Only a total the values before it add up to is kept; a total of 0 makes the row 0; 7 values fill the row."""
    rows = [(["一、本年新收政府信息公开申请数量"], ["4", "1", "5"]),
            (["二、上年结转政府信息公开申请数量"], ["0", "0"]),
            (["三、本年度办理结果", "(一)予以公开"], ["2", "2"]),
            (["(二)部分公开(区分处理的,只计这一情形,不计其他情形)"], ["0"]),
            (["(三)不予公开", "1.属于国家秘密"], ["3", "1"]),
            (["2.其他法律行政法规禁止公开"], ["1", "0", "0", "0", "0", "0", "1"])]
    reading = read_text(text_report(T3_HEADER + pipe_dump(rows)))
    assert row_of(reading, "new") == ["missing"] * 6 + [5]
    assert row_of(reading, "carried_over") == [0] * 7
    assert row_of(reading, "granted") == ["missing"] * 6 + [2]
    assert row_of(reading, "partial") == [0] * 7
    assert row_of(reading, "denied.state_secret") == ["missing"] * 7  # 3 then 1: no total among them
    assert row_of(reading, "denied.law_prohibited") == [1, 0, 0, 0, 0, 0, 1]
    assert any("row 1.属于国家秘密 has 2 cells for 7 columns whose columns cannot be told: left out" in w
               for w in reading.warnings), reading.warnings
    assert "table 3 row 予以公开 has 2 cells for 7 columns: only 总计 kept (the values before it add up to it)" \
        in reading.warnings, reading.warnings


def test_a_grid_row_with_more_cells_than_columns_loses_only_the_empty_cells_certain_to_be_extra():
    rows = [list(row) for row in t3_grid(T3_2019).physical_rows()]
    at = {label: i for i, row in enumerate(rows) for label in row}
    rows[at["（一）予以公开"]] = ["（一）予以公开", "", "6", "", "", "", "", "6", ""]        # 8 for 7, empty at both ends
    rows[at["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]] = [
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "", "1", "", "", "", "", "", "1", ""]  # 1 … 1 span 7
    rows[at["4.保护第三方合法权益"]] = ["4.保护第三方合法权益", "1", "", "", "", "", "", "1", "", ""]  # starts with a value
    reading = read_tables(report(None, Table(rows), None))
    assert row_of(reading, "granted") == ["missing"] * 7
    assert "table 3 row 予以公开 has 8 cells for 7 columns with empty cells at both ends: which of them are extra " \
           "cannot be told: left out" in reading.warnings
    assert row_of(reading, "partial") == [1, None, None, None, None, None, 1]
    assert row_of(reading, "denied.third_party") == [1, None, None, None, None, None, 1]
    assert row_of(reading, "new") == T3_2019["new"]


def test_a_delimited_line_keeps_its_empty_cells_in_their_places():
    """"予以公开 | 3 | | … |": the 3 is 自然人 and 总计 is blank, not a total of 3."""
    assert split_line("（一）予以公开 | 3 |  |  | 0 |") == ["（一）予以公开 ", " 3 ", "  ", "  ", " 0 "]
    assert split_line("3 |") == ["3 "] and split_line("|") == []
    assert split_line("规章    1    0    8") == ["规章", "1", "0", "8"]
    lines = [" | ".join(row) + " |" for row in t3_grid(T3_2019).physical_rows()]
    granted = next(i for i, line in enumerate(lines) if "（一）予以公开" in line)
    lines[granted] = "（一）予以公开 | 3 |  |  |  |  |  |  |"
    reading = read_tables(report(None, lines, None))
    assert row_of(reading, "granted") == [3, None, None, None, None, None, None]
    assert row_of(reading, "partial") == T3_2019["partial"]


def test_a_short_row_that_lost_its_empty_cells_keeps_a_total_only_when_the_rest_add_up_to_it():
    """pdftotext layout and one-cell-per-line dumps drop empty cells: a short row's last value may be any column."""
    lines = ["    ".join(row) for row in t3_grid(T3_2019).physical_rows()]
    at = {label: next(i for i, line in enumerate(lines) if label in line) for label in ("（一）予以公开", "1.属于国家秘密")}
    lines[at["（一）予以公开"]] = "（一）予以公开    2    1    3"
    lines[at["1.属于国家秘密"]] = "1.属于国家秘密    5    3"
    reading = read_tables(report(None, lines, None))
    assert row_of(reading, "granted") == ["missing"] * 6 + [3]
    assert row_of(reading, "denied.state_secret") == ["missing"] * 7

    cells = [text for text in t3_grid(T3_2019).cell_stream()]
    start = cells.index("（一）予以公开")
    cells[start + 1:start + 8] = ["4", "4"]
    reading = read_tables(report(None, Table([[text] for text in cells], flattened=True), None))
    assert row_of(reading, "granted") == ["missing"] * 6 + [4]
    assert row_of(reading, "partial") == T3_2019["partial"]


def test_a_row_of_a_table_too_wide_keeps_its_own_empty_total():
    """With one empty column past 总计 in every row, a short row's last cell before it is 总计, blank or not."""
    rows = [list(row) for row in t3_grid(T3_2019).physical_rows()]
    granted = next(i for i, row in enumerate(rows) if "（一）予以公开" in row)
    rows[granted] = rows[granted][:2] + ["6", "1", "0", "0", ""]          # merged cells, 总计 blank
    wider = ["| " + " | ".join(row) + " |  |" for row in rows]
    reading = read_tables(report(None, wider, None))
    assert row_of(reading, "granted") == ["missing"] * 6 + [None]        # not 总计 0 and every column 0


def test_in_a_table_too_wide_a_row_of_seven_ending_empty_may_have_lost_its_total():
    """The kewei_2024 shape: with an empty column past 总计, "1 0 0 0 0 0 (empty)" is 总计 blank, or 总计 lost."""
    rows = [list(row) for row in t3_grid(T3_2019).physical_rows()]
    wider = ["| " + " | ".join(row) + " |  |" for row in rows]
    wider[-1] = "| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 |  |"
    reading = read_tables(report(None, wider, None))
    assert row_of(reading, "carried_forward") == [1, 0, 0, 0, 0, 0, "missing"]
    assert row_of(reading, "total") == T3_2019["total"]
    assert any("结转下年度继续办理 ends in an empty cell" in w for w in reading.warnings), reading.warnings


def test_a_number_too_many_is_dropped_as_a_page_number_only_where_the_row_rule_singles_it_out():
    cells = t3_grid(T3_2019).cell_stream()
    new = cells.index("一、本年新收政府信息公开申请数量")
    cells[new + 8:new + 8] = ["9"]                                  # 12 3 0 1 0 0 16 | 9: only 9 can go
    third = cells.index("4.保护第三方合法权益")
    cells[third + 8:third + 8] = ["1"]                              # 1 0 0 0 0 0 1 | 1: either 1 can go
    reading = read_tables(report(None, Table([[text] for text in cells], flattened=True), None))
    assert row_of(reading, "new") == T3_2019["new"]
    assert row_of(reading, "denied.third_party") == ["missing"] * 7
    assert "table 3 row 4.保护第三方合法权益 has 8 cells for 7 columns, one of them maybe a page number, and no " \
           "rule of the row tells which: left out" in reading.warnings

    t2 = [text for text in t2_grid("2019", {"licensing": ["45", "+3", "1204"]}).cell_stream()] + ["5"]
    reading = read_tables(report(Table([[text] for text in t2], flattened=True), None, None))
    assert not any(key.startswith("t2.licensing.") for key in reading.metrics)  # 5 could stand anywhere

