"""`GET /api/reports/{id}` (the record) and `.../source` (the original document and its versions).

The original comes from the crawler's raw store: the record's `source.url` names the document in
the catalog (with every version fetched), and `source.sha256` the exact bytes the record was
extracted from. A record extracted from a local file has no stored original: that is a 404 that
says so, not an error.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import Response

from api.routes.deps import IndexDep, SettingsDep
from api.schemas import ErrorResponse, Report, SourceVersions
from crawler.encoding import corrected_encoding, header_charset, meta_charset
from crawler.store import RawStore
from indexer.base import Index

router = APIRouter(tags=["reports"])

ReportId = Annotated[str, Path(min_length=1, max_length=100, description="the record's id (sha1 of its source URL)")]
Sha256 = Annotated[str | None, Query(pattern=r"^[0-9a-f]{64}$",
                                     description="a version's sha256 from /versions; the extracted one when absent")]
NOT_FOUND = {404: {"model": ErrorResponse, "description": "no such report, or no stored original"}}

MEDIA_TYPES = {
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "wps": "application/vnd.ms-works",
    "txt": "text/plain",
    "md": "text/markdown",
}
TEXT_FORMATS = ("html", "txt", "md")
# A portal's page may carry scripts: shown from this origin it must run none of them. (Only pages:
# a browser refuses to show a PDF under a sandbox policy.)
PAGE_HEADERS = {"Content-Security-Policy": "sandbox"}


def get_store(settings: SettingsDep) -> Iterator[RawStore]:
    """A raw-store connection for this request (SQLite connections stay in their thread)."""
    try:
        store = RawStore(settings.data_dir)
    except OSError as exc:
        raise HTTPException(503, f"the raw store under {settings.data_dir} cannot be opened: {exc}") from exc
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[RawStore, Depends(get_store)]


def find_record(index: Index, report_id: str) -> dict[str, Any]:
    record = index.get(report_id)
    if record is None:
        raise HTTPException(404, f"no report with id {report_id!r}")
    return record


@router.get("/reports/{report_id}", response_model=Report, response_model_exclude_unset=True, responses=NOT_FOUND)
def report(index: IndexDep, report_id: ReportId) -> dict[str, Any]:
    return find_record(index, report_id)


@router.get("/reports/{report_id}/versions", response_model=SourceVersions, responses=NOT_FOUND)
def source_versions(index: IndexDep, store: StoreDep, report_id: ReportId) -> dict[str, Any]:
    """Every version of the original the crawler stored, oldest first (one unless it changed)."""
    record = find_record(index, report_id)
    source = record.get("source") or {}
    url, current = source.get("url"), source.get("sha256")
    versions = [{"sha256": v.sha256, "fetched_at": v.fetched_at, "content_type": v.content_type, "size": v.size,
                 "current": v.sha256 == current} for v in (store.history(url) if url else [])]
    if not versions and current and store.blob_path(current).exists():
        versions = [{"sha256": current, "fetched_at": source.get("fetched_at"), "content_type": None,
                     "size": store.blob_path(current).stat().st_size, "current": True}]
    if not versions:
        raise HTTPException(404, f"report {report_id!r} has no stored original (it was not crawled)")
    return {"id": report_id, "url": url, "versions": versions}


@router.get("/reports/{report_id}/source", response_class=Response, responses={
    200: {"content": {media: {} for media in MEDIA_TYPES.values()}, "description": "the original document"},
    **NOT_FOUND})
def source(index: IndexDep, store: StoreDep, report_id: ReportId, sha256: Sha256 = None) -> Response:
    """The original bytes as the portal served them, with the content type of their format."""
    recorded = find_record(index, report_id).get("source") or {}
    history = store.history(recorded["url"]) if recorded.get("url") else []
    wanted = sha256 or recorded.get("sha256")
    if sha256 and sha256 != recorded.get("sha256") and all(v.sha256 != sha256 for v in history):
        raise HTTPException(404, f"query parameter 'sha256': report {report_id!r} has no version {sha256}")
    if not wanted or not store.blob_path(wanted).exists():
        raise HTTPException(404, f"report {report_id!r} has no stored original (it was not crawled)")
    try:
        data = store.read_blob(wanted)
    except OSError as exc:
        raise HTTPException(500, str(exc)) from exc
    fmt = recorded.get("format") or "txt"
    served = next((v.content_type for v in history if v.sha256 == wanted), None)
    headers = {"X-Content-Type-Options": "nosniff", **(PAGE_HEADERS if fmt == "html" else {})}
    return Response(data, media_type=media_type(fmt, served, data), headers=headers)


def media_type(fmt: str, served: str | None, data: bytes) -> str:
    """The format's media type; text gets the charset it really is in (portals often mislabel it)."""
    media = MEDIA_TYPES.get(fmt, "application/octet-stream")
    if fmt not in TEXT_FORMATS:
        return media
    charset = corrected_encoding(served, data) or header_charset(served) or meta_charset(data)
    if charset is None:
        charset = "utf-8" if _is_utf8(data) else "gb18030"
    return f"{media}; charset={charset}"


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
