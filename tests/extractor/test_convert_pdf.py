"""PDF reports: text and tables in reading order, spans resolved, page damage and bad files handled."""
from __future__ import annotations

import io
import re
import shutil

import pytest

from extractor.document import ConversionError


def _squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_real_huaian_pdf_text_and_table3_match_the_gold(samples, convert, gold_table3):
    path = samples / "reports" / "huaian_2024.pdf"
    document = convert(path.read_bytes(), path.name)
    assert document.source_format == "pdf" and document.warnings == []
    assert "全市共受理政府信息公开申请 3119 件" in document.text
    paragraphs = [paragraph.text for paragraph in document.iter_paragraphs()]
    assert "一、总体情况" in paragraphs and "六、其他需要报告的事项" in paragraphs
    assert not any(re.fullmatch(r"-\s*\d+\s*-", paragraph) for paragraph in paragraphs)  # "- 1 -" footers
    # a paragraph cut by a page break is one paragraph again
    assert any("“建设‘四最’一流营商环境高质量推进产业发展”" in paragraph for paragraph in paragraphs)
    table3 = next(table for table in document.tables if table.grid[0][-1] == "申请人情况")
    assert table3.page == 4  # drawn over pages 4 and 5, joined into one table
    assert [row[-7:] for row in table3.grid[3:]] == gold_table3("huaian_2024")
    assert table3.grid[5][0] == "三、本年度办理结果" and table3.origin[6][0] == (5, 0)
    table4 = document.tables[-1]
    assert table4.grid[-1] == ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]


def test_pdf_rendered_from_a_dev_report_reads_back(shanghai_pdf, shanghai_document, convert, gold_table3):
    document = convert(shanghai_pdf, "shanghai_office_2019.pdf")
    source_paragraphs = [_squeeze(paragraph.text) for paragraph in shanghai_document.iter_paragraphs()]
    pdf_paragraphs = [_squeeze(paragraph.text) for paragraph in document.iter_paragraphs()]
    assert pdf_paragraphs[1:] == source_paragraphs  # the first is the rendered title; Chinese intact
    assert "共受理政府信息公开申请859件" in document.text
    assert "—" not in document.text  # the "— N —" page footers stay out
    table3 = document.tables[1]
    assert [row[-7:] for row in table3.grid[3:]] == gold_table3("shanghai_office_2019")
    assert all(table.page for table in document.tables)


def test_standard_report_pdf_tables(standard_report_content, standard_values, convert):
    from crawler.sim.render import render_pdf

    document = convert(render_pdf(standard_report_content), "qingshan_2022.pdf")
    table3_rows, table4_values = standard_values
    table2, table3, table4 = document.tables
    assert [row[-7:] for row in table3.grid[3:]] == table3_rows
    assert table4.grid[-1] == table4_values
    assert ["规章", "0", "0", "0"] in table2.physical_rows()
    assert "累计主动公开政府信息1234条" in document.text
    assert document.title_hint == "青山镇人民政府2022年政府信息公开工作年度报告"


def test_truncated_pdf_is_an_error_naming_the_file(shanghai_pdf, convert):
    with pytest.raises(ConversionError, match=r"cut\.pdf: .*truncated"):
        convert(shanghai_pdf[: len(shanghai_pdf) // 2], "cut.pdf")


def test_damaged_pdf_body_is_an_error_naming_the_file(convert):
    damaged = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\nxref garbage\n%%EOF\n"
    with pytest.raises(ConversionError, match=r"broken\.pdf: "):
        convert(damaged, "broken.pdf")


def test_unmapped_glyphs_are_never_passed_on_as_text(standard_report_content, convert):
    """A font without a ToUnicode map: pdfminer gives (cid:N); pdftotext cannot map it either."""
    from crawler.sim.render import render_pdf

    pdf = render_pdf(standard_report_content)
    unmapped = pdf.replace(b"/ToUnicode", b"/ToUnicodX")  # same length: the xref offsets stay valid
    with pytest.raises(ConversionError, match=r"nocmap\.pdf: .*unmapped glyphs.*OCR"):
        convert(unmapped, "nocmap.pdf")


def test_unmapped_glyphs_without_pdftotext(standard_report_content, convert, monkeypatch, tmp_path):
    from crawler.sim.render import render_pdf

    unmapped = render_pdf(standard_report_content).replace(b"/ToUnicode", b"/ToUnicodX")
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without poppler
    with pytest.raises(ConversionError, match=r"nocmap\.pdf: .*pdftotext.*poppler-utils.*not installed"):
        convert(unmapped, "nocmap.pdf")


def _scanned_pdf() -> bytes:
    """A page that is only an image of text, as a scanner makes it."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from crawler.sim.render import find_cjk_font

    image = Image.new("L", (1240, 400), 255)
    font = ImageFont.truetype(str(find_cjk_font()), 64)
    ImageDraw.Draw(image).text((60, 150), "全年共受理政府信息公开申请12件", font=font, fill=0)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawImage(ImageReader(image), 40, 500, width=515, height=166)
    page.save()
    return buffer.getvalue()


def test_scanned_pdf_needs_ocr(convert):
    scanned = _scanned_pdf()
    if shutil.which("tesseract") is None:
        with pytest.raises(ConversionError, match=r"scan\.pdf: .*OCR.*tesseract.*not installed"):
            convert(scanned, "scan.pdf")
    else:
        document = convert(scanned, "scan.pdf")
        assert "受理政府信息公开申请" in _squeeze(document.text)
        assert any("OCR" in warning for warning in document.warnings)
