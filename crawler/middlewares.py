"""Transport concerns between the spider and the portal: the spider never sees them.

- ConditionalRequestMiddleware: asks only for what changed, using the catalog's validators, and
  hands the spider the stored body on a 304 (its links still matter: attachments of a report page).
- ChallengeMiddleware: an anti-bot challenge page is an error, never a document.
- EncodingMiddleware: decodes pages whose declared encodings cannot be trusted (see encoding.py).
- BackoffRetryMiddleware: Scrapy's retries (5xx, timeouts), each one after a growing pause, so a
  struggling portal gets air instead of an immediate second hit.
"""
from __future__ import annotations

import asyncio

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Headers, HtmlResponse, Response
from scrapy.responsetypes import responsetypes
from scrapy.settings import BaseSettings

from crawler.antibot import challenge_kind
from crawler.encoding import corrected_encoding
from crawler.extensions import CrawlRun
from crawler.store import StoredDocument

DOCUMENT_REQUEST_ROLES = ("report", "attachment")  # what the spider asks for as documents (list pages are not)
FROM_STORE_FLAGS = ("not_modified", "stored")


class ChallengeBlocked(IgnoreRequest):
    """The portal answered with an anti-bot challenge; the crawler does not solve those."""


class ConditionalRequestMiddleware:
    """Conditional requests for known documents; within a resumed run, no request at all.

    List pages never carry validators: they are how new reports are found, so every run
    refetches them.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> Response | None:
        if request.meta.get("role") not in DOCUMENT_REQUEST_ROLES:
            return None
        run = self._run()
        known = run.store.document(request.url)
        if known is None:
            return None
        if known.last_run == run.run.id and known.last_status in ("200", "304"):
            return stored_response(request, known, run, flag="stored")
        if known.etag:
            request.headers["If-None-Match"] = known.etag
        if known.last_modified:
            request.headers["If-Modified-Since"] = known.last_modified
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status != 304 or request.meta.get("role") not in DOCUMENT_REQUEST_ROLES:
            return response
        run = self._run()
        known = run.store.document(request.url)
        return response if known is None else stored_response(request, known, run, flag="not_modified")

    def _run(self) -> CrawlRun:
        run = self.crawler.get_extension(CrawlRun)
        assert run is not None and run.store is not None and run.run is not None, "CrawlRun extension not open"
        return run


def stored_response(request: Request, known: StoredDocument, run: CrawlRun, *, flag: str) -> Response:
    """The stored current version as a 200 response, flagged so the pipeline does not store it again."""
    assert run.store is not None
    body = run.store.read_blob(known.sha256)
    headers = Headers({"Content-Type": known.content_type} if known.content_type else {})
    if known.etag:
        headers["ETag"] = known.etag
    if known.last_modified:
        headers["Last-Modified"] = known.last_modified
    response_class = responsetypes.from_args(headers=headers, url=request.url, body=body)
    return response_class(url=request.url, status=200, headers=headers, body=body, request=request, flags=[flag])


class ChallengeMiddleware:
    def process_response(self, request: Request, response: Response) -> Response:
        shield = challenge_kind(response.status, response.body)
        if shield:
            raise ChallengeBlocked(f"anti-bot challenge ({shield}), HTTP {response.status}; not solved")
        return response


class EncodingMiddleware:
    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, HtmlResponse):
            return response
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        encoding = corrected_encoding(content_type, response.body)
        if encoding and encoding != response.encoding:
            return response.replace(encoding=encoding)
        return response


class BackoffRetryMiddleware(RetryMiddleware):
    """Retry n waits NIANBAO_RETRY_BACKOFF * 2**(n-1) seconds, at most NIANBAO_RETRY_BACKOFF_MAX."""

    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.backoff = settings.getfloat("NIANBAO_RETRY_BACKOFF")
        self.backoff_max = settings.getfloat("NIANBAO_RETRY_BACKOFF_MAX")

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        retry = super().process_response(request, response)
        await self._pause_before(retry)
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]
        retry = super().process_exception(request, exception)
        await self._pause_before(retry)
        return retry

    async def _pause_before(self, outcome: Request | Response | None) -> None:
        if isinstance(outcome, Request):
            attempt = outcome.meta.get("retry_times", 1)
            await asyncio.sleep(min(self.backoff * 2 ** (attempt - 1), self.backoff_max))
