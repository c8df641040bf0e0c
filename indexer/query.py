"""The query model shared by both index backends, the command line and the API.

One set of dataclasses describes what a user may ask (search, metric and fact aggregates,
coverage) and one set describes what comes back, each result with `to_json()` (the exact
`--json` shape of the command line, which the API serves unchanged) and `rows()` (flat dicts for
CSV). Parsing user strings into these objects happens here, once, so that a bad parameter is
rejected with the same message whichever door it came through, and no backend ever sees a
value it would have to validate again.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Iterator, Mapping

from extractor.catalog import catalog

FILTER_NAMES = ("year", "year_from", "year_to", "province", "city", "county", "admin_level",
                "template", "organization", "failed_checks")
FACET_NAMES = ("year", "province", "city", "county", "admin_level", "template")
REGION_LEVELS = ("province", "city", "county")
ADMIN_LEVELS = ("township", "county", "city", "province", "department")
TEMPLATES = ("2019", "2021", "legacy")
SORTS = ("relevance", "year", "-year", "organization")
GROUP_BYS = ("year", "province", "city", "county", "admin_level", "organization")
AGGREGATES = ("sum", "mean", "min", "max", "count", "count_nonnull")

MAX_PAGE_SIZE = 100
MAX_PAGE = 500          # deeper paging than 50,000 hits is a crawl, which `records()` serves
MAX_QUERY_CHARS = 1000  # a longer search string is not a query a person typed
MAX_FACET_VALUES = 50   # values per facet, most frequent first
YEAR_RANGE = (1990, 2100)
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


class QueryError(ValueError):
    """A user's query that cannot be run; the message names the parameter (an HTTP 400)."""

    def __init__(self, parameter: str, message: str):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter


@dataclass(frozen=True)
class Filters:
    """Restrictions on which reports a query looks at; None means "any"."""

    year: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    admin_level: str | None = None
    template: str | None = None
    organization: str | None = None
    failed_checks: bool | None = None  # True: only reports with a failed check; False: only without

    def __post_init__(self) -> None:
        for name in ("year", "year_from", "year_to"):
            value = getattr(self, name)
            if value is not None and not (isinstance(value, int) and YEAR_RANGE[0] <= value <= YEAR_RANGE[1]):
                raise QueryError(name, f"{value!r} is not a year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}")
        if self.year_from is not None and self.year_to is not None and self.year_from > self.year_to:
            raise QueryError("year_from", f"{self.year_from} is after year_to {self.year_to}")
        if self.admin_level is not None and self.admin_level not in ADMIN_LEVELS:
            raise QueryError("admin_level", f"{self.admin_level!r} is not one of {', '.join(ADMIN_LEVELS)}")
        if self.template is not None and self.template not in TEMPLATES:
            raise QueryError("template", f"{self.template!r} is not one of {', '.join(TEMPLATES)}")
        for name in ("province", "city", "county", "organization"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value.strip() or len(value) > 200):
                raise QueryError(name, "must be a non-empty name of at most 200 characters")

    @classmethod
    def from_strings(cls, values: Mapping[str, Any]) -> Filters:
        """Filters from command-line or URL parameters (strings; None or "" means unset)."""
        parsed: dict[str, Any] = {}
        for name in FILTER_NAMES:
            raw = values.get(name)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            if name in ("year", "year_from", "year_to"):
                parsed[name] = parse_int(name, raw)
            elif name == "failed_checks":
                parsed[name] = parse_bool(name, raw)
            else:
                parsed[name] = str(raw).strip()
        return cls(**parsed)

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}

    def year_bounds(self) -> tuple[int | None, int | None]:
        """The inclusive year range these filters allow (`year` narrows `year_from`/`year_to`)."""
        low, high = self.year_from, self.year_to
        if self.year is not None:
            low = max(low, self.year) if low is not None else self.year
            high = min(high, self.year) if high is not None else self.year
        return low, high


@dataclass(frozen=True)
class SearchQuery:
    """Free text (words, "quoted phrases", -excluded words) plus filters, sort and paging.

    An empty `text` matches every report the filters allow (browsing by facets).
    """

    text: str = ""
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"
    page: int = 1
    size: int = 20
    facets: tuple[str, ...] = FACET_NAMES

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise QueryError("q", "must be a string")
        if len(self.text) > MAX_QUERY_CHARS:
            raise QueryError("q", f"{len(self.text)} characters is over the limit of {MAX_QUERY_CHARS}")
        if self.sort not in SORTS:
            raise QueryError("sort", f"{self.sort!r} is not one of {', '.join(SORTS)}")
        if not isinstance(self.page, int) or not 1 <= self.page <= MAX_PAGE:
            raise QueryError("page", f"{self.page!r} is not a page number between 1 and {MAX_PAGE}")
        if not isinstance(self.size, int) or not 0 <= self.size <= MAX_PAGE_SIZE:
            raise QueryError("size", f"{self.size!r} is not a page size between 0 and {MAX_PAGE_SIZE}")
        for name in self.facets:
            if name not in FACET_NAMES:
                raise QueryError("facets", f"{name!r} is not one of {', '.join(FACET_NAMES)}")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


@dataclass(frozen=True)
class MetricQuery:
    """Aggregate metric ids (from the catalog) over the reports the filters allow.

    `count` counts the reports that carry the metric (null included), `count_nonnull` those with
    a number; sum/mean/min/max ignore nulls, because a blank cell is not a zero.
    `reports` asks for the per-report values behind each group as well.
    """

    metrics: tuple[str, ...]
    filters: Filters = field(default_factory=Filters)
    group_by: str | None = None
    aggs: tuple[str, ...] = AGGREGATES
    reports: bool = False

    def __post_init__(self) -> None:
        _check_names("metric", self.metrics, catalog().metric_ids)
        _check_grouping(self.group_by, self.aggs)


@dataclass(frozen=True)
class FactQuery:
    """Aggregate the values of free-text facts of the given types, like `MetricQuery`.

    A report may state several facts of one type (two 政策解读 counts for two channels), so
    `count` counts facts, not reports; the per-report rows list every fact.
    """

    types: tuple[str, ...]
    filters: Filters = field(default_factory=Filters)
    group_by: str | None = None
    aggs: tuple[str, ...] = AGGREGATES
    reports: bool = False

    def __post_init__(self) -> None:
        _check_names("type", self.types, frozenset(f.type for f in catalog().fact_types))
        _check_grouping(self.group_by, self.aggs)


def _check_names(parameter: str, names: tuple[str, ...], known: frozenset[str]) -> None:
    if not names:
        raise QueryError(parameter, "name at least one")
    unknown = [n for n in names if n not in known]
    if unknown:
        raise QueryError(parameter, f"unknown {parameter} {', '.join(map(repr, unknown))} (see the catalog)")


def _check_grouping(group_by: str | None, aggs: tuple[str, ...]) -> None:
    if group_by is not None and group_by not in GROUP_BYS:
        raise QueryError("group_by", f"{group_by!r} is not one of {', '.join(GROUP_BYS)}")
    if not aggs:
        raise QueryError("agg", "name at least one aggregate")
    for agg in aggs:
        if agg not in AGGREGATES:
            raise QueryError("agg", f"{agg!r} is not one of {', '.join(AGGREGATES)}")


def parse_int(parameter: str, raw: Any) -> int:
    try:
        return int(str(raw).strip())
    except ValueError:
        raise QueryError(parameter, f"{raw!r} is not a whole number") from None


def parse_bool(parameter: str, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise QueryError(parameter, f"{raw!r} is not true or false")


# --- results -----------------------------------------------------------------------------------

@dataclass
class SearchHit:
    id: str
    title: str | None
    organization: str | None
    year: int | None
    region: dict[str, str]
    admin_level: str | None
    score: float | None  # None when the hits are not ranked: no text, another sort, or (SQLite) a broad match
    highlights: list[str]  # HTML-escaped fragments of the text, matches inside <em>…</em>
    failed_checks: int  # how many consistency checks of the report failed (its source disagrees with itself)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "organization": self.organization, "year": self.year,
                "region": self.region, "admin_level": self.admin_level,
                "score": None if self.score is None else round(self.score, 4), "highlights": self.highlights,
                "failed_checks": self.failed_checks}


@dataclass
class SearchResult:
    total: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]]  # facet -> value -> count, most frequent first

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "hits": [hit.to_json() for hit in self.hits], "facets": self.facets}

    def rows(self) -> Iterator[dict[str, Any]]:
        """One flat row per hit (region split into columns, highlights joined)."""
        for hit in self.hits:
            row = {"id": hit.id, "title": hit.title, "organization": hit.organization, "year": hit.year}
            row.update({level: hit.region.get(level) for level in REGION_LEVELS})
            row.update({"admin_level": hit.admin_level, "score": hit.to_json()["score"],
                        "highlights": " … ".join(hit.highlights), "failed_checks": hit.failed_checks})
            yield row


@dataclass
class ReportValue:
    """One report's value behind a group: a metric cell or one fact."""

    id: str
    organization: str | None
    year: int | None
    region: dict[str, str]
    name: str  # metric id or fact type
    value: float | int | None
    label: str | None = None  # a fact's label (the channel of info_published_channel…)

    def to_json(self) -> dict[str, Any]:
        data = {"id": self.id, "organization": self.organization, "year": self.year, "region": self.region,
                "name": self.name, "value": self.value}
        if self.label is not None:
            data["label"] = self.label
        return data


@dataclass
class MetricGroup:
    key: str | int | None  # the group's year / region / level / organization; None: not known
    values: dict[str, dict[str, float | int | None]]  # metric id or fact type -> aggregate -> value
    reports: list[ReportValue] | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"key": self.key, "values": self.values}
        if self.reports is not None:
            data["reports"] = [report.to_json() for report in self.reports]
        return data


@dataclass
class MetricResult:
    """Aggregates per group, groups ordered by key (None last); one group (key None) when ungrouped."""

    names: list[str]
    group_by: str | None
    aggs: list[str]
    groups: list[MetricGroup]

    def to_json(self) -> dict[str, Any]:
        return {"metrics": self.names, "group_by": self.group_by, "aggs": self.aggs,
                "groups": [group.to_json() for group in self.groups]}

    def rows(self) -> Iterator[dict[str, Any]]:
        """One flat row per group and metric, one column per aggregate."""
        for group in self.groups:
            for name in self.names:
                row: dict[str, Any] = {self.group_by or "group": group.key, "metric": name}
                row.update(group.values.get(name, {}))
                yield row

    def report_rows(self) -> Iterator[dict[str, Any]]:
        """One flat row per report value (when the query asked for reports)."""
        for group in self.groups:
            for report in group.reports or []:
                row = {self.group_by or "group": group.key, "id": report.id,
                       "organization": report.organization, "year": report.year}
                row.update({level: report.region.get(level) for level in REGION_LEVELS})
                row.update({"metric": report.name, "label": report.label, "value": report.value})
                yield row


@dataclass
class CoverageRow:
    organization: str | None
    region: dict[str, str]
    admin_level: str | None
    years: dict[int, list[str]]  # year -> ids of the reports found for it

    def to_json(self) -> dict[str, Any]:
        return {"organization": self.organization, "region": self.region, "admin_level": self.admin_level,
                "years": {str(year): ids for year, ids in sorted(self.years.items())}}


@dataclass
class CoverageResult:
    """Which organizations have a report for which years (a gap is a year absent from `years`)."""

    years: list[int]
    organizations: list[CoverageRow]

    def to_json(self) -> dict[str, Any]:
        return {"years": self.years, "organizations": [row.to_json() for row in self.organizations]}

    def rows(self) -> Iterator[dict[str, Any]]:
        """One row per organization, one column per year holding its number of reports (0: a gap)."""
        for entry in self.organizations:
            row: dict[str, Any] = {"organization": entry.organization}
            row.update({level: entry.region.get(level) for level in REGION_LEVELS})
            row["admin_level"] = entry.admin_level
            row.update({str(year): len(entry.years.get(year, [])) for year in self.years})
            yield row


@dataclass
class RegionNode:
    """A province, city or county with the number of reports under it."""

    name: str | None
    level: str  # province | city | county
    reports: int
    children: list[RegionNode] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "level": self.level, "reports": self.reports}
        if self.children:
            data["children"] = [child.to_json() for child in self.children]
        return data


@dataclass
class PutSummary:
    """What one `put` did; `errors` name the record (id or position) and the reason."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_older: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)

    def to_json(self) -> dict[str, Any]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "skipped_older": self.skipped_older, "failed": self.failed, "errors": self.errors}
