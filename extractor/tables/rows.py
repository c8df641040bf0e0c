"""From a stream of cells to the rows of a table, anchored on row labels.

Whatever the layout (a real grid, a dump with one cell per line, pdftotext columns, a markdown
table broken into pieces), a table region reaches this module as cells in reading order with
`RowEnd` marks where the source kept row boundaries. A row is the run of value cells that follows
a label; the label is read from all the text since the previous row's values, so a label wrapped
over several cells or lines, or written one character per line, is still found. Header cells and
group labels (（三）不予公开) name no row and simply join that text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from extractor.tables.cells import Cell, Kind


@dataclass(frozen=True)
class RowEnd:
    """Where a source row ends in a stream; `grid`: the row was a row of a real table."""

    grid: bool


GRID_ROW_END, LINE_END = RowEnd(grid=True), RowEnd(grid=False)
Stream = list[Cell | RowEnd]
LabelFinder = Callable[[str], list[str]]


@dataclass
class Segment:
    """The value cells of one table row, with the row its label names (None: the label was lost)."""

    row: str | None
    cells: list[Cell] = field(default_factory=list)
    label_cells: list[Cell] = field(default_factory=list)
    ends_with_source_row: bool = False  # the source's own row boundary closed it (no stray cell inside)
    from_grid: bool = False             # a row of a real table, which a text line never overrides

    @property
    def is_blank(self) -> bool:
        return all(cell.kind is Kind.BLANK for cell in self.cells)


def segment(stream: Stream, find_labels: LabelFinder) -> list[Segment]:
    """Cut the stream into rows: a label starts one, the next label or text after values ends it.

    A `RowEnd` ends a row that has values; a row made only of blank cells and no label (the empty
    positions of a merged label column, a header's blank corner) is no row, and the text before it
    still names the row that follows.
    """
    segments: list[Segment] = []
    pending: list[Cell] = []
    current: Segment | None = None

    def close() -> None:
        nonlocal current, pending
        if current is not None and current.row is None and current.is_blank:
            segments.remove(current)
            pending = current.label_cells + pending
        current = None

    for item in stream:
        if isinstance(item, RowEnd):
            if current is not None:
                current.ends_with_source_row, current.from_grid = True, item.grid
            close()
        elif item.kind is Kind.PAGE:
            continue
        elif item.kind is Kind.PROSE:
            close()
            segments.extend(Segment(row) for row in find_labels(_joined(pending)))
            pending = []
        elif item.kind is Kind.TEXT:
            if current is not None and _enumerates(current.cells[-1], item):
                pending.append(current.cells.pop())
            close()
            pending.append(item)
        else:
            if current is None:
                rows = find_labels(_joined(pending))
                segments.extend(Segment(row) for row in rows[:-1])
                current = Segment(rows[-1] if rows else None, label_cells=pending)
                segments.append(current)
                pending = []
            current.cells.append(item)
    close()
    segments.extend(Segment(row) for row in find_labels(_joined(pending)))
    return [s for s in segments if s.row is not None or not s.is_blank]


def _enumerates(value: Cell, text: Cell) -> bool:
    """A small number followed by "." or "、" is the enumerator of a label cut into pieces ("2" "." "没有…")."""
    return value.kind is Kind.VALUE and value.raw.strip().isdigit() and len(value.raw.strip()) <= 2 \
        and text.text[:1] in ".、．"


def _joined(cells: list[Cell]) -> str:
    return "".join(cell.text for cell in cells)


def rejoin_split_rows(segments: list[Segment], expected: Callable[[str], int], warnings: list[str], table: int,
                      describe: Callable[[str], str]) -> list[Segment]:
    """Join a row cut short at an empty cell with the unlabelled values that complete it.

    In a Word dump a tab with nothing after it, then an empty line, is an empty last cell and the
    row's end, or an empty cell whose (empty) paragraph sits on the next line while the row goes
    on; the dumps write both. So a row that ends in an empty cell, has fewer cells than its
    columns, and is followed at once by a run of values without a label that makes up exactly the
    missing cells, is one row.
    """
    kept: list[Segment] = []
    for seg in segments:
        previous = kept[-1] if kept else None
        if (previous is not None and previous.row is not None and previous.ends_with_source_row
                and previous.cells and previous.cells[-1].kind is Kind.BLANK
                and seg.row is None and not seg.label_cells
                and len(previous.cells) + len(seg.cells) == expected(previous.row)):
            warnings.append(f"table {table} row {describe(previous.row)} continues after an empty cell and an "
                            f"empty line: its {len(seg.cells)} cells there complete its {len(previous.cells)}")
            previous.cells += seg.cells
            previous.ends_with_source_row = seg.ends_with_source_row
            continue
        kept.append(seg)
    return kept


def drop_page_numbers(segments: list[Segment], expected: Callable[[str], int],
                      warnings: list[str], table: int) -> list[Segment]:
    """Drop lone numbers that stand where a row boundary is: page numbers printed inside a table.

    A value that is a row of its own (no label, one cell) right after a row that already has all its
    cells cannot belong to that row, and a one-cell row is not what a lost label leaves either (the
    row's other cells would be there). A page number inside a row's run of cells is handled when the
    row is fitted (`fitting.fit_row`).
    """
    kept: list[Segment] = []
    for seg in segments:
        previous = kept[-1] if kept else None
        lone = seg.row is None and len(seg.cells) == 1 and seg.cells[0].kind is Kind.VALUE
        if lone and (previous is None or previous.row is None or len(previous.cells) >= expected(previous.row)):
            warnings.append(f"table {table}: lone number {seg.cells[0].raw} between rows taken for a page number")
            continue
        kept.append(seg)
    return kept


def place(segments: list[Segment], order: list[str], warnings: list[str], table: int,
          describe: Callable[[str], str]) -> dict[str, Segment]:
    """Each row of `order` with the segment that holds its cells.

    Labelled segments go to their row; when a label appears twice, the first one wins, unless only
    the later one is a row of a real table (a line of text that names a row is weaker). Segments that
    lost their label are placed by template order, but only where the count of them fits exactly the
    rows missing between the labelled rows around them; otherwise they are left out with a warning.
    """
    placed: dict[str, Segment] = {}
    for seg in segments:
        earlier = placed.get(seg.row) if seg.row is not None else None
        if earlier is None:
            if seg.row is not None:
                placed[seg.row] = seg
            continue
        later_wins = (earlier.is_blank and not seg.is_blank) or (seg.from_grid and not earlier.from_grid)
        if not (seg.is_blank or earlier.is_blank) and [c.raw for c in seg.cells] != [c.raw for c in earlier.cells]:
            kept = "the table's row" if later_wins else "the first"
            warnings.append(f"table {table} row {describe(seg.row)} appears twice with other cells: {kept} is kept")
        if later_wins:
            placed[seg.row] = seg
    labelled = [i for i, seg in enumerate(segments) if seg.row is not None]
    bounds = [-1] + labelled + [len(segments)]
    for before, after in zip(bounds, bounds[1:]):
        lost = segments[before + 1:after]
        if not lost:
            continue
        low = order.index(segments[before].row) if before >= 0 else -1
        high = order.index(segments[after].row) if after < len(segments) else len(order)
        gap = order[low + 1:high] if high > low else []
        if len(gap) == len(lost) and not any(row in placed for row in gap):
            placed.update(zip(gap, lost))
            warnings.append(f"table {table}: row(s) without a label placed by template order as "
                            f"{', '.join(describe(row) for row in gap)}")
            continue
        where = (f"after {describe(order[low])}" if low >= 0 else "before the first labelled row") + \
                (f" and before {describe(order[high])}" if high < len(order) else "")
        warnings.append(f"table {table}: {len(lost)} row(s) without a label {where} do not fit the "
                        f"{len(gap)} missing row(s) there: left out")
    return placed


def trim_blanks(cells: list[Cell], expected: int) -> list[Cell]:
    """Drop blank cells beyond the expected count, trailing ones first.

    A row that reaches past its columns with empty cells picked up a blank column of the layout (a
    markdown table one column too wide, a label column of the next row in a flattened dump).
    """
    cells = list(cells)
    while len(cells) > expected and cells[-1].kind is Kind.BLANK:
        cells.pop()
    while len(cells) > expected and cells[0].kind is Kind.BLANK:
        cells.pop(0)
    return cells


def labelled_rows(stream: Stream, find_labels: LabelFinder, order: list[str], columns: Callable[[str], int],
                  describe: Callable[[str], str], warnings: list[str], table: int) -> dict[str, Segment] | None:
    """The segment of each row of `order` found in `stream`; None when the stream holds no value."""
    segments = segment(stream, find_labels)
    if not any(seg.cells for seg in segments):
        return None
    segments = rejoin_split_rows(segments, columns, warnings, table, describe)
    segments = drop_page_numbers(segments, columns, warnings, table)
    placed = place(segments, order, warnings, table, describe)
    missing = [describe(row) for row in order if row not in placed or not placed[row].cells]
    if missing:
        warnings.append(f"table {table}: no cells found for row(s) {', '.join(missing)}")
    return placed
