"""The raw store: every fetched document's bytes, content-addressed, and a SQLite catalog.

Portals silently replace reports (corrections, re-uploads), so the store keeps every version and
never overwrites or deletes: a blob is written once under its sha256 and a changed document adds a
row to `versions`. The catalog is also the crawler's memory between runs (validators for
conditional requests, which run last saw a document) and within an interrupted run (what was
already stored, so a resumed run fetches nothing twice). Blobs are written before the catalog row
that names them, so a kill between the two leaves an unreferenced blob, never a dangling row.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Literal

Outcome = Literal["new", "changed", "unchanged"]
DOCUMENT_ROLES = ("report", "wrapper", "attachment")  # wrapper: a page whose report is its attachments

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    portal TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,              -- NULL while running or after an interruption: the next run resumes it
    resumed INTEGER NOT NULL DEFAULT 0,
    pages_seen INTEGER NOT NULL DEFAULT 0,
    bytes_downloaded INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS documents (
    url TEXT PRIMARY KEY,
    portal TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('report', 'wrapper', 'attachment')),
    title TEXT,
    published TEXT,
    referer TEXT,
    etag TEXT,
    last_modified TEXT,
    sha256 TEXT NOT NULL,          -- the current version
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,       -- last time the portal served it (200 or 304)
    last_status TEXT NOT NULL,     -- of the last attempt: 200, 304, 404, blocked, timeout...
    last_run INTEGER NOT NULL REFERENCES runs(id)
);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL REFERENCES documents(url),
    number INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    content_type TEXT,
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    processed_at TEXT,             -- when a later stage (extract + index) consumed this version
    process_error TEXT,
    UNIQUE (url, number)
);
CREATE INDEX IF NOT EXISTS versions_run ON versions(run_id);
CREATE INDEX IF NOT EXISTS versions_pending ON versions(processed_at);
CREATE INDEX IF NOT EXISTS documents_last_run ON documents(last_run);
CREATE TABLE IF NOT EXISTS failures (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    url TEXT NOT NULL,
    reason TEXT NOT NULL,
    blocked INTEGER NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (run_id, url)
);
"""


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Run:
    id: int
    portal: str
    resumed: bool


@dataclass(frozen=True)
class StoredDocument:
    url: str
    portal: str
    role: str
    title: str | None
    published: str | None
    etag: str | None
    last_modified: str | None
    sha256: str
    content_type: str | None
    last_status: str
    last_run: int


@dataclass(frozen=True)
class FetchedDocument:
    """One document as the portal served it (a 200 with its body)."""

    url: str
    portal: str
    role: str
    body: bytes
    title: str | None = None
    published: str | None = None
    referer: str | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Version:
    id: int
    url: str
    number: int
    sha256: str
    size: int
    content_type: str | None
    fetched_at: str
    run_id: int
    portal: str
    role: str
    title: str | None
    published: str | None
    processed_at: str | None
    process_error: str | None


@dataclass(frozen=True)
class RunCounts:
    reports: int
    attachments: int
    new: int
    changed: int
    unchanged: int
    failed: int
    blocked: int
    pages_seen: int
    bytes_downloaded: int
    failures: list[dict[str, str]]


class RawStore:
    """Blobs under `DIR/raw/blobs/ab/<sha256>`, the catalog in `DIR/raw/catalog.sqlite`."""

    def __init__(self, data_dir: Path):
        self.root = Path(data_dir) / "raw"
        self.blob_dir = self.root / "blobs"
        try:
            self.blob_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OSError(f"{self.blob_dir}: cannot create the raw store: {exc.strerror or exc}") from exc
        self.catalog_path = self.root / "catalog.sqlite"
        # One owner uses a store at a time, but not always from one thread: a web framework may
        # open it in one worker thread and close it in another, so the thread check is off.
        self.db = sqlite3.connect(self.catalog_path, timeout=30, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> RawStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- runs ------------------------------------------------------------------------------------
    def begin_run(self, portal: str) -> Run:
        """Resume the portal's interrupted run if there is one, else start a new run."""
        row = self.db.execute("SELECT id, finished_at FROM runs WHERE portal = ? ORDER BY id DESC LIMIT 1",
                              (portal,)).fetchone()
        with self.db:
            if row is not None and row["finished_at"] is None:
                self.db.execute("UPDATE runs SET resumed = resumed + 1 WHERE id = ?", (row["id"],))
                return Run(row["id"], portal, resumed=True)
            cursor = self.db.execute("INSERT INTO runs (portal, started_at) VALUES (?, ?)", (portal, utc_now()))
        return Run(int(cursor.lastrowid), portal, resumed=False)

    def add_run_traffic(self, run_id: int, pages_seen: int, bytes_downloaded: int) -> None:
        with self.db:
            self.db.execute("UPDATE runs SET pages_seen = pages_seen + ?, bytes_downloaded = bytes_downloaded + ? "
                            "WHERE id = ?", (pages_seen, bytes_downloaded, run_id))

    def finish_run(self, run_id: int) -> None:
        with self.db:
            self.db.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (utc_now(), run_id))

    def run_counts(self, run_id: int) -> RunCounts:
        """What a run found, from the catalog, so a resumed run reports the whole run."""
        def one(sql: str) -> int:
            return int(self.db.execute(sql, (run_id,)).fetchone()[0])

        failures = [dict(row) for row in self.db.execute(
            "SELECT url, reason, blocked FROM failures WHERE run_id = ? ORDER BY url", (run_id,))]
        run = self.db.execute("SELECT pages_seen, bytes_downloaded FROM runs WHERE id = ?", (run_id,)).fetchone()
        return RunCounts(
            reports=one("SELECT count(*) FROM documents WHERE last_run = ? AND role != 'attachment'"),
            attachments=one("SELECT count(*) FROM documents WHERE last_run = ? AND role = 'attachment'"),
            new=one("SELECT count(*) FROM versions WHERE run_id = ? AND number = 1"),
            changed=one("SELECT count(*) FROM versions WHERE run_id = ? AND number > 1"),
            unchanged=one("SELECT count(*) FROM documents d WHERE last_run = ? AND last_status IN ('200', '304') "
                          "AND NOT EXISTS (SELECT 1 FROM versions v WHERE v.url = d.url AND v.run_id = d.last_run)"),
            failed=sum(not f["blocked"] for f in failures),
            blocked=sum(bool(f["blocked"]) for f in failures),
            pages_seen=run["pages_seen"] if run else 0,
            bytes_downloaded=run["bytes_downloaded"] if run else 0,
            failures=[{"url": f["url"], "reason": f["reason"], "blocked": bool(f["blocked"])} for f in failures],
        )

    # --- documents -------------------------------------------------------------------------------
    def document(self, url: str) -> StoredDocument | None:
        row = self.db.execute(
            "SELECT d.*, (SELECT content_type FROM versions v WHERE v.url = d.url ORDER BY number DESC LIMIT 1) "
            "AS content_type FROM documents d WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        return StoredDocument(url=row["url"], portal=row["portal"], role=row["role"], title=row["title"],
                              published=row["published"], etag=row["etag"], last_modified=row["last_modified"],
                              sha256=row["sha256"], content_type=row["content_type"],
                              last_status=row["last_status"], last_run=row["last_run"])

    def record_fetch(self, fetched: FetchedDocument, run_id: int) -> Outcome:
        """Store a served document: a new document or a changed body adds a version; nothing is replaced."""
        if fetched.role not in DOCUMENT_ROLES:
            raise ValueError(f"{fetched.url}: role must be one of {DOCUMENT_ROLES}, got {fetched.role!r}")
        sha256 = self.put_blob(fetched.body)
        now = utc_now()
        known = self.document(fetched.url)
        with self.db:
            self.db.execute("DELETE FROM failures WHERE run_id = ? AND url = ?", (run_id, fetched.url))
            if known is None:
                self.db.execute(
                    "INSERT INTO documents (url, portal, role, title, published, referer, etag, last_modified, "
                    "sha256, first_seen, last_seen, last_status, last_run) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '200', ?)",
                    (fetched.url, fetched.portal, fetched.role, fetched.title, fetched.published, fetched.referer,
                     fetched.etag, fetched.last_modified, sha256, now, now, run_id))
            else:
                self.db.execute(
                    "UPDATE documents SET role = ?, title = coalesce(?, title), published = coalesce(?, published), "
                    "etag = ?, last_modified = ?, sha256 = ?, last_seen = ?, last_status = '200', last_run = ? "
                    "WHERE url = ?",
                    (fetched.role, fetched.title, fetched.published, fetched.etag, fetched.last_modified, sha256,
                     now, run_id, fetched.url))
            if known is not None and known.sha256 == sha256:
                return "unchanged"
            number = self.db.execute("SELECT coalesce(max(number), 0) + 1 FROM versions WHERE url = ?",
                                     (fetched.url,)).fetchone()[0]
            self.db.execute(
                "INSERT INTO versions (url, number, sha256, size, content_type, etag, last_modified, fetched_at, "
                "run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (fetched.url, number, sha256, len(fetched.body), fetched.content_type, fetched.etag,
                 fetched.last_modified, now, run_id))
        return "new" if known is None else "changed"

    def record_not_modified(self, url: str, run_id: int, title: str | None = None) -> Outcome:
        """The portal answered 304: the stored version is still current."""
        with self.db:
            self.db.execute("DELETE FROM failures WHERE run_id = ? AND url = ?", (run_id, url))
            self.db.execute("UPDATE documents SET last_seen = ?, last_status = '304', last_run = ?, "
                            "title = coalesce(?, title) WHERE url = ?", (utc_now(), run_id, title, url))
        return "unchanged"

    def record_failure(self, run_id: int, url: str, reason: str, *, blocked: bool, status: str) -> None:
        """A fetch that gave nothing to store; a known document keeps its versions, only its status changes."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO failures (run_id, url, reason, blocked, at) VALUES (?, ?, ?, ?, ?)",
                            (run_id, url, reason, int(blocked), utc_now()))
            self.db.execute("UPDATE documents SET last_status = ? WHERE url = ?", (status, url))

    def history(self, url: str) -> list[Version]:
        return list(self._versions("WHERE v.url = ? ORDER BY v.number", (url,)))

    # --- what later stages consume ---------------------------------------------------------------
    def pending_versions(self, portals: list[str] | None = None) -> list[Version]:
        """Current versions not yet consumed by the extractor and index, oldest first.

        Only each document's current version counts: an older version that was replaced before
        anyone consumed it would only be overwritten in the index by the newer one.
        """
        sql = "WHERE v.processed_at IS NULL AND v.number = (SELECT max(number) FROM versions w WHERE w.url = v.url)"
        params: tuple = ()
        if portals is not None:
            sql += f" AND d.portal IN ({', '.join('?' for _ in portals)})"
            params = tuple(portals)
        return list(self._versions(sql + " ORDER BY v.id", params))

    def mark_processed(self, version_id: int, error: str | None = None) -> None:
        with self.db:
            self.db.execute("UPDATE versions SET processed_at = ?, process_error = ? WHERE id = ?",
                            (utc_now(), error, version_id))

    # --- blobs -----------------------------------------------------------------------------------
    def blob_path(self, sha256: str) -> Path:
        return self.blob_dir / sha256[:2] / sha256

    def put_blob(self, data: bytes) -> str:
        """Write bytes under their sha256 (once; an existing blob is never rewritten)."""
        sha256 = hashlib.sha256(data).hexdigest()
        path = self.blob_path(sha256)
        if path.exists():
            return sha256
        path.parent.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return sha256

    def read_blob(self, sha256: str) -> bytes:
        path = self.blob_path(sha256)
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise OSError(f"{path}: stored bytes do not match their sha256 (the raw store is damaged)")
        return data

    def _versions(self, where: str, params: tuple) -> Iterator[Version]:
        rows = self.db.execute(
            "SELECT v.id, v.url, v.number, v.sha256, v.size, v.content_type, v.fetched_at, v.run_id, "
            "v.processed_at, v.process_error, d.portal, d.role, d.title, d.published "
            f"FROM versions v JOIN documents d ON d.url = v.url {where}", params)
        for row in rows:
            yield Version(id=row["id"], url=row["url"], number=row["number"], sha256=row["sha256"], size=row["size"],
                          content_type=row["content_type"], fetched_at=row["fetched_at"], run_id=row["run_id"],
                          portal=row["portal"], role=row["role"], title=row["title"], published=row["published"],
                          processed_at=row["processed_at"], process_error=row["process_error"])
