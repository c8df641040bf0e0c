"""Metric and fact aggregates over the embedded index.

Metric values are one row per report and metric: at 100,000 reports a metric has 100,000
rows, so they are read as one string per metric and grouped in memory by the report columns
(`columns.py`); facts are few per report and are grouped by SQL. The per-report values behind
the groups are plain SQL rows in both cases.
"""
from __future__ import annotations

import sqlite3
from typing import Any

import numpy as np

from indexer.aggregate import GroupRow, metric_result
from indexer.query import FactQuery, MetricQuery, MetricResult, ReportValue
from indexer.sqlite.columns import Columns
from indexer.sqlite.sql import COLUMNS, where_filters

_METRICS = ("metrics v JOIN metric_names n ON n.code = v.metric JOIN reports r ON r.doc = v.doc", "n.name",
            "NULL", "v.metric")
_FACTS = ("facts v JOIN reports r ON r.doc = v.doc", "v.type", "v.label", "v.position")


def metrics(connection: sqlite3.Connection, columns: Columns, query: MetricQuery,
            codes: dict[str, int]) -> MetricResult:
    mask = columns.mask(query.filters)
    rows = []
    for name in query.metrics:
        joined_docs, joined_values = connection.execute(
            "SELECT group_concat(doc), group_concat(ifnull(value, 'nan')) FROM metrics WHERE metric = ?",
            (codes[name],)).fetchone()
        docs = np.fromstring(joined_docs or "", dtype=np.int64, sep=",")
        values = np.fromstring(joined_values or "", dtype=np.float64, sep=",")
        kept = mask[docs]
        rows += _group_rows(name, docs[kept], values[kept], columns, query.group_by)
    reports = _reports(connection, _METRICS, ("v.metric", [codes[n] for n in query.metrics]), query) \
        if query.reports else None
    return metric_result(query.metrics, query.group_by, query.aggs, rows, reports)


def _group_rows(name: str, docs: np.ndarray, values: np.ndarray, columns: Columns,
                group_by: str | None) -> list[GroupRow]:
    """Aggregates per group; NaN stands for a null cell, which counts but has no value."""
    if not docs.size:
        return []
    field = columns.fields[group_by] if group_by else None
    groups = field.codes[docs] if field else np.zeros(docs.size, dtype=np.int64)
    order = np.argsort(groups, kind="stable")
    groups, values = groups[order], values[order]
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    present = ~np.isnan(values)
    counts = np.diff(np.r_[starts, groups.size])
    nonnull = np.add.reduceat(present.astype(np.int64), starts)
    sums = np.add.reduceat(np.where(present, values, 0.0), starts)
    minima, maxima = np.fmin.reduceat(values, starts), np.fmax.reduceat(values, starts)
    rows = []
    for i, code in enumerate(groups[starts].tolist()):
        key = None if field is None or code < 0 else field.values[code]
        n = int(nonnull[i])
        rows.append(GroupRow(key, name, float(sums[i]), float(sums[i]) / n if n else None,
                             float(minima[i]) if n else None, float(maxima[i]) if n else None, int(counts[i]), n))
    return rows


def facts(connection: sqlite3.Connection, query: FactQuery) -> MetricResult:
    selection = ("v.type", list(query.types))
    source, name_column, _, _ = _FACTS
    where, parameters = _where(selection, query)
    key = COLUMNS[query.group_by] if query.group_by else "NULL"
    rows = [GroupRow(*row) for row in connection.execute(
        f"SELECT {key}, {name_column}, sum(v.value), avg(v.value), min(v.value), max(v.value),"
        f" count(*), count(v.value) FROM {source} WHERE {where} GROUP BY 1, 2", parameters)]
    reports = _reports(connection, _FACTS, selection, query) if query.reports else None
    return metric_result(query.types, query.group_by, query.aggs, rows, reports)


def _where(selection: tuple[str, list[Any]], query: MetricQuery | FactQuery) -> tuple[str, list[Any]]:
    selector, selected = selection
    conditions, parameters = where_filters(query.filters)
    conditions.insert(0, f"{selector} IN ({', '.join('?' * len(selected))})")
    return " AND ".join(conditions), [*selected, *parameters]


def _reports(connection: sqlite3.Connection, table: tuple[str, str, str, str], selection: tuple[str, list[Any]],
             query: MetricQuery | FactQuery) -> list[tuple[Any, ReportValue]]:
    source, name_column, label_column, order_column = table
    where, parameters = _where(selection, query)
    key = COLUMNS[query.group_by] if query.group_by else "NULL"
    return [
        (group_key, ReportValue(record_id, organization, year, _region(province, city, county), name, value, label))
        for group_key, record_id, organization, year, province, city, county, name, value, label
        in connection.execute(
            f"SELECT {key}, r.id, r.organization, r.year, r.province, r.city, r.county, {name_column}, v.value,"
            f" {label_column} FROM {source} WHERE {where} ORDER BY r.id, {order_column}", parameters)]


def _region(province: str | None, city: str | None, county: str | None) -> dict[str, str]:
    return {level: name for level, name in (("province", province), ("city", city), ("county", county)) if name}
