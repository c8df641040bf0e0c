"""Text and markdown reports: Word dump tables, pipe tables, layout columns, encodings, dump headers."""
from __future__ import annotations

import pytest

from extractor.document import Paragraph, Table


def test_word_dump_dev_report_keeps_its_rows_and_splits_its_tables_at_the_section_headings(samples, convert):
    path = samples / "reports" / "001_713aac75e110bc97.txt"
    source = path.read_text(encoding="utf-8")
    document = convert(path.read_bytes(), path.name)
    assert document.source_format == "txt"
    assert document.text == source  # the record's text is the source itself
    tables = document.tables
    assert len(tables) == 3 and not any(table.flattened for table in tables)
    # one row per run of tab cells closed by an empty line; "\t规    章" padded to width is 规章
    assert tables[0].grid[:3] == [["第二十条第（一）项"], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                                  ["规章", "0", "0", "0"]]
    # the procurement cells with their units, as the source writes them
    assert ["政府集中采购", "177件", "145.6381万元"] in tables[0].grid
    headings = [block.text for block in document.blocks if isinstance(block, Paragraph)]
    assert "三、收到和处理政府信息公开申请情况" in headings
    assert "四、政府信息公开行政复议、行政诉讼情况" in headings
    # the （七）总计 row: cells holding only a no-break space are empty cells, kept in place
    assert tables[1].grid[-2:] == [["", "（七）总计", "", "", "", "", "1"],
                                   ["四、结转下年度继续办理", "0", "0", "0", "0", "0"]]


def test_empty_cells_and_cells_after_a_tab_only_line(samples, convert):
    """000 writes most cells on the line after a tab-only line, and an empty cell as a tab before the row's end."""
    path = samples / "reports" / "000_740ca8d1fbe81e04.txt"
    document = convert(path.read_bytes(), path.name)
    table2, table3 = document.tables
    assert ["行政处罚", "3841", "无", ""] in table2.grid and ["行政强制", "150", "无", ""] in table2.grid
    assert ["5"] in table2.grid  # the page number on a row of its own stays (the table readers drop it)
    assert ["一、本年新收政府信息公开申请数量"] + ["0"] * 7 in table3.grid
    assert table2.grid[0] == ["第二十条第（一）项"] and table2.grid[-1] == ["政府集中采购", "0", "0"]


def test_a_cell_wrapped_over_two_lines_is_one_cell(samples, convert):
    path = samples / "reports" / "003_b2d8a9a71ffdf943.txt"
    table2 = convert(path.read_bytes(), path.name).tables[0]
    assert table2.grid[1] == ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]


REPORT_HEAD = ("某县统计局2021年政府信息公开工作年度报告\n"
               "一、总体情况\n"
               "2021年，本局认真落实《条例》要求，全年主动公开信息56条。\n"
               "二、主动公开政府信息情况\n")
REPORT_TAIL = ("五、存在的主要问题及改进情况\n"
               "一是公开内容不够全面；二是更新不够及时。\n")
WORD_DUMP = (
    REPORT_HEAD +
    "\t第二十条第（一）项\n\n\t信息内容\n\t本年制发件数\n\t\n本年废止\n件数\n\t现行有效件数\n\n"
    "\t规章\n\t\n0\n\t\n\t0\n\n\n\n-3-\n\n\t行政规范性文件\n\t2\n\t1\n\t\n\n"
    "\t第二十条第（五）项\n\n\t\n信息内容\n\t本年处理决定数量\n\n\t\n行政许可\n\t\n\n\n"
    "三、收到和处理政府信息公开申请情况\n"
    "\t申请人情况\n\t自然人\n\t3\n\t总计\n\t3\n\n" + REPORT_TAIL
)


def test_word_dump_rule_on_a_constructed_report(convert):
    """Cells after their tab or on the next line, empty cells in the middle and at the end of rows; the
    table's last row ends in an empty cell, and the heading after it still opens the next part."""
    document = convert(WORD_DUMP.encode("utf-8"), "tongjiju.txt")
    first, second = document.tables
    assert not first.flattened
    assert first.grid == [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                          ["规章", "0", "", "0"], ["-3-"], ["行政规范性文件", "2", "1", ""],
                          ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", ""]]
    # one row of five cells is no row structure: the fallback, one cell per line
    assert second.flattened and second.grid == [["申请人情况"], ["自然人"], ["3"], ["总计"], ["3"]]
    paragraphs = [block.text for block in document.blocks if isinstance(block, Paragraph)]
    assert paragraphs[-2:] == ["五、存在的主要问题及改进情况", "一是公开内容不够全面；二是更新不够及时。"]


def test_a_dump_that_lost_its_row_breaks_gives_one_cell_per_line(convert):
    """Without empty lines no row can be told from the next: each non-blank line is a row of one cell."""
    lines = ["\t第二十条第（一）项", "\t信息内容", "\t本年制发件数", "\t本年废止", "件数", "\t现行有效件数",
             "\t规章", "\t0", "\t", "\t0", "-3-", "\t行政规范性文件", "\t2", "\t1", "\t7"]
    document = convert((REPORT_HEAD + "\n".join(lines) + "\n\n" + REPORT_TAIL).encode("utf-8"), "tongjiju.txt")
    (table,) = document.tables
    assert table.flattened
    assert table.grid == [["第二十条第（一）项"], ["信息内容"], ["本年制发件数"], ["本年废止"], ["件数"], ["现行有效件数"],
                          ["规章"], ["0"], ["0"], ["-3-"], ["行政规范性文件"], ["2"], ["1"], ["7"]]


def test_tab_indented_prose_is_not_a_table(convert):
    text = ("\t2021年，本镇严格执行《条例》，全年通过政府网站主动公开信息120条，其中政策文件12条，工作动态80条。\n"
            "\t本镇还通过公开栏公开村务信息，切实保障群众的知情权、参与权和监督权，群众满意度进一步提高。\n")
    document = convert(text.encode("utf-8"), "prose.txt")
    assert document.tables == []
    assert len(list(document.iter_paragraphs())) == 2


def test_markdown_pipe_tables(samples, convert):
    path = samples / "reports" / "kewei_2024.md"
    document = convert(path.read_bytes(), path.name)
    assert document.source_format == "txt"
    table2 = document.tables[0]
    assert not table2.flattened
    assert table2.grid == [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                           ["规章", "0", "0", "0"], ["规范性文件", "13", "0", "55"]]
    # the source's ragged rows stay ragged, and trailing empty cells stay
    new_row = next(row for table in document.tables for row in table.grid if row[0].startswith("一、本年新收"))
    assert new_row == ["一、本年新收政府信息公开申请数量", "32", "2", "0", "0", "0", "0", "34", ""]
    assert "全年收到政府信息公开申请 34 件" in document.text


def test_markdown_pipe_table_constructed(convert):
    text = ("# 某区2023年政府信息公开工作年度报告\n\n正文第一段。\n\n"
            "| 行政复议 | 行政诉讼 |\n|:---|---:|\n| 3 | 1 |\n| 结果\\|维持 | 2 |\n\n结尾。\n")
    document = convert(text.encode("utf-8"), "report.md")
    assert document.title_hint == "某区2023年政府信息公开工作年度报告"
    (table,) = document.tables
    assert table.grid == [["行政复议", "行政诉讼"], ["3", "1"], ["结果|维持", "2"]]
    assert document.text == text


def test_layout_columns_become_table_rows(samples, convert):
    path = samples / "reports" / "huaian_2024.txt"
    document = convert(path.read_bytes(), path.name)
    rows = [row for table in document.tables for row in table.grid]
    assert ["一、本年新收政府信息公开申请数量", "3001", "53", "0", "0", "61", "4", "3119"] in rows
    assert ["规章", "1", "0", "11"] in rows
    assert "全市共受理政府信息公开申请 3119 件" in document.text


@pytest.mark.parametrize("text, grid", [
    ("   三、收到和处理政府信息公开申请情况\n"
     "信息内容        自然人     法人     总计\n\n"
     "新收申请          12        3       15\n"
     "上年结转           1        0        1\n"
     "   四、其他\n",
     [["信息内容", "自然人", "法人", "总计"], ["新收申请", "12", "3", "15"], ["上年结转", "1", "0", "1"]]),
    # between two tabs, or after the last, is an empty cell; runs of spaces leave no trace of one
    ("三、收到和处理政府信息公开申请情况\n"
     "信息内容\t自然人\t商业企业\t总计\n"
     "（一）予以公开\t3\t\t\n"
     "（二）部分公开\t\t2\t2\n"
     "四、结转下年度继续办理    1    1\n",
     [["信息内容", "自然人", "商业企业", "总计"], ["（一）予以公开", "3", "", ""], ["（二）部分公开", "", "2", "2"],
      ["四、结转下年度继续办理", "1", "1"]]),
], ids=["spaces", "tabs keep empty cells"])
def test_layout_columns_constructed(convert, text, grid):
    (table,) = convert(text.encode("utf-8"), "layout.txt").tables
    assert table.grid == grid


def test_gbk_bytes_and_crlf_line_endings(convert):
    source = "某乡2020年政府信息公开工作年度报告\r\n一、总体情况\r\n全年共受理政府信息公开申请2件。\r\n"
    document = convert(source.encode("gbk"), "gbk-report.txt")
    assert document.text == source.replace("\r\n", "\n")
    assert "全年共受理政府信息公开申请2件。" in [p.text for p in document.iter_paragraphs()]
    assert document.warnings == []


def test_crawler_dump_header_gives_title_and_date(samples, convert):
    path = samples / "reports" / "pingtan_2018.txt"
    document = convert(path.read_bytes(), path.name)
    assert document.title_hint == "平潭综合实验区2018年度政府信息公开工作年度报告"
    assert document.published_hint == "2019-01-10"
    assert document.text.startswith("标题: 平潭综合实验区")  # the record keeps the whole source


def test_report_without_tables(convert):
    text = "某局2017年政府信息公开工作年度报告\n一、概述\n2017年本局主动公开政府信息320条。\n二、其他\n无。\n"
    document = convert(text.encode("utf-8"), "legacy.txt")
    assert document.tables == []
    assert [p.text for p in document.iter_paragraphs()][2] == "2017年本局主动公开政府信息320条。"
    assert all(isinstance(block, Paragraph) for block in document.blocks)
    assert not any(isinstance(block, Table) for block in document.blocks)
