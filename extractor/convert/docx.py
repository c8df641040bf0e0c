"""Word (DOCX) reports: the body's paragraphs and tables in order, merged cells resolved.

python-docx's `row.cells` repeats a merged cell in every position it covers and hides which copy
is the real one, so the body XML is walked directly: `w:gridSpan` widens a cell, a `w:vMerge`
without `restart` continues the cell above, `w:gridBefore` leaves leading grid columns empty.
Content controls, smart tags and inserted revisions are looked through; deleted revisions,
field codes and text boxes are not text of the body.

A DOCX is a zip archive: the declared uncompressed sizes are checked before anything is
inflated, so a zip bomb is refused instead of filling memory.
"""
from __future__ import annotations

import io
import re
import zipfile
from typing import Iterator

from lxml import etree

from extractor.convert.grid import SpanCell
from extractor.convert.textnorm import clean_cell, clean_line
from extractor.document import Block, ConversionError, Document, Paragraph, Table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": W, "dc": "http://purl.org/dc/elements/1.1/"}
# Largest inflated size accepted for one part and for all parts read; real reports are < 5 MB.
MAX_PART_BYTES = 64 * 1024 * 1024
# A compression ratio no text document reaches (XML compresses ~10-30x).
MAX_RATIO = 200
_TRANSPARENT = {f"{{{W}}}{tag}" for tag in ("sdt", "sdtContent", "customXml", "smartTag", "ins", "hyperlink",
                                             "fldSimple")}
_SKIPPED = {f"{{{W}}}{tag}" for tag in ("del", "delText", "instrText", "txbxContent", "pPr", "rPr", "sdtPr")}


def convert(data: bytes, name: str) -> Document:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        body_xml = _read_part(archive, "word/document.xml", name)
        core_xml = _read_part(archive, "docProps/core.xml", name) if "docProps/core.xml" in archive.namelist() else b""
    except zipfile.BadZipFile as exc:
        raise ConversionError(f"{name}: a damaged DOCX archive: {exc}") from exc
    body = _parse(body_xml, name).find("w:body", _NS)
    if body is None:
        raise ConversionError(f"{name}: word/document.xml has no w:body")
    blocks = list(_blocks(body))
    return Document(blocks=blocks, source_format="docx", title_hint=_core_title(core_xml, name))


def _read_part(archive: zipfile.ZipFile, part: str, name: str) -> bytes:
    try:
        info = archive.getinfo(part)
    except KeyError:
        raise ConversionError(f"{name}: the DOCX has no {part}") from None
    if info.file_size > MAX_PART_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1) + 1024 * 1024:
        raise ConversionError(f"{name}: {part} would inflate to {info.file_size} bytes from {info.compress_size} "
                              f"(a zip bomb or a damaged archive); refused")
    # zipfile stops at the declared size and checks the CRC, so a lying header cannot inflate more.
    return archive.read(part)


def _parse(xml: bytes, name: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise ConversionError(f"{name}: word/document.xml is not well-formed XML: {exc}") from exc


def _blocks(container: etree._Element) -> Iterator[Block]:
    """Paragraphs and tables of a body (or a content control) in document order."""
    for child in container:
        if child.tag == f"{{{W}}}p":
            text = clean_line(_paragraph_text(child))
            if text:
                yield Paragraph(text)
        elif child.tag == f"{{{W}}}tbl":
            yield read_table(child)
        elif child.tag in _TRANSPARENT:
            yield from _blocks(child)


def _paragraph_text(paragraph: etree._Element) -> str:
    parts: list[str] = []
    _collect_text(paragraph, parts)
    return "".join(parts)


def _collect_text(element: etree._Element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIPPED or not isinstance(tag, str):
            continue
        if tag == f"{{{W}}}t":
            parts.append(child.text or "")
        elif tag == f"{{{W}}}tab":
            parts.append(" ")
        elif tag in (f"{{{W}}}br", f"{{{W}}}cr"):
            parts.append("\n")
        elif tag.startswith("{http://schemas.openxmlformats.org/markup-compatibility/2006}") \
                and tag.endswith("Fallback"):
            continue
        else:
            _collect_text(child, parts)


def read_table(table: etree._Element) -> Table:
    """The table's grid: horizontal spans from gridSpan, vertical ones from vMerge continuations."""
    rows: list[list[tuple[int, SpanCell, str | None]]] = []  # (grid column, cell, vMerge value)
    for row in _children(table, "tr"):
        before = _int_val(row.find("w:trPr/w:gridBefore", _NS), 0)
        column = before
        cells = []
        for cell in _children(row, "tc"):
            span = max(1, _int_val(cell.find("w:tcPr/w:gridSpan", _NS), 1))
            merge = cell.find("w:tcPr/w:vMerge", _NS)
            merge_value = None if merge is None else (merge.get(f"{{{W}}}val") or "continue")
            cells.append((column, SpanCell(_cell_text(cell), 1, span), merge_value))
            column += span
        rows.append(cells)
    return _resolve(rows)


def _resolve(rows: list[list[tuple[int, SpanCell, str | None]]]) -> Table:
    """Fill grid and origin: a continuation cell points at the origin found above it."""
    grid: list[list[str]] = []
    origin: list[list[tuple[int, int]]] = []
    for r, cells in enumerate(rows):
        width = max((column + cell.colspan for column, cell, _ in cells), default=0)
        grid.append([""] * width)
        origin.append([(r, c) for c in range(width)])
        for column, cell, merge in cells:
            above = origin[r - 1][column] if r and merge == "continue" and column < len(origin[r - 1]) else None
            for c in range(column, column + cell.colspan):
                if above is not None:
                    source_r, source_c = above
                    grid[r][c] = grid[source_r][source_c]
                    origin[r][c] = above
                else:
                    grid[r][c] = cell.text
                    origin[r][c] = (r, column)
    return Table(grid=grid, origin=origin)


def _cell_text(cell: etree._Element) -> str:
    """A cell's paragraphs (and any nested table's text) as lines for the CJK-aware join."""
    lines: list[str] = []
    for block in _blocks(cell):
        lines.append(block.text if isinstance(block, Paragraph) else block.to_text())
    return clean_cell("\n".join(lines))


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Direct children named `tag`, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == f"{{{W}}}{tag}":
            yield child
        elif child.tag in _TRANSPARENT:
            inner = child.find("w:sdtContent", _NS) if child.tag == f"{{{W}}}sdt" else child
            if inner is not None:
                yield from _children(inner, tag)


def _int_val(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    match = re.match(r"\d+", element.get(f"{{{W}}}val") or "")
    return int(match.group()) if match else default


def _core_title(core_xml: bytes, name: str) -> str | None:
    if not core_xml:
        return None
    try:
        title = _parse(core_xml, name).find("dc:title", _NS)
    except ConversionError:
        return None  # damaged metadata costs the title hint, not the report
    text = clean_line(title.text or "") if title is not None else ""
    return re.sub(r"^Microsoft Word - |\.(?:docx?|wps)$", "", text) or None
