"""Synthetic reports in many phrasings and layouts, labelled by construction.

The dev gold is nine reports; the rules see a few phrasings each. The generator writes whole
reports from the sentences of `templates` so that the model meets every fact type and every
way of listing problems and measures (一是…二是…, （一）…, 1.…, items split by "；" only, a single
paragraph, pre-2019 prose) in many contexts, with near misses around them. Layouts vary like real
sources do: lines wrapped as PDF text, spaces around numbers, whole reports on one line.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from extractor.tagger.labels import MEASURE, PROBLEM, LabelledSpan, entity_labels
from extractor.tagger.training import templates
from extractor.tagger.training.corpus import LabelledText

MARKUP = re.compile(r"⟦(?P<label>[A-Za-z_]+):(?P<content>[^⟧]*)⟧")
SLOT = re.compile(r"\{(\w+)\}")
CHINESE_SMALL = ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
ENUMERATORS = {
    "shi": ["一是", "二是", "三是", "四是", "五是", "六是"],
    "paren": ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"],
    "digit": ["1.", "2.", "3.", "4.", "5.", "6."],
    "digit_comma": ["1、", "2、", "3、", "4、", "5、", "6、"],
    "circled": ["①", "②", "③", "④", "⑤", "⑥"],
}


@dataclass
class Style:
    """One synthetic report's manner of writing."""

    year: int
    org: str
    area: str
    org_short: str
    spaced_numbers: bool  # "5500 余条", as PDF text dumps write numbers
    legacy: bool  # pre-2019 free-form report


@dataclass
class Builder:
    """Appends text and labelled spans, keeping offsets straight."""

    parts: list[str] = field(default_factory=list)
    spans: list[LabelledSpan] = field(default_factory=list)
    length: int = 0

    def plain(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def labelled(self, text: str, label: str) -> None:
        self.spans.append(LabelledSpan(self.length, self.length + len(text), label))
        self.plain(text)

    def markup(self, text: str) -> None:
        """Text where ⟦label:…⟧ marks labelled spans."""
        position = 0
        for match in MARKUP.finditer(text):
            self.plain(text[position:match.start()])
            self.labelled(match.group("content"), match.group("label"))
            position = match.end()
        self.plain(text[position:])

    def text(self) -> str:
        return "".join(self.parts)


class ReportGenerator:
    """Writes labelled synthetic reports; the same seed writes the same reports."""

    def __init__(self, seed: int, problems: list[str] = (), measures: list[str] = (), fillers: list[str] = ()):
        """`problems`, `measures` and `fillers` are real sentences mixed in with the composed ones."""
        self.rng = random.Random(seed)
        self.extra_problems = list(problems)
        self.extra_measures = list(measures)
        self.fillers = list(templates.FILLERS) + [filler.replace("{", "(").replace("}", ")") for filler in fillers]
        _check_templates()

    # --- slots -----------------------------------------------------------------------------------
    def number(self, style: Style) -> str:
        """A count from 1 to about 20,000, small ones as likely as large ones (log-uniform)."""
        value = str(int(round(10 ** self.rng.uniform(0, 4.3))))
        return f" {value} " if style.spaced_numbers else value

    def small(self, style: Style) -> str:
        value = self.rng.randint(1, 12)
        if self.rng.random() < 0.3:
            return CHINESE_SMALL[value]
        return f" {value} " if style.spaced_numbers else str(value)

    def fill(self, template: str, style: Style) -> str:
        def slot(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in ("n", "m"):
                return self.number(style)
            if name == "small":
                return self.small(style)
            if name == "k":
                return str(self.rng.randint(2, 60))
            if name == "pct":
                return str(self.rng.randint(1, 80))
            if name == "year":
                return str(style.year)
            if name == "next_year":
                return str(style.year + 1)
            if name == "org":
                return style.org
            if name == "org_short":
                return style.org_short
            if name == "area":
                return style.area
            if name == "topic":
                return self.rng.choice(templates.TOPICS)
            if name == "chan":
                return self.fill(self.rng.choice(templates.CHANNELS), style)
            raise KeyError(f"unknown slot {{{name}}} in template {template!r}")

        return SLOT.sub(slot, template)

    # --- sentences and paragraphs -------------------------------------------------------------------
    def overview_sentence(self, style: Style) -> str:
        roll = self.rng.random()
        if roll < 0.35:
            fact_type = self.rng.choice(list(templates.FACT_SENTENCES))
            return self.fill(self.rng.choice(templates.FACT_SENTENCES[fact_type]), style)
        if roll < 0.55:
            return self.fill(self.rng.choice(templates.NEAR_MISSES), style)
        return self.fill(self.rng.choice(self.fillers), style)

    def paragraph(self, builder: Builder, style: Style, sentences: int) -> None:
        clauses = [self.overview_sentence(style) for _ in range(sentences)]
        text = ""
        for i, clause in enumerate(clauses):
            text += clause + ("。" if i == len(clauses) - 1 or self.rng.random() < 0.5 else "，")
        builder.markup(text)

    def problem(self) -> str:
        if self.extra_problems and self.rng.random() < 0.25:
            return self.rng.choice(self.extra_problems)
        text = self.rng.choice(templates.PROBLEM_SUBJECTS) + self.rng.choice(templates.PROBLEM_PREDICATES)
        if self.rng.random() < 0.5:
            text += "，" + self.rng.choice(templates.PROBLEM_CLAUSES)
        return text

    def measure(self) -> str:
        if self.extra_measures and self.rng.random() < 0.25:
            return self.rng.choice(self.extra_measures)
        head = self.rng.choice(templates.MEASURE_VERBS) + self.rng.choice(templates.MEASURE_OBJECTS)
        roll = self.rng.random()
        if roll < 0.35:  # a titled item: "强化责任抓落实。进一步……"
            return head + "。进一步" + self.rng.choice(templates.MEASURE_CLAUSES)
        if roll < 0.7:
            return head + "，" + self.rng.choice(templates.MEASURE_CLAUSES)
        return head

    def item_list(self, builder: Builder, label: str, items: list[str]) -> None:
        """One list of items in a random manner; `annotation.md` decides what each item is."""
        manner = self.rng.choice(["shi", "paren", "digit", "digit_comma", "circled", "semicolon", "single"])
        if manner == "single" or len(items) == 1:
            builder.labelled(items[0], label)
            builder.plain("。\n")
            return
        if manner == "semicolon":  # items with no enumerators, split by "；" only
            items = [item.replace("；", "，") for item in items]
            for i, item in enumerate(items):
                builder.labelled(item, label)
                builder.plain("。\n" if i == len(items) - 1 else "；")
            return
        on_lines = manner != "shi" and self.rng.random() < 0.7
        for i, item in enumerate(items):
            builder.plain(ENUMERATORS[manner][i])
            builder.labelled(item, label)
            last = i == len(items) - 1
            builder.plain("。\n" if on_lines or last else self.rng.choice(["；", "。"]))

    def legacy_items(self, builder: Builder, style: Style) -> None:
        """Pre-2019 prose: problems as one sentence, measures as one "下一步…" paragraph."""
        problems = [self.rng.choice(templates.PROBLEM_SUBJECTS) + self.rng.choice(templates.PROBLEM_PREDICATES)
                    for _ in range(self.rng.randint(2, 4))]
        builder.plain(self.rng.choice(["但也存在", "同时，也还存在", "工作中仍存在"]))
        builder.labelled("、".join(problems) + "等问题", PROBLEM)
        builder.plain("。")
        measures = [self.rng.choice(templates.MEASURE_VERBS) + self.rng.choice(templates.MEASURE_OBJECTS)
                    for _ in range(self.rng.randint(2, 4))]
        builder.labelled(f"下一步，{style.org}将" + "，".join(measures) + "，推动政务公开工作水平再上新台阶", MEASURE)
        builder.plain("。\n")

    # --- whole reports -------------------------------------------------------------------------------
    def style(self) -> Style:
        legacy = self.rng.random() < 0.3
        return Style(year=self.rng.randint(2008, 2018) if legacy else self.rng.randint(2019, 2024),
                     org=self.rng.choice(templates.ORGS), area=self.rng.choice(templates.AREAS),
                     org_short=self.rng.choice(["大门镇", "上海科技", "平潭", "淮安", "城关镇", "青山区"]),
                     spaced_numbers=self.rng.random() < 0.25, legacy=legacy)

    def report(self) -> LabelledText:
        style = self.style()
        builder = Builder()
        builder.plain(f"{style.org_short}{style.year}年政府信息公开工作年度报告\n")
        builder.plain(f"本报告所列数据的统计期限自{style.year}年1月1日起至{style.year}年12月31日止。\n")
        builder.plain(self.rng.choice(templates.OVERVIEW_HEADINGS) + "\n")
        for _ in range(self.rng.randint(1, 3)):
            self.paragraph(builder, style, self.rng.randint(2, 6))
            builder.plain("\n")
        if style.legacy:
            for heading in templates.LEGACY_SECTIONS[:self.rng.randint(1, 4)]:
                builder.plain(heading + "\n")
                self.paragraph(builder, style, self.rng.randint(1, 3))
                builder.plain("\n")
        builder.plain(self.rng.choice(templates.SECTION5_HEADINGS) + "\n")
        if style.legacy and self.rng.random() < 0.5:
            self.legacy_items(builder, style)
        else:
            builder.plain(self.fill(self.rng.choice(templates.PROBLEM_INTROS), style) + "\n")
            self.item_list(builder, PROBLEM, [self.problem() for _ in range(self.rng.randint(1, 4))])
            builder.plain(self.fill(self.rng.choice(templates.MEASURE_INTROS), style) + "\n")
            self.item_list(builder, MEASURE, [self.measure() for _ in range(self.rng.randint(1, 5))])
        builder.plain(self.fill(self.rng.choice(templates.CLOSINGS), style))
        return self.relayout(LabelledText(builder.text(), builder.spans, "paraphrase"))

    def relayout(self, document: LabelledText) -> LabelledText:
        """The same report as a PDF dump (wrapped lines) or a crawler dump (one line), sometimes."""
        roll = self.rng.random()
        if roll < 0.3:
            return wrap_lines(document, self.rng.randint(22, 40))
        if roll < 0.4:
            return _rewrite(document, lambda i, char: "" if char == "\n" else char)
        return document

    def reports(self, count: int) -> list[LabelledText]:
        return [self.report() for _ in range(count)]


def wrap_lines(document: LabelledText, width: int) -> LabelledText:
    """Breaks every line after about `width` characters, as PDF text does (inside spans too).

    A break never splits a number: layout engines keep digit runs together.
    """
    column = 0
    text = document.text

    def wrap(i: int, char: str) -> str:
        nonlocal column
        column = 0 if char == "\n" else column + 1
        if column >= width and not (char.isdigit() and i + 1 < len(text) and text[i + 1].isdigit()):
            column = 0
            return char + "\n"
        return char

    return _rewrite(document, wrap)


def _rewrite(document: LabelledText, rewrite) -> LabelledText:
    """Rewrites each character (to "", itself, or itself plus more), carrying the spans along."""
    pieces: list[str] = []
    new_start: list[int] = []  # offset in the new text of each old character
    length = 0
    for i, char in enumerate(document.text):
        new_start.append(length)
        piece = rewrite(i, char)
        pieces.append(piece)
        length += len(piece)
    new_start.append(length)
    spans = []
    for span in document.spans:
        start = new_start[span.start]
        end = new_start[span.end - 1] + len(pieces[span.end - 1].rstrip("\n")) if pieces[span.end - 1] else \
            new_start[span.end]
        if end > start:
            spans.append(LabelledSpan(start, end, span.label))
    return LabelledText("".join(pieces), spans, document.origin)


def _check_templates() -> None:
    known = set(entity_labels())
    for sentence in [s for group in templates.FACT_SENTENCES.values() for s in group]:
        for match in MARKUP.finditer(sentence):
            if match.group("label") not in known:
                raise ValueError(f"template {sentence!r}: {match.group('label')} is not a tagger label")
