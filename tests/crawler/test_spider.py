"""The spider's callbacks on responses built here: what it yields for pages, files and failures."""
from __future__ import annotations

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.items import DocumentItem, FailedFetch
from crawler.middlewares import ChallengeBlocked
from crawler.sim.content import load_sample
from crawler.sim.render import render_docx
from crawler.spiders.portal import PortalSpider

SPIDER = PortalSpider(portal={"name": "hanweb", "start_urls": ["http://www.example.gov.cn/col/col1/index.html"]})
TITLE = "某县2023年政府信息公开工作年度报告"


def response_to(url: str, role: str, body: bytes, content_type: str, **meta: str) -> Response:
    request = Request(url, meta={"role": role, **meta})
    response_class = HtmlResponse if content_type.startswith("text/html") else Response
    return response_class(url=url, body=body, headers={"Content-Type": content_type}, request=request)


def test_a_report_link_that_serves_a_file_is_an_attachment() -> None:
    """A download script named by id (`downfile.jsp?fileid=…`): no extension anywhere, a DOCX in the body."""
    docx = render_docx(load_sample("kewei_2024").content)
    url = "http://www.example.gov.cn/module/download/downfile.jsp?classid=0&fileid=2301"
    items = list(SPIDER.parse_page(response_to(url, "report", docx, "application/octet-stream", link_title=TITLE)))
    assert len(items) == 1 and isinstance(items[0], DocumentItem)
    assert (items[0].document.role, items[0].document.title, items[0].document.body) == ("attachment", TITLE, docx)


def test_cover_page_yields_itself_and_its_attachments_under_the_report_title() -> None:
    page = (f"<html><head><title>{TITLE}</title></head><body><div id='zoom'><p>详见附件。</p>"
            "<a href='/module/download/downfile.jsp?filename=a.pdf'>下载</a><a href='/files/a.wps'>附件1</a>"
            "</div></body></html>").encode()
    output = list(SPIDER.parse_page(response_to("http://www.example.gov.cn/art/2024/1/30/art_1_2.html", "report",
                                                page, "text/html; charset=utf-8", published="2024-01-30")))
    document = next(o for o in output if isinstance(o, DocumentItem)).document
    assert (document.role, document.title, document.published) == ("wrapper", TITLE, "2024-01-30")
    attachments = [o for o in output if isinstance(o, Request) and o.meta["role"] == "attachment"]
    assert [r.url for r in attachments] == ["http://www.example.gov.cn/module/download/downfile.jsp?filename=a.pdf",
                                            "http://www.example.gov.cn/files/a.wps"]
    assert attachments[0].meta["link_title"] == TITLE and attachments[0].callback == SPIDER.parse_attachment


def test_a_page_with_the_report_in_it_is_a_report() -> None:
    body = "".join(f"<p>{block}</p>" for block in load_sample("002_f592ee913005bca5").content.blocks
                   if isinstance(block, str))
    page = f"<html><body><div id='zoom'>{body}<a href='/files/b.pdf'>附件</a></div></body></html>".encode()
    output = list(SPIDER.parse_page(response_to("http://www.example.gov.cn/art/2021/1/5/art_1_3.html", "report",
                                                page, "text/html; charset=utf-8", link_title=TITLE)))
    assert next(o for o in output if isinstance(o, DocumentItem)).document.role == "report"


def test_failures_are_named_and_refusals_are_not_failures() -> None:
    request = Request("http://www.example.gov.cn/art/x.html", meta={"role": "report"})

    def outcome(exception: Exception) -> list[FailedFetch]:
        failure = Failure(exception)
        failure.request = request  # type: ignore[attr-defined]
        return list(SPIDER.failed(failure))

    gone = outcome(HttpError(Response(request.url, status=404, request=request), "Ignoring non-200 response"))
    assert [(f.status, f.reason, f.blocked) for f in gone] == [("404", "HTTP 404", False)]
    blocked = outcome(ChallengeBlocked("anti-bot challenge (jiasule (__jsl_clearance, 521))"))
    assert [(f.status, f.blocked) for f in blocked] == [("blocked", True)]
    assert outcome(IgnoreRequest("Forbidden by robots.txt")) == []
