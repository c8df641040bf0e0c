"""What a portal page links to: more list pages, report pages, attachments.

Government portals are built by a handful of CMSs (TRS WCM, Hanweb, home-grown ones) but every
site names its columns and reports in its own words, so links are judged by three general
signals rather than by site: the link's title (a report title names the disclosure report and a
year; a column title names the report series), the URL's shape (a column is a directory or an
`index_N` page, an attachment ends with a document extension; a report-titled link to a column is
a column, such as 2021年度报告 listing a year's reports), and pagination (anchors such as 下一页
within the same directory, or TRS's `createPageHTML` script call, whose pages exist only as
JavaScript output).
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from scrapy.http import TextResponse

from crawler.portals import Portal

ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et")

# A year in a title: 2021, or 二〇二一 / 二零二一 (some titles spell the year in characters).
YEAR_IN_TITLE = re.compile(r"(?:19|20)\d{2}|二[〇○零][〇○零一二三四五六七八九]{2}")

# The last path segment of a column page: a directory, index.html, index_3.shtml, default.htm.
COLUMN_SEGMENT = re.compile(r"^(?:|index(?:_\d+)?\.\w+|default\.\w+)$", re.IGNORECASE)

PAGINATION_TEXT = re.compile(r"^(?:首页|上一?页|下一?页|尾页|末页|\[?\d{1,4}\]?|<<?|>>?|«|»)$")

# createPageHTML(total, current, "index", "html"); TRS templates also pass variables
# (createPageHTML(countPage, currentPage, ...)) defined earlier in the same script.
CREATE_PAGE_HTML = re.compile(
    r"createPageHTML\(\s*(\w+)\s*,\s*(\w+)\s*,\s*[\"']([\w.-]+)[\"']\s*,\s*[\"'](\w+)[\"']\s*\)")
MAX_SCRIPT_PAGES = 1000
SCRIPT_NUMBER = r"(?:var|let|const)?\s*{name}\s*=\s*[\"']?(\d+)"

DATE = re.compile(r"((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")
TRS_URL_DATE = re.compile(r"/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+")

TITLE_SEPARATORS = re.compile(r"\s*[_|｜—–-]{1,2}\s*")


@dataclass(frozen=True)
class Link:
    url: str
    title: str
    published: str | None = None


@dataclass
class PageLinks:
    list_pages: list[Link] = field(default_factory=list)
    report_pages: list[Link] = field(default_factory=list)
    attachments: list[Link] = field(default_factory=list)


def discover_links(response: TextResponse, portal: Portal, *, on_report_page: bool) -> PageLinks:
    """Sort a page's links into list pages, report pages and attachments.

    On a list page an attachment is followed only when its title is a report title (lists link
    reports directly as PDFs); on a report page every attachment belongs to the report.
    """
    report_title = re.compile(portal.report_title_pattern)
    list_title = re.compile(portal.list_title_pattern)
    list_url = re.compile(portal.list_link_pattern) if portal.list_link_pattern else None
    found = PageLinks()
    seen: set[str] = set()
    for anchor in response.css("a[href]"):
        url = _absolute(response, anchor.attrib["href"])
        if url is None or url in seen or url == response.url:
            continue
        seen.add(url)
        title = link_title(anchor.attrib.get("title", ""), " ".join(anchor.css("::text").getall()))
        is_report_title = bool(report_title.search(title) and YEAR_IN_TITLE.search(title))
        if is_attachment_url(url):
            if on_report_page or is_report_title:
                found.attachments.append(Link(url, title))
        elif is_report_title and not is_column_url(url):
            item_text = " ".join(anchor.xpath("..//text()").getall())
            found.report_pages.append(Link(url, title, published_date(item_text) or url_date(url)))
        elif (list_url is not None and list_url.search(url)) or (
                is_column_url(url) and (list_title.search(title) or report_title.search(title))):
            found.list_pages.append(Link(url, title))
        elif not on_report_page and PAGINATION_TEXT.match(title) and _same_directory(url, response.url):
            found.list_pages.append(Link(url, title))
    for url in script_pagination_urls(response):
        if url not in seen:
            seen.add(url)
            found.list_pages.append(Link(url, "createPageHTML"))
    return found


def script_pagination_urls(response: TextResponse) -> list[str]:
    """The other pages a TRS `createPageHTML(total, current, prefix, ext)` call would render.

    Page 0 is `prefix.ext` and page i is `prefix_i.ext`, next to the current page; a call with
    total 1 (article templates print one) has no other page.
    """
    urls: list[str] = []
    for script in response.xpath("//script[not(@src)]/text()").getall():
        for total_arg, current_arg, prefix, extension in CREATE_PAGE_HTML.findall(script):
            total, current = _script_int(total_arg, script), _script_int(current_arg, script)
            if total is None:
                continue
            for page in range(min(total, MAX_SCRIPT_PAGES)):
                if page == current:
                    continue
                url = response.urljoin(f"{prefix}.{extension}" if page == 0 else f"{prefix}_{page}.{extension}")
                if url not in urls:
                    urls.append(url)
    return urls


def link_title(title_attribute: str, text: str) -> str:
    """The fuller of the anchor's title attribute and its text (lists cut long titles with …)."""
    title_attribute, text = _squash(title_attribute), _squash(text)
    return title_attribute if len(title_attribute) > len(text.rstrip(".…")) else text


def page_title(response: TextResponse, portal: Portal, link_title_text: str | None) -> str | None:
    """The report's title: TRS/Hanweb metadata, a heading, the link, then `<title>` without the site name.

    The first candidate that reads as a report title wins, because headings on many pages are the
    column name and `<title>` often carries the site name after a separator.
    """
    report_title = re.compile(portal.report_title_pattern)
    candidates = [
        response.xpath("//meta[@name='ArticleTitle' or @name='articletitle']/@content").get(),
        " ".join(response.css("h1 ::text").getall()),
        link_title_text,
        *TITLE_SEPARATORS.split(response.xpath("//title/text()").get() or ""),
    ]
    cleaned = [_squash(candidate) for candidate in candidates if candidate and _squash(candidate)]
    for candidate in cleaned:
        if report_title.search(candidate):
            return candidate
    return cleaned[0] if cleaned else None


def page_published(response: TextResponse, listed: str | None) -> str | None:
    """The publication date from the page's metadata, else the list's date, else a TRS URL date."""
    declared = response.xpath(
        "//meta[@name='PubDate' or @name='pubdate' or @name='publishdate' or @name='firstpublishedtime']/@content").get()
    return published_date(declared or "") or listed or url_date(response.url)


def main_text_length(response: TextResponse, content_css: str) -> int:
    """Characters of text in the article body (the first element the content selector finds)."""
    body = response.css(content_css)
    root = body[0] if body else response
    text = root.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]").getall()
    return len(re.sub(r"\s+", "", "".join(text)))


def published_date(text: str) -> str | None:
    match = DATE.search(text)
    if not match:
        return None
    year, month, day = match.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{year}-{int(month):02d}-{int(day):02d}"


def url_date(url: str) -> str | None:
    """TRS article URLs carry the publication date: `/202101/t20210118_123456.html`."""
    match = TRS_URL_DATE.search(url)
    return f"{match[1]}-{match[2]}-{match[3]}" if match else None


def is_attachment_url(url: str) -> bool:
    """The path names a document file, or a download script's parameter does (`downfile.jsp?filename=a.pdf`)."""
    parts = urlsplit(url)
    names = [parts.path] + [value for _, value in parse_qsl(parts.query)]
    return any(name.lower().endswith(ATTACHMENT_EXTENSIONS) for name in names)


def is_column_url(url: str) -> bool:
    path = urlsplit(url).path or "/"
    return bool(COLUMN_SEGMENT.match(posixpath.basename(path)))


def _same_directory(url: str, other: str) -> bool:
    return posixpath.dirname(urlsplit(url).path) == posixpath.dirname(urlsplit(other).path)


def _absolute(response: TextResponse, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    url = response.urljoin(href).split("#", 1)[0]
    return url if urlsplit(url).scheme in ("http", "https") else None


def _script_int(argument: str, script: str) -> int | None:
    if argument.isdigit():
        return int(argument)
    match = re.search(SCRIPT_NUMBER.format(name=re.escape(argument)), script)
    return int(match[1]) if match else None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
