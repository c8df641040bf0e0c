"""DOCX reports: body order, merged cells walked from gridSpan/vMerge, zip bombs refused."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest

from extractor.document import ConversionError, Paragraph, Table


def _save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_merged_cells_built_with_python_docx(convert):
    document = docx.Document()
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = document.add_table(rows=4, cols=4)
    table.cell(0, 0).merge(table.cell(1, 1)).text = "项目"  # a 2x2 block: gridSpan plus vMerge
    table.cell(0, 2).merge(table.cell(0, 3)).text = "申请人情况"  # gridSpan only
    table.cell(1, 2).text, table.cell(1, 3).text = "自然人", "总计"
    table.cell(2, 0).merge(table.cell(3, 0)).text = "办理结果"  # vMerge only
    for r, values in ((2, ("予以公开", "3", "4")), (3, ("部分公开", "1", "1"))):
        for c, value in enumerate(values, start=1):
            table.cell(r, c).text = value
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    result = convert(_save(document), "merged.docx")

    assert [type(block) for block in result.blocks] == [Paragraph, Table, Paragraph]
    (grid_table,) = result.tables
    assert grid_table.grid == [["项目", "项目", "申请人情况", "申请人情况"],
                               ["项目", "项目", "自然人", "总计"],
                               ["办理结果", "予以公开", "3", "4"],
                               ["办理结果", "部分公开", "1", "1"]]
    assert grid_table.origin == [[(0, 0), (0, 0), (0, 2), (0, 2)],
                                 [(0, 0), (0, 0), (1, 2), (1, 3)],
                                 [(2, 0), (2, 1), (2, 2), (2, 3)],
                                 [(2, 0), (3, 1), (3, 2), (3, 3)]]
    assert grid_table.physical_rows() == [["项目", "申请人情况"], ["自然人", "总计"], ["办理结果", "予以公开", "3", "4"],
                                          ["部分公开", "1", "1"]]
    assert result.text.split("\n")[1] == "项目\t申请人情况"


def test_a_row_missing_cells_stays_ragged(convert):
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(("规章", "1", "2")):
        table.cell(0, c).text = text
    table.cell(1, 0).text, table.cell(1, 1).text = "规范性文件", "5"
    row = table.rows[1]._tr
    row.remove(row.tc_lst[-1])  # Word writes such rows when a table was edited by hand
    (result,) = convert(_save(document), "ragged.docx").tables
    assert result.grid == [["规章", "1", "2"], ["规范性文件", "5"]]


def test_official_2021_template(samples, convert):
    path = samples / "template_2021.docx"
    result = convert(path.read_bytes(), path.name)
    headings = [paragraph.text for paragraph in result.iter_paragraphs()]
    assert headings[0] == "政府信息公开工作年度报告格式模板"
    assert [h for h in headings if h[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    table2, table3, table4 = result.tables
    assert len(table3.grid) == 28 and {len(row) for row in table3.grid} == {10}
    assert table3.physical_rows()[:3] == [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
                                          ["自然人", "法人或其他组织", "总计"],
                                          ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
    assert table3.origin[2][3] == (1, 3) and table3.origin[2][9] == (1, 9)  # 自然人 / 总计 span two rows
    outcome = [r for r, row in enumerate(table3.grid) if row[0] == "三、本年度办理结果"]
    assert len(outcome) == 22 and {table3.origin[r][0] for r in outcome} == {(5, 0)}
    assert table4.physical_rows()[1][:5] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert table2.grid[5] == ["信息内容", "本年处理决定数量", "本年处理决定数量", "本年处理决定数量"]


def test_rendered_standard_report_docx(standard_docx, standard_values, convert):
    result = convert(standard_docx, "qingshan_2022.docx")
    assert result.title_hint == "青山镇人民政府2022年政府信息公开工作年度报告"
    table3_rows, table4_values = standard_values
    _, table3, table4 = result.tables
    assert [row[-7:] for row in table3.grid[3:]] == table3_rows
    assert table4.grid[3] == table4_values
    assert "2022年，青山镇累计主动公开政府信息1234条" in result.text


def _docx_with_body(body_xml: bytes, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", body_xml)
    return buffer.getvalue()


def test_zip_bomb_is_refused_before_inflating(convert):
    namespace = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    bomb = _docx_with_body(b"<w:document " + namespace + b"><w:body>" + b" " * 30_000_000 + b"</w:body></w:document>")
    assert len(bomb) < 100_000
    with pytest.raises(ConversionError, match=r"bomb\.docx: word/document\.xml would inflate to 30000\d+ bytes"):
        convert(bomb, "bomb.docx")


def test_damaged_archives_are_errors_naming_the_file(standard_docx, convert):
    with pytest.raises(ConversionError, match=r"cut\.docx: a damaged zip"):
        convert(standard_docx[: len(standard_docx) // 2], "cut.docx")
    with pytest.raises(ConversionError, match=r"bad-xml\.docx: word/document\.xml is not well-formed"):
        convert(_docx_with_body(b"<w:document><w:body><w:p>"), "bad-xml.docx")
    not_word = io.BytesIO()
    with zipfile.ZipFile(not_word, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ConversionError, match=r"book\.docx: a zip archive without word/document\.xml"):
        convert(not_word.getvalue(), "book.docx")
