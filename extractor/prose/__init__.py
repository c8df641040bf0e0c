"""Reading facts, problems and measures from a report's prose.

`prose_reader` is the one entry point the pipeline calls: the rule component alone, or the rules
merged with the learned tagger (`extractor.tagger`), with the same output shape either way.
"""
from __future__ import annotations

from extractor.findings import ProseReader
from extractor.prose.rules import RuleReader


def prose_reader(tagger: str, warnings: list[str]) -> ProseReader:
    """The rules alone (`tagger="off"`), or the rules with the learned tagger (`"on"`).

    Without a usable model in `models/tagger`, "on" is the rules alone and `warnings` says why.
    The tagger is imported only for "on": it loads torch, which "off" never needs.
    """
    rules = RuleReader()
    if tagger == "off":
        return rules
    from extractor.tagger import hybrid_reader

    return hybrid_reader(rules, tagger, warnings)
