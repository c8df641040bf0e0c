"""What a page or a crawler dump says about the report beside its body: publication date, title.

Portals print the date as "发布时间：2021-01-20 10:00", "发布日期: 2020年1月31日" or
"[ 2021-01-20 ]" near the top; crawler dumps put "标题: …" / "发布时间: …" headers before the body.
Only a labelled date is taken, so a date quoted inside the report (统计期限) is never mistaken for it.
"""
from __future__ import annotations

import re

_DATE = r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
_LABELLED_DATE = re.compile(r"(?:发布|发文|成文|公开|印发)(?:时间|日期)\s*[:：]?\s*[\[【]?\s*" + _DATE)


def iso_date(text: str | None) -> str | None:
    """`2019-01-10 16:13`, `2020年1月31日`, `2020/1/31` → `2019-01-10`; anything else → None."""
    match = re.search(_DATE, text or "")
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not (1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_published(text: str, within: int = 1500) -> str | None:
    """The first labelled publication date in the first `within` characters of `text`."""
    match = _LABELLED_DATE.search(text[:within])
    return iso_date(match.group()) if match else None


def parse_dump_header(text: str) -> tuple[dict[str, str], int]:
    """A crawler dump's `key: value` header lines, up to a `==== 正文 ====` rule.

    Returns the header fields and the offset where the body starts; ({}, 0) when the text has no
    such header, so a report that merely contains colons is never cut.
    """
    rule = re.search(r"^=+\s*正文\s*=+\s*$", text[:5000], re.MULTILINE)
    if not rule:
        return {}, 0
    fields: dict[str, str] = {}
    for line in text[:rule.start()].splitlines():
        key, sep, value = line.partition(":") if ":" in line else line.partition("：")
        if sep and key.strip():
            fields[key.strip()] = value.strip()
    return fields, rule.end() + 1
