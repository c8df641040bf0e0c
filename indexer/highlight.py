"""Highlighted fragments of a report's text, the same for every backend.

Neither backend can highlight the original text itself (SQLite indexes the segmented copy, and
Elasticsearch's offsets would point into the space-joined terms), so both hand this module the
stored text and the word spans recorded when it was indexed. An occurrence of a query term is
marked only where it is a token of the stored segmentation (the word there, or one of its
parts), so a highlight shows what matched, not every substring that looks alike; a phrase is
marked where its words follow each other from a token's start to a token's end, punctuation
between them allowed.
"""
from __future__ import annotations

import html
import re
from bisect import bisect_right

from indexer.analysis import Token, unpack_spans, word_tokens
from indexer.textquery import Clause, TextQuery

FRAGMENTS = 3
FRAGMENT_CHARS = 120
_MAX_OCCURRENCES = 100  # per term: enough to choose fragments from
_WHITESPACE = re.compile(r"\s+")


class _Words:
    """Token lookup by text offset over the stored word spans."""

    def __init__(self, text: str, spans: bytes):
        self.text = text
        self.starts, self.ends = unpack_spans(spans)
        self._tokens: dict[int, list[Token]] = {}

    def tokens_at(self, position: int) -> list[Token]:
        k = bisect_right(self.starts, position) - 1
        if k < 0 or position >= self.ends[k]:
            return []
        if k not in self._tokens:
            self._tokens[k] = word_tokens(self.text, self.starts[k], self.ends[k])
        return self._tokens[k]

    def is_token(self, term: str, start: int) -> bool:
        return any(t.start == start and t.term == term for t in self.tokens_at(start))

    def token_starts_at(self, position: int) -> bool:
        return any(t.start == position for t in self.tokens_at(position))

    def token_ends_at(self, position: int) -> bool:
        return any(t.end == position for t in self.tokens_at(position - 1))


def highlights(text: str, spans: bytes | None, query: TextQuery) -> list[str]:
    """Up to three HTML-escaped fragments with the matched terms inside <em>…</em>, in text order.

    Windows are chosen from where the terms occur in the text; only the occurrences inside the
    chosen windows are then checked against the segmentation (the costly part).
    """
    if not text or not spans or not query.positive:
        return []
    lowered = _lower(text)
    candidates = [(start, end, clause) for clause in query.positive for start, end in _occurrences(lowered, clause)]
    words = _Words(text, spans)
    fragments = []
    for window_start, window_end in _windows(lowered, [(start, end) for start, end, _ in candidates]):
        marks = [(start, end) for start, end, clause in candidates
                 if window_start <= start and end <= window_end and _is_match(words, lowered, start, end, clause)]
        if marks:
            fragments.append(_render(text, window_start, window_end, marks))
    return fragments


def _occurrences(lowered: str, clause: Clause) -> list[tuple[int, int]]:
    """Where the clause's terms (a word) or words in sequence (a phrase) occur as plain text."""
    if clause.phrase:
        pattern = re.compile(r"[\W_]*".join(map(re.escape, clause.words)))
        return [(m.start(), m.end()) for _, m in zip(range(_MAX_OCCURRENCES), pattern.finditer(lowered))]
    found = []
    for term in {*clause.terms, *(whole for whole, _ in clause.bonus)}:
        position, count = lowered.find(term), 0
        while position >= 0 and count < _MAX_OCCURRENCES:
            found.append((position, position + len(term)))
            position, count = lowered.find(term, position + 1), count + 1
    return found


def _is_match(words: _Words, lowered: str, start: int, end: int, clause: Clause) -> bool:
    """Whether an occurrence is what the index matched: a token (word), or a run of tokens (phrase)."""
    if clause.phrase:
        return words.token_starts_at(start) and words.token_ends_at(end)
    return words.is_token(lowered[start:end], start)


def _windows(lowered: str, marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Fragment windows around the marks, those holding the most distinct marked words first."""
    windows: list[list] = []  # [start, end, distinct marked words]
    for start, end in sorted(marks):
        if windows and start < windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)  # a mark across the end stretches the window
            windows[-1][2].add(lowered[start:end])
            continue
        window_start = max(0, start - FRAGMENT_CHARS // 4)
        windows.append([window_start, max(end, min(len(lowered), window_start + FRAGMENT_CHARS)),
                        {lowered[start:end]}])
    ranked = sorted(windows, key=lambda w: (-len(w[2]), w[0]))[:FRAGMENTS]
    return sorted((start, end) for start, end, _ in ranked)


def _render(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> str:
    inside = _merged([(max(s, start), min(e, end)) for s, e in marks if s < end and e > start])
    pieces, position = [], start
    for mark_start, mark_end in inside:
        pieces.append(html.escape(text[position:mark_start]))
        pieces.append(f"<em>{html.escape(text[mark_start:mark_end])}</em>")
        position = mark_end
    pieces.append(html.escape(text[position:end]))
    return _WHITESPACE.sub(" ", "".join(pieces)).strip()


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _lower(text: str) -> str:
    """Lower case with the offsets of `text` (a character whose lower case is longer stays as it is)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
