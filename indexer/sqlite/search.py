"""Full-text search with filters, facets, sort and paging over the embedded index.

FTS5 finds the reports holding the terms; the filters, the total and the facet counts come from
the in-memory columns (`columns.py`), which count a match of any size in a few milliseconds.
Ranking by relevance is BM25 in SQL (title weighed over organization over body), ties broken
by year, newest first, then id; the other sorts order the match in memory, unscored.

FTS5's BM25 costs a few microseconds per matching report (it counts every phrase's reports
for its IDF, whatever the LIMIT), which a match of most of a large index turns into a quarter
of a second. FTS5 gives a term found in more than half the reports an IDF of 1e-6, so over such
a match the ranking rests on nothing but term counts scaled by 1e-6: when a match covers more
than half of an index of over `BROAD_MATCH_FLOOR` reports, it is listed newest first, unscored.
"""
from __future__ import annotations

import sqlite3
from typing import Any

import numpy as np

from indexer.hits import hit_from_record
from indexer.query import SearchHit, SearchQuery, SearchResult
from indexer.sqlite.columns import Columns, fts_docs
from indexer.sqlite.sql import match_all, match_any, where_filters
from indexer.sqlite.writes import load_record
from indexer.textquery import TextQuery, parse_text_query

BM25 = "bm25(fts, 4.0, 2.0, 1.0)"  # title, organization, body
BROAD_MATCH_FLOOR = 10_000


def search(connection: sqlite3.Connection, columns: Columns, query: SearchQuery,
           broad_match_floor: int = BROAD_MATCH_FLOOR) -> SearchResult:
    text_query = parse_text_query(query.text)
    mask = columns.mask(query.filters)
    if text_query.negative:
        mask[fts_docs(connection, match_any(text_query.negative), mask.size)] = False
    if text_query.positive:
        found = fts_docs(connection, match_all(text_query.positive), mask.size)
        matched = found[mask[found]]
    else:
        matched = np.flatnonzero(mask)
    broad = matched.size > max(broad_match_floor, columns.size // 2)
    if text_query.positive and query.sort == "relevance" and not broad:
        page = _ranked_page(connection, query, text_query)
    else:
        sort = "-year" if query.sort == "relevance" else query.sort
        page = [(doc, None) for doc in columns.ordered(matched, sort, query.offset + query.size)[query.offset:].tolist()]
    return SearchResult(int(matched.size), _hits(connection, page, text_query),
                        columns.facets(matched, query.facets))


def _ranked_page(connection: sqlite3.Connection, query: SearchQuery,
                 text_query: TextQuery) -> list[tuple[int, float]]:
    conditions, parameters = where_filters(query.filters)
    conditions.insert(0, "fts MATCH ?")
    parameters.insert(0, match_all(text_query.positive))
    if text_query.negative:
        conditions.append("r.doc NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
        parameters.append(match_any(text_query.negative))
    return connection.execute(
        f"SELECT r.doc, -{BM25} AS score FROM fts JOIN reports r ON r.doc = fts.rowid"
        f" WHERE {' AND '.join(conditions)} ORDER BY score DESC, r.year IS NULL, r.year DESC, r.id LIMIT ? OFFSET ?",
        (*parameters, query.size, query.offset)).fetchall()


def _hits(connection: sqlite3.Connection, page: list[tuple[int, Any]], text_query: TextQuery) -> list[SearchHit]:
    if not page:
        return []
    stored = {doc: (record, spans) for doc, record, spans in connection.execute(
        f"SELECT doc, record, spans FROM report_blobs WHERE doc IN ({', '.join('?' * len(page))})",
        [doc for doc, _ in page])}
    return [hit_from_record(load_record(stored[doc][0]), stored[doc][1], score, text_query)
            for doc, score in page if doc in stored]  # a report deleted since the columns were read is gone
