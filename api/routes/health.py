"""`GET /healthz`: the server answers and its index can be read."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.routes.deps import IndexDep
from api.schemas import ErrorResponse, Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, responses={503: {"model": ErrorResponse}})
def healthz(index: IndexDep) -> dict[str, Any]:
    stats = index.stats()
    return {"status": "ok", "backend": index.backend, "reports": int(stats.get("reports", 0))}
