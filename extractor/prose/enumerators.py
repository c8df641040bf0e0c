"""The numbers that open list items in report prose: 一是, 一、, （一）, 1. 1、, (1), ①, 第一，.

Shared by the reading view (a line that opens with one starts a new paragraph, even when the line
before ran on) and by the item reader (which reads the numbers' sequence).
"""
from __future__ import annotations

import re

CHINESE_NUMBER = "[一二三四五六七八九十]{1,3}"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
SPACE = r"[ \t\u3000]*"

# One enumerator, its style in the name of the group that matched. "三，" (a Chinese number and a
# comma) only ever continues a list that other styles began.
ENUMERATOR = (
    rf"(?P<shi>{CHINESE_NUMBER})是"
    rf"|(?P<dun>{CHINESE_NUMBER})[、.．]"
    rf"|[（(](?P<paren>{CHINESE_NUMBER})[)）]"
    r"|[（(](?P<paren_digit>\d{1,2})[)）]"
    r"|(?P<digit>\d{1,2})(?:[、．]|\.(?!\d))"
    rf"|(?P<circled>[{CIRCLED}])"
    rf"|第(?P<di>{CHINESE_NUMBER})[，,、]"
    r"|(?P<comma>[一二三四五六七八九十])[，,]"
)
# Styles by family: the next number of a list is looked for in its own family first.
FAMILY = {"shi": "chinese", "dun": "chinese", "paren": "chinese", "di": "chinese", "comma": "chinese",
          "paren_digit": "digit", "digit": "digit", "circled": "digit"}

_OPENS_ITEM = re.compile(SPACE + "(?:" + ENUMERATOR + ")")


def opens_list_item(line: str) -> bool:
    """Whether a line begins with an enumerator (a Chinese number and a comma does not count alone)."""
    match = _OPENS_ITEM.match(line)
    return bool(match) and not match.group("comma")
