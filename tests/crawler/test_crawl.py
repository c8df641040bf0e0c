"""End to end: real Scrapy in a child process against the simulated portal, twice.

The first crawl must find every report page and attachment the site publishes, and nothing else;
between the crawls one report is corrected; the second crawl must download no unchanged body and
store the correction as a new version. The expectations come from the site's own inventory.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from crawler.launch import crawl
from crawler.report import CrawlReport
from crawler.sim.server import LoggedRequest, PortalSimulator
from crawler.sim.site import SiteOptions
from crawler.store import RawStore


@dataclass
class TwoCrawls:
    portal: PortalSimulator
    data: Path
    first: CrawlReport
    first_log: list[LoggedRequest]
    second: CrawlReport
    second_log: list[LoggedRequest]
    changed_path: str
    served_before_change: bytes
    backoff: float


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory, site_options: SiteOptions, fast_settings: dict[str, Any],
           write_portals: Callable[..., Path]) -> Iterator[TwoCrawls]:
    folder = tmp_path_factory.mktemp("crawl")
    with PortalSimulator(site_options) as portal:
        portals = write_portals(folder, portal.portal_entry(region={"province": "福建省"}))
        first = crawl(portals, folder / "data", settings=fast_settings)
        first_log = list(portal.requests)
        portal.clear_log()
        served_before_change = portal.site.resources[portal.site.changing_page].body
        changed_path = portal.site.change()
        second = crawl(portals, folder / "data", settings=fast_settings)
        yield TwoCrawls(portal, folder / "data", first, first_log, second, list(portal.requests), changed_path,
                        served_before_change, fast_settings["NIANBAO_RETRY_BACKOFF"])


def stored_urls(data: Path) -> dict[str, str]:
    with RawStore(data) as store:
        return {row["url"]: row["role"] for row in store.db.execute("SELECT url, role FROM documents")}


def test_every_report_and_attachment_is_stored_and_nothing_else(crawls: TwoCrawls) -> None:
    site, base = crawls.portal.site, crawls.portal.url
    stored = stored_urls(crawls.data)
    expected_pages = {base + path for path in site.report_pages}
    expected_attachments = {base + path for path in site.attachments}
    assert {url for url, role in stored.items() if role != "attachment"} == expected_pages
    assert {url for url, role in stored.items() if role == "attachment"} == expected_attachments
    report = crawls.first.portals[0]
    assert (report.reports, report.attachments) == (len(expected_pages), len(expected_attachments))
    assert report.new == len(expected_pages) + len(expected_attachments)


def test_cover_pages_are_told_from_report_pages(crawls: TwoCrawls) -> None:
    """A page whose body is one sentence and its attachments is a cover: the report is the attachment."""
    stored = stored_urls(crawls.data)
    site, base = crawls.portal.site, crawls.portal.url
    covers = {url for url, role in stored.items() if role == "wrapper"}
    parents = {base + path.rsplit("/", 1)[0] for path in site.attachments}
    assert covers and all(url.rsplit("/", 1)[0] in parents for url in covers)
    assert len(covers) == len(site.attachments)  # each cover of the simulator carries one attachment


def test_stored_bytes_are_the_served_bytes(crawls: TwoCrawls) -> None:
    site, base = crawls.portal.site, crawls.portal.url
    with RawStore(crawls.data) as store:
        for path in site.attachments + site.report_pages:
            history = store.history(base + path)
            served = crawls.served_before_change if path == crawls.changed_path else site.resources[path].body
            assert store.read_blob(history[0].sha256) == served, path
            assert history[0].sha256 == hashlib.sha256(served).hexdigest()


def test_robots_disallowed_and_non_report_links_are_never_requested(crawls: TwoCrawls) -> None:
    requested = {request.path for request in crawls.first_log + crawls.second_log}
    assert "/robots.txt" in requested
    assert crawls.portal.site.forbidden and not requested & set(crawls.portal.site.forbidden)
    assert crawls.portal.site.not_reports and not requested & set(crawls.portal.site.not_reports)


def test_at_most_two_requests_in_flight(crawls: TwoCrawls) -> None:
    for log in (crawls.first_log, crawls.second_log):
        events = sorted([(r.started, 1) for r in log] + [(r.ended or math.inf, -1) for r in log])
        in_flight = peak = 0
        for _, step in events:
            in_flight += step
            peak = max(peak, in_flight)
        assert peak <= 2
    assert crawls.portal.max_in_flight <= 2


def test_challenge_page_is_reported_blocked_and_not_stored(crawls: TwoCrawls) -> None:
    report = crawls.first.portals[0]
    challenged = {crawls.portal.url + path for path in crawls.portal.site.challenged}
    assert report.status == "blocked" and report.blocked == len(challenged)
    assert {f["url"] for f in report.failures if f["blocked"]} == challenged
    assert not challenged & set(stored_urls(crawls.data))


def test_dead_link_is_a_failure_and_the_crawl_goes_on(crawls: TwoCrawls) -> None:
    report = crawls.first.portals[0]
    missing = {crawls.portal.url + path for path in crawls.portal.site.missing}
    assert {f["url"] for f in report.failures if not f["blocked"]} == missing
    assert all("404" in f["reason"] for f in report.failures if not f["blocked"])


def test_timeouts_and_5xx_are_retried_after_a_pause(crawls: TwoCrawls) -> None:
    by_path: dict[str, list[LoggedRequest]] = {}
    for request in crawls.first_log:
        by_path.setdefault(request.path, []).append(request)
    slow = next(path for path, r in crawls.portal.site.resources.items() if r.behaviour == "slow")
    flaky = next(path for path, r in crawls.portal.site.resources.items() if r.behaviour == "flaky")
    for path in (slow, flaky):
        attempts = by_path[path]
        assert len(attempts) == 2, path
        assert attempts[1].started - attempts[0].started >= crawls.backoff, path
    assert [r.status for r in by_path[flaky]] == [503, 200]
    assert crawls.portal.url + slow in stored_urls(crawls.data)


def test_mislabelled_gbk_page_is_read_as_gb18030(crawls: TwoCrawls) -> None:
    """The page's header says UTF-8, its <meta> says gb2312, its bytes are GBK: its title must read right."""
    site, base = crawls.portal.site, crawls.portal.url
    mislabelled = next(path for path in site.report_pages
                       if "utf-8" in site.resources[path].content_type and b"charset=gb2312" in site.resources[path].body)
    with RawStore(crawls.data) as store:
        assert store.document(base + mislabelled).title == "南港镇2020年度政府信息公开工作年度报告"


def test_second_crawl_downloads_no_unchanged_body(crawls: TwoCrawls) -> None:
    site = crawls.portal.site
    documents = set(site.report_pages + site.attachments)
    for request in crawls.second_log:
        if request.path not in documents or request.path == crawls.changed_path:
            continue
        if site.resources[request.path].etag:
            assert request.status == 304 and request.body_bytes == 0, request.path
            assert request.headers.get("If-None-Match") == site.resources[request.path].etag
        else:  # a page without validators is downloaded again, and found hash-equal
            assert request.status == 200
    report = crawls.second.portals[0]
    assert (report.new, report.changed, report.unchanged) == (0, 1, len(documents) - 1)
    assert report.bytes_downloaded < crawls.first.portals[0].bytes_downloaded / 10


def test_list_pages_are_always_refetched_in_full(crawls: TwoCrawls) -> None:
    list_requests = [r for r in crawls.second_log if r.path in crawls.portal.site.list_pages]
    assert {r.path for r in list_requests} >= set(crawls.portal.site.list_pages)
    assert all(r.status == 200 and "If-None-Match" not in r.headers for r in list_requests)


def test_changed_report_adds_a_version_and_keeps_the_old_one(crawls: TwoCrawls) -> None:
    url = crawls.portal.url + crawls.changed_path
    with RawStore(crawls.data) as store:
        history = store.history(url)
        assert [version.number for version in history] == [1, 2]
        assert store.read_blob(history[0].sha256) == crawls.served_before_change
        assert store.read_blob(history[1].sha256) == crawls.portal.site.resources[crawls.changed_path].body
        assert "更正说明".encode() in store.read_blob(history[1].sha256)
        assert history[1].run_id != history[0].run_id
