"""Every input format turned into the one `Document` model (see `extractor.document`).

`detect_format` picks the converter from the bytes, `convert_bytes` runs it. Each format has its
own module exposing `convert(data, name) -> Document`; they are imported on first use so that
reading a text file never loads the PDF stack. Whatever goes wrong inside a converter leaves as a
`ConversionError` naming the file, so the pipeline can write an error record and go on.
"""
from __future__ import annotations

import importlib
import logging

from extractor.convert.sniff import FORMATS, detect_format
from extractor.document import ConversionError, Document

__all__ = ["FORMATS", "MAX_SOURCE_BYTES", "convert_bytes", "detect_format"]

log = logging.getLogger(__name__)

# The largest real reports (scanned PDFs with images) stay well under this; anything bigger is an
# archive, a video or a mistake, and is refused before any parser reads it.
MAX_SOURCE_BYTES = 40 * 1024 * 1024

# format -> (module, function) taking (data, name) and returning a Document.
_CONVERTERS = {"html": ("html", "convert"), "pdf": ("pdf", "convert"), "docx": ("docx", "convert"),
               "doc": ("office", "convert_doc"), "wps": ("office", "convert_wps"), "txt": ("text", "convert")}


def convert_bytes(data: bytes, name: str, fmt: str) -> Document:
    """Convert one source of format `fmt` (from `detect_format`); `name` names it in errors."""
    if fmt not in _CONVERTERS:
        raise ConversionError(f"{name}: unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if len(data) > MAX_SOURCE_BYTES:
        raise ConversionError(f"{name}: {len(data)} bytes is over the {MAX_SOURCE_BYTES}-byte limit for one report")
    if not data:
        raise ConversionError(f"{name}: the file is empty")
    module_name, function_name = _CONVERTERS[fmt]
    converter = getattr(importlib.import_module(f"extractor.convert.{module_name}"), function_name)
    try:
        document = converter(data, name)
    except ConversionError:
        raise
    except Exception as exc:  # a parser's own exception types are many; the caller needs one
        log.warning("%s: %s converter failed", name, fmt, exc_info=True)
        raise ConversionError(f"{name}: the {fmt} converter failed: {type(exc).__name__}: {exc}") from exc
    if not document.text.strip():
        raise ConversionError(f"{name}: no text found in the {fmt} document")
    return document
