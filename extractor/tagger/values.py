"""From a tagged fact span to the fact's number and label.

The model marks the whole phrase ("2018年全区主动公开政府信息2069条"); the number is the one the
phrase counts with: the one followed by a counting word (条 件 篇 场 个 …), not a year or a date.
A phrase without a number that denies the event ("未收到有关政府信息公开申请") counts zero; one
that neither states a number nor denies gives no fact, because a number is never invented.
Numbers and the channel and body words are the rules' own (`extractor.prose`), so a phrase means
the same whichever component read it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.numbers import COUNT_UNITS
from extractor.prose.lexicon import alternation, lexicon
from extractor.prose.numbers import COUNT, parse_count

NUMBER = re.compile(COUNT)
# What may follow a count: 余/多 ("5500余条"), then a counting word.
COUNTING_WORD = re.compile(rf"\s*(?:余|多|左右)?\s*(?:人次|[{COUNT_UNITS}]|则|组|部|批)")
NOT_A_COUNT = re.compile(r"\s*(?:年|月|日|号|时|%|％|届)")
DENIAL = re.compile(r"未|没有|无")
CLAUSE_BREAK = re.compile(r"[。；;，,！？]")


def count_in(phrase: str) -> int | float | None:
    """The count a fact phrase states, or None when it states none.

    Only a number followed by a counting word counts (a bare number is a code, a page or a
    fragment); of several, the last wins ("微博29个，共发布信息1992条" counts 1992 items).
    """
    counted: list[int | float] = []
    for match in NUMBER.finditer(phrase):
        after = phrase[match.end():]
        if NOT_A_COUNT.match(after) or not COUNTING_WORD.match(after):
            continue
        value = parse_count(match.group())
        if value is not None:
            counted.append(value)
    if counted:
        return counted[-1]
    if DENIAL.search(phrase):
        return 0
    return None


@lru_cache(maxsize=2)
def _word_labels(section: str) -> tuple[re.Pattern[str], dict[str, str]]:
    groups = lexicon()["channels"] if section == "channels" else lexicon()["npc_cppcc"]["bodies"]
    label_of = {word: label for label, words in groups.items() for word in words}
    # a channel word followed by 目 names a column (公开栏目), not a channel, as in the rules
    return re.compile(alternation(label_of) + "(?!目)"), label_of


def _first_label(section: str, phrase: str, context: str) -> str | None:
    pattern, label_of = _word_labels(section)
    for text in ("".join(phrase.split()), _last_clause(context)):  # "视频\n号" is 视频号 wrapped
        match = pattern.search(text)
        if match:
            return label_of[match.group()]
    return None


def _last_clause(context: str) -> str:
    """The words just before a phrase, back to the last punctuation: what the phrase continues."""
    return "".join(CLAUSE_BREAK.split(context)[-1].split())


def channel_of(phrase: str, context: str = "") -> str | None:
    """The channel of `annotation.md` a per-channel count belongs to; None when none is named.

    The phrase is read first; the clause it continues ("通过门户网站" before "公开……共计") second. A
    count that names no channel ("其他信息1029条") is a category's, not a channel's: 其他 is a
    channel only when the report says so ("其他方式公开28条").
    """
    return _first_label("channels", phrase, context)


def body_of(phrase: str, context: str = "") -> str | None:
    """人大建议 or 政协提案 for a count of handled proposals; None when neither is named."""
    return _first_label("bodies", phrase, context)


# The fact types whose `label` says which channel or body a count belongs to, and how to read it;
# a count of such a type that names neither is no fact of it.
FACT_LABELLERS = {"info_published_channel": channel_of, "npc_cppcc_handled": body_of}
# annotation.md's total is "the year's total ... over all channels": a report states one, so a
# second reading of it is a part (one township's, one category's) or a restatement.
ONE_PER_REPORT = frozenset({"info_published_total"})
