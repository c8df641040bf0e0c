"""The rule component of the prose reader: facts from phrase rules, items from section 五.

It reads a reading view of the whole text (wrapped lines joined, page numbers dropped) and maps
every fact back to the record's text, so that `text[start:end] == fact.text`. A learned tagger
can sit beside it: both return `Findings`. A free-form report with no headings at all (short
pre-2019 reports) has no section 五: its closing paragraphs of problems or plans stand in for it.
The view reads a 繁體 text as simplified; problems and measures are handed on as the source
writes them.
"""
from __future__ import annotations

from extractor.catalog import catalog
from extractor.findings import Fact, Findings
from extractor.prose.facts import find_facts
from extractor.prose.items import as_written, closing_part_start, read_items
from extractor.prose.view import ReadingView, reading_view
from extractor.sections import Sections

PROBLEMS_SECTION = 5


class RuleReader:
    """Reads facts, problems and measures with rules only (source "rule", score 1.0)."""

    def __init__(self) -> None:
        self.units = {fact_type.type: fact_type.unit for fact_type in catalog().fact_types}

    def read(self, text: str, sections: Sections) -> Findings:
        view = reading_view(text)
        findings = Findings()
        found_facts = find_facts(view)
        for found in found_facts:
            if found.type not in self.units:
                raise ValueError(f"fact rule produced {found.type!r}, which metrics.yaml does not define")
            start, end = view.source_span(found.start, found.end)
            findings.facts.append(Fact(found.type, found.value, self.units[found.type], text[start:end], start, end,
                                       label=found.label, source="rule", score=1.0))
        part = self._problems_part(view, sections, after=max((fact.end for fact in found_facts), default=0))
        if part is None:
            findings.warnings.append("no section 五 (存在的主要问题及改进情况) found: no problems or measures read")
        else:
            start, end = part
            section, written = view.text[start:end], view.written[start:end]
            span = sections.spans.get(PROBLEMS_SECTION)
            problems, measures = read_items(section, measures_only=span is not None and span.measures_only)
            findings.problems = [as_written(item, section, written) for item in problems]
            findings.measures = [as_written(item, section, written) for item in measures]
        return findings

    @staticmethod
    def _problems_part(view: ReadingView, sections: Sections, *, after: int) -> tuple[int, int] | None:
        """Section 五's view range; in a text without any heading, its closing part after `after`."""
        span = sections.spans.get(PROBLEMS_SECTION)
        if span is not None:
            return view.view_offset(span.body_start), view.view_offset(span.end)
        start = None if sections.spans else closing_part_start(view.text, after)
        return None if start is None else (start, len(view.text))
