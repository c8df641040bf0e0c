"""`nianbao demo [--data DIR] [--port 8000] [--portals FILE]`: what `make run` runs.

Starts the portal simulator (unless real portals are named), recrawls the portals into the data
directory (crawl, extract, index: a second run finds everything stored and fetches only what
changed), then serves the API and the page and prints the URL. The simulator's URLs must stay
the same from one run to the next (a record's id is the sha1 of its URL), so it listens on the
port that `samples/portals.yaml` names rather than on a free one.
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from api.commands.serve import add_listen_options
from api.options import add_backend_option, add_data_option, backend_name, data_dir

if TYPE_CHECKING:  # the web stack and the crawler are imported only when the demo runs
    from api.routes.deps import Settings

DEMO_PORTALS = Path(__file__).resolve().parents[2] / "samples" / "portals.yaml"
# Politeness delays protect a portal's server; a portal on this machine (the simulator) gets none.
LOCAL_CRAWL_SETTINGS = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_START_DELAY": 0.01, "AUTOTHROTTLE_MAX_DELAY": 0.05}
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class DemoError(Exception):
    """The demo cannot start; the message says why and what to do."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo", help="crawl the portal simulator (or real portals), index, and serve",
        description="Start the portal simulator, crawl it, extract and index the reports, then serve the API "
                    "and the web page. With --portals (or $NIANBAO_PORTALS) real portals are crawled instead.")
    add_data_option(parser)
    add_backend_option(parser)
    add_listen_options(parser)
    parser.add_argument("--portals", type=Path, default=None, metavar="FILE",
                        help="portals file of real portals (default: $NIANBAO_PORTALS, else the simulator)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from api.commands.serve import serve
    from api.routes.deps import Settings
    from crawler.portals import PortalConfigError
    from crawler.sim.server import PortalSimulator

    env_portals = os.environ.get("NIANBAO_PORTALS")
    real_portals = args.portals or (Path(env_portals) if env_portals else None)
    portals_file = real_portals or DEMO_PORTALS
    try:
        addresses = start_addresses(portals_file)
        simulator = None if real_portals else PortalSimulator(port=simulator_port(portals_file, addresses))
    except (PortalConfigError, DemoError) as exc:
        print(f"nianbao demo: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"nianbao demo: the portal simulator cannot listen: {exc.strerror or exc} (is another demo running?)",
              file=sys.stderr)
        return 1
    local = {host for host, _ in addresses} <= LOCAL_HOSTS
    settings = Settings.from_env(data_dir=data_dir(args), backend=backend_name(args), portals_file=portals_file)
    settings = dataclasses.replace(settings, crawl_settings=LOCAL_CRAWL_SETTINGS if local else None)
    with simulator or contextlib.nullcontext():
        if simulator:
            print(f"nianbao demo: portal simulator at {simulator.url}", file=sys.stderr, flush=True)
        recrawl(settings)
        return serve(settings, args.host, args.port)


def start_addresses(portals_file: Path) -> set[tuple[str | None, int | None]]:
    """(host, port) of every start URL of the portals file (which is checked on the way)."""
    from crawler.portals import load_portals

    return {(urlsplit(url).hostname, urlsplit(url).port)
            for portal in load_portals(portals_file) for url in portal.start_urls}


def simulator_port(portals_file: Path, addresses: set[tuple[str | None, int | None]]) -> int:
    """The one port of 127.0.0.1 that the demo's portals point at: where the simulator must listen."""
    hosts, ports = {host for host, _ in addresses}, {port for _, port in addresses}
    if hosts != {"127.0.0.1"} or len(ports) != 1 or None in ports:
        raise DemoError(f"{portals_file}: the demo's portals must all be the simulator at http://127.0.0.1:PORT/")
    return ports.pop()


def recrawl(settings: Settings) -> None:
    """Crawl, extract and index; a failure is reported and what is already stored is served anyway."""
    from api.recrawl import run_recrawl
    from crawler.launch import CrawlFailed
    from crawler.lock import CrawlBusy
    from crawler.portals import PortalConfigError
    from indexer.base import IndexUnavailable

    print(f"nianbao demo: crawling {settings.portals_file} into {settings.data_dir}", file=sys.stderr, flush=True)
    try:
        report = run_recrawl(settings.portals_file, settings.data_dir, settings.backend,
                             progress=True, settings=settings.crawl_settings)
    except (PortalConfigError, CrawlBusy, CrawlFailed, IndexUnavailable) as exc:
        print(f"nianbao demo: the recrawl failed, serving what is stored: {exc}", file=sys.stderr)
        return
    print(report.table(), file=sys.stderr, flush=True)
