"""GET /api/search over the dev reports: matches, facets, filters, paging and sort."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.cli import main

from indexer.query import MAX_PAGE_SIZE


def search(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_every_hit_contains_the_words_and_highlights_them(client: TestClient,
                                                          dev_records: list[dict[str, Any]]) -> None:
    texts = {record["id"]: record["text"] for record in dev_records}
    result = search(client, q="行政复议", size=MAX_PAGE_SIZE)
    expected = {record_id for record_id, text in texts.items() if "行政复议" in text}
    assert {hit["id"] for hit in result["hits"]} == expected
    assert result["total"] == len(expected)
    for hit in result["hits"]:
        assert any("<em>" in fragment for fragment in hit["highlights"]), hit["id"]


def test_the_json_is_the_command_lines(client: TestClient, data_dir: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """`GET /api/search?...` and `nianbao search ... --json` answer the same query with the same JSON."""
    assert main(["search", "行政复议", "--data", str(data_dir), "--province", "上海市", "--size", "3", "--json"]) == 0
    assert search(client, q="行政复议", province="上海市", size=3) == json.loads(capsys.readouterr().out)


def test_facets_count_every_match(client: TestClient, dev_records: list[dict[str, Any]]) -> None:
    facets = search(client, size=0)["facets"]
    years = Counter(str(r["year"]) for r in dev_records if r["year"] is not None)
    assert facets["year"] == dict(years)
    provinces = Counter(r["region"].get("province") for r in dev_records if r["region"].get("province"))
    assert facets["province"] == dict(provinces)


def test_a_facet_value_filters_to_exactly_its_count(client: TestClient) -> None:
    facets = search(client, size=0)["facets"]
    for name in ("year", "province", "admin_level", "template"):
        for value, count in facets[name].items():
            hits = search(client, size=MAX_PAGE_SIZE, **{name: value})
            assert hits["total"] == count, (name, value)
            if name == "province":
                assert {hit["region"]["province"] for hit in hits["hits"]} == {value}


def test_year_range_and_failed_checks_filters(client: TestClient, dev_records: list[dict[str, Any]]) -> None:
    in_range = [r for r in dev_records if 2019 <= r["year"] <= 2020]
    assert search(client, year_from=2019, year_to=2020, size=0)["total"] == len(in_range)
    failing = [r for r in dev_records if any(not check["ok"] for check in r["checks"])]
    assert search(client, failed_checks="true", size=0)["total"] == len(failing)
    assert search(client, failed_checks="false", size=0)["total"] == len(dev_records) - len(failing)


def test_pages_cover_every_hit_once(client: TestClient, dev_records: list[dict[str, Any]]) -> None:
    seen: list[str] = []
    for page in range(1, len(dev_records) + 1):
        seen += [hit["id"] for hit in search(client, size=2, page=page, sort="year")["hits"]]
    assert sorted(seen) == sorted(record["id"] for record in dev_records)


def test_sort_by_year_descending(client: TestClient) -> None:
    years = [hit["year"] for hit in search(client, sort="-year", size=MAX_PAGE_SIZE)["hits"]]
    assert years == sorted(years, reverse=True)
