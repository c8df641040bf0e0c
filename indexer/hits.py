"""A stored record as a search hit: the same fields and fragments from either backend."""
from __future__ import annotations

from typing import Any

from indexer.highlight import highlights
from indexer.query import SearchHit
from indexer.records import failed_check_count
from indexer.textquery import TextQuery


def hit_from_record(record: dict[str, Any], spans: bytes | None, score: float | None,
                    text_query: TextQuery) -> SearchHit:
    """`spans`: the token spans stored with the record's text (None: no highlights)."""
    return SearchHit(
        id=record["id"], title=record.get("title"), organization=record.get("organization"),
        year=record.get("year"), region={k: v for k, v in (record.get("region") or {}).items() if v},
        admin_level=record.get("admin_level"), score=score,
        highlights=highlights(record.get("text") or "", spans, text_query),
        failed_checks=failed_check_count(record),
    )
