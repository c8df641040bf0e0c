"""Each kind of damage real sources show (design.md, "Damage seen"), on a second example built here.

Every test damages the consistent tables of `test_tables_layouts` the way a real source did and
checks that the reader recovers what can be known, leaves out what cannot, and says so.
"""
from __future__ import annotations

import sys
from pathlib import Path

from extractor.catalog import catalog
from extractor.convert.grid import SpanCell, resolve_spans
from extractor.document import Document, Paragraph, Table
from extractor.tables import read_tables
from extractor.tables.cells import tokenize
sys.path.insert(0, str(Path(__file__).parent))  # the table builders (pytest runs with --import-mode=importlib)
from test_tables_layouts import (T2_2019, T2_2019_VALUES, T2_2021, T2_2021_VALUES, T3_2019, T3_2021, T4,
                                 assert_metrics, expected_metrics, flattened, layout_lines, report, t2_grid,
                                 t3_grid, t4_grid)  # noqa: E402

COLUMNS = catalog().t3_column_ids
# A text report goes on after its tables; one that ends inside a table was cut (see test_tables_cut).
CLOSING = "五、存在的主要问题及改进情况"


def row_ids(row: str) -> list[str]:
    return [f"t3.{row}.{column}" for column in COLUMNS]


def stream_with(table: Table, after: str, extra: list[str]) -> Table:
    """A flattened dump of `table` with `extra` lines inserted after the first cell equal to `after`."""
    lines = table.cell_stream()
    at = lines.index(after) + 1
    return Table(grid=[[text] for text in lines[:at] + extra + lines[at:]], flattened=True)


def test_page_numbers_inside_tables_are_dropped_and_values_kept():
    t2 = stream_with(t2_grid("2019", T2_2019), after="1204", extra=["- 5 -"])  # after the last cell of 行政许可
    t3_lines = layout_lines(t3_grid(T3_2019))
    t3_lines[8:8] = ["-3-", "— 4 —", "4"]  # a page break between two rows of table 3
    reading = read_tables(report(t2, t3_lines, t4_grid(T4)))
    assert_metrics(reading, expected_metrics(T2_2019_VALUES, "2019", T3_2019, T4))
    assert any("lone number 4" in w for w in reading.warnings), reading.warnings


def test_a_page_number_right_after_a_complete_row_of_a_dump_is_dropped():
    t4 = Table([[text] for text in t4_grid(T4).cell_stream() + ["6"]], flattened=True)
    reading = read_tables(report(None, None, t4))
    assert [reading.metrics[i] for i in catalog().t4_ids] == T4
    assert any("lone number 6" in w for w in reading.warnings)


def test_a_row_with_fewer_cells_keeps_only_its_total_and_a_zero_total_fills_the_row():
    grid = t3_grid(T3_2019)
    rows = [list(row) for row in grid.physical_rows()]
    granted = next(i for i, row in enumerate(rows) if "（一）予以公开" in row)
    rows[granted] = rows[granted][:2] + ["6", "1", "0", "0", "7"]        # 5 cells for 7 columns
    secret = next(i for i, row in enumerate(rows) if "1.属于国家秘密" in row)
    rows[secret] = rows[secret][:2] + ["0", "0", "0", "0", "0"]          # merged cells, total 0
    reading = read_tables(report(None, Table(rows), None))
    assert reading.metrics["t3.granted.total"] == 7
    assert not any(i in reading.metrics for i in row_ids("granted")[:-1])
    assert [reading.metrics[i] for i in row_ids("denied.state_secret")] == [0] * 7
    assert "table 3 row 予以公开 has 5 cells for 7 columns: only 总计 kept" in reading.warnings
    assert any("1.属于国家秘密 has 5 cells for 7 columns and 总计 0: every column 0" in w for w in reading.warnings)


def test_blank_and_no_value_cells_are_null_and_a_wider_markdown_row_loses_its_empty_column():
    t3 = {**T3_2019, "partial": ["1", "", "", "/", "—", "无", "1"]}
    lines = ["| " + " | ".join(row) + " |  |" for row in t3_grid(t3).physical_rows()]  # one empty column too many
    reading = read_tables(report(None, lines, None))
    assert [reading.metrics[i] for i in row_ids("partial")] == [1, None, None, None, None, None, 1]
    assert [reading.metrics[i] for i in row_ids("new")] == T3_2019["new"]


def test_a_short_row_keeps_its_own_empty_total_but_not_the_empty_column_of_a_table_too_wide():
    """A row the source ended has its last cell in 总计, blank or not; in a table whose rows all reach one
    empty cell past 总计, a short row's empty last cell is that column, and 总计 is the cell before it."""
    rows = [list(row) for row in t3_grid(T3_2019).physical_rows()]
    granted = next(i for i, row in enumerate(rows) if "（一）予以公开" in row)
    rows[granted] = rows[granted][:2] + ["6", "1", "0", "0", ""]          # merged cells, 总计 left blank
    reading = read_tables(report(None, Table(rows), None))
    assert [reading.metrics.get(i, "missing") for i in row_ids("granted")] == ["missing"] * 6 + [None]

    rows[granted][-1] = "7"
    wider = ["| " + " | ".join(row) + " |  |" for row in rows]           # one empty column too many
    reading = read_tables(report(None, wider, None))
    assert [reading.metrics.get(i, "missing") for i in row_ids("granted")] == ["missing"] * 6 + [7]
    assert [reading.metrics[i] for i in row_ids("new")] == T3_2019["new"]


def test_labels_wrapped_over_lines_or_written_one_character_per_line():
    lines = [t for t in flattened(t3_grid(T3_2019)).cell_stream()]
    confirmation = lines.index("5.要求行政机关确认或重新出具已获取信息")
    lines[confirmation:confirmation + 1] = ["5.要求行政机关确认或"]
    lines.insert(confirmation + 8, "重新出具已获取信息")  # the label's tail after the row's values
    needs = lines.index("2.没有现成信息需要另行制作")
    lines[needs:needs + 1] = list("2.没有现成信息需要另行制作")  # one character per line
    reading = read_tables(report(None, Table([[t] for t in lines], flattened=True), None))
    assert_metrics(reading, expected_metrics(None, None, T3_2019, None))
    assert reading.warnings == []  # the enumerator "2" is no value of the row above


def test_a_label_cut_short_and_a_retyped_label_still_name_their_rows():
    grid = t3_grid(T3_2019, labels={"denied.law_prohibited": "2.其他法律行政法规禁止公",
                                    "not_processed.petition": "1.信访投诉举报类申请",
                                    "partial": "（二）部分公开（区分处理的，只记这一情形，不记其他情形）"})
    reading = read_tables(report(None, grid, None))
    assert_metrics(reading, expected_metrics(None, None, T3_2019, None))


def test_rows_that_lost_their_labels_are_placed_by_template_order_only_when_they_fit():
    lost = {"partial": "", "unable.not_held": "", "unable.needs_creation": "", "unable.unclear": ""}
    reading = read_tables(report(None, t3_grid(T3_2021, labels=lost), None))
    assert_metrics(reading, expected_metrics(None, None, T3_2021, None))
    assert any("placed by template order as 1.本机关不掌握相关政府信息, 2.没有现成信息需要另行制作, "
               "3.补正后申请内容仍不明确" in w for w in reading.warnings), reading.warnings

    rows = [row for row in t3_grid(T3_2021, labels=lost).physical_rows() if row[:1] != ["2.没有现成信息需要另行制作"]]
    rows = [row for row in rows if row != [""] + [str(v) for v in T3_2021["unable.needs_creation"]]]
    reading = read_tables(report(None, Table(rows), None))
    assert not any(i in reading.metrics for row in ("unable.not_held", "unable.unclear") for i in row_ids(row))
    assert any("do not fit" in w for w in reading.warnings), reading.warnings
    assert reading.metrics["t3.partial.total"] == 1  # the other gap still fits


def test_labels_printed_beside_the_grid_are_ignored_where_grids_hold_the_values():
    """The kewei_2024 shape: pieces of grid, label lines between them that sit next to the wrong rows."""
    rows = t3_grid(T3_2021, labels={"partial": "", "denied.law_prohibited": ""}).physical_rows()
    first, rest = rows[:6], rows[6:]
    blocks = [Paragraph("三、收到和处理政府信息公开申请情况"), Table(first),
              Paragraph("（二）部分公开（区分处理的，只\n2.其他法律行政法规禁\n止公开\n1"), Table(rest),
              Paragraph("四、政府信息公开行政复议、行政诉讼情况"), t4_grid(T4), Paragraph(CLOSING)]
    reading = read_tables(Document(blocks, "txt"))
    assert_metrics(reading, expected_metrics(None, None, T3_2021, T4))


def test_units_signs_and_full_width_digits_inside_cells():
    t2 = {**T2_2019, "licensing": ["４５件", "+3", "1204件"], "procurement": ["23个5123700元"]}
    reading = read_tables(report(t2_grid("2019", t2), None, None))
    assert_metrics(reading, expected_metrics(T2_2019_VALUES, "2019", None, None))
    assert reading.cells["t2.procurement.amount_yuan"]["raw"] == "5123700元"


def test_money_takes_the_unit_of_its_cell_else_of_its_header_else_of_the_template():
    def amount(template: str, raw: dict, header_note: str = "") -> int | float | None:
        grid = t2_grid(template, raw)
        if header_note:
            grid = Table([[text + header_note if text == "采购总金额" else text for text in row] for row in grid.grid],
                         grid.origin)
        reading = read_tables(report(grid, None, None))
        return reading.metrics[f"t2.{'fees' if template == '2021' else 'procurement'}.amount_yuan"]

    assert amount("2019", {"procurement": ["23", "512.37"]}, "（单位：万元）") == 5123700
    assert amount("2019", {"procurement": ["23", "512370"]}) == 512370
    assert amount("2021", {"fees": ["96171.6"]}) == 961716000     # 本年收费金额（单位：万元）
    assert amount("2021", {"fees": ["3940元"]}) == 3940


def test_tables_3_and_4_flattened_into_one_run_without_a_heading_between():
    """The 000 seed: table 4's header follows table 3's last row in the same dump."""
    run = flattened(t3_grid(T3_2019)).cell_stream() + [" 行政复议"] + flattened(t4_grid(T4)).cell_stream()[1:]
    blocks = [Paragraph("三、收到和处理政府信息公开申请情况"), Table([[t] for t in run], flattened=True),
              Paragraph("五、存在的主要问题及改进情况")]
    reading = read_tables(Document(blocks, "txt"))
    assert_metrics(reading, expected_metrics(None, None, T3_2019, T4))


def test_a_row_with_an_extra_number_that_is_no_page_number_is_left_out():
    """In a real grid row an extra number is a column too many; after a row of a dump, two are no page number."""
    t2 = {**T2_2021, "normative_docs": ["12", "3", "96", "7"]}
    reading = read_tables(report(t2_grid("2021", t2), None, None))
    assert not any(k.startswith("t2.normative_docs.") for k in reading.metrics)
    assert "table 2 row 规范性文件 / 行政规范性文件 has 4 cells for 3 columns: left out" in reading.warnings
    assert reading.metrics["t2.regulations.valid"] == 8
    dump = stream_with(t2_grid("2021", T2_2021), after="96", extra=["7", "8"])
    reading = read_tables(report(dump, None, None))
    assert not any(k.startswith("t2.normative_docs.") for k in reading.metrics)
    assert reading.metrics["t2.licensing.decisions"] == 8812


def test_a_table_2_row_with_fewer_cells_is_left_out_with_a_warning():
    t2 = {**T2_2019, "punishment": ["3841", "无"]}
    reading = read_tables(report(t2_grid("2019", t2), None, None))
    assert not any(k.startswith("t2.punishment.") for k in reading.metrics)
    assert "table 2 row 行政处罚 has 2 cells for 3 columns: left out" in reading.warnings
    assert reading.metrics["t2.coercion.prev_items"] == 6


def test_merged_header_cells_and_a_short_label_column_do_not_shift_values():
    """Table 2 data cells spanning two columns (the shanghai_office_2019 HTML) count once each."""
    rows = [[SpanCell("第二十条第（五）项", colspan=5)],
            [SpanCell("信息内容"), SpanCell("上一年项目数量"), SpanCell("本年增/减", colspan=2), SpanCell("处理决定数量")],
            [SpanCell("行政许可"), SpanCell("45", colspan=2), SpanCell("+3"), SpanCell("1204")]]
    reading = read_tables(report(resolve_spans(rows), None, None))
    assert [reading.metrics[f"t2.licensing.{c}"] for c in ("prev_items", "change", "decisions")] == [45, 3, 1204]


def test_2021_table_2_in_flattened_form_with_blank_cells_dropped():
    reading = read_tables(report(flattened(t2_grid("2021", T2_2021), keep_blank=False), None, None))
    assert_metrics(reading, expected_metrics(T2_2021_VALUES, "2021", None, None))


def test_a_table_2_without_column_headers_is_not_read_as_either_template():
    """规章 with three cells fits both templates (made/published/total or made/repealed/valid)."""
    grid = Table([["规章", "1", "0", "8"], ["规范性文件", "12", "3", "96"]])
    reading = read_tables(report(grid, None, None))
    assert not any(k.startswith("t2.") for k in reading.metrics) and 2 not in reading.templates
    assert any("neither the 2019 nor the 2021 column headers" in w for w in reading.warnings)


def test_a_text_line_naming_a_row_never_overrides_the_row_of_a_real_table():
    """A wrapped line of prose under the heading ("…全年予以公开答复8") looks like a label and a value."""
    blocks = [Paragraph("三、收到和处理政府信息公开申请情况"), Paragraph("全年予以公开答复 8"), t3_grid(T3_2019),
              Paragraph(CLOSING)]
    reading = read_tables(Document(blocks, "txt"))
    assert_metrics(reading, expected_metrics(None, None, T3_2019, None))
    assert "table 3 row 予以公开 appears twice with other cells: the table's row is kept" in reading.warnings


def test_numbers_glued_to_a_table_label_after_them_are_cut_off_it():
    """A row's last value and the next cell written as one: the next table's header or the next row's label."""
    def kinds(raw: str) -> list[tuple[str, str]]:
        return [(cell.kind.value, cell.raw) for cell in tokenize(raw)]

    assert kinds("3\n 行政复议") == [("value", "3"), ("text", "行政复议")]
    assert kinds("12 0四、结转下年度继续办理") == [("value", "12"), ("value", "0"), ("text", "四、结转下年度继续办理")]
    assert kinds("5行政许可") == [("value", "5"), ("text", "行政许可")]
    assert kinds("０自然人") == [("value", "0"), ("text", "自然人")]
    # numbers that belong to the text after them stay with it
    assert [kinds(raw) for raw in ("1.属于国家秘密", "3其他", "2023年度", "4个工作日", "12.5万元")] == [
        [("text", "1.属于国家秘密")], [("text", "3其他")], [("text", "2023年度")], [("text", "4个工作日")],
        [("value", "12.5万元")]]


def test_a_flattened_dump_with_a_total_glued_to_the_next_rows_label_keeps_the_total_in_its_row():
    lines = t3_grid(T3_2019).cell_stream()
    at = lines.index("四、结转下年度继续办理")
    assert lines[at - 1] == str(T3_2019["total"][-1]) == "17"
    lines[at - 1:at + 1] = ["17四、结转下年度继续办理"]
    reading = read_tables(report(None, Table([[text] for text in lines], flattened=True), None))
    assert_metrics(reading, expected_metrics(None, None, T3_2019, None))
