"""`GET /api/facts`: aggregates of the facts found in the prose, grouped like metrics."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.routes.aggregates import AGGREGATE_ROUTE, GroupingDep, aggregate_answer
from api.routes.deps import FiltersDep, IndexDep
from extractor.catalog import catalog
from indexer.query import FactQuery

router = APIRouter(tags=["facts"])


@router.get("/facts", **AGGREGATE_ROUTE)
def facts(
    index: IndexDep,
    filters: FiltersDep,
    grouping: GroupingDep,
    fact_type: Annotated[list[str], Query(
        alias="type", min_length=1, description="fact type from /api/metrics/catalog (repeatable)",
        json_schema_extra={"items": {"type": "string", "enum": [f.type for f in catalog().fact_types]}})],
) -> Any:
    query = FactQuery(types=tuple(dict.fromkeys(fact_type)), filters=filters, group_by=grouping.group_by,
                      aggs=grouping.aggs, reports=grouping.wants_reports)
    return aggregate_answer(index.facts(query), grouping, "facts")
