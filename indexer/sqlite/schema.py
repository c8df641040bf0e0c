"""The tables of the embedded index and how a connection to them is opened.

Records are stored whole (zlib-compressed JSON, returned exactly as they were put) in a table of
their own, so that the `reports` table of the fields people filter and group by stays small
enough to scan; metric values and facts are rows of ordinary tables, aggregated by metric or
type. The full-text table is contentless (FTS5 `content=''`): it keeps only its inverted index
of the jieba terms. A contentless table can only forget a row when given the exact terms it was
indexed with: the title's and organization's are kept as they are, and the text's are read back
from the stored text through its token spans (which also serve highlighting), so the largest
stream is never stored twice. `term_docs` counts the reports holding each term, which FTS5
keeps nowhere (it counts them by reading the term's whole list): ranking and matching read it
to tell the terms nearly every report holds (see `search.py`).
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from extractor.catalog import catalog

SCHEMA_VERSION = "2"  # 2: token spans instead of stored terms, term_docs, failed check counts

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    title TEXT, organization TEXT, admin_level TEXT,
    province TEXT, city TEXT, county TEXT,
    year INTEGER, template TEXT,
    failed_checks INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS report_blobs (
    doc INTEGER PRIMARY KEY,
    record BLOB NOT NULL,
    title_terms TEXT NOT NULL,
    organization_terms TEXT NOT NULL,
    spans BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_year ON reports (year);
CREATE INDEX IF NOT EXISTS reports_region ON reports (province, city, county);
CREATE INDEX IF NOT EXISTS reports_city ON reports (city);
CREATE INDEX IF NOT EXISTS reports_county ON reports (county);
CREATE INDEX IF NOT EXISTS reports_admin_level ON reports (admin_level);
CREATE INDEX IF NOT EXISTS reports_template ON reports (template);
CREATE INDEX IF NOT EXISTS reports_organization ON reports (organization, year);
CREATE TABLE IF NOT EXISTS metric_names (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS metrics (
    metric INTEGER NOT NULL REFERENCES metric_names (code),
    doc INTEGER NOT NULL,
    value NUMERIC,
    PRIMARY KEY (metric, doc)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facts (
    doc INTEGER NOT NULL,
    position INTEGER NOT NULL,
    type TEXT NOT NULL,
    value NUMERIC,
    label TEXT,
    PRIMARY KEY (doc, position)
);
CREATE INDEX IF NOT EXISTS facts_type ON facts (type);
CREATE TABLE IF NOT EXISTS term_docs (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5 (
    title, organization, body, content = '', tokenize = 'unicode61 remove_diacritics 0'
);
"""


class SchemaMismatch(RuntimeError):
    pass


def connect(path: Path) -> sqlite3.Connection:
    """A connection in WAL mode (readers never block the writer), the schema created if missing.

    Raises sqlite3.DatabaseError for a file that is not an index; the caller names the path.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA busy_timeout = 30000")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA cache_size = -65536")
    with transaction(connection):
        for statement in SCHEMA.split(";"):
            if statement.strip():
                connection.execute(statement)
        stored = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if stored is None:
            connection.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        elif stored[0] != SCHEMA_VERSION:
            raise SchemaMismatch(f"schema version {stored[0]}, this program reads version {SCHEMA_VERSION}")
        connection.execute("INSERT OR IGNORE INTO meta VALUES ('generation', '0')")
        connection.executemany("INSERT OR IGNORE INTO metric_names (name) VALUES (?)",
                               [(metric_id,) for metric_id in sorted(catalog().metric_ids)])
    return connection


def metric_codes(connection: sqlite3.Connection) -> dict[str, int]:
    """Metric id -> the small integer its values are stored under (ids repeat in every report)."""
    return dict(connection.execute("SELECT name, code FROM metric_names"))


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """`BEGIN IMMEDIATE` … `COMMIT`, or `ROLLBACK` on any exception: all of a batch or none of it."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
