"""PDF reports: pdfplumber's tables and the text around them, page by page, in reading order.

Three kinds of PDF reach us. Most have a good text layer: tables are the ruled grids pdfplumber
finds (a "table" of one column is a framed text box and is read as text), spans are resolved from
the cell rectangles, and the lines outside tables are joined into paragraphs by layout (an indented
line, a short previous line or a blank gap starts a new one). Many Chinese official PDFs embed
fonts without a ToUnicode map, so pdfminer emits `(cid:123)` or private-use garbage: those are
re-read with poppler's `pdftotext -layout`, whose columns the text converter's layout-table rule
reads. Scans have no text layer at all and need OCR (tesseract, chi_sim).

Damage that a general rule can tell is removed from paragraphs: lines holding only a page number.
Inside tables nothing is guessed; a table cut by a page break (a page ending in a table and the next
opening with one) is joined again, its rows as wide as each page drew them.
"""
from __future__ import annotations

import io
import re
import shutil
import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

from extractor.convert import external
from extractor.convert.text import read_blocks
from extractor.convert.textnorm import clean_cell, is_cjk, is_page_number, join_lines, squeeze_cjk_spaces
from extractor.document import Block, ConversionError, Document, Paragraph, Table

MAX_PAGES = 500
# An average below this many characters per page means the pages are images (a scan).
MIN_CHARS_PER_PAGE = 20
# Shares of the text above which the text layer is unusable.
MAX_GARBAGE_SHARE = 0.1
MIN_CJK_SHARE = 0.2
TOOL_TIMEOUT_S = 120
OCR_DPI = 300

_CID = re.compile(r"\(cid:\d+\)")
_GARBAGE_CHAR = re.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0e-\x1f]")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class _Paragraph:
    """A paragraph being built, with what the page layout says about its two ends."""

    lines: list[str]
    top: float
    indented_start: bool
    open_end: bool = False

    @property
    def text(self) -> str:
        return join_lines(self.lines, soft_wraps=True)


@dataclass
class _Page:
    number: int
    lines: list[_Line] = field(default_factory=list)  # text outside tables, page numbers dropped
    tables: list[tuple[float, Table]] = field(default_factory=list)  # with the top of each
    chars: int = 0
    images: int = 0


@dataclass
class _Margins:
    """The text block of the document: pages share it, so a page of tables and headings is read right."""

    left: float
    right: float
    em: float


def convert(data: bytes, name: str) -> Document:
    if b"%%EOF" not in data[-4096:]:
        raise ConversionError(f"{name}: the PDF is truncated or damaged (no %%EOF trailer at its end)")
    pages, title = _read_pages(data, name)
    if not pages:
        raise ConversionError(f"{name}: the PDF has no pages")
    warnings: list[str] = []
    if sum(page.chars for page in pages) < MIN_CHARS_PER_PAGE * len(pages):
        if not any(page.images for page in pages):
            raise ConversionError(f"{name}: the PDF has neither a text layer nor page images")
        blocks = _ocr_blocks(data, name, len(pages))
        warnings.append(f"{name}: a scanned PDF; its text was read by OCR (tesseract), numbers may be misread")
    else:
        blocks = _layout_blocks(pages)
        problem = _text_problem(Document(blocks=blocks, source_format="pdf").text)
        if problem:
            blocks = _pdftotext_blocks(data, name, problem, blocks)
            warnings.append(f"{name}: {problem}; the text was re-read with pdftotext -layout")
    return Document(blocks=blocks, source_format="pdf", title_hint=title, warnings=warnings)


def _read_pages(data: bytes, name: str) -> tuple[list[_Page], str | None]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ConversionError(f"{name}: {len(pdf.pages)} pages is more than a report has ({MAX_PAGES} at most)")
            title = _info_title(pdf.doc.info)
            return [_read_page(page, number) for number, page in enumerate(pdf.pages, start=1)], title
    except ConversionError:
        raise
    except Exception as exc:  # pdfminer raises many types for damaged, encrypted or hostile files
        reason = "encrypted with a password" if "password" in str(exc).lower() or "Password" in type(exc).__name__ \
            else f"unreadable ({type(exc).__name__}: {exc})"
        raise ConversionError(f"{name}: the PDF is {reason}") from exc


def _read_page(page: pdfplumber.page.Page, number: int) -> _Page:
    result = _Page(number=number, chars=len(page.chars), images=len(page.images))
    tables = [table for table in page.find_tables() if len(table.rows) >= 2 and len(table.columns) >= 2]
    boxes = [table.bbox for table in tables]
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not any(_inside(obj, box) for box in boxes))
    lines = [_Line(squeeze_cjk_spaces(line["text"]), line["x0"], line["x1"], line["top"], line["bottom"])
             for line in outside.extract_text_lines(strip=True)]
    result.lines = [line for line in lines if line.text and not is_page_number(line.text)]
    result.tables = [(table.bbox[1], read_table(table, number)) for table in tables]
    return result


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _margins(pages: list[_Page]) -> _Margins:
    lines = [line for page in pages for line in page.lines]
    if not lines:
        return _Margins(0.0, 0.0, 10.0)
    return _Margins(left=min(line.x0 for line in lines), right=max(line.x1 for line in lines),
                    em=statistics.median(line.bottom - line.top for line in lines) or 10.0)


def _paragraphs(page: _Page, margins: _Margins) -> list[_Paragraph]:
    """Group a page's lines into paragraphs by indentation, line length, gaps and tables between."""
    em = margins.em
    paragraphs: list[_Paragraph] = []
    previous: _Line | None = None
    for line in page.lines:
        indented = line.x0 > margins.left + 1.5 * em
        starts_new = (
            previous is None or indented or _ended_early(previous, line, margins.right, em)
            or line.top - previous.bottom > 1.0 * em
            or any(previous.bottom <= top <= line.top for top, _ in page.tables)
        )
        if starts_new:
            paragraphs.append(_Paragraph(lines=[], top=line.top, indented_start=indented))
        paragraphs[-1].lines.append(line.text)
        paragraphs[-1].open_end = line.x1 >= margins.right - 2 * em
        previous = line
    return paragraphs


def _ended_early(previous: _Line, line: _Line, right: float, em: float) -> bool:
    """Whether `previous` stopped short of the margin for a reason other than the next word not fitting.

    CJK text wraps anywhere, but a run of digits or Latin letters moves to the next line whole, so a
    line may stop up to that run's width early and still continue into the next line.
    """
    leading_run = re.match(r"[0-9A-Za-z.,%％:/-]+", line.text)
    allowance = 2 * em + (len(leading_run.group()) * 0.6 * em if leading_run else 0)
    return previous.x1 < right - allowance


def read_table(table: pdfplumber.table.Table, page: int) -> Table:
    """A pdfplumber table with merged cells resolved: a missing cell takes the cell covering it."""
    texts = table.extract()
    first_seen: dict[tuple[float, ...], tuple[int, int]] = {}
    for r, row in enumerate(table.rows):
        for c, box in enumerate(row.cells):
            if box is not None:
                first_seen.setdefault(tuple(box), (r, c))
    # pdfplumber's rows and columns are the distinct tops and lefts of the cells; a track runs to the next.
    column_x = _track_centres(sorted({cell[0] for cell in table.cells}), table.bbox[2])
    row_y = _track_centres(sorted({cell[1] for cell in table.cells}), table.bbox[3])
    grid: list[list[str]] = []
    origin: list[list[tuple[int, int]]] = []
    for r, row in enumerate(table.rows):
        grid.append([])
        origin.append([])
        for c, box in enumerate(row.cells):
            if box is not None:
                cell_origin = (r, c)
            else:
                covering = next((first_seen[tuple(cell)] for cell in table.cells
                                 if cell[0] <= column_x[c] <= cell[2] and cell[1] <= row_y[r] <= cell[3]), None)
                cell_origin = covering or (r, c)
            source_r, source_c = cell_origin
            grid[r].append(clean_cell(texts[source_r][source_c] or "", soft_wraps=True))
            origin[r].append(cell_origin)
    return Table(grid=grid, origin=origin, page=page)


def _track_centres(starts: list[float], end: float) -> list[float]:
    bounds = starts + [end]
    return [(bounds[i] + bounds[i + 1]) / 2 for i in range(len(starts))]


def _layout_blocks(pages: list[_Page]) -> list[Block]:
    """The pages' items in order, joining what a page break cut: a paragraph, a table."""
    blocks: list[Block] = []
    last: _Paragraph | Table | None = None
    margins = _margins(pages)
    for page in pages:
        items = page.tables + [(paragraph.top, paragraph) for paragraph in _paragraphs(page, margins)]
        items.sort(key=lambda item: item[0])
        for position, (_, item) in enumerate(items):
            first_on_page = position == 0
            if first_on_page and isinstance(item, _Paragraph) and isinstance(last, _Paragraph) \
                    and last.open_end and not item.indented_start:
                last.lines += item.lines
                last.open_end = item.open_end
                blocks[-1] = Paragraph(last.text)
                continue
            if first_on_page and isinstance(item, Table) and isinstance(last, Table):
                _append_rows(last, item)
                continue
            blocks.append(Paragraph(item.text) if isinstance(item, _Paragraph) else item)
            last = item
    return blocks


def _append_rows(table: Table, continuation: Table) -> None:
    offset = len(table.grid)
    table.grid += continuation.grid
    table.origin += [[(r + offset, c) for r, c in row] for row in continuation.origin]


def _text_problem(text: str) -> str | None:
    """Why a text layer cannot be trusted, or None when it reads as Chinese text."""
    visible = re.sub(r"\s", "", _CID.sub("\ufffd", text))
    if not visible:
        return None
    garbage = len(_GARBAGE_CHAR.findall(visible)) / len(visible)
    if garbage > MAX_GARBAGE_SHARE:
        return f"{garbage:.0%} of the text layer is unmapped glyphs ((cid:N) or private-use characters)"
    letters = [char for char in visible if char.isalpha()]
    cjk = sum(1 for char in letters if is_cjk(char)) / len(letters) if letters else 1.0
    if len(letters) > 200 and cjk < MIN_CJK_SHARE:
        return f"only {cjk:.0%} of the letters are Chinese, so the fonts probably lack a Unicode map"
    return None


def _pdftotext_blocks(data: bytes, name: str, problem: str, original: list[Block]) -> list[Block]:
    """Blocks from poppler's layout text, when they read better than the original text layer."""
    if not shutil.which("pdftotext"):
        raise ConversionError(f"{name}: {problem}, and pdftotext (Debian package poppler-utils), which could "
                              f"re-read it, is not installed")
    with tempfile.TemporaryDirectory(prefix="nianbao-pdf-") as folder:
        source = Path(folder) / "source.pdf"
        source.write_bytes(data)
        result = external.run(["pdftotext", "-layout", "-enc", "UTF-8", str(source), "-"], name, TOOL_TIMEOUT_S)
    text = result.stdout.decode("utf-8", errors="replace").replace("\f", "\n")
    if _text_problem(text):
        raise ConversionError(f"{name}: {problem}, and pdftotext reads no better; the text needs OCR")
    blocks = _without_page_numbers(read_blocks(text))
    return blocks or original


def _ocr_blocks(data: bytes, name: str, pages: int) -> list[Block]:
    purpose = "a scanned PDF without a text layer needs OCR, which"
    external.require("tesseract", name, purpose, "tesseract-ocr tesseract-ocr-chi-sim")
    external.require("pdftoppm", name, "rendering a scanned PDF for OCR", "poppler-utils")
    languages = external.run(["tesseract", "--list-langs"], name, TOOL_TIMEOUT_S).stdout.decode()
    if "chi_sim" not in languages.split():
        raise ConversionError(f"{name}: {purpose} needs tesseract's chi_sim language data "
                              f"(Debian package tesseract-ocr-chi-sim), which is not installed")
    page_texts = []
    with tempfile.TemporaryDirectory(prefix="nianbao-ocr-") as folder:
        source = Path(folder) / "source.pdf"
        source.write_bytes(data)
        for number in range(1, pages + 1):
            image = Path(folder) / f"page-{number}"
            external.run(["pdftoppm", "-r", str(OCR_DPI), "-gray", "-png", "-singlefile", "-f", str(number),
                          "-l", str(number), str(source), str(image)], name, TOOL_TIMEOUT_S)
            result = external.run(["tesseract", f"{image}.png", "-", "-l", "chi_sim"], name, TOOL_TIMEOUT_S)
            page_texts.append(squeeze_cjk_spaces(result.stdout.decode("utf-8", errors="replace")))
    return _without_page_numbers(read_blocks("\n".join(page_texts)))


def _without_page_numbers(blocks: list[Block]) -> list[Block]:
    return [block for block in blocks if not (isinstance(block, Paragraph) and is_page_number(block.text))]


def _info_title(info: list[dict]) -> str | None:
    """The Title of the document information, decoded (PDF strings are UTF-16 with a BOM, or Latin-1)."""
    for entry in info:
        raw = entry.get("Title")
        if isinstance(raw, bytes):
            text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("latin-1")
        else:
            text = str(raw or "")
        text = re.sub(r"^Microsoft Word - |\.(?:docx?|wps)$", "", text.strip())
        if text and "\ufffd" not in text:
            return text
    return None
