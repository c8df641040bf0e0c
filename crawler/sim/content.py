"""The simulated portal's reports, made from the project's sample reports (`samples/reports`).

Each sample becomes a `ReportContent` (crawler.sim.render) the way its file shows it: HTML and
Markdown tables stay tables, text dumps stay paragraphs (their tables arrive flattened, one cell per
line, as they did from the real portals they were crawled from). Titles and years come from the
sample's gold file when the text does not state them. This reads the samples directly, never through
the extractor: the simulator stands for the outside world, upstream of every stage.
"""
from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html

from crawler.sim.render import Cell, ReportContent, TableSpec

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples"

CRAWLED_HEADER_END = "==================== 正文 ===================="
HEADER_FIELD = re.compile(r"^(标题|发布时间):\s*(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class SampleReport:
    name: str  # the sample's file stem, e.g. "huaian_2024"
    title: str
    organization: str
    year: int
    published: str  # YYYY-MM-DD, as the portal lists it
    content: ReportContent
    original_pdf: bytes | None = None  # the real PDF the portal published, when the sample has it


def load_sample(name: str, samples_dir: Path = SAMPLES_DIR) -> SampleReport:
    """One sample report by stem, from its richest file (.html, .md, .txt; and its .pdf if any)."""
    reports = samples_dir / "reports"
    gold = json.loads((samples_dir / "gold" / f"{name}.gold.json").read_text(encoding="utf-8"))
    organization, year = gold["organization"], int(gold["year"])
    pdf = reports / f"{name}.pdf"
    for suffix, reader in ((".html", _html_blocks), (".md", _markdown_blocks), (".txt", _text_blocks)):
        source = reports / f"{name}{suffix}"
        if source.exists():
            text = source.read_text(encoding="utf-8")
            break
    else:
        raise FileNotFoundError(f"{reports}: no .html, .md or .txt file for sample {name!r}")
    header = dict(HEADER_FIELD.findall(text.split(CRAWLED_HEADER_END)[0])) if CRAWLED_HEADER_END in text else {}
    blocks = reader(text.split(CRAWLED_HEADER_END)[-1])
    title = header.get("标题") or gold.get("title") or f"{year}年度政府信息公开工作年度报告"
    if not _names_a_body(title):  # a portal's list names the body; a page may not
        title = _short_name(organization) + title
    published = (header.get("发布时间") or "")[:10] or f"{year + 1}-01-{10 + zlib.crc32(name.encode()) % 18:02d}"
    content = ReportContent(title=title, blocks=blocks, published=published, organization=organization)
    return SampleReport(name, title, organization, year, published, content,
                        pdf.read_bytes() if pdf.exists() else None)


def _text_blocks(text: str) -> list[str | TableSpec]:
    return [line.strip() for line in text.replace("[bookmark: _GoBack]", "").splitlines() if line.strip()]


def _markdown_blocks(text: str) -> list[str | TableSpec]:
    """Paragraph lines, and each run of `| a | b |` lines as one table (separator rows dropped)."""
    blocks: list[str | TableSpec] = []
    rows: list[list[Cell]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", cell) for cell in cells):
                rows.append([Cell(cell) for cell in cells])
            continue
        if rows:
            blocks.append(TableSpec(rows))
            rows = []
        if stripped:
            blocks.append(stripped.lstrip("#").strip())
    if rows:
        blocks.append(TableSpec(rows))
    return blocks


def _html_blocks(text: str) -> list[str | TableSpec]:
    """Top-level paragraphs and tables of an HTML fragment, spans kept."""
    blocks: list[str | TableSpec] = []
    for element in lxml_html.fragments_fromstring(text):
        if isinstance(element, str) or not isinstance(element.tag, str):
            continue
        for table_or_paragraph in element.iter("table", "p"):
            if table_or_paragraph.tag == "table":
                blocks.append(_table(table_or_paragraph))
            elif not any(ancestor.tag == "table" for ancestor in table_or_paragraph.iterancestors()):
                paragraph = _squash(table_or_paragraph.text_content())
                if paragraph:
                    blocks.append(paragraph)
    return blocks


def _table(table: lxml_html.HtmlElement) -> TableSpec:
    rows = []
    for row in table.iter("tr"):
        rows.append([Cell(_squash(cell.text_content()), int(cell.get("rowspan", 1) or 1), int(cell.get("colspan", 1) or 1))
                     for cell in row if cell.tag in ("td", "th")])
    return TableSpec([row for row in rows if row])


def _names_a_body(title: str) -> bool:
    """Whether anything but a year precedes the report words ("2020年政府信息公开…" names no body)."""
    before = re.split(r"政府信息公开|政务公开|信息公开", title)[0]
    return bool(re.sub(r"(19|20)\d{2}年度?", "", before).strip())


def _short_name(organization: str) -> str:
    return re.sub(r"(人民政府|办事处|管委会)$", "", organization)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
