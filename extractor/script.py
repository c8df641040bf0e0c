"""Traditional characters read as simplified ones, one character for one, so that offsets hold.

Reports are written in simplified characters, but copies of them circulate in traditional ones
(mirror sites, a portal's 繁體版): "我局2010年共主動公開政府信息175條". Every reader of the
extractor (sections, metadata, prose rules) matches simplified words, so each reads
`simplified(text)` instead of the text. The mapping replaces single characters by single
characters (`data/traditional_chars.txt`), so a position in the reading is the same position in
the source: a fact found in the reading keeps its span in the record's text, which stays the
source as published. A simplified text reads as itself.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    lines = resources.files("extractor").joinpath("data/traditional_chars.txt").read_text("utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        traditional, _, simplified_char = line.partition("\t")
        if len(traditional) != 1 or len(simplified_char) != 1:
            raise ValueError(f"data/traditional_chars.txt line {number}: {line!r} is not one character "
                             "for one character")
        table[ord(traditional)] = simplified_char
    return table


def simplified(text: str) -> str:
    """`text` with each traditional character replaced by its simplified one; same length."""
    return text.translate(_table())
