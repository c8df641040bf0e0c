"""Realistic records for the index tests, built from the project's dev reports and their gold.

Each record is the gold of one `samples/` report (organization, year, template, metrics, facts,
problems, measures, exactly as checked by hand) with the report's own text; what the gold does
not hold is assigned here and says so: ids, sources and fetch times, and the regions of the three
reports whose gold names none (岑港街道 is in 舟山市定海区; the other two are left without a region,
as a crawl without portal configuration would leave them).
"""
from __future__ import annotations

import copy
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FETCHED_AT = "2024-05-01T08:00:00+00:00"

_ASSIGNED_REGIONS = {"004_9405448751938849": {"province": "浙江省", "city": "舟山市", "county": "定海区"}}
# NOTES.md: shanghai_office_2019's table 3 leaves the 总计 column blank, so two checks fail there
_FAILED_CHECKS = {"shanghai_office_2019": ["t3.column_sum", "t3.outcome_sum"]}


def report_text(stem: str) -> str:
    for suffix in (".txt", ".md"):
        path = SAMPLES / "reports" / f"{stem}{suffix}"
        if path.exists():
            return path.read_text(encoding="utf-8")
    html = (SAMPLES / "reports" / f"{stem}.html").read_bytes()
    return BeautifulSoup(html, "html.parser").get_text("\n", strip=True)


@lru_cache(maxsize=1)
def _dev_records() -> tuple[str, ...]:
    records = []
    for gold_path in sorted((SAMPLES / "gold").glob("*.gold.json")):
        stem = gold_path.name.removesuffix(".gold.json")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        url = f"https://example.gov.cn/xxgk/{stem}.html"
        failed = _FAILED_CHECKS.get(stem, [])
        record = {
            "id": hashlib.sha1(url.encode()).hexdigest(),
            "title": gold.get("title") or f"{gold['organization']}{gold['year']}年政府信息公开工作年度报告",
            "organization": gold["organization"],
            "admin_level": gold["admin_level"],
            "region": gold.get("region") or _ASSIGNED_REGIONS.get(stem, {}),
            "year": gold["year"],
            "published": None,
            "template": gold["template"],
            "source": {"url": url, "format": "html", "sha256": None, "fetched_at": FETCHED_AT},
            "text": report_text(stem),
            "metrics": gold["metrics"],
            "facts": gold["facts"],
            "problems": gold["problems"],
            "measures": gold["measures"],
            "checks": [{"id": check, "ok": check not in failed} for check in ("t3.balance", "t3.column_sum",
                                                                               "t3.outcome_sum")]
            if gold["metrics"] else [],
            "warnings": [],
            "stem": stem,
        }
        records.append(json.dumps(record, ensure_ascii=False))
    return tuple(records)


def dev_records() -> list[dict[str, Any]]:
    """Fresh copies (tests may change them) of the nine dev records."""
    return [json.loads(r) for r in _dev_records()]


def by_stem(records: list[dict[str, Any]], stem: str) -> dict[str, Any]:
    return next(copy.deepcopy(r) for r in records if r["stem"] == stem)


def constructed(record_id: str, text: str, **fields: Any) -> dict[str, Any]:
    """A small record written by a test, to show one behaviour on a text it controls."""
    record = {"id": record_id, "title": f"{record_id}政府信息公开工作年度报告", "organization": f"{record_id}人民政府",
              "admin_level": "county", "region": {"province": "甲省", "city": "乙市", "county": record_id},
              "year": 2021, "template": "2021",
              "source": {"url": f"https://example.gov.cn/{record_id}.html", "format": "html", "fetched_at": FETCHED_AT},
              "text": text, "metrics": {}, "facts": [], "problems": [], "measures": [], "checks": [], "warnings": []}
    record.update(fields)
    return record
