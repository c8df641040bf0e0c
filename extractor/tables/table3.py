"""Table 3 (三、收到和处理政府信息公开申请情况): 23 or 25 rows of seven applicant columns.

The template is told per table, not per report: the 2021 table splits （六）其他处理 into three
sub-rows (逾期不补正 / 逾期未按收费通知 / 其他), and many 2021+ reports still print the 2019 table.
"""
from __future__ import annotations

from typing import Iterable

from extractor.catalog import catalog
from extractor.tables.cells import Cell, Kind
from extractor.tables.fitting import FittedRow, fit_row
from extractor.tables.labels import T3_2021_MARKS, find_labels, row_name
from extractor.tables.reading import TableReading
from extractor.tables.regions import Region
from extractor.tables.rows import Segment, labelled_rows

TABLE = 3


def read_table3(region: Region, reading: TableReading) -> None:
    template = "2021" if T3_2021_MARKS.search(region.text) else "2019"
    rows = catalog().t3_rows(template)
    columns = catalog().t3_column_ids

    def labels(text: str) -> list[str]:
        return find_labels(text, TABLE, rows)

    placed = labelled_rows(region.stream(lambda text: bool(labels(text))), labels, rows, lambda row: len(columns),
                           row_name, reading.warnings, TABLE)
    if placed is None:
        return
    reading.templates[TABLE] = template
    short_rows: dict[str, list[str]] = {}
    empty_columns = _empty_columns_past_the_last(placed.values(), len(columns))
    for index, row in enumerate(rows):
        segment = placed.get(row)
        if segment is None or not segment.cells:
            continue
        fitted = fit_row(segment, len(columns), columns_add_up)
        reading.warnings += [f"table {TABLE} row {row_name(row)} {note}" for note in fitted.notes]
        certain = _certain_cells(fitted, segment, empty_columns)
        if len(certain) < len(fitted.cells or fitted.leading):
            reading.warnings.append(f"table {TABLE} row {row_name(row)} ends in an empty cell where the table's other "
                                    f"rows have an empty column past 总计: a blank 总计 or that column, cannot be told: "
                                    f"its last {empty_columns} cell(s) left out")
        for col, (column, cell) in enumerate(zip(columns, certain), start=1):
            reading.put(f"t3.{row}.{column}", cell.number, cell, TABLE, index, col)
        if fitted.cut_or_whole:
            outcome = _read_cut_or_whole_row(row, index, fitted, columns, reading)
            short_rows.setdefault(outcome, []).append(row_name(row))
        elif fitted.short:
            outcome = _read_short_row(row, index, fitted, empty_columns, columns, reading)
            short_rows.setdefault(outcome, []).append(row_name(row))
    for outcome, names in short_rows.items():
        rows_named = f"row {names[0]} has" if len(names) == 1 else f"rows {', '.join(names)} have"
        reading.warnings.append(f"table {TABLE} {rows_named} {outcome}")
    if template == "2021":
        _derive_other(reading, rows, columns)


def columns_add_up(values: list[int | None], complete: bool) -> bool:
    """The row rule of t3.column_sum: the six applicant columns add up to 总计 (blank counts 0)."""
    return not complete or sum(v or 0 for v in values[:-1]) == (values[-1] or 0)


def _empty_columns_past_the_last(segments: Iterable[Segment], columns: int) -> int:
    """How many empty columns a table one column too wide (or more) has after 总计; 0 if its rows disagree.

    The evidence is the rows that keep their places and reach past the last column with empty cells
    only: all of them must reach past it by as many.
    """
    widths = {len(seg.cells) - columns for seg in segments
              if seg.keeps_places() and seg.ends_with_source_row and len(seg.cells) > columns}
    if len(widths) != 1:
        return 0
    width = widths.pop()
    wider = [seg for seg in segments if seg.keeps_places() and len(seg.cells) == columns + width]
    return width if all(cell.kind is Kind.BLANK for seg in wider for cell in seg.cells[columns:]) else 0


def _certain_cells(fitted: FittedRow, segment: Segment, empty_columns: int) -> list[Cell]:
    """The fitted cells whose columns are certain.

    In a table whose rows reach `empty_columns` empty columns past 总计, a row with exactly one cell
    per column whose last ones are empty is either whole with a blank 总计, or one cell short (merged
    cells, or a 总计 the export lost) and reaching into those empty columns: its empty end is left out.
    """
    cells = fitted.cells or fitted.leading
    if (fitted.cells and empty_columns and segment.keeps_places() and len(segment.cells) == len(cells)
            and all(cell.kind is Kind.BLANK for cell in cells[-empty_columns:])):
        return cells[:-empty_columns]
    return cells


def _read_short_row(row: str, index: int, fitted: FittedRow, empty_columns: int, columns: list[str],
                    reading: TableReading) -> str:
    """Read a row with fewer cells than columns (merged or missing cells); say what was kept.

    Only its 总计 can be placed, and only where it is certain which cell that is. In a row that keeps
    its places and that the source ended, the last cell stands in the last column (in a table with
    empty columns past 总计, the last cell before them), so it is 总计 even when empty: the total is
    blank. Elsewhere (a dump that lost its rows or its empty cells) the values could stand in any
    columns, and the last one is 总计 only when the ones before it add up to it (t3.column_sum);
    a lone 0 is such a total. A total of 0 leaves no doubt about the rest: counts are never
    negative, so every column is 0.
    """
    cells = fitted.short
    at_last_column = fitted.ends_at_last_column
    if at_last_column and empty_columns:
        past = cells[-empty_columns:]
        at_last_column = len(cells) > empty_columns and all(cell.kind is Kind.BLANK for cell in past)
        cells = cells[:-empty_columns] if at_last_column else cells
    count = f"{len(cells)} cell{'s' if len(cells) != 1 else ''} for {len(columns)} columns"
    if at_last_column:
        total, how = cells[-1], ""
    else:
        values = [cell for cell in cells if cell.kind is not Kind.BLANK]
        if not (values and values[-1].kind is Kind.VALUE
                and sum(cell.number or 0 for cell in values[:-1]) == values[-1].number):
            return f"{count} whose columns cannot be told: left out"
        total, how = values[-1], " (the values before it add up to it)" if len(values) > 1 else " (a lone 0)"
    reading.put(f"t3.{row}.{columns[-1]}", total.number, total, TABLE, index, len(columns))
    kept = catalog().t3_columns[columns[-1]]
    if total.number == 0:
        for column in columns[:-1]:
            reading.metrics[f"t3.{row}.{column}"] = 0
        return f"{count} and {kept} 0{how}: every column 0"
    return f"{count}: only {kept} kept{how}"


def _read_cut_or_whole_row(row: str, index: int, fitted: FittedRow, columns: list[str], reading: TableReading) -> str:
    """A short row that the cut text ends with, where the source cannot show whether the cut fell inside it.

    Cut inside, its cells are its leading ones, each in its column; whole, it is a row with merged
    cells whose last cell is 总计. Only what both readings place is kept: a row whose cells are all 0
    in a row that keeps its places has 0 in its leading columns either way (whole, its 总计 0 makes
    every column 0), while its 总计 is 0 only in the second reading.
    """
    cells = fitted.short
    count = f"{len(cells)} cell{'s' if len(cells) != 1 else ''} for {len(columns)} columns where the text was cut"
    if not (fitted.ends_at_last_column and all(cell.kind is Kind.VALUE and cell.number == 0 for cell in cells)):
        return f"{count}, and whether the cut fell inside it cannot be told: left out"
    for col, (column, cell) in enumerate(zip(columns, cells), start=1):
        reading.put(f"t3.{row}.{column}", 0, cell, TABLE, index, col)
    return (f"{count}, all 0: 0 in its first {len(cells)} columns whether it was cut inside or is whole "
            f"(总计 0), its 总计 left out")


def _derive_other(reading: TableReading, rows: list[str], columns: list[str]) -> None:
    """2021: t3.other.<column> is the sum of the three （六） sub-rows, when all three were read."""
    sub_rows = [row for row in rows if row.startswith("other.")]
    for column in columns:
        ids = [f"t3.{row}.{column}" for row in sub_rows]
        if all(metric_id in reading.metrics for metric_id in ids):
            values = [reading.metrics[metric_id] for metric_id in ids]
            total = None if all(v is None for v in values) else sum(v or 0 for v in values)
            reading.metrics[f"t3.other.{column}"] = total
