"""A reading view of a report's text: wrapped lines joined again, page numbers dropped.

PDF text and hard-wrapped dumps break sentences (and words: "政\\n府信息") at the page width, and
put page numbers ("-5-", "— 5 —") between the halves of a sentence. The prose rules read the view,
where a wrapped line is joined to the next, and map what they find back to the source text
through `origin`, so a fact keeps its exact span in the record's text.

A line was wrapped when it reaches most of the text's usual line width and does not end a
sentence; a line that opens with a list number ("2、", "二是") starts a paragraph of its own, and
table lines (cells set apart by tabs, "|" or runs of spaces) are never joined to anything.

The view reads traditional characters as simplified ones (`extractor.script`), one for one, so
the rules' words match a 繁體 copy of a report too; `written` keeps the view in the source's own
characters, for what the rules hand on as text (problems and measures).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from extractor.prose.enumerators import opens_list_item
from extractor.script import simplified

# A line that is a page number and nothing else. A bare number is not one: flattened tables have
# lines holding a single cell value.
_PAGE_NUMBER = re.compile(r"[ \t\u3000]*(?:[-—–－]+[ \t\u3000]*\d{1,3}[ \t\u3000]*[-—–－]+|第\s*\d{1,3}\s*页(?:\s*[/／共]\s*\d{1,3}\s*页?)?)[ \t\u3000]*")
# Cells that a PDF's text layer set apart by runs of spaces instead of tabs.
_COLUMN_GAP = re.compile(r"\S[ \u3000\xa0]{3,}\S")
_SENTENCE_END = "。！？；：!?;:"
_HORIZONTAL_SPACE = " \t\u3000\xa0\f\r"
# A line at least this share of the text's usual line width that does not end a sentence was
# wrapped; a shorter one (a heading, the last line of a paragraph) ends where it is.
_WRAPPED_SHARE = 0.7


@dataclass
class _Line:
    kind: str  # "text", "table", "blank", or "page" (a page number, or a blank line around one)
    start: int  # source offset of the first kept character
    content: str
    end_of_line: int  # source offset of the line's newline (or the text's end)


@dataclass
class ReadingView:
    """`text` is what the rules read; `origin[i]` is the source offset of `text[i]`, and
    `written[i]` the character the source writes there (`text` reads it as simplified)."""

    text: str
    written: str
    origin: list[int]
    table_lines: list[tuple[int, int]]  # view ranges of lines that belong to tables

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source range covered by the view range [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1

    def view_offset(self, source_offset: int) -> int:
        """The first view position at or after a source offset."""
        return bisect_right(self.origin, source_offset - 1)

    def in_table(self, start: int, end: int) -> bool:
        """True when the view range touches a table line: table cells are not prose."""
        index = bisect_right(self.table_lines, (start, float("inf"))) - 1
        for line_start, line_end in self.table_lines[max(index, 0):]:
            if line_start >= end:
                break
            if line_end > start:
                return True
        return False


def reading_view(text: str) -> ReadingView:
    lines = _classified_lines(text)
    width = _usual_width([line for line in lines if line.kind == "text"])
    chars: list[str] = []
    origin: list[int] = []
    table_lines: list[tuple[int, int]] = []
    previous: _Line | None = None
    paragraph_break = False
    for line in lines:
        if line.kind in ("blank", "page"):
            paragraph_break |= line.kind == "blank"  # across a page break the sentence may go on
            continue
        if previous is not None and not _continues(previous, line, width, paragraph_break):
            chars.append("\n")
            origin.append(previous.end_of_line)
        begin = len(chars)
        chars.extend(line.content)
        origin.extend(range(line.start, line.start + len(line.content)))
        if line.kind == "table":
            table_lines.append((begin, len(chars)))
        previous, paragraph_break = line, False
    written = "".join(chars)
    return ReadingView(simplified(written), written, origin, table_lines)


def _classified_lines(text: str) -> list[_Line]:
    """Each source line stripped of its margins, with its kind."""
    lines: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        end_of_line = offset + len(raw)
        stripped = raw.strip(_HORIZONTAL_SPACE)
        start = offset + len(raw) - len(raw.lstrip(_HORIZONTAL_SPACE))
        if not stripped:
            kind = "blank"
        elif _PAGE_NUMBER.fullmatch(raw):
            kind = "page"
        elif "\t" in raw.strip(" \u3000\xa0\r") or stripped.startswith("|") or _COLUMN_GAP.search(stripped):
            kind = "table"
        else:
            kind = "text"
        lines.append(_Line(kind, start, stripped, end_of_line))
        offset = end_of_line + 1
    for index, line in enumerate(lines):  # blank lines around a page number are part of the page break
        if line.kind == "page":
            for step in (-1, 1):
                neighbour = index + step
                while 0 <= neighbour < len(lines) and lines[neighbour].kind == "blank":
                    lines[neighbour].kind = "page"
                    neighbour += step
    return lines


def _usual_width(lines: list[_Line]) -> int:
    """The line length that most text lines reach: the 90th percentile of their lengths."""
    lengths = sorted(len(line.content) for line in lines)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _continues(previous: _Line, line: _Line, width: int, paragraph_break: bool) -> bool:
    return (not paragraph_break and previous.kind == line.kind == "text"
            and previous.content[-1] not in _SENTENCE_END and not opens_list_item(line.content)
            and len(previous.content) >= _WRAPPED_SHARE * width)
