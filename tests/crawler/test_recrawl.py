"""`run_recrawl`: crawl, extract and index; a second run re-extracts and re-indexes only the changed report."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from api.recrawl import run_recrawl
from crawler.sim.server import PortalSimulator
from crawler.store import RawStore
from extractor.pipeline import record_id
from indexer.base import open_index


def test_recrawl_indexes_reports_then_only_the_change(simulator: PortalSimulator, tmp_path: Path,
                                                      fast_settings: dict[str, Any],
                                                      write_portals: Callable[..., Path]) -> None:
    site, base = simulator.site, simulator.url
    portals = write_portals(tmp_path, simulator.portal_entry(region={"province": "浙江省"}))
    data = tmp_path / "data"
    first = run_recrawl(portals, data, "sqlite", settings=fast_settings, tagger="off")

    with RawStore(data) as store:
        roles = {url: role for url, role in store.db.execute("SELECT url, role FROM documents")}
    covers = {url for url, role in roles.items() if role == "wrapper"}
    readable = set(roles) - covers  # report pages with their text, and attachments
    assert first.indexing.covers == len(covers) and covers
    assert first.indexing.extracted == len(readable)
    assert first.indexing.added + len(first.indexing.failed) == len(readable)
    changed_url = base + site.changing_page
    with open_index(data, "sqlite") as index:
        for url in readable - {f["url"] for f in first.indexing.failed}:
            record = index.get(record_id(url, b""))
            assert record is not None and record["source"]["url"] == url
            assert record["region"]["province"] == "浙江省"  # the portal's configuration
        for url in covers:
            assert index.get(record_id(url, b"")) is None  # a cover page is not a report
        before = index.get(record_id(changed_url, b""))
        # the untitled PDF names neither its body nor its year: the crawler's title (its page's) does
        untitled = index.get(record_id(base + site.untitled[0], b""))
    assert untitled["organization"].startswith("海青乡") and untitled["year"] == 2020
    assert "更正说明" not in before["text"]

    site.change()
    second = run_recrawl(portals, data, "sqlite", settings=fast_settings, tagger="off")

    assert (second.crawl.portals[0].changed, second.crawl.portals[0].new) == (1, 0)
    assert second.indexing.extracted == 1 and second.indexing.updated == 1 and not second.indexing.failed
    with open_index(data, "sqlite") as index:
        after = index.get(record_id(changed_url, b""))
    assert "更正说明" in after["text"]
    assert after["source"]["sha256"] != before["source"]["sha256"]
    assert after["source"]["fetched_at"] >= before["source"]["fetched_at"]
