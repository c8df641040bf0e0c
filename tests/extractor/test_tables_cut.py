"""Tables of a stored text that was cut short: the cells before the cut are kept only where certain.

Search indexes and crawler dumps keep the first ~2,000 characters of a page, so a stored report can
end inside a table, inside a row, inside a cell (the r07 shape: "行政强制 | 0 | 0" and nothing after).
The cells before the cut stand at their columns when the row keeps its places and the source shows
that the cut fell inside the row; the last cell may have lost digits unless it is a lone 0. Each test
is a second example written here; the expected values come from the text it writes.
"""
from __future__ import annotations

import sys
from pathlib import Path

from extractor.catalog import catalog
from extractor.convert.text import convert
from extractor.document import Document, Paragraph
from extractor.tables import read_tables
sys.path.insert(0, str(Path(__file__).parent))  # the table builders (pytest runs with --import-mode=importlib)
from test_tables_layouts import T3_2019, T4, t4_grid  # noqa: E402

T3_COLUMNS = catalog().t3_column_ids
T2_HEAD = ["二、主动公开政府信息情况", "第二十条第(五)项 | |||", "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
           "行政许可 | 5 | 1 | 40 |"]
T3_HEAD = ["三、收到和处理政府信息公开申请情况", "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | |||",
           "自然人 | 法人或其他组织 | 总计 | ||", "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |",
           "一、本年新收政府信息公开申请数量 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |"]


def read_cut(lines: list[str]):
    """The tables of a stored text whose last line is where it was cut."""
    text = "\n".join(["一、总体情况", "本机关全年共主动公开政府信息120条。", *lines])
    return read_tables(convert(text.encode("utf-8"), "stored.txt"))


def punishment(reading) -> list:
    return [reading.metrics.get(f"t2.punishment.{column}", "missing") for column in ("prev_items", "change", "decisions")]


def test_a_row_cut_inside_keeps_its_leading_cells_and_a_last_cell_only_when_it_is_a_lone_zero():
    reading = read_cut(T2_HEAD + ["行政处罚 | 12 | 0"])
    assert [reading.metrics[f"t2.licensing.{c}"] for c in ("prev_items", "change", "decisions")] == [5, 1, 40]
    assert punishment(reading) == [12, 0, "missing"]
    assert "table 2 row 行政处罚 was cut by the end of the text: its first 2 cell(s) kept in their columns" \
        in reading.warnings

    reading = read_cut(T2_HEAD + ["行政处罚 | 3 | 1"])       # "1" may be the start of "12"
    assert punishment(reading) == [3, "missing", "missing"]
    assert any("its last cell '1' may be cut short" in w for w in reading.warnings), reading.warnings


def test_a_markdown_row_without_its_closing_pipe_was_cut_inside():
    lines = ["二、主动公开政府信息情况", "| 第二十条第(六)项 | | | |", "| --- | --- | --- | --- |",
             "| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |", "| 行政处罚 | 7 | 0 | 96 |", "| 行政强制 | 6 | 0"]
    reading = read_cut(lines)
    assert punishment(reading) == [7, 0, 96]
    assert [reading.metrics.get(f"t2.coercion.{c}", "missing") for c in ("prev_items", "change", "decisions")] == \
        [6, 0, "missing"]


def test_a_table_3_row_cut_inside_keeps_its_leading_columns_and_never_a_total():
    reading = read_cut(T3_HEAD + ["三、本年度办理结果 | (一)予以公开 | 3 | 0 | 0"])
    assert [reading.metrics[f"t3.new.{c}"] for c in T3_COLUMNS] == [4, 1, 0, 0, 0, 0, 5]
    assert [reading.metrics.get(f"t3.granted.{c}", "missing") for c in T3_COLUMNS] == [3, 0, 0] + ["missing"] * 4


def test_where_the_source_cannot_show_that_the_cut_fell_inside_a_short_row_nothing_of_it_is_placed():
    """Without closing pipes a short last row may be a whole row with merged cells, or a cut one."""
    lines = [line.rstrip(" |") for line in T3_HEAD] + ["(一)予以公开 | 3 | 4"]
    reading = read_cut(lines)
    assert [reading.metrics[f"t3.new.{c}"] for c in T3_COLUMNS] == [4, 1, 0, 0, 0, 0, 5]
    assert not any(key.startswith("t3.granted.") for key in reading.metrics)  # not 总计 4
    assert any("whether the cut fell inside it cannot be told: left out" in w for w in reading.warnings)


def test_a_short_row_of_zeros_that_ends_the_text_has_0_in_its_leading_columns_either_way():
    """Cut right after a delimiter the last line looks whole: cut inside, its cells lead; whole, 总计 0 zeros it."""
    reading = read_cut(T3_HEAD + ["三、本年度办理结果 | (一)予以公开 | 0 | 0 | 0 | 0 |"])
    assert [reading.metrics.get(f"t3.granted.{c}", "missing") for c in T3_COLUMNS] == [0] * 4 + ["missing"] * 3
    reading = read_cut(T3_HEAD + ["三、本年度办理结果 | (一)予以公开 | 2 | 0 | 0 | 0 |"])
    assert not any(key.startswith("t3.granted.") for key in reading.metrics)  # 2 at 自然人, or a 总计 of 0?


def test_a_dump_cut_after_a_full_row_keeps_all_but_a_last_cell_that_may_be_short():
    cells = ["一、本年新收政府信息公开申请数量", *map(str, T3_2019["new"]),
             "二、上年结转政府信息公开申请数量", *map(str, T3_2019["carried_over"])]
    reading = read_cut(["三、收到和处理政府信息公开申请情况", "\t申请人情况", "\t自然人", *("\t" + cell for cell in cells)])
    assert [reading.metrics[f"t3.new.{c}"] for c in T3_COLUMNS] == T3_2019["new"]
    assert [reading.metrics.get(f"t3.carried_over.{c}", "missing") for c in T3_COLUMNS] == \
        T3_2019["carried_over"][:6] + ["missing"]                          # its last cell "2" may be "25"

    reading = read_cut(["三、收到和处理政府信息公开申请情况", "\t申请人情况", "\t自然人", *("\t" + cell for cell in cells[:-2])])
    assert not any(key.startswith("t3.carried_over.") for key in reading.metrics)  # 6 cells: places unknown


def test_table_4_cut_inside_its_row_keeps_its_leading_cells():
    values = " | ".join(str(v) for v in T4[:6])                       # 3 1 0 1 5 | 2: "2" may be "20"
    reading = read_cut(["四、政府信息公开行政复议、行政诉讼情况", "| 行政复议 | 行政诉讼 |", "| --- | --- |",
                        "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |", f"| {values}"])
    assert [reading.metrics.get(metric_id, "missing") for metric_id in catalog().t4_ids] == T4[:5] + ["missing"] * 10


def test_a_converted_file_ending_with_a_table_is_not_cut():
    """Only a stored text is cut short; an HTML page's table is closed by its markup."""
    blocks = [Paragraph("四、政府信息公开行政复议、行政诉讼情况"), t4_grid(T4)]
    reading = read_tables(Document(blocks, "html"))
    assert [reading.metrics[metric_id] for metric_id in catalog().t4_ids] == T4
    reading = read_tables(Document(blocks, "txt"))
    assert [reading.metrics.get(metric_id, "missing") for metric_id in catalog().t4_ids] == T4[:-1] + ["missing"]
