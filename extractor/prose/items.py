"""Problems and measures: the items of section 五 (annotation.md, "Problems and measures").

Section 五 states the problems first and the measures after them, either under sub-headings
("（一）主要问题" / "（二）改进措施", "存在问题：" / "改进情况：", "（二）解决办法和改进措施："), or
by a sentence that turns to the future ("针对以上问题，…", "下一步，…", "今后，…"). Each part is a list: enumerated (一是/二是,
一、, （一）, 1. 1、, (1), ①, and mixed sequences such as "一、…；二是…；三，…"), separated by "；"
with no enumerators, or a single paragraph. Framing sentences ("主要表现在：", "针对以上问题，
…将继续…" before an enumerated list) and closing status lines after the last item are not items.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.prose.enumerators import CHINESE_NUMBER, CIRCLED, ENUMERATOR, FAMILY, SPACE
from extractor.prose.lexicon import alternation, lexicon
from extractor.sections import ordinal_value

# The number of a sub-heading ("（二）改进措施", "二、下一步打算", "2. 整改措施").
_SUBHEADING_NUMBER = r"(?:[（(][一二三四五六七八九十][)）]|[一二三四五六七八九十][、.．]|\d{1,2}[、.．])"
_YEAR = r"(?:(?:19|20)\d{2}" + SPACE + r"年度?" + SPACE + ")"
# A numbered sub-heading with a few words before its name ("（二）解决办法和改进措施：").
_WORDED_SUBHEADING = rf"{_SUBHEADING_NUMBER}{SPACE}[^。！？!?：:\n]{{0,10}}?"
# An item starts at the start of the part or of a paragraph, or after a sentence or a clause
# that ends with 。；：！？ — never inside a clause.
_ENUMERATOR = re.compile(r"(?:^|(?<=[\n。；;：:！？!?]))" + SPACE + "(?P<enumerator>" + ENUMERATOR + ")")
# "一是…，二是…" is an enumeration even inside one sentence: 是 after a number cannot be prose.
_SHI_AFTER_COMMA = re.compile(rf"(?<=[，,]){SPACE}(?P<enumerator>(?P<shi>{CHINESE_NUMBER})是)")
# A clause that ends with one of these words and a comma frames a list lead after it ("存在一些问题和
# 不足，主要体现在…"): the lead opens the list even after a comma.
_FRAMING_END = "(?:问题|不足|差距|短板|方面)[，,]"
_CLOSING = "。；;，,、．.：:！!？? \t\u3000\n"
_TOO_SHORT = 4  # "无", "暂无" and the like are not items


@dataclass(frozen=True)
class _Enumerator:
    start: int
    end: int
    style: str
    ordinal: int


@dataclass(frozen=True)
class _Patterns:
    measures_start: re.Pattern[str]
    problems_heading: re.Pattern[str]
    measures_heading: re.Pattern[str]
    list_lead: re.Pattern[str]
    signature: re.Pattern[str]
    status: re.Pattern[str]
    problem_cue: re.Pattern[str]
    problems_addressed: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    words = lexicon()
    cues = alternation(words["measures_cues"], escape=False)
    heading_end = r"(?:[：:。]|(?=\n)|$)"
    measures_heading = words["measures_heading"]
    return _Patterns(
        re.compile(rf"(?:^|(?<=[。！？!?\n])){SPACE}(?:(?:{_SUBHEADING_NUMBER})?{SPACE}{_YEAR}?{cues}"
                   rf"|{_WORDED_SUBHEADING}{measures_heading}{SPACE}(?:[：:]|(?=\n)))"),
        re.compile(rf"^{SPACE}(?:{_SUBHEADING_NUMBER})?{SPACE}{words['problems_heading']}{SPACE}{heading_end}"),
        re.compile(rf"^{SPACE}(?:(?:{_SUBHEADING_NUMBER})?{SPACE}{_YEAR}?|{_WORDED_SUBHEADING}){measures_heading}{SPACE}"
                   rf"{heading_end}"),
        re.compile(rf"(?:^|(?<=[。：:])|(?<={_FRAMING_END}))\s*{alternation(words['list_leads'])}[：:，,]?"),
        re.compile(rf"(?:{words['signature_body']})?{SPACE}(?:{words['signature_date']})?"),
        re.compile(alternation(words["status_leads"])),
        re.compile(alternation(words["problem_cues"])),
        re.compile(words["problems_addressed"]),
    )


def read_items(section: str, *, measures_only: bool = False) -> tuple[list[str], list[str]]:
    """The problems and the measures of section 五's text (paragraphs separated by newlines).

    A part 五 whose heading names only the plans (`measures_only`, "五、下一步工作计划") holds
    measures from its start, unless it opens with a problems sub-heading of its own.
    """
    patterns = _patterns()
    if measures_only and not patterns.problems_heading.match(section.strip()):
        turn = 0
    else:
        turn = _turn_to_measures(section)
    problems_text, measures_text = section[:turn], section[turn:]
    problems = _items(patterns.problems_heading.sub("", problems_text.strip(), count=1), problem=True)
    measures = _items(patterns.measures_heading.sub("", measures_text.strip(), count=1), problem=False)
    return problems, measures


def closing_part_start(text: str, after: int = 0) -> int | None:
    """Where a report without headings states its problems or measures: the first paragraph from
    `after` on that opens with a problems sub-heading ("存在的问题：") or turns to the measures
    ("2011年，我们将…", "下一步，…"). The caller passes the end of the last count the report
    states, since a free-form report closes with these parts: a plan-like sentence before a count
    ("2020年，我局将政务公开纳入考核，全年公开信息…") belongs to the account of the year."""
    patterns = _patterns()
    for paragraph in re.finditer(r"(?m)^.+$", text[after:]):
        start = after + paragraph.start()
        if patterns.problems_heading.match(paragraph.group()) or patterns.measures_start.match(text, start):
            return start
    return None


def _turn_to_measures(section: str) -> int:
    """Where the measures begin: at a sentence that turns to them ("下一步，…", "（二）改进措施"), or
    else at the sentence that opens a second enumerated list (problems 一是…三是, then a sentence
    of any wording, then measures 一是…); with neither, the section holds problems only."""
    turn = _patterns().measures_start.search(section)
    if turn:
        return turn.start()
    first = _enumeration(section)
    second = _enumeration(section, after=first[-1].end) if first else []
    if not second:
        return len(section)
    return max(section.rfind(mark, 0, second[0].start) for mark in "\n。") + 1


def _items(part: str, *, problem: bool) -> list[str]:
    chain = _enumeration(part)
    if len(chain) >= 2:
        return _enumerated_items(part, chain)
    return _unenumerated_items(part, problem=problem)


def _enumeration(part: str, after: int = 0) -> list[_Enumerator]:
    """The list's enumerators: the earliest sequence 1, 2, 3… of two or more (from `after` on).

    The next number is looked for in the same style first, then in the same family (Chinese
    numbers or digits), then in any style, so that a nested "1. 2." inside "一、…二、…" is not taken
    for the outer list, while a list that changes style midway ("一、…；二是…；三，…") still is.
    """
    found = [_as_enumerator(m) for m in _ENUMERATOR.finditer(part)]
    found += [_as_enumerator(m) for m in _SHI_AFTER_COMMA.finditer(part)]
    found = sorted((e for e in found if e.ordinal and e.start >= after), key=lambda e: e.start)
    for first in found:
        if first.ordinal != 1 or first.style == "comma":
            continue
        chain = [first]
        while (following := _next_in_list(found, chain[-1])) is not None:
            chain.append(following)
        if len(chain) >= 2:
            return chain
    return []


def _as_enumerator(match: re.Match[str]) -> _Enumerator:
    style = next(name for name, value in match.groupdict().items() if value and name != "enumerator")
    written = match.group(style)
    ordinal = CIRCLED.index(written) + 1 if style == "circled" else ordinal_value(written) or 0
    return _Enumerator(match.start("enumerator"), match.end(), style, ordinal)


def _next_in_list(found: list[_Enumerator], current: _Enumerator) -> _Enumerator | None:
    """The next number of the list; none after the list starts again at 1 in its own family."""
    restart = next((e.start for e in found if e.start >= current.end and e.ordinal == 1
                    and FAMILY[e.style] == FAMILY[current.style]), None)
    later = [e for e in found if e.start >= current.end and e.ordinal == current.ordinal + 1
             and (restart is None or e.start < restart)]
    for same in (lambda e: e.style == current.style, lambda e: FAMILY[e.style] == FAMILY[current.style],
                 lambda e: True):
        matching = [e for e in later if same(e)]
        if matching:
            return matching[0]
    return None


def _enumerated_items(part: str, chain: list[_Enumerator]) -> list[str]:
    items = [part[e.end:following.start] for e, following in zip(chain, chain[1:])]
    items.append(part[chain[-1].end:_end_of_last_item(part, chain[-1].end)])
    return [item for item in map(_clean, items) if len(item) >= _TOO_SHORT]


def _end_of_last_item(part: str, start: int) -> int:
    """The last item ends with its paragraph, and the paragraphs of a nested list under it; what
    follows ("目前，…正在有序进行中", a signature) reports on the list and is not an item."""
    end = part.find("\n", start)
    while end != -1 and _ENUMERATOR.match(part, end + 1):
        end = part.find("\n", end + 1)
    return len(part) if end == -1 else end


def _unenumerated_items(part: str, *, problem: bool) -> list[str]:
    """Each paragraph is an item, or one item per part of a "；"-separated list.

    A paragraph that ends with "：" leads into the list and is not an item, nor is a signature
    line, nor a measure-side line on progress after some measures ("目前，…已…"); in a "；" list,
    the sentences before the first part's last "。" or "：" frame the list. A problem stated as
    "虽然…取得了一定成效，但还存在X" is X. A paragraph of problems without "；" is one problem per
    sentence that states one (`_problem_statements`); a statement with no word of something
    falling short (不足, 有待, 滞后 …) is a general statement that frames the part ("政府信息公开
    工作是一项长期的…系统工程"), not a problem.
    """
    patterns = _patterns()
    items: list[str] = []
    for paragraph in (p.strip() for p in part.split("\n")):
        if not paragraph or paragraph.endswith(("：", ":")) or patterns.signature.fullmatch(paragraph):
            continue
        if items and not problem and patterns.status.match(paragraph):
            continue
        pieces = [piece for piece in re.split(r"[；;]", paragraph) if _clean(piece)]
        if len(pieces) > 1:
            pieces[0] = re.split(r"[。：:]", pieces[0])[-1]
        elif problem:
            pieces = [statement for statement in _problem_statements(paragraph) if _states_a_problem(statement)]
            if not pieces:
                continue
        pieces[0] = _after_list_lead(pieces[0])
        if problem:
            pieces[0] = _CONCESSIVE_LEAD.sub("", pieces[0], count=1)
        items += [item for item in map(_clean, pieces) if len(item) >= _TOO_SHORT]
    return items


_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
# A sentence that opens with these takes up the one before: it refers back ("上述问题，我们将…"),
# or details it ("主要是…", "如…"). "此外" and "同时" add a problem of their own.
_TAKES_UP = re.compile(r"\s*(?:上述|以上|这些|此(?!外)|对此|为此|针对|主要(?:是|有|表现|体现|原因)|具体(?:是|表现|体现|来说)"
                       r"|如|比如|例如|其中|特别是|尤其是)")
_STATEMENT = 15  # a sentence shorter than this ("存在一些不足。") frames the next, it states no problem


def _states_a_problem(statement: str) -> bool:
    patterns = _patterns()
    return bool(patterns.problem_cue.search(patterns.problems_addressed.sub("", statement)))


def _problem_statements(paragraph: str) -> list[str]:
    """The problems of a paragraph, one per sentence that states one on its own ("…与公众的需求
    还存在差距…。报送过程中…存在审查不严…等问题。" is two problems). A short sentence or one that
    takes up the sentence before ("上述问题，我们将…加以改进", "主要是…") stays with its neighbour,
    so a framed or commented problem stays one item."""
    statements: list[str] = []
    pending = ""  # short sentences that frame the next one
    for sentence in filter(_clean, _SENTENCE_END.split(paragraph)):
        if statements and _TAKES_UP.match(sentence):
            statements[-1] += sentence
        elif len(_clean(pending + sentence)) < _STATEMENT:
            pending += sentence
        else:
            statements.append(pending + sentence)
            pending = ""
    if pending:
        statements = statements[:-1] + [statements[-1] + pending] if statements else [pending]
    return statements


_CONCESSIVE_LEAD = re.compile(
    r"^[^。；;]*?(?:取得|做了|成效|成绩)[^。；;]*?[，,]\s*(?:但是?|然而)(?:[^。；;，,]{0,20}?)(?:仍然|依然|还|仍|也)?(?:存在|有)着?(?:一些|以下)?")


def _after_list_lead(text: str) -> str:
    lead = _patterns().list_lead.search(text)
    return text[lead.end():] if lead else text


def _clean(item: str) -> str:
    """One line, without the enumerator's trailing space or the closing punctuation."""
    return _joined_lines(item).strip(_CLOSING)


def _joined_lines(text: str) -> str:
    return re.sub(r"\s*\n\s*", "", text)


def as_written(item: str, section: str, written: str) -> str:
    """An item read from `section` as the source writes it, when `written` is the same section in
    the source's characters (a 繁體 text read as simplified, one character for one).

    Every item is a run of its section with line breaks removed, so it sits at the same place in
    both sections once their line breaks are removed.
    """
    if section == written:
        return item
    position = _joined_lines(section).find(item)
    return item if position < 0 else _joined_lines(written)[position:position + len(item)]
