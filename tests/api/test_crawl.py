"""POST /api/crawl and GET /api/crawl/status: admin only, configured portals only, a real recrawl.

The recrawl runs the real crawler against the portal simulator on 127.0.0.1, then extracts and
indexes what it stored; the crawled reports' originals are then served from the raw store.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from api.app import create_app
from api.commands.demo import LOCAL_CRAWL_SETTINGS
from api.routes.deps import Settings
from crawler.sim.server import PortalSimulator

TOKEN = "s3cret-admin"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CRAWL_TIMEOUT_S = 150


def test_crawling_is_closed_without_a_configured_token(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path))) as client:
        for answer in (client.post("/api/crawl", headers=AUTH), client.get("/api/crawl/status", headers=AUTH)):
            assert answer.status_code == 403
            assert "NIANBAO_ADMIN_TOKEN" in answer.json()["detail"]


def test_a_wrong_or_missing_token_is_refused(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path, admin_token=TOKEN))) as client:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
            answer = client.post("/api/crawl", headers=headers)
            assert answer.status_code == 401, headers
            assert "Authorization" in answer.json()["detail"]


def test_no_portals_configured_is_a_409(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path, admin_token=TOKEN))) as client:
        answer = client.post("/api/crawl", headers=AUTH)
        assert answer.status_code == 409
        assert "NIANBAO_PORTALS" in answer.json()["detail"]


@pytest.fixture
def portals_file(tmp_path: Path) -> Path:
    path = tmp_path / "portals.yaml"
    path.write_text(yaml.safe_dump([{"name": "configured", "start_urls": ["http://127.0.0.1:9/zwgk/"],
                                     "allowed_domains": ["127.0.0.1"]}]), encoding="utf-8")
    return path


def test_a_url_can_never_be_crawled_on_request(tmp_path: Path, portals_file: Path) -> None:
    settings = Settings(data_dir=tmp_path, admin_token=TOKEN, portals_file=portals_file)
    with TestClient(create_app(settings)) as client:
        for body in ({"url": "http://169.254.169.254/"}, {"only": "http://127.0.0.1:22/"},
                     {"start_urls": ["http://example.com/"]}):
            answer = client.post("/api/crawl", headers=AUTH, json=body)
            assert answer.status_code == 422, body
        unknown = client.post("/api/crawl", headers=AUTH, json={"only": "elsewhere"})
        assert unknown.status_code == 422
        assert "'only'" in unknown.json()["detail"] and "configured" in unknown.json()["detail"]
        assert client.get("/api/crawl/status", headers=AUTH).json()["state"] == "idle"


def wait_until_finished(client: TestClient) -> dict[str, Any]:
    deadline = time.monotonic() + CRAWL_TIMEOUT_S
    while time.monotonic() < deadline:
        status = client.get("/api/crawl/status", headers=AUTH).json()
        if status["state"] != "running":
            return status
        time.sleep(0.5)
    raise AssertionError(f"the recrawl did not finish in {CRAWL_TIMEOUT_S} s")


@pytest.mark.slow
def test_a_recrawl_fills_the_index_and_the_originals_are_served(tmp_path: Path) -> None:
    with PortalSimulator() as simulator:
        portals = tmp_path / "portals.yaml"
        portals.write_text(yaml.safe_dump([simulator.portal_entry("sim", region={"province": "江西省"})],
                                          allow_unicode=True), encoding="utf-8")
        settings = Settings(data_dir=tmp_path / "data", admin_token=TOKEN, portals_file=portals,
                            crawl_settings=LOCAL_CRAWL_SETTINGS)
        with TestClient(create_app(settings)) as client:
            started = client.post("/api/crawl", headers=AUTH, json={"only": "sim"})
            assert started.status_code == 202, started.text
            assert started.json()["state"] == "running"
            assert client.post("/api/crawl", headers=AUTH).status_code == 409  # one at a time
            status = wait_until_finished(client)
            assert status["state"] == "done", status
            added = status["report"]["indexing"]["added"]
            assert added > 0 and any("extracted" in line for line in status["progress"])

            hits = client.get("/api/search", params={"size": 100}).json()
            assert hits["total"] == added
            assert {hit["region"].get("province") for hit in hits["hits"]} == {"江西省"}
            crawled = client.get(f"/api/reports/{hits['hits'][0]['id']}").json()
            assert crawled["source"]["url"].startswith(simulator.url)
            original = client.get(f"/api/reports/{crawled['id']}/source")
            assert original.status_code == 200
            media = {"html": "text/html", "pdf": "application/pdf", "txt": "text/plain"}
            assert original.headers["content-type"].startswith(media.get(crawled["source"]["format"], ""))
            versions = client.get(f"/api/reports/{crawled['id']}/versions").json()["versions"]
            assert [v["current"] for v in versions] == [True]
