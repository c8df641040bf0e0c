"""The crawl report: per portal, what a run saw, found and stored; printed as a table and as JSON."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

COUNT_COLUMNS = ("pages_seen", "reports", "attachments", "new", "changed", "unchanged", "failed", "blocked")


@dataclass
class PortalReport:
    portal: str
    status: str  # ok | blocked (a challenge page answered) | interrupted | failed (nothing could be fetched)
    run_id: int | None = None
    resumed: bool = False
    pages_seen: int = 0
    reports: int = 0  # report pages found (with their report in the page, or in attachments)
    attachments: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    blocked: int = 0
    bytes_downloaded: int = 0
    responses_downloaded: int = 0
    seconds: float = 0.0
    failures: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PortalReport:
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})


@dataclass
class CrawlReport:
    portals: list[PortalReport]
    started_at: str
    finished_at: str

    def total(self, column: str) -> int:
        return sum(getattr(portal, column) for portal in self.portals)

    @property
    def blocked_portals(self) -> list[str]:
        return [portal.portal for portal in self.portals if portal.status == "blocked"]

    def to_json(self) -> dict[str, Any]:
        return {"started_at": self.started_at, "finished_at": self.finished_at,
                "totals": {column: self.total(column) for column in COUNT_COLUMNS + ("bytes_downloaded",)},
                "portals": [asdict(portal) for portal in self.portals]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CrawlReport:
        return cls(portals=[PortalReport.from_json(p) for p in data.get("portals", [])],
                   started_at=data.get("started_at", ""), finished_at=data.get("finished_at", ""))

    def table(self) -> str:
        """A fixed-width table, one row per portal and a total row, then each failure."""
        header = ("portal", "status") + COUNT_COLUMNS
        rows = [(p.portal, p.status) + tuple(str(getattr(p, c)) for c in COUNT_COLUMNS) for p in self.portals]
        if len(self.portals) > 1:
            rows.append(("total", "") + tuple(str(self.total(c)) for c in COUNT_COLUMNS))
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in [header, *rows]]
        for portal in self.portals:
            for failure in portal.failures:
                kind = "blocked" if failure.get("blocked") else "failed"
                lines.append(f"{portal.portal}: {kind} {failure['url']}: {failure['reason']}")
        return "\n".join(lines)
