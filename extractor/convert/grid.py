"""Resolving row and column spans into the `Table` grid, for every format that has real cells.

HTML (`rowspan`/`colspan`) and Word (`gridSpan`/`vMerge`, turned into row spans by the DOCX
reader) both describe a table as rows of physical cells that may cover several positions. The
placement rule is the browser's: each cell takes the first column of its row not already covered
by a cell spanning down from above. Rows stay as long as their own cells reach (a row that lacks
cells stays short: that damage is information for the table readers); a hole between cells, which
only a spanning cell from above can leave, is an empty position of its own.
"""
from __future__ import annotations

from dataclasses import dataclass

from extractor.document import Table

# Spans beyond this are typos or hostile markup ("colspan=10000"), never a report table.
MAX_SPAN = 100


@dataclass
class SpanCell:
    text: str
    rowspan: int = 1
    colspan: int = 1


def resolve_spans(rows: list[list[SpanCell]], page: int | None = None) -> Table:
    """Place physical cells into a grid; every covered position holds its cell's text and origin."""
    grid: list[dict[int, str]] = [{} for _ in rows]
    origin: list[dict[int, tuple[int, int]]] = [{} for _ in rows]
    for r, cells in enumerate(rows):
        col = 0
        for cell in cells:
            while col in grid[r]:
                col += 1
            rowspan = max(1, min(cell.rowspan, MAX_SPAN, len(rows) - r))
            colspan = max(1, min(cell.colspan, MAX_SPAN))
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[r + dr][col + dc] = cell.text
                    origin[r + dr][col + dc] = (r, col)
            col += colspan
    dense_grid: list[list[str]] = []
    dense_origin: list[list[tuple[int, int]]] = []
    for r, row in enumerate(grid):
        width = max(row) + 1 if row else 0
        dense_grid.append([row.get(c, "") for c in range(width)])
        dense_origin.append([origin[r].get(c, (r, c)) for c in range(width)])
    return Table(grid=dense_grid, origin=dense_origin, page=page)
