"""The shape shared by every component that reads facts and items from prose.

The rule component and the learned tagger both return `Findings`, so the hybrid merge and the
record builder never need to know which one produced what.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from extractor.sections import Sections


@dataclass
class Fact:
    """One free-text fact: `text[start:end]` of the record's text is `text`."""

    type: str
    value: int | float
    unit: str
    text: str
    start: int
    end: int
    label: str | None = None
    source: str = "rule"
    score: float = 1.0

    def as_record(self) -> dict[str, Any]:
        return {"type": self.type, "value": self.value, "unit": self.unit, "label": self.label,
                "text": self.text, "start": self.start, "end": self.end,
                "source": self.source, "score": round(self.score, 4)}


@dataclass
class Findings:
    facts: list[Fact] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class ProseReader(Protocol):
    """A component that reads facts, problems and measures from a report's text."""

    def read(self, text: str, sections: Sections) -> Findings: ...
