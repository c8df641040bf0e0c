"""The one interface both index backends implement, and how a caller opens one.

The command line, the API and the tests only ever hold an `Index`: which backend sits behind it
(SQLite under the data directory, or Elasticsearch at `$NIANBAO_ES_URL`) is a deployment choice,
and one test suite runs against each, so they answer every query the same way.
"""
from __future__ import annotations

import os
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Iterable, Iterator

from indexer.query import (CoverageResult, FactQuery, Filters, MetricQuery, MetricResult, PutSummary, QueryError,
                           RegionNode, SearchQuery, SearchResult)

BACKENDS = ("sqlite", "elasticsearch")

__all__ = ["BACKENDS", "Index", "IndexUnavailable", "QueryError", "open_index"]


class IndexUnavailable(RuntimeError):
    """The index itself cannot be used (unreadable file, unreachable server): not the user's query."""


class Index(ABC):
    """Reports by id, searchable by text and filters, aggregatable by metric and fact.

    Writes are upserts by `id`: a record whose `source.fetched_at` is older than the stored one's
    is ignored (a re-crawl of an old copy must not undo a newer one), and writing the same record
    twice changes nothing.
    """

    backend: str

    @abstractmethod
    def put(self, records: Iterable[dict[str, Any]], progress: bool = False) -> PutSummary:
        """Upsert records; a bad record is counted in `errors` and never stops the others."""

    @abstractmethod
    def delete(self, ids: Iterable[str]) -> int:
        """Remove reports by id; returns how many existed."""

    @abstractmethod
    def get(self, record_id: str) -> dict[str, Any] | None:
        """The stored record, exactly as it was put, or None."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResult:
        """Ranked, filtered, paged hits with highlights, and facet counts over all matches."""

    @abstractmethod
    def metrics(self, query: MetricQuery) -> MetricResult:
        """Aggregates of metric values per group."""

    @abstractmethod
    def facts(self, query: FactQuery) -> MetricResult:
        """Aggregates of fact values per group."""

    @abstractmethod
    def coverage(self, filters: Filters) -> CoverageResult:
        """Organizations × years (the filters' year range, else the years present) with report ids."""

    @abstractmethod
    def regions(self, filters: Filters | None = None) -> list[RegionNode]:
        """Provinces › cities › counties with report counts, largest first."""

    @abstractmethod
    def records(self, filters: Filters | None = None) -> Iterator[dict[str, Any]]:
        """Every stored record the filters allow, in id order (for export)."""

    @abstractmethod
    def stats(self) -> dict[str, Any]:
        """Counts of reports, metric values and facts, the years covered, the backend and where it lives."""

    def close(self) -> None:
        """Release connections; the default holds none."""

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_index(data_dir: Path, backend: str = "sqlite", *, create: bool = True, es_url: str | None = None,
               es_name: str | None = None) -> Index:
    """Open (creating if needed) the index of a data directory, or the Elasticsearch one.

    `es_url` defaults to `$NIANBAO_ES_URL`, `es_name` (the alias every read and write goes
    through) to `$NIANBAO_ES_INDEX` or "nianbao", so every process pointed at one server shares
    one index unless told otherwise (the tests use a name of their own). With `create=False` a
    missing index is an error rather than a new empty one (for commands that only read).
    """
    if backend == "sqlite":
        from indexer.sqlite import SqliteIndex

        path = Path(data_dir) / "index.sqlite3"
        if not create and not path.exists():
            raise IndexUnavailable(f"{path}: no index here yet (run `nianbao index FILE...` first)")
        return SqliteIndex(path)
    if backend == "elasticsearch":
        url = es_url or os.environ.get("NIANBAO_ES_URL")
        if not url:
            raise IndexUnavailable("the elasticsearch backend needs a server: set NIANBAO_ES_URL")
        from indexer.elastic import ElasticIndex

        return ElasticIndex(url, es_name or os.environ.get("NIANBAO_ES_INDEX") or "nianbao", create=create)
    raise QueryError("backend", f"{backend!r} is not one of {', '.join(BACKENDS)}")
