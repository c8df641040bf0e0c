"""Plain text and markdown reports: paragraphs, markdown pipe tables, and tables that a dump flattened.

Text reports reach us as crawler dumps and Word/PDF-to-text exports, and their tables come in three
shapes, each recognised by a general rule rather than by file:

* markdown pipe tables: a run of lines `| a | b |`, the `|---|` separator lines dropped;
* Word-to-text dumps: every cell begins after a tab, either on the tab's line (`\tcontent`) or on
  the lines after a line holding only the tab; a cell's paragraphs follow on lines of their own, and
  an empty line (nothing on it, not even a tab) closes the table row. So an empty cell
  is a tab followed by nothing: `\t`, then the empty line ending the row, or the next tab. A run of
  such lines is one table; short lines without tabs inside it (a label wrapped over two lines, a
  page number "5" on a row of its own) stay in it. The run ends at a prose line (long, or a
  sentence) or at a section heading ("三、收到和处理…") that does not stand right under a cell's
  line, because a heading right under a tab-only line is itself a cell ("一、本年新收…").
  The table keeps the dump's rows, empty cells as "" (see `_dump_rows`); a dump that lost its row
  breaks gives one row per non-blank line instead (`Table.flattened`);
* column tables (`pdftotext -layout` dumps, tab-separated exports): consecutive lines whose cells
  are separated by runs of two or more spaces or by tabs; each line is a row, kept as ragged as the
  layout left it, with the empty cells that tabs delimit (`_layout_cells`).

The record's text is the source itself, line endings normalised, so offsets into it point at what
the source says; the blocks only add structure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.convert.encoding import decode_bytes
from extractor.convert.hints import iso_date, parse_dump_header
from extractor.convert.textnorm import clean_cell, clean_line
from extractor.document import Block, Document, Paragraph, Table

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TAB_LED = re.compile(r"^[ \u3000\u00a0]*\t")
# Leading annotations a converter left before a heading: "[bookmark: _GoBack]三、…", "## 表二".
_LEADING_MARKUP = re.compile(r"^(?:\s*\[[^\]]*\])*\s*#*\s*")
# A numbered heading with a few characters of title after its number ("三、" alone is a wrapped cell).
_SECTION_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章部节]|表[一二三四五六七八九十\d]+).{4}")
_COLUMN_GAP = re.compile(r"\t+|[ \u3000\u00a0]{2,}")
_SENTENCE_END = "。！？；"

# A flattened cell is a label or a number; a longer line, or a sentence, is prose.
MAX_CELL_CHARS = 60
# Fewer cells than this are a tab-indented line or two of prose, not a table.
MIN_FLATTENED_CELLS = 4
# A dump keeps its rows when this many of them hold several cells and none holds more than a row
# of the official tables can: table 4's 15 values, with room for wrapped label pieces.
MIN_DUMP_ROWS = 2
MAX_ROW_CELLS = 20
# A column table needs this many multi-cell rows; single short lines inside it are wrapped labels.
MIN_COLUMN_ROWS = 2
MAX_COLUMN_FRAGMENT_CHARS = 30


@dataclass
class _Line:
    raw: str

    @property
    def content(self) -> str:
        return self.raw.strip()

    @property
    def is_blank(self) -> bool:
        return not self.content

    @property
    def is_tab_separator(self) -> bool:
        """A whitespace-only line holding a tab: the cell boundary of a flattened table."""
        return self.is_blank and "\t" in self.raw

    @property
    def is_tab_cell(self) -> bool:
        return not self.is_blank and _TAB_LED.match(self.raw) is not None

    @property
    def is_prose(self) -> bool:
        text = self.content
        return len(text) > MAX_CELL_CHARS or (len(text) > 20 and text[-1] in _SENTENCE_END)

    @property
    def is_heading(self) -> bool:
        return _SECTION_HEADING.match(_LEADING_MARKUP.sub("", self.content)) is not None


def convert(data: bytes, name: str) -> Document:
    decoded = decode_bytes(data)
    source = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    fields, body_start = parse_dump_header(source)
    body = source[body_start:]
    blocks = read_blocks(body)
    title = fields.get("标题") or _markdown_title(body)
    published = iso_date(fields.get("发布时间") or fields.get("发布日期"))
    warnings = [f"{name}: {decoded.warning}"] if decoded.warning else []
    return Document(blocks=blocks, source_format="txt", title_hint=title or None, published_hint=published,
                    warnings=warnings, text=source)


def read_blocks(text: str) -> list[Block]:
    """Paragraphs (one per non-blank line) and tables of a plain text, in order."""
    lines = [_Line(raw) for raw in text.split("\n")]
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        end = _pipe_table_end(lines, i) or _flattened_table_end(lines, i) or _column_table_end(lines, i)
        if end:
            blocks.append(_table(lines[i:end]))
            i = end
            continue
        if not line.is_blank:
            blocks.append(Paragraph(clean_line(line.content.lstrip("#").strip() or line.content)))
        i += 1
    return blocks


def _table(lines: list[_Line]) -> Table:
    if _PIPE_ROW.match(lines[0].raw):
        rows = [_pipe_cells(line.raw) for line in lines if not _PIPE_SEPARATOR.match(line.raw)]
        return Table(grid=rows)
    if any(line.is_tab_cell or line.is_tab_separator for line in lines):
        rows = _dump_rows(lines)
        if rows is not None:
            return Table(grid=rows)
        return Table(grid=[[clean_cell(line.content)] for line in lines if not line.is_blank], flattened=True)
    return Table(grid=[_layout_cells(line) for line in lines if not line.is_blank])


def _layout_cells(line: _Line) -> list[str]:
    """The cells of one row of a column table.

    Tabs delimit cells: an empty piece between two tabs, or after the last one, is an empty cell
    kept in its place ("予以公开\t3\t\t…" has 自然人 3 and a blank 总计, not a 总计 of 3). Runs of
    spaces (pdftotext -layout) only separate cells, and an empty cell leaves no trace there.
    """
    if "\t" in line.content:
        return [clean_cell(cell) for cell in line.raw.strip(" \u3000\u00a0").split("\t")]
    return [clean_cell(cell) for cell in _COLUMN_GAP.split(line.content)]


def _dump_rows(lines: list[_Line]) -> list[list[str]] | None:
    """The rows of a Word dump's table, or None when the dump lost its row breaks.

    Empty lines close rows; inside a row each tab starts a cell that runs to the next tab, over
    as many lines as its paragraphs took, so a tab followed by nothing is an empty cell "". Text
    before a row's first tab (a page number "5", the rest of a cell whose empty first paragraph
    ended the row early) is a cell of its own. Empty cells stay: they are what tells a blank
    total from a missing one. Some dumps run their cells together without empty lines, or put
    an empty line after every cell: then no row holds the cells of a table row, and the caller
    falls back to one cell per line.
    """
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.is_blank and not line.is_tab_separator:
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(line.raw)
    rows: list[list[str]] = []
    for group in (group for group in groups if group):
        before_first_tab, *cells = "\n".join(group).split("\t")
        rows.append(([clean_cell(before_first_tab)] if before_first_tab.strip() else [])
                    + [clean_cell(cell) for cell in cells])
    rows_with_cells = sum(1 for row in rows if len(row) > 1)
    if rows_with_cells < MIN_DUMP_ROWS or max(len(row) for row in rows) > MAX_ROW_CELLS:
        return None
    return rows


def _pipe_table_end(lines: list[_Line], start: int) -> int:
    """End of a run of pipe rows starting at `start` that holds a separator line or two rows."""
    end = start
    while end < len(lines) and _PIPE_ROW.match(lines[end].raw):
        end += 1
    run = lines[start:end]
    separators = sum(1 for line in run if _PIPE_SEPARATOR.match(line.raw))
    return end if run and (separators or len(run) >= 2) and len(run) > separators else 0


def _pipe_cells(row: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", row.strip())
    return [clean_cell(cell.replace("\\|", "|")) for cell in cells[1:-1]]


def _flattened_table_end(lines: list[_Line], start: int) -> int:
    """End of a flattened table starting at `start` (a tab cell or tab-only line), else 0."""
    first = lines[start]
    if not (first.is_tab_separator or (first.is_tab_cell and not first.is_prose)):
        return 0
    end = start
    last_kept = start
    while end < len(lines):
        line = lines[end]
        if line.is_blank and not line.is_tab_separator:
            end += 1
            continue
        if line.is_prose or (not line.is_tab_cell and line.is_heading and not _attached(lines, end)):
            break
        last_kept = end
        end += 1
    cells = sum(1 for line in lines[start:last_kept + 1] if not line.is_blank)
    return last_kept + 1 if cells >= MIN_FLATTENED_CELLS else 0


def _attached(lines: list[_Line], index: int) -> bool:
    """Whether a heading-like line without a tab belongs to the cells above it.

    It does right under a tab-only line, whose tab starts its cell ("一、本年新收政府信息公开申请数量"),
    and right under a cell it continues (a label wrapped onto a second line). After an empty line it
    does not: the empty line closed the table's row, also when that row ended with an empty cell
    (`\t`, then the empty line), so the heading opens the next part of the report.
    """
    above = lines[index - 1] if index else None
    return above is not None and (above.is_tab_separator or not above.is_blank)


def _column_table_end(lines: list[_Line], start: int) -> int:
    """End of a layout table (cells split by 2+ spaces) starting at a multi-cell line, else 0."""
    if _column_count(lines[start]) < 2:
        return 0
    end = start
    last_row = start
    rows = 0
    while end < len(lines):
        line = lines[end]
        if line.is_blank:
            end += 1
            continue
        cells = _column_count(line)
        if cells >= 2:
            rows += 1
            last_row = end
        elif len(line.content) > MAX_COLUMN_FRAGMENT_CHARS or line.is_heading:
            break
        end += 1
    return last_row + 1 if rows >= MIN_COLUMN_ROWS else 0


def _column_count(line: _Line) -> int:
    """How many layout columns a line splits into; 0 for blank lines, pipe rows and prose cells."""
    if line.is_blank or _PIPE_ROW.match(line.raw):
        return 0
    cells = _COLUMN_GAP.split(line.content)
    return len(cells) if all(len(cell) <= MAX_CELL_CHARS for cell in cells) else 0


def _markdown_title(text: str) -> str | None:
    match = re.search(r"^# +(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else None
