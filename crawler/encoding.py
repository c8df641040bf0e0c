"""Which encoding a Chinese portal page is really in.

Many portals serve GB2312/GBK pages while the server's header says UTF-8 (or the reverse, after a
CMS migration), so the header and the page's `<meta>` disagree. Of the two, UTF-8 is testable: GBK
text is almost never valid UTF-8, while UTF-8 bytes often happen to be valid GBK. So when the
declarations disagree, or the one declaration does not decode the body, the body is UTF-8 if it
decodes strictly as UTF-8, and GB18030 otherwise (the superset of GB2312 and GBK, which decodes
every page of that family).
"""
from __future__ import annotations

import codecs
import re

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)


def header_charset(content_type: str | None) -> str | None:
    match = HEADER_CHARSET.search(content_type or "")
    return _canonical(match[1]) if match else None


def meta_charset(body: bytes) -> str | None:
    match = META_CHARSET.search(body[:4096])
    return _canonical(match[1].decode("ascii", "replace")) if match else None


def corrected_encoding(content_type: str | None, body: bytes) -> str | None:
    """The encoding to decode with when the declarations cannot be trusted, else None (trust them)."""
    declared = {name for name in (header_charset(content_type), meta_charset(body)) if name}
    if len(declared) == 1 and _decodes(body, next(iter(declared))):
        return None
    if not declared:
        return None
    return "utf-8" if _decodes(body, "utf-8") else "gb18030"


def _canonical(label: str) -> str | None:
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "gb18030" if name in ("gb2312", "gbk", "gb18030") else name


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True
