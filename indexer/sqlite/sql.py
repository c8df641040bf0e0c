"""SQL fragments built from the query model: every user value is a bound parameter.

FTS5 has a query language of its own inside the MATCH string; the terms that reach it here are
letters and digits only (see `indexer.textquery`), each written as a double-quoted string, so
no user input is ever read as an FTS5 operator either.
"""
from __future__ import annotations

from typing import Any

from indexer.query import Filters
from indexer.textquery import Clause

# filter and group names -> columns of `reports r`; nothing else is ever spliced into SQL
COLUMNS = {"year": "r.year", "province": "r.province", "city": "r.city", "county": "r.county",
           "admin_level": "r.admin_level", "template": "r.template", "organization": "r.organization"}


def where_filters(filters: Filters) -> tuple[list[str], list[Any]]:
    """Conditions on `reports r` and their parameters."""
    conditions: list[str] = []
    parameters: list[Any] = []
    low, high = filters.year_bounds()
    if low is not None:
        conditions.append("r.year >= ?")
        parameters.append(low)
    if high is not None:
        conditions.append("r.year <= ?")
        parameters.append(high)
    for name in ("province", "city", "county", "admin_level", "template", "organization"):
        value = getattr(filters, name)
        if value is not None:
            conditions.append(f"{COLUMNS[name]} = ?")
            parameters.append(value)
    if filters.failed_checks is not None:
        conditions.append("(r.failed_checks > 0) = ?")
        parameters.append(int(filters.failed_checks))
    return conditions, parameters


def match_all(clauses: tuple[Clause, ...], held_by_all: frozenset[str] = frozenset()) -> str | None:
    """An FTS5 expression true where every clause matches; None where every report does.

    A word's terms must all occur; a term `held_by_all` reports restricts nothing and is left
    out (FTS5 would read its list of every report to learn so). A phrase is kept whole: it
    needs the positions of its terms.
    """
    groups = []
    for clause in clauses:
        if clause.phrase:
            groups.append(_phrase(clause.terms))
        elif kept := [term for term in clause.terms if term not in held_by_all]:
            groups.append(_all(tuple(kept)))
    return " AND ".join(groups) or None


def match_any(clauses: tuple[Clause, ...]) -> str:
    """An FTS5 expression true where any clause matches (for the excluded ones)."""
    return " OR ".join(_phrase(c.terms) if c.phrase else _all(c.terms) for c in clauses)


def match_phrases(phrases: list[tuple[str, ...]]) -> str:
    """An FTS5 expression true where any of the phrases (a term alone, or terms in sequence) occurs."""
    return " OR ".join(map(_phrase, phrases))


def _phrase(terms: tuple[str, ...]) -> str:
    return '"' + " ".join(map(_escape, terms)) + '"'


def _all(terms: tuple[str, ...]) -> str:
    return "(" + " AND ".join(map(_phrase, ((term,) for term in terms))) + ")"


def _escape(term: str) -> str:
    return term.replace('"', '""')  # terms hold letters and digits only: belt and braces
