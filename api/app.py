"""The FastAPI application: settings, the shared index, error shapes, routers and the web page.

One app serves both the JSON API (`/api/...`) and the page (`/`, `/search`, `/reports/{id}`, ...):
the page's paths and query strings are the API's, so a page URL and its JSON twin differ only by
the `/api` prefix (Datasette's model). Everything a request needs (the index, the settings, the
crawl job) is created once at startup and reached through the dependencies in `api.routes.deps`.
"""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.routes import catalog, coverage, crawl, facts, health, metrics, regions, reports, search
from api.routes.crawl import CrawlJob
from api.routes.deps import Settings
from api.schemas import ErrorResponse
from indexer.base import IndexUnavailable, QueryError, open_index

log = logging.getLogger(__name__)

STATIC_DIR = Path(str(resources.files("api").joinpath("static")))
# Paths of the page: each is the same HTML, which reads its own URL and asks `/api` + that URL.
PAGE_PATHS = ("/", "/search", "/reports/{report_id}", "/metrics", "/coverage")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configured: Settings = app.state.settings
        try:
            app.state.index = open_index(configured.data_dir, configured.backend)
        except IndexUnavailable as exc:  # the server still answers: every request gets a 503 saying why
            log.error("%s", exc)
            app.state.index = exc
        try:
            yield
        finally:
            if not isinstance(app.state.index, IndexUnavailable):
                app.state.index.close()

    # FastAPIOffline: /docs and /redoc from packaged Swagger UI and ReDoc files, not from a CDN
    app = FastAPIOffline(
        title="nianbao",
        summary="Search and query China's 政府信息公开工作年度报告 (government information disclosure annual reports).",
        version="0.1.0",
        lifespan=lifespan,
        static_url="/docs-static",
    )
    app.state.settings = settings
    app.state.crawl_job = CrawlJob()
    # every error is {"detail": "..."}; the declared 422 replaces FastAPI's list-shaped default
    errors = {422: {"model": ErrorResponse, "description": "a bad parameter, named in `detail`"}}
    for module in (search, reports, catalog, metrics, facts, coverage, regions, crawl):
        app.include_router(module.router, prefix="/api", responses=errors)
    app.include_router(health.router)
    _add_error_handlers(app)
    _add_page(app)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    """Every error is JSON `{"detail": "..."}` with a sentence that names the bad parameter."""

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": describe_validation_errors(exc.errors())})

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.exception_handler(IndexUnavailable)
    async def index_unavailable(request: Request, exc: IndexUnavailable) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": f"the index cannot be used: {exc}"})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(status_code=exc.status_code, content={"detail": str(exc.detail)},
                            headers=getattr(exc, "headers", None))


def describe_validation_errors(errors: list[dict]) -> str:
    """`query parameter 'year': Input should be a valid integer (got 'abc')`, one per error."""
    parts = []
    for error in errors:
        location = list(error.get("loc", ()))
        where = str(location[0]) if location else "request"
        # list positions (the 2nd `agg=`) are left out: the value shown says which one it was
        name = ".".join(str(part) for part in location[1:] if not isinstance(part, int)) or where
        given = error.get("input")
        shown = f" (got {_shortened(repr(given))})" if isinstance(given, (str, int, float)) else ""
        kind = {"query": "query parameter", "path": "path parameter", "body": "body field",
                "header": "header"}.get(where, where)
        parts.append(f"{kind} '{name}': {error.get('msg', 'invalid')}{shown}")
    return "; ".join(parts) or "invalid request"


def _shortened(text: str, limit: int = 80) -> str:
    """A value echoed in an error stays readable even when the request sent a page of it."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _add_page(app: FastAPI) -> None:
    index_html = STATIC_DIR / "index.html"

    async def page() -> FileResponse:
        return FileResponse(index_html, media_type="text/html; charset=utf-8")

    for path in PAGE_PATHS:
        app.add_api_route(path, page, methods=["GET"], include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
