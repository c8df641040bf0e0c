"""`nianbao crawl --portals FILE [--only NAME] [--data DIR]`: crawl portals into the raw store."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable

from api.options import add_data_option, data_dir
from crawler.launch import CrawlFailed, crawl, parse_overrides
from crawler.lock import CrawlBusy, crawl_lock
from crawler.portals import PortalConfigError
from crawler.report import CrawlReport
from indexer.base import IndexUnavailable


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "crawl", help="crawl government portals for annual reports",
        description="Crawl the portals of a YAML file, storing every version of every report and attachment "
                    "under DIR/raw, then print the crawl report. Nothing is extracted or indexed: see recrawl.")
    add_crawl_options(parser)
    parser.set_defaults(handler=run)


def add_crawl_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by crawl, recrawl and schedule."""
    parser.add_argument("--portals", type=Path, required=True, metavar="FILE", help="portals YAML file")
    parser.add_argument("--only", metavar="NAME", help="crawl only the portal of this name")
    add_data_option(parser)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a Scrapy setting, e.g. --set DOWNLOAD_DELAY=0 (value read as JSON)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON instead of a table")


def crawl_settings(args: argparse.Namespace) -> dict[str, Any]:
    return parse_overrides(args.set)


def run(args: argparse.Namespace) -> int:
    def crawl_with_lock() -> CrawlReport:
        with crawl_lock(data_dir(args)):
            return crawl(args.portals, data_dir(args), only=args.only, settings=crawl_settings(args),
                         progress=sys.stderr.isatty())
    return report_or_error("crawl", crawl_with_lock, args.json)


def report_or_error(command: str, work: Callable[[], Any], as_json: bool) -> int:
    """Run a crawl, print its report; a wrong portals file or --set exits 2, a crawl that could not run 1."""
    try:
        report = work()
    except (PortalConfigError, ValueError) as exc:
        print(f"nianbao {command}: {exc}", file=sys.stderr)
        return 2
    except (CrawlBusy, CrawlFailed, IndexUnavailable, OSError) as exc:  # OSError: an unwritable data directory
        print(f"nianbao {command}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(report.to_json(), ensure_ascii=False, indent=1) if as_json else report.table())
    return 0
