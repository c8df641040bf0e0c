"""One test suite, every backend: SQLite always, Elasticsearch when NIANBAO_ES_URL is set."""
from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path
from typing import Callable, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from corpus import dev_records  # noqa: E402

from indexer.base import Index  # noqa: E402

ES_URL = os.environ.get("NIANBAO_ES_URL")
ES_SKIP_REASON = "NIANBAO_ES_URL is not set: the Elasticsearch backend is not tested (start one: docker compose up elasticsearch)"


def pytest_report_header(config: pytest.Config) -> str:
    return f"index backends: sqlite, elasticsearch at {ES_URL}" if ES_URL else f"index backends: sqlite only ({ES_SKIP_REASON})"


def open_backend(backend: str, directory: Path) -> Index:
    if backend == "sqlite":
        from indexer.sqlite import SqliteIndex

        return SqliteIndex(directory / "index.sqlite3")
    if not ES_URL:
        pytest.skip(ES_SKIP_REASON)
    from indexer.elastic import ElasticIndex

    return ElasticIndex(ES_URL, f"nianbao-test-{uuid.uuid4().hex[:12]}", refresh="wait_for")


def _dispose(index: Index) -> None:
    drop = getattr(index, "drop", None)  # an Elasticsearch test index is removed from the server
    if drop:
        drop()
    index.close()


@pytest.fixture(params=["sqlite", "elasticsearch"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def make_index(backend: str, tmp_path: Path) -> Iterator[Callable[[], Index]]:
    """Opens fresh, empty indexes of the backend under test (several may share one directory)."""
    opened: list[Index] = []

    def make() -> Index:
        index = open_backend(backend, tmp_path / f"index{len(opened)}")
        opened.append(index)
        return index

    yield make
    for index in opened:
        _dispose(index)


@pytest.fixture(scope="module", params=["sqlite", "elasticsearch"])
def dev_index(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    """The nine dev records, indexed once per module and backend; tests must not write to it."""
    index = open_backend(request.param, tmp_path_factory.mktemp("dev"))
    summary = index.put(dev_records())
    assert summary.added == len(dev_records()) and not summary.errors
    yield index
    _dispose(index)
