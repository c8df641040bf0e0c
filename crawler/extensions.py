"""The run of one portal's crawl: opens the raw store, counts traffic, writes the portal's report.

The middlewares (conditional requests) and the pipeline (storing) share this run through
`crawler.get_extension(CrawlRun)`, so the catalog is opened once per crawl and the run id that
marks what this run stored is the same everywhere.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from tqdm import tqdm

from crawler.report import PortalReport
from crawler.store import RawStore, Run


class CrawlRun:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.data_dir = Path(crawler.settings.get("NIANBAO_DATA_DIR") or "data")
        self.show_progress = crawler.settings.getbool("NIANBAO_PROGRESS")
        self.store: RawStore | None = None
        self.run: Run | None = None
        self.report: PortalReport | None = None
        self.pages_seen = 0
        self.bytes_downloaded = 0
        self.responses_downloaded = 0
        self.started = time.monotonic()
        self.progress: tqdm | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.response_received, signal=signals.response_received)
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRun:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        self.store = RawStore(self.data_dir)
        self.run = self.store.begin_run(spider.name)
        self.started = time.monotonic()
        self.progress = tqdm(desc=f"crawl {spider.name}", unit="page", file=sys.stderr,
                             disable=not self.show_progress, dynamic_ncols=True)

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        self.pages_seen += 1
        if self.progress is not None:
            self.progress.update()

    def response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        """Only bodies that crossed the network (not 304s turned into stored bodies)."""
        self.responses_downloaded += 1
        self.bytes_downloaded += len(response.body)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.progress is not None:
            self.progress.close()
        if self.store is None or self.run is None:
            return
        self.store.add_run_traffic(self.run.id, self.pages_seen, self.bytes_downloaded)
        if reason == "finished":
            self.store.finish_run(self.run.id)
        counts = self.store.run_counts(self.run.id)
        self.report = PortalReport(
            portal=spider.name, status=portal_status(reason, self.pages_seen, counts.blocked),
            run_id=self.run.id, resumed=self.run.resumed,
            pages_seen=counts.pages_seen, reports=counts.reports, attachments=counts.attachments,
            new=counts.new, changed=counts.changed, unchanged=counts.unchanged,
            failed=counts.failed, blocked=counts.blocked,
            bytes_downloaded=counts.bytes_downloaded, responses_downloaded=self.responses_downloaded,
            seconds=round(time.monotonic() - self.started, 3), failures=counts.failures)
        self.store.close()


def portal_status(close_reason: str, pages_seen: int, blocked: int) -> str:
    if close_reason != "finished":
        return "interrupted"
    if blocked:
        return "blocked"
    return "ok" if pages_seen else "failed"
