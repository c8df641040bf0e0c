"""Counts as reports write them in prose: "3119", "5,500", "1.2万", "两", "二十三", "一百零五".

Digits go through the project's one number reader (`extractor.numbers`); what prose adds is
counts written in Chinese numerals ("召开两场", "二场").
"""
from __future__ import annotations

from extractor.numbers import normalize_digits, parse_number

# The regular expression of a count, for the fact rules. Chinese numerals are kept to the
# characters of counts so that words like "万一" cannot pass for numbers.
COUNT = r"(?:(?:[0-9０-９]{1,3}(?:,[0-9]{3})+|[0-9０-９]+)(?:\.[0-9]+)?(?:\s*万)?|[零〇一二两三四五六七八九十百千万]+)"

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def parse_count(written: str) -> int | float | None:
    """The value of a count as written, or None when it is not a well-formed number."""
    compact = "".join(normalize_digits(written).split())
    if compact[:1].isdigit():
        return parse_number(compact)
    return _chinese_count(compact)


def _chinese_count(text: str) -> int | None:
    """"二十三" -> 23, "一百零五" -> 105, "三万五千" -> 35000; None for anything malformed."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS and ch != "万" for ch in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            if digit not in (None, 0):
                return None  # two digits in a row ("二三") is not a count
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:  # 万
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
    return total + section + (digit or 0)
