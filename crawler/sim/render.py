"""Real report documents (DOCX, PDF, HTML, DOC) from one description, for tests and the portal simulator.

A report is a `ReportContent`: a title, an optional publication date and organization (page
furniture), and body `blocks` in reading order, where a `str` is a paragraph (section headings are
paragraphs) and a `TableSpec` is a table given as rows of physical `Cell`s with HTML-style spans.

    ReportContent.from_document(document)   # any object with .blocks/.title_hint shaped like
                                            # extractor.document.Document (duck-typed: the crawler
                                            # never imports the extractor)
    standard_report(organization, year, ...) # a 2021-template report with the official tables
    table2_2021(...), table3_2021(rows), table4(values)   # the official tables, merged headers real

    render_docx(report) -> bytes    python-docx; spans become real gridSpan/vMerge merges
    render_pdf(report) -> bytes     reportlab; a CJK TrueType font embedded, tables with grid lines,
                                    "— N —" page numbers in the footer
    render_html(report, encoding="gbk", declared_charset=None, word_markup=False) -> bytes
                                    a TRS-style portal page: nav, breadcrumb, div.TRS_Editor body,
                                    rowspan/colspan tables, footer; `declared_charset` may disagree
                                    with `encoding`, as on real portals; `word_markup` writes the body
                                    like Word's HTML export (mso styles, <o:p>, numbers split in spans)
    render_doc(report) -> bytes     LibreOffice's .doc of the DOCX (serve it as .doc or .wps)

Documents are deterministic for the same input (fixed metadata dates), so a simulator's ETag holds.
"""
from __future__ import annotations

import html
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence, Union

Value = Union[int, float, str, None]


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class TableSpec:
    """A table as rows of physical cells; a cell covers `rowspan` x `colspan` grid positions."""

    rows: list[list[Cell]]

    @classmethod
    def from_grid(cls, grid: Sequence[Sequence[str]], origin: Sequence[Sequence[tuple[int, int]]]) -> "TableSpec":
        """Rebuild spans from a resolved grid: each origin becomes one cell covering its positions."""
        extent: dict[tuple[int, int], tuple[int, int]] = {}
        for r, row in enumerate(origin):
            for c, (orow, ocol) in enumerate(row):
                last_r, last_c = extent.get((orow, ocol), (orow, ocol))
                extent[(orow, ocol)] = (max(last_r, r), max(last_c, c))
        rows: list[list[Cell]] = [[] for _ in grid]
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                if tuple(origin[r][c]) == (r, c):
                    last_r, last_c = extent[(r, c)]
                    rows[r].append(Cell(text, last_r - r + 1, last_c - c + 1))
        return cls(rows)


Block = Union[str, TableSpec]


@dataclass
class ReportContent:
    title: str
    blocks: list[Block] = field(default_factory=list)
    published: str | None = None  # "2021-01-20"
    organization: str | None = None

    @classmethod
    def from_document(cls, document: Any, title: str | None = None) -> "ReportContent":
        """From a converted document: paragraphs stay, tables keep their spans (flattened ones too)."""
        blocks: list[Block] = []
        for block in document.blocks:
            if hasattr(block, "grid"):
                blocks.append(TableSpec.from_grid(block.grid, block.origin))
            elif block.text.strip():
                blocks.append(block.text)
        first_line = next((block for block in blocks if isinstance(block, str)), "政府信息公开工作年度报告")
        return cls(title=title or getattr(document, "title_hint", None) or first_line, blocks=blocks,
                   published=getattr(document, "published_hint", None))


def _cells(values: Iterable[Value]) -> list[Cell]:
    return [Cell("" if value is None else str(value)) for value in values]


def table2_2021(regulations: Sequence[Value] = (0, 0, 0), normative_docs: Sequence[Value] = (0, 0, 0),
                licensing: Value = 0, punishment: Value = 0, coercion: Value = 0, fees: Value = 0) -> TableSpec:
    """二、主动公开政府信息情况 as the 2021 template prints it."""
    def item_rows(item: str, header: str, labelled: list[tuple[str, Value]]) -> list[list[Cell]]:
        return ([[Cell(item, colspan=4)], [Cell("信息内容"), Cell(header, colspan=3)]]
                + [[Cell(label), Cell("" if value is None else str(value), colspan=3)] for label, value in labelled])

    rows = [[Cell("第二十条第（一）项", colspan=4)],
            _cells(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
            [Cell("规章"), *_cells(regulations)],
            [Cell("行政规范性文件"), *_cells(normative_docs)]]
    rows += item_rows("第二十条第（五）项", "本年处理决定数量", [("行政许可", licensing)])
    rows += item_rows("第二十条第（六）项", "本年处理决定数量", [("行政处罚", punishment), ("行政强制", coercion)])
    rows += item_rows("第二十条第（八）项", "本年收费金额（单位：万元）", [("行政事业性收费", fees)])
    return TableSpec(rows)


# The 2021 template's 三、本年度办理结果 groups, each with its items (None: a one-line group).
_OUTCOME_GROUPS: list[tuple[str, list[str] | None]] = [
    ("（一）予以公开", None),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("（三）不予公开", ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                  "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]),
    ("（四）无法提供", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]),
    ("（五）不予处理", ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                  "5.要求行政机关确认或重新出具已获取信息"]),
    ("（六）其他处理", ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                  "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]),
    ("（七）总计", None),
]
TABLE3_2021_ROWS = 2 + sum(len(items or [None]) for _, items in _OUTCOME_GROUPS) + 1  # 25


def table3_2021(rows: Sequence[Sequence[Value]]) -> TableSpec:
    """三、收到和处理政府信息公开申请情况 (2021): `rows` are the 25 data rows of 7 values each,
    in template order (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计)."""
    if len(rows) != TABLE3_2021_ROWS:
        raise ValueError(f"table 3 (2021) has {TABLE3_2021_ROWS} data rows, got {len(rows)}")
    values = iter(rows)
    spec = [[Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3),
             Cell("申请人情况", colspan=7)],
            [Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2)],
            _cells(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]),
            [Cell("一、本年新收政府信息公开申请数量", colspan=3), *_cells(next(values))],
            [Cell("二、上年结转政府信息公开申请数量", colspan=3), *_cells(next(values))]]
    outcome_rows = TABLE3_2021_ROWS - 3
    first = True
    for group, items in _OUTCOME_GROUPS:
        lead = [Cell("三、本年度办理结果", rowspan=outcome_rows)] if first else []
        first = False
        if items is None:
            spec.append([*lead, Cell(group, colspan=2), *_cells(next(values))])
            continue
        for index, item in enumerate(items):
            group_cell = [Cell(group, rowspan=len(items))] if index == 0 else []
            spec.append([*(lead if index == 0 else []), *group_cell, Cell(item), *_cells(next(values))])
    spec.append([Cell("四、结转下年度继续办理", colspan=3), *_cells(next(values))])
    return TableSpec(spec)


def table4(values: Sequence[Value]) -> TableSpec:
    """四、政府信息公开行政复议、行政诉讼情况: the 15 values in template order."""
    if len(values) != 15:
        raise ValueError(f"table 4 has 15 cells, got {len(values)}")
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return TableSpec([
        [Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10)],
        [*(Cell(label, rowspan=2) for label in outcomes), Cell("未经复议直接起诉", colspan=5),
         Cell("复议后起诉", colspan=5)],
        _cells(outcomes * 2),
        _cells(values),
    ])


def standard_report(organization: str, year: int, *, table3_rows: Sequence[Sequence[Value]],
                    table4_values: Sequence[Value], table2: TableSpec | None = None,
                    overview: str | None = None, problems: str | None = None,
                    published: str | None = None) -> ReportContent:
    """A complete 2021-template report of `organization` for `year`, six sections and three tables."""
    new_total = table3_rows[0][6]
    blocks: list[Block] = [
        f"本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
        "一、总体情况",
        overview or f"{year}年，{organization}认真贯彻落实《中华人民共和国政府信息公开条例》，"
                    f"全年共受理政府信息公开申请{new_total}件。",
        "二、主动公开政府信息情况", table2 or table2_2021(),
        "三、收到和处理政府信息公开申请情况", table3_2021(table3_rows),
        "四、政府信息公开行政复议、行政诉讼情况", table4(table4_values),
        "五、存在的主要问题及改进情况",
        problems or "一是公开内容的深度、广度不够；二是公开载体较滞后。下一步，我们将加强队伍建设，提升答复质量。",
        "六、其他需要报告的事项", "无。",
    ]
    return ReportContent(title=f"{organization}{year}年政府信息公开工作年度报告", blocks=blocks,
                         published=published, organization=organization)


def _placements(table: TableSpec) -> tuple[list[tuple[int, int, Cell]], int, int]:
    """Grid position of each physical cell (browser placement rule), and the grid's size."""
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, Cell]] = []
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            taken.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            c += cell.colspan
    rows = max((r + 1 for r, _ in taken), default=0)
    columns = max((c + 1 for _, c in taken), default=0)
    return placed, rows, columns


# --- DOCX -------------------------------------------------------------------------------------

def render_docx(report: ReportContent) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    document = docx.Document()
    document.core_properties.title = report.title
    document.core_properties.created = datetime(2021, 1, 1, tzinfo=timezone.utc)
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    heading = document.add_paragraph(report.title)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for block in report.blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        placed, rows, columns = _placements(block)
        if not rows:
            continue
        table = document.add_table(rows=rows, cols=columns)
        table.style = "Table Grid"
        for r, c, cell in placed:
            target = table.cell(r, c)
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(table.cell(min(r + cell.rowspan, rows) - 1, min(c + cell.colspan, columns) - 1))
            target.text = cell.text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF --------------------------------------------------------------------------------------

_FONT_NAME = "NianbaoCJK"
_KNOWN_CJK_FONTS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                    "/usr/share/fonts/truetype/arphic/uming.ttc", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
_CJK_FONT_HINTS = ("wqy", "microhei", "zenhei", "uming", "ukai", "droidsansfallback", "simsun", "simhei", "notosanssc",
                   "sourcehansans", "cjk")


def find_cjk_font() -> Path:
    """A TrueType font with Chinese glyphs: $NIANBAO_CJK_FONT, known Debian paths, then any font whose
    file name says CJK under /usr/share/fonts (reportlab embeds TrueType outlines only)."""
    configured = os.environ.get("NIANBAO_CJK_FONT")
    candidates = [Path(configured)] if configured else []
    candidates += [Path(path) for path in _KNOWN_CJK_FONTS]
    for root in ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts")):
        if os.path.isdir(root):
            for folder, _, files in os.walk(root):
                candidates += [Path(folder, name) for name in sorted(files)
                               if name.lower().endswith((".ttf", ".ttc"))
                               and any(hint in name.lower().replace("-", "") for hint in _CJK_FONT_HINTS)]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise RuntimeError("no CJK TrueType font found (install fonts-wqy-microhei, or set NIANBAO_CJK_FONT)")


@lru_cache(maxsize=1)
def _register_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = find_cjk_font()
    options = {"subfontIndex": 0} if path.suffix.lower() == ".ttc" else {}
    pdfmetrics.registerFont(TTFont(_FONT_NAME, str(path), **options))
    return _FONT_NAME


def render_pdf(report: ReportContent) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _register_font()
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=20, firstLineIndent=24, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=28, alignment=TA_CENTER, firstLineIndent=0)
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10, wordWrap="CJK")
    story: list[Any] = [Paragraph(html.escape(report.title), title), Spacer(1, 6 * mm)]
    width = A4[0] - 40 * mm
    for block in report.blocks:
        if isinstance(block, str):
            story.append(Paragraph(html.escape(block), body))
            continue
        placed, rows, columns = _placements(block)
        if not rows:
            continue
        grid: list[list[Any]] = [["" for _ in range(columns)] for _ in range(rows)]
        spans = []
        for r, c, cell in placed:
            grid[r][c] = Paragraph(html.escape(cell.text), cell_style)
            if cell.rowspan > 1 or cell.colspan > 1:
                spans.append(("SPAN", (c, r), (min(c + cell.colspan, columns) - 1, min(r + cell.rowspan, rows) - 1)))
        table = Table(grid, colWidths=_column_widths(placed, columns, width), repeatRows=0)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                                   *spans]))
        story += [Spacer(1, 2 * mm), table, Spacer(1, 2 * mm)]

    def page_number(canvas: Any, document: Any) -> None:
        canvas.setFont(font, 10)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"— {document.page} —")

    buffer = io.BytesIO()
    template = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
                                 bottomMargin=22 * mm, title=report.title, author=report.organization or "",
                                 invariant=1)
    template.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()


def _column_widths(placed: list[tuple[int, int, Cell]], columns: int, width: float) -> list[float]:
    """Label columns wide, number columns narrow, so that a standard table fits one page."""
    weights = [3] * columns
    for _, c, cell in placed:
        if cell.colspan == 1:
            weights[c] = max(weights[c], min(len(cell.text), 16))
    return [width * weight / sum(weights) for weight in weights]


# --- HTML -------------------------------------------------------------------------------------

def render_html(report: ReportContent, encoding: str = "gbk", declared_charset: str | None = None,
                word_markup: bool = False, site_name: str = "某某市人民政府") -> bytes:
    """A portal article page; characters `encoding` cannot hold are written as character references."""
    charset = declared_charset or encoding
    body = "\n".join(_html_block(block, word_markup) for block in report.blocks)
    published = report.published or ""
    page = f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(report.title)}_政府信息公开年报_{site_name}</title>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<div class='nav'>统计</div>");</script>
<style>.TRS_Editor p {{ line-height: 2; }}</style>
</head>
<body>
<div class="header"><div class="top-bar"><a href="/">{site_name}</a> | <a href="/en/">English</a> | <a href="/wza/">无障碍</a></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxx/">走进本市</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zfxxgknb/">政府信息公开年报</a></div>
<div class="main">
<div class="sidebar"><h3>政府信息公开</h3><ul><li><a href="/zwgk/zn/">公开指南</a></li><li><a href="/zwgk/ml/">公开目录</a></li>
<li><a href="/zwgk/zfxxgknb/">公开年报</a></li><li><a href="/zwgk/ysqgk/">依申请公开</a></li></ul></div>
<div class="article">
<h1 class="article-title">{html.escape(report.title)}</h1>
<div class="info">发布时间：{published} &nbsp; 来源：{html.escape(report.organization or site_name)} &nbsp; 【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="TRS_Editor">
{body}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> 【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
</div>
<div class="footer"><p>主办：{site_name}办公室 &nbsp; 地址：某某市人民路1号 &nbsp; 电话：0000-12345678</p>
<p>网站标识码：0000000000 &nbsp; ICP备案号：某ICP备00000000号 &nbsp; 公安机关备案号：00000000000000</p></div>
<script>createPageHTML(1, 0, "index", "html");</script>
</body>
</html>
"""
    return page.encode(encoding, errors="xmlcharrefreplace")


def _html_block(block: Block, word_markup: bool) -> str:
    if isinstance(block, str):
        text = html.escape(block)
        if word_markup:
            return (f"<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span "
                    f"style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:宋体'>{text}</span>"
                    f"<o:p></o:p></p>")
        return f"<p>{text}</p>"
    rows = []
    for row in block.rows:
        cells = []
        for cell in row:
            spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") \
                + (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
            cells.append(f"<td{spans}>{_html_cell(cell.text, word_markup)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    border = ' class=MsoNormalTable border=1 cellspacing=0 style="border-collapse:collapse;mso-table-layout-alt:fixed"' \
        if word_markup else ' border="1" cellspacing="0"'
    return f"<table{border}><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"


def _html_cell(text: str, word_markup: bool) -> str:
    """Word's export splits runs at formatting changes, so a number may come out in pieces."""
    if not word_markup:
        return f"<p>{html.escape(text)}</p>"
    if text.isdigit() and len(text) > 1:
        middle = len(text) // 2
        pieces = (f"<span lang=EN-US style='font-size:10.5pt'>{text[:middle]}</span><span lang=EN-US "
                  f"style='font-size:10.5pt;mso-bidi-font-family:宋体'>{text[middle:]}</span>")
    else:
        pieces = f"<span style='font-size:10.5pt;font-family:宋体'>{html.escape(text)}</span>"
    return f"<p class=MsoNormal align=center style='text-align:center'>{pieces}<span lang=EN-US><o:p></o:p></span></p>"


# --- DOC / WPS --------------------------------------------------------------------------------

def render_doc(report: ReportContent, timeout_s: float = 120) -> bytes:
    """A Word 97 .doc made by LibreOffice from `render_docx` (WPS files are the same OLE2 format)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("render_doc needs LibreOffice (Debian package libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="nianbao-render-") as folder:
        work = Path(folder)
        (work / "report.docx").write_bytes(render_docx(report))
        subprocess.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                        "--convert-to", "doc", "--outdir", str(work), str(work / "report.docx")],
                       check=True, capture_output=True, timeout=timeout_s, env={**os.environ, "HOME": str(work)})
        return (work / "report.doc").read_bytes()
