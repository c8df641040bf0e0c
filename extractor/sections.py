"""Finds the six standard parts of a report (一 总体情况 … 六 其他需要报告的事项) in its text.

INTERFACE (owned by the prose work): `split_sections(text) -> Sections`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass
class Sections:
    spans: dict[int, Span] = field(default_factory=dict)

    def body(self, text: str, number: int) -> str:
        span = self.spans.get(number)
        return text[span.body_start:span.end] if span else ""
