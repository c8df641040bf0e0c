"""Scores of the tagger: seqeval per label, and facts/items F1 of rules, model and hybrid.

Facts and items are matched the way the project's scorer (`tools/score.py` of the shared
corpus) matches them, so the model card's numbers and the scorer's agree: a fact matches a gold
fact of the same type whose value is within 0.5 and whose label (if any) appears in the fact's
label or text; items match one-to-one, greedily, at character similarity >= 0.6.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

from extractor.findings import Findings, ProseReader
from extractor.sections import split_sections
from extractor.tagger.hybrid import SAME_ITEM_SIMILARITY, merge
from extractor.tagger.inference import tag_probabilities
from extractor.tagger.labels import OUTSIDE, encode_bio
from extractor.tagger.model import TaggerModel
from extractor.tagger.reader import ModelReading, TaggerReader
from extractor.tagger.regions import prose_regions
from extractor.tagger.training.corpus import GoldReport

THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.01)  # 1.01 keeps no model-only finding


@dataclass
class Counts:
    """True positives, found, and gold, summed over reports."""

    tp: int = 0
    found: int = 0
    gold: int = 0

    def add(self, tp: int, found: int, gold: int) -> None:
        self.tp, self.found, self.gold = self.tp + tp, self.found + found, self.gold + gold

    @property
    def f1(self) -> float:
        precision = self.tp / self.found if self.found else (1.0 if not self.gold else 0.0)
        recall = self.tp / self.gold if self.gold else 1.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) <= 0.5


def fact_matches(gold: list[dict], found: list[dict]) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for wanted in gold:
        for i, fact in enumerate(found):
            if i in used or fact["type"] != wanted["type"] or not _same(fact["value"], wanted["value"]):
                continue
            if wanted.get("label") and wanted["label"] not in (fact.get("label") or fact.get("text") or ""):
                continue
            used.add(i)
            tp += 1
            break
    return tp, len(found), len(gold)


def item_matches(gold: list[str], found: list[str]) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for wanted in gold:
        best, best_index = 0.0, None
        for i, item in enumerate(found):
            if i in used:
                continue
            ratio = difflib.SequenceMatcher(None, wanted, item, autojunk=False).ratio()
            if ratio > best:
                best, best_index = ratio, i
        if best_index is not None and best >= SAME_ITEM_SIMILARITY:
            used.add(best_index)
            tp += 1
    return tp, len(found), len(gold)


@dataclass
class Score:
    facts: Counts = field(default_factory=Counts)
    items: Counts = field(default_factory=Counts)

    def add(self, gold: dict, findings: Findings) -> None:
        self.facts.add(*fact_matches(gold.get("facts", []), [f.as_record() for f in findings.facts]))
        for key, found in (("problems", findings.problems), ("measures", findings.measures)):
            self.items.add(*item_matches(gold.get(key, []), found))


@dataclass
class ReportReadings:
    """What rules and model read in one gold report, computed once and combined many ways."""

    report: GoldReport
    rules: Findings
    model: ModelReading

    def hybrid(self, fact_threshold: float, item_threshold: float) -> Findings:
        return merge(self.report.text, self.rules, self.model, fact_threshold, item_threshold)


def read_reports(reports: list[GoldReport], rules: ProseReader, model: TaggerModel) -> list[ReportReadings]:
    reader = TaggerReader(model)
    return [ReportReadings(report, rules.read(report.text, split_sections(report.text)), reader.reading(report.text))
            for report in reports]


def compare(readings: list[ReportReadings], fact_threshold: float, item_threshold: float) -> dict[str, Score]:
    """Scores of rules-only, model-only and hybrid over the given reports."""
    scores = {"rules": Score(), "model": Score(), "hybrid": Score()}
    for reading in readings:
        gold = reading.report.gold
        scores["rules"].add(gold, reading.rules)
        scores["model"].add(gold, reading.model.findings())
        scores["hybrid"].add(gold, reading.hybrid(fact_threshold, item_threshold))
    return scores


def choose_thresholds(readings: list[ReportReadings]) -> tuple[float, float]:
    """The fact and item thresholds that make the hybrid best on these reports.

    Of equally good thresholds the highest wins: a model-only finding must earn its place.
    """
    def best(measure) -> float:
        scored = [(round(measure(threshold), 6), threshold) for threshold in THRESHOLDS]
        return max(scored)[1]

    fact_threshold = best(lambda t: compare(readings, t, 1.01)["hybrid"].facts.f1)
    item_threshold = best(lambda t: compare(readings, 1.01, t)["hybrid"].items.f1)
    return fact_threshold, item_threshold


def seqeval_scores(model: TaggerModel, reports: list[GoldReport]) -> dict[str, dict[str, float]]:
    """Strict IOB2 precision/recall/F1/support per label over whole reports.

    Each report is one sequence; characters the tagger does not read (table runs) count as
    predicted O, so a gold span inside a skipped table is a miss, not left out.
    """
    tag_ids = {tag: i for i, tag in enumerate(model.tags)}
    gold_sequences, predicted_sequences = [], []
    for report in reports:
        labelled = report.labelled()
        gold_sequences.append([model.tags[i] for i in encode_bio(len(report.text), labelled.spans, tag_ids)])
        regions = prose_regions(report.text)
        predicted = [OUTSIDE] * len(report.text)
        if regions:
            best = tag_probabilities(model, report.text, regions).argmax(-1).tolist()
            for start, end in regions:
                predicted[start:end] = [model.tags[i] for i in best[start:end]]
        predicted_sequences.append(_repair(predicted))
    report = classification_report(gold_sequences, predicted_sequences, mode="strict", scheme=IOB2,
                                   output_dict=True, zero_division=0)
    return {label: {k: float(v) for k, v in values.items()} for label, values in report.items()}


def _repair(tags: list[str]) -> list[str]:
    """An I-X that does not continue a span becomes B-X, as the extractor's decoder reads it."""
    repaired = list(tags)
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and (i == 0 or repaired[i - 1][2:] != tag[2:]):
            repaired[i] = "B-" + tag[2:]
    return repaired

