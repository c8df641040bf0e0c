"""Storing what the spider found: every served document into the raw store, every failure into the catalog."""
from __future__ import annotations

import logging

from scrapy.crawler import Crawler

from crawler.extensions import CrawlRun
from crawler.items import DocumentItem, FailedFetch

log = logging.getLogger(__name__)


class RawStorePipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RawStorePipeline:
        return cls(crawler)

    def process_item(self, item: DocumentItem | FailedFetch) -> DocumentItem | FailedFetch:
        run = self.crawler.get_extension(CrawlRun)
        assert run is not None and run.store is not None and run.run is not None, "CrawlRun extension not open"
        if isinstance(item, FailedFetch):
            run.store.record_failure(run.run.id, item.url, item.reason, blocked=item.blocked, status=item.status)
            log.info("%s: %s %s: %s", item.portal, "blocked" if item.blocked else "failed", item.url, item.reason)
        elif item.origin == "network":
            outcome = run.store.record_fetch(item.document, run.run.id)
            log.info("%s: %s %s", item.document.portal, outcome, item.document.url)
        elif item.origin == "not_modified":
            run.store.record_not_modified(item.document.url, run.run.id, item.document.title)
        return item
