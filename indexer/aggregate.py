"""Aggregate rows from either backend shaped into one `MetricResult`.

SQLite returns integers where Elasticsearch returns doubles, and an empty `sum` is NULL in one
and 0 in the other; both hand their raw group rows to this module, which fixes one answer:
integral values as integers, and no sum/mean/min/max over a group without a single number
(a blank cell is not a zero).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from indexer.query import AGGREGATES, MetricGroup, MetricResult, ReportValue

_STATISTICS = ("sum", "mean", "min", "max")


@dataclass(frozen=True)
class GroupRow:
    """The raw aggregates of one metric (or fact type) in one group."""

    key: str | int | None
    name: str
    sum: float | None
    mean: float | None
    min: float | None
    max: float | None
    count: int
    count_nonnull: int


def tidy_number(value: float | int | None) -> float | int | None:
    """An integral value as an int, any other rounded to 6 decimals (both backends alike)."""
    if value is None:
        return None
    if float(value).is_integer():
        return int(value)
    return round(float(value), 6)


def metric_result(names: Iterable[str], group_by: str | None, aggs: Iterable[str], rows: Iterable[GroupRow],
                  reports: Iterable[tuple[str | int | None, ReportValue]] | None = None) -> MetricResult:
    """Groups ordered by key (unknown last), each listing every name, even where it has no values.

    `reports` are the per-report values with the key of their group.
    """
    names, aggs = list(names), [a for a in AGGREGATES if a in set(aggs)]
    by_key: dict[str | int | None, MetricGroup] = {}
    for row in rows:
        group = by_key.setdefault(row.key, MetricGroup(row.key, {}))
        has_numbers = row.count_nonnull > 0
        raw = {"sum": row.sum, "mean": row.mean, "min": row.min, "max": row.max,
               "count": row.count, "count_nonnull": row.count_nonnull}
        group.values[row.name] = {agg: (tidy_number(raw[agg]) if has_numbers or agg not in _STATISTICS else None)
                                  for agg in aggs}
    if group_by is None and not by_key:
        by_key[None] = MetricGroup(None, {})
    empty = {agg: (0 if agg not in _STATISTICS else None) for agg in aggs}
    for group in by_key.values():
        group.values = {name: group.values.get(name, dict(empty)) for name in names}
    if reports is not None:
        for group in by_key.values():
            group.reports = []
        for key, report in reports:
            if key in by_key:
                by_key[key].reports.append(report)
        for group in by_key.values():  # one order for both backends; stable, so a report's facts keep theirs
            group.reports.sort(key=lambda r: (r.year is None, r.year or 0, r.id, names.index(r.name)))
    ordered = sorted(by_key.values(), key=lambda g: (g.key is None, str(type(g.key)), g.key if g.key is not None else 0))
    return MetricResult(names, group_by, aggs, ordered)
