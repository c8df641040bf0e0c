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
        conditions.append("r.failed_checks = ?")
        parameters.append(int(filters.failed_checks))
    return conditions, parameters


def match_all(clauses: tuple[Clause, ...]) -> str:
    """An FTS5 expression true where every clause matches.

    A word's whole form is OR-ed to its parts: a text holding the whole word always holds its
    parts too, so `(parts) OR whole` matches the same reports, but BM25 also scores the whole.
    """
    return " AND ".join(_clause(c, with_bonus=True) for c in clauses)


def match_any(clauses: tuple[Clause, ...]) -> str:
    """An FTS5 expression true where any clause matches (for the excluded ones)."""
    return " OR ".join(_clause(c, with_bonus=False) for c in clauses)


def _clause(clause: Clause, with_bonus: bool) -> str:
    if clause.phrase:
        return '"' + " ".join(map(_escape, clause.terms)) + '"'
    if not (with_bonus and clause.bonus):
        return _all(clause.terms)
    in_bonus = {part for _, parts in clause.bonus for part in parts}
    groups = [f'({_all(parts)} OR "{_escape(whole)}")' for whole, parts in clause.bonus]
    groups += [f'"{_escape(term)}"' for term in clause.terms if term not in in_bonus]
    return "(" + " AND ".join(groups) + ")"


def _all(terms: tuple[str, ...]) -> str:
    return "(" + " AND ".join(f'"{_escape(term)}"' for term in terms) + ")"


def _escape(term: str) -> str:
    return term.replace('"', '""')  # terms hold letters and digits only: belt and braces
