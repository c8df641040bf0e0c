"""From a stream of cells to the rows of a table, anchored on row labels.

Whatever the layout (a real grid, a dump with one cell per line, pdftotext columns, a markdown
table broken into pieces), a table region reaches this module as cells in reading order with
`RowEnd` marks where the source kept row boundaries. A row is the run of value cells that follows
a label; the label is read from all the text since the previous row's values, so a label wrapped
over several cells or lines, or written one character per line, is still found. Header cells and
group labels (（三）不予公开) name no row and simply join that text.

Where a cell stands in its row is known only when the row's cells are one source row that keeps its
empty cells (a `RowStart` opened it: a row of a real table, a line whose cells are delimited by "|"
or tabs). The cells of a dump that lost its rows, or of a row put together from several lines, say
their order but not their columns: an empty cell there can be padding, or the label column of the
next row (`Segment.keeps_places`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from extractor.tables.cells import Cell, Kind


@dataclass(frozen=True)
class RowStart:
    """Where a source row starts whose cells keep their places, empty ones included."""


@dataclass(frozen=True)
class RowEnd:
    """Where a source row ends in a stream; `grid`: the row was a row of a real table."""

    grid: bool


@dataclass(frozen=True)
class TextEnd:
    """Where the source's text ends, inside a table: a page that whoever stored it cut short.

    `inside_row`: the source shows that the cut fell inside the last row (a markdown row without its
    closing "|", a line without the "|" that closes every other line of the table), so the cells
    there are that row's leading cells.
    """

    inside_row: bool


ROW_START, GRID_ROW_END, LINE_END = RowStart(), RowEnd(grid=True), RowEnd(grid=False)
Stream = list[Cell | RowStart | RowEnd | TextEnd]
LabelFinder = Callable[[str], list[str]]


@dataclass
class Segment:
    """The value cells of one table row, with the row its label names (None: the label was lost)."""

    row: str | None
    cells: list[Cell] = field(default_factory=list)
    label_cells: list[Cell] = field(default_factory=list)
    ends_with_source_row: bool = False  # the source's own row boundary closed it (no stray cell inside)
    from_grid: bool = False             # a row of a real table, which a text line never overrides
    source_row: int | None = None       # the one place-keeping source row all its cells stand in
    label_in_row: bool = False          # its label (the label's last piece) stands in that row too
    cut: TextEnd | None = None          # the source's text ends right after its cells

    @property
    def is_blank(self) -> bool:
        return all(cell.kind is Kind.BLANK for cell in self.cells)

    def keeps_places(self, label_column: bool = True) -> bool:
        """Whether its cells stand at their columns' places, counted from the first.

        They do when they are the cells of one source row that keeps its empty cells and, in a table
        with a label column, that row holds the label right before them: the first cell after the
        label is the first column. Table 4 has no label column: its row starts with its first cell.
        """
        return self.source_row is not None and (self.label_in_row or not label_column)


def segment(stream: Stream, find_labels: LabelFinder, *, row_ends_close: bool = True) -> list[Segment]:
    """Cut the stream into rows: a label starts one, the next label or text after values ends it.

    A `RowEnd` ends a row that has values (unless `row_ends_close` is off: table 4, whose one row
    a layout may wrap over lines); a row made only of blank cells and no label (the empty
    positions of a merged label column, a header's blank corner) is no row, and the text before it
    still names the row that follows. A `TextEnd` right after a row's cells marks that row cut.
    """
    segments: list[Segment] = []
    pending: list[Cell] = []
    current: Segment | None = None
    last_read: Segment | None = None  # the segment of the last cell read, while no text followed it
    rows_started = 0
    source_row: int | None = None     # the place-keeping source row being read; None outside one
    label_row: int | None = None      # the source row of the last text cell

    def close() -> None:
        nonlocal current, pending
        if current is not None and current.row is None and current.is_blank:
            segments.remove(current)
            pending = current.label_cells + pending
        current = None

    for item in stream:
        if isinstance(item, RowStart):
            rows_started += 1
            source_row = rows_started
        elif isinstance(item, TextEnd):
            if last_read is not None:
                last_read.cut = item
        elif isinstance(item, RowEnd):
            source_row = None
            if row_ends_close:
                if current is not None:
                    current.ends_with_source_row, current.from_grid = True, item.grid
                close()
        elif item.kind is Kind.PAGE:
            continue
        elif item.kind is Kind.PROSE:
            close()
            segments.extend(Segment(row) for row in find_labels(_joined(pending)))
            pending, last_read = [], None
        elif item.kind is Kind.TEXT:
            if current is not None and _enumerates(current.cells[-1], item):
                pending.append(current.cells.pop())
            close()
            pending.append(item)
            label_row, last_read = source_row, None
        else:
            if current is None:
                rows = find_labels(_joined(pending))
                segments.extend(Segment(row) for row in rows[:-1])
                current = Segment(rows[-1] if rows else None, label_cells=pending, source_row=source_row,
                                  label_in_row=source_row is not None and label_row == source_row)
                segments.append(current)
                pending = []
            elif current.source_row != source_row:
                current.source_row = None  # its cells run on into another row, or come from a dump
            current.cells.append(item)
            last_read = current
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
            previous.ends_with_source_row, previous.cut = seg.ends_with_source_row, seg.cut
            if seg.source_row is None:
                previous.source_row = None  # the continuation's own cells lost their places
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
