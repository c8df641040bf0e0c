"""Labelled texts for training and evaluation: the dev gold, and rule output as silver.

The gold of `samples/gold` gives each fact's exact source text and each item as a string with
its enumerator and closing punctuation stripped; both are located in the converted report text
(the text the extractor sees) so that the labels sit on the same characters the model will read.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.convert import convert_bytes, detect_format
from extractor.findings import ProseReader
from extractor.sections import split_sections
from extractor.tagger.labels import MEASURE, PROBLEM, LabelledSpan
from extractor.tagger.locate import CompactText

log = logging.getLogger(__name__)

# Text formats first: the gold's spans were copied from them (a PDF's own conversion may wrap
# lines differently from the text dump the annotator read).
SOURCE_PREFERENCE = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


@dataclass
class LabelledText:
    """A text with its labelled spans; `origin` says where it came from (for the model card)."""

    text: str
    spans: list[LabelledSpan]
    origin: str


@dataclass
class GoldReport:
    name: str
    text: str
    gold: dict[str, Any]
    unplaced: list[str] = field(default_factory=list)  # gold strings not found in the text

    def labelled(self) -> LabelledText:
        return LabelledText(self.text, gold_spans(self.text, self.gold, self.unplaced), f"gold:{self.name}")


def report_text(path: Path) -> str:
    """The text the extractor reads from a report file."""
    data = path.read_bytes()
    return convert_bytes(data, path.name, detect_format(data, path.name)).text


def source_of(reports_dir: Path, name: str) -> Path:
    """The report file of a gold file's stem, text formats first."""
    candidates = {path.suffix.lower(): path for path in reports_dir.glob(f"{name}.*")
                  if not path.name.endswith(".gold.json")}
    for suffix in SOURCE_PREFERENCE:
        if suffix in candidates:
            return candidates[suffix]
    raise FileNotFoundError(f"{reports_dir}: no report file for gold {name}")


def gold_reports(gold_dir: Path, reports_dir: Path) -> list[GoldReport]:
    """Every NAME.gold.json of `gold_dir` with its report NAME.* of `reports_dir`, sorted by name."""
    reports = []
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        name = gold_path.name.removesuffix(".gold.json")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        reports.append(GoldReport(name, report_text(source_of(reports_dir, name)), gold))
    return reports


def gold_spans(text: str, gold: dict[str, Any], unplaced: list[str]) -> list[LabelledSpan]:
    """Spans of the gold's facts and items in `text`; what cannot be found goes to `unplaced`.

    A phrase that occurs twice is placed at its first occurrence not already taken, in the
    gold's order (the gold lists facts in reading order).
    """
    compact = CompactText(text)
    spans: list[LabelledSpan] = []
    taken: set[tuple[int, int]] = set()

    def place(needle: str, label: str) -> None:
        position = 0
        while True:
            found = _find(text, compact, needle, position)
            if found is None:
                unplaced.append(f"{label}: {needle}")
                return
            if found not in taken:
                taken.add(found)
                spans.append(LabelledSpan(found[0], found[1], label))
                return
            position = found[0] + 1

    for fact in gold.get("facts", []):
        place(fact["text"], fact["type"])
    for label, key in ((PROBLEM, "problems"), (MEASURE, "measures")):
        for item in gold.get(key, []):
            place(item, label)
    return spans


def _find(text: str, compact: CompactText, needle: str, position: int) -> tuple[int, int] | None:
    exact = text.find(needle, position)
    if exact >= 0:
        return exact, exact + len(needle)
    return compact.find(needle, position)


def silver(text: str, rules: ProseReader, origin: str) -> LabelledText:
    """The rules' reading of `text` as labels: facts at their offsets, items located like gold."""
    findings = rules.read(text, split_sections(text))
    spans = [LabelledSpan(fact.start, fact.end, fact.type) for fact in findings.facts
             if 0 <= fact.start < fact.end <= len(text)]
    compact = CompactText(text)
    for label, items in ((PROBLEM, findings.problems), (MEASURE, findings.measures)):
        for item in items:
            found = compact.find(item)
            if found:
                spans.append(LabelledSpan(found[0], found[1], label))
    return LabelledText(text, spans, origin)
