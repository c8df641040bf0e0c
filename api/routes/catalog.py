"""`GET /api/metrics/catalog`: every metric, fact type and check, and how each table is drawn.

Everything comes from the extractor's catalog (the metrics data file), so the page never holds a
metric id or a table label of its own: it draws tables 2, 3 and 4 from `layouts`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from fastapi import APIRouter

from api.schemas import CatalogResponse
from extractor.catalog import TEMPLATES, Catalog, Metric, catalog

router = APIRouter(tags=["metrics"])

# A label that differs between the templates names each variant: "规范性文件 (2019) / 行政规范性文件 (2021)".
_TAGGED_VARIANT = re.compile(r"^(?P<text>.*?)\s*\((?P<template>\d{4})\)$")
# Notes after the Chinese label: for programmers (", stored in yuan") or a unit the value no longer
# has ("（单位：万元）": money is stored in yuan, and each value is shown with its stored unit).
_NOTE = re.compile(r"(（单位：[^）]*）)?(,\s*[A-Za-z][^，]*)?$")


@router.get("/metrics/catalog", response_model=CatalogResponse)
def metrics_catalog() -> dict[str, Any]:
    return catalog_json()


@lru_cache(maxsize=1)
def catalog_json() -> dict[str, Any]:
    known = catalog()
    return {
        "metrics": [{"id": m.id, "table": m.table, "label": m.label, "templates": list(m.templates), "unit": m.unit}
                    for m in known.all_metrics()],
        "fact_types": [{"type": f.type, "unit": f.unit, "example": f.example} for f in known.fact_types],
        "checks": [{"id": c.id, "rule": c.rule} for c in known.checks],
        "layouts": {template: table_layouts(known, template) for template in TEMPLATES},
    }


def table_layouts(known: Catalog, template: str) -> dict[str, dict[str, Any]]:
    """Rows and columns of tables 2, 3 and 4 as the template prints them; a cell's metric id is
    `t{table}.{row}.{column}`."""
    t2_metrics = {m.id: m for m in known.t2_metrics}
    t2_items = known.t2_items(template)
    t2_columns: dict[str, str] = {}
    t2_rows: list[tuple[str, str]] = []
    for item, columns in t2_items.items():
        first = t2_metrics[f"t2.{item}.{columns[0]}"]
        t2_rows.append((item, template_label(first, template)[0]))
        for column in columns:
            t2_columns.setdefault(column, template_label(t2_metrics[f"t2.{item}.{column}"], template)[1])
    t3_rows = known.t3_rows(template)
    return {
        "2": {"rows": t2_rows, "columns": list(t2_columns.items()), "cells": t2_items},
        "3": {"rows": [(row, known.t3_row_labels[row]) for row in t3_rows],
              "columns": list(known.t3_columns.items()),
              "cells": {row: known.t3_column_ids for row in t3_rows}},
        "4": {"rows": list(known.t4_groups.items()), "columns": list(known.t4_results.items()),
              "cells": {group: list(known.t4_results) for group in known.t4_groups}},
    }


def template_label(metric: Metric, template: str) -> tuple[str, str]:
    """The (row, column) label a table of `template` prints for a metric labelled `row · column`.

    Where the templates word a label differently, the data file writes the variants as
    `A (2019) / B (2021)`, or as `A / B` in the order of the metric's templates; the variant of
    `template` is kept. A label without variants is kept whole.
    """
    row_label, _, column_label = metric.label.partition(" · ")
    return (_variant(row_label, template, metric.templates),
            _variant(_NOTE.sub("", column_label), template, metric.templates))


def _variant(label: str, template: str, templates: tuple[str, ...]) -> str:
    variants = [part.strip() for part in label.split(" / ")]
    if len(variants) == 1:
        return _TAGGED_VARIANT.sub(r"\g<text>", variants[0])
    tagged = {m["template"]: m["text"] for m in map(_TAGGED_VARIANT.match, variants) if m}
    if tagged:
        return tagged.get(template, label)
    if len(variants) == len(templates) and template in templates:
        return variants[templates.index(template)]
    return label
