"""Metric and fact aggregates as Elasticsearch aggregations.

Groups are a `composite` aggregation (paged, so grouping by organization is not capped, and
`missing_bucket` gives the group of reports without a value); inside each group, one `filter`
per metric (reports carrying the id, null included: `count`) holds a `stats` of its numeric
field (the non-null values: `count_nonnull`, sum, mean, min, max). Facts are nested documents,
so their filters sit under a `nested` aggregation and count facts, not reports.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

from elasticsearch.dsl import A, Q, Search

from indexer.aggregate import GroupRow, metric_result
from indexer.elastic.mapping import metric_field
from indexer.elastic.queries import filter_queries
from indexer.query import FactQuery, MetricQuery, MetricResult, ReportValue

GROUP_PAGE = 1000


def metrics(search: Search, scan: Callable[..., Iterator[dict[str, Any]]], query: MetricQuery) -> MetricResult:
    names = query.metrics
    selection = Q("bool", filter=[*filter_queries(query.filters), Q("terms", metric_ids=list(names))])

    def per_name() -> dict[str, A]:
        return {f"n{i}": A("filter", term={"metric_ids": name}, aggs={"stats": A("stats", field=metric_field(name))})
                for i, name in enumerate(names)}

    def values(record: dict[str, Any]) -> Iterator[tuple[str, Any, None]]:
        for name in names:
            if name in (record.get("metrics") or {}):
                yield name, record["metrics"][name], None

    return _aggregate(search, scan, query, selection, per_name, lambda bucket: bucket, values)


def facts(search: Search, scan: Callable[..., Iterator[dict[str, Any]]], query: FactQuery) -> MetricResult:
    types = query.types
    has_type = Q("nested", path="facts", query=Q("terms", **{"facts.type": list(types)}))
    selection = Q("bool", filter=[*filter_queries(query.filters), has_type])

    def per_name() -> dict[str, A]:
        return {"facts": A("nested", path="facts", aggs={
            f"n{i}": A("filter", term={"facts.type": name}, aggs={"stats": A("stats", field="facts.value")})
            for i, name in enumerate(types)})}

    def values(record: dict[str, Any]) -> Iterator[tuple[str, Any, Any]]:
        for fact in record.get("facts") or []:
            if fact.get("type") in types:
                yield fact["type"], fact.get("value"), fact.get("label")

    return _aggregate(search, scan, query, selection, per_name, lambda bucket: bucket["facts"], values)


def _aggregate(search: Search, scan: Callable[..., Iterator[dict[str, Any]]], query: MetricQuery | FactQuery,
               selection: Q, per_name: Callable[[], dict[str, A]], inner: Callable[[dict], dict],
               values: Callable[[dict[str, Any]], Iterator[tuple[str, Any, Any]]]) -> MetricResult:
    names = query.metrics if isinstance(query, MetricQuery) else query.types
    search = search.query(selection).extra(size=0)
    rows: list[GroupRow] = []
    if query.group_by is None:
        search.aggs.bucket("all", "filter", Q("match_all"), aggs=per_name())
        body = search.execute().to_dict()["aggregations"]["all"]
        rows += _rows(None, inner(body), names)
    else:
        after = None
        while True:
            composite = {"size": GROUP_PAGE, "sources": [{"key": {"terms": {"field": query.group_by,
                                                                            "missing_bucket": True}}}]}
            if after is not None:
                composite["after"] = after
            page = search.extra(track_total_hits=False)  # a copy: each page gets its own aggregation
            page.aggs.bucket("groups", "composite", **composite, aggs=per_name())
            groups = page.execute().to_dict()["aggregations"]["groups"]
            for bucket in groups["buckets"]:
                rows += _rows(bucket["key"]["key"], inner(bucket), names)
            after = groups.get("after_key")
            if len(groups["buckets"]) < GROUP_PAGE or after is None:
                break
    reports = None
    if query.reports:
        reports = []
        for document in scan(selection, ["id", "organization", "year", "province", "city", "county",
                                         "admin_level", "record.metrics", "record.facts"]):
            record = document.get("record") or {}
            region = {level: document[level] for level in ("province", "city", "county") if document.get(level)}
            key = document.get(query.group_by) if query.group_by else None
            for name, value, label in values(record):
                reports.append((key, ReportValue(document["id"], document.get("organization"), document.get("year"),
                                                 region, name, value, label)))
    return metric_result(names, query.group_by, query.aggs, rows, reports)


def _rows(key: Any, bucket: dict[str, Any], names: tuple[str, ...]) -> list[GroupRow]:
    rows = []
    for i, name in enumerate(names):
        found = bucket[f"n{i}"]
        if found["doc_count"] == 0:
            continue
        stats = found["stats"]
        rows.append(GroupRow(key, name, stats.get("sum"), stats.get("avg"), stats.get("min"), stats.get("max"),
                             found["doc_count"], stats.get("count", 0)))
    return rows
