"""Rules and model together: the rules' findings, plus what only the model found.

Rules are precise where they apply; the model reaches phrasings they were not written for. So
a fact both found is kept once, as the rule's (`source: rule`) with the higher score; a fact only
the model found is kept when its score reaches the threshold chosen on the held-out gold; where
the two read different numbers from the same phrase the rule's number stays and a warning says
so. A model-only count of a type that has no label (a total, press conferences…) is not added
inside a sentence where the rules already read that type: there it is a part of the rules'
count ("发布政策解读31篇，其中图解类解读6篇"), not another fact; nor is a second yearly total
added to the rules' one. Items work alike: a model item that overlaps a rule item is the same item, and one that
overlaps none is added when its score reaches the item threshold.
"""
from __future__ import annotations

import difflib
from dataclasses import replace

from extractor.findings import Fact, Findings, ProseReader
from extractor.sections import Sections
from extractor.tagger.labels import PROBLEM
from extractor.tagger.locate import CompactText
from extractor.tagger.reader import ModelItem, ModelReading, TaggerReader
from extractor.tagger.values import ONE_PER_REPORT

SENTENCE_END = "。；;！？"
SAME_ITEM_SIMILARITY = 0.6  # the similarity at which the scorer, too, calls two items the same


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _same_value(a: int | float, b: int | float) -> bool:
    return abs(float(a) - float(b)) <= 0.5


def merge_facts(text: str, rule_facts: list[Fact], model_facts: list[Fact], threshold: float,
                warnings: list[str]) -> list[Fact]:
    facts = list(rule_facts)
    for found in model_facts:
        overlapping = [i for i, fact in enumerate(rule_facts) if _overlaps(fact.start, fact.end, found.start, found.end)]
        agreeing = [i for i, fact in enumerate(rule_facts) if fact.type == found.type
                    and _same_value(fact.value, found.value) and fact.label == found.label]
        for i in agreeing:
            facts[i] = replace(facts[i], score=max(facts[i].score, found.score))
        conflicting = [i for i in overlapping if rule_facts[i].type == found.type]
        if conflicting and not agreeing:
            warnings.append(f"tagger: {found.type} at {found.start} reads {found.value} in {found.text!r}, "
                            f"the rules read {', '.join(str(rule_facts[i].value) for i in conflicting)}; "
                            "kept the rules' number")
        if (not (agreeing or overlapping) and found.score >= threshold
                and not (found.label is None and _rule_fact_in_sentence(text, found, rule_facts))
                and not (found.type in ONE_PER_REPORT and any(f.type == found.type for f in rule_facts))):
            facts.append(found)
    return sorted(facts, key=lambda fact: fact.start)


def _rule_fact_in_sentence(text: str, found: Fact, rule_facts: list[Fact]) -> bool:
    start = max(text.rfind(mark, 0, found.start) for mark in SENTENCE_END) + 1
    ends = [position for position in (text.find(mark, found.end) for mark in SENTENCE_END) if position >= 0]
    end = min(ends, default=len(text))
    return any(fact.type == found.type and start <= fact.start < end for fact in rule_facts)


def _rule_item_spans(text: str, items: list[str]) -> list[tuple[int, int] | None]:
    compact = CompactText(text)
    return [compact.find(item) for item in items]


def _is_known(item: ModelItem, rule_items: list[str], rule_spans: list[tuple[int, int] | None]) -> bool:
    for rule_item, span in zip(rule_items, rule_spans):
        if span is not None and _overlaps(span[0], span[1], item.start, item.end):
            return True
        if difflib.SequenceMatcher(None, rule_item, item.text, autojunk=False).ratio() >= SAME_ITEM_SIMILARITY:
            return True
    return False


def merge_items(text: str, rule_items: list[str], model_items: list[ModelItem], threshold: float) -> list[str]:
    rule_spans = _rule_item_spans(text, rule_items)
    added = [item.text for item in model_items
             if item.score >= threshold and not _is_known(item, rule_items, rule_spans)]
    return rule_items + added


def merge(text: str, rules: Findings, model: ModelReading, fact_threshold: float,
          item_threshold: float) -> Findings:
    """The hybrid findings of one text; `rules` is left as it was."""
    warnings = list(rules.warnings)
    problems = [item for item in model.items if item.label == PROBLEM]
    measures = [item for item in model.items if item.label != PROBLEM]
    return Findings(facts=merge_facts(text, rules.facts, model.facts, fact_threshold, warnings),
                    problems=merge_items(text, rules.problems, problems, item_threshold),
                    measures=merge_items(text, rules.measures, measures, item_threshold),
                    warnings=warnings)


class HybridReader:
    """A `ProseReader` that runs the rules and the model and merges what they find."""

    def __init__(self, rules: ProseReader, tagger: TaggerReader):
        self.rules = rules
        self.tagger = tagger

    def read(self, text: str, sections: Sections) -> Findings:
        settings = self.tagger.model.settings
        return merge(text, self.rules.read(text, sections), self.tagger.reading(text),
                     settings.fact_threshold, settings.item_threshold)
