"""Merged cells that an export wrote once per column they span, read back as one cell.

Markdown exports and python-docx's `row.cells` repeat a merged cell's text in every position it
covers: the 2021 table 2's 本年处理决定数量 spans three grid columns, so its header row reads
"本年处理决定数量 | 本年处理决定数量 | 本年处理决定数量" and the value row under it
"1,268 | 1,268 | 1,268". Read as they stand, that is three cells for one column.

The header shows the span: a run of positions holding one label, repeated or spanning. Under a
header row, the value rows are merged the same way only where all of them agree: each row as wide
as the header, and under every label run each row holds either no value (its label columns) or one
value repeated over exactly the run. One row that breaks this shows that the header's repeats are
no spans (the fragments "结果 | 结果" of two wrapped labels, a header misaligned with the values):
nothing under it is merged. Equal values under different labels (0 | 0 | 0 under 自然人 | 商业企业 |
科研机构) are separate cells and stay.
"""
from __future__ import annotations

from extractor.document import Table
from extractor.tables.cells import Kind, tokenize

_VALUES = frozenset({Kind.VALUE, Kind.NULL, Kind.GLUED})
Span = tuple[int, int]  # (first, last) grid columns


def rows_with_repeats_merged(table: Table) -> list[list[str]]:
    """The table's physical rows, a value repeated over a header label's span written once."""
    spans = [_cell_spans(table.origin[r], r) for r in range(len(table.grid))]
    is_value_row = [any(_kind(table.grid[r][first]) in _VALUES for first, _ in spans[r])
                    for r in range(len(table.grid))]
    value_rows_under: dict[int, list[int]] = {}  # header row -> the value rows it heads
    header: int | None = None
    for r, row in enumerate(table.grid):
        if is_value_row[r] and header is not None:
            value_rows_under[header].append(r)
        elif not is_value_row[r] and any(row[first].strip() for first, _ in spans[r]):
            header = r
            value_rows_under[header] = []
    dropped: dict[int, set[int]] = {}
    for header, value_rows in value_rows_under.items():
        dropped.update(_repeats_under(table.grid, spans, header, value_rows))
    return [[table.grid[r][first] for first, _ in spans[r] if first not in dropped.get(r, set())]
            for r in range(len(table.grid))]


def _repeats_under(grid: list[list[str]], spans: list[list[Span]], header: int,
                   value_rows: list[int]) -> dict[int, set[int]]:
    """Row -> starts of its cells that repeat a cell before them under one header label; {} if any row disagrees."""
    runs = _label_runs(grid[header])
    if not runs or not value_rows:
        return {}
    repeated: dict[int, set[int]] = {}
    for r in value_rows:
        if len(grid[r]) != len(grid[header]):
            return {}
        for first, last in runs:
            inside = [span for span in spans[r] if first <= span[0] <= last]
            texts = {grid[r][start] for start, _ in inside}
            if not any(_kind(text) in _VALUES for text in texts):
                continue  # the label columns of the row, or nothing: no value to merge
            if not (inside[0][0] == first and inside[-1][1] == last and len(texts) == 1):
                return {}
            repeated.setdefault(r, set()).update(start for start, _ in inside[1:])
    return repeated


def _kind(text: str) -> Kind | None:
    """The kind of a cell that holds one thing; None for text that tokenizes to several cells."""
    cells = tokenize(text)
    return cells[0].kind if len(cells) == 1 else None


def _cell_spans(origins: list[tuple[int, int]], r: int) -> list[Span]:
    """(first, last) columns of each physical cell that starts in row r."""
    spans: list[Span] = []
    for c, origin in enumerate(origins):
        if origin == (r, c):
            spans.append((c, c))
        elif spans and origin == (r, spans[-1][0]):
            spans[-1] = (spans[-1][0], c)
    return spans


def _label_runs(header: list[str]) -> list[Span]:
    """(first, last) columns of each run of two or more positions holding one non-empty label."""
    runs: list[Span] = []
    first = 0
    for c in range(1, len(header) + 1):
        if c == len(header) or header[c] != header[first]:
            if c - 1 > first and header[first].strip():
                runs.append((first, c - 1))
            first = c
    return runs
