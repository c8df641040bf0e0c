"""Full-text search with filters, facets, sort and paging, in SQL over the embedded index.

The matching set is described once (FTS5 match, exclusions, filters) and used twice: for the
page of hits, ranked by BM25 (title weighed over organization over body), and for the total
and the facet counts, which SQLite groups in a single statement over that set.
"""
from __future__ import annotations

import sqlite3
from typing import Any

from indexer.hits import hit_from_record
from indexer.query import MAX_FACET_VALUES, SearchQuery, SearchResult
from indexer.sqlite.sql import COLUMNS, match_all, match_any, where_filters
from indexer.sqlite.writes import load_record
from indexer.textquery import TextQuery, parse_text_query

_BM25 = "bm25(fts, 4.0, 2.0, 1.0)"  # title, organization, body
_ORDER = {
    "year": "r.year IS NULL, r.year ASC",
    "-year": "r.year IS NULL, r.year DESC",
    "organization": "r.organization IS NULL, r.organization ASC, r.year DESC",
}


def search(connection: sqlite3.Connection, query: SearchQuery) -> SearchResult:
    text_query = parse_text_query(query.text)
    source, where, parameters, ranked = _matching(query, text_query)
    score = f"-{_BM25}" if ranked else "NULL"
    order = [_ORDER[query.sort]] if query.sort in _ORDER else []
    order += ["score DESC"] if ranked else ["r.year IS NULL, r.year DESC"]
    order.append("r.id")
    page = connection.execute(
        f"SELECT r.doc, {score} AS score FROM {source} WHERE {where}"
        f" ORDER BY {', '.join(order)} LIMIT ? OFFSET ?",
        (*parameters, query.size, query.offset)).fetchall()
    stored = {doc: (record, spans) for doc, record, spans in connection.execute(
        f"SELECT doc, record, spans FROM report_blobs WHERE doc IN ({', '.join('?' * len(page))})",
        [doc for doc, _ in page])}
    hits = [hit_from_record(load_record(stored[doc][0]), stored[doc][1], score_value, text_query)
            for doc, score_value in page]
    total, facets = _total_and_facets(connection, source, where, parameters, query.facets)
    return SearchResult(total, hits, facets)


def _matching(query: SearchQuery, text_query: TextQuery) -> tuple[str, str, list[Any], bool]:
    """FROM clause, WHERE clause and parameters of the reports the query matches."""
    conditions, parameters = where_filters(query.filters)
    source, ranked = "reports r", False
    if text_query.positive:
        source, ranked = "fts JOIN reports r ON r.doc = fts.rowid", True
        conditions.insert(0, "fts MATCH ?")
        parameters.insert(0, match_all(text_query.positive))
    if text_query.negative:
        conditions.append("r.doc NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
        parameters.append(match_any(text_query.negative))
    return source, " AND ".join(conditions) or "1", parameters, ranked


def _total_and_facets(connection: sqlite3.Connection, source: str, where: str, parameters: list[Any],
                      facet_names: tuple[str, ...]) -> tuple[int, dict[str, dict[str, int]]]:
    columns = ", ".join(COLUMNS[name] for name in facet_names) or "1"
    selects = ["SELECT 'total', NULL, count(*) FROM matched"]
    selects += [f"SELECT '{name}', {name}, count(*) FROM matched WHERE {name} IS NOT NULL GROUP BY {name}"
                for name in facet_names]
    rows = connection.execute(
        f"WITH matched AS MATERIALIZED (SELECT {columns} FROM {source} WHERE {where}) "
        + " UNION ALL ".join(selects), parameters).fetchall()
    total = 0
    counts: dict[str, list[tuple[str, int]]] = {name: [] for name in facet_names}
    for name, value, count in rows:
        if name == "total":
            total = count
        else:
            counts[name].append((str(value), count))
    facets = {name: dict(sorted(values, key=lambda item: (-item[1], item[0]))[:MAX_FACET_VALUES])
              for name, values in counts.items()}
    return total, facets
