"""`GET /api/metrics`: aggregates of catalog metrics per group, with the values behind them."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.routes.aggregates import AGGREGATE_ROUTE, GroupingDep, aggregate_answer
from api.routes.deps import FiltersDep, IndexDep
from extractor.catalog import catalog
from indexer.query import MetricQuery

router = APIRouter(tags=["metrics"])


@router.get("/metrics", **AGGREGATE_ROUTE)
def metrics(
    index: IndexDep,
    filters: FiltersDep,
    grouping: GroupingDep,
    metric: Annotated[list[str], Query(
        min_length=1, description="metric id from /api/metrics/catalog (repeatable)",
        # documented as the catalog's ids; checked by the query model, whose message stays short
        json_schema_extra={"items": {"type": "string", "enum": sorted(catalog().metric_ids)}})],
) -> Any:
    query = MetricQuery(metrics=tuple(dict.fromkeys(metric)), filters=filters, group_by=grouping.group_by,
                        aggs=grouping.aggs, reports=grouping.wants_reports)
    return aggregate_answer(index.metrics(query), grouping, "metrics")
