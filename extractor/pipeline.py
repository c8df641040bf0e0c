"""From a source document to the record of `record.md`: convert, read tables, check, read prose.

Each stage is a module of its own; this one only orders them and turns any failure of one
document into a record with an `error`, so a batch never stops on a bad file.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from extractor.checks import evaluate_checks
from extractor.convert import MAX_SOURCE_BYTES, convert_bytes, detect_format
from extractor.document import ConversionError, Document
from extractor.metadata import read_metadata
from extractor.prose import prose_reader
from extractor.sections import split_sections
from extractor.tables import read_tables

log = logging.getLogger(__name__)


@dataclass
class SourceInfo:
    """What the caller knows about a document beyond its bytes (the crawler knows the most)."""

    url: str | None = None
    fetched_at: str | None = None
    region: dict[str, str] = field(default_factory=dict)  # from the portal's configuration
    title: str | None = None  # the title a list page gave the link
    published: str | None = None


def record_id(url: str | None, data: bytes) -> str:
    """sha1 of the canonical source URL, or of the bytes when there is no URL (record.md)."""
    return hashlib.sha1(url.encode("utf-8") if url else data).hexdigest()


def extract_file(path: str | Path, *, tagger: str = "on", source: SourceInfo | None = None) -> dict[str, Any]:
    """Extract one file; never raises for a bad document (the record carries `error`)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise ConversionError(f"{path}: {size} bytes is over the {MAX_SOURCE_BYTES}-byte limit for one report")
        data = path.read_bytes()
    except OSError as exc:
        return _error_record(str(path), b"", None, f"{path}: cannot read: {exc.strerror or exc}")
    except ConversionError as exc:
        return _error_record(str(path), str(path).encode(), None, str(exc))
    return extract_bytes(data, path.name, tagger=tagger, source=source)


def extract_bytes(data: bytes, name: str, *, tagger: str = "on", source: SourceInfo | None = None) -> dict[str, Any]:
    """Extract one document given as bytes; `name` (a file name or URL) names it in errors."""
    source = source or SourceInfo()
    fmt = None
    try:
        fmt = detect_format(data, name)
        document = convert_bytes(data, name, fmt)
        return build_record(document, data, fmt, tagger=tagger, source=source)
    except ConversionError as exc:
        return _error_record(name, data, fmt, str(exc), source)
    except Exception as exc:  # one bad document must never stop a batch
        log.exception("extracting %s failed", name)
        return _error_record(name, data, fmt, f"{name}: extraction failed: {type(exc).__name__}: {exc}", source)


def build_record(document: Document, data: bytes, fmt: str, *, tagger: str, source: SourceInfo) -> dict[str, Any]:
    text = document.text
    warnings = list(document.warnings)
    sections = split_sections(text)
    tables = read_tables(document)
    warnings += tables.warnings
    meta = read_metadata(document, sections, source_title=source.title)
    warnings += meta.warnings
    region = _merge_region(source.region, meta.region, warnings)
    findings = prose_reader(tagger, warnings).read(text, sections)
    warnings += findings.warnings
    template = report_template(meta.year, tables.templates)
    return {
        "id": record_id(source.url, data),
        "title": meta.title,
        "organization": meta.organization,
        "admin_level": meta.admin_level,
        "region": region,
        "year": meta.year,
        "published": source.published or meta.published,
        "template": template,
        "table_templates": {str(k): v for k, v in tables.templates.items()},
        "source": {
            "url": source.url,
            "format": fmt,
            "sha256": hashlib.sha256(data).hexdigest(),
            "fetched_at": source.fetched_at or datetime.now(timezone.utc).isoformat(timespec="seconds"),
        },
        "text": text,
        "sections": {str(n): [s.start, s.end] for n, s in sections.spans.items()},
        "metrics": tables.metrics,
        "cells": tables.cells,
        "facts": [fact.as_record() for fact in findings.facts],
        "problems": findings.problems,
        "measures": findings.measures,
        "checks": evaluate_checks(tables.metrics, tables.templates.get(3)),
        "warnings": warnings,
    }


def report_template(year: int | None, table_templates: dict[int, str]) -> str:
    """The template the report follows: the one its year mandates, else what its tables show.

    Tables are detected one by one (a 2023 report may carry a 2019 table 3), but the report as a
    whole is filed under the version in force for its year, even when its tables were lost on
    the way (a page that dropped them, a cut-off text): the State Council fixed the format by
    year. Reports on years before 2019 are `legacy`, and so is a report with neither a year nor a
    standard table.
    """
    if year is not None:
        return "legacy" if year < 2019 else "2021" if year >= 2021 else "2019"
    return table_templates.get(2) or table_templates.get(3) or "legacy"


def _merge_region(configured: dict[str, str], from_text: dict[str, str], warnings: list[str]) -> dict[str, str]:
    """The portal's configuration wins; a text that names another place is a warning (record.md)."""
    region = dict(from_text)
    for level, name in configured.items():
        if name and region.get(level) and region[level] != name:
            warnings.append(f"region: the portal says {level} {name}, the text says {region[level]}")
        if name:
            region[level] = name
    return region


def _error_record(name: str, data: bytes, fmt: str | None, message: str,
                  source: SourceInfo | None = None) -> dict[str, Any]:
    source = source or SourceInfo()
    return {
        "id": record_id(source.url, data or name.encode("utf-8")),
        "title": None, "organization": None, "admin_level": None, "region": dict(source.region),
        "year": None, "published": None, "template": None,
        "source": {"url": source.url, "format": fmt, "sha256": hashlib.sha256(data).hexdigest() if data else None,
                   "fetched_at": source.fetched_at, "file": name},
        "text": "", "metrics": {}, "cells": {}, "facts": [], "problems": [], "measures": [],
        "checks": [], "warnings": [], "error": message,
    }
