"""`nianbao recrawl --portals FILE`: crawl, then extract and index only what is new or changed."""
from __future__ import annotations

import argparse
import sys

from api.commands.crawl import add_crawl_options, crawl_settings, report_or_error
from api.options import add_backend_option, backend_name, data_dir
from api.recrawl import RecrawlReport, run_recrawl


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "recrawl", help="crawl, then extract and index what changed",
        description="Crawl the portals (conditional requests for known documents), then extract and index "
                    "every stored document version the index has not seen yet.")
    add_recrawl_options(parser)
    parser.set_defaults(handler=run)


def add_recrawl_options(parser: argparse.ArgumentParser) -> None:
    add_crawl_options(parser)
    add_backend_option(parser)
    parser.add_argument("--tagger", choices=["on", "off"], default="on",
                        help="combine the learned tagger with the rules when extracting (default: on)")


def run(args: argparse.Namespace) -> int:
    return report_or_error("recrawl", lambda: recrawl(args), args.json)


def recrawl(args: argparse.Namespace) -> RecrawlReport:
    return run_recrawl(args.portals, data_dir(args), backend_name(args), args.only,
                       progress=sys.stderr.isatty(), tagger=args.tagger, settings=crawl_settings(args))
