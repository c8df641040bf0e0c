"""A portal found from its 政务公开 column without hints, under a download size limit."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from crawler.launch import crawl
from crawler.sim.server import PortalSimulator
from crawler.store import RawStore


def test_column_discovery_and_size_limit(simulator: PortalSimulator, tmp_path: Path, fast_settings: dict[str, Any],
                                         write_portals: Callable[..., Path]) -> None:
    site = simulator.site
    big = [path for path in site.attachments if len(site.resources[path].body) > 300_000]
    assert big, "the simulator publishes the real 400 kB Huai'an PDF"
    portals = write_portals(tmp_path, simulator.portal_entry(start="/zwgk/"))

    report = crawl(portals, tmp_path / "data", settings={**fast_settings, "DOWNLOAD_MAXSIZE": 300_000}).portals[0]

    with RawStore(tmp_path / "data") as store:
        stored = {url for (url,) in store.db.execute("SELECT url FROM documents")}
    expected = {simulator.url + path for path in site.report_pages + site.attachments}
    assert stored == expected - {simulator.url + path for path in big}
    too_large = [f for f in report.failures if "larger than download max size" in f["reason"]]
    assert [f["url"] for f in too_large] == [simulator.url + path for path in big]
