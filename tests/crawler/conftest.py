"""Fixtures for the crawler tests: a live simulated portal on 127.0.0.1 and quick crawls against it."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator

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
# The slow page's first answer takes longer than FAST's DOWNLOAD_TIMEOUT: it times out and is retried.
# Every answer takes 50 ms, as on a real portal, so an impolite crawler would pile requests up.
SITE_OPTIONS = SiteOptions(slow_seconds=1.6, latency_seconds=0.05)

@pytest.fixture(scope="session")
def fast_settings() -> dict[str, Any]:
    return dict(FAST)


@pytest.fixture(scope="session")
def site_options() -> SiteOptions:
    return SITE_OPTIONS


@pytest.fixture(scope="session")
def write_portals() -> Callable[..., Path]:
    def write(folder: Path, *entries: dict[str, Any]) -> Path:
        path = folder / "portals.yaml"
        path.write_text(yaml.safe_dump(list(entries), allow_unicode=True), encoding="utf-8")
        return path
    return write


@pytest.fixture
def simulator(site_options: SiteOptions) -> Iterator[PortalSimulator]:
    with PortalSimulator(site_options) as portal:
        yield portal
