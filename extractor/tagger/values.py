"""From a tagged fact span to the fact's number and label.

The model marks the whole phrase ("2018年全区主动公开政府信息2069条"); the number is the one the
phrase counts with: the one followed by a counting unit (条 件 篇 场 个 …), not a year or a date.
A phrase without a number that denies the event ("未收到有关政府信息公开申请") counts zero; one
that neither states a number nor denies gives no fact, because a number is never invented.
"""
from __future__ import annotations

import re

from extractor.numbers import COUNT_UNITS, parse_number

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                  "七": 7, "八": 8, "九": 9}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMBER = re.compile(r"(?P<arabic>[\d０-９]+(?:[.,][\d０-９]+)*)|(?P<chinese>[零〇一二两三四五六七八九十百千]+)")
# What may follow a count: 万 (part of the number), 余/多 ("5500余条"), then a counting word.
COUNTING_UNIT = re.compile(rf"\s*(?P<wan>万)?\s*(?:余|多|左右)?\s*(?:人次|[{COUNT_UNITS}]|则|组|部|批)")
NOT_A_COUNT = re.compile(r"\s*(?:年|月|日|号|时|%|％|届)")
DENIAL = re.compile(r"未|没有|无|零")

# Channel words, most specific first: "微信公众号" must not read as the website of "网".
CHANNEL_WORDS = (
    ("微信", "微信公众号"),
    ("微博", "微博"),
    ("视频号", "政务新媒体"), ("抖音", "政务新媒体"), ("快手", "政务新媒体"), ("头条", "政务新媒体"),
    ("客户端", "政务新媒体"), ("APP", "政务新媒体"), ("新媒体", "政务新媒体"),
    ("公开栏", "公开栏"), ("公示栏", "公开栏"), ("宣传栏", "公开栏"),
    ("公报", "政府公报"),
    ("报刊", "新闻媒体"), ("报纸", "新闻媒体"), ("电视", "新闻媒体"), ("广播", "新闻媒体"), ("新闻媒体", "新闻媒体"),
    ("网站", "政府网站"), ("门户", "政府网站"), ("政府网", "政府网站"), ("网上", "政府网站"), ("平台", "政府网站"),
)
BODY_WORDS = (("人大", "人大建议"), ("政协", "政协提案"))


def chinese_number(numeral: str) -> int | None:
    """"十二" -> 12, "两" -> 2, "三百零五" -> 305; None for a string that is not a numeral."""
    total, digit = 0, None
    for char in numeral:
        if char in "零〇" and total:  # the zero of "三百零五" only holds a place
            continue
        if char in CHINESE_DIGITS:
            if digit is not None:  # "二〇一八" is a year written digit by digit, not a count
                return None
            digit = CHINESE_DIGITS[char]
        elif char in CHINESE_UNITS:
            total += (1 if digit is None else digit) * CHINESE_UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def count_in(phrase: str) -> int | float | None:
    """The count a fact phrase states, or None when it states none.

    Of several numbers, one followed by a counting word wins over a bare one, and the last such
    wins ("微博29个，共发布信息1992条" counts 1992 items).
    """
    counted: list[int | float] = []
    bare: list[int | float] = []
    for match in NUMBER.finditer(phrase):
        after = phrase[match.end():]
        if NOT_A_COUNT.match(after):
            continue
        unit = COUNTING_UNIT.match(after)
        wan = bool(unit and unit.group("wan"))
        if match.group("arabic"):
            value = parse_number(match.group("arabic") + ("万" if wan else ""))
        else:
            value = chinese_number(match.group("chinese"))
            if value is not None and wan:
                value *= 10000
        if value is None or (match.group("chinese") and not unit):
            continue
        (counted if unit else bare).append(value)
    if counted or bare:
        return (counted or bare)[-1]
    if DENIAL.search(phrase):
        return 0
    return None


def channel_of(phrase: str, context: str = "") -> str:
    """The channel of `annotation.md` a per-channel count belongs to; 其他 when none is named.

    The phrase is read first; the text just before it ("通过门户网站公开……共计") second.
    """
    for text in ("".join(phrase.split()), "".join(context.split())):  # "视频\n号" is 视频号 wrapped
        for word, channel in CHANNEL_WORDS:
            if word in text:
                return channel
    return "其他"


def body_of(phrase: str, context: str = "") -> str | None:
    """人大建议 or 政协提案 for a count of handled proposals; None when neither is named."""
    for text in ("".join(phrase.split()), "".join(context.split())):
        for word, body in BODY_WORDS:
            if word in text:
                return body
    return None


# The fact types whose `label` says which channel or body a count belongs to, and how to read it.
FACT_LABELLERS = {"info_published_channel": channel_of, "npc_cppcc_handled": body_of}
