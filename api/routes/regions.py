"""`GET /api/regions`: provinces › cities › counties with their numbers of reports."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.export import EXPORT_RESPONSES, ExportFormat, export_response
from api.routes.deps import FiltersDep, IndexDep
from api.schemas import RegionNode
from indexer.query import REGION_LEVELS
from indexer.query import RegionNode as IndexedRegion

router = APIRouter(tags=["regions"])


@router.get("/regions", response_model=list[RegionNode], response_model_exclude_unset=True,
            responses=EXPORT_RESPONSES)
def regions(
    index: IndexDep,
    filters: FiltersDep,
    format: Annotated[ExportFormat, Query(description="csv / jsonl: one row per region, its parents as columns")]
    = ExportFormat.json,
) -> Any:
    tree = index.regions(filters)
    if format is ExportFormat.json:
        return [node.to_json() for node in tree]
    return export_response(format, "regions", columns=[*REGION_LEVELS, "level", "reports"],
                           csv_rows=region_rows(tree), jsonl_rows=region_rows(tree))


def region_rows(nodes: list[IndexedRegion], parents: dict[str, str | None] | None = None) -> Iterator[dict[str, Any]]:
    """Depth first: a province, then its cities each followed by its counties."""
    for node in nodes:
        path = {**(parents or {}), node.level: node.name}
        yield {**{level: path.get(level) for level in REGION_LEVELS}, "level": node.level, "reports": node.reports}
        yield from region_rows(node.children, path)
