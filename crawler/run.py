"""The crawl as a process of its own: `python -m crawler.run --portals FILE --data DIR [...]`.

Twisted's reactor starts once per process, so the command line, the scheduler and the API each
start this module as a child process (crawler.launch) and read the JSON report it writes. One
crawler runs per portal, side by side, each with its own politeness limits. SIGINT or SIGTERM stops
gracefully; the unfinished runs are resumed by the next start, even after SIGKILL.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.settings import Settings

from crawler.extensions import CrawlRun
from crawler.launch import parse_overrides
from crawler.portals import Portal, PortalConfigError, load_portals
from crawler.report import CrawlReport, PortalReport
from crawler.spiders.portal import PortalSpider


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m crawler.run", description=__doc__.splitlines()[0])
    parser.add_argument("--portals", type=Path, required=True, metavar="FILE", help="portals YAML file")
    parser.add_argument("--only", metavar="NAME", help="crawl only the portal of this name")
    parser.add_argument("--data", type=Path, required=True, metavar="DIR", help="data directory (raw store)")
    parser.add_argument("--report-json", type=Path, metavar="FILE", help="write the crawl report here as JSON")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a Scrapy setting (the value is read as JSON when it parses)")
    parser.add_argument("--progress", action="store_true", help="show progress bars on stderr")
    return parser.parse_args(argv)


def crawl_settings(data_dir: Path, overrides: dict[str, Any], progress: bool) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("NIANBAO_DATA_DIR", str(data_dir), priority="cmdline")
    settings.set("NIANBAO_PROGRESS", progress, priority="cmdline")
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(portals: list[Portal], settings: Settings) -> CrawlReport:
    """Crawl the portals side by side in this process (once per process: the reactor cannot restart)."""
    started_at = _now()
    process = AsyncCrawlerProcess(settings)
    crawlers: list[tuple[Portal, Crawler]] = []
    for portal in portals:
        crawler = process.create_crawler(PortalSpider)
        process.crawl(crawler, portal=portal.as_dict())
        crawlers.append((portal, crawler))
    process.start()
    return CrawlReport(portals=[_portal_report(portal, crawler) for portal, crawler in crawlers],
                       started_at=started_at, finished_at=_now())


def _portal_report(portal: Portal, crawler: Crawler) -> PortalReport:
    try:
        run = crawler.get_extension(CrawlRun)
    except RuntimeError:  # the crawl never started (its error is in the log)
        run = None
    if run is None or run.report is None:
        return PortalReport(portal=portal.name, status="failed")
    return run.report


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        portals = load_portals(args.portals, args.only)
        overrides = parse_overrides(args.set)
    except (PortalConfigError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report = run_crawl(portals, crawl_settings(args.data, overrides, args.progress))
    if args.report_json:
        args.report_json.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        print(report.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
