"""One spider for every portal: list pages lead to report pages, report pages to attachments.

The spider only finds and yields: links are judged by crawler.discovery, bodies are stored by the
pipeline, transport (conditional requests, encodings, challenges, retries) is the middlewares'.
"""
from __future__ import annotations

from typing import Any, AsyncIterator, Iterator

import scrapy
from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.discovery import PageLinks, discover_links, main_text_length, page_published, page_title
from crawler.items import DocumentItem, FailedFetch
from crawler.middlewares import ChallengeBlocked
from crawler.portals import Portal, parse_portal
from crawler.store import FetchedDocument

# A page with attachments and less body text than this is a cover for them, not the report itself:
# real reports run to thousands of characters, a cover page to a title, a sentence and links.
WRAPPER_MAX_CHARS = 400


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, portal: dict[str, Any], **kwargs: Any):
        self.portal: Portal = parse_portal(portal, "portal")
        super().__init__(name=self.portal.name, **kwargs)
        self.allowed_domains = list(self.portal.allowed_domains)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.portal.start_urls:
            yield self._request(url, "list")

    def parse_page(self, response: Response) -> Iterator[Any]:
        role = response.meta["role"]
        if not isinstance(response, TextResponse):  # a link without extension that served a file
            yield self._document(response, "attachment", response.meta.get("link_title"))
            return
        links = discover_links(response, self.portal, on_report_page=role == "report")
        if role == "report":
            title = page_title(response, self.portal, response.meta.get("link_title"))
            published = page_published(response, response.meta.get("published"))
            yield self._document(response, self._page_role(response, links), title, published)
            for link in links.attachments:  # the report's own title, not the link's "附件1.pdf"
                yield self._request(link.url, "attachment", link_title=title, published=published)
        else:
            for link in links.attachments:
                yield self._request(link.url, "attachment", link_title=link.title, published=link.published)
        for link in links.report_pages:
            yield self._request(link.url, "report", link_title=link.title, published=link.published)
        for link in links.list_pages:
            yield self._request(link.url, "list")

    def parse_attachment(self, response: Response) -> Iterator[DocumentItem]:
        yield self._document(response, "attachment", response.meta.get("link_title"), response.meta.get("published"))

    def failed(self, failure: Failure) -> Iterator[FailedFetch]:
        """A request that gave nothing: blocked, an HTTP error, a timeout; robots.txt refusals are not failures."""
        request = failure.request
        if failure.check(ChallengeBlocked):
            yield FailedFetch(request.url, self.name, str(failure.value), "blocked", blocked=True)
        elif failure.check(HttpError):
            status = failure.value.response.status
            yield FailedFetch(request.url, self.name, f"HTTP {status}", str(status))
        elif failure.check(IgnoreRequest):  # robots.txt or offsite: skipped on purpose
            self.logger.info("skipped %s: %s", request.url, failure.value)
        elif failure.check(DownloadTimeoutError):
            yield FailedFetch(request.url, self.name, f"timed out: {failure.value}", "timeout")
        elif failure.check(DownloadCancelledError):  # over DOWNLOAD_MAXSIZE
            yield FailedFetch(request.url, self.name, f"refused: {failure.value}", "too large")
        else:
            yield FailedFetch(request.url, self.name, f"{type(failure.value).__name__}: {failure.value}", "error")

    def _request(self, url: str, role: str, **meta: Any) -> scrapy.Request:
        callback = self.parse_attachment if role == "attachment" else self.parse_page
        # documents before more list pages: a report's attachments are fetched soon after the report
        priority = {"attachment": 20, "report": 10}.get(role, 0)
        return scrapy.Request(url, callback=callback, errback=self.failed, priority=priority,
                              meta={"role": role, **{k: v for k, v in meta.items() if v}})

    def _page_role(self, response: TextResponse, links: PageLinks) -> str:
        if links.attachments and main_text_length(response, self.portal.content_css) < WRAPPER_MAX_CHARS:
            return "wrapper"
        return "report"

    def _document(self, response: Response, role: str, title: str | None, published: str | None = None) -> DocumentItem:
        origin = next((flag for flag in ("not_modified", "stored") if flag in response.flags), "network")
        referer = response.request.headers.get("Referer") if response.request else None
        return DocumentItem(FetchedDocument(
            url=response.url, portal=self.name, role=role, body=response.body, title=title, published=published,
            referer=referer.decode("latin-1") if referer else None, content_type=_header(response, "Content-Type"),
            etag=_header(response, "ETag"), last_modified=_header(response, "Last-Modified")), origin)


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
