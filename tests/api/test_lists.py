"""GET /api/coverage, /api/regions, /healthz, the page's paths and the error shape."""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from api.routes.deps import Settings


def test_coverage_marks_who_published_which_year(client: TestClient, dev_records: list[dict[str, Any]]) -> None:
    result = client.get("/api/coverage").json()
    expected: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for record in dev_records:
        expected[record["organization"]][str(record["year"])].add(record["id"])
    assert result["years"] == sorted({record["year"] for record in dev_records})
    served = {row["organization"]: {year: set(ids) for year, ids in row["years"].items()}
              for row in result["organizations"]}
    assert served == {org: dict(years) for org, years in expected.items()}


def test_coverage_of_one_region(client: TestClient, dev_records: list[dict[str, Any]]) -> None:
    province = Counter(r["region"].get("province") for r in dev_records if r["region"].get("province")).most_common(1)[0][0]
    rows = client.get("/api/coverage", params={"province": province}).json()["organizations"]
    assert {row["organization"] for row in rows} == {r["organization"] for r in dev_records
                                                     if r["region"].get("province") == province}


def test_regions_count_reports_at_every_level(client: TestClient, dev_records: list[dict[str, Any]]) -> None:
    tree = client.get("/api/regions").json()
    provinces = Counter(r["region"].get("province") for r in dev_records if r["region"].get("province"))
    served = {node["name"]: node["reports"] for node in tree if node["name"]}
    assert served == dict(provinces)
    cities = Counter((r["region"].get("province"), r["region"].get("city")) for r in dev_records
                     if r["region"].get("city"))
    served_cities = {(node["name"], child["name"]): child["reports"] for node in tree
                     for child in node.get("children", []) if child["name"]}
    assert served_cities == dict(cities)


def test_health_counts_the_reports(client: TestClient, dev_records: list[dict[str, Any]]) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "backend": "sqlite", "reports": len(dev_records)}


def test_every_page_path_serves_the_page_and_docs_exist(client: TestClient) -> None:
    for path in ("/", "/search?q=公开", "/reports/abc", "/metrics", "/coverage"):
        answer = client.get(path)
        assert answer.status_code == 200 and "年报检索" in answer.text, path
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/docs").status_code == 200
    assert "/api/search" in client.get("/openapi.json").json()["paths"]


def test_errors_are_json_with_a_sentence(client: TestClient) -> None:
    cases = [
        ("/api/search?year=abc", 422, "'year'"),
        ("/api/search?size=1000", 422, "'size'"),
        ("/api/search?page=0", 422, "'page'"),
        ("/api/search?admin_level=village", 422, "'admin_level'"),
        ("/api/search?year_from=2022&year_to=2020", 422, "year_from"),
        ("/api/search?province=%20%20", 422, "province"),
        ("/api/coverage?year=1800", 422, "'year'"),
        ("/api/nothing", 404, "Not Found"),
    ]
    for path, status, named in cases:
        answer = client.get(path)
        assert answer.status_code == status, (path, answer.text)
        detail = answer.json()["detail"]
        assert isinstance(detail, str) and named in detail, (path, detail)


def test_an_unreadable_index_is_a_503_that_says_so(tmp_path: Path) -> None:
    (tmp_path / "index.sqlite3").write_bytes(b"this is not a database" * 100)
    with TestClient(create_app(Settings(data_dir=tmp_path))) as broken:
        for path in ("/healthz", "/api/search", "/api/regions"):
            answer = broken.get(path)
            assert answer.status_code == 503, path
            assert "index.sqlite3" in answer.json()["detail"]
        assert broken.get("/search").status_code == 200  # the page loads and shows the error
