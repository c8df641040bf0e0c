"""The Elasticsearch index template and the document each report becomes.

Explicit mappings only (`dynamic: strict`): keyword facets, a numeric field per catalog metric,
nested facts, the three jieba term fields analyzed on whitespace alone (the segmentation already
happened in Python, see `indexer.analysis`), and the record itself and its text's word spans
stored but not indexed, for display, export and highlighting. The term fields are left out of `_source`: they are for matching only.
"""
from __future__ import annotations

import base64
from typing import Any

from extractor.catalog import catalog
from indexer.query import MAX_PAGE, MAX_PAGE_SIZE
from indexer.records import Prepared

TERM_FIELDS = ("title_terms", "organization_terms", "text_terms")
KEYWORDS = ("id", "content_hash", "organization", "admin_level", "province", "city", "county", "template")


def metric_field(metric_id: str) -> str:
    """A metric's field: dots would make ES nest objects (t3 › new › total), so they become `__`."""
    return "metric_values." + metric_id.replace(".", "__")


def template_body() -> dict[str, Any]:
    keyword = {"type": "keyword"}
    properties: dict[str, Any] = {name: keyword for name in KEYWORDS}
    properties.update({
        "version": {"type": "long"},
        "year": {"type": "integer"},
        "failed_checks": {"type": "boolean"},
        "metric_ids": keyword,
        "metric_values": {"properties": {metric_field(m).split(".", 1)[1]: {"type": "double"}
                                         for m in sorted(catalog().metric_ids)}},
        "facts": {"type": "nested", "properties": {"type": keyword, "value": {"type": "double"}, "label": keyword}},
        "metric_value_count": {"type": "integer"},
        "fact_count": {"type": "integer"},
        "record": {"type": "object", "enabled": False},
        "text_spans": {"type": "binary"},  # stored, never searched: the word spans for highlighting
        **{name: {"type": "text", "analyzer": "whitespace", "similarity": "BM25"} for name in TERM_FIELDS},
    })
    return {
        "settings": {
            "number_of_shards": 1,  # one shard: exact facet counts and the same BM25 statistics for every hit
            "number_of_replicas": 0,
            "max_result_window": MAX_PAGE * MAX_PAGE_SIZE,
        },
        "mappings": {"dynamic": "strict", "_source": {"excludes": list(TERM_FIELDS)}, "properties": properties},
    }


def document(report: Prepared) -> dict[str, Any]:
    numbers = {metric_field(m).split(".", 1)[1]: v for m, v in report.metrics.items() if v is not None}
    return {
        "id": report.id, "version": report.version, "content_hash": report.content_hash,
        "organization": report.organization, "admin_level": report.admin_level,
        "province": report.region.get("province"), "city": report.region.get("city"),
        "county": report.region.get("county"), "year": report.year, "template": report.template,
        "failed_checks": report.failed_checks > 0,
        "metric_ids": sorted(report.metrics), "metric_values": numbers,
        "facts": [{"type": f["type"], "value": f.get("value"), "label": f.get("label")} for f in report.facts],
        "metric_value_count": len(numbers), "fact_count": len(report.facts),
        "record": report.record,
        "text_spans": base64.b64encode(report.text_spans).decode("ascii"),
        "title_terms": report.title_terms, "organization_terms": report.organization_terms,
        "text_terms": report.text_terms,
    }
