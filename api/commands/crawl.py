"""`nianbao crawl --portals FILE [--only NAME] [--data DIR]`: crawl portals into the raw store."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from api.options import add_data_option, data_dir
from crawler.launch import CrawlFailed, crawl
from crawler.lock import CrawlBusy, crawl_lock
from crawler.portals import PortalConfigError
from crawler.run import parse_overrides


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


def print_report(report: Any, as_json: bool) -> None:
    """A crawl or recrawl report: a table for people, JSON for programs."""
    print(json.dumps(report.to_json(), ensure_ascii=False, indent=1) if as_json else report.table())


def run(args: argparse.Namespace) -> int:
    try:
        settings = crawl_settings(args)
        with crawl_lock(data_dir(args)):
            report = crawl(args.portals, data_dir(args), only=args.only, settings=settings,
                           progress=sys.stderr.isatty())
    except (PortalConfigError, ValueError) as exc:
        print(f"nianbao crawl: {exc}", file=sys.stderr)
        return 2
    except (CrawlBusy, CrawlFailed) as exc:
        print(f"nianbao crawl: {exc}", file=sys.stderr)
        return 1
    print_report(report, args.json)
    return 0
