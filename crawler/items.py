"""What the spider yields: a fetched document, or the reason a link gave nothing."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# network: the portal sent the body; not_modified: it answered 304 and the body is the stored one;
# stored: this (resumed) run had already stored it, so it was not requested again.
Origin = Literal["network", "not_modified", "stored"]


@dataclass
class DocumentItem:
    url: str
    portal: str
    role: str  # report | wrapper | attachment (crawler.store.DOCUMENT_ROLES)
    body: bytes
    origin: Origin
    title: str | None = None
    published: str | None = None
    referer: str | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    def __repr__(self) -> str:  # Scrapy logs items; a report's bytes do not belong in a log line
        return f"DocumentItem({self.role} {self.url} {len(self.body)} bytes, {self.origin})"


@dataclass
class FailedFetch:
    url: str
    portal: str
    reason: str
    status: str  # the catalog's last_status: an HTTP status, "blocked", "timeout", "error"
    blocked: bool = False
