"""Pydantic models of every API response and request body: the OpenAPI contract at `/docs`.

The JSON the API serves is the indexer's `to_json()` (the command line's `--json`) unchanged;
these models describe that shape for the schema and validate it on the way out, so a change in
the indexer that breaks the contract fails the API tests instead of reaching a client.
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Number = int | float


class OpenModel(BaseModel):
    """A part of a record: record.md fixes these fields, and a record may carry more."""

    model_config = ConfigDict(extra="allow")


class ErrorResponse(BaseModel):
    detail: str = Field(description="what went wrong, naming the parameter or id")


class Region(OpenModel):
    province: str | None = None
    city: str | None = None
    county: str | None = None
    code: str | None = None


# --- search ----------------------------------------------------------------------------------

class SearchHit(BaseModel):
    id: str
    title: str | None
    organization: str | None
    year: int | None
    region: Region
    admin_level: str | None
    score: float | None = Field(description="relevance; null when the query had no text")
    highlights: list[str] = Field(description="HTML-escaped fragments of the text, matches inside <em>…</em>")
    failed_checks: int | None = Field(default=None, description="how many consistency checks failed")


class SearchResponse(BaseModel):
    total: int = Field(description="reports matching the query and filters")
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]] = Field(description="facet -> value -> count, most frequent first")


# --- reports ---------------------------------------------------------------------------------

class Source(OpenModel):
    url: str | None = None
    format: str | None = None
    sha256: str | None = None
    fetched_at: str | None = None


class Fact(OpenModel):
    type: str
    value: Number | None = None
    unit: str | None = None
    label: str | None = None
    text: str
    start: int
    end: int
    source: str | None = None
    score: float | None = None


class Check(OpenModel):
    id: str
    ok: bool
    detail: str | None = None
    scope: str | None = Field(default=None, description="the column, row or group the rule was applied to")
    metrics: list[str] | None = Field(default=None, description="the cells the rule involves")


class Cell(OpenModel):
    raw: str | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None


class Report(OpenModel):
    """The whole record of `record.md`; records may carry more fields than these."""

    id: str
    title: str | None = None
    organization: str | None = None
    admin_level: str | None = None
    region: Region = Field(default_factory=Region)
    year: int | None = None
    published: str | None = None
    template: str | None = None
    source: Source = Field(default_factory=Source)
    text: str = ""
    metrics: dict[str, Number | None] = Field(default_factory=dict)
    cells: dict[str, Cell] = Field(default_factory=dict)
    facts: list[Fact] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)
    measures: list[str] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class SourceVersion(BaseModel):
    sha256: str
    fetched_at: str | None = None
    content_type: str | None = None
    size: int | None = None
    current: bool = Field(description="the version the record was extracted from")


class SourceVersions(BaseModel):
    id: str
    url: str | None
    versions: list[SourceVersion] = Field(description="every stored version of the source, oldest first")


# --- metrics and facts -------------------------------------------------------------------------

class ReportValue(BaseModel):
    id: str
    organization: str | None
    year: int | None
    region: Region
    name: str = Field(description="metric id or fact type")
    value: Number | None
    label: str | None = None


class Group(BaseModel):
    key: str | int | None = Field(description="the group's year, region, level or organization; null: unknown")
    values: dict[str, dict[str, Number | None]] = Field(description="metric id or fact type -> aggregate -> value")
    reports: list[ReportValue] | None = None


class AggregateResponse(BaseModel):
    metrics: list[str] = Field(description="the metric ids (or fact types) aggregated")
    group_by: str | None
    aggs: list[str]
    groups: list[Group]


class MetricInfo(BaseModel):
    id: str
    table: int
    label: str = Field(description="the Chinese row · column label of the official table")
    templates: list[str]
    unit: str


class FactTypeInfo(BaseModel):
    type: str
    unit: str
    example: str


class CheckInfo(BaseModel):
    id: str
    rule: str


class TableLayout(BaseModel):
    """How one table of one template is drawn: its rows and columns, each an id and a label."""

    rows: list[tuple[str, str]]
    columns: list[tuple[str, str]]
    cells: dict[str, list[str]] = Field(
        description="row id -> the column ids that row has cells for (table 2 rows differ)")


class CatalogResponse(BaseModel):
    metrics: list[MetricInfo]
    fact_types: list[FactTypeInfo]
    checks: list[CheckInfo]
    layouts: dict[str, dict[str, TableLayout]] = Field(description="template -> table number -> layout")


# --- coverage and regions ----------------------------------------------------------------------

class CoverageRow(BaseModel):
    organization: str | None
    region: Region
    admin_level: str | None
    years: dict[str, list[str]] = Field(description="year -> ids of its reports; a missing year is a gap")


class CoverageResponse(BaseModel):
    years: list[int]
    organizations: list[CoverageRow]


class RegionNode(BaseModel):
    name: str | None
    level: Literal["province", "city", "county"]
    reports: int
    children: list[RegionNode] = Field(default_factory=list)


class RegionsResponse(BaseModel):
    regions: list[RegionNode]


# --- crawl and health --------------------------------------------------------------------------

class CrawlRequest(BaseModel):
    """Which configured portal to recrawl; a URL can never be given (extra fields are refused)."""

    model_config = ConfigDict(extra="forbid")

    only: str | None = Field(default=None, min_length=1, max_length=200, pattern=r"^[^/:\s]+$",
                             description="the name of one configured portal; all of them when absent")


class CrawlStatus(BaseModel):
    state: Literal["idle", "running", "done", "failed"]
    only: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    progress: list[str] = Field(default_factory=list, description="the latest progress lines, oldest first")
    report: dict[str, Any] | None = Field(default=None, description="the finished crawl's report")
    error: str | None = None


class Health(BaseModel):
    status: Literal["ok"]
    backend: str
    reports: int
