"""Query objects (elasticsearch.dsl) built from the query model, never from strings.

They mirror the SQL of the embedded backend: every word's terms must occur, in any of title,
organization or body (`cross_fields` with AND); a phrase must occur in one field; a word's whole
form only adds to the score; the filters are exact `term`/`range` filters.
"""
from __future__ import annotations

from elasticsearch.dsl import Q
from elasticsearch.dsl.query import Query

from indexer.query import Filters
from indexer.textquery import Clause, TextQuery

FIELDS = ["title_terms^4", "organization_terms^2", "text_terms"]  # the SQLite bm25() weights


def filter_queries(filters: Filters) -> list[Query]:
    queries: list[Query] = []
    low, high = filters.year_bounds()
    if low is not None or high is not None:
        bounds = {key: value for key, value in (("gte", low), ("lte", high)) if value is not None}
        queries.append(Q("range", year=bounds))
    for name in ("province", "city", "county", "admin_level", "template", "organization"):
        value = getattr(filters, name)
        if value is not None:
            queries.append(Q("term", **{name: value}))
    if filters.failed_checks is not None:
        queries.append(Q("term", failed_checks=filters.failed_checks))
    return queries


def report_query(text_query: TextQuery, filters: Filters) -> Query:
    """Reports matching the text and the filters (every report when both are empty)."""
    must = [_clause(clause, with_bonus=True) for clause in text_query.positive] or [Q("match_all")]
    must_not = [_clause(clause, with_bonus=False) for clause in text_query.negative]
    return Q("bool", must=must, must_not=must_not, filter=filter_queries(filters))


def _clause(clause: Clause, with_bonus: bool) -> Query:
    text = " ".join(clause.terms)
    if clause.phrase:
        return Q("multi_match", query=text, type="phrase", fields=FIELDS)
    required = Q("multi_match", query=text, type="cross_fields", operator="and", fields=FIELDS)
    if not (with_bonus and clause.bonus):
        return required
    return Q("bool", must=[required], should=[Q("multi_match", query=whole, fields=FIELDS) for whole, _ in clause.bonus])
