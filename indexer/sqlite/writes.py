"""Upserts and deletes of prepared reports, inside the caller's transaction.

A report keeps its row number (`doc`) across updates, so the full-text row, the metric rows and
the fact rows are always keyed the same; an update forgets the old full-text entry with the
exact terms it was indexed with, which a contentless FTS5 table requires. Every write also
counts the reports holding each term (`term_docs`), in the same transaction as the full-text
rows, so the counts are always those of the index a reader sees.
"""
from __future__ import annotations

import json
import sqlite3
import zlib
from collections import Counter
from typing import Any

from indexer.analysis import stream_of
from indexer.records import Prepared


def pack(value: str) -> bytes:
    return zlib.compress(value.encode("utf-8"), 1)  # level 1: most of the gain for a fraction of the time


def unpack(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


def load_record(blob: bytes) -> dict[str, Any]:
    return json.loads(unpack(blob))


def upsert(connection: sqlite3.Connection, report: Prepared, metric_codes: dict[str, int],
           term_changes: Counter[str]) -> str:
    """Store one report; returns "added", "updated", "unchanged" or "skipped_older".

    `term_changes` gathers the changes of the term counts, for `count_terms` once per batch.
    """
    existing = connection.execute("SELECT doc, version, content_hash FROM reports WHERE id = ?",
                                  (report.id,)).fetchone()
    if existing is not None:
        doc, version, stored_hash = existing
        if report.version < version:
            return "skipped_older"
        if stored_hash == report.content_hash:
            return "unchanged"
        _forget(connection, doc, term_changes)
    row = (report.id, report.version, report.content_hash, report.title, report.organization, report.admin_level,
           report.region.get("province"), report.region.get("city"), report.region.get("county"),
           report.year, report.template, report.failed_checks)
    if existing is None:
        doc = connection.execute(
            "INSERT INTO reports (id, version, content_hash, title, organization, admin_level, province, city,"
            " county, year, template, failed_checks) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", row).lastrowid
    else:
        connection.execute(
            "UPDATE reports SET id=?, version=?, content_hash=?, title=?, organization=?, admin_level=?,"
            " province=?, city=?, county=?, year=?, template=?, failed_checks=? WHERE doc=?", (*row, doc))
    connection.execute("INSERT OR REPLACE INTO report_blobs (doc, record, title_terms, organization_terms, spans)"
                       " VALUES (?,?,?,?,?)", (doc, pack(report.record_json), report.title_terms,
                                               report.organization_terms, report.text_spans))
    connection.execute("INSERT INTO fts (rowid, title, organization, body) VALUES (?,?,?,?)",
                       (doc, report.title_terms, report.organization_terms, report.text_terms))
    term_changes.update(_distinct_terms(report.title_terms, report.organization_terms, report.text_terms))
    connection.executemany("INSERT INTO metrics (metric, doc, value) VALUES (?,?,?)",
                           [(metric_codes[metric], doc, value)
                            for metric, value in report.metrics.items()])
    connection.executemany("INSERT INTO facts (doc, position, type, value, label) VALUES (?,?,?,?,?)",
                           [(doc, position, fact["type"], fact.get("value"), fact.get("label"))
                            for position, fact in enumerate(report.facts)])
    return "added" if existing is None else "updated"


def delete(connection: sqlite3.Connection, record_id: str, term_changes: Counter[str]) -> bool:
    row = connection.execute("SELECT doc FROM reports WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        return False
    _forget(connection, row[0], term_changes)
    connection.execute("DELETE FROM report_blobs WHERE doc = ?", (row[0],))
    connection.execute("DELETE FROM reports WHERE doc = ?", (row[0],))
    return True


def _forget(connection: sqlite3.Connection, doc: int, term_changes: Counter[str]) -> None:
    """Remove everything derived from a report, leaving its `reports` row."""
    record, title, organization, spans = connection.execute(
        "SELECT record, title_terms, organization_terms, spans FROM report_blobs WHERE doc = ?", (doc,)).fetchone()
    body = stream_of(load_record(record).get("text") or "", spans)
    connection.execute("INSERT INTO fts (fts, rowid, title, organization, body) VALUES ('delete', ?, ?, ?, ?)",
                       (doc, title, organization, body))
    term_changes.subtract(_distinct_terms(title, organization, body))
    # every metric code, so the primary key (metric, doc) finds the rows without an index on doc
    connection.execute("DELETE FROM metrics WHERE metric IN (SELECT code FROM metric_names) AND doc = ?", (doc,))
    connection.execute("DELETE FROM facts WHERE doc = ?", (doc,))


def _distinct_terms(title: str, organization: str, body: str) -> set[str]:
    return set(body.split()).union(title.split(), organization.split())


def count_terms(connection: sqlite3.Connection, term_changes: Counter[str]) -> None:
    """Apply a batch's changes to the count of reports holding each term; a term held by none goes."""
    connection.executemany(
        "INSERT INTO term_docs (term, docs) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs",
        [(term, change) for term, change in term_changes.items() if change])
    connection.executemany("DELETE FROM term_docs WHERE term = ? AND docs <= 0",
                           [(term,) for term, change in term_changes.items() if change < 0])


def term_docs(connection: sqlite3.Connection, terms: list[str]) -> dict[str, int]:
    """How many reports hold each of `terms` (0 for a term none holds)."""
    found = dict(connection.execute(f"SELECT term, docs FROM term_docs WHERE term IN ({', '.join('?' * len(terms))})",
                                    terms)) if terms else {}
    return {term: found.get(term, 0) for term in terms}


def next_generation(connection: sqlite3.Connection) -> None:
    """Count a write transaction, so readers in any process know their cached columns are stale."""
    connection.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")


def generation(connection: sqlite3.Connection) -> int:
    (value,) = connection.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(value)
