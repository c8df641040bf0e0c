"""Who reports, on which year, under which title: the metadata of a report, read from its text.

Sources disagree in predictable ways: the title's year can be the publication year while the
statistics period (统计期限) gives the year reported on; the title may name a place ("南港镇…")
whose government is the body that reports; a department may write only its short name
("上海市科委"). Each reading below prefers the statement that is most specific to its question,
and leaves a field empty rather than guess. Name lexicons live in `data/organizations.yaml`.
Everything is read in simplified characters (`extractor.script`): a 繁體 copy of a report gives
the same names, written as the simplified original writes them.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from extractor.document import Document
from extractor.prose.lexicon import alternation
from extractor.script import simplified
from extractor.sections import Sections

_CJK = "\u4e00-\u9fff"
_HEAD_CHARS = 1200
_TITLE_LINE = 30  # a title wrapped over up to three lines has lines shorter than this  # without a heading for part 一, the preamble is looked for this far
_TITLE = re.compile(
    rf"(?P<title>[^\s，。,；;：:《》“”\[\]（）()]{{0,40}}?(?:政府信息公开|政务公开|信息公开)"
    rf"[^\s，。,；;：:《》“”\[\]]{{0,12}}?(?:年度报告|年报|工作报告|报告))")
# A line holding one of these is a sentence, not a title.
_SENTENCE_MARK = re.compile(r"[。，,；;！？!?]")
# The name of another document: 《…》 or 〈…〉, or the part of one that a line break cut off.
_QUOTED_NAME = re.compile(r"《[^》]*(?:》|$)|〈[^〉]*(?:〉|$)|^[^《]*》|^[^〈]*〉")
_ANY_YEAR = re.compile(r"(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年")
# A name shorter than this ("吉林" of "吉林省吉林市") may rightly be written twice.
_MIN_REPEATED_NAME = 3
# "X人民政府关于印发…年度报告的通知": the words between the body's name and the report's.
_NOTICE_VERB = re.compile(r"关于(?:印发|公布|发布)?$")
_CHINESE_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})年")
# 统计期限自2020年1月1日起…; also garbled periods with the separators lost ("自202111日起").
_PERIOD = re.compile(r"(?:统计(?:期限|周期|时限|时间|区间|期间|范围)|报告期)[^。]{0,15}?(?P<year>(?:19|20)\d{2})(?:年|\d{1,4}日)")
_DATE = r"(?P<y>(?:19|20)\d{2})\s*(?:年|[-/.])\s*(?P<m>\d{1,2})\s*(?:月|[-/.])\s*(?P<d>\d{1,2})\s*日?"
_PUBLISHED_LABEL = re.compile(r"(?:发布(?:时间|日期)|成文日期|印发日期|发文日期|公开日期)\s*[:：]?\s*" + _DATE)
_DATE_LINE = re.compile(r"(?m)^[ \t\u3000]*" + _DATE + r"[ \t\u3000]*$")
# A name is made of Chinese characters that are not function words ("推进港口乡" is not a name).
_NAME_CHAR = rf"(?:(?![的了在对全各本我该与和及等为将把被从向以于并其之这那进])[{_CJK}])"
# The name of a city and of a county within it: a city's name holds no lower place ("XX县城市管理局"
# names no city), a county's no township.
# Where a name may begin: at the start of a line or a clause, or after a word that is no part of
# a name (the function words of `_NAME_CHAR`, a date's 年 or 月).
_NAME_START = r"(?:^|(?<=[\s，。；：、（(“《的了在对全各本我该与和及等为将把被从向以于并其之这那进年度月日]))"
_CITY = rf"(?:(?![县区镇乡街省])" + _NAME_CHAR + r"){2,6}?(?:市|自治州|州|盟|地区)"
_COUNTY = rf"(?:(?![市镇乡街省])" + _NAME_CHAR + r"){2,6}?(?:自治县|县|区|旗|市)"


@dataclass
class Metadata:
    title: str | None
    organization: str | None
    admin_level: str | None
    year: int | None
    published: str | None
    region: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Names:
    government_of_place: dict[str, str]
    government_endings: list[str]
    department_endings: list[str]
    place_levels: list[tuple[str, str]]  # (suffix, level), longest suffix first
    provincial_cities: list[str]
    provinces: list[str]
    named_areas: dict[str, str]
    abbreviations: dict[str, str]
    organ_words: list[str]
    prose_openings: list[str]
    self_reference_levels: dict[str, str]  # 局 -> department, 县 -> county …


@lru_cache(maxsize=1)
def _names() -> _Names:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("extractor").joinpath("data/organizations.yaml").read_text("utf-8"))
    levels = [(suffix, level) for level, suffixes in raw["place_levels"].items() for suffix in suffixes]
    return _Names(raw["government_of_place"], raw["government_endings"], raw["department_endings"],
                  sorted(levels, key=lambda pair: len(pair[0]), reverse=True), raw["provincial_cities"],
                  raw["provinces"], raw["named_areas"], raw["abbreviations"], raw["organ_words"],
                  raw["prose_openings"],
                  {word: level for level, words in raw["self_reference_levels"].items() for word in words})


def read_metadata(document: Document, sections: Sections, source_title: str | None) -> Metadata:
    text = simplified(document.text)
    head = text[:sections.spans[1].start] if 1 in sections.spans else text[:_HEAD_CHARS]
    warnings: list[str] = []
    title = report_title(head, *(simplified(hint) if hint else None for hint in (document.title_hint, source_title)))
    organization = reporting_body(text, head, title)
    region = region_of(text, organization, title)
    return Metadata(
        title=title,
        organization=organization,
        admin_level=admin_level(organization, region) if organization else self_reference_level(text),
        year=report_year(text, head, title, warnings),
        published=published_date(text, document.published_hint),
        region=region,
        warnings=warnings,
    )


# --- title -----------------------------------------------------------------------------------------

def report_title(head: str, *hints: str | None) -> str | None:
    """The report's title: a title line of the text's first lines (a title wrapped over up to
    three short lines is joined), else a title the source or the crawler gave (<title>, <h1>,
    ArticleTitle), else a report name a sentence of the head mentions.

    A title stands on a line of its own: a line with sentence punctuation is prose, whose
    report names only stand in when the source gave no title. A name in 《》 or 〈〉 is another
    document's ("…关于印发〈…政府信息公开工作年度报告格式〉的通知"), never this report's. A
    short line joins the next only when that line's title lacks the body's name: "淮安市人民政府"
    over "2024年…报告" is one title, while a running header over "岚山市生态环境局2019年…报告"
    ("岚山市生态环境局信息公开") or the body's name over a title that repeats it is not.
    """
    lines = [_plain(line) for line in head.splitlines() if line.strip()][:12]
    in_prose: str | None = None
    for index in range(len(lines)):
        last = _last_line_of_title(lines, index)
        match = _TITLE.search("".join(lines[index:last + 1]))
        if not match or any(_named_title(lines[later:last + 1]) for later in range(index + 1, last + 1)):
            continue
        if not _SENTENCE_MARK.search("".join(lines[index:last + 1])):
            return _clean_title(match.group("title"))
        in_prose = in_prose or _clean_title(match.group("title"))
    for hint in hints:
        match = _TITLE.search(_plain(hint or ""))
        if match:
            return _clean_title(match.group("title"))
    return in_prose


def _last_line_of_title(lines: list[str], index: int) -> int:
    """The last of the lines that a title starting on line `index` may take: a line without 报告
    shorter than a text line goes on in the next, up to three lines."""
    last = index
    while "报告" not in "".join(lines[index:last + 1]) and len(lines[last]) < _TITLE_LINE \
            and last + 1 < min(len(lines), index + 3):
        last += 1
    return last


def _named_title(lines: list[str]) -> bool:
    """Whether these lines alone hold a title that names its body ("凤凰镇2023年…报告")."""
    match = _TITLE.search("".join(lines))
    return bool(match) and bool(_title_prefix(_clean_title(match.group("title"))))


def _plain(line: str) -> str:
    """A line as words only: no spaces (PDF text spaces numbers: "2024 年"), no markdown marks
    (#, **, __, `), and no names of other documents (《…》, 〈…〉, also cut by a line break)."""
    line = re.sub(r"[\s#*_`]+", "", line)
    return _QUOTED_NAME.sub("|", line)


def _clean_title(title: str) -> str:
    return _without_repeated_name(_without_stray_prefix(title))


def _without_repeated_name(title: str) -> str:
    """A name written twice before the year keeps its second writing: a running header or a
    letterhead glued onto the title ("凤凰镇人民政府凤凰镇2023年…" → "凤凰镇2023年…",
    "岚山市生态环境局信息公开岚山市生态环境局2019年…" → "岚山市生态环境局2019年…")."""
    year = _ANY_YEAR.search(title)
    prefix = title[:year.start()] if year else ""
    for length in range(len(prefix) // 2, _MIN_REPEATED_NAME - 1, -1):
        again = prefix.find(prefix[:length], length)
        if again != -1:
            return title[again:]
    return title


def _without_stray_prefix(title: str) -> str:
    """What stands before a title's year is the body's name or nothing: a label the page put
    before the title ("正文2024年…") is dropped, "南港镇2020年度…" is kept."""
    year = _ANY_YEAR.search(title)
    if not year or year.start() == 0:
        return title
    names = _names()
    endings = names.government_endings + names.department_endings + [suffix for suffix, _ in names.place_levels] + ["政府"]
    name = _without_organ_word(_NOTICE_VERB.sub("", title[:year.start()]))
    return title if name.endswith(tuple(endings)) else title[year.start():]


def _without_organ_word(name: str) -> str:
    """"城口县人民政府机关" → "城口县人民政府": a body's name followed by a word for the body as a
    whole; a name that is not a body's before that word keeps it."""
    names = _names()
    endings = tuple(names.government_endings + names.department_endings + ["政府"])
    for word in sorted(names.organ_words, key=len, reverse=True):
        if name.endswith(word) and name[:-len(word)].endswith(endings):
            return name[:-len(word)]
    return name


def _compact(line: str) -> str:
    """A title or name without the spaces that PDF text puts around numbers ("2024 年")."""
    return re.sub(r"\s+", "", line)


# --- organization ------------------------------------------------------------------------------

def reporting_body(text: str, head: str, title: str | None) -> str | None:
    """The body that reports, by the most specific statement available.

    1. The title's words before the year or the subject ("淮安市人民政府2024年…", "南港镇2020年度…",
       "2024年上海市科委…"); 2. "由X结合…编制" / "X编制了本报告"; 3. "请与X联系"; 4. the place the
    text calls 我乡/我镇/我街道 by name. A place is completed to its government: the text's own full
    name when it writes one ("南港镇人民政府"), else by the suffix lexicon (乡 → 乡人民政府).
    """
    names = _names()
    endings = alternation(names.government_endings + names.department_endings)
    stated = [
        _title_prefix(title),
        _compiling_body(head, endings),
        _first_group(rf"(?:^|(?<=[，。；：\s]))(?P<name>{_NAME_CHAR}{{2,30}}?{endings})编制", head),
        _first_group(rf"请与(?P<name>{_NAME_CHAR}{{2,30}}?{endings})联系", text),
        _self_named_place(text),
    ]
    name = next((candidate for candidate in map(_without_prose_opening, stated)
                 if candidate and _names_a_place(candidate)), None)
    return _full_name(name, text) if name else None


def _without_prose_opening(name: str | None) -> str | None:
    """A name read out of prose starts after the words that open the sentence: "现公布昭通市2022年…
    年度报告" is 昭通市's; "充分发挥县政府网站" leaves "县", which names no body."""
    if not name:
        return name
    opening = re.compile(alternation(_names().prose_openings))
    while (match := opening.match(name)) is not None:
        name = name[match.end():]
    return name


def _names_a_place(name: str) -> bool:
    """"镇" alone (a title "2016年度镇政府信息公开…" that lost its town's name) names no body."""
    names = _names()
    kinds = set(names.government_of_place) | {suffix for suffix, _ in names.place_levels}
    return name.removesuffix("人民政府").removesuffix("政府") not in kinds | {""}


def _title_prefix(title: str | None) -> str | None:
    if not title:
        return None
    subject = re.search(r"(?:政府信息公开|政务公开|信息公开)", title)
    prefix = title[:subject.start()] if subject else ""
    prefix = _NOTICE_VERB.sub("", re.sub(r"(?:19|20)\d{2}年度?|的$", "", _chinese_years(prefix)))
    return _without_organ_word(prefix) or None


def _first_group(pattern: str, text: str) -> str | None:
    match = re.compile(pattern, re.MULTILINE).search(text)
    return match.group("name") if match else None


def _compiling_body(head: str, endings: str) -> str | None:
    """The body of "由X…编制": its first body, or the most specific body of a chain that goes on
    to a lower place, with the places above it as written: "由无锡市锡山区人民政府厚桥街道党政办公室
    综合科编制" is the report of 无锡市锡山区人民政府厚桥街道 (its office compiled it), while "由XX市
    人民政府办公室编制" stays the city government's."""
    match = re.compile(rf"由(?P<name>{_NAME_CHAR}{{2,30}}?{endings})(?P<rest>[^。]{{0,40}}?)编制", re.M).search(head)
    if not match:
        return None
    suffixes = alternation(suffix for suffix, _ in _names().place_levels)
    lower = re.fullmatch(rf"(?P<place>{_NAME_CHAR}{{2,8}}?{suffixes})(?:{_NAME_CHAR}{{0,10}}?{endings})*", match.group("rest"))
    return match.group("name") + lower.group("place") if lower else match.group("name")


def _self_named_place(text: str) -> str | None:
    """"港口乡" in a text that calls itself 我乡: of the names of that kind, the one the text writes
    with its government ("兴海县人民政府"), else the one it writes most often at the start of a
    clause. A name begins where a word may, and never with words that open prose: "充分发挥县政府
    网站" names no 县 "充分发挥县"."""
    kinds = Counter(re.findall(r"[我本](街道|乡|镇|县|区|市|旗)", text))
    if not kinds:
        return None
    kind = kinds.most_common(1)[0][0]
    names = _names()
    name = rf"{_NAME_START}(?!{alternation(names.prose_openings)})({_NAME_CHAR}{{2,5}}?{kind})"
    for pattern in (rf"{name}(?={alternation(names.government_endings)})",
                    rf"(?:^|(?<=[，。；：、\s（“])){name}(?![镇村乡级直场民域委])"):
        named = Counter(re.findall(pattern, text, re.M))
        if named:
            return named.most_common(1)[0][0]
    return None


def self_reference_level(text: str) -> str | None:
    """The level of a body that the text names nowhere, from how it speaks of itself: 我局 / 本委 a
    department, 我县 a county, 我镇 / 我乡 / 本街道 a township — only when every such word says
    the same level (a county department writes both 我局 and 我县: no level then)."""
    levels_of = _names().self_reference_levels
    found = re.findall(rf"[我本]({alternation(levels_of)})(?![域级理结件事公场])", text)
    levels = {levels_of[word] for word in found}
    return levels.pop() if len(levels) == 1 else None


def _full_name(name: str, text: str) -> str:
    names = _names()
    if name.endswith("政府") and not name.endswith("人民政府"):
        name = name[: -len("政府")]  # "港口乡政府" is short for the place's 人民政府
    for short, full in names.abbreviations.items():
        if name.endswith(short):
            return name[: -len(short)] + full
    if any(name.endswith(ending) for ending in names.government_endings + names.department_endings):
        return name
    ending = alternation(names.government_endings)
    for place in (name, _innermost_place(name)):
        written = Counter(re.findall(re.escape(place) + ending, text)) if place else None
        if written:
            return written.most_common(1)[0][0]
    for suffix in sorted(names.government_of_place, key=len, reverse=True):
        if name.endswith(suffix):
            return name[: -len(suffix)] + names.government_of_place[suffix]
    return name


def _innermost_place(place: str) -> str | None:
    """"郭道镇" of "沁源县郭道镇": the text may write its own government without the places above."""
    match = re.fullmatch(r".+(?:省|自治区|市|州|盟|县|区|旗)(?P<inner>.{2,}?(?:街道|乡|镇|县|区|市|旗))", place)
    return match.group("inner") if match else None


# --- level and region ------------------------------------------------------------------------

def admin_level(organization: str, region: dict[str, str] | None = None) -> str | None:
    """township | county | city | province | department, from the shape of the name.

    A government (人民政府, 办事处, 管委会 …) has its place's level (乡/镇/街道 township, 县/区
    county, 市/州 city, 省/自治区 province; 北京/上海/天津/重庆市 province); any other body with a
    department ending (局, 委员会, 办公厅 …) is a department. A 市 inside a city of another name
    (浙江省金华市义乌市) is a county-level city.
    """
    names = _names()
    place = _place_of_government(organization)
    if place is None:
        if any(organization.endswith(ending) for ending in names.department_endings):
            return "department"
        place = organization
    level = place_level(place)
    if level == "city" and region and region.get("city") and not place.endswith(region["city"]):
        return "county"
    return level


def place_level(place: str) -> str | None:
    names = _names()
    if place in names.provincial_cities or place.endswith(tuple(names.provinces)):
        return "province"
    for area, level in names.named_areas.items():
        if place.endswith(area):
            return level
    return next((level for suffix, level in names.place_levels if place.endswith(suffix)), None)


def _place_of_government(organization: str) -> str | None:
    for ending in sorted(_names().government_endings, key=len, reverse=True):
        if organization.endswith(ending) and len(organization) > len(ending):
            return organization[: -len(ending)]
    return None


def region_of(text: str, organization: str | None, title: str | None = None) -> dict[str, str]:
    """Province, city, county that can be told reliably.

    First the body's own places: its name, its title's words before the year ("淮安市凤凰镇2023年…")
    and the address it gives ("地址：淮安市翔宇南道1号"); a city among them gives its province
    (`data/prefectures.yaml`) when that city's name belongs to one province only. Then a chain of
    places in the text ("江西省宜春市上高县…", "《温州市洞头区人民政府…") fills the levels above the
    body's own; a city met only that way, in passing, never gives a province.
    """
    names = _names()
    region = _places_in(organization or "")
    own_level = admin_level(organization) if organization else None
    above = {"township": ("province", "city", "county"), "county": ("province", "city"),
             "city": ("province",)}.get(own_level or "", ())
    for own_places in (_places_in(_title_prefix(title) or ""), _address_places(text)):
        _add_consistent(region, own_places, above)
    province = _province_of_city().get(region.get("city", ""))
    if province and "province" not in region:
        region["province"] = province
    provinces = alternation(names.provinces)
    chains = [
        rf"(?P<province>{provinces})(?P<city>{_CITY})(?P<county>{_COUNTY})?",
        rf"(?:^|(?<=[《“（(，。、：:\s]))(?P<city>{_CITY})(?P<county>{_COUNTY})(?=人民政府|政府|[^{_CJK}])",
    ]
    for chain in chains:
        match = re.compile(chain, re.M).search(text)
        if match:
            _add_consistent(region, {level: value for level, value in match.groupdict().items() if value}, above)
    return region


def _add_consistent(region: dict[str, str], found: dict[str, str], levels: tuple[str, ...]) -> None:
    """Adds the found places of these levels, unless one of them contradicts the region: then
    the text speaks of another place than the body's own."""
    if any(region.get(level, value) != value for level, value in found.items()):
        return
    for level in levels:
        if level in found:
            region.setdefault(level, found[level])


def _address_places(text: str) -> dict[str, str]:
    """The places that the body's address (地址：…) starts with. A street's name can end in 市
    ("中山路市民中心"), so a city counts only when it is a known prefecture, a county only after
    a province or a city."""
    names = _names()
    address = re.search(rf"地址[:：]\s*(?P<province>{alternation(names.provinces + names.provincial_cities)})?"
                        rf"(?P<city>{_CITY})?(?P<county>{_COUNTY})?", text)
    if not address:
        return {}
    found = {level: value for level, value in address.groupdict().items() if value}
    if found.get("province") in names.provincial_cities:
        found["city"] = found["province"]
    elif "city" in found and found["city"] not in _province_of_city():
        del found["city"]
    if "county" in found and not {"province", "city"} & set(found):
        del found["county"]
    return found


@lru_cache(maxsize=1)
def _province_of_city() -> dict[str, str]:
    """Each prefecture-level city of `data/prefectures.yaml` with its province, when its name
    belongs to one province only."""
    raw: dict[str, list[str]] = yaml.safe_load(
        resources.files("extractor").joinpath("data/prefectures.yaml").read_text("utf-8"))
    provinces_of = Counter(city for cities in raw.values() for city in cities)
    return {city: province for province, cities in raw.items() for city in cities if provinces_of[city] == 1}


def _places_in(name: str) -> dict[str, str]:
    names = _names()
    region: dict[str, str] = {}
    rest = name
    for city in names.provincial_cities:
        if rest.startswith(city):
            return {"province": city, "city": city}
    for province in names.provinces:
        if rest.startswith(province):
            region["province"], rest = province, rest[len(province):]
    for area, level in names.named_areas.items():
        if area in rest:
            region[level] = area
            return region
    known = max((city for city in _province_of_city() if rest.startswith(city)), key=len, default=None)
    city = re.match(re.escape(known) if known else _CITY, rest)  # a known name may be longer than _CITY's
    if city:
        region["city"], rest = city.group(), rest[city.end():]
        county = re.match(rf"{_COUNTY}(?=[{_CJK}]*(?:人民政府|政府|办事处|{alternation(names.department_endings)})$)", rest)
        if county:
            region["county"] = county.group()
    return region


# --- year and dates ------------------------------------------------------------------------------

def report_year(text: str, head: str, title: str | None, warnings: list[str]) -> int | None:
    """The year reported on: the statistics period's, else the title's, else the text's most
    frequent year. A title year that disagrees with the period is reported as a warning."""
    compact_head = _chinese_years(_compact(head))
    period = _PERIOD.search(compact_head) or _PERIOD.search(_chinese_years(_compact(text)))
    title_year = _YEAR.search(_chinese_years(title or ""))
    if period:
        year = int(period.group("year"))
        if title_year and int(title_year.group("year")) != year:
            warnings.append(f"year: the title says {title_year.group('year')}, the statistics period says {year}")
        return year
    if title_year:
        return int(title_year.group("year"))
    years = Counter(int(y) for y in _YEAR.findall(_compact(text)))
    if years:
        year = years.most_common(1)[0][0]
        warnings.append(f"year: no statistics period or title year; {year} is the year the text names most")
        return year
    return None


def _chinese_years(text: str) -> str:
    """"二〇二〇年" -> "2020年": years written in Chinese digits."""
    return re.sub(r"[〇零一二三四五六七八九]{4}(?=年)", lambda m: m.group().translate(_CHINESE_YEAR_DIGITS), text)


def published_date(text: str, hint: str | None) -> str | None:
    """ISO date of publication: the source's own, a labelled date (发布时间: …), else a date standing
    alone on one of the last lines (the signature under the report)."""
    for match in (re.search(_DATE, hint or ""), _PUBLISHED_LABEL.search(text)):
        if match and (day := _valid_date(match)):
            return day
    tail = _chinese_years(text[-300:])
    for match in reversed(list(_DATE_LINE.finditer(tail))):
        if day := _valid_date(match):
            return day
    return None


def _valid_date(match: re.Match[str]) -> str | None:
    try:
        return date(int(match.group("y")), int(match.group("m")), int(match.group("d"))).isoformat()
    except ValueError:
        return None
