"""Metric and fact aggregates, coverage and regions, checked against sums over the records."""
from __future__ import annotations

import statistics
from collections import defaultdict
from typing import Any

import pytest
from corpus import by_stem, dev_records

from extractor.catalog import catalog
from indexer.base import Index
from indexer.query import GROUP_BYS, FactQuery, Filters, MetricQuery, QueryError

METRICS = ("t3.new.total", "t2.normative_docs.made", "t2.procurement.amount_yuan", "t4.review.total",
           "t3.other.total", "t2.fees.amount_yuan")


def group_key(record: dict[str, Any], group_by: str | None) -> Any:
    if group_by in ("province", "city", "county"):
        return record["region"].get(group_by)
    return record.get(group_by) if group_by else None


def expected_aggregates(values: list[Any], present: int) -> dict[str, Any]:
    numbers = [v for v in values if v is not None]
    if not numbers:
        return {"sum": None, "mean": None, "min": None, "max": None, "count": present, "count_nonnull": 0}
    mean = statistics.fmean(numbers)
    return {"sum": sum(numbers), "mean": int(mean) if mean.is_integer() else round(mean, 6), "min": min(numbers),
            "max": max(numbers), "count": present, "count_nonnull": len(numbers)}


@pytest.mark.parametrize("group_by", [None, *GROUP_BYS])
def test_metric_aggregates_equal_sums_over_the_records(dev_index: Index, group_by: str | None) -> None:
    assert set(METRICS) <= catalog().metric_ids
    result = dev_index.metrics(MetricQuery(METRICS, group_by=group_by))
    groups: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for record in dev_records():
        if any(metric in record["metrics"] for metric in METRICS):
            groups[group_key(record, group_by)].append(record)
    assert [g.key for g in result.groups] == sorted(groups, key=lambda k: (k is None, "" if k is None else k))
    for group in result.groups:
        for metric in METRICS:
            carrying = [r for r in groups[group.key] if metric in r["metrics"]]
            expected = expected_aggregates([r["metrics"][metric] for r in carrying], len(carrying))
            assert group.values[metric] == expected, (group.key, metric)


def test_a_blank_cell_is_not_a_zero(dev_index: Index) -> None:
    """shanghai_office_2019 leaves its 总计 column blank for the outcome rows (gold NOTES.md)."""
    shanghai = by_stem(dev_records(), "shanghai_office_2019")
    assert shanghai["metrics"]["t3.granted.total"] is None
    result = dev_index.metrics(MetricQuery(("t3.granted.total",), Filters(organization=shanghai["organization"])))
    assert result.groups[0].values["t3.granted.total"] == {"sum": None, "mean": None, "min": None, "max": None,
                                                            "count": 1, "count_nonnull": 0}


def test_the_values_behind_each_group_are_listed(dev_index: Index) -> None:
    result = dev_index.metrics(MetricQuery(("t3.new.total",), Filters(year=2020), group_by="county", reports=True))
    listed = {report.id: report.value for group in result.groups for report in group.reports}
    assert listed == {r["id"]: r["metrics"]["t3.new.total"] for r in dev_records() if r["year"] == 2020}
    for group in result.groups:
        assert all(report.region.get("county") == group.key for report in group.reports)
        values = [report.value for report in group.reports if report.value is not None]
        assert group.values["t3.new.total"]["sum"] == (sum(values) if values else None)
    rows = list(result.report_rows())
    assert len(rows) == len(listed) and {"county", "id", "organization", "year", "metric", "value"} <= set(rows[0])


def test_aggregates_follow_the_filters(dev_index: Index) -> None:
    result = dev_index.metrics(MetricQuery(("t3.new.total",), Filters(province="上海市"), aggs=("sum", "count")))
    expected = sum(r["metrics"]["t3.new.total"] for r in dev_records() if r["region"].get("province") == "上海市")
    assert result.groups[0].values == {"t3.new.total": {"sum": expected, "count": 2}}
    assert result.to_json()["aggs"] == ["sum", "count"]
    assert list(result.rows()) == [{"group": None, "metric": "t3.new.total", "sum": expected, "count": 2}]


def test_a_query_with_no_matching_report_gives_an_empty_answer(dev_index: Index) -> None:
    ungrouped = dev_index.metrics(MetricQuery(("t3.new.total",), Filters(year=2001)))
    assert [g.to_json() for g in ungrouped.groups] == [{"key": None, "values": {"t3.new.total": {
        "sum": None, "mean": None, "min": None, "max": None, "count": 0, "count_nonnull": 0}}}]
    assert dev_index.metrics(MetricQuery(("t3.new.total",), Filters(year=2001), group_by="year")).groups == []


def test_fact_aggregates_equal_sums_over_the_facts(dev_index: Index) -> None:
    types = ("info_published_total", "policy_interpretations", "info_published_channel")
    result = dev_index.facts(FactQuery(types, group_by="year", reports=True))
    for group in result.groups:
        for fact_type in types:
            facts = [f for r in dev_records() if r["year"] == group.key for f in r["facts"] if f["type"] == fact_type]
            assert group.values[fact_type] == expected_aggregates([f["value"] for f in facts], len(facts))
    channels = {(report.id, report.label, report.value) for group in result.groups for report in group.reports
                if report.name == "info_published_channel"}
    assert channels == {(r["id"], f.get("label"), f["value"]) for r in dev_records() for f in r["facts"]
                        if f["type"] == "info_published_channel"}


def test_unknown_names_and_options_are_refused_naming_the_parameter() -> None:
    with pytest.raises(QueryError, match="^metric: unknown metric 't3.nope'"):
        MetricQuery(("t3.new.total", "t3.nope"))
    with pytest.raises(QueryError, match="^type: "):
        FactQuery(("bogus",))
    with pytest.raises(QueryError, match="^group_by: "):
        MetricQuery(("t3.new.total",), group_by="weekday")
    with pytest.raises(QueryError, match="^agg: "):
        MetricQuery(("t3.new.total",), aggs=("median",))


def test_coverage_lists_each_organizations_years(dev_index: Index) -> None:
    result = dev_index.coverage(Filters(province="上海市", year_from=2019, year_to=2024))
    assert result.years == [2019, 2020, 2021, 2022, 2023, 2024]
    found = {row.organization: {year: ids for year, ids in row.years.items()} for row in result.organizations}
    shanghai = [r for r in dev_records() if r["region"].get("province") == "上海市"]
    assert found == {r["organization"]: {r["year"]: [r["id"]]} for r in shanghai}
    row = next(iter(result.rows()))
    assert row["2019"] + row["2024"] == 1 and row["2021"] == 0


def test_coverage_without_a_range_shows_the_years_present(dev_index: Index) -> None:
    result = dev_index.coverage(Filters())
    assert result.years == sorted({r["year"] for r in dev_records()})
    assert sum(len(ids) for row in result.organizations for ids in row.years.values()) == len(dev_records())


def test_regions_count_reports_under_each_place(dev_index: Index) -> None:
    tree = {node.name: node for node in dev_index.regions()}
    records = dev_records()
    for province, node in tree.items():
        assert node.reports == sum(r["region"].get("province") == province for r in records)
        for city in node.children:
            assert city.reports == sum(r["region"].get("city") == city.name for r in records)
    assert {city.name: [(county.name, county.reports) for county in city.children]
            for city in tree["浙江省"].children} == {"温州市": [("洞头区", 1)], "舟山市": [("定海区", 1)]}
    assert tree[None].children == []  # two reports without a region: counted, no unnamed places below
