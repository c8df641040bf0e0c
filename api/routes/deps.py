"""Dependencies shared by the routers: the index, the settings, the admin check, the filters.

The filters are declared once here with their types and bounds, so every list endpoint takes
the same parameters with the same names as the indexer's query model and the command line
(`year`, `province`, ...), documents them the same way in OpenAPI, and rejects a bad value with
the same 422.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, Header, HTTPException, Query, Request

from api.options import default_data_dir
from indexer.base import Index, IndexUnavailable
from indexer.query import ADMIN_LEVELS, TEMPLATES, YEAR_RANGE, Filters


@dataclass(frozen=True)
class Settings:
    """What the server is pointed at; read from the environment unless given explicitly."""

    data_dir: Path
    backend: str = "sqlite"
    admin_token: str | None = None  # POST /api/crawl is refused while this is unset
    portals_file: Path | None = None  # the configured portals a recrawl visits
    crawl_settings: dict[str, Any] | None = None  # Scrapy overrides for a recrawl (delays, for a local portal)

    @classmethod
    def from_env(cls, data_dir: Path | None = None, backend: str | None = None,
                 portals_file: Path | None = None) -> Settings:
        portals = portals_file or os.environ.get("NIANBAO_PORTALS") or None
        return cls(
            data_dir=Path(data_dir or default_data_dir()),
            backend=backend or ("elasticsearch" if os.environ.get("NIANBAO_ES_URL") else "sqlite"),
            admin_token=os.environ.get("NIANBAO_ADMIN_TOKEN") or None,
            portals_file=Path(portals) if portals else None,
        )


def get_index(request: Request) -> Index:
    """The index opened at startup; if it could not be opened, why (IndexUnavailable, a 503)."""
    index = request.app.state.index
    if isinstance(index, IndexUnavailable):
        raise index
    return index


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


IndexDep = Annotated[Index, Depends(get_index)]
SettingsDep = Annotated[Settings, Depends(get_settings)]

YEAR_MIN, YEAR_MAX = YEAR_RANGE
NAME_MAX = 200


def get_filters(
    year: Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX, description="年份: the year the report is about")] = None,
    year_from: Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX, description="first year, inclusive")] = None,
    year_to: Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX, description="last year, inclusive")] = None,
    province: Annotated[str | None, Query(min_length=1, max_length=NAME_MAX, description="省份, e.g. 江苏省")] = None,
    city: Annotated[str | None, Query(min_length=1, max_length=NAME_MAX, description="城市, e.g. 淮安市")] = None,
    county: Annotated[str | None, Query(min_length=1, max_length=NAME_MAX, description="区县")] = None,
    admin_level: Annotated[Literal[ADMIN_LEVELS] | None, Query(description="行政级别")] = None,  # type: ignore[valid-type]
    template: Annotated[Literal[TEMPLATES] | None, Query(description="表格模板")] = None,  # type: ignore[valid-type]
    organization: Annotated[str | None, Query(min_length=1, max_length=NAME_MAX, description="发布机关 (exact name)")] = None,
    failed_checks: Annotated[bool | None, Query(description="true: only reports with a failed check")] = None,
) -> Filters:
    """The indexer's `Filters`; its own checks (year_from after year_to…) raise `QueryError` → 422."""
    return Filters(year=year, year_from=year_from, year_to=year_to, province=province, city=city, county=county,
                   admin_level=admin_level, template=template, organization=organization,
                   failed_checks=failed_checks)


FiltersDep = Annotated[Filters, Depends(get_filters)]


def require_admin(
    settings: SettingsDep,
    authorization: Annotated[str | None, Header(description="Bearer <NIANBAO_ADMIN_TOKEN>")] = None,
) -> None:
    """Admin endpoints answer only a request carrying the configured token.

    With no token configured they are closed altogether (403), so a server started without
    `NIANBAO_ADMIN_TOKEN` can never be made to crawl.
    """
    if not settings.admin_token:
        raise HTTPException(403, "crawling over HTTP is disabled: the server has no NIANBAO_ADMIN_TOKEN")
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(token.strip().encode(),
                                                                 settings.admin_token.encode()):
        raise HTTPException(401, "header 'Authorization': expected 'Bearer <admin token>'",
                            headers={"WWW-Authenticate": "Bearer"})
