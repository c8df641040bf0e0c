"""Reading facts, problems and measures from a report's prose.

`prose_reader` is the one entry point the pipeline calls; today it always returns the rule
component. A learned tagger will be offered beside it (and a hybrid of both) through `tagger`.
"""
from __future__ import annotations

from extractor.findings import ProseReader
from extractor.prose.rules import RuleReader


def prose_reader(tagger: str, warnings: list[str]) -> ProseReader:
    """The component that reads prose for the `--tagger` option (only the rules exist so far)."""
    return RuleReader()
