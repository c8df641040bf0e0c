"""The simulated portal: a TRS-style 政府信息公开年报 column built from the sample reports.

The site holds what a real county or city portal shows a crawler: a home page and a 政务公开
column leading to the annual-report list; list pages `index.html`, `index_1.html`, … whose
pagination exists only as a `createPageHTML(total, current, "index", "html")` call; report pages at
`/zwgk/zfxxgknb/YYYYMM/tYYYYMMDD_NNNNNN.html` with the body in `div.TRS_Editor`, some in GBK (one
with a header that claims UTF-8), some carrying Word markup, some being covers for PDF or DOCX
attachments; news items that are not reports; and the traps: a dead link, a page behind an
anti-bot challenge, a page robots.txt forbids, a slow page, a list page that fails once, a page
without validators, and a report that changes on request. The site also records what a correct
crawler must find, so the tests compare against the site, not against the crawler's own output.
"""
from __future__ import annotations

import hashlib
import html
import threading
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from typing import Iterable

from crawler.sim.content import SampleReport, load_sample
from crawler.sim.render import ReportContent, render_docx, render_html, render_pdf

LIST_DIR = "/zwgk/zfxxgknb/"
PAGE_SIZE = 5
ROBOTS_TXT = b"User-agent: *\nDisallow: /private/\nDisallow: /search/\n"
LINKS_PLACEHOLDER = "附件链接占位"


@dataclass(frozen=True)
class SiteOptions:
    copies: int = 1  # each sample report listed this many times (a bigger site for the benchmark)
    slow_seconds: float = 2.0  # the slow page's delay on its first request
    flaky_list_page: bool = True  # the last list page answers 503 once
    latency_seconds: float = 0.0  # added to every answer (real portals take 50-500 ms)
    site_name: str = "某某市人民政府"


@dataclass
class Resource:
    body: bytes
    content_type: str
    modified: datetime | None  # None: a dynamic page, served without ETag or Last-Modified
    behaviour: str | None = None  # slow | flaky | challenge

    @property
    def etag(self) -> str | None:
        return f'"{hashlib.sha1(self.body).hexdigest()[:20]}"' if self.modified else None

    @property
    def last_modified(self) -> str | None:
        return format_datetime(self.modified, usegmt=True) if self.modified else None


@dataclass(frozen=True)
class Placement:
    """How the portal publishes one sample report."""

    sample: str
    encoding: str = "utf-8"
    meta_charset: str | None = None  # what <meta> declares (default: the encoding)
    header_charset: str | None = None  # what Content-Type declares (default: the encoding)
    attachments: tuple[str, ...] = ()  # "pdf" (rendered, untitled), "original-pdf" (the sample's own), "docx"
    validators: bool = True
    word_markup: bool = False
    behaviour: str | None = None


PLACEMENTS = (
    Placement("huaian_2024", attachments=("original-pdf",)),
    Placement("kewei_2024", attachments=("docx",)),
    Placement("shanghai_office_2019"),
    Placement("000_740ca8d1fbe81e04"),  # the report that changes (Site.change)
    Placement("001_713aac75e110bc97", encoding="gbk", meta_charset="gb2312", header_charset="utf-8"),
    Placement("002_f592ee913005bca5", attachments=("pdf",)),
    Placement("003_b2d8a9a71ffdf943", encoding="gbk", validators=False),
    Placement("004_9405448751938849", behaviour="slow"),
    Placement("pingtan_2018", encoding="gbk", word_markup=True),
)
CHANGING_SAMPLE = "000_740ca8d1fbe81e04"

NOT_REPORTS = (("关于印发2024年政务公开工作要点的通知", "2024-03-05"), ("2023年政府工作报告", "2023-02-01"))
MISSING_REPORT = ("城关镇2019年政府信息公开工作年度报告", "2020-01-20")
CHALLENGED_REPORT = ("东山县2022年政府信息公开工作年度报告", "2023-01-18")
FORBIDDEN_REPORT = ("（送审稿）城南街道2023年政府信息公开工作年度报告", "2024-01-09")

CHALLENGE_BODY = (b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
                  b"<script type=\"text/javascript\">$_ts=window['$_ts'];if(!$_ts)$_ts=window['$_ts']={};"
                  b"$_ts.nsd=41378;$_ts.cd=\"qEoWrGAlEcVbqrmrqqqqqqq\";</script>"
                  b"<script type=\"text/javascript\" charset=\"utf-8\" src=\"/4QbVtADbnLVIc/c.FxJzG50F.js\" r=\"m\">"
                  b"</script></head><body></body></html>")


@dataclass(frozen=True)
class ListEntry:
    title: str
    path: str
    published: str


@dataclass
class Site:
    options: SiteOptions
    resources: dict[str, Resource] = field(default_factory=dict)
    list_pages: list[str] = field(default_factory=list)
    report_pages: list[str] = field(default_factory=list)  # every report page a crawler must store
    attachments: list[str] = field(default_factory=list)  # every attachment a crawler must store
    untitled: list[str] = field(default_factory=list)  # attachments only their page's title names
    not_reports: list[str] = field(default_factory=list)  # linked news items a crawler must not fetch
    missing: list[str] = field(default_factory=list)  # linked, 404
    challenged: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)  # linked, disallowed by robots.txt
    changing_page: str = ""
    revision: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def change(self) -> str:
        """Publish a corrected version of one report (new body, ETag and Last-Modified)."""
        with self.lock:
            self.revision += 1
            sample = load_sample(CHANGING_SAMPLE)
            note = f"（更正说明：本报告于{sample.year + 1}年3月{self.revision}日更正，第{self.revision}次修订。）"
            content = ReportContent(title=sample.title, blocks=[*sample.content.blocks, note],
                                    published=sample.published, organization=sample.organization)
            current = self.resources[self.changing_page]
            self.resources[self.changing_page] = Resource(
                _page(content, Placement(CHANGING_SAMPLE), self.options.site_name), current.content_type,
                _date(sample.published) + timedelta(days=40 + self.revision))
        return self.changing_page


def build_site(options: SiteOptions = SiteOptions()) -> Site:
    site = Site(options)
    entries: list[ListEntry] = []
    for copy in range(options.copies):
        for placement in PLACEMENTS:
            entries.append(_publish(site, load_sample(placement.sample), placement, copy))
    for title, published in NOT_REPORTS:
        path = _article_path(title, published)
        site.resources[path] = Resource(_page(ReportContent(title, [f"{title}，详见正文。"], published),
                                              Placement(""), options.site_name), "text/html; charset=utf-8",
                                        _date(published))
        site.not_reports.append(path)
        entries.append(ListEntry(title, path, published))
    missing = ListEntry(MISSING_REPORT[0], _article_path(*MISSING_REPORT), MISSING_REPORT[1])
    site.missing.append(missing.path)
    challenged = ListEntry(CHALLENGED_REPORT[0], _article_path(*CHALLENGED_REPORT), CHALLENGED_REPORT[1])
    site.resources[challenged.path] = Resource(CHALLENGE_BODY, "text/html; charset=utf-8", None, "challenge")
    site.challenged.append(challenged.path)
    forbidden = ListEntry(FORBIDDEN_REPORT[0], _article_path(*FORBIDDEN_REPORT, directory="/private/zfxxgknb/"),
                          FORBIDDEN_REPORT[1])
    site.resources[forbidden.path] = Resource(_page(ReportContent(forbidden.title, ["内部审核稿，未公开。"]),
                                                    Placement(""), options.site_name),
                                              "text/html; charset=utf-8", _date(forbidden.published))
    site.forbidden.append(forbidden.path)
    entries += [missing, challenged, forbidden]
    entries.sort(key=lambda entry: (entry.published, entry.path), reverse=True)
    _add_list_pages(site, entries)
    _add_navigation(site)
    return site


def _publish(site: Site, sample: SampleReport, placement: Placement, copy: int) -> ListEntry:
    path = _article_path(sample.name, sample.published, copy=copy)
    links = []
    for number, kind in enumerate(placement.attachments, 1):
        suffix = "docx" if kind == "docx" else "pdf"
        attachment = f"{path.rsplit('/', 1)[0]}/P0{sample.published.replace('-', '')}{_number(path)}{number}.{suffix}"
        body = {"original-pdf": lambda: sample.original_pdf, "pdf": lambda: render_pdf(_untitled(sample)),
                "docx": lambda: render_docx(sample.content)}[kind]()
        if body is None:
            raise ValueError(f"sample {sample.name} has no PDF of its own to publish")
        content_type = "application/pdf" if suffix == "pdf" else \
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        site.resources[attachment] = Resource(body, content_type, _date(sample.published))
        site.attachments.append(attachment)
        if kind == "pdf":
            site.untitled.append(attachment)
        links.append((attachment.rsplit("/", 1)[1], f"{sample.title}.{suffix}"))
    content = sample.content
    if links:  # a cover page: the report is in the attachments
        content = ReportContent(sample.title, [f"{sample.title}全文请见附件。", LINKS_PLACEHOLDER],
                                sample.published, sample.organization)
    body = _page(content, placement, site.options.site_name, links)
    header_charset = placement.header_charset or placement.encoding
    site.resources[path] = Resource(body, f"text/html; charset={header_charset}",
                                    _date(sample.published) if placement.validators else None, placement.behaviour)
    site.report_pages.append(path)
    if sample.name == CHANGING_SAMPLE and copy == 0:
        site.changing_page = path
    return ListEntry(sample.title, path, sample.published)


def _untitled(sample: SampleReport) -> ReportContent:
    """The report as many attached PDFs are: no title line; the body and the year, not the body's name."""
    blocks = [block for block in sample.content.blocks if block != sample.title]
    return ReportContent("", blocks, sample.published, sample.organization)


def _page(content: ReportContent, placement: Placement, site_name: str,
          links: Iterable[tuple[str, str]] = ()) -> bytes:
    page = render_html(content, encoding=placement.encoding, declared_charset=placement.meta_charset,
                       word_markup=placement.word_markup, site_name=site_name)
    anchors = "".join(f'<p>附件：<a href="./{href}" target="_blank">{html.escape(text)}</a></p>' for href, text in links)
    return page.replace(f"<p>{LINKS_PLACEHOLDER}</p>".encode(placement.encoding),
                        anchors.encode(placement.encoding, errors="xmlcharrefreplace"))


def _add_list_pages(site: Site, entries: list[ListEntry]) -> None:
    pages = [entries[start:start + PAGE_SIZE] for start in range(0, len(entries), PAGE_SIZE)]
    for number, page_entries in enumerate(pages):
        path = LIST_DIR + ("index.html" if number == 0 else f"index_{number}.html")
        flaky = site.options.flaky_list_page and number == len(pages) - 1 and number > 0
        items = "\n".join(_list_item(entry) for entry in page_entries)
        body = LIST_PAGE.format(site=html.escape(site.options.site_name), items=items, total=len(pages),
                                current=number).encode("utf-8")
        site.resources[path] = Resource(body, "text/html; charset=utf-8", datetime(2025, 2, 1, tzinfo=timezone.utc),
                                        "flaky" if flaky else None)
        site.list_pages.append(path)
    site.resources[LIST_DIR] = site.resources[LIST_DIR + "index.html"]


def _list_item(entry: ListEntry) -> str:
    shown = entry.title if len(entry.title) <= 20 else entry.title[:18] + "…"
    href = "." + entry.path[len(LIST_DIR) - 1:] if entry.path.startswith(LIST_DIR) else entry.path
    return (f'<li><a href="{href}" title="{html.escape(entry.title)}" target="_blank">{html.escape(shown)}</a>'
            f'<span class="date">{entry.published}</span></li>')


def _add_navigation(site: Site) -> None:
    name = html.escape(site.options.site_name)
    site.resources["/"] = Resource(NAV_PAGE.format(site=name, title="首页", links=(
        '<a href="/zwgk/">政务公开</a> <a href="/zwfw/">政务服务</a> <a href="/search/">站内搜索</a>')).encode(),
        "text/html; charset=utf-8", datetime(2025, 2, 1, tzinfo=timezone.utc))
    site.resources["/zwgk/"] = Resource(NAV_PAGE.format(site=name, title="政务公开", links=(
        '<a href="/zwgk/zn/">政府信息公开指南</a> <a href="/zwgk/zd/">政府信息公开制度</a> '
        f'<a href="{LIST_DIR}">政府信息公开年报</a> <a href="/zwgk/tzgg/">通知公告</a>')).encode(),
        "text/html; charset=utf-8", datetime(2025, 2, 1, tzinfo=timezone.utc))
    site.resources["/robots.txt"] = Resource(ROBOTS_TXT, "text/plain", datetime(2025, 1, 1, tzinfo=timezone.utc))


def _article_path(key: str, published: str, copy: int = 0, directory: str = LIST_DIR) -> str:
    day = published.replace("-", "")
    return f"{directory}{day[:6]}/t{day}_{_number(key) + copy * 1_000_000}.html"


def _number(key: str) -> int:
    return 100000 + zlib.crc32(key.encode("utf-8")) % 900000


def _date(published: str) -> datetime:
    return datetime.fromisoformat(published).replace(hour=9, tzinfo=timezone.utc)


LIST_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>政府信息公开年报_{site}</title>
<script type="text/javascript">
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {{
  if (_nPageCount == null || _nPageCount <= 1) return;
  for (var i = 0; i < _nPageCount; i++) {{
    var href = i == 0 ? _sPageName + "." + _sPageExt : _sPageName + "_" + i + "." + _sPageExt;
    document.write(i == _nCurrIndex ? "<span>" + (i + 1) + "</span>" : "<a href='" + href + "'>" + (i + 1) + "</a>");
  }}
}}
</script></head>
<body>
<div class="header"><a href="/">{site}</a> <a href="/zwgk/">政务公开</a></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="list"><ul>
{items}
</ul></div>
<div class="page"><script type="text/javascript">createPageHTML({total}, {current}, "index", "html");</script></div>
<div class="footer">主办：{site}办公室</div>
</body></html>
"""

NAV_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}_{site}</title></head>
<body><div class="header"><a href="/">{site}</a></div><div class="nav">{links}</div>
<div class="footer">主办：{site}办公室</div></body></html>
"""
