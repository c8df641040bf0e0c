"""Coverage tables and region trees from plain rows, the same for both backends."""
from __future__ import annotations

from typing import Iterable

from indexer.query import CoverageResult, CoverageRow, Filters, RegionNode

CoverageInput = tuple[str | None, str | None, str | None, str | None, str | None, int, str]
RegionInput = tuple[str | None, str | None, str | None, int]


def coverage_result(filters: Filters, rows: Iterable[CoverageInput]) -> CoverageResult:
    """Organizations (with their region) × years from (organization, province, city, county,
    admin_level, year, id) rows; the year columns are the filters' range when it is closed,
    else the years that occur.
    """
    entries: dict[tuple[str | None, ...], CoverageRow] = {}
    seen_years: set[int] = set()
    for organization, province, city, county, admin_level, year, record_id in rows:
        region = {level: name for level, name in (("province", province), ("city", city), ("county", county)) if name}
        entry = entries.setdefault((organization, province, city, county),
                                   CoverageRow(organization, region, admin_level, {}))
        entry.admin_level = entry.admin_level or admin_level
        entry.years.setdefault(year, []).append(record_id)
        seen_years.add(year)
    low, high = filters.year_bounds()
    if low is not None and high is not None:
        years = list(range(low, high + 1))
    else:
        years = sorted(seen_years)
    ordered = sorted(entries.values(), key=lambda e: tuple((value is None, value or "") for value in (
        e.region.get("province"), e.region.get("city"), e.region.get("county"), e.organization)))
    return CoverageResult(years, ordered)


def region_tree(rows: Iterable[RegionInput]) -> list[RegionNode]:
    """Provinces › cities › counties from (province, city, county, count) rows, largest first.

    A report without a city counts for its province only; it adds no unnamed child.
    """
    provinces: dict[str | None, RegionNode] = {}
    for province, city, county, count in rows:
        node = provinces.setdefault(province, RegionNode(province, "province", 0))
        node.reports += count
        if city is None:
            continue
        city_node = _child(node, city, "city")
        city_node.reports += count
        if county is not None:
            _child(city_node, county, "county").reports += count
    return _ordered(list(provinces.values()))


def _child(parent: RegionNode, name: str, level: str) -> RegionNode:
    for child in parent.children:
        if child.name == name:
            return child
    parent.children.append(RegionNode(name, level, 0))
    return parent.children[-1]


def _ordered(nodes: list[RegionNode]) -> list[RegionNode]:
    for node in nodes:
        node.children = _ordered(node.children)
    return sorted(nodes, key=lambda n: (-n.reports, n.name is None, n.name or ""))
