"""The middlewares' rules on responses built here: encodings, challenge pages."""
from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from crawler.antibot import challenge_kind
from crawler.encoding import corrected_encoding
from crawler.middlewares import ChallengeBlocked, ChallengeMiddleware, EncodingMiddleware

# 堃 and 镕 are in GBK but not in GB2312: a page labelled gb2312 still holds them.
TEXT = "张堃2021年政府信息公开工作年度报告：朱镕基路街道办事处"


def html_response(body: bytes, content_type: str, status: int = 200) -> HtmlResponse:
    url = "http://x.gov.cn/nb/t20220101_1.html"
    return HtmlResponse(url=url, status=status, body=body, headers={"Content-Type": content_type},
                        request=Request(url))


def gbk_page(meta_charset: str) -> bytes:
    return f'<html><head><meta charset="{meta_charset}"></head><body><p>{TEXT}</p></body></html>'.encode("gbk")


@pytest.mark.parametrize("content_type, body, expected", [
    ("text/html; charset=utf-8", gbk_page("gb2312"), "gb18030"),  # header wrong, meta right
    ("text/html; charset=gbk", gbk_page("utf-8"), "gb18030"),  # meta wrong after a CMS migration
    ("text/html; charset=gbk", f'<meta charset="utf-8"><p>{TEXT}</p>'.encode(), "utf-8"),  # header wrong
    ("text/html; charset=utf-8", gbk_page("gbk").replace(b"gbk", b"utf-8"), "gb18030"),  # both wrong
    ("text/html; charset=gbk", gbk_page("gb2312"), None),  # agree (GB family) and decode: trusted
    ("text/html", f'<meta charset="utf-8"><p>{TEXT}</p>'.encode(), None),
])
def test_encoding_when_declarations_disagree(content_type: str, body: bytes, expected: str | None) -> None:
    assert corrected_encoding(content_type, body) == expected


def test_encoding_middleware_makes_the_page_readable() -> None:
    response = html_response(gbk_page("gb2312"), "text/html; charset=UTF-8")
    assert TEXT not in response.text  # what Scrapy alone would decode
    fixed = EncodingMiddleware().process_response(response.request, response)
    assert TEXT in fixed.text and fixed.body == response.body  # the bytes stay as served


RUISHU = b"<html><head><script>$_ts=window['$_ts'];if(!$_ts)$_ts=window['$_ts']={};$_ts.nsd=1;</script></head></html>"
JIASULE = b"<script>document.cookie=('_')+('_j')+('sl_clearance')+('=1');__jsl_clearance=1;location.href=location</script>"
ALIYUN = b'<html><script>var arg1="3F1A";function setCookie(n,v){};setCookie("acw_sc__v2", x);</script></html>'


@pytest.mark.parametrize("status, body, shield", [
    (412, RUISHU, "ruishu"), (521, JIASULE, "jiasule"), (200, ALIYUN, "aliyun"),
])
def test_challenge_pages_are_recognised_and_refused(status: int, body: bytes, shield: str) -> None:
    assert shield in (challenge_kind(status, body) or "")
    response = html_response(body, "text/html; charset=utf-8", status)
    with pytest.raises(ChallengeBlocked, match=shield):
        ChallengeMiddleware().process_response(response.request, response)


def test_ordinary_pages_are_not_challenges() -> None:
    assert challenge_kind(412, b"<h1>Precondition Failed</h1>") is None  # the status alone says nothing
    assert challenge_kind(200, RUISHU) is None  # a $_ts script on a served page is not the 412 challenge
    long_report = ("<p>" + TEXT * 2000 + "</p><script>var acw_sc__v2;</script>").encode()
    assert challenge_kind(200, long_report) is None  # a real page is long
