"""GET /api/reports/{id}, its stored original and the original's versions."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routes.deps import Settings
from crawler.store import FetchedDocument, RawStore
from extractor.pipeline import SourceInfo, extract_bytes
from indexer.base import open_index

REPORTS = Path(__file__).resolve().parents[2] / "samples" / "reports"


def test_the_whole_record_comes_back(client: TestClient, dev_records: list[dict[str, Any]]) -> None:
    for record in dev_records:
        answer = client.get(f"/api/reports/{record['id']}")
        assert answer.status_code == 200
        body = answer.json()
        for field in ("title", "organization", "year", "region", "template", "text", "metrics", "facts",
                      "problems", "measures", "checks", "warnings"):
            assert body[field] == record[field], (record["source"], field)


def test_an_unknown_id_is_a_404_naming_it(client: TestClient) -> None:
    answer = client.get("/api/reports/0000000000000000000000000000000000000000")
    assert answer.status_code == 404
    assert "0000000000000000000000000000000000000000" in answer.json()["detail"]


def test_a_report_from_a_local_file_has_no_stored_original(client: TestClient,
                                                           dev_records: list[dict[str, Any]]) -> None:
    record_id = dev_records[0]["id"]
    for path in (f"/api/reports/{record_id}/source", f"/api/reports/{record_id}/versions"):
        answer = client.get(path)
        assert answer.status_code == 404
        assert "no stored original" in answer.json()["detail"]


URL = "https://www.shanghai.gov.cn/nw12344/20200131/xxgknb2019.html"


@pytest.fixture
def crawled(tmp_path: Path) -> dict[str, Any]:
    """A portal page stored twice by the crawler's raw store (the portal fixed a typo in between).

    The page is GB18030 while the portal's header says UTF-8, as many real portals do; the
    record is extracted from the second version and indexed.
    """
    utf8_page = (REPORTS / "shanghai_office_2019.html").read_text(encoding="utf-8")
    page = ('<html><head><meta charset="gb2312"></head><body>' + utf8_page + "</body></html>")
    first = page.replace("2019年上海市", "2019年上海巿", 1).encode("gb18030")
    second = page.encode("gb18030")
    header = "text/html; charset=utf-8"
    with RawStore(tmp_path) as store:
        for body in (first, second):
            run = store.begin_run("shanghai")
            store.record_fetch(FetchedDocument(url=URL, portal="shanghai", role="report", body=body,
                                               content_type=header), run.id)
            store.finish_run(run.id)
    record = extract_bytes(second, URL, tagger="off",
                           source=SourceInfo(url=URL, fetched_at="2024-05-02T00:00:00+00:00"))
    assert not record.get("error"), record.get("error")
    with open_index(tmp_path, "sqlite") as index:
        index.put([record])
    with TestClient(create_app(Settings(data_dir=tmp_path))) as test_client:
        yield {"client": test_client, "id": record["id"], "first": first, "second": second}


def test_the_original_is_served_with_its_real_charset(crawled: dict[str, Any]) -> None:
    answer = crawled["client"].get(f"/api/reports/{crawled['id']}/source")
    assert answer.status_code == 200
    assert answer.content == crawled["second"]
    assert answer.headers["content-type"] == "text/html; charset=gb18030"
    assert answer.headers["content-security-policy"] == "sandbox"
    assert "上海市人民政府办公厅" in answer.text


def test_every_version_is_listed_and_served(crawled: dict[str, Any]) -> None:
    client = crawled["client"]
    versions = client.get(f"/api/reports/{crawled['id']}/versions").json()
    assert versions["url"] == URL
    assert [v["size"] for v in versions["versions"]] == [len(crawled["first"]), len(crawled["second"])]
    assert [v["current"] for v in versions["versions"]] == [False, True]
    older = versions["versions"][0]["sha256"]
    assert client.get(f"/api/reports/{crawled['id']}/source", params={"sha256": older}).content == crawled["first"]


def test_a_version_of_another_document_is_refused(crawled: dict[str, Any]) -> None:
    answer = crawled["client"].get(f"/api/reports/{crawled['id']}/source", params={"sha256": "a" * 64})
    assert answer.status_code == 404
    assert "sha256" in answer.json()["detail"]
    assert crawled["client"].get(f"/api/reports/{crawled['id']}/source", params={"sha256": "xyz"}).status_code == 422
