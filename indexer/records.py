"""A record (record.md) checked and reduced to what an index stores about it.

Both backends index the same `Prepared` report, so they agree on what a record's facets,
version, metric values and searchable terms are; and a record that breaks the record contract
is refused here, with its id and the reason, before any backend could store half of it.
"""
from __future__ import annotations

import hashlib
import json
import math
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from itertools import islice
from typing import Any, Callable, Iterable, Iterator

from tqdm import tqdm

from extractor.catalog import catalog
from indexer.analysis import Analysis, analyze, pack_spans
from indexer.query import ADMIN_LEVELS, REGION_LEVELS, TEMPLATES

MAX_ID_CHARS = 200


class RecordError(ValueError):
    """A record the index refuses; the message starts with the record's id or position."""


@dataclass(frozen=True)
class Prepared:
    id: str
    record: dict[str, Any]
    version: int  # source.fetched_at in milliseconds since 1970 (UTC); 0 when unknown
    content_hash: str  # equal hashes: the same record, so a rewrite would change nothing
    record_json: str  # the record serialized once (keys sorted): hashed, and stored as it is
    title: str | None
    organization: str | None
    admin_level: str | None
    region: dict[str, str]
    year: int | None
    template: str | None
    failed_checks: int  # how many of its checks failed
    metrics: dict[str, int | float | None]
    facts: list[dict[str, Any]]
    title_terms: str
    organization_terms: str
    text_terms: str
    text_spans: bytes  # where the tokens of `text` lie (see `indexer.analysis.pack_spans`)

    def facet_values(self) -> dict[str, Any]:
        """The filterable fields by their filter names."""
        return {"year": self.year, **{level: self.region.get(level) for level in REGION_LEVELS},
                "admin_level": self.admin_level, "template": self.template,
                "organization": self.organization, "failed_checks": self.failed_checks}


def prepare(record: Any, position: int, segment: Callable[[str], Analysis] = analyze) -> Prepared:
    """Check a record and derive its index fields; `position` names it when it has no id.

    `segment` analyzes a text; the benchmark passes a memoised one, because its synthetic
    reports repeat real texts.
    """
    if not isinstance(record, dict):
        raise RecordError(f"record {position}: a record is a JSON object, not {type(record).__name__}")
    record_id = record.get("id")
    if not isinstance(record_id, str) or not record_id.strip() or len(record_id) > MAX_ID_CHARS:
        raise RecordError(f"record {position}: `id` must be a non-empty string of at most {MAX_ID_CHARS} characters")
    name = f"record {record_id}"
    if record.get("error"):
        raise RecordError(f"{name}: not indexed, its extraction failed: {record['error']}")
    text = _optional(record, "text", str, name) or ""
    title = _optional(record, "title", str, name)
    organization = _optional(record, "organization", str, name)
    admin_level = _choice(record, "admin_level", ADMIN_LEVELS, name)
    template = _choice(record, "template", TEMPLATES, name)
    year = _optional(record, "year", int, name)
    text_analysis = segment(text)
    serialized = json.dumps(record, sort_keys=True, ensure_ascii=False)
    return Prepared(
        id=record_id, record=record, version=_version(record, name), content_hash=_sha1(serialized),
        record_json=serialized,
        title=title, organization=organization, admin_level=admin_level, region=_region(record, name),
        year=year, template=template, failed_checks=_failed_checks(record, name),
        metrics=_metrics(record, name), facts=_facts(record, name),
        title_terms=segment(title or "").terms, organization_terms=segment(organization or "").terms,
        text_terms=text_analysis.terms, text_spans=pack_spans(text_analysis),
    )


def prepared_batches(records: Iterable[Any], size: int, segment: Callable[[str], Analysis],
                     errors: list[str], progress: bool) -> Iterator[list[Prepared]]:
    """The records in batches of prepared reports, each refused record's reason added to `errors`.

    Both backends write batch by batch (one transaction, one bulk request), so a batch is the
    most a crash can lose; the progress bar counts records read, refused ones included.
    """
    total = len(records) if isinstance(records, (list, tuple)) else None
    iterator, position = iter(records), 0
    with tqdm(total=total, desc="index", unit="report", disable=not progress, file=sys.stderr) as bar:
        while batch := list(islice(iterator, size)):
            prepared = []
            for record in batch:
                try:
                    prepared.append(prepare(record, position, segment))
                except RecordError as exc:
                    errors.append(str(exc))
                position += 1
            yield prepared
            bar.update(len(batch))


def _sha1(serialized: str) -> str:
    return hashlib.sha1(serialized.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _known_metric_ids() -> frozenset[str]:
    return catalog().metric_ids


def _optional(record: dict[str, Any], key: str, kind: type, name: str) -> Any:
    value = record.get(key)
    if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
        raise RecordError(f"{name}: `{key}` must be {kind.__name__} or null, not {value!r:.60}")
    return value


def _choice(record: dict[str, Any], key: str, allowed: tuple[str, ...], name: str) -> str | None:
    value = record.get(key)
    if value is not None and value not in allowed:
        raise RecordError(f"{name}: `{key}` {value!r:.60} is not one of {', '.join(allowed)}")
    return value


def _region(record: dict[str, Any], name: str) -> dict[str, str]:
    region = record.get("region") or {}
    if not isinstance(region, dict) or not all(isinstance(v, str) for v in region.values()):
        raise RecordError(f"{name}: `region` must map province/city/county/code to names")
    return {key: value for key, value in region.items() if value}


def _version(record: dict[str, Any], name: str) -> int:
    fetched_at = (record.get("source") or {}).get("fetched_at") if isinstance(record.get("source"), dict) else None
    if fetched_at is None:
        return 0
    try:
        moment = datetime.fromisoformat(str(fetched_at))
    except ValueError:
        raise RecordError(f"{name}: `source.fetched_at` {fetched_at!r:.60} is not an ISO 8601 time") from None
    if moment.tzinfo is None:  # the crawler writes UTC; a bare time is read as UTC too
        moment = moment.replace(tzinfo=timezone.utc)
    return max(0, int(moment.timestamp() * 1000))


def _failed_checks(record: dict[str, Any], name: str) -> int:
    checks = record.get("checks") or []
    if not isinstance(checks, list) or not all(isinstance(c, dict) for c in checks):
        raise RecordError(f"{name}: `checks` must be a list of objects with `id` and `ok`")
    return failed_check_count(record)


def failed_check_count(record: dict[str, Any]) -> int:
    """How many of a (checked) record's consistency checks failed: its source disagrees with itself there."""
    return sum(1 for check in record.get("checks") or [] if check.get("ok") is False)


def _metrics(record: dict[str, Any], name: str) -> dict[str, int | float | None]:
    metrics = record.get("metrics") or {}
    if not isinstance(metrics, dict):
        raise RecordError(f"{name}: `metrics` must be an object of metric id -> number or null")
    known = _known_metric_ids()
    for metric_id, value in metrics.items():
        if metric_id not in known:
            raise RecordError(f"{name}: metric {metric_id!r:.80} is not in the catalog")
        if value is not None and not _is_number(value):
            raise RecordError(f"{name}: metric {metric_id} is {value!r:.60}, not a number or null")
    return dict(metrics)


def _facts(record: dict[str, Any], name: str) -> list[dict[str, Any]]:
    facts = record.get("facts") or []
    if not isinstance(facts, list):
        raise RecordError(f"{name}: `facts` must be a list")
    for position, fact in enumerate(facts):
        if not isinstance(fact, dict) or not isinstance(fact.get("type"), str):
            raise RecordError(f"{name}: fact {position} must be an object with a `type`")
        if fact.get("value") is not None and not _is_number(fact["value"]):
            raise RecordError(f"{name}: fact {position} value {fact['value']!r:.60} is not a number")
    return facts


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
