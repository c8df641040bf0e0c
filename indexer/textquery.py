"""A user's search string as clauses of index terms, whatever characters it holds.

The syntax is the one people type into search boxes: words (all must occur), "quoted phrases"
(words in this order), and a leading minus to exclude a word or phrase. Everything else, quotes
left open, `*`, `NEAR(`, `OR`, SQL, is text: it is segmented like any text, its punctuation is
dropped, and what remains are plain terms of letters and digits, which each backend then
quotes in its own query language. So no user string can reach SQLite or Elasticsearch as syntax.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.analysis import phrase_terms, word_terms
from indexer.query import QueryError

MAX_CLAUSES = 32
MAX_TERMS = 256  # a pasted paragraph is not a query; it would only slow both backends down
_CLAUSE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')  # -"phrase" (closing quote optional) or -word


@dataclass(frozen=True)
class Clause:
    """Terms that must all occur (a word) or occur in sequence (a phrase); `negated` excludes them.

    `bonus` holds a word's whole forms with their parts (which are among `terms`): a whole form
    never decides whether a report matches, only how high it ranks.
    """

    terms: tuple[str, ...]
    phrase: bool
    negated: bool
    bonus: tuple[tuple[str, tuple[str, ...]], ...] = ()
    words: tuple[str, ...] = ()  # a phrase's whole words, in order


@dataclass(frozen=True)
class TextQuery:
    clauses: tuple[Clause, ...]

    @property
    def positive(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.negated)

    @property
    def negative(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.negated)

    @property
    def empty(self) -> bool:
        return not self.clauses


def parse_text_query(text: str) -> TextQuery:
    """Clauses of a search string; a string without letters or digits is the empty query."""
    clauses: list[Clause] = []
    for match in _CLAUSE.finditer(text):
        phrase_minus, phrase, word_minus, word = match.groups()
        if phrase is not None:
            terms, words = phrase_terms(phrase)
            clause = Clause(tuple(terms), phrase=len(terms) > 1, negated=bool(phrase_minus), words=tuple(words))
        else:
            required, bonus = word_terms(word)
            clause = Clause(tuple(required), phrase=False, negated=bool(word_minus), bonus=tuple(bonus))
        if clause.terms and clause not in clauses:
            clauses.append(clause)
    if len(clauses) > MAX_CLAUSES:
        raise QueryError("q", f"{len(clauses)} words and phrases is over the limit of {MAX_CLAUSES}")
    terms = sum(len(clause.terms) for clause in clauses)
    if terms > MAX_TERMS:
        raise QueryError("q", f"{terms} terms after segmentation is over the limit of {MAX_TERMS}")
    return TextQuery(tuple(clauses))
