"""Fixtures for the crawler tests: a live simulated portal on 127.0.0.1 and quick crawls against it."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from crawler.sim.server import PortalSimulator
from crawler.sim.site import SiteOptions

# Politeness delays near zero so the suite stays fast; the rules themselves (robots.txt, 2 concurrent
# requests per portal, challenge detection, retries with back-off) stay as configured.
FAST = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_START_DELAY": 0.01,
    "AUTOTHROTTLE_MAX_DELAY": 0.05,
    "DOWNLOAD_TIMEOUT": 1.0,
    "NIANBAO_RETRY_BACKOFF": 0.3,
}
SLOW_SECONDS = 1.6  # longer than FAST's DOWNLOAD_TIMEOUT: the slow page's first answer times out


def write_portals(folder: Path, *entries: dict[str, Any]) -> Path:
    path = folder / "portals.yaml"
    path.write_text(yaml.safe_dump(list(entries), allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def simulator() -> Iterator[PortalSimulator]:
    with PortalSimulator(SiteOptions(slow_seconds=SLOW_SECONDS)) as portal:
        yield portal
