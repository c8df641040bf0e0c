"""Tables 2, 3 and 4 of a report read into the canonical metrics of `metrics.yaml`.

Each table's region becomes one stream of cells (`regions`; merged cells that an export repeated
over their span read once, `repeats`), the stream is cut into rows anchored
on row labels (`rows`), each row is fitted to the template's columns (`fitting`, `glued`), and the
table's reader maps the cells to metric ids (`table2`, `table3`, `table4`).
"""
from __future__ import annotations

from extractor.document import Document
from extractor.tables.reading import TableReading
from extractor.tables.regions import find_regions
from extractor.tables.table2 import read_table2
from extractor.tables.table3 import read_table3
from extractor.tables.table4 import read_table4

__all__ = ["TableReading", "read_tables"]


def read_tables(document: Document) -> TableReading:
    """Tables 2, 3 and 4 of a report; a report without them gives an empty reading."""
    reading = TableReading()
    regions = find_regions(document)
    for number, read in ((2, read_table2), (3, read_table3), (4, read_table4)):
        if number in regions:
            read(regions[number], reading)
    return reading
