"""Portal pages: find the article body, drop the page furniture, read paragraphs and tables.

A report page carries the report inside a page of navigation, headers, sidebars and footers. The
body is found first by the containers that portal systems name (TRS WCM's `div.TRS_Editor`,
`#zoom`, `.article`, `.content`…), then, when none holds enough text, by text density: each
paragraph scores its parent in full and its grandparent by half, so the element directly holding
most of the prose wins over the page that merely contains it, and link-heavy blocks lose.

Inside the body, a `<table>` is a data table unless it is layout: a single cell, or a table holding
other tables, whose content is read as ordinary blocks. Word-exported HTML (`<o:p>`, `mso-`
styles, conditional comments, one number split over several `<span>`s) needs no special case:
comments and hidden elements are dropped and inline pieces are concatenated as a browser would.
"""
from __future__ import annotations

import re
from typing import Iterator

import lxml.html
from lxml import etree

from extractor.convert.encoding import decode_bytes
from extractor.convert.grid import SpanCell, resolve_spans
from extractor.convert.hints import find_published, iso_date
from extractor.convert.textnorm import clean_cell, clean_line, collapse_markup_whitespace
from extractor.document import Block, ConversionError, Document, Paragraph, Table

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

_DROPPED_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
                 "input", "select", "button", "textarea", "head"}
_FURNITURE_TAGS = {"nav", "header", "footer", "aside"}
# Containers a page's frame is built of; matched as whole tokens of class or id.
_FURNITURE_NAME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumb|crumbs?|position|location|header|head|top|footer|foot|bottom|"
    r"sidebar|side|share|toolbar|print|pagination|pager|copyright|related|links?)(?:$|[\s_-])",
    re.IGNORECASE,
)
_FURNITURE_CONTAINERS = {"div", "ul", "ol", "section", "span", "dl", "p", "form", "table"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.IGNORECASE)

# Body containers portal systems name, best first; a group's longest match wins.
_BODY_CLASSES = (("TRS_Editor", "TRS_UEDITOR", "trs_editor_view", "trs_paper_default"),
                 ("zoom", "UCAP-CONTENT", "Zoom", "zoomcon", "fontzoom"),
                 ("article", "article-content", "articleContent", "article_content", "art_con", "con_text",
                  "zw", "zwnr", "wzcon", "detail", "detail-content", "main-content", "pages_content",
                  "view", "content", "contents", "txt", "text"))
# A named container shorter than this (and than a third of the densest block) is a summary box.
MIN_BODY_CHARS = 200

_BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th",
               "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "center", "caption", "tbody", "thead",
               "tfoot", "table", "hr", "address", "figure", "figcaption", "body", "html"}
_PARAGRAPH_TAGS = {"p", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "dd", "dt"}


def convert(data: bytes, name: str) -> Document:
    declared = _META_CHARSET.search(data[:4096])
    decoded = decode_bytes(data, declared.group(1).decode("ascii") if declared else None)
    source = _XML_DECLARATION.sub("", decoded.text)
    try:
        root = lxml.html.document_fromstring(source)
    except (etree.ParserError, ValueError) as exc:
        raise ConversionError(f"{name}: not a readable HTML page: {exc}") from exc
    title = _title(root)
    published = _meta(root, "PubDate", "pubdate", "publishdate", "firstpublishedtime")
    _drop_invisible(root)
    body = find_body(root)
    document = Document(blocks=_Blocks(body).blocks, source_format="html",
                        warnings=[f"{name}: {decoded.warning}"] if decoded.warning else [])
    document.title_hint = title or _title_from_first_paragraph(document.blocks)
    page_text = clean_line(root.text_content())
    document.published_hint = iso_date(published) or find_published(document.text) \
        or find_published(page_text, within=len(page_text))
    return document


def find_body(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The element holding the report: a named portal container, else the densest text block."""
    named = _named_body(root)
    if named is not None and _text_length(named) >= MIN_BODY_CHARS:
        _drop_furniture(named, keep=named)
        return named
    _drop_furniture(root, keep=named)
    densest = _densest_block(root)
    if named is not None and _text_length(named) * 3 >= _text_length(densest):
        return named
    return densest


def _named_body(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    for group in _BODY_CLASSES:
        matches = [element for token in group for element in root.xpath(
            "//*[contains(concat(' ', normalize-space(@class), ' '), $token) or @id=$name]",
            token=f" {token} ", name=token)]
        if matches:
            return max(matches, key=_text_length)
    return None


def _densest_block(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    scores: dict[lxml.html.HtmlElement, float] = {}
    for unit, length in _text_units(root):
        parent = unit.getparent() if _tag(unit) in _PARAGRAPH_TAGS else unit
        if parent is None:
            parent = unit
        scores[parent] = scores.get(parent, 0.0) + length
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0.0) + length / 2
    if not scores:
        return root.body if root.find("body") is not None else root
    return max(scores, key=lambda element: scores[element] * (1 - _link_density(element)))


def _text_units(element: lxml.html.HtmlElement) -> Iterator[tuple[lxml.html.HtmlElement, int]]:
    """Paragraph-like elements with their text length, and containers' own loose text."""
    if _tag(element) in _PARAGRAPH_TAGS:
        yield element, len(clean_line(element.text_content()))
        return
    loose = len(clean_line((element.text or "") + "".join(child.tail or "" for child in element)))
    if loose:
        yield element, loose
    for child in element:
        if isinstance(child.tag, str):
            yield from _text_units(child)


def _link_density(element: lxml.html.HtmlElement) -> float:
    total = _text_length(element)
    linked = sum(len(clean_line(link.text_content())) for link in element.iter("a"))
    return min(1.0, linked / total) if total else 1.0


def _text_length(element: lxml.html.HtmlElement) -> int:
    return len(clean_line(element.text_content()))


def _drop_invisible(root: lxml.html.HtmlElement) -> None:
    """Scripts, styles, comments (Word's conditional comments too) and hidden elements."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            _drop(element)
        elif _tag(element) in _DROPPED_TAGS or element.get("hidden") is not None \
                or _HIDDEN_STYLE.search(element.get("style") or ""):
            _drop(element)


def _drop_furniture(root: lxml.html.HtmlElement, keep: lxml.html.HtmlElement | None) -> None:
    """Navigation, headers, footers and sidebars below `root`, sparing anything holding `keep`.

    Furniture is by nature a small part of a page: an element named like furniture that holds most
    of the page's text is a misnamed wrapper of the article (`<div id="print_area">`) and stays.
    """
    page_length = _text_length(root)
    for element in list(root.iter()):
        if element is root or not isinstance(element.tag, str) or element.getparent() is None:
            continue
        if keep is not None and (element is keep or keep in element.iterdescendants()):
            continue
        tag = _tag(element)
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if (tag in _FURNITURE_TAGS or (tag in _FURNITURE_CONTAINERS and _FURNITURE_NAME.search(names))) \
                and _text_length(element) * 2 <= page_length:
            _drop(element)


def _drop(element: etree._Element) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


class _Blocks:
    """Walks the body once, emitting a paragraph for each line of text and a Table for each data table."""

    def __init__(self, body: lxml.html.HtmlElement) -> None:
        self.blocks: list[Block] = []
        self._line: list[str] = []
        self._visit(body)
        self._flush()

    def _visit(self, element: lxml.html.HtmlElement) -> None:
        tag = _tag(element)
        if tag == "br":
            self._flush()
            return
        if tag == "table" and _is_data_table(element):
            self._flush()
            self.blocks.append(read_table(element))
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        self._line.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                self._visit(child)
            self._line.append(child.tail or "")
        if tag in _BLOCK_TAGS:
            self._flush()

    def _flush(self) -> None:
        text = clean_line(collapse_markup_whitespace("".join(self._line)))
        self._line = []
        if text:
            self.blocks.append(Paragraph(text))


def _is_data_table(table: lxml.html.HtmlElement) -> bool:
    """Layout tables (one cell, or tables around tables) only frame content."""
    if table.xpath(".//table"):
        return False
    return len(table.xpath(".//td | .//th")) > 1


def read_table(table: lxml.html.HtmlElement) -> Table:
    rows = [[SpanCell(_cell_text(cell), _span(cell, "rowspan"), _span(cell, "colspan"))
             for cell in row.xpath("./td | ./th")]
            for row in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")]
    return resolve_spans(rows)


def _span(cell: lxml.html.HtmlElement, attribute: str) -> int:
    match = re.match(r"\s*(\d+)", cell.get(attribute) or "")
    return int(match.group(1)) if match else 1


def _cell_text(cell: lxml.html.HtmlElement) -> str:
    """A cell's text with its line breaks (<br>, paragraphs) kept for the CJK-aware join."""
    return clean_cell(Document(blocks=_Blocks(cell).blocks, source_format="html").text)


def _meta(root: lxml.html.HtmlElement, *names: str) -> str | None:
    for name in names:
        for element in root.xpath("//meta[translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
                                  "'abcdefghijklmnopqrstuvwxyz')=$name]", name=name.lower()):
            content = clean_line(element.get("content") or "")
            if content:
                return content
    return None


def _title(root: lxml.html.HtmlElement) -> str | None:
    """The page's own title: ArticleTitle meta, else the first <h1>, else <title> minus the site name."""
    title = _meta(root, "ArticleTitle")
    if title:
        return title
    for heading in root.iter("h1"):
        text = clean_line(heading.text_content())
        if text:
            return text
    page_title = root.find(".//title")
    if page_title is not None:
        text = clean_line(page_title.text_content())
        # "2021年度报告_政府信息公开_XX市人民政府": the report first, the site's path after.
        first = re.split(r"\s*(?:_|\||－|--| - | – | — )\s*", text)[0].strip()
        return first or text or None
    return None


def _title_from_first_paragraph(blocks: list[Block]) -> str | None:
    """A page without title markup usually opens with the report's name as its first line."""
    for block in blocks[:3]:
        if isinstance(block, Paragraph) and len(block.text) <= 60 and "报告" in block.text:
            return block.text
    return None
