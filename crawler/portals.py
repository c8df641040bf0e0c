"""Portals as configuration: one YAML file lists the portals to crawl.

Everything that differs between portals (where to start, which domains, which region the
reports belong to, optional URL or title hints) lives here, so the spider holds no knowledge of
any single portal. A bad entry is refused with a message naming the file, the entry and the key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

REGION_LEVELS = ("province", "city", "county")

# Titles of annual reports vary ("政府信息公开工作年度报告", "政务公开工作年度报告", "信息公开年报",
# "政府信息公开年度报告", "...工作报告"): a disclosure word, then a report word.
DEFAULT_REPORT_TITLE_PATTERN = r"(政府信息|政务|信息)公开.{0,20}?(年度?报告|年报|工作报告)"

# Column (list page) names: "政府信息公开年报", "年度报告", "政府信息公开工作年度报告".
DEFAULT_LIST_TITLE_PATTERN = r"年报|年度报告"

# Where TRS, Hanweb and common CMS templates put the article body.
DEFAULT_CONTENT_CSS = "div.TRS_Editor, #zoom, div.article-content, div.content, article"


class PortalConfigError(ValueError):
    """The portals file cannot be used; the message names the file, the entry and the key."""


@dataclass(frozen=True)
class Portal:
    name: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    region: dict[str, str] = field(default_factory=dict)
    list_link_pattern: str | None = None
    report_title_pattern: str = DEFAULT_REPORT_TITLE_PATTERN
    list_title_pattern: str = DEFAULT_LIST_TITLE_PATTERN
    content_css: str = DEFAULT_CONTENT_CSS

    def as_dict(self) -> dict[str, Any]:
        """The entry as the YAML would write it (what the crawl child process receives)."""
        return {
            "name": self.name, "start_urls": list(self.start_urls), "allowed_domains": list(self.allowed_domains),
            "region": dict(self.region), "list_link_pattern": self.list_link_pattern,
            "report_title_pattern": self.report_title_pattern, "list_title_pattern": self.list_title_pattern,
            "content_css": self.content_css,
        }


def load_portals(path: Path, only: str | None = None) -> list[Portal]:
    """Read and validate a portals file; `only` keeps the portal of that name (an error if absent)."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise PortalConfigError(f"{path}: cannot read the portals file: {exc.strerror or exc}") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PortalConfigError(f"{path}: not valid YAML: {exc}") from exc
    if isinstance(raw, dict) and "portals" in raw:
        raw = raw["portals"]
    if not isinstance(raw, list) or not raw:
        raise PortalConfigError(f"{path}: expected a non-empty list of portals")
    portals = [parse_portal(entry, f"{path}: portal #{number}") for number, entry in enumerate(raw, 1)]
    names = [portal.name for portal in portals]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise PortalConfigError(f"{path}: portal names must be unique: {', '.join(duplicated)} repeated")
    if only is None:
        return portals
    chosen = [portal for portal in portals if portal.name == only]
    if not chosen:
        raise PortalConfigError(f"{path}: no portal named {only!r} (have: {', '.join(names)})")
    return chosen


def parse_portal(entry: Any, where: str) -> Portal:
    if not isinstance(entry, dict):
        raise PortalConfigError(f"{where}: expected a mapping with name and start_urls")
    known = {"name", "region", "start_urls", "allowed_domains", "list_link_pattern", "report_title_pattern",
             "list_title_pattern", "content_css"}
    unknown = sorted(set(entry) - known)
    if unknown:
        raise PortalConfigError(f"{where}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    name = entry.get("name")
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
        raise PortalConfigError(f"{where}: name must be letters, digits, '_', '.' or '-', got {name!r}")
    where = f"{where} ({name})"
    start_urls = _string_list(entry.get("start_urls"), f"{where}: start_urls")
    for url in start_urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise PortalConfigError(f"{where}: start_urls: {url!r} is not an http(s) URL")
    if entry.get("allowed_domains") is None:
        allowed = tuple(dict.fromkeys(urlsplit(url).hostname or "" for url in start_urls))
    else:
        allowed = tuple(_string_list(entry["allowed_domains"], f"{where}: allowed_domains"))
    for domain in allowed:
        if "/" in domain or ":" in domain:
            raise PortalConfigError(f"{where}: allowed_domains: {domain!r} must be a host name, without scheme or port")
    return Portal(
        name=name, start_urls=tuple(start_urls), allowed_domains=allowed,
        region=_region(entry.get("region"), f"{where}: region"),
        list_link_pattern=_pattern(entry.get("list_link_pattern"), None, f"{where}: list_link_pattern"),
        report_title_pattern=_pattern(entry.get("report_title_pattern"), DEFAULT_REPORT_TITLE_PATTERN,
                                      f"{where}: report_title_pattern"),
        list_title_pattern=_pattern(entry.get("list_title_pattern"), DEFAULT_LIST_TITLE_PATTERN,
                                    f"{where}: list_title_pattern"),
        content_css=_text(entry.get("content_css"), DEFAULT_CONTENT_CSS, f"{where}: content_css"),
    )


def _string_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise PortalConfigError(f"{where}: expected a non-empty list of strings, got {value!r}")
    return [v.strip() for v in value]


def _region(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PortalConfigError(f"{where}: expected a mapping of {', '.join(REGION_LEVELS)}")
    unknown = sorted(set(value) - set(REGION_LEVELS) - {"code"})
    if unknown:
        raise PortalConfigError(f"{where}: unknown level(s) {', '.join(map(str, unknown))}")
    return {str(level): str(name) for level, name in value.items() if name}


def _pattern(value: Any, default: str | None, where: str) -> str | None:
    if value is None:
        return default
    if not isinstance(value, str):
        raise PortalConfigError(f"{where}: expected a regular expression string, got {value!r}")
    try:
        re.compile(value)
    except re.error as exc:
        raise PortalConfigError(f"{where}: invalid regular expression {value!r}: {exc}") from exc
    return value


def _text(value: Any, default: str, where: str) -> str:
    if value is None:
        return default
    if not isinstance(value, str) or not value.strip():
        raise PortalConfigError(f"{where}: expected a non-empty string, got {value!r}")
    return value
