"""Rule-based facts of annotation.md, found in the reading view of a report's prose.

Each rule is a phrase shape: an action (公开/发布, 召开, 受理, 办理 …), what it acts on, a count and
its measure word, in the orders reports use. The shapes are regular expressions over the word
lists of `data/prose_lexicon.yaml` because the counts come with noise that word segmentation
breaks on ("5500 余条", "政策解读\\n21 个" joined by the view, "两场"). What must NOT count is as
much a part of each rule as what must: a per-category count has no channel, a channel's count is
not the total, a count in a table line is not prose.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator

from extractor.prose.enumerators import ENUMERATOR, SPACE
from extractor.prose.lexicon import alternation, lexicon
from extractor.prose.numbers import COUNT, parse_count
from extractor.prose.view import ReadingView

_SPACE = r"[ \u3000\xa0]*"
# Where a clause begins: after a sentence's or a clause's punctuation, after 其中 ("of which"), or
# after a counted item that "、" joins to the next ("门户网站发布信息68条、在公开栏公开27条").
_CLAUSE_BOUNDARY = re.compile(rf"[。；;！？!?\n，,：:]|其中|{COUNT}{_SPACE}(?:余|多)?{_SPACE}[条篇件则个项次场]、")
_SENTENCE_BOUNDARY = re.compile(r"[。；;！？!?\n]")
# A year just before a total's first word belongs to its span ("2020年度共公开…", "2018年全区…").
_YEAR_BEFORE = re.compile(rf"(?:19|20)\d{{2}}{_SPACE}(?:年度?{_SPACE})?$")
# A channel's own name in quotes before its kind ("“上海科技”网站") belongs to its span.
_QUOTED_NAME_BEFORE = re.compile(r"“[^“”。；\n]{1,20}”$")
# A page conversion may drop the measure word of a count that ends its paragraph ("…主动公开政府信息
# 260余" and then a heading): after the information published, such a count still counts items.
# Only when the text goes on after it: a number that ends the text ("…主动公开政府信息34152" in a
# page cut off there) may itself be cut ("341520条"), and a number is never guessed.
_LOST_UNIT = r"|(?=[ \t\u3000]*\n)"


def _count_and_unit(units: list[str] | str) -> str:
    """A count with its measure word; "5500 余条" counts 5500 and "约44条" 44 (the rules never round)."""
    unit_pattern = units if isinstance(units, str) else alternation(units)
    return rf"(?:大约|约)?{_SPACE}(?P<count>{COUNT}){_SPACE}(?:余|多)?{_SPACE}(?P<unit>{unit_pattern})"


@dataclass(frozen=True)
class FoundFact:
    """A fact in view offsets; the reader maps it to the source text."""

    type: str
    start: int
    end: int
    value: int | float
    label: str | None = None


Finder = Callable[[str], Iterator[FoundFact]]


def find_facts(view: ReadingView) -> list[FoundFact]:
    """Every fact the rules find in the view's prose, in text order, none overlapping another.

    A count in a 其中 list under a count of the same type is a part of that count, not a fact of
    its own ("共发布政策解读50条，其中文字解读12条，图片解读34条").
    """
    accepted: list[FoundFact] = []
    for finder in _FINDERS:
        for fact in finder(view.text):
            if view.in_table(fact.start, fact.end):
                continue
            if any(fact.start < other.end and other.start < fact.end for other in accepted):
                continue
            accepted.append(fact)
    accepted.sort(key=lambda fact: fact.start)
    return [fact for fact in accepted if not _part_of_earlier(view.text, fact, accepted)]


def _part_of_earlier(text: str, fact: FoundFact, facts: list[FoundFact]) -> bool:
    sentence_start = _last_boundary(text, fact.start, _SENTENCE_BOUNDARY)
    return any(other.type == fact.type and sentence_start <= other.start and other.end <= fact.start
               and "其中" in text[other.end:fact.start] for other in facts)


# --- information published: the total over all channels, or one channel's count -----------------

_BRACKETS = re.compile(r"[（(][^（）()]{0,30}[）)]")


@dataclass(frozen=True)
class _Channels:
    words: re.Pattern[str]
    label_of: dict[str, str]
    several: re.Pattern[str]
    unnamed: re.Pattern[str]  # a platform of no named kind
    unnamed_label_of: dict[str, str]

    def labels_in(self, text: str) -> list[tuple[int, str]]:
        """The channels a clause names; a platform of no named kind only when it names none other.

        A list closed by 等 and a channel's name gives examples of that one channel: "通过微信、微博、
        抖音等政务新媒体" and "微信等新媒体" name 政务新媒体 alone ("门户网站、公开栏等渠道" names
        no channel after 等 and stays several); so do examples in brackets after a channel's name
        ("通过政务新媒体（微信公众号等）").
        """
        outside_brackets = _BRACKETS.sub(lambda bracket: " " * len(bracket.group()), text)
        named = [(m.start(), self.label_of[m.group()]) for m in self.words.finditer(outside_brackets)] \
            or [(m.start(), self.label_of[m.group()]) for m in self.words.finditer(text)]
        examples_end = max((index for index, (start, _) in enumerate(named) if text[start - 1:start] == "等"), default=0)
        named = named[examples_end:]
        return named or [(m.start(), self.unnamed_label_of[m.group()]) for m in self.unnamed.finditer(text)]


@lru_cache(maxsize=1)
def _channels() -> _Channels:
    words = lexicon()
    label_of = {word: label for label, channel_words in words["channels"].items() for word in channel_words}
    unnamed_label_of = {word: label for label, channel_words in words["unnamed_channels"].items()
                        for word in channel_words}
    return _Channels(re.compile(alternation(label_of) + "(?!目)"), label_of,
                     re.compile(alternation(words["several_channels"])),
                     re.compile(alternation(unnamed_label_of)), unnamed_label_of)


@dataclass(frozen=True)
class _Publishing:
    verb: re.Pattern[str]
    published: re.Pattern[str]
    published_noun: re.Pattern[str]  # "信息发布量1211条": the count of a noun of publishing
    listed: re.Pattern[str]
    whole: re.Pattern[str]  # a word of totality or the body speaking of itself
    time: re.Pattern[str]  # the words a clause may hold besides its subject ("2021年", "全年", "了")
    manner: re.Pattern[str]  # adverbials of manner, no subject either ("依法、及时向社会")
    information: frozenset[str]
    generic: re.Pattern[str]  # qualifiers that name no category ("各类", "政府")
    examples: re.Pattern[str]  # a survey of the whole's kinds ("要闻、文件、决策、服务等")
    own_count: re.Pattern[str]  # a clause that states a count of published items of its own
    next_category: re.Pattern[str]  # "、财政信息16条": the next count of a list of categories


@lru_cache(maxsize=1)
def _publishing_words() -> _Publishing:
    words = lexicon()["publishing"]
    verbs = alternation(words["verbs"])
    # what was published, with the words that may qualify it ("居务、财务信息", "政策法规、财政预算等
    # 信息"): never a number, a clause's punctuation or another verb, so a count is never taken
    # from the next clause and "公开栏公开信息" is read from its second 公开. "依申请公开" names
    # disclosure on request, which is never a count of information published.
    units = alternation(words["units"])
    objects = alternation(words["information"] + words["other_items"])
    published = re.compile(
        rf"(?<!申请)(?P<verb>{verbs})(?!{_overlapping_tails(words['verbs'])})了?{_SPACE}"
        rf"(?:(?P<qualifier>(?:(?!{verbs})[^\s\d，。,；;：:！？!?“”《》]){{0,30}}?)"
        rf"(?P<object>{objects}){alternation(words['count_words'])}?)?{_SPACE}(?:共计|共|达|总计|合计)?{_SPACE}"
        + _count_and_unit(units + _LOST_UNIT))
    published_noun = re.compile(
        rf"(?P<qualifier>)(?P<object>{objects})?(?P<verb>{verbs})(?:{alternation(words['amount_words'])}){_SPACE}"
        rf"(?:为|达|共计|共)?{_SPACE}" + _count_and_unit(units))
    # "其中政府网站120条、微信公众号80条", "2024年XX门户网站46条，XX微信公众号推送信息240篇": a channel,
    # maybe under its own name, and a count with no verb, as one item of a list
    listed = re.compile(
        rf"(?:^|(?<=[，,、；;：:。\n])){_SPACE}(?:其中)?{_SPACE}(?:(?:19|20)\d{{2}}{_SPACE}年度?{_SPACE})?"
        rf"(?P<name>(?:(?!{verbs})[^\s\d，。,；;：:、“”]){{0,20}}?|“[^“”。；\n]{{1,20}}”)"
        rf"(?P<channel>{alternation(_channels().label_of)})(?!目){_SPACE}" + _count_and_unit("条|篇"))
    whole = re.compile("|".join((words["whole_area"], alternation(words["totality"]), words["self_reference"])))
    time = re.compile(rf"(?:19|20)\d{{2}}{_SPACE}年度?|截至目前|今年以来|以来|[了在上，,\s]")
    manner = re.compile(alternation(words["manner_words"]))
    generic = re.compile(alternation(words["generic_qualifiers"]) + "*")
    examples = re.compile(r"(?:[^、]+、){2,}[^、]+等")
    own_count = re.compile(_count_and_unit(words["units"]))
    next_category = re.compile(
        rf"{_SPACE}、{_SPACE}(?P<category>[^\s\d，。,；;、：:]{{1,20}}?){_count_and_unit(words['units'])}")
    return _Publishing(re.compile(verbs), published, published_noun, listed, whole, time, manner,
                       frozenset(words["information"]), generic, examples, own_count, next_category)


def _overlapping_tails(verbs: list[str]) -> str:
    """What follows a verb when its last characters begin another verb: "报刊发布" is 报刊 + 发布,
    not 刊发 + "布…", so 刊发 followed by 布 is no verb."""
    tails = {other[overlap:] for verb in verbs for other in verbs for overlap in range(1, min(len(verb), len(other)))
             if verb.endswith(other[:overlap])}
    return alternation(tails) if tails else "(?!)"


def _publishing(text: str) -> Iterator[FoundFact]:
    """A count of published information: a channel's when its clause names one channel, else the total.

    "累计主动公开信息203条" after "通过门户网站及微信公众号等渠道" is the total (several channels);
    "“上海科技”网站全年累计发布信息 2139 条" is one website's. A total speaks of the whole: a word
    of totality (共, 累计, 全年, 全区 …), the body itself (我局, 本机关), or no subject at all besides
    the year ("2021年主动公开政府信息256条"); its object is information (not 文章 or 视频, which only
    channels count) of no one category ("公开居务、财务信息120条" is a channel's when its clause names
    one, never the total), unless the qualifier surveys the whole's kinds ("政务要闻、政府文件、重大
    决策、便民服务等政府信息共计4891条" over several channels). "其中包括政策文件37条" names no
    channel and is no total: a part after 其中 never is, nor a count said of a part of the body
    ("各乡镇主动公开政府信息477条"). Under a channel, a category's count that a list of further
    categories' counts follows ("在政府网上公开组织机构信息3条、财政预决算信息16条…") is a part of
    the channel's, not its total. A noun of publishing counts as its verb does ("今日头条信息发布量
    1211条" is "今日头条发布信息1211条").
    """
    words = _publishing_words()
    published = [fact for pattern in (words.published, words.published_noun) for match in pattern.finditer(text)
                 if (fact := _published_count(text, match, words)) is not None]
    yield from published
    yield from _listed_channels(text, words, [fact for fact in published if fact.type == "info_published_channel"])


def _published_count(text: str, match: re.Match[str], words: _Publishing) -> FoundFact | None:
    channels = _channels()
    value = parse_count(match.group("count"))
    if value is None or not (match.group("unit") or match.group("object")):
        return None
    subject_start = _subject_start(text, match.start(), words)
    subject = text[subject_start:match.start()]
    labels = channels.labels_in(subject)
    several = len({label for _, label in labels}) > 1 or bool(channels.several.search(subject))
    qualifier = match.group("qualifier") or ""
    if labels and not several:
        if words.generic.sub("", qualifier) and _first_of_categories(text, match.end(), words):
            return None
        position, label = labels[-1]
        name = _QUOTED_NAME_BEFORE.search(text, 0, subject_start + position)
        start = name.start() if name else subject_start + position
        return FoundFact("info_published_channel", start, match.end(), value, label)
    if match.group("object") in words.information \
            and (not words.generic.sub("", qualifier) or words.examples.fullmatch(qualifier)) \
            and _speaks_of_whole(text, subject_start, subject, words):
        cue = words.whole.search(subject)
        start = subject_start + cue.start() if cue else match.start()
        year = _YEAR_BEFORE.search(text, 0, start)
        return FoundFact("info_published_total", year.start() if year else start, match.end(), value)
    return None


def _listed_channels(text: str, words: _Publishing, stated: list[FoundFact]) -> Iterator[FoundFact]:
    """Channels with a count and no verb ("门户网站46条"), read only as items of a list of channels'
    counts: after 其中 ("其中政府网站120条、微信公众号80条"), or in a sentence that states another
    channel's count ("XX门户网站46条，XX微信公众号推送信息240篇"). Alone, "网站46条" may count
    anything the website holds."""
    listed = []
    for match in words.listed.finditer(text):
        value = parse_count(match.group("count"))
        if value is not None:
            start = match.start("name") if match.group("name") else match.start("channel")
            listed.append(FoundFact("info_published_channel", start, match.end(), value,
                                    _channels().label_of[match.group("channel")]))
    for fact in listed:
        sentence_start = _last_boundary(text, fact.start, _SENTENCE_BOUNDARY)
        boundary = _SENTENCE_BOUNDARY.search(text, fact.end)
        sentence_end = boundary.start() if boundary else len(text)
        others = [other for other in stated + listed if other is not fact and sentence_start <= other.start < sentence_end]
        if "其中" in text[sentence_start:fact.start] or others:
            yield fact


def _first_of_categories(text: str, pos: int, words: _Publishing) -> bool:
    """Whether "、" and another category's count, with no verb or channel of its own, follow `pos`."""
    following = words.next_category.match(text, pos)
    return bool(following) and not words.verb.search(following.group("category")) \
        and not _channels().labels_in(following.group("category"))


def _speaks_of_whole(text: str, subject_start: int, subject: str, words: _Publishing) -> bool:
    if text[max(0, subject_start - 2):subject_start] == "其中":
        return False
    return bool(words.whole.search(subject)) or not _without_subject(subject, words)


def _without_subject(clause: str, words: _Publishing) -> str:
    """The clause without the words that are no subject: times ("2021年", "全年") and manner."""
    return words.manner.sub("", words.time.sub("", clause))


def _subject_start(text: str, pos: int, words: _Publishing) -> int:
    """Where the clause ending at `pos` begins; a clause without a subject of its own takes the
    previous clause's ("微博29个，共发布信息1992条": 共发布 is said of 微博), unless that clause
    states a published count of its own: then it is a statement apart ("公示栏公开信息120条，
    全年累计公开政府信息178条": the 178 is the total, not the 公示栏's)."""
    start = _last_boundary(text, pos, _CLAUSE_BOUNDARY)
    own_words = words.whole.sub("", _without_subject(text[start:pos], words))
    if not own_words and start > 0 and text[start - 1] in "，,":
        previous = _last_boundary(text, start - 1, _CLAUSE_BOUNDARY)
        if not words.own_count.search(text, previous, start - 1):
            start = previous
    return start


def _last_boundary(text: str, pos: int, boundary: re.Pattern[str]) -> int:
    end = 0
    for match in boundary.finditer(text, max(0, pos - 200), pos):
        end = match.end()
    return end


# --- counts of one kind of event or document ----------------------------------------------------

@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _counted(fact_type: str, patterns: list[str], text: str) -> Iterator[FoundFact]:
    for pattern in patterns:
        for match in _compiled(pattern).finditer(text):
            value = parse_count(match.group("count"))
            if value is not None:
                yield FoundFact(fact_type, match.start(), match.end(), value)


def _events(fact_type: str) -> Finder:
    """A counted kind of thing done, its words in the lexicon under the fact type's name.

    Both orders reports use: the thing, then its count ("开展各类信息公开培训2场", "等新闻发布会
    12 场", "发布政策解读共132件", "解读类信息发布 21 条", "政策解读数量7条"), or a verb and the count
    before the thing ("召开了2场新闻发布会", "发布了十二篇政策解读", "举办191场市政府新闻发布活动"),
    and the lexicon's verb phrases for the thing ("解读民生政策文件6余件"). A count of people
    ("培训200人次") is no count of sessions.

    A kind whose lexicon lists `attendance` words counts only the events the body held: its
    clause must hold one of its verbs (召开, 举办 …) or the body itself as subject (我局, 本机关),
    and no word of attending ("负责同志出席发布会3场" counts someone's attendance, a part of the
    conferences held, not a count of its own).
    """
    words = lexicon()[fact_type]
    count = _count_and_unit(words["units"])
    verbs, things = alternation(words["verbs"]), alternation(words["words"])
    count_words = alternation(lexicon()["publishing"]["count_words"])
    patterns = [
        rf"(?:{verbs}了?[^。；;，,\n\d]{{0,12}}?)?{things}{alternation(words['qualifiers'])}?{_SPACE}{count_words}?"
        rf"{_SPACE}(?:{verbs}|共计|共|累计|达)?{_SPACE}{count}(?!人)",
        rf"{verbs}了?{_SPACE}{count}[^。；;，,\n]{{0,12}}?{things}",
    ] + [rf"(?:{phrase}){_SPACE}(?:共计|共|累计|达)?{_SPACE}{count}(?!人)" for phrase in words.get("phrases", [])]
    if "attendance" not in words:
        return lambda text: _counted(fact_type, patterns, text)
    doer = _compiled(verbs + "|" + lexicon()["publishing"]["self_reference"])
    attending = _compiled(alternation(words["attendance"]))

    def held(text: str) -> Iterator[FoundFact]:
        for fact in _counted(fact_type, patterns, text):
            clause = text[_last_boundary(text, fact.start, _CLAUSE_BOUNDARY):fact.end]
            if doer.search(clause) and not attending.search(clause):
                yield fact
    return held


def _applications_received(text: str) -> Iterator[FoundFact]:
    """"共受理政府信息公开申请 3119 件", "全年收到依申请公开信息3条", "收到申请政府信息公开26件(次)"
    (the words swapped), "受理依申请公开件76件" (a noun for the cases before the count), and a
    statement of none as 0:
    "未收到…申请", "未收到和处理政府信息公开申请件", "没有依申请公开政府信息办理事项", "无依法申请公开件".

    "上年结转…申请 2 件" (carried over) and "答复…申请805件" (answered) are not received, nor is a
    verbless statement of none about another matter of applications ("没有依申请公开政府信息收费",
    while "未收到…申请、未发生行政复议" does state none received), nor one
    under a heading of such a matter (the legacy "四、…收费及减免情况", "五、…行政复议…" often
    repeat "本年度没有依申请公开…"). A bare 申请 ("我镇2016年度无申请") says what it is about only
    through its heading: it counts only under a heading of disclosure requests.
    """
    words = lexicon()["applications_received"]
    verbs, requests = alternation(words["verbs"]), alternation(words["requests"])
    count = _count_and_unit(words["units"])
    yield from _counted("applications_received", [
        rf"(?:共|累计|全年|本年度?)?{_SPACE}{verbs}了?{_SPACE}(?:各类|有关)?{_SPACE}{requests}{_SPACE}"
        rf"{alternation(words['cases'])}?{_SPACE}(?:共计|共|总计|合计)?{_SPACE}{count}",
    ], text)
    other_matters = alternation(words["other_matters"])
    none_received = _compiled(
        rf"{alternation(words['negations'])}(?P<verb>{verbs}(?:[和及与、并]{alternation(words['handling'])})?(?:过|到)?)?"
        rf"(?:有关|任何|依法)?(?:的)?(?P<request>{requests})(?!人)")
    rest_of_clause_names_other_matter = _compiled(rf"[^。；;，,\n]*?{other_matters}")
    for match in none_received.finditer(text):
        heading = _heading_before(text, match.start())
        if re.search(other_matters, heading) or \
                not match.group("verb") and rest_of_clause_names_other_matter.match(text, match.end()):
            continue
        if "公开" in match.group("request") or "申请" in heading:
            yield FoundFact("applications_received", match.start(), match.end(), 0)


_HEADING_LINE = re.compile(rf"{SPACE}(?:{ENUMERATOR}|第[一二三四五六七八九十]+部分)[^。\n]{{0,40}}")


def _heading_before(text: str, pos: int) -> str:
    """The nearest numbered heading line ("三、依申请公开情况", "（二）…") before `pos`, or ""."""
    line_end = text.rfind("\n", 0, pos)
    while line_end > 0:
        line_start = text.rfind("\n", 0, line_end) + 1
        if _HEADING_LINE.fullmatch(text, line_start, line_end):
            return text[line_start:line_end]
        line_end = line_start - 1
    return ""


def _npc_cppcc_handled(text: str) -> Iterator[FoundFact]:
    """"办理人大建议11件", "主合办政协提案 85 件", "办理人大代表建议50件、政协提案85件".

    The count must follow a handling verb in its sentence; "人大代表建议和政协提案65件" counts both
    together and is left out (its label cannot be told).
    """
    words = lexicon()["npc_cppcc"]
    label_of = {word: label for label, body_words in words["bodies"].items() for word in body_words}
    bodies = alternation(label_of)
    pattern = _compiled(
        rf"(?:[主合协承会]{{0,3}}办(?:理|结|复)?(?:了|完成)?{_SPACE}(?:各级|全国|省|市|区|县)?{_SPACE})?"
        rf"(?P<body>{bodies}){_SPACE}(?:共计|共)?{_SPACE}" + _count_and_unit(words["units"]))
    joined = _compiled(rf"{bodies}[和及与、]$")
    for match in pattern.finditer(text):
        sentence = text[_last_boundary(text, match.start(), _SENTENCE_BOUNDARY):match.start("body")]
        if "办" not in sentence and "办" not in match.group() or joined.search(sentence):
            continue
        value = parse_count(match.group("count"))
        if value is not None:
            yield FoundFact("npc_cppcc_handled", match.start(), match.end(), value, label_of[match.group("body")])


# The rules in the order they claim text: a phrase taken by an earlier rule is not read again.
_FINDERS: tuple[Finder, ...] = (
    _npc_cppcc_handled,
    _applications_received,
    _events("press_conferences"),
    _events("trainings"),
    _events("policy_interpretations"),
    _publishing,
)
