"""What `/api/metrics` and `/api/facts` share: grouping parameters and how the answer goes out.

Both aggregate numbers per group with the same `group_by`, `agg`, `reports` and export options;
declaring them once keeps the two endpoints' parameters and exports identical.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Query

from api.export import EXPORT_RESPONSES, ExportFormat, export_response
from api.schemas import AggregateResponse
from indexer.query import AGGREGATES, GROUP_BYS, REGION_LEVELS, MetricResult

ExportRows = Literal["groups", "reports"]

# The route options both endpoints declare: their answer model, and CSV/JSON Lines beside it.
AGGREGATE_ROUTE: dict[str, Any] = {"response_model": AggregateResponse, "response_model_exclude_unset": True,
                                   "responses": EXPORT_RESPONSES}


@dataclass(frozen=True)
class Grouping:
    group_by: str | None
    aggs: tuple[str, ...]
    reports: bool
    format: ExportFormat
    rows: ExportRows

    @property
    def wants_reports(self) -> bool:
        """The per-report values are computed when shown or exported."""
        return self.reports or (self.format is not ExportFormat.json and self.rows == "reports")


def get_grouping(
    group_by: Annotated[Literal[GROUP_BYS] | None,  # type: ignore[valid-type]
                        Query(description="分组: one group per year, region, level or organization")] = None,
    agg: Annotated[list[Literal[AGGREGATES]] | None,  # type: ignore[valid-type]
                   Query(description="aggregates to compute (repeatable); all when absent")] = None,
    reports: Annotated[bool, Query(description="list the report values behind each group")] = True,
    format: Annotated[ExportFormat, Query(description="csv / jsonl: streamed download")] = ExportFormat.json,
    rows: Annotated[ExportRows, Query(description="what an export holds: one row per group and name, "
                                                  "or one per report value")] = "groups",
) -> Grouping:
    return Grouping(group_by=group_by, aggs=tuple(dict.fromkeys(agg)) if agg else AGGREGATES,
                    reports=reports, format=format, rows=rows)


GroupingDep = Annotated[Grouping, Depends(get_grouping)]


def aggregate_answer(result: MetricResult, grouping: Grouping, name: str) -> Any:
    """The JSON answer, or the export of its groups or of its report values."""
    if grouping.format is ExportFormat.json:
        return result.to_json()
    group_column = grouping.group_by or "group"
    if grouping.rows == "reports":
        return export_response(
            grouping.format, f"{name}-reports",
            columns=[group_column, "id", "organization", "year", *REGION_LEVELS, "metric", "label", "value"],
            csv_rows=result.report_rows(),
            jsonl_rows=({group_column: group.key} | report.to_json()
                        for group in result.groups for report in group.reports or []))
    return export_response(
        grouping.format, name, columns=[group_column, "metric", *grouping.aggs],
        csv_rows=result.rows(),
        jsonl_rows=({"key": group.key, "values": group.values} for group in result.groups))
