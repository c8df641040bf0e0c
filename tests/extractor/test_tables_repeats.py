"""Merged cells written once per column they span (markdown and python-docx style exports).

The tables here are built like the official 2021 template, whose 本年处理决定数量 and 本年收费金额
cells span three grid columns, with values of our own; the export repeats every merged cell in each
position it covers, as `Table.grid` holds it. Each expected metric is written down from the values
put in, independently of the reader.
"""
from __future__ import annotations

import sys
from pathlib import Path

from extractor.catalog import catalog
from extractor.convert import convert_bytes
from extractor.convert.grid import SpanCell, resolve_spans
from extractor.document import Table
from extractor.tables import read_tables
sys.path.insert(0, str(Path(__file__).parent))  # the table builders (pytest runs with --import-mode=importlib)
from test_tables_layouts import T3_2021, T4, assert_metrics, cells, expected_metrics, report, t3_grid, t4_grid  # noqa: E402

DOCUMENTS = {"规章": ["1", "0", "6"], "行政规范性文件": ["3", "3", "3"]}  # equal values under three labels
SERVICES = {"行政许可": "2,304", "行政处罚": "58", "行政强制": "0", "行政事业性收费": "12.5"}
EXPECTED_T2 = {"t2.regulations.made": 1, "t2.regulations.repealed": 0, "t2.regulations.valid": 6,
               "t2.normative_docs.made": 3, "t2.normative_docs.repealed": 3, "t2.normative_docs.valid": 3,
               "t2.licensing.decisions": 2304, "t2.punishment.decisions": 58, "t2.coercion.decisions": 0,
               "t2.fees.amount_yuan": 125000}  # 12.5 万元


def t2_2021_merged(services: dict[str, list[str]]) -> Table:
    """Table 2 of the 2021 template; a service row's list holds one cell spanning three columns, or three cells."""
    rows = [[SpanCell("第二十条第（一）项", colspan=4)], cells("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")]
    rows += [cells(name, *values) for name, values in DOCUMENTS.items()]
    for number, header, names in (("（五）", "本年处理决定数量", ["行政许可"]),
                                  ("（六）", "本年处理决定数量", ["行政处罚", "行政强制"]),
                                  ("（八）", "本年收费金额（单位：万元）", ["行政事业性收费"])):
        rows += [[SpanCell(f"第二十条第{number}项", colspan=4)], [SpanCell("信息内容"), SpanCell(header, colspan=3)]]
        for name in names:
            values = services[name]
            rows.append([SpanCell(name), SpanCell(values[0], colspan=3)] if len(values) == 1 else cells(name, *values))
    return resolve_spans(rows)


def markdown_export(table: Table) -> str:
    """The table as an export writes it: every merged cell repeated in each position it covers."""
    lines = ["| " + " | ".join(row) + " |" for row in table.grid]
    width = len(table.grid[0])
    return "\n".join([lines[0], "|" + "---|" * width, *lines[1:]]) + "\n"


def markdown_report(t2: Table) -> str:
    return ("# 白石乡2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n全年主动公开政府信息208条。\n\n"
            "## 二、主动公开政府信息情况\n\n" + markdown_export(t2) +
            "\n## 三、收到和处理政府信息公开申请情况\n\n" + markdown_export(t3_grid(T3_2021)) +
            "\n## 四、政府信息公开行政复议、行政诉讼情况\n\n" + markdown_export(t4_grid(T4)) +
            "\n## 五、存在的主要问题及改进情况\n\n一是公开内容不够全面。\n")


def read_markdown(text: str):
    return read_tables(convert_bytes(text.encode("utf-8"), "baishi.md", "txt"))


def test_a_value_repeated_over_the_span_its_header_repeats_is_one_cell():
    table = t2_2021_merged({name: [value] for name, value in SERVICES.items()})
    text = markdown_report(table)
    assert "| 行政许可 | 2,304 | 2,304 | 2,304 |" in text  # the export's repetition, as the source has it
    reading = read_markdown(text)
    assert {k: reading.metrics.get(k, "missing") for k in EXPECTED_T2} == EXPECTED_T2
    # equal values under different labels stay separate cells: 0 | 0 | 0 … in tables 3 and 4
    assert_metrics(reading, expected_metrics(None, None, T3_2021, T4))
    assert not any("cells for" in w for w in reading.warnings), reading.warnings


def test_separate_cells_repeating_one_value_under_a_header_cell_that_spans_them_are_one_cell():
    """HTML or Word with the header merged (colspan=3) but the value typed into each of three cells."""
    table = t2_2021_merged({name: [value] * 3 for name, value in SERVICES.items()})
    assert table.physical_rows()[5] == ["信息内容", "本年处理决定数量"]
    assert table.physical_rows()[6] == ["行政许可", "2,304", "2,304", "2,304"]
    reading = read_tables(report(table, None, None))
    assert {k: reading.metrics.get(k, "missing") for k in EXPECTED_T2} == EXPECTED_T2


def test_one_row_that_breaks_the_repetition_leaves_every_row_under_that_header_as_it_is():
    services = {name: [value] for name, value in SERVICES.items()}
    services["行政处罚"], services["行政强制"] = ["58"] * 3, ["7", "7", "8"]  # three cells, not one merged cell
    reading = read_markdown(markdown_report(t2_2021_merged(services)))
    assert "t2.punishment.decisions" not in reading.metrics and "t2.coercion.decisions" not in reading.metrics
    for name in ("行政处罚", "行政强制"):
        assert f"table 2 row {name} has 3 cells for 1 columns: left out" in reading.warnings, reading.warnings
    assert reading.metrics["t2.licensing.decisions"] == 2304  # its own header block is merged as before


def test_repeated_header_fragments_misaligned_with_the_values_merge_nothing():
    """Wrapped header fragments ("结果 | 结果") over fewer columns than the values: no span is shown."""
    zeros = ["0"] * len(catalog().t4_ids)
    table = Table([["行政复议", "行政诉讼"], ["维持", "纠正", "结果", "审结", "结果", "结果", "其他", "尚未", "结果", "结果"],
                   zeros])
    reading = read_tables(report(None, None, table))
    assert [reading.metrics.get(i, "missing") for i in catalog().t4_ids] == [0] * 15


def test_a_value_cell_merged_in_the_source_and_one_repeated_by_the_export_under_one_header():
    """行政处罚's value is a real merged cell (colspan=3), 行政强制's is typed into three cells."""
    services = {name: [value] for name, value in SERVICES.items()}
    services["行政强制"] = ["0"] * 3
    reading = read_tables(report(t2_2021_merged(services), None, None))
    assert {k: reading.metrics.get(k, "missing") for k in EXPECTED_T2} == EXPECTED_T2
