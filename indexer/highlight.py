"""Highlighted fragments of a report's text, the same for every backend.

Neither backend can highlight the original text itself (SQLite indexes the segmented copy, and
Elasticsearch's offsets would point into the space-joined tokens), so both hand the stored text
to this module. It finds where the query's terms occur, segments only a window around them (a
whole report is too slow to segment per hit), and marks the tokens of that window which the
index would have matched: a word's terms, or a phrase's terms in sequence.
"""
from __future__ import annotations

import html
import re

from indexer.analysis import Token, tokens
from indexer.textquery import TextQuery

FRAGMENTS = 3
FRAGMENT_CHARS = 120
_MAX_OCCURRENCES = 200
_WHITESPACE = re.compile(r"\s+")


def highlights(text: str, query: TextQuery) -> list[str]:
    """Up to three HTML-escaped fragments with the matched terms inside <em>…</em>, in text order."""
    clauses = query.positive
    if not text or not clauses:
        return []
    windows = _best_windows(text, {term for clause in clauses for term in clause.terms})
    fragments = []
    for start, end in windows:
        window_tokens = tokens(text[start:end])
        spans = _marked_spans(window_tokens, query)
        if spans:
            fragments.append(_render(text[start:end], spans))
    return fragments


def _best_windows(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Windows around the occurrences of the terms, those holding the most distinct terms first."""
    lowered = text.lower()
    occurrences: list[tuple[int, str]] = []
    for term in terms:
        position = lowered.find(term)
        while position >= 0 and len(occurrences) < _MAX_OCCURRENCES:
            occurrences.append((position, term))
            position = lowered.find(term, position + len(term))
    occurrences.sort()
    windows: list[tuple[int, int, set[str]]] = []
    for position, term in occurrences:
        if windows and position + len(term) <= windows[-1][1]:
            windows[-1][2].add(term)
            continue
        start = max(0, position - FRAGMENT_CHARS // 4)
        windows.append((start, min(len(text), start + FRAGMENT_CHARS), {term}))
    ranked = sorted(windows, key=lambda w: (-len(w[2]), w[0]))[:FRAGMENTS]
    return sorted((start, end) for start, end, _ in ranked)


def _marked_spans(window_tokens: list[Token], query: TextQuery) -> list[tuple[int, int]]:
    """Offsets of the tokens (words) and token runs (phrases) the query matches, merged."""
    spans: list[tuple[int, int]] = []
    terms = [t.term for t in window_tokens]
    for clause in query.positive:
        if clause.phrase:
            n = len(clause.terms)
            spans += [(window_tokens[i].start, window_tokens[i + n - 1].end)
                      for i in range(len(terms) - n + 1) if tuple(terms[i:i + n]) == clause.terms]
        else:
            spans += [(t.start, t.end) for t in window_tokens if t.term in clause.terms]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _render(window: str, spans: list[tuple[int, int]]) -> str:
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(html.escape(window[position:start]))
        pieces.append(f"<em>{html.escape(window[start:end])}</em>")
        position = end
    pieces.append(html.escape(window[position:]))
    return _WHITESPACE.sub(" ", "".join(pieces)).strip()
