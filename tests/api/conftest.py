"""The API under test: a real SQLite index built from the dev reports by the real extractor.

Every dev report in `samples/reports/` is extracted once per session (`extract_file`, the code
behind `nianbao extract`) and put into an embedded index; the app is the one `nianbao serve`
runs, pointed at that data directory. Expected values in the tests are computed from these
records in plain Python (or read from the gold), never copied from an API answer.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routes.deps import Settings
from extractor.pipeline import extract_file
from indexer.base import open_index

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "samples" / "reports"
GOLD = ROOT / "samples" / "gold"
ARTIFACTS = ROOT / "tests" / "artifacts"
ADMIN_TOKEN = "test-admin-token"


@pytest.fixture(scope="session")
def dev_records() -> list[dict[str, Any]]:
    records = [extract_file(path, tagger="off") for path in sorted(REPORTS.iterdir()) if path.is_file()]
    failed = [record["error"] for record in records if record.get("error")]
    assert not failed, f"the dev reports must extract: {failed}"
    return records


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory, dev_records: list[dict[str, Any]]) -> Path:
    directory = tmp_path_factory.mktemp("api-data")
    with open_index(directory, "sqlite") as index:
        summary = index.put(dev_records)
    assert summary.failed == 0, summary.errors
    return directory


@pytest.fixture(scope="session")
def client(data_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=data_dir, admin_token=ADMIN_TOKEN))) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def gold() -> Callable[[str], dict[str, Any]]:
    """The hand-checked gold of a dev report, by file stem."""
    def read(stem: str) -> dict[str, Any]:
        return json.loads((GOLD / f"{stem}.gold.json").read_text(encoding="utf-8"))
    return read
