"""Upserts and deletes of prepared reports, inside the caller's transaction.

A report keeps its row number (`doc`) across updates, so the full-text row, the metric rows and
the fact rows are always keyed the same; an update forgets the old full-text entry with the
exact terms it was indexed with, which a contentless FTS5 table requires.
"""
from __future__ import annotations

import json
import sqlite3
import zlib
from typing import Any

from indexer.records import Prepared

_TERM_SEPARATOR = "\x1f"


def pack(value: str) -> bytes:
    return zlib.compress(value.encode("utf-8"), 1)  # level 1: most of the gain for a fraction of the time


def unpack(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


def load_record(blob: bytes) -> dict[str, Any]:
    return json.loads(unpack(blob))


def upsert(connection: sqlite3.Connection, report: Prepared, metric_codes: dict[str, int]) -> str:
    """Store one report; returns "added", "updated", "unchanged" or "skipped_older"."""
    existing = connection.execute("SELECT doc, version, content_hash FROM reports WHERE id = ?",
                                  (report.id,)).fetchone()
    if existing is not None:
        doc, version, stored_hash = existing
        if report.version < version:
            return "skipped_older"
        if stored_hash == report.content_hash:
            return "unchanged"
        _forget(connection, doc)
    row = (report.id, report.version, report.content_hash, report.title, report.organization, report.admin_level,
           report.region.get("province"), report.region.get("city"), report.region.get("county"),
           report.year, report.template, int(report.failed_checks))
    if existing is None:
        doc = connection.execute(
            "INSERT INTO reports (id, version, content_hash, title, organization, admin_level, province, city,"
            " county, year, template, failed_checks) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", row).lastrowid
    else:
        connection.execute(
            "UPDATE reports SET id=?, version=?, content_hash=?, title=?, organization=?, admin_level=?,"
            " province=?, city=?, county=?, year=?, template=?, failed_checks=? WHERE doc=?", (*row, doc))
    terms = _TERM_SEPARATOR.join((report.title_terms, report.organization_terms, report.text_terms))
    connection.execute("INSERT OR REPLACE INTO report_blobs (doc, record, terms, spans) VALUES (?,?,?,?)",
                       (doc, pack(report.record_json), pack(terms), report.text_spans))
    connection.execute("INSERT INTO fts (rowid, title, organization, body) VALUES (?,?,?,?)",
                       (doc, report.title_terms, report.organization_terms, report.text_terms))
    connection.executemany("INSERT INTO metrics (metric, doc, value) VALUES (?,?,?)",
                           [(metric_codes[metric], doc, value)
                            for metric, value in report.metrics.items()])
    connection.executemany("INSERT INTO facts (doc, position, type, value, label) VALUES (?,?,?,?,?)",
                           [(doc, position, fact["type"], fact.get("value"), fact.get("label"))
                            for position, fact in enumerate(report.facts)])
    connection.executemany("INSERT INTO items (doc, kind, position, text) VALUES (?,?,?,?)",
                           [(doc, kind, position, str(text))
                            for kind in ("problems", "measures")
                            for position, text in enumerate(report.record.get(kind) or [])])
    return "added" if existing is None else "updated"


def delete(connection: sqlite3.Connection, record_id: str) -> bool:
    row = connection.execute("SELECT doc FROM reports WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        return False
    _forget(connection, row[0])
    connection.execute("DELETE FROM report_blobs WHERE doc = ?", (row[0],))
    connection.execute("DELETE FROM reports WHERE doc = ?", (row[0],))
    return True


def _forget(connection: sqlite3.Connection, doc: int) -> None:
    """Remove everything derived from a report, leaving its `reports` row."""
    (blob,) = connection.execute("SELECT terms FROM report_blobs WHERE doc = ?", (doc,)).fetchone()
    title, organization, body = unpack(blob).split(_TERM_SEPARATOR)
    connection.execute("INSERT INTO fts (fts, rowid, title, organization, body) VALUES ('delete', ?, ?, ?, ?)",
                       (doc, title, organization, body))
    for table in ("metrics", "facts", "items"):
        connection.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))


def next_generation(connection: sqlite3.Connection) -> None:
    """Count a write transaction, so readers in any process know their cached columns are stale."""
    connection.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")


def generation(connection: sqlite3.Connection) -> int:
    (value,) = connection.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(value)
