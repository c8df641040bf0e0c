"""`GET /api/search`: the indexer's search, as JSON (one page) or exported (every hit)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from api.export import EXPORT_RESPONSES, ExportFormat, export_response
from api.routes.deps import FiltersDep, IndexDep
from api.schemas import SearchResponse
from indexer.base import Index
from indexer.query import MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_CHARS, SORTS, SearchQuery, SearchResult

router = APIRouter(tags=["search"])

SEARCH_COLUMNS = ["id", "title", "organization", "year", "province", "city", "county", "admin_level", "score",
                  "highlights"]


@router.get("/search", response_model=SearchResponse, response_model_exclude_unset=True,
            responses=EXPORT_RESPONSES)
def search(
    index: IndexDep,
    filters: FiltersDep,
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS,
                            description='搜索: words, "quoted phrases", -excluded words; empty lists everything')] = "",
    sort: Annotated[Literal[SORTS], Query()] = "relevance",  # type: ignore[valid-type]
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    size: Annotated[int, Query(ge=0, le=MAX_PAGE_SIZE, description="hits per page; 0 for facets only")] = 20,
    format: Annotated[ExportFormat, Query(description="csv and jsonl stream every hit, ignoring page and size")]
    = ExportFormat.json,
) -> Any:
    query = SearchQuery(text=q, filters=filters, sort=sort, page=page, size=size)
    if format is ExportFormat.json:
        return index.search(query).to_json()
    export_query = SearchQuery(text=q, filters=filters, sort=sort, size=MAX_PAGE_SIZE, facets=())
    return export_response(
        format, "search", columns=SEARCH_COLUMNS,
        csv_rows=(row for result in every_page(index, export_query) for row in result.rows()),
        jsonl_rows=(hit.to_json() for result in every_page(index, export_query) for hit in result.hits))


def every_page(index: Index, query: SearchQuery) -> Iterator[SearchResult]:
    """The query's pages from the first until the hits run out (or the deepest page allowed)."""
    for page in range(1, MAX_PAGE + 1):
        result = index.search(SearchQuery(text=query.text, filters=query.filters, sort=query.sort,
                                          page=page, size=query.size, facets=query.facets))
        yield result
        if page * query.size >= result.total or not result.hits:
            return
