"""Finds the six standard parts of a report (一 总体情况 … 六 其他需要报告的事项) in its text.

Reports number and name their parts in many ways: renumbered bodies (a prose 一…六 of their own,
then the tables numbered 一 again), markdown `## ` headings, headings without a number, the
pre-2019 layout (概述 … 存在的主要问题及改进措施), headings run into the body on one line. So a part
is found by its *name* (`data/section_headings.yaml`), never by its number alone, and the six
parts are chosen together as the best sequence in reading order. Names are matched in the text
read as simplified characters (`extractor.script`), which keeps every offset: a 繁體 copy of a
report has the same parts.

INTERFACE (owned by the prose work): `split_sections(text) -> Sections`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from extractor.script import simplified

SECTION_NAMES = {
    1: "overview",         # 一、总体情况 / 概述
    2: "proactive",        # 二、主动公开政府信息情况
    3: "requests",         # 三、收到和处理政府信息公开申请情况
    4: "appeals",          # 四、政府信息公开行政复议、行政诉讼情况
    5: "problems",         # 五、存在的主要问题及改进情况
    6: "other",            # 六、其他需要报告的事项
}


@dataclass
class Span:
    heading: str
    start: int  # offset of the heading in the text
    body_start: int  # offset just after the heading
    end: int  # offset where the next section (or the text) ends
    measures_only: bool = False  # a part 五 whose heading names only plans ("五、下一步工作计划")


@dataclass
class Sections:
    spans: dict[int, Span] = field(default_factory=dict)

    def body(self, text: str, number: int) -> str:
        span = self.spans.get(number)
        return text[span.body_start:span.end] if span else ""


CHINESE_DIGITS = "零一二三四五六七八九"
_ORDINAL = r"[一二三四五六七八九十]{1,3}|\d{1,2}"
# A part's number as headings write it: 一、 / 1. / 第一部分 / "一 " (number, then a space).
_NUMBER = rf"(?:第(?P<o1>{_ORDINAL})部分[：:、\s]*|(?P<o2>{_ORDINAL})\s*[、.．]\s*|(?P<o3>{_ORDINAL})[ \t\u3000]+)"
# Where a heading may begin: the start of a line (after indentation, markdown/bold marks and a
# word processor's "[bookmark: _GoBack]" left in text dumps), or, in bodies that run everything
# into one line, right after a sentence's full stop.
_MARKS = r"(?:#{1,6}[ \t]*)?(?:\*\*)?"
_LINE_PREFIX = r"[ \t\u3000]*(?:\[bookmark:[^\]\n]{0,40}\])?[ \t\u3000]*"
_LINE_HEADING = re.compile(rf"(?m)^{_LINE_PREFIX}(?P<heading>{_MARKS}(?P<number>{_NUMBER})?)")
_INLINE_HEADING = re.compile(rf"(?<=[。])[ \t\u3000]*(?P<heading>(?P<number>(?P<o4>{_ORDINAL})、))")
_LINE_END = re.compile(r"[ \t\u3000]*(?:\*\*)?[：:。]?[ \t\u3000]*(?:\n|$)")
# A heading line may carry a few more words after the name ("主动公开政府信息情况（表格）").
_HEADING_TAIL = re.compile(r"[^\n。，,；]{0,15}(?=\n|$)")

# A sequence of parts is scored per part found; the bonuses only break ties between sequences
# with the same number of parts (see `_Candidate.score`). A heading that names only the plans
# scores below every heading that names the problems, so it stands for part 五 only without one.
_FOUND, _OFFICIAL_NAME, _OWN_NUMBER, _AT_LINE_START, _SUBHEADING, _MEASURES_ONLY = 10.0, 2.0, 1.0, 0.5, -5.0, -2.0


@dataclass(frozen=True)
class _HeadingNames:
    parts: dict[int, list[re.Pattern[str]]]
    problems_subheadings: list[re.Pattern[str]]
    continuations: dict[int, list[re.Pattern[str]]]
    measures_only: list[re.Pattern[str]]


@lru_cache(maxsize=1)
def _heading_names() -> _HeadingNames:
    raw = yaml.safe_load(resources.files("extractor").joinpath("data/section_headings.yaml").read_text("utf-8"))
    parts = {int(n): [re.compile(p) for p in patterns] for n, patterns in raw["parts"].items()}
    subheadings = [re.compile(rf"(?m)^[ \t\u3000]*(?:{p})") for p in raw["problems_subheadings"]]
    continuations = {int(n): [re.compile(p) for p in patterns] for n, patterns in raw["continuations"].items()}
    return _HeadingNames(parts, subheadings, continuations, [re.compile(p) for p in raw["measures_only"]])


@dataclass(frozen=True)
class _Candidate:
    part: int
    start: int
    body_start: int
    heading: str
    ordinal: int | None
    ordinal_text: str | None
    at_line_start: bool
    official_name: bool
    subheading: bool = False
    measures_only: bool = False

    @property
    def score(self) -> float:
        return (_FOUND + _OFFICIAL_NAME * self.official_name + _OWN_NUMBER * (self.ordinal == self.part)
                + _AT_LINE_START * self.at_line_start + _SUBHEADING * self.subheading
                + _MEASURES_ONLY * self.measures_only)


def split_sections(text: str) -> Sections:
    """The six parts of `text`, each from its heading to the next part's heading.

    Parts keep their order: among all headings that name a part, the sequence chosen is the one
    in reading order that finds the most parts, preferring official names, headings whose number
    is the part's own and headings that start a line. Sub-items "（一）" are never parts. The last
    part found ends early at an unknown heading numbered next after its own (the pre-2019
    "六、政府信息公开情况统计表" after "五、…改进措施"). A numbered heading that names only the
    plans ("五、下一步工作计划", "六、工作打算") is part 五, holding measures only, where no heading
    names the problems.
    """
    text = simplified(text)
    chosen = _best_sequence(_candidates(text))
    spans: dict[int, Span] = {}
    for index, candidate in enumerate(chosen):
        if index + 1 < len(chosen):
            end = chosen[index + 1].start
        else:
            end = _end_of_last_part(text, candidate)
        spans[candidate.part] = Span(candidate.heading, candidate.start, candidate.body_start, end,
                                     candidate.measures_only)
    return Sections(spans)


def _candidates(text: str) -> list[_Candidate]:
    names = _heading_names()
    found: list[_Candidate] = []
    for match in _LINE_HEADING.finditer(text):
        found += _named_headings(text, match, names, at_line_start=True)
    for match in _INLINE_HEADING.finditer(text):
        found += _named_headings(text, match, names, at_line_start=False)
    for pattern in names.problems_subheadings:
        for match in pattern.finditer(text):
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            found.append(_Candidate(5, start, start, "", None, None, True, False, subheading=True))
    return found


def _named_headings(text: str, number: re.Match[str], names: _HeadingNames, *, at_line_start: bool) -> list[_Candidate]:
    ordinal_text = next((number.group(g) for g in ("o1", "o2", "o3", "o4") if number.groupdict().get(g)), None)
    pos = number.end()
    result = []
    for part, patterns in names.parts.items():
        for rank, pattern in enumerate(patterns):
            name = pattern.match(text, pos)
            if not name:
                continue
            body_start = name.end()
            if ordinal_text is None and not _LINE_END.match(text, body_start):
                continue  # an unnumbered heading must be a line of its own
            if at_line_start:
                tail = _HEADING_TAIL.match(text, body_start)
                if tail and ordinal_text is not None:
                    body_start = tail.end()
            start = number.start("heading")
            result.append(_Candidate(part, start, body_start, text[start:body_start].strip(),
                                     ordinal_value(ordinal_text), ordinal_text, at_line_start, rank == 0))
            break
    if ordinal_text is not None and not any(candidate.part == 5 for candidate in result):
        for pattern in names.measures_only:
            name = pattern.match(text, pos)
            if name and _LINE_END.match(text, name.end()):
                start = number.start("heading")
                result.append(_Candidate(5, start, name.end(), text[start:name.end()].strip(),
                                         ordinal_value(ordinal_text), ordinal_text, at_line_start, False,
                                         measures_only=True))
                break
    return result


def _best_sequence(candidates: list[_Candidate]) -> list[_Candidate]:
    """The highest-scoring sequence of candidates in reading order with strictly rising parts."""
    candidates = sorted(candidates, key=lambda c: (c.start, c.part))
    best: list[float] = []
    previous: list[int | None] = []
    for i, candidate in enumerate(candidates):
        best.append(candidate.score)
        previous.append(None)
        for j in range(i):
            earlier = candidates[j]
            if earlier.part < candidate.part and earlier.body_start <= candidate.start \
                    and best[j] + candidate.score > best[i]:
                best[i], previous[i] = best[j] + candidate.score, j
    if not candidates:
        return []
    index: int | None = max(range(len(candidates)), key=lambda i: (best[i], -candidates[i].start))
    chain = []
    while index is not None:
        chain.append(candidates[index])
        index = previous[index]
    return chain[::-1]


def _end_of_last_part(text: str, last: _Candidate) -> int:
    """Where the last part found ends: at the next numbered heading, unless that heading only
    continues the part ("六、改进措施" after "五、存在问题")."""
    if last.ordinal is None or last.ordinal_text is None:
        return len(text)
    continuations = _heading_names().continuations.get(last.part, [])
    following, position = last.ordinal + 1, last.body_start
    while True:
        written = str(following) if last.ordinal_text.isdigit() else chinese_ordinal(following)
        if last.at_line_start:
            pattern = rf"(?m)^{_LINE_PREFIX}{_MARKS}{written}\s*[、.．]\s*"
        else:
            pattern = rf"(?<=[。])[ \t\u3000]*{written}、"
        match = re.compile(pattern).search(text, position)
        if not match:
            return len(text)
        if not any(name.match(text, match.end()) for name in continuations):
            return match.start() + len(match.group()) - len(match.group().lstrip(" \t\u3000"))
        following, position = following + 1, match.end()


def ordinal_value(ordinal: str | None) -> int | None:
    """1 for "一" or "1", 12 for "十二"; None for what is not a small ordinal."""
    if not ordinal:
        return None
    if ordinal.isdigit():
        return int(ordinal)
    if "十" not in ordinal:
        return CHINESE_DIGITS.index(ordinal) if len(ordinal) == 1 and ordinal in CHINESE_DIGITS else None
    tens, _, units = ordinal.partition("十")
    tens_value = CHINESE_DIGITS.index(tens) if tens else 1
    units_value = CHINESE_DIGITS.index(units) if units else 0
    return tens_value * 10 + units_value


def chinese_ordinal(value: int) -> str:
    """The inverse of `ordinal_value` for 1..99, as headings write it ("十一", "二十")."""
    tens, units = divmod(value, 10)
    if tens == 0:
        return CHINESE_DIGITS[units]
    return (CHINESE_DIGITS[tens] if tens > 1 else "") + "十" + (CHINESE_DIGITS[units] if units else "")
