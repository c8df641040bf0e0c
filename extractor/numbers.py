"""Reading the numbers that reports write in cells and sentences.

Reports are typed by hand in every editor, so one number appears as "177", "177件", "１７７",
"+1036", "145.6381万元" or "3739265元". Everything that reads a value (the table readers, the prose
rules) goes through this module, so a number means the same thing wherever it was found: a count
stays a count, money is converted to yuan, a sign word or sign character is kept.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_FULL_WIDTH = str.maketrans("０１２３４５６７８９＋－．，", "0123456789+-.,")
# Minus signs seen in cells: ASCII, full-width (already translated), the Unicode minus.
_MINUS = "-−"

# Counting words that may follow a count; they never change its value.
COUNT_UNITS = "件个条项次份篇场人家期户宗起"
# Multipliers written before a unit: "145.6381万元", "1.2万件".
_MULTIPLIERS = {"万": Decimal(10000), "亿": Decimal(100000000)}

_SIGN = r"(?P<sign>[+\-−]|增加|减少|增|减)?"
_DIGITS = r"(?P<digits>\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT = rf"(?P<mult>[万亿])?(?P<unit>元|[{COUNT_UNITS}])?"
_NUMBER = re.compile(rf"^{_SIGN}\s*{_DIGITS}\s*{_UNIT}$")
# One number inside a run of several ("1个246900元", "3 0 11"): same shape, unanchored.
_NUMBER_IN_RUN = re.compile(rf"[+\-−]?\d+(?:,\d{{3}})+(?:\.\d+)?[万亿]?(?:元|[{COUNT_UNITS}])?"
                            rf"|[+\-−]?\d+(?:\.\d+)?[万亿]?(?:元|[{COUNT_UNITS}])?")
# What a report writes in a cell that has no value: blank, "无", "/", a dash of any width.
_NULL_MARK = re.compile(r"^(?:[\-－—–―─/／\\]+|无|暂无|空)$")
_SPACES = re.compile(r"[\s\u00a0\u3000]+")


def normalize_digits(text: str) -> str:
    """Full-width digits, signs and separators as ASCII, spaces of every kind removed at the ends."""
    return text.translate(_FULL_WIDTH).strip().strip("\u3000\u00a0")


def is_null_mark(text: str) -> bool:
    """Whether a cell says "no value" (blank, 无, /, —, -): such a cell is null, never 0."""
    compact = _SPACES.sub("", normalize_digits(text))
    return not compact or _NULL_MARK.match(compact) is not None


def parse_number(text: str) -> int | float | None:
    """The one number `text` states, in its base unit; None when `text` is not exactly one number.

    Money is returned in yuan ("145.6381万元" -> 1456381, "3739265元" -> 3739265); counting words are
    dropped ("177件" -> 177); a sign is kept ("+1036" -> 1036, "-3" -> -3, "减少2" -> -2). Whole values
    are ints, so a count never turns into 177.0. Decimal arithmetic keeps "96171.6万元" exact.
    """
    quantity = parse_quantity(text)
    return None if quantity is None else as_number(quantity[0] * _MULTIPLIERS.get(quantity[1] or "", 1))


def parse_quantity(text: str) -> tuple[Decimal, str | None, str | None] | None:
    """(value as written, multiplier 万/亿 or None, unit 元/件/… or None), or None if not one number.

    Readers that must know whether a money cell named its unit (a cell without one takes the unit
    of its column header) use this instead of `parse_number`.
    """
    match = _NUMBER.match(normalize_digits(text))
    if not match:
        return None
    try:
        value = Decimal(match["digits"].replace(",", ""))
    except InvalidOperation:
        return None
    if match["sign"] and (match["sign"] in _MINUS or match["sign"].startswith("减")):
        value = -value
    return value, match["mult"], match["unit"]


def as_number(value: Decimal) -> int | float:
    """An exact decimal as the JSON number a record stores: int when whole, else float."""
    return int(value) if value == value.to_integral_value() else float(value)


def split_numbers(text: str) -> list[str] | None:
    """The numbers of a cell that holds only numbers, in order; None when it holds anything else.

    A cell sometimes carries two columns at once ("1个246900元": items 1, amount 246900) or a whole
    row separated by single spaces ("0 0 0"); a unit or a space is what separates them.
    """
    normalized = normalize_digits(text)
    compact = _SPACES.sub(" ", normalized)
    parts: list[str] = []
    position = 0
    while position < len(compact):
        if compact[position] == " ":
            position += 1
            continue
        match = _NUMBER_IN_RUN.match(compact, position)
        if not match:
            return None
        parts.append(match.group())
        position = match.end()
    return parts or None
