"""`POST /api/crawl` and `GET /api/crawl/status`: recrawl the configured portals, follow it.

Only the portals of the server's configuration are ever crawled: the request can at most name
one of them (`only`), never a URL, so the endpoint cannot be turned into a fetcher of arbitrary
addresses. One recrawl runs at a time, in a thread of this process, and its progress lines and
final report stay readable until the next one starts.
"""
from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Request

from api.routes.deps import Settings, SettingsDep, require_admin
from api.schemas import CrawlRequest, CrawlStatus, ErrorResponse
from crawler.portals import PortalConfigError, load_portals

if TYPE_CHECKING:
    from api.recrawl import RecrawlReport

router = APIRouter(tags=["crawl"], dependencies=[Depends(require_admin)],
                   responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}})

PROGRESS_LINES = 50


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class CrawlJob:
    """The server's one recrawl: idle, running, done or failed, with its latest progress lines."""

    state: str = "idle"
    only: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    report: dict[str, Any] | None = None
    error: str | None = None
    progress: deque[str] = field(default_factory=lambda: deque(maxlen=PROGRESS_LINES))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, work: Callable[[], RecrawlReport], only: str | None, portals: list[str]) -> bool:
        """Run `work()` in a thread; False when a recrawl is already running."""
        with self._lock:
            if self.state == "running":
                return False
            self.state, self.only, self.started_at, self.finished_at = "running", only, _now(), None
            self.report = self.error = None
            self.progress.clear()
            self.progress.append(f"{self.started_at} crawling {', '.join(portals)}, then extracting and indexing")
            threading.Thread(target=self._run, args=(work,), name="nianbao-recrawl", daemon=True).start()
        return True

    def _run(self, work: Callable[[], RecrawlReport]) -> None:
        try:
            result = work()
            report, state, error, lines = result.to_json(), "done", None, result.table().splitlines()
        except Exception as exc:  # the server stays up; the failure is the job's state
            report, state, error = None, "failed", f"{type(exc).__name__}: {exc}"
            lines = [f"failed: {error}"]
        with self._lock:
            self.report, self.state, self.error, self.finished_at = report, state, error, _now()
            self.progress.extend(lines)

    def to_json(self) -> dict[str, Any]:
        with self._lock:
            return {"state": self.state, "only": self.only, "started_at": self.started_at,
                    "finished_at": self.finished_at, "progress": list(self.progress), "report": self.report,
                    "error": self.error}


def get_job(request: Request) -> CrawlJob:
    return request.app.state.crawl_job


JobDep = Annotated[CrawlJob, Depends(get_job)]


@router.post("/crawl", status_code=202, response_model=CrawlStatus,
             responses={400: {"model": ErrorResponse, "description": "the body is not JSON"},
                        409: {"model": ErrorResponse, "description": "a recrawl is running, or no portals are set"}})
def start_crawl(settings: SettingsDep, job: JobDep,
                request: Annotated[CrawlRequest | None, Body()] = None) -> dict[str, Any]:
    only = request.only if request else None
    if settings.portals_file is None:
        raise HTTPException(409, "no portals are configured: start the server with NIANBAO_PORTALS=FILE")
    try:
        names = [portal.name for portal in load_portals(settings.portals_file)]
    except PortalConfigError as exc:
        raise HTTPException(409, str(exc)) from exc
    if only is not None and only not in names:
        raise HTTPException(422, f"body field 'only': no configured portal named {only!r} (have: {', '.join(names)})")
    chosen = [only] if only else names
    if not job.start(lambda: recrawl(settings, only), only, chosen):
        raise HTTPException(409, "a recrawl is already running: follow it at GET /api/crawl/status")
    return job.to_json()


@router.get("/crawl/status", response_model=CrawlStatus)
def crawl_status(job: JobDep) -> dict[str, Any]:
    return job.to_json()


def recrawl(settings: Settings, only: str | None) -> RecrawlReport:
    from api.recrawl import run_recrawl  # imported when used: it pulls in the extractor's models

    return run_recrawl(settings.portals_file, settings.data_dir, settings.backend, only,
                       settings=settings.crawl_settings)
