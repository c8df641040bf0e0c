"""Whitespace rules shared by every converter, so a cell or a line reads the same whatever the format.

Chinese text carries no spaces between words, so a line break or a run of spaces between two Han
characters is layout (a wrapped line, letter-spaced justification, a label padded to width), never
meaning; between digits or Latin words a break stands for a space. Page numbers are the one kind of
line that is pure layout damage and can be recognised on its own.
"""
from __future__ import annotations

import re

# Han ideographs plus CJK punctuation and full-width forms: characters that never need a space
# next to another of their kind.
_CJK = (r"\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31c0-\u31ef\u3400-\u4dbf"
        r"\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef")
_SPACE = r"[ \t\r\f\v\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]"
_SPACE_RUN = re.compile(_SPACE + "+")
_NUMBER_PART = re.compile(r"[0-9.,%]")
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}]){_SPACE}+(?=[{_CJK}])")

# A line holding only a page number: "5", "-3-", "— 5 —", "第5页", "第 2 页 共 10 页", "2/10", "- 12 -".
PAGE_NUMBER_LINE = re.compile(
    r"^\s*[-－—–―_~·•]*\s*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:(?:/|／|共)\s*\d{1,4}\s*页?)?\s*[-－—–―_~·•]*\s*$"
)


def is_cjk(char: str) -> bool:
    return bool(char) and re.match(f"[{_CJK}]", char) is not None


def clean_line(text: str) -> str:
    """One line of prose: every run of spaces (NBSP, ideographic space…) becomes one space."""
    return _SPACE_RUN.sub(" ", text).strip()


def join_lines(lines: list[str], soft_wraps: bool = False) -> str:
    """Join the lines of one paragraph or cell: nothing next to a CJK character, else a space.

    With `soft_wraps` the breaks are where a layout ran out of width (PDF), not where the author
    broke the line: then a number cut in two ("82" / "1" in a narrow cell) is glued back too.
    """
    joined = ""
    for line in (clean_line(line) for line in lines):
        if not line:
            continue
        glued = is_cjk(joined[-1:]) or is_cjk(line[0]) or (soft_wraps and _NUMBER_PART.match(joined[-1:])
                                                            and _NUMBER_PART.match(line[0]))
        if joined and not glued:
            joined += " "
        joined += line
    return joined


def clean_cell(text: str, soft_wraps: bool = False) -> str:
    """A table cell as one line: wrapped lines joined, padding between Han characters removed.

    Cells are labels and numbers; "规    章" padded to the column width is the label 规章, and a
    header wrapped as "本年新\\n制作数量" is one label.
    """
    joined = join_lines(text.replace("\r", "\n").split("\n"), soft_wraps)
    return _SPACE_BETWEEN_CJK.sub("", joined)


def squeeze_cjk_spaces(text: str) -> str:
    """Remove spaces between two CJK characters (PDF letter-spacing), keeping those next to digits."""
    return _SPACE_BETWEEN_CJK.sub("", text)


def is_page_number(line: str) -> bool:
    return PAGE_NUMBER_LINE.match(line) is not None


_MARKUP_SPACE = re.compile(r"[ \t\r\n\f]+")


def collapse_markup_whitespace(text: str) -> str:
    """Whitespace of HTML source as a browser shows it (CSS segment-break rule).

    A run of spaces becomes one space, and a run holding a source line break between two CJK
    characters disappears: markup wraps long lines anywhere, and Chinese has no spaces to keep.
    """
    def replace(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return "" if "\n" in match.group() and is_cjk(before) and is_cjk(after) else " "

    return _MARKUP_SPACE.sub(replace, text)
