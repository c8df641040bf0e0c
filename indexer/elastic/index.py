"""The Elasticsearch backend: one index behind an alias, written with versioned bulk upserts.

Every read and write goes through the alias `name`; the concrete index is `name-v<time>`, made
from the index template, so `rebuild()` can fill a new index and swap the alias in one
`_aliases` call. A document's external version is its `source.fetched_at` (milliseconds), written
with `version_type=external_gte`: an older copy is refused by the server itself, even when two
processes race, and an equal one (a re-extraction of the same fetch) may replace it.
"""
from __future__ import annotations

import base64
import sys
import time
from typing import Any, Callable, Iterable, Iterator

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers
from elasticsearch.dsl import Q, Search
from tqdm import tqdm

from indexer.analysis import Analysis, analyze
from indexer.base import Index, IndexUnavailable
from indexer.elastic import aggregates
from indexer.elastic.mapping import document, template_body
from indexer.elastic.queries import filter_queries, report_query
from indexer.hits import hit_from_record
from indexer.query import (MAX_FACET_VALUES, CoverageResult, FactQuery, Filters, MetricQuery, MetricResult,
                           PutSummary, RegionNode, SearchQuery, SearchResult)
from indexer.records import Prepared, prepare, prepared_batches
from indexer.summaries import coverage_result, region_tree
from indexer.textquery import parse_text_query

BATCH = 500
SCAN_PAGE = 1000
_SORTS = {
    "year": [{"year": {"order": "asc", "missing": "_last"}}],
    "-year": [{"year": {"order": "desc", "missing": "_last"}}],
    "organization": [{"organization": {"order": "asc", "missing": "_last"}},
                     {"year": {"order": "desc", "missing": "_last"}}],
}
_NEWEST_FIRST = {"year": {"order": "desc", "missing": "_last"}}


class ElasticIndex(Index):
    backend = "elasticsearch"

    def __init__(self, url: str, name: str = "nianbao", *, create: bool = True, refresh: bool | str = False,
                 segment: Callable[[str], Analysis] = analyze):
        self.url, self.alias, self.refresh, self._segment = url, name, refresh, segment
        self.client = Elasticsearch(url, request_timeout=60, retry_on_timeout=True, max_retries=3)
        try:
            self.client.indices.put_index_template(name=f"{name}-template", index_patterns=[f"{name}-v*"],
                                                   template=template_body(), priority=100)
            if not self.client.indices.exists_alias(name=name):
                if not create:
                    raise IndexUnavailable(f"{url}: no index {name!r} yet (run `nianbao index FILE...` first)")
                self.client.indices.create(index=self._new_index_name(), aliases={name: {"is_write_index": True}})
        except (TransportError, ApiError) as exc:
            raise IndexUnavailable(f"{url}: Elasticsearch cannot be used: {exc}") from exc

    def _new_index_name(self) -> str:
        return f"{self.alias}-v{time.time_ns()}"

    def _search(self) -> Search:
        return Search(using=self.client, index=self.alias)

    # --- writes -----------------------------------------------------------------------------------

    def put(self, records: Iterable[dict[str, Any]], progress: bool = False) -> PutSummary:
        summary = PutSummary()
        for prepared in prepared_batches(records, BATCH, self._segment, summary.errors, progress):
            self._write_batch(prepared, summary)
        return summary

    def _write_batch(self, prepared: list[Prepared], summary: PutSummary) -> None:
        """Classify each report against the stored copy (as the SQLite backend does, in order),
        then bulk-write the last winner per id; the server's version check has the final word."""
        stored = self._stored_versions([report.id for report in prepared])
        winners: dict[str, tuple[Prepared, str]] = {}
        for report in prepared:
            state = stored.get(report.id)
            if state is None:
                outcome = "added"
            elif report.version < state[0]:
                outcome = "skipped_older"
            elif report.content_hash == state[1]:
                outcome = "unchanged"
            else:
                outcome = "updated"
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            if outcome in ("added", "updated"):
                stored[report.id] = (report.version, report.content_hash)
                winners[report.id] = (report, outcome)
        actions = ({"_op_type": "index", "_index": self.alias, "_id": report.id, "version": report.version,
                    "version_type": "external_gte", "_source": document(report)} for report, _ in winners.values())
        for ok, item in helpers.streaming_bulk(self.client, actions, chunk_size=200, max_retries=5,
                                               initial_backoff=1, max_backoff=30, raise_on_error=False,
                                               raise_on_exception=False, refresh=self.refresh):
            if ok:
                continue
            result = item.get("index", {})
            record_id = str(result.get("_id"))
            _, outcome = winners[record_id]
            setattr(summary, outcome, getattr(summary, outcome) - 1)
            if result.get("status") == 409:  # another writer stored a newer fetch in the meantime
                summary.skipped_older += 1
            else:
                summary.errors.append(f"record {record_id}: Elasticsearch refused it: {result.get('error')}")

    def _stored_versions(self, ids: list[str]) -> dict[str, tuple[int, str]]:
        if not ids:
            return {}
        found = self.client.mget(index=self.alias, ids=list(dict.fromkeys(ids)),
                                 source_includes=["version", "content_hash"])
        return {doc["_id"]: (doc["_source"]["version"], doc["_source"]["content_hash"])
                for doc in found["docs"] if doc.get("found")}

    def delete(self, ids: Iterable[str]) -> int:
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": record_id} for record_id in ids)
        deleted = 0
        for ok, item in helpers.streaming_bulk(self.client, actions, raise_on_error=False, refresh=self.refresh,
                                               max_retries=5, initial_backoff=1):
            result = item.get("delete", {})
            if ok and result.get("result") == "deleted":
                deleted += 1
            elif result.get("status") != 404:
                raise IndexUnavailable(f"{self.url}: deleting {result.get('_id')} failed: {result.get('error')}")
        return deleted

    def rebuild(self, progress: bool = False) -> str:
        """Re-analyze every stored record into a new index and swap the alias to it atomically.

        Writes to the old index while this runs are not carried over: stop writers first.
        """
        old = list(self.client.indices.get_alias(name=self.alias))
        new = self._new_index_name()
        self.client.indices.create(index=new)
        actions = ({"_op_type": "index", "_index": new, "_id": report.id, "version": report.version,
                    "version_type": "external_gte", "_source": document(report)}
                   for report in (prepare(record, position, self._segment)
                                  for position, record in enumerate(self.records())))
        with tqdm(desc="rebuild", unit="report", disable=not progress, file=sys.stderr) as bar:
            for ok, item in helpers.streaming_bulk(self.client, actions, chunk_size=200, max_retries=5,
                                                   initial_backoff=1, raise_on_error=False):
                if not ok:
                    self.client.indices.delete(index=new)
                    raise IndexUnavailable(f"{self.url}: rebuilding failed at {item}; the old index stays in use")
                bar.update(1)
        self.client.indices.refresh(index=new)
        self.client.indices.update_aliases(actions=[
            *({"remove": {"index": index, "alias": self.alias}} for index in old),
            {"add": {"index": new, "alias": self.alias, "is_write_index": True}},
        ])
        if old:
            self.client.indices.delete(index=",".join(old))
        return new

    def drop(self) -> None:
        """Delete the index and its template from the server (tests clean up with it)."""
        indexes = list(self.client.indices.get_alias(name=self.alias)) if self.client.indices.exists_alias(
            name=self.alias) else []
        if indexes:
            self.client.indices.delete(index=",".join(indexes))
        self.client.indices.delete_index_template(name=f"{self.alias}-template")

    # --- reads ------------------------------------------------------------------------------------

    def get(self, record_id: str) -> dict[str, Any] | None:
        try:
            return self.client.get(index=self.alias, id=record_id, source_includes=["record"])["_source"]["record"]
        except NotFoundError:
            return None

    def search(self, query: SearchQuery) -> SearchResult:
        text_query = parse_text_query(query.text)
        ranked = bool(text_query.positive) and query.sort == "relevance"
        if query.sort == "relevance":
            sort: list[Any] = ["_score", _NEWEST_FIRST] if ranked else [_NEWEST_FIRST]
        else:
            sort = list(_SORTS[query.sort])
        sort.append({"id": "asc"})
        search = (self._search().query(report_query(text_query, query.filters)).sort(*sort)
                  .source(["record", "text_spans"]).extra(track_total_hits=True, track_scores=ranked,
                                            **{"from": query.offset, "size": query.size}))
        for name in query.facets:
            search.aggs.bucket(name, "terms", field=name, size=MAX_FACET_VALUES,
                               order=[{"_count": "desc"}, {"_key": "asc"}])
        response = search.execute().to_dict()
        hits = [hit_from_record(hit["_source"]["record"], base64.b64decode(hit["_source"].get("text_spans") or ""),
                                hit.get("_score") if ranked else None, text_query)
                for hit in response["hits"]["hits"]]
        facets = {name: {str(bucket["key"]): bucket["doc_count"]
                         for bucket in response.get("aggregations", {})[name]["buckets"]} for name in query.facets}
        return SearchResult(response["hits"]["total"]["value"], hits, facets)

    def metrics(self, query: MetricQuery) -> MetricResult:
        return aggregates.metrics(self._search(), self._scan, query)

    def facts(self, query: FactQuery) -> MetricResult:
        return aggregates.facts(self._search(), self._scan, query)

    def coverage(self, filters: Filters) -> CoverageResult:
        selection = Q("bool", filter=[*filter_queries(filters), Q("exists", field="year")])
        fields = ["organization", "province", "city", "county", "admin_level", "year", "id"]
        rows = (tuple(document.get(field) for field in fields) for document in self._scan(selection, fields))
        return coverage_result(filters, rows)

    def regions(self, filters: Filters | None = None) -> list[RegionNode]:
        selection = Q("bool", filter=filter_queries(filters or Filters()))
        levels = ("province", "city", "county")
        rows, after = [], None
        while True:
            search = self._search().query(selection).extra(size=0)
            composite: dict[str, Any] = {"size": SCAN_PAGE, "sources": [
                {level: {"terms": {"field": level, "missing_bucket": True}}} for level in levels]}
            if after is not None:
                composite["after"] = after
            search.aggs.bucket("places", "composite", **composite)
            places = search.execute().to_dict()["aggregations"]["places"]
            rows += [(*(bucket["key"][level] for level in levels), bucket["doc_count"]) for bucket in places["buckets"]]
            after = places.get("after_key")
            if len(places["buckets"]) < SCAN_PAGE or after is None:
                return region_tree(rows)

    def records(self, filters: Filters | None = None) -> Iterator[dict[str, Any]]:
        selection = Q("bool", filter=filter_queries(filters or Filters()))
        for document in self._scan(selection, ["record"]):
            yield document["record"]

    def _scan(self, selection: Q, fields: list[str]) -> Iterator[dict[str, Any]]:
        """The `_source` fields of every matching document in id order, paged with search_after."""
        after = None
        while True:
            search = self._search().query(selection).source(fields).sort({"id": "asc"}).extra(size=SCAN_PAGE)
            if after is not None:
                search = search.extra(search_after=after)
            hits = search.execute().to_dict()["hits"]["hits"]
            for hit in hits:
                yield hit["_source"]
            if len(hits) < SCAN_PAGE:
                return
            after = hits[-1]["sort"]

    def stats(self) -> dict[str, Any]:
        search = self._search().extra(size=0, track_total_hits=True)
        search.aggs.metric("metric_values", "sum", field="metric_value_count")
        search.aggs.metric("facts", "sum", field="fact_count")
        search.aggs.metric("year_from", "min", field="year")
        search.aggs.metric("year_to", "max", field="year")
        response = search.execute().to_dict()
        aggs = response["aggregations"]

        def whole(name: str) -> int | None:
            value = aggs[name].get("value")
            return None if value is None else int(value)

        return {"backend": self.backend, "location": f"{self.url} (alias {self.alias})",
                "reports": response["hits"]["total"]["value"], "metric_values": whole("metric_values") or 0,
                "facts": whole("facts") or 0, "year_from": whole("year_from"), "year_to": whole("year_to")}

    def close(self) -> None:
        self.client.close()
