"""Full-text search with filters, facets, sort and paging over the embedded index.

FTS5 finds the reports holding the terms; the filters, the total and the facet counts come from
the in-memory columns (`columns.py`), which count a match of any size in a few milliseconds.
Ranking by relevance is FTS5's BM25 (title weighed over organization over body), ties broken by
year, newest first, then id; the other sorts order the match in memory, unscored.

BM25 costs FTS5 time for every report it scores and every term, and more for every occurrence
it walks. The words every report repeats (政府, 信息, 公开: dozens of times each) cost the most
and weigh nothing: FTS5 gives a term held by half the reports or more an IDF of 1e-6, so it adds
under 2.2e-6 to a score. Above `SMALL_INDEX` reports the ranking query therefore scores the
query's other terms (and its phrases) alone, and only for the reports that passed the filters
(a byte per report, read per row); a query made only of such words is listed newest first,
unscored. The count of reports per term (`term_docs`) that tells those words apart also lets
the match leave out a term that every report holds, which restricts nothing.
"""
from __future__ import annotations

import sqlite3
from typing import Any

import numpy as np

from indexer.hits import hit_from_record
from indexer.query import SearchHit, SearchQuery, SearchResult
from indexer.sqlite.columns import Columns, fts_docs
from indexer.sqlite.sql import match_all, match_any, match_phrases
from indexer.sqlite.writes import load_record, term_docs
from indexer.textquery import TextQuery, parse_text_query

BM25 = "bm25(fts, 4.0, 2.0, 1.0)"  # title, organization, body
SMALL_INDEX = 2_000  # reports: up to this many, every term is scored (a few milliseconds at most)


def search(connection: sqlite3.Connection, columns: Columns, query: SearchQuery,
           small_index: int = SMALL_INDEX) -> SearchResult:
    """`connection` reads inside the transaction that `columns` were read in (see `SqliteIndex`)."""
    text_query = parse_text_query(query.text)
    report_counts = term_docs(connection, sorted({term for phrase in _ranked_phrases(text_query) for term in phrase}))
    matched = _matched(connection, columns, query, text_query, report_counts)
    limit = query.offset + query.size
    scores = None
    if text_query.positive and query.sort == "relevance" and query.size:
        scores = _scores(connection, columns, text_query, matched, report_counts, small_index)
    if scores is None:
        ordered = columns.ordered(matched, "-year" if query.sort == "relevance" else query.sort, limit)
        page: list[tuple[int, float | None]] = [(doc, None) for doc in ordered[query.offset:].tolist()]
    else:
        ordered, ordered_scores = columns.ranked(matched, scores, limit)
        page = list(zip(ordered[query.offset:].tolist(), ordered_scores[query.offset:].tolist()))
    return SearchResult(int(matched.size), _hits(connection, page, text_query), columns.facets(matched, query.facets))


def _matched(connection: sqlite3.Connection, columns: Columns, query: SearchQuery, text_query: TextQuery,
             report_counts: dict[str, int]) -> np.ndarray:
    """The docs that pass the filters and hold the text query, in doc order."""
    mask = columns.mask(query.filters)
    if text_query.negative:
        mask[fts_docs(connection, match_any(text_query.negative), mask.size)] = False
    held_by_all = frozenset(term for term, count in report_counts.items() if count >= columns.size)
    expression = match_all(text_query.positive, held_by_all)
    if expression is None:
        return np.flatnonzero(mask)
    found = fts_docs(connection, expression, mask.size)
    return found[mask[found]]


def _ranked_phrases(text_query: TextQuery) -> list[tuple[str, ...]]:
    """What BM25 scores: every term of a word (its whole forms too: a text holding the word whole
    ranks higher), and every phrase as one."""
    phrases: dict[tuple[str, ...], None] = {}
    for clause in text_query.positive:
        if clause.phrase:
            phrases[clause.terms] = None
        else:
            phrases.update(dict.fromkeys((term,) for term in (*clause.terms, *(whole for whole, _ in clause.bonus))))
    return list(phrases)


def _scores(connection: sqlite3.Connection, columns: Columns, text_query: TextQuery, matched: np.ndarray,
            report_counts: dict[str, int], small_index: int) -> np.ndarray | None:
    """The BM25 score of each matched report (0: it holds none of the weighed terms), or None
    when no term of the query carries weight (see the module's docstring)."""
    phrases = _ranked_phrases(text_query)
    if columns.size > small_index:
        phrases = [p for p in phrases if len(p) > 1 or 2 * report_counts[p[0]] < columns.size]
    if not phrases:
        return None
    if not matched.size:
        return np.zeros(0)
    keep = np.zeros(columns.live.size, dtype=np.uint8)
    keep[matched] = 1
    joined_docs, joined_scores = connection.execute(
        f"SELECT group_concat(rowid), group_concat(score) FROM (SELECT rowid, -{BM25} AS score FROM fts"
        f" WHERE fts MATCH ? AND substr(?, rowid + 1, 1) = x'01' LIMIT -1)",  # LIMIT: bm25() runs in no aggregate
        (match_phrases(phrases), keep.tobytes())).fetchone()
    scores = np.zeros(columns.live.size)
    scores[np.fromstring(joined_docs or "", dtype=np.int64, sep=",")] = np.fromstring(joined_scores or "", sep=",")
    return scores[matched]


def _hits(connection: sqlite3.Connection, page: list[tuple[int, Any]], text_query: TextQuery) -> list[SearchHit]:
    if not page:
        return []
    stored = {doc: (record, spans) for doc, record, spans in connection.execute(
        f"SELECT doc, record, spans FROM report_blobs WHERE doc IN ({', '.join('?' * len(page))})",
        [doc for doc, _ in page])}
    return [hit_from_record(load_record(stored[doc][0]), stored[doc][1], score, text_query) for doc, score in page]
