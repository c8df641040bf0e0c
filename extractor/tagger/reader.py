"""The model-only prose reader: tagged spans become facts and items.

It implements the same `ProseReader` interface as the rules, so the pipeline and the evaluation
treat both alike; the hybrid merge uses the scored pieces (`ModelReading`) underneath.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.catalog import catalog
from extractor.findings import Fact, Findings
from extractor.sections import Sections
from extractor.tagger.inference import ScoredSpan, tag_text
from extractor.tagger.labels import PROBLEM
from extractor.tagger.model import TaggerModel
from extractor.tagger.values import FACT_LABELLERS, count_in

CONTEXT_CHARS = 24  # how far before a span a channel or a body ("通过门户网站公开…") is looked for
# The shortest fact phrase ("发布会3场") and item ("队伍建设") there is; anything shorter is a
# fragment the model tagged on its own and says nothing.
MIN_SPAN_CHARS = 4
ENUMERATOR = re.compile(r"^\s*(?:[一二三四五六七八九十]+是|[（(]?[一二三四五六七八九十\d]+[）)、.．]|[①-⑳])\s*")
CLOSING = "。；;，,、：: \n"


def clean_item(raw: str) -> str:
    """An item as `annotation.md` writes it: one line, no enumerator, no closing punctuation.

    Line breaks inside an item are the layout of a PDF or a wrapped text file, not content.
    """
    item = re.sub(r"\s*\n\s*", "", raw).strip()
    return ENUMERATOR.sub("", item).rstrip(CLOSING).strip()


@dataclass(frozen=True)
class ModelItem:
    """A problem or measure the model found: `label` is PROBLEM or MEASURE."""

    label: str
    text: str
    start: int
    end: int
    score: float


@dataclass
class ModelReading:
    facts: list[Fact] = field(default_factory=list)
    items: list[ModelItem] = field(default_factory=list)

    def findings(self, fact_threshold: float = 0.0, item_threshold: float = 0.0) -> Findings:
        kept = [item for item in self.items if item.score >= item_threshold]
        return Findings(facts=[fact for fact in self.facts if fact.score >= fact_threshold],
                        problems=[item.text for item in kept if item.label == PROBLEM],
                        measures=[item.text for item in kept if item.label != PROBLEM])


class TaggerReader:
    """Reads facts and items with the model alone (source `model`, score = span confidence)."""

    def __init__(self, model: TaggerModel):
        self.model = model
        self.units = {fact_type.type: fact_type.unit for fact_type in catalog().fact_types}

    def read(self, text: str, sections: Sections) -> Findings:
        """Everything the model tags: the thresholds apply only where rules back it up (hybrid)."""
        return self.reading(text).findings()

    def reading(self, text: str) -> ModelReading:
        return self.reading_of_spans(text, tag_text(self.model, text))

    def reading_of_spans(self, text: str, spans: list[ScoredSpan]) -> ModelReading:
        """The facts and items tagged spans of `text` state; a fact without a number is dropped."""
        reading = ModelReading()
        for span in spans:
            if len("".join(text[span.start:span.end].split())) < MIN_SPAN_CHARS:
                continue
            if span.label in self.units:
                fact = self.fact(text, span)
                if fact is not None:
                    reading.facts.append(fact)
                continue
            item = clean_item(text[span.start:span.end])
            if item:
                reading.items.append(ModelItem(span.label, item, span.start, span.end, span.score))
        return reading

    def fact(self, text: str, span: ScoredSpan) -> Fact | None:
        start, end = whole_numbers(text, span.start, span.end)
        phrase = text[start:end]
        value = count_in(phrase)
        if value is None:
            return None
        labeller = FACT_LABELLERS.get(span.label)
        label = labeller(phrase, text[max(0, start - CONTEXT_CHARS):start]) if labeller else None
        if labeller and label is None:
            return None
        return Fact(type=span.label, value=value, unit=self.units[span.label], text=phrase, start=start,
                    end=end, label=label, source="model", score=span.score)


def whole_numbers(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened so that it never begins or ends inside a number.

    The model decides character by character, and a span that starts at the "203" of "1203条"
    would state another number; a number is read whole or not at all.
    """
    while start > 0 and _in_number(text, start - 1, start):
        start -= 1
    while end < len(text) and _in_number(text, end - 1, end):
        end += 1
    return start, end


def _in_number(text: str, left: int, right: int) -> bool:
    """Whether characters `left` and `right` belong to one written number ("1,203.5")."""
    joined = text[left] + text[right]
    return all(char.isdigit() or char in ",." for char in joined) and any(char.isdigit() for char in joined)
