"""Making a row's run of cells match the template's columns, or saying why it cannot.

A row reaches its reader with the cells the layout left: one too many (a page number printed after
it, an empty column of a markdown table), too few (merged cells, blanks a dump dropped), or digits
of several cells glued into one run. Each case has one rule here, the same for every table; what a
row with too few cells still says is for the table's reader to decide.

A row written as one bare run of digits with at least one digit per column ("100010000000000" for
the fifteen cells of table 4) is that row's cells glued together: no count in these tables has as
many digits as its row has columns. Without a label glued to it, nothing else marks the run as
glued, so it is split only where the table has a rule inside a row to check the split against.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractor.numbers import normalize_digits
from extractor.tables.cells import Cell, Kind
from extractor.tables.glued import RowRule, split_glued
from extractor.tables.rows import Segment, trim_blanks


@dataclass
class FittedRow:
    cells: list[Cell] | None = None                       # exactly one cell per column
    short: list[Cell] = field(default_factory=list)       # fewer cells than columns: what there is
    notes: list[str] = field(default_factory=list)        # why cells were dropped, split or refused


def fit_row(segment: Segment, columns: int, accepts: RowRule | None) -> FittedRow:
    """The row's cells, one per column, when the source lets them be placed without guessing.

    `accepts` is the table's rule inside one row (None: the table has none), which a split of
    glued digits must obey. One number too many at the end of a row is a page number only where
    the source lost its row boundaries (a dump, a value row without row ends): inside a real row
    it is a column too many.
    """
    cells = trim_blanks(segment.cells, columns)
    if accepts is not None and _one_glued_run(cells, columns):
        cells = [Cell(Kind.GLUED, normalize_digits(cells[0].raw))]
    if any(cell.kind is Kind.GLUED for cell in cells):
        return _fit_glued(cells, columns, accepts or _no_rule)
    if len(cells) == columns:
        return FittedRow(cells)
    if len(cells) == columns + 1 and cells[-1].kind is Kind.VALUE and not segment.ends_with_source_row:
        return FittedRow(cells[:-1], notes=[f"the lone number {cells[-1].raw} after its {columns} cells "
                                            f"taken for a page number"])
    if len(cells) > columns:
        return FittedRow(notes=[f"has {len(cells)} cells for {columns} columns: left out"])
    return FittedRow(short=list(cells))


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
