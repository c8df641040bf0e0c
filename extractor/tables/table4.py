"""Table 4 (四、政府信息公开行政复议、行政诉讼情况): one row of fifteen cells under a two-level header.

Its layout is the same in both templates: 行政复议, then 行政诉讼 split into 未经复议直接起诉 and
复议后起诉, each group 结果维持 / 结果纠正 / 其他结果 / 尚未审结 / 总计. The table has no row label
to anchor on, so its row is the run of values after the last header text; row boundaries inside
that run are layout (a value row wrapped over lines), not structure.
"""
from __future__ import annotations

from extractor.catalog import catalog
from extractor.tables.fitting import fit_row
from extractor.tables.reading import TableReading
from extractor.tables.regions import Region
from extractor.tables.rows import segment

TABLE = 4


def read_table4(region: Region, reading: TableReading) -> None:
    ids = catalog().t4_ids
    stream = region.stream(lambda text: False)
    runs = [seg for seg in segment(stream, lambda text: [], row_ends_close=False) if not seg.is_blank]
    if not runs:
        return
    reading.templates[TABLE] = reading.templates.get(3) or reading.templates.get(2) or "2019"
    fitted = [fit_row(run, len(ids), groups_add_up, label_column=False) for run in runs]
    rows = [fit for fit in fitted if fit.cells or fit.leading]
    if len(rows) != 1:
        reading.warnings.append(f"table {TABLE}: {len(rows)} runs of {len(ids)} values found, expected one: "
                                f"not read" + "".join(f"; {note}" for fit in fitted for note in fit.notes))
        return
    reading.warnings += [f"table {TABLE} {note}" for note in rows[0].notes]
    for col, (metric_id, cell) in enumerate(zip(ids, rows[0].cells or rows[0].leading)):
        reading.put(metric_id, cell.number, cell, TABLE, 0, col)


def groups_add_up(values: list[int | None], complete: bool) -> bool:
    """The row rule of t4.group_sum: in every complete group of five, four results add up to 总计."""
    size = len(catalog().t4_results)
    for start in range(0, len(values) - size + 1, size):
        group = values[start:start + size]
        if sum(v or 0 for v in group[:-1]) != (group[-1] or 0):
            return False
    return True
