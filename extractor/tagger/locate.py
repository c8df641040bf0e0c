"""Finding a string in a report's text when only the whitespace differs.

Gold items and rule items are written without the line breaks of a wrapped PDF or text file
("…内设机构和职\\n能发生…" is the item "…内设机构和职能发生…"), so they are matched on the text
with all whitespace removed and mapped back to offsets of the original text.
"""
from __future__ import annotations

from bisect import bisect_left


class CompactText:
    """`text` without whitespace, with the offset in `text` of every remaining character."""

    def __init__(self, text: str):
        self.offsets = [i for i, char in enumerate(text) if not char.isspace()]
        self.compact = "".join(text[i] for i in self.offsets)

    def find(self, needle: str, start: int = 0) -> tuple[int, int] | None:
        """The (start, end) in the original text of the first match at or after `start`."""
        compact_needle = "".join(needle.split())
        if not compact_needle:
            return None
        found = self.compact.find(compact_needle, bisect_left(self.offsets, start))
        if found < 0:
            return None
        return self.offsets[found], self.offsets[found + len(compact_needle) - 1] + 1
