"""Crawl, then extract and index what the crawl stored new or changed.

The one function behind `nianbao recrawl`, `nianbao schedule` and the API's `POST /api/crawl`.
The data flows one way: the crawler (a child process) writes the raw store; this module reads the
store's unconsumed versions, extracts each, puts the records in the index, and only then marks the
versions consumed. A run that dies between two steps leaves its versions unconsumed, and the next
run picks them up: nothing the crawler stored is ever skipped by the index.
"""
from __future__ import annotations

import logging
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from crawler.launch import crawl
from crawler.lock import crawl_lock
from crawler.portals import Portal, load_portals
from crawler.report import CrawlReport
from crawler.store import RawStore, Version
from extractor.pipeline import SourceInfo, extract_bytes
from indexer.base import open_index

log = logging.getLogger(__name__)

BATCH = 25  # versions extracted, then indexed and marked consumed together


@dataclass
class IndexingReport:
    extracted: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_older: int = 0
    covers: int = 0  # cover pages whose report is in their attachments: nothing to extract
    failed: list[dict[str, str]] = field(default_factory=list)  # {url, error}

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        lines = [f"extracted {self.extracted}: {self.added} added to the index, {self.updated} updated, "
                 f"{self.unchanged} unchanged, {self.skipped_older} older than the indexed copy, "
                 f"{len(self.failed)} failed; {self.covers} cover pages"]
        lines += [f"failed {failure['url']}: {failure['error']}" for failure in self.failed]
        return "\n".join(lines)


@dataclass
class RecrawlReport:
    crawl: CrawlReport
    indexing: IndexingReport

    def to_json(self) -> dict[str, Any]:
        return {"crawl": self.crawl.to_json(), "indexing": self.indexing.to_json()}

    def table(self) -> str:
        return self.crawl.table() + "\n" + self.indexing.summary()


def run_recrawl(portals_file: Path, data_dir: Path, backend: str, only: str | None = None, *,
                progress: bool = False, tagger: str = "on", settings: dict[str, Any] | None = None) -> RecrawlReport:
    """Crawl the portals, then extract and index every stored version not yet indexed.

    Raises PortalConfigError (bad portals file), CrawlBusy (another crawl holds the data
    directory), CrawlFailed (the crawl process died), IndexUnavailable (the index cannot be opened).
    """
    portals = load_portals(portals_file, only)
    with crawl_lock(data_dir):
        crawl_report = crawl(portals_file, data_dir, only=only, settings=settings, progress=progress)
        indexing = index_pending(data_dir, backend, portals, tagger=tagger, progress=progress)
    return RecrawlReport(crawl_report, indexing)


def index_pending(data_dir: Path, backend: str, portals: list[Portal], *, tagger: str = "on",
                  progress: bool = False) -> IndexingReport:
    """Extract and index the stored versions of these portals that no index run has consumed yet."""
    report = IndexingReport()
    regions = {portal.name: portal.region for portal in portals}
    with RawStore(data_dir) as store, open_index(data_dir, backend) as index:
        pending = store.pending_versions(list(regions))
        bar = tqdm(total=len(pending), desc="extract+index", unit="doc", file=sys.stderr, disable=not progress)
        for start in range(0, len(pending), BATCH):
            batch = pending[start:start + BATCH]
            records: list[tuple[Version, dict[str, Any]]] = []
            for version in batch:
                record = _extract(store, version, regions.get(version.portal, {}), tagger, report)
                if record is not None:
                    records.append((version, record))
                bar.update()
            summary = index.put([record for _, record in records])
            for field_name in ("added", "updated", "unchanged", "skipped_older"):
                setattr(report, field_name, getattr(report, field_name) + getattr(summary, field_name))
            for version, record in records:
                error = next((message for message in summary.errors if record["id"] in message), None)
                if error:
                    report.failed.append({"url": version.url, "error": f"index: {error}"})
                store.mark_processed(version.id, error and f"index: {error}")
        bar.close()
    return report


def _extract(store: RawStore, version: Version, region: dict[str, str], tagger: str,
             report: IndexingReport) -> dict[str, Any] | None:
    """The version's record, or None when there is nothing to index (a cover page, a failure: noted)."""
    if version.role == "wrapper":
        report.covers += 1
        store.mark_processed(version.id)
        return None
    try:
        data = store.read_blob(version.sha256)
    except OSError as exc:
        report.failed.append({"url": version.url, "error": str(exc)})
        log.error("%s", exc)
        return None  # left unconsumed: a repaired store gets it indexed next time
    source = SourceInfo(url=version.url, fetched_at=version.fetched_at, region=dict(region),
                        title=version.title, published=version.published)
    record = extract_bytes(data, version.url, tagger=tagger, source=source)
    report.extracted += 1
    if record.get("error"):
        report.failed.append({"url": version.url, "error": record["error"]})
        store.mark_processed(version.id, record["error"])
        return None
    return record
