"""The canonical metric ids, read from `extractor/data/metrics.yaml` (a copy of the spec).

Every other module asks this one for ids, column orders and labels, so that a metric id is
written in exactly one place: the data file.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

TEMPLATES = ("2019", "2021")


@dataclass(frozen=True)
class Metric:
    id: str
    table: int
    label: str
    templates: tuple[str, ...]
    unit: str  # "件" for counts, "元" for money, "±" for signed yearly changes


@dataclass(frozen=True)
class Check:
    id: str
    rule: str


@dataclass(frozen=True)
class FactType:
    type: str
    unit: str
    example: str


class Catalog:
    """Structured view of metrics.yaml: ids, per-template table layouts, checks, fact types."""

    def __init__(self, raw: dict[str, Any]):
        self.version: int = raw.get("version", 1)
        self.t2_metrics = [
            Metric(m["id"], 2, m["label"], tuple(m["templates"]), _t2_unit(m["id"])) for m in raw["table2"]
        ]
        t3 = raw["table3"]
        self.t3_columns: dict[str, str] = dict(t3["columns"])
        self.t3_row_labels: dict[str, str] = dict(t3["rows"])
        t4 = raw["table4"]
        self.t4_groups: dict[str, str] = dict(t4["groups"])
        self.t4_results: dict[str, str] = dict(t4["results"])
        self.checks = [Check(c["id"], c["rule"]) for c in raw["checks"]]
        self.fact_types = [FactType(f["type"], f["unit"], f["example"]) for f in raw["facts"]]

    # --- table 2 -------------------------------------------------------------------------------
    def t2_items(self, template: str) -> dict[str, list[str]]:
        """Item -> its column names in the template's column order (the yaml's order)."""
        items: dict[str, list[str]] = {}
        for metric in self.t2_metrics:
            if template in metric.templates:
                _, item, column = metric.id.split(".")
                items.setdefault(item, []).append(column)
        return items

    # --- table 3 -------------------------------------------------------------------------------
    def t3_rows(self, template: str) -> list[str]:
        """Row ids with cells of their own, in the template's order.

        The 2019 table has one （六）其他处理 row (`other`); the 2021 table has three sub-rows
        (`other.*`) instead, and `other` is derived from them.
        """
        rows = list(self.t3_row_labels)
        if template == "2019":
            return [r for r in rows if not r.startswith("other.")]
        return [r for r in rows if r != "other"]

    @property
    def t3_column_ids(self) -> list[str]:
        return list(self.t3_columns)

    # --- table 4 -------------------------------------------------------------------------------
    @property
    def t4_ids(self) -> list[str]:
        return [f"t4.{g}.{r}" for g in self.t4_groups for r in self.t4_results]

    # --- everything ----------------------------------------------------------------------------
    def all_metrics(self) -> list[Metric]:
        """Every canonical id with its table, label, templates and unit (the API's catalog)."""
        metrics = list(self.t2_metrics)
        for row, row_label in self.t3_row_labels.items():
            # `other` is a row of its own in 2019 and the sum of the three `other.*` rows in 2021
            templates = ("2021",) if row.startswith("other.") else TEMPLATES
            for column, column_label in self.t3_columns.items():
                metrics.append(Metric(f"t3.{row}.{column}", 3, f"{row_label} · {column_label}", templates, "件"))
        for group, group_label in self.t4_groups.items():
            for result, result_label in self.t4_results.items():
                metrics.append(Metric(f"t4.{group}.{result}", 4, f"{group_label} · {result_label}", TEMPLATES, "件"))
        return metrics

    @property
    def metric_ids(self) -> frozenset[str]:
        return frozenset(m.id for m in self.all_metrics())


def _t2_unit(metric_id: str) -> str:
    if metric_id.endswith("amount_yuan"):
        return "元"
    if metric_id.endswith(".change"):
        return "±"
    return "件"


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The catalog of the packaged metrics.yaml, parsed once per process."""
    text = resources.files("extractor").joinpath("data/metrics.yaml").read_text(encoding="utf-8")
    return Catalog(yaml.safe_load(text))
