"""Metric and fact aggregates as `GROUP BY`s over the value tables joined to the reports."""
from __future__ import annotations

import sqlite3
from typing import Any

from indexer.aggregate import GroupRow, metric_result
from indexer.query import FactQuery, MetricQuery, MetricResult, ReportValue
from indexer.sqlite.sql import COLUMNS, where_filters

_METRICS = ("metrics v JOIN metric_names n ON n.code = v.metric JOIN reports r ON r.doc = v.doc", "n.name", "NULL")
_FACTS = ("facts v JOIN reports r ON r.doc = v.doc", "v.type", "v.label")


def metrics(connection: sqlite3.Connection, query: MetricQuery, codes: dict[str, int]) -> MetricResult:
    selection = ("v.metric", [codes[name] for name in query.metrics])
    return _aggregate(connection, _METRICS, selection, query.metrics, query)


def facts(connection: sqlite3.Connection, query: FactQuery) -> MetricResult:
    return _aggregate(connection, _FACTS, ("v.type", list(query.types)), query.types, query)


def _aggregate(connection: sqlite3.Connection, table: tuple[str, str, str], selection: tuple[str, list[Any]],
               names: tuple[str, ...], query: MetricQuery | FactQuery) -> MetricResult:
    source, name_column, label_column = table
    selector, selected = selection
    conditions, parameters = where_filters(query.filters)
    conditions.insert(0, f"{selector} IN ({', '.join('?' * len(selected))})")
    where = " AND ".join(conditions)
    parameters = [*selected, *parameters]
    key = COLUMNS[query.group_by] if query.group_by else "NULL"
    rows = [GroupRow(*row) for row in connection.execute(
        f"SELECT {key}, {name_column}, sum(v.value), avg(v.value), min(v.value), max(v.value),"
        f" count(*), count(v.value) FROM {source} WHERE {where} GROUP BY 1, 2", parameters)]
    reports = None
    if query.reports:
        reports = [
            (group_key, ReportValue(record_id, organization, year, _region(province, city, county), name, value,
                                    label))
            for group_key, record_id, organization, year, province, city, county, name, value, label
            in connection.execute(
                f"SELECT {key}, r.id, r.organization, r.year, r.province, r.city, r.county, {name_column}, v.value,"
                f" {label_column} FROM {source} WHERE {where} ORDER BY r.year, r.id, 8", parameters)]
    return metric_result(names, query.group_by, query.aggs, rows, reports)


def _region(province: str | None, city: str | None, county: str | None) -> dict[str, str]:
    return {level: name for level, name in (("province", province), ("city", city), ("county", county)) if name}
