"""Highlighted fragments of a report's text, the same for every backend.

Neither backend can highlight the original text itself (SQLite indexes the segmented copy, and
Elasticsearch's offsets would point into the space-joined terms), so both hand this module the
stored text and the token spans recorded when it was indexed. An occurrence of a query term is
marked only where it is a token of the stored segmentation (the word there, or one of its
parts), so a highlight shows what matched, not every substring that looks alike; a phrase is
marked where its words follow each other from a token's start to a token's end, punctuation
between them allowed.
"""
from __future__ import annotations

import html
import re
from bisect import bisect_left
from functools import cached_property

import numpy as np

from indexer.analysis import unpack_spans
from indexer.textquery import Clause, TextQuery

FRAGMENTS = 3
FRAGMENT_CHARS = 120
_MAX_OCCURRENCES = 100  # per term: enough to choose fragments from
_WHITESPACE = re.compile(r"\s+")


class _Tokens:
    """Where the stored segmentation put its tokens, as sorted arrays to test occurrences against."""

    def __init__(self, spans: bytes):
        self.starts, self.ends = unpack_spans(spans)

    @cached_property
    def _spans(self) -> np.ndarray:
        return np.sort(self.starts << 32 | self.ends)

    @cached_property
    def _sorted_starts(self) -> np.ndarray:
        return np.sort(self.starts)

    @cached_property
    def _sorted_ends(self) -> np.ndarray:
        return np.sort(self.ends)

    def matched(self, starts: np.ndarray, ends: np.ndarray, phrase: np.ndarray) -> np.ndarray:
        """Whether each occurrence is what the index matched: a token (word), or a run of tokens
        from a token's start to a token's end (phrase)."""
        found = np.zeros(starts.size, dtype=bool)
        if (~phrase).any():
            found[~phrase] = _contains(self._spans, starts[~phrase] << 32 | ends[~phrase])
        if phrase.any():
            found[phrase] = _contains(self._sorted_starts, starts[phrase]) & _contains(self._sorted_ends, ends[phrase])
        return found


def _contains(ordered: np.ndarray, values: np.ndarray) -> np.ndarray:
    if not ordered.size:
        return np.zeros(values.size, dtype=bool)
    return ordered[np.minimum(np.searchsorted(ordered, values), ordered.size - 1)] == values


def highlights(text: str, spans: bytes | None, query: TextQuery) -> list[str]:
    """Up to three HTML-escaped fragments with the matched terms inside <em>…</em>, in text order.

    Windows are chosen from where the terms occur in the text; only the occurrences inside the
    chosen windows are then checked against the segmentation.
    """
    if not text or not spans or not query.positive:
        return []
    lowered = _lower(text)
    found = sorted((start, end, word, clause.phrase) for clause in query.positive
                   for start, end, word in _occurrences(lowered, clause))
    if not found:
        return []
    starts, ends, words, phrase = (list(column) for column in zip(*found))
    windows = _windows(starts, ends, words, len(text))
    inside = sorted({i for window_start, window_end in windows
                     for i in range(bisect_left(starts, window_start), bisect_left(starts, window_end))
                     if ends[i] <= window_end})
    matched = _Tokens(spans).matched(np.array([starts[i] for i in inside], dtype=np.int64),
                                     np.array([ends[i] for i in inside], dtype=np.int64),
                                     np.array([phrase[i] for i in inside], dtype=bool))
    marked = [(starts[i], ends[i]) for i, ok in zip(inside, matched.tolist()) if ok]
    fragments = []
    for window_start, window_end in windows:
        marks = [(start, end) for start, end in marked if window_start <= start and end <= window_end]
        if marks:
            fragments.append(_render(text, window_start, window_end, marks))
    return fragments


def _occurrences(lowered: str, clause: Clause) -> list[tuple[int, int, str]]:
    """Where the clause's terms (a word) or words in sequence (a phrase) occur as plain text, with
    what occurs there."""
    if clause.phrase:
        pattern = re.compile(r"[\W_]*".join(map(re.escape, clause.words)))
        return [(m.start(), m.end(), m.group()) for _, m in zip(range(_MAX_OCCURRENCES), pattern.finditer(lowered))]
    found = []
    for term in {*clause.terms, *(whole for whole, _ in clause.bonus)}:
        position, count = lowered.find(term), 0
        while position >= 0 and count < _MAX_OCCURRENCES:
            found.append((position, position + len(term), term))
            position, count = lowered.find(term, position + 1), count + 1
    return found


def _windows(starts: list[int], ends: list[int], words: list[str], length: int) -> list[tuple[int, int]]:
    """Fragment windows around the occurrences (sorted by start), those holding the most distinct
    words first: a window opens a little before an occurrence and takes every occurrence starting
    inside it, stretched by one that runs past its end. Once enough windows hold every word that
    occurs, no later window can rank above them."""
    windows = []  # (distinct words, start, end)
    every_word, complete = len(set(words)), 0
    first = 0
    while first < len(starts) and complete < FRAGMENTS:
        window_start = max(0, starts[first] - FRAGMENT_CHARS // 4)
        window_end = max(ends[first], min(length, window_start + FRAGMENT_CHARS))
        after = bisect_left(starts, window_end)
        while (stretched := max(window_end, *ends[first:after])) > window_end:
            window_end, after = stretched, bisect_left(starts, stretched)
        distinct = len(set(words[first:after]))
        windows.append((distinct, window_start, window_end))
        complete += distinct == every_word
        first = after
    ranked = sorted(windows, key=lambda w: (-w[0], w[1]))[:FRAGMENTS]
    return sorted((start, end) for _, start, end in ranked)


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
