"""The extraction pipeline and `nianbao extract` end to end, on the real dev reports."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.catalog import catalog
from extractor.pipeline import extract_file

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "samples" / "reports"
GOLD = ROOT / "samples" / "gold"
RECORD_FIELDS = {"id", "title", "organization", "admin_level", "region", "year", "published", "template",
                 "source", "text", "metrics", "cells", "facts", "problems", "measures", "checks", "warnings"}


def scored_sources() -> list[tuple[Path, Path]]:
    """Each gold file with the source the shared scorer reads (the first by name: .pdf before .txt)."""
    pairs = []
    for gold in sorted(GOLD.glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        source = sorted(p for p in REPORTS.glob(stem + ".*"))[0]
        pairs.append((source, gold))
    return pairs


@pytest.fixture(scope="module")
def records() -> list[tuple[dict, dict]]:
    return [(extract_file(src, tagger="off"), json.loads(gold.read_text(encoding="utf-8")))
            for src, gold in scored_sources()]


def test_every_record_has_the_fields_of_record_md(records):
    for record, _ in records:
        assert RECORD_FIELDS <= set(record), RECORD_FIELDS - set(record)
        assert not record.get("error"), record.get("error")
        assert set(record["metrics"]) <= catalog().metric_ids


def test_fact_offsets_point_into_the_text(records):
    for record, _ in records:
        for fact in record["facts"]:
            assert record["text"][fact["start"]:fact["end"]] == fact["text"]


def test_table_cells_match_the_gold(records):
    right = total = 0
    for record, gold in records:
        for metric_id, value in gold["metrics"].items():
            total += 1
            got = record["metrics"].get(metric_id, "missing")
            right += got == value or (None not in (got, value) and got != "missing" and abs(got - value) <= 0.5)
    assert right / total >= 0.99, f"{right}/{total} cells right"


def test_year_and_organization_match_the_gold(records):
    for record, gold in records:
        assert record["year"] == gold["year"], record["source"]
        assert record["organization"] and (record["organization"] in gold["organization"]
                                           or gold["organization"] in record["organization"])


def test_checks_report_the_source_inconsistency_they_see(records):
    """000's table 3 has 予以公开 总计 3 over columns of 0: the column sum must fail there."""
    record = next(r for r, g in records if g.get("organization") == "港口乡人民政府")
    failed = {(c["id"], c.get("scope")) for c in record["checks"] if not c["ok"]}
    assert ("t3.column_sum", "granted") in failed, failed


def test_cli_writes_one_json_line_per_file_in_order_and_fails_after_the_batch(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj <<")  # a truncated PDF
    good = REPORTS / "002_f592ee913005bca5.txt"
    result = subprocess.run([sys.executable, "-m", "api.cli", "extract", str(bad), str(good), "--json",
                             "--tagger", "off"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1
    assert len(lines) == 2
    assert "broken.pdf" in lines[0]["error"]
    assert lines[1]["organization"] and not lines[1].get("error")
