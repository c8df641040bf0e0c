"""Which converter a source needs, decided by its bytes first and its name second.

Portals serve reports under misleading names: Word-exported HTML saved as `.doc`, RTF as `.doc`,
WPS files as `.doc`, pages whose URL ends in `.jsp`. The magic bytes decide the family; the name
only separates what the bytes cannot (an OLE2 container holds .doc, .wps, .xls alike) and whether
a tag-less text file served as a web page goes to the HTML converter.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from extractor.convert.encoding import decode_bytes
from extractor.document import ConversionError

FORMATS = ("html", "pdf", "docx", "doc", "wps", "txt")

_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_OLE2_REPORT_SUFFIXES = {".doc": "doc", ".dot": "doc", ".wps": "wps", ".wpt": "wps"}
_WEB_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml", ".jsp", ".php", ".asp", ".aspx", ".do"}
_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|span|h[1-6]|br|font|center)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body)[\s>]", re.IGNORECASE)
_SAMPLE = 64 * 1024


def suffix_of(name: str) -> str:
    """The lower-case extension of a file name or of a URL's path ("" when there is none)."""
    path = urlsplit(name).path if "://" in name else name
    return PurePosixPath(path).suffix.lower()


def detect_format(data: bytes, name: str) -> str:
    """One of FORMATS; ConversionError naming the file when the bytes are no report format."""
    if not data:
        raise ConversionError(f"{name}: the file is empty")
    head = data[:1024]
    suffix = suffix_of(name)
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data, name)
    if data.startswith(_OLE2):
        if suffix in _OLE2_REPORT_SUFFIXES or suffix not in {".xls", ".xlsx", ".et", ".ppt", ".dps", ".msg"}:
            return _OLE2_REPORT_SUFFIXES.get(suffix, "doc")
        raise ConversionError(f"{name}: an OLE2 {suffix} file is a spreadsheet/presentation, not a report document")
    if data.lstrip().startswith(b"{\\rtf"):
        return "doc"  # RTF saved as .doc: LibreOffice reads it like a Word file
    if _HTML_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")) or _HTML_ANYWHERE.search(data[:8192]):
        return "html"
    if _looks_like_text(data[:_SAMPLE]):
        return "html" if suffix in _WEB_SUFFIXES else "txt"
    raise ConversionError(
        f"{name}: unrecognised binary content (no PDF, Word, WPS or HTML signature"
        + (f"; the {suffix} extension does not match the bytes)" if suffix else ")")
    )


def _zip_format(data: bytes, name: str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ConversionError(f"{name}: a damaged zip/DOCX archive: {exc}") from exc
    if "word/document.xml" in names:
        return "docx"
    raise ConversionError(f"{name}: a zip archive without word/document.xml is not a DOCX report")


def _looks_like_text(sample: bytes) -> bool:
    """Text decodes with few replacements and carries almost no control characters."""
    decoded = decode_bytes(sample)
    text = decoded.text
    if not text.strip():
        return False
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bad <= max(1, len(text) // 200)
