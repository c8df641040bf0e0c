"""A crawl killed mid-run (SIGKILL: no cleanup at all) resumes: nothing lost, nothing stored fetched again."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any, Callable

from crawler.launch import child_environment, crawl, crawl_command
from crawler.sim.server import PortalSimulator
from crawler.store import RawStore


def stored_versions(data: Path) -> dict[str, int]:
    if not (data / "raw" / "catalog.sqlite").exists():
        return {}
    with RawStore(data) as store:
        return dict(store.db.execute("SELECT url, count(*) FROM versions GROUP BY url").fetchall())


def test_killed_crawl_resumes_without_refetching_what_it_stored(simulator: PortalSimulator, tmp_path: Path,
                                                               fast_settings: dict[str, Any],
                                                               write_portals: Callable[..., Path]) -> None:
    portals = write_portals(tmp_path, simulator.portal_entry())
    data = tmp_path / "data"
    slow = {**fast_settings, "DOWNLOAD_DELAY": 0.3, "AUTOTHROTTLE_ENABLED": False}  # time to kill it mid-run
    command = crawl_command(portals, data, tmp_path / "never-written.json", settings=slow)
    child = subprocess.Popen(command, env=child_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while len(stored_versions(data)) < 4 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    stored_before = stored_versions(data)
    site_documents = {simulator.url + path for path in simulator.site.report_pages + simulator.site.attachments}
    assert 4 <= len(stored_before) < len(site_documents), "the kill must land mid-run"
    simulator.clear_log()

    report = crawl(portals, data, settings=fast_settings).portals[0]

    refetched = {simulator.url + path for path in simulator.requested_paths()} & set(stored_before)
    assert not refetched
    stored_after = stored_versions(data)
    assert set(stored_after) == site_documents
    assert all(count == 1 for count in stored_after.values())
    assert report.resumed and report.new == len(site_documents)  # the report covers the whole run
    with RawStore(data) as store:
        for url in stored_before:
            assert store.read_blob(store.document(url).sha256)  # the blob a killed run wrote is intact
