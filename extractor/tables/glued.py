"""Digits of several cells written together, split back only where the split is certain.

A crawler that flattens an HTML table without separators turns the row 77 | 132 | 470 into
"77132470". The row's cell count is known from the template, so the candidate splits are the ways
to cut the digit run into that many numbers without leading zeros ("0" itself is a number). The
consistency rules that hold inside one row (table 3: the six applicant columns add up to 总计;
table 4: each group's four results add up to its 总计) remove candidates. One survivor is used;
several are ambiguous and nothing is guessed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from extractor.tables.cells import Cell, Kind

# `accepts(prefix, complete)`: whether a row starting with the values `prefix` can still satisfy the
# row's rules (`complete`: the prefix is the whole row). None stands for a blank or null cell.
RowRule = Callable[[list[int | None], bool], bool]
# Enough to tell one split from several; the search also stops after MAX_STEPS (then: ambiguous).
MAX_SOLUTIONS = 3
MAX_STEPS = 20_000


@dataclass
class GluedSplit:
    solutions: list[list[Cell]]  # full rows, at most MAX_SOLUTIONS
    complete: bool               # the search saw every candidate, so `solutions` is all of them

    @property
    def unique(self) -> list[Cell] | None:
        return self.solutions[0] if self.complete and len(self.solutions) == 1 else None


class _Stop(Exception):
    pass


def split_glued(cells: list[Cell], expected: int, accepts: RowRule) -> GluedSplit:
    """The rows of `expected` cells that the glued runs among `cells` can stand for."""
    glued_at = [i for i, cell in enumerate(cells) if cell.kind is Kind.GLUED]
    extra = expected - len(cells)  # parts beyond one per glued run
    solutions: list[list[Cell]] = []
    steps = 0

    def search(index: int, extra_left: int, row: list[Cell], values: list[int | None]) -> None:
        nonlocal steps
        steps += 1
        if steps > MAX_STEPS:
            raise _Stop
        done = index == len(cells)
        if not accepts(values, done):
            return
        if done:
            if extra_left == 0:
                solutions.append(row)
                if len(solutions) >= MAX_SOLUTIONS:
                    raise _Stop
            return
        cell = cells[index]
        if cell.kind is not Kind.GLUED:
            number = cell.number
            search(index + 1, extra_left, row + [cell], values + [None if number is None else int(number)])
            return
        last_glued = index == glued_at[-1]
        for more in ([extra_left] if last_glued else range(extra_left + 1)):
            for pieces in _cuts(cell.raw, more + 1):
                search(index + 1, extra_left - more, row + [Cell(Kind.VALUE, p) for p in pieces],
                       values + [int(p) for p in pieces])

    if not glued_at or extra < 0:
        return GluedSplit([], True)
    try:
        search(0, extra, [], [])
    except _Stop:
        return GluedSplit(solutions, False)
    return GluedSplit(solutions, True)


def _cuts(digits: str, parts: int) -> Iterator[list[str]]:
    """Every way to cut `digits` into `parts` numbers, none with a leading zero."""
    if parts == 1:
        if digits == "0" or (digits and not digits.startswith("0")):
            yield [digits]
        return
    for end in range(1, len(digits) - parts + 2):
        head = digits[:end]
        if head.startswith("0") and head != "0":
            return
        for tail in _cuts(digits[end:], parts - 1):
            yield [head] + tail
