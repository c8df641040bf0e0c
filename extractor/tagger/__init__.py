"""The learned tagger: a small character BERT that tags fact phrases and problem/measure items.

`hybrid_reader` is what extraction uses: it wraps the rule reader with the model when the model
can be loaded, and falls back to the rules alone, with a warning, when it cannot. Training lives
in `extractor.tagger.training` and is run by `nianbao train`.
"""
from __future__ import annotations

import logging
from pathlib import Path

from extractor.findings import ProseReader
from extractor.tagger.hybrid import HybridReader
from extractor.tagger.model import TaggerModel, TaggerModelError, default_model_dir, load_tagger
from extractor.tagger.reader import TaggerReader

log = logging.getLogger(__name__)

__all__ = ["HybridReader", "TaggerModel", "TaggerModelError", "TaggerReader", "default_model_dir",
           "hybrid_reader", "load_tagger"]

_reported_failures: set[str] = set()


def hybrid_reader(rules: ProseReader, tagger: str, warnings: list[str],
                  model_dir: Path | None = None) -> ProseReader:
    """The rules with the model (`tagger="on"`), or the rules alone (`"off"`, or no usable model).

    A missing or damaged model never stops extraction: the record gets a warning saying the
    tagger is off and why, and the log says it once per process.
    """
    if tagger not in ("on", "off"):
        raise ValueError(f"tagger must be 'on' or 'off', not {tagger!r}")
    if tagger == "off":
        return rules
    try:
        model = load_tagger(model_dir)
    except TaggerModelError as exc:
        message = f"tagger off, rules only: {exc}"
        warnings.append(message)
        if message not in _reported_failures:
            _reported_failures.add(message)
            log.warning(message)
        return rules
    return HybridReader(rules, TaggerReader(model))
