"""The embedded backend: one SQLite file (WAL mode) under the data directory."""
from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from indexer.analysis import Analysis, analyze
from indexer.base import Index, IndexUnavailable
from indexer.query import (CoverageResult, FactQuery, Filters, MetricQuery, MetricResult, PutSummary, RegionNode,
                           SearchQuery, SearchResult)
from indexer.records import prepared_batches
from indexer.sqlite import aggregates, search, writes
from indexer.sqlite.columns import Columns
from indexer.sqlite.schema import SchemaMismatch, connect, metric_codes, transaction
from indexer.sqlite.sql import where_filters
from indexer.summaries import coverage_result, region_tree

BATCH = 200  # records per transaction: a crash loses at most the batch in flight, never half of one


class SqliteIndex(Index):
    backend = "sqlite"

    def __init__(self, path: Path, segment: Callable[[str], Analysis] = analyze, batch_size: int = BATCH,
                 small_index: int = search.SMALL_INDEX):
        self.path = Path(path)
        self.batch_size = batch_size
        self.small_index = small_index  # see indexer.sqlite.search
        self._segment = segment  # the benchmark passes a memoised one
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._codes = metric_codes(self._connection())
        self._columns_cache: tuple[int, Columns] | None = None  # shared by the threads, see _snapshot

    def _connection(self) -> sqlite3.Connection:
        """One connection per thread (the API serves requests from several)."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            try:
                connection = connect(self.path)
            except (sqlite3.DatabaseError, SchemaMismatch) as exc:
                raise IndexUnavailable(f"{self.path}: not a readable nianbao index: {exc}") from exc
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection

    @contextmanager
    def _snapshot(self) -> Iterator[tuple[sqlite3.Connection, Columns]]:
        """One read transaction, and the in-memory columns of the commit it reads.

        Every statement of a query then sees one state of the index, the columns included (they
        are read again when any process committed a write since they were read).
        """
        connection = self._connection()
        connection.execute("BEGIN")
        try:
            generation = writes.generation(connection)
            with self._lock:
                if self._columns_cache is None or self._columns_cache[0] != generation:
                    self._columns_cache = (generation, Columns(connection))
                columns = self._columns_cache[1]
            yield connection, columns
        finally:
            connection.execute("COMMIT")

    def put(self, records: Iterable[dict[str, Any]], progress: bool = False) -> PutSummary:
        summary = PutSummary()
        connection = self._connection()
        for prepared in prepared_batches(records, self.batch_size, self._segment, summary.errors, progress):
            term_changes: Counter[str] = Counter()
            with transaction(connection):
                outcomes = [writes.upsert(connection, report, self._codes, term_changes) for report in prepared]
                writes.count_terms(connection, term_changes)
                writes.next_generation(connection)
            for outcome in outcomes:
                setattr(summary, outcome, getattr(summary, outcome) + 1)
        return summary

    def delete(self, ids: Iterable[str]) -> int:
        connection = self._connection()
        term_changes: Counter[str] = Counter()
        with transaction(connection):
            deleted = sum(writes.delete(connection, record_id, term_changes) for record_id in ids)
            writes.count_terms(connection, term_changes)
            writes.next_generation(connection)
        return deleted

    def get(self, record_id: str) -> dict[str, Any] | None:
        row = self._connection().execute("SELECT b.record FROM reports r JOIN report_blobs b ON b.doc = r.doc"
                                         " WHERE r.id = ?", (record_id,)).fetchone()
        return writes.load_record(row[0]) if row else None

    def search(self, query: SearchQuery) -> SearchResult:
        with self._snapshot() as (connection, columns):
            return search.search(connection, columns, query, self.small_index)

    def metrics(self, query: MetricQuery) -> MetricResult:
        with self._snapshot() as (connection, columns):
            return aggregates.metrics(connection, columns, query, self._codes)

    def facts(self, query: FactQuery) -> MetricResult:
        return aggregates.facts(self._connection(), query)

    def coverage(self, filters: Filters) -> CoverageResult:
        where, parameters = self._where(filters, "r.year IS NOT NULL")
        rows = self._connection().execute(
            f"SELECT r.organization, r.province, r.city, r.county, r.admin_level, r.year, r.id FROM reports r"
            f" WHERE {where} ORDER BY r.id", parameters)
        return coverage_result(filters, rows)

    def regions(self, filters: Filters | None = None) -> list[RegionNode]:
        where, parameters = self._where(filters or Filters())
        rows = self._connection().execute(
            f"SELECT r.province, r.city, r.county, count(*) FROM reports r WHERE {where} GROUP BY 1, 2, 3",
            parameters)
        return region_tree(rows)

    def records(self, filters: Filters | None = None) -> Iterator[dict[str, Any]]:
        where, parameters = self._where(filters or Filters())
        for (blob,) in self._connection().execute(
                f"SELECT b.record FROM reports r JOIN report_blobs b ON b.doc = r.doc WHERE {where} ORDER BY r.id",
                parameters):
            yield writes.load_record(blob)

    def stats(self) -> dict[str, Any]:
        connection = self._connection()
        reports, first, last = connection.execute("SELECT count(*), min(year), max(year) FROM reports").fetchone()
        (metric_values,) = connection.execute("SELECT count(value) FROM metrics").fetchone()
        (facts,) = connection.execute("SELECT count(*) FROM facts").fetchone()
        return {"backend": self.backend, "location": str(self.path), "reports": reports,
                "metric_values": metric_values, "facts": facts, "year_from": first, "year_to": last}

    @staticmethod
    def _where(filters: Filters, *extra: str) -> tuple[str, list[Any]]:
        conditions, parameters = where_filters(filters)
        return " AND ".join([*extra, *conditions]) or "1", parameters

    def close(self) -> None:
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self._local = threading.local()
