"""Making a row's run of cells match the template's columns, or saying why it cannot.

A row reaches its reader with the cells the layout left: one too many (a page number printed after
it, an empty column of a markdown table), too few (merged cells, blanks a dump dropped), or digits
of several cells glued into one run. Each case has one rule here, the same for every table; what a
row with too few cells still says is for the table's reader to decide.

An empty cell tells a place only in a row that keeps its places (`Segment.keeps_places`). In any
other row (a dump that lost its rows, a row put together from several lines) empty cells can be
padding as well as blank columns, so only the row's other cells count, in their order, and none of
them has a certain column unless the row has exactly one cell per column.

A row written as one bare run of digits with at least one digit per column ("100010000000000" for
the fifteen cells of table 4) is that row's cells glued together: no count in these tables has as
many digits as its row has columns. Without a label glued to it, nothing else marks the run as
glued, so it is split only where the table has a rule inside a row to check the split against.

A row that a cut text ends (`Segment.cut`) is read by `_fit_cut`: the cut may have taken the rest
of the row, and the rest of its last cell.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractor.numbers import normalize_digits
from extractor.tables.cells import Cell, Kind
from extractor.tables.glued import RowRule, split_glued
from extractor.tables.rows import Segment


@dataclass
class FittedRow:
    cells: list[Cell] | None = None                       # exactly one cell per column
    short: list[Cell] = field(default_factory=list)       # fewer cells than columns: what there is
    ends_at_last_column: bool = False                     # `short`'s last cell stands in the last column
    cut_or_whole: bool = False                            # `short` ends the cut text: cut inside, or whole
    leading: list[Cell] = field(default_factory=list)     # a cut row's first cells, each in its column
    notes: list[str] = field(default_factory=list)        # why cells were dropped, split or refused


def fit_row(segment: Segment, columns: int, accepts: RowRule | None, *, label_column: bool = True,
            decimal_columns: frozenset[int] = frozenset()) -> FittedRow:
    """The row's cells, one per column, when the source lets them be placed without guessing.

    `accepts` is the table's rule inside one row (None: the table has none), which a split of
    glued digits, and the dropping of a page number, must obey. One number too many at the end of
    a row can be a page number only where the source lost its row boundaries (a dump, a value row
    without row ends): inside a real row it is a column too many. `label_column`: the table's rows
    start with a label (tables 2 and 3); `decimal_columns`: the columns whose values may have
    decimals (amounts), see `_fit_cut`.
    """
    keeps_places = segment.keeps_places(label_column)
    if keeps_places:
        cells = _without_extra_blanks(segment.cells, columns)
    else:
        cells = [cell for cell in segment.cells if cell.kind is not Kind.BLANK]
    if cells is None:
        return FittedRow(notes=[f"has {len(segment.cells)} cells for {columns} columns with empty cells at both "
                                f"ends: which of them are extra cannot be told: left out"])
    if segment.cut is not None:
        fitted = _fit_cut(cells, columns, keeps_places and segment.cut.inside_row, decimal_columns)
        fitted.ends_at_last_column = keeps_places and segment.ends_with_source_row
        return fitted
    if accepts is not None and _one_glued_run(cells, columns):
        cells = [Cell(Kind.GLUED, normalize_digits(cells[0].raw))]
    if any(cell.kind is Kind.GLUED for cell in cells):
        return _fit_glued(cells, columns, accepts or _no_rule)
    if len(cells) == columns:
        return FittedRow(cells)
    if len(cells) == columns + 1 and cells[-1].kind is Kind.VALUE and not segment.ends_with_source_row:
        return _without_page_number(cells, columns, accepts)
    if len(cells) > columns:
        return FittedRow(notes=[f"has {len(cells)} cells for {columns} columns: left out"])
    return FittedRow(short=cells, ends_at_last_column=keeps_places and segment.ends_with_source_row)


def _without_extra_blanks(cells: list[Cell], columns: int) -> list[Cell] | None:
    """A place-keeping row without the empty cells past its columns; None when which ones are extra is open.

    A layout with more columns than the template (a markdown table one column too wide, a label
    spanning two columns) leaves empty cells at a row's ends. When the cells from the first to the
    last non-empty one are exactly the columns, the empty ones around them are the extra ones.
    When they are fewer, the extra cells sit at the end where the row has only empty ones: after
    its cells if it starts with a value, before them if it ends with one. With empty cells at both
    ends, the row's first column could be either, and nothing is placed.
    """
    if len(cells) <= columns:
        return cells
    filled = [i for i, cell in enumerate(cells) if cell.kind is not Kind.BLANK]
    if not filled:
        return cells[:columns]
    first, last = filled[0], filled[-1]
    if last - first + 1 >= columns:
        return cells[first:last + 1]  # more than the columns: the caller says so
    if first == 0:
        return cells[:columns]
    if last == len(cells) - 1:
        return cells[-columns:]
    return None


def _fit_cut(cells: list[Cell], columns: int, cut_inside: bool, decimal_columns: frozenset[int]) -> FittedRow:
    """What is certain of a row that the end of a cut text ends.

    The cut may have shortened its last cell ("1" of "12", "无" of "无法提供"): only a lone 0 in a
    column of counts is whole, since no count goes on after a 0 (an amount may: "0.5"). A row with a
    cell for every column keeps the ones before a last cell that may be short. A row with fewer
    cells keeps them as its leading cells, each in its column, only where the row keeps its places
    and the source shows that the cut fell inside it (`cut_inside`); otherwise they may as well be
    a whole row with merged cells, which is for the table's reader to weigh (`cut_or_whole`).
    """
    if any(cell.kind is Kind.GLUED for cell in cells):
        return FittedRow(notes=["has glued digits where the text was cut: left out"])
    if not cells or len(cells) > columns:
        return FittedRow(notes=[f"has {len(cells)} cells for {columns} columns where the text was cut: left out"])
    last = cells[-1]
    whole = last.kind is Kind.VALUE and normalize_digits(last.raw) == "0" and len(cells) - 1 not in decimal_columns
    notes = [] if whole else [f"ends where the text was cut: its last cell {last.raw.strip()!r} may be cut short: "
                              f"left out"]
    if len(cells) == columns and whole:
        return FittedRow(cells)
    if len(cells) == columns or cut_inside:
        kept = cells if whole else cells[:-1]
        return FittedRow(leading=kept, notes=notes + [f"was cut by the end of the text: its first {len(kept)} "
                                                      f"cell(s) kept in their columns"])
    return FittedRow(short=cells, cut_or_whole=True)


def _without_page_number(cells: list[Cell], columns: int, accepts: RowRule | None) -> FittedRow:
    """A dump's row with one number too many at its end: the page number printed after the row.

    A page breaks between rows more often than inside one, but a row broken over two pages has the
    page number among its cells, at its start or anywhere. So the row without its last number is
    read only where the table has a rule inside a row and that reading is the only one it allows.
    """
    kept = cells[:-1]
    readings = set() if accepts is None else {
        tuple(_numbers(cells[:i] + cells[i + 1:])) for i, cell in enumerate(cells)
        if cell.kind is Kind.VALUE and accepts(_numbers(cells[:i] + cells[i + 1:]), True)}
    if readings != {tuple(_numbers(kept))}:
        return FittedRow(notes=[f"has {len(cells)} cells for {columns} columns, one of them maybe a page number, "
                                f"and no rule of the row tells which: left out"])
    return FittedRow(kept, notes=[f"the lone number {cells[-1].raw} after its {columns} cells taken for a page number, "
                                  f"the only reading the row's rules allow"])


def _numbers(cells: list[Cell]) -> list[int | None]:
    return [None if cell.number is None else int(cell.number) for cell in cells]


def _one_glued_run(cells: list[Cell], columns: int) -> bool:
    """Whether the row is a single bare run of digits with a digit for each of its columns."""
    if len(cells) != 1 or columns < 2 or cells[0].kind is not Kind.VALUE:
        return False
    digits = normalize_digits(cells[0].raw)
    return digits.isascii() and digits.isdigit() and len(digits) >= columns


def _no_rule(values: list[int | None], complete: bool) -> bool:
    return True


def _fit_glued(cells: list[Cell], columns: int, accepts: RowRule) -> FittedRow:
    glued = " ".join(cell.raw for cell in cells if cell.kind is Kind.GLUED)
    split = split_glued(cells, columns, accepts)
    if split.unique is not None:
        notes = [] if len(cells) == columns else [
            f"glued digits {glued} split as {'/'.join(cell.raw for cell in split.unique)}, the only split "
            f"into {columns} cells the table's rules allow"]
        return FittedRow(split.unique, notes=notes)
    if not split.solutions:
        return FittedRow(notes=[f"glued digits {glued} cannot be split into {columns} cells the table's "
                                f"rules allow: left out"])
    shown = ", ".join("/".join(cell.raw for cell in row) for row in split.solutions)
    more = "" if split.complete else " or more"
    return FittedRow(notes=[f"glued digits {glued} split {len(split.solutions)}{more} ways into {columns} cells "
                            f"({shown}): left out"])
