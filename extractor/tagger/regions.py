"""Where the prose is: the parts of a report's text the tagger reads, cut into windows.

Converted tables arrive as runs of short lines, one cell per line ("行政许可", "0", "本年新\n制作
数量"), and they are what the table reader handles. The tagger skips any run of three or more such
lines (or of column-aligned rows as `pdftotext -layout` writes them, or of markdown rows), whatever section it sits in,
because headings vary too much across reports to trust the section split for this. A heading that
ends such a run ("五、存在的主要问题及改进情况" after table 4) is kept with the prose it opens: it is
the context that tells a problem from a measure.
"""
from __future__ import annotations

import re

SENTENCE_MARKS = re.compile(r"[。；，：！？;,:!?]")
COLUMN_GAP = re.compile(r"\S {3,}\S")
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)])")
CELL_LINE_CHARS = 30  # a line this short without sentence punctuation is read as a table cell
MIN_CELL_RUN = 3
MIN_REGION_CHARS = 8


def _is_cell_line(line: str) -> bool:
    stripped = line.strip()
    if "。" in stripped:
        return False
    if stripped.count("|") >= 2:  # a markdown table row
        return True
    digits = sum(char.isdigit() for char in stripped)
    if digits * 2 >= len(stripped.replace(" ", "")):  # a row of numbers
        return True
    if COLUMN_GAP.search(stripped) and not SENTENCE_MARKS.search(stripped):
        return True
    return len(stripped) <= CELL_LINE_CHARS and not SENTENCE_MARKS.search(stripped)


def prose_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of `text` outside runs of table-cell lines, in order."""
    lines = list(re.finditer(r"[^\n]*(?:\n|$)", text))
    skip: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []
    for line in lines + [None]:
        if line is not None and line.group() and _is_cell_line(line.group()):
            run.append(line)
            continue
        while run and HEADING.match(run[-1].group()):
            run.pop()
        if len(run) >= MIN_CELL_RUN:
            skip.append((run[0].start(), run[-1].end()))
        run = []
    regions, position = [], 0
    for start, end in skip:
        if start > position:
            regions.append((position, start))
        position = end
    if position < len(text):
        regions.append((position, len(text)))
    return [(s, e) for s, e in regions if len("".join(text[s:e].split())) >= MIN_REGION_CHARS]


def windows(regions: list[tuple[int, int]], size: int, stride: int) -> list[tuple[int, int]]:
    """Windows of at most `size` characters every `stride` characters over each region.

    Consecutive windows overlap by `size - stride` so that every character is read with context
    on both sides in at least one window; the last window of a region ends at the region's end.
    """
    spans: list[tuple[int, int]] = []
    for start, end in regions:
        position = start
        while True:
            spans.append((position, min(position + size, end)))
            if position + size >= end:
                break
            position = min(position + stride, end - size)
    return spans
