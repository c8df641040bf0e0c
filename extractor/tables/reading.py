"""What reading a report's tables produces: the shape the pipeline and every table reader share."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor.tables.cells import Cell


@dataclass
class TableReading:
    """Canonical metrics of tables 2-4 with where each value was read.

    `metrics`: catalog ids only; null where the source's cell says there is no value; an id is
    absent when its cell could not be placed (see `warnings`).
    `cells[id]`: {"raw": source text, "table": 2|3|4, "row": r, "col": c}, where (r, c) is the
    cell's place in the official table: r is the row's index in the template's row order (table 2:
    its items; table 3: its rows; table 4: 0), c the column's index counted from 1 after the label
    column (table 4, which has no label column: from 0), so a page can lay out the canonical table.
    `templates`: the template version each table found follows ({2: "2021", 3: "2019", 4: "2019"}).
    """

    metrics: dict[str, int | float | None] = field(default_factory=dict)
    cells: dict[str, dict[str, Any]] = field(default_factory=dict)
    templates: dict[int, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def put(self, metric_id: str, value: int | float | None, cell: Cell, table: int, row: int, col: int) -> None:
        self.metrics[metric_id] = value
        self.cells[metric_id] = {"raw": cell.raw.strip(), "table": table, "row": row, "col": col}

