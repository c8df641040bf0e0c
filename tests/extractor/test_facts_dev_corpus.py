"""The rule reader on every dev report, converted as the pipeline converts it, against the hand-checked gold.

Matching follows the shared scorer: a fact matches a gold fact of the same type and value (within
0.5) whose label it carries; items match one to one by character similarity of at least 0.6.
"""
from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from extractor.findings import Findings
from extractor.prose import prose_reader
from extractor.sections import split_sections

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAME_ITEM = 0.6


def scored_sources() -> list[tuple[Path, Path]]:
    """Each gold file with the source the shared scorer reads (the first by name: .pdf before .txt)."""
    pairs = []
    for gold in sorted((SAMPLES / "gold").glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        pairs.append((sorted((SAMPLES / "reports").glob(stem + ".*"))[0], gold))
    return pairs


@pytest.fixture(scope="module")
def readings(request) -> dict[str, tuple[str, Findings, dict]]:
    convert = request.getfixturevalue("convert")
    result = {}
    for source, gold in scored_sources():
        text = convert(source.read_bytes(), source.name).text
        findings = prose_reader("off", []).read(text, split_sections(text))
        result[source.name] = (text, findings, json.loads(gold.read_text(encoding="utf-8")))
    return result


def matched_facts(findings: Findings, gold: dict) -> int:
    used: set[int] = set()
    for wanted in gold.get("facts", []):
        for index, fact in enumerate(findings.facts):
            if index in used or fact.type != wanted["type"] or abs(fact.value - wanted["value"]) > 0.5:
                continue
            if wanted.get("label") and wanted["label"] != fact.label:
                continue
            used.add(index)
            break
    return len(used)


def matched_items(got: list[str], wanted: list[str]) -> int:
    used: set[int] = set()
    for item in wanted:
        ratios = [(difflib.SequenceMatcher(None, item, other, autojunk=False).ratio(), index)
                  for index, other in enumerate(got) if index not in used]
        best = max(ratios, default=(0.0, None))
        if best[1] is not None and best[0] >= SAME_ITEM:
            used.add(best[1])
    return len(used)


def f1(right: int, found: int, wanted: int) -> float:
    precision = right / found if found else float(not wanted)
    recall = right / wanted if wanted else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def test_fact_spans_are_exact_substrings_of_the_record_text(readings):
    for text, findings, _ in readings.values():
        for fact in findings.facts:
            assert text[fact.start:fact.end] == fact.text


def test_facts_f1_over_the_dev_corpus(readings):
    right = found = wanted = 0
    for _, findings, gold in readings.values():
        right += matched_facts(findings, gold)
        found += len(findings.facts)
        wanted += len(gold.get("facts", []))
    assert f1(right, found, wanted) >= 0.9, (right, found, wanted)


def test_items_f1_over_the_dev_corpus(readings):
    right = found = wanted = 0
    for _, findings, gold in readings.values():
        for got, expected in ((findings.problems, gold["problems"]), (findings.measures, gold["measures"])):
            right += matched_items(got, expected)
            found += len(got)
            wanted += len(expected)
    assert f1(right, found, wanted) >= 0.85, (right, found, wanted)


@pytest.mark.parametrize("name", [source.name for source, _ in scored_sources()])
def test_each_dev_report_reads_every_gold_fact_and_item_and_nothing_else(readings, name):
    _, findings, gold = readings[name]
    assert matched_facts(findings, gold) == len(gold["facts"]) == len(findings.facts)
    assert matched_items(findings.problems, gold["problems"]) == len(gold["problems"]) == len(findings.problems)
    assert matched_items(findings.measures, gold["measures"]) == len(gold["measures"]) == len(findings.measures)
