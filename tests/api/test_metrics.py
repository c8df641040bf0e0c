"""GET /api/metrics, /api/facts and /api/metrics/catalog over the dev reports."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.cli import main

from api.routes.catalog import template_label
from extractor.catalog import Metric, catalog

# 一、本年新收政府信息公开申请数量 · 总计: the first row of table 3, its last column
NEW_TOTAL = f"t3.{catalog().t3_rows('2021')[0]}.{catalog().t3_column_ids[-1]}"


def values_by(records: list[dict[str, Any]], key: str, metric: str) -> dict[Any, list[float]]:
    groups: dict[Any, list[float]] = defaultdict(list)
    for record in records:
        value = record["metrics"].get(metric)
        if value is not None:
            groups[record[key]].append(value)
    return groups


def test_sums_per_year_are_the_records_sums(client: TestClient, dev_records: list[dict[str, Any]]) -> None:
    answer = client.get("/api/metrics", params={"metric": NEW_TOTAL, "group_by": "year"})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    expected = values_by(dev_records, "year", NEW_TOTAL)
    served = {group["key"]: group["values"][NEW_TOTAL] for group in result["groups"]}
    for year, values in expected.items():
        assert served[year]["sum"] == sum(values)
        assert served[year]["max"] == max(values)
        assert served[year]["count_nonnull"] == len(values)


def test_the_json_is_the_command_lines(client: TestClient, data_dir: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """`GET /api/metrics?...` and `nianbao metrics ... --json` answer with the same JSON."""
    assert main(["metrics", NEW_TOTAL, "--data", str(data_dir), "--group-by", "admin_level", "--reports",
                 "--json"]) == 0
    served = client.get("/api/metrics", params={"metric": NEW_TOTAL, "group_by": "admin_level"}).json()
    assert served == json.loads(capsys.readouterr().out)


def test_the_values_behind_each_group_are_the_reports(client: TestClient,
                                                      dev_records: list[dict[str, Any]]) -> None:
    result = client.get("/api/metrics", params={"metric": NEW_TOTAL, "group_by": "province"}).json()
    by_id = {record["id"]: record for record in dev_records}
    for group in result["groups"]:
        for report in group["reports"]:
            record = by_id[report["id"]]
            assert record["metrics"][NEW_TOTAL] == report["value"]
            assert record["region"].get("province") == group["key"]


def test_chosen_aggregates_only_and_no_reports(client: TestClient) -> None:
    result = client.get("/api/metrics", params=[("metric", NEW_TOTAL), ("agg", "sum"), ("agg", "max"),
                                                 ("reports", "false")]).json()
    assert result["aggs"] == ["sum", "max"]
    assert all(set(group["values"][NEW_TOTAL]) == {"sum", "max"} for group in result["groups"])
    assert all("reports" not in group for group in result["groups"])


def test_bad_parameters_are_named(client: TestClient) -> None:
    cases = {
        "metric": {},
        "group_by": {"metric": NEW_TOTAL, "group_by": "planet"},
        "agg": {"metric": NEW_TOTAL, "agg": "median"},
    }
    for name, params in cases.items():
        answer = client.get("/api/metrics", params=params)
        assert answer.status_code == 422, (name, answer.text)
        assert f"'{name}'" in answer.json()["detail"]
    unknown = client.get("/api/metrics", params={"metric": "t9.nothing"})
    assert unknown.status_code == 422
    assert unknown.json()["detail"].startswith("metric:") and "t9.nothing" in unknown.json()["detail"]


def test_facts_are_aggregated_like_metrics(client: TestClient, dev_records: list[dict[str, Any]]) -> None:
    fact_type = "applications_received"
    expected: dict[int, list[float]] = defaultdict(list)
    for record in dev_records:
        expected[record["year"]] += [f["value"] for f in record["facts"] if f["type"] == fact_type
                                     and f["value"] is not None]
    result = client.get("/api/facts", params={"type": fact_type, "group_by": "year"}).json()
    served = {group["key"]: group["values"][fact_type] for group in result["groups"]}
    for year, values in expected.items():
        if values:
            assert served[year]["sum"] == sum(values)
    assert client.get("/api/facts", params={"type": "weather"}).status_code == 422


def test_the_catalog_lists_every_metric_with_its_chinese_label(client: TestClient) -> None:
    served = client.get("/api/metrics/catalog").json()
    known = catalog().all_metrics()
    assert [m["id"] for m in served["metrics"]] == [m.id for m in known]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m["label"]) for m in served["metrics"])
    assert {f["type"] for f in served["fact_types"]} == {f.type for f in catalog().fact_types}


def test_layouts_follow_each_templates_table(client: TestClient) -> None:
    layouts = client.get("/api/metrics/catalog").json()["layouts"]
    ids = catalog().metric_ids
    for template, tables in layouts.items():
        for table, layout in tables.items():
            for row, columns in layout["cells"].items():
                assert all(f"t{table}.{row}.{column}" in ids for column in columns), (template, table, row)
    rows_2019 = [row for row, _ in layouts["2019"]["3"]["rows"]]
    rows_2021 = [row for row, _ in layouts["2021"]["3"]["rows"]]
    assert "other" in rows_2019 and "other.no_fee" not in rows_2019
    assert "other" not in rows_2021 and "other.no_fee" in rows_2021
    assert dict(layouts["2021"]["2"]["rows"])["normative_docs"] == "行政规范性文件"
    assert dict(layouts["2019"]["2"]["rows"])["normative_docs"] == "规范性文件"


def test_template_label_picks_the_variant_of_the_template() -> None:
    tagged = Metric("t2.x.y", 2, "甲事项 (2019) / 乙事项 (2021) · 数量（单位：万元）, stored in yuan", ("2019", "2021"), "元")
    assert template_label(tagged, "2019") == ("甲事项", "数量")
    assert template_label(tagged, "2021") == ("乙事项", "数量")
    in_order = Metric("t2.x.z", 2, "丙 · 决定数 / 本年决定数", ("2019", "2021"), "件")
    assert template_label(in_order, "2019") == ("丙", "决定数")
    assert template_label(in_order, "2021") == ("丙", "本年决定数")
    single = Metric("t2.x.w", 2, "丁 · 上一年项目数量", ("2019",), "件")
    assert template_label(single, "2019") == ("丁", "上一年项目数量")
