"""The filter, facet and sort fields of every report as arrays, for counting at scale.

Counting facets with SQL `GROUP BY`s over a large match costs a sort per facet (hundreds of
milliseconds at 100,000 reports); with the fields held as integer codes per report (`doc`), a
match's six facets are six `bincount`s, its filters are boolean masks, and its order without
relevance is one partition. SQLite stays the store and the only writer: the arrays are read
from it and read again whenever the database changed (every write transaction counts itself in
the `meta` table's `generation`), inside the read transaction of the query that needs them, so
they always describe the commit that query reads.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import numpy as np

from indexer.query import FACET_NAMES, MAX_FACET_VALUES, Filters

CODED = ("year", "province", "city", "county", "admin_level", "template", "organization")
_NO_YEAR = 9999  # sorts after every real year


@dataclass
class Coded:
    """One field: `codes[doc]` indexes `values` (-1: no value)."""

    values: list[str | int]
    codes: np.ndarray
    lookup: dict[str | int, int]


class Columns:
    def __init__(self, connection: sqlite3.Connection):
        rows = connection.execute(f"SELECT doc, id, failed_checks, {', '.join(CODED)} FROM reports").fetchall()
        size = max((row[0] for row in rows), default=0) + 1
        docs = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
        self.live = np.zeros(size, dtype=bool)
        self.live[docs] = True
        self.failed = np.zeros(size, dtype=bool)
        self.failed[docs] = np.fromiter((row[2] > 0 for row in rows), dtype=bool, count=len(rows))
        id_order = sorted(range(len(rows)), key=lambda i: rows[i][1])
        self.id_rank = np.zeros(size, dtype=np.int64)
        self.id_rank[docs[id_order]] = np.arange(len(rows))
        self.fields = {name: _coded(docs, [row[3 + i] for row in rows], size) for i, name in enumerate(CODED)}
        year = self.fields["year"]
        year_of_code = np.array([*year.values, _NO_YEAR], dtype=np.int64)
        self.year = year_of_code[year.codes]  # code -1 picks the last entry, _NO_YEAR

    @property
    def size(self) -> int:
        return int(self.live.sum())

    def mask(self, filters: Filters) -> np.ndarray:
        """Live reports that pass the filters."""
        mask = self.live.copy()
        low, high = filters.year_bounds()
        if low is not None:
            mask &= self.year >= low
        if high is not None:
            mask &= self.year <= high
        for name in ("province", "city", "county", "admin_level", "template", "organization"):
            value = getattr(filters, name)
            if value is not None:
                field = self.fields[name]
                code = field.lookup.get(value)
                mask &= field.codes == code if code is not None else False
        if filters.failed_checks is not None:
            mask &= self.failed == filters.failed_checks
        return mask

    def facets(self, docs: np.ndarray, names: tuple[str, ...] = FACET_NAMES) -> dict[str, dict[str, int]]:
        """Value -> count for each facet over `docs`, most frequent first, ties by value."""
        result = {}
        for name in names:
            field = self.fields[name]
            codes = field.codes[docs]
            counts = np.bincount(codes[codes >= 0], minlength=len(field.values))
            found = [(str(field.values[code]), int(counts[code])) for code in np.flatnonzero(counts)]
            result[name] = dict(sorted(found, key=lambda item: (-item[1], item[0]))[:MAX_FACET_VALUES])
        return result

    def ordered(self, docs: np.ndarray, sort: str, limit: int) -> np.ndarray:
        """The first `limit` of `docs` in the order of `sort` (year, -year, organization), ties by id."""
        year = self.year[docs]
        id_rank = self.id_rank[docs]
        ids = len(self.id_rank) + 1
        if sort == "year":
            key = year * ids + id_rank
        elif sort == "organization":
            organization = self.fields["organization"].codes[docs]
            org_rank = self._organization_rank()[organization]  # code -1 picks the last entry: after all
            key = (org_rank * (_NO_YEAR + 1) + _newest_first(year)) * ids + id_rank
        else:  # newest first
            key = _newest_first(year) * ids + id_rank
        if limit < len(docs):
            top = np.argpartition(key, limit)[:limit]
            return docs[top[np.argsort(key[top], kind="stable")]]
        return docs[np.argsort(key, kind="stable")]

    def ranked(self, docs: np.ndarray, scores: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
        """The first `limit` of `docs` and their scores, highest score first, ties newest first, then by id."""
        if 0 < limit < len(docs):
            kept = scores >= np.partition(scores, len(docs) - limit)[len(docs) - limit]  # ties at the cut stay
            docs, scores = docs[kept], scores[kept]
        order = np.lexsort((self.id_rank[docs], _newest_first(self.year[docs]), -scores))[:limit]
        return docs[order], scores[order]

    def _organization_rank(self) -> np.ndarray:
        values = self.fields["organization"].values
        rank = np.empty(len(values) + 1, dtype=np.int64)
        rank[sorted(range(len(values)), key=lambda code: values[code])] = np.arange(len(values))
        rank[-1] = len(values)
        return rank


def _newest_first(year: np.ndarray) -> np.ndarray:
    """A key that orders years newest first and no year last."""
    return np.where(year == _NO_YEAR, _NO_YEAR, _NO_YEAR - 1 - year)


def _coded(docs: np.ndarray, column: list, size: int) -> Coded:
    values = sorted({value for value in column if value is not None}, key=str)
    lookup = {value: code for code, value in enumerate(values)}
    codes = np.full(size, -1, dtype=np.int64)
    codes[docs] = np.fromiter((lookup.get(value, -1) if value is not None else -1 for value in column),
                              dtype=np.int64, count=len(column))
    return Coded(values, codes, lookup)


def fts_docs(connection: sqlite3.Connection, expression: str, known: int) -> np.ndarray:
    """The docs below `known` an FTS5 expression matches (read as one string: far faster than row by row)."""
    (joined,) = connection.execute("SELECT group_concat(rowid) FROM fts WHERE fts MATCH ?", (expression,)).fetchone()
    docs = np.fromstring(joined or "", dtype=np.int64, sep=",")
    return docs[docs < known]
