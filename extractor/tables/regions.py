"""Where tables 2, 3 and 4 stand in a document, as one stream of cells per table.

A table's region opens at its heading (二、主动公开政府信息情况, "## 表三：…", whatever the
number: an annex may renumber them) and closes at the next heading of a part (五、存在的主要问题…).
A `Table` block is placed by what it holds (a grid with 予以公开 is table 3 wherever it sits), else by
the region around it; a grid that runs on into the next table (a dump that flattened tables 3 and 4
into one run of cells) is cut where the next table's header starts, also inside a row when a dump
lost the row's last break ("…0 | 0行政复议 | 行政诉讼": table 3's row ends at "0"). Inside a region the
cells come from the grids, and from the text lines when the converter found no grid there (a line of a
markdown table is a grid row of its own).

When the region does have grids with values, the text lines between them are what the converter
could not fit in a cell: labels printed beside the grid, a total knocked out of its row (the
kewei_2024 markdown). Their positions say nothing about which row they belong to, so they are read
only when one line carries a row label and its values together ("行政许可 97").

A stored text (a crawler dump, a search index's copy) may be cut at a length limit wherever it falls,
also inside a table. A region that the text ends in ends its stream with a `TextEnd`, which tells the
readers that the last cells may be the leading cells of a row, and the very last one shortened.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Callable

from extractor.document import Document, Paragraph, Table
from extractor.tables.cells import Cell, Kind, VALUE_KINDS, delimits_cells, separate_label, split_line, tokenize
from extractor.tables.repeats import rows_with_repeats_merged
from extractor.tables.rows import GRID_ROW_END, LINE_END, ROW_START, RowEnd, Stream, TextEnd

# The official names, and for tables 3 and 4 the older names some 2019-2020 reports kept
# (三、政府信息依申请公开情况; 四、因政府信息公开申请提起行政复议、行政诉讼的情况).
_HEADINGS = {
    2: re.compile(r"主动公开政府信息(?:的)?情况"),
    3: re.compile(r"收到和处理政府信息公开申请(?:的)?情况|依申请公开.{0,6}情况$"),
    4: re.compile(r"行政复议.{0,12}行政诉讼.{0,6}情况"),
}
# Headings that end a table's region: the parts after the tables, and the first part.
_OTHER_PART = re.compile(r"存在的主要问题|主要问题|改进情况|其他需要报告|总体情况|概述")
# A heading is a short line; the same words inside a sentence are no heading.
MAX_HEADING_CHARS = 40
_MARKUP = re.compile(r"^[#\s]*|[\s\u3000]+")
# What a grid's cells say about which table it is.
_CONTENT = {
    2: re.compile(r"第二十条|规章|规范性文件|行政许可|行政处罚|行政强制|行政事业性收费|集中采购"),
    3: re.compile(r"本年新收|上年结转|予以公开|部分公开|不予公开|无法提供|不予处理|结转下年度|自然人"),
    4: re.compile(r"复议后起诉|未经复议|结果维持|结果纠正|尚未审结"),
}
# The first row of each table's header: where a grid that holds several tables is cut.
_HEADER_START = {
    2: re.compile(r"^第二十条"),
    3: re.compile(r"本列数据的勾稽关系|^申请人情况$"),
    4: re.compile(r"^行政复议$|未经复议直接起诉|^复议后起诉$"),
}
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
# Source formats whose text may have been cut short by whoever stored it; a converted file's tables
# are closed by the format itself.
_FORMATS_THAT_MAY_BE_CUT = frozenset({"txt"})
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


class Shape(Enum):
    GRID = "grid"  # rows of a real table: each row ends where the source's row ends
    FLAT = "flat"  # one cell per line of a dump: row boundaries are lost
    LINE = "line"  # a line of text outside any table


@dataclass
class Part:
    shape: Shape
    rows: list[list[str]]  # GRID: physical rows; FLAT: one cell per row; LINE: one row, the line
    line: str | None = None  # the line of text it was read from (a LINE, a markdown row outside a table)

    @property
    def text(self) -> str:
        return "".join(text for row in self.rows for text in row)


@dataclass
class Region:
    """Everything found for one table, in reading order."""

    table: int
    parts: list[Part] = field(default_factory=list)
    cut: TextEnd | None = None  # the source's text ends inside this region

    @property
    def text(self) -> str:
        """All the region's text, whitespace removed: what template detection reads."""
        return re.sub(r"\s+", "", "".join(part.text for part in self.parts))

    def stream(self, names_a_row: Callable[[str], bool]) -> Stream:
        """The region's cells in reading order, each source row between a `RowStart` and a `RowEnd`.

        A line of text holding several cells is a row of its own; a line holding one cell is one
        cell of a dump that lost its rows. `names_a_row` tells whether a text names one of the
        table's rows (for the lines between grids, see the module docstring). A `RowStart` opens
        only rows whose cells keep their places (see `_row`).
        """
        trusted = any(part.shape is Shape.GRID and _has_values(part) for part in self.parts)
        stream: Stream = []
        last_part_read = False
        for part in self.parts:
            last_part_read = True
            if part.shape is Shape.GRID:
                for row in part.rows:
                    stream += _row([tokenize(text) for text in row], GRID_ROW_END, keeps_places=True)
            elif part.shape is Shape.FLAT:
                stream += [cell for row in part.rows for text in row for cell in tokenize(text)]
            else:
                line = part.rows[0][0]
                pieces = [tokenize(piece) for piece in split_line(line)]
                cells = [cell for piece in pieces for cell in piece]
                if trusted and not _label_with_values(cells, names_a_row):
                    last_part_read = False
                    continue
                stream += _row(pieces, LINE_END, delimits_cells(line)) if len(cells) > 1 else cells
        if self.cut is not None and last_part_read:
            stream.append(self.cut)
        return stream


def _row(pieces: list[list[Cell]], end: RowEnd, keeps_places: bool) -> Stream:
    """One source row's cells, opened by a `RowStart` where each stands in its place.

    They do in a row whose format keeps empty cells (a table block's row, a line delimited by "|" or
    tabs) and whose every source cell holds one thing: a cell holding "1 0 11" may have lost an
    empty cell between its numbers. A table block does not say whether its converter kept empty
    cells, so a pdftotext -layout table (cells split at runs of spaces) counts as keeping them.
    """
    start: Stream = [ROW_START] if keeps_places and all(len(piece) == 1 for piece in pieces) else []
    return start + [cell for piece in pieces for cell in piece] + [end]


def find_regions(document: Document) -> dict[int, Region]:
    """Each table's region; the parts under repeated headings of one table are joined in order."""
    regions: dict[int, Region] = {}
    current: int | None = None
    last: Region | None = None  # the region that holds the document's last content, if one does
    for block in document.blocks:
        if isinstance(block, Paragraph):
            for line in block.text.split("\n"):
                heading = _heading(line)
                if heading is not None:
                    current, last = heading or None, None
                elif current is not None and line.strip() and not _PIPE_SEPARATOR.match(line):
                    current = _header_start([line]) or current
                    is_pipe_row = _PIPE_ROW.match(line) is not None
                    part = Part(Shape.GRID if is_pipe_row else Shape.LINE,
                                [_pipe_cells(line)] if is_pipe_row else [[line]], line)
                    last = regions.setdefault(current, Region(current))
                    last.parts.append(part)
                elif line.strip():
                    last = None
            continue
        shape = Shape.FLAT if block.flattened else Shape.GRID
        rows = [[piece for text in row for piece in separate_label(text)]
                for row in rows_with_repeats_merged(block)]
        for table, rows in _split_at_headers(rows, _classify(block) or current):
            last = regions.setdefault(table, Region(table)) if table is not None else None
            if last is not None:
                last.parts.append(Part(shape, rows))
    if last is not None and document.source_format in _FORMATS_THAT_MAY_BE_CUT:
        last.cut = TextEnd(inside_row=_left_open(last))
    return regions


def _left_open(region: Region) -> bool:
    """Whether the region's last line lacks the closing "|" that the source's rows have.

    A markdown row opens and closes with "|"; dumps that write a row as "行政处罚 | 0 | 0 | 0 |" close
    every line of the table with one. A last line without it ("| 行政强制 | 0 | 0", or "行政强制 | 0 | 0"
    under such lines) is a row the cut fell inside.
    """
    final = region.parts[-1].line
    if final is None or not delimits_cells(final) or _closed(final):
        return False
    if final.lstrip().startswith("|"):
        return True
    others = [part.line for part in region.parts[:-1] if part.line is not None and delimits_cells(part.line)]
    return bool(others) and all(_closed(line) for line in others)


def _closed(line: str) -> bool:
    return line.rstrip(" \u3000\u00a0").endswith(("|", "\t"))


def _heading(line: str) -> int | None:
    """The table a heading line opens, 0 for the heading of another part, None for no heading."""
    compact = _MARKUP.sub("", line)
    if not compact or len(compact) > MAX_HEADING_CHARS or "。" in compact:
        return None
    for table, pattern in _HEADINGS.items():
        if pattern.search(compact):
            return table
    return 0 if _OTHER_PART.search(compact) else None


def _classify(table: Table) -> int | None:
    """The table whose labels this grid holds most of; None for a grid of none (a framed text box)."""
    text = re.sub(r"\s+", "", "".join(table.cell_stream()))
    hits = {kind: len(pattern.findall(text)) for kind, pattern in _CONTENT.items()}
    best = max(hits, key=hits.__getitem__)
    return best if hits[best] else None


def _split_at_headers(rows: list[list[str]], first: int | None) -> list[tuple[int | None, list[list[str]]]]:
    """The grid's rows cut where another table's header starts, each run with its table.

    A grid that opens with a table's header is that table there, whatever most of its cells name
    (`first`: a grid of tables 3 and 4 may hold more of table 4's header words). A header cell after
    other cells of its row starts the next table there: the cells before it end the row of the
    table before (a dump that wrote the two rows as one).
    """
    runs: list[tuple[int | None, list[list[str]]]] = [(first, [])]
    for row in rows:
        found = _header_cell(row)
        if found is not None and not runs[-1][1]:
            runs[-1] = (found[1], [])
        elif found is not None and found[1] != runs[-1][0]:
            at, table = found
            if any(text.strip() for text in row[:at]):
                runs[-1][1].append(row[:at])
                row = row[at:]
            runs.append((table, []))
        runs[-1][1].append(row)
    return runs


def _header_start(row: list[str]) -> int | None:
    """The table whose header this row opens (its first header row), if any."""
    found = _header_cell(row)
    return None if found is None else found[1]


def _header_cell(row: list[str]) -> tuple[int, int] | None:
    """(index, table) of the row's first cell that opens a table's header, if any."""
    for index, text in enumerate(row):
        compact = re.sub(r"\s+", "", text)
        for table, pattern in _HEADER_START.items():
            if pattern.search(compact):
                return index, table
    return None


def _pipe_cells(line: str) -> list[str]:
    """A markdown table row outside any table block: its cells, the outer pipes dropped."""
    return line.strip()[1:-1].split("|")


def _has_values(part: Part) -> bool:
    return any(cell.kind is Kind.VALUE for row in part.rows for text in row for cell in tokenize(text))


def _label_with_values(cells: list[Cell], names_a_row: Callable[[str], bool]) -> bool:
    label = "".join(cell.text for cell in cells if cell.kind is Kind.TEXT)
    return bool(label) and names_a_row(label) and any(cell.kind in VALUE_KINDS for cell in cells)
