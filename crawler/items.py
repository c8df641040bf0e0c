"""What the spider yields: a fetched document, or the reason a link gave nothing."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from crawler.store import FetchedDocument

# network: the portal sent the body; not_modified: it answered 304 and the body is the stored one;
# stored: this (resumed) run had already stored it, so it was not requested again.
Origin = Literal["network", "not_modified", "stored"]


@dataclass
class DocumentItem:
    document: FetchedDocument
    origin: Origin

    def __repr__(self) -> str:  # Scrapy logs items; a report's bytes do not belong in a log line
        return f"DocumentItem({self.document.role} {self.document.url} {len(self.document.body)} bytes, {self.origin})"


@dataclass
class FailedFetch:
    url: str
    portal: str
    reason: str
    status: str  # the catalog's last_status: an HTTP status, "blocked", "timeout", "error"
    blocked: bool = False
