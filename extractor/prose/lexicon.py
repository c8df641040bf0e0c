"""The word lists of the prose rules (`extractor/data/prose_lexicon.yaml`), read once."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import yaml


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    return yaml.safe_load(resources.files("extractor").joinpath("data/prose_lexicon.yaml").read_text("utf-8"))


def alternation(words: Iterable[str], *, escape: bool = True) -> str:
    """A non-capturing group of the words, longest first so that 门户网站 wins over 网站."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) if escape else w for w in ordered) + ")"
