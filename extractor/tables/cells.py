"""What one table cell holds, told from its text alone: a value, a no-value mark, a label, or debris.

The table readers never look at a format; they read a stream of these cells. A cell's text can hold
more than one thing when a converter or a crawler merged cells: "规章 1 0 11" is a label followed by
three values, "1个246900元" two values, "行政规范性文件77132470" a label glued to the digits of three
cells, "0行政复议" a row's last value glued to the first header cell of the next table. Splitting those
here lets every layout reach the readers in the same shape.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from extractor.numbers import is_null_mark, normalize_digits, parse_number, split_numbers
from extractor.tables.labels import opens_a_label


class Kind(Enum):
    VALUE = "value"    # a number
    NULL = "null"      # "无", "/", "—": the cell says it has no value
    BLANK = "blank"    # an empty cell: no value, or a position of a label column
    GLUED = "glued"    # a run of digits that may be the values of several cells written together
    TEXT = "text"      # a label or a header
    PROSE = "prose"    # a sentence: the table has ended, or this is not a table
    PAGE = "page"      # a decorated page number ("-3-", "— 5 —", "第3页")


VALUE_KINDS = frozenset({Kind.VALUE, Kind.NULL, Kind.BLANK, Kind.GLUED})

# A sentence, or text longer than any label of the official tables (the longest, the 2021
# 其他处理 sub-row, is 38 characters), is prose.
MAX_LABEL_CHARS = 60
_SENTENCE = re.compile(r"[。！？；]")
# Page numbers written with decoration. A bare "5" is a value as far as its text tells; whether it
# is a page number depends on where it stands (see `rows.drop_page_numbers`).
_DECORATED_PAGE = re.compile(r"^(?:[-－—–―]+\s*\d{1,4}\s*[-－—–―]+|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?"
                             r"|\d{1,4}\s*[/／]\s*\d{1,4})$")
# Text followed by numbers at its end: "行政许可 97", "规章 1 0 11", "行政规范性文件77132470".
_TRAILING_NUMBERS = re.compile(r"^(?P<text>.*?[^\d\s.,+\-−])(?P<gap>\s*)(?P<numbers>[+\-−]?\d[\d\s.,万亿元件个条项次份]*)$")
_WHITESPACE = re.compile(r"[\s\u00a0\u3000]+")
# Numbers followed by text: "0行政复议", "0 0 四、结转下年度继续办理".
_LEADING_NUMBERS = re.compile(r"^(?P<numbers>[+\-−]?\d[\d\s.,]*?)\s*(?P<text>[^\d\s.,].*)$", re.DOTALL)


@dataclass(frozen=True)
class Cell:
    kind: Kind
    raw: str  # the text as the source wrote it, kept beside the value in the record's `cells`

    @property
    def text(self) -> str:
        """The text without any whitespace: labels are padded and wrapped at random."""
        return _WHITESPACE.sub("", self.raw)

    @property
    def number(self) -> int | float | None:
        """The count a value cell holds; null for blank, "无"-like and unsplit glued cells."""
        return parse_number(self.raw) if self.kind is Kind.VALUE else None


def tokenize(raw: str) -> list[Cell]:
    """The cells one source cell's text stands for, in reading order."""
    text = normalize_digits(raw)
    if not text:
        return [Cell(Kind.BLANK, raw)]
    if _DECORATED_PAGE.match(text):
        return [Cell(Kind.PAGE, raw)]
    if is_null_mark(text):
        return [Cell(Kind.NULL, raw.strip())]
    numbers = [text] if parse_number(text) is not None else split_numbers(text)
    if numbers:
        return [_number_cell(number) for number in numbers]
    compact = _WHITESPACE.sub("", text)
    if len(compact) > MAX_LABEL_CHARS or _SENTENCE.search(text):
        return [Cell(Kind.PROSE, raw)]
    pieces = separate_label(text)
    if len(pieces) > 1:
        return [cell for piece in pieces for cell in tokenize(piece)]
    match = _TRAILING_NUMBERS.match(text)
    if match:
        numbers = split_numbers(match["numbers"])
        if numbers:
            label = Cell(Kind.TEXT, match["text"])
            if not match["gap"] and len(numbers) == 1 and numbers[0].isdigit() and len(numbers[0]) > 1:
                return [label, Cell(Kind.GLUED, numbers[0])]
            return [label] + [_number_cell(number) for number in numbers]
    return [Cell(Kind.TEXT, raw)]


def separate_label(raw: str) -> list[str]:
    """The text of a cell cut where numbers run into a table label: "0行政复议" -> "0", "行政复议".

    A dump that lost the break after a row's last cell writes that value and the next cell in one:
    the first header cell of the next table, or the label of the next row. Only a label of the
    tables counts (`labels.opens_a_label`): "3.5万元", "2021年" and "1.属于国家秘密" stay whole.
    """
    text = normalize_digits(raw)
    match = _LEADING_NUMBERS.match(text)
    if match and split_numbers(match["numbers"]) and opens_a_label(_WHITESPACE.sub("", match["text"])):
        return [match["numbers"], match["text"]]
    return [raw]


def _number_cell(number: str) -> Cell:
    """A run of digits with a leading zero ("0470") is no count anyone writes: cells glued together."""
    if number.isdigit() and len(number) > 1 and number.startswith("0"):
        return Cell(Kind.GLUED, number)
    return Cell(Kind.VALUE, number)


# Cells of a text line: "|" (markdown, crawler dumps) and tabs delimit them; runs of two or more
# spaces (pdftotext layout) only separate them.
_CELL_DELIMITER = re.compile(r"[|\t]")
_SPACE_GAP = re.compile(r"[ \u3000\u00a0]{2,}")


def delimits_cells(line: str) -> bool:
    """Whether a line's cells are delimited ("|", tab), so that an empty cell is still there in its place."""
    return _CELL_DELIMITER.search(line) is not None


def split_line(line: str) -> list[str]:
    """The cells of one line of text where no table structure survived.

    Between two delimiters an empty piece is an empty cell, kept in its place ("规章 | 0 |  | 3 |": four
    cells, the third empty): dropping it would move the cells after it one column to the left. The
    line's own ends are no cells ("3 |" is one cell, a lone "|" none). Where only runs of spaces
    separate cells, an empty cell left no trace, and empty pieces carry nothing.
    """
    if not delimits_cells(line):
        return [piece for piece in _SPACE_GAP.split(line) if piece.strip()]
    pieces = _CELL_DELIMITER.split(line)
    if not pieces[0].strip():
        pieces = pieces[1:]
    if pieces and not pieces[-1].strip():
        pieces = pieces[:-1]
    return pieces
