"""format=csv and format=jsonl on every list endpoint: streamed, complete, the JSON's content."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi.testclient import TestClient

from api.export import csv_chunks, flatten
from extractor.catalog import catalog

NEW_TOTAL = f"t3.{catalog().t3_rows('2021')[0]}.{catalog().t3_column_ids[-1]}"


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_search_export_holds_every_match_not_one_page(client: TestClient,
                                                       dev_records: list[dict[str, Any]]) -> None:
    answer = client.get("/api/search", params={"format": "csv", "size": 2})
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="nianbao-search.csv"' in answer.headers["content-disposition"]
    rows = read_csv(answer.text)
    assert sorted(row["id"] for row in rows) == sorted(record["id"] for record in dev_records)
    by_id = {record["id"]: record for record in dev_records}
    for row in rows:
        record = by_id[row["id"]]
        assert row["organization"] == (record["organization"] or "")
        assert row["province"] == (record["region"].get("province") or "")


def test_search_jsonl_lines_are_the_json_hits(client: TestClient) -> None:
    params = {"q": "行政复议", "size": 100}
    hits = client.get("/api/search", params=params).json()["hits"]
    lines = client.get("/api/search", params=params | {"format": "jsonl"}).text.splitlines()
    assert [json.loads(line) for line in lines] == hits


def test_metrics_export_of_groups_and_of_report_values(client: TestClient) -> None:
    params = {"metric": NEW_TOTAL, "group_by": "year", "agg": ["sum", "max"]}
    result = client.get("/api/metrics", params=params).json()
    groups = read_csv(client.get("/api/metrics", params=params | {"format": "csv"}).text)
    assert list(groups[0]) == ["year", "metric", "sum", "max"]
    assert [(row["year"], float(row["sum"])) for row in groups] == \
        [(str(group["key"]), group["values"][NEW_TOTAL]["sum"]) for group in result["groups"]]
    values = read_csv(client.get("/api/metrics", params=params | {"format": "csv", "rows": "reports"}).text)
    assert len(values) == sum(len(group["reports"]) for group in result["groups"])


def test_coverage_and_regions_exports(client: TestClient) -> None:
    coverage = client.get("/api/coverage").json()
    rows = read_csv(client.get("/api/coverage", params={"format": "csv"}).text)
    assert len(rows) == len(coverage["organizations"])
    assert all(set(map(str, coverage["years"])) <= set(row) for row in rows)
    regions = client.get("/api/regions", params={"format": "jsonl"}).text.splitlines()
    assert all(json.loads(line)["level"] in ("province", "city", "county") for line in regions)


def test_facts_export(client: TestClient) -> None:
    lines = client.get("/api/facts", params={"type": "applications_received", "format": "jsonl"}).text.splitlines()
    assert lines and all("values" in json.loads(line) for line in lines)


def test_csv_keeps_the_header_shape_when_rows_differ() -> None:
    """Later rows with extra or missing fields never shift cells; nested values become dotted columns."""
    rows = [{"a": 1, "region": {"province": "江西省"}}, {"a": 2, "b": "extra"}, {"region": {"province": "浙江省"}}]
    text = "".join(csv_chunks(rows))
    assert read_csv(text) == [{"a": "1", "region.province": "江西省"}, {"a": "2", "region.province": ""},
                              {"a": "", "region.province": "浙江省"}]
    assert flatten({"items": ["一是", "二是"], "n": None}) == {"items": "一是；二是", "n": None}
