"""`GET /api/coverage`: organizations × years, who published and who did not."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.export import EXPORT_RESPONSES, ExportFormat, export_response
from api.routes.deps import FiltersDep, IndexDep
from api.schemas import CoverageResponse
from indexer.query import REGION_LEVELS

router = APIRouter(tags=["coverage"])


@router.get("/coverage", response_model=CoverageResponse, response_model_exclude_unset=True,
            responses=EXPORT_RESPONSES)
def coverage(
    index: IndexDep,
    filters: FiltersDep,
    format: Annotated[ExportFormat, Query(description="csv: one row per organization, one column per year "
                                                      "with its number of reports (0: none published)")]
    = ExportFormat.json,
) -> Any:
    result = index.coverage(filters)
    if format is ExportFormat.json:
        return result.to_json()
    return export_response(format, "coverage",
                           columns=["organization", *REGION_LEVELS, "admin_level", *map(str, result.years)],
                           csv_rows=result.rows(), jsonl_rows=(row.to_json() for row in result.organizations))
