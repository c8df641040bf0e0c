"""Command-line options shared by several `nianbao` subcommands, defined once.

The filter options are shared by every command that reads the index (`search`, `metrics`,
`facts`, `coverage`), so `--year-from` means the same thing everywhere; `run_on_index` is how
those commands run their one query and report a bad parameter or an unusable index.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

from indexer.base import Index, IndexUnavailable, open_index
from indexer.query import ADMIN_LEVELS, FILTER_NAMES, TEMPLATES, Filters, QueryError


def default_data_dir() -> Path:
    return Path(os.environ.get("NIANBAO_DATA") or "data")


def add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=None, metavar="DIR",
                        help="data directory (default: $NIANBAO_DATA or ./data)")


def data_dir(args: argparse.Namespace) -> Path:
    return args.data if args.data is not None else default_data_dir()


def add_backend_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backend", choices=["sqlite", "elasticsearch"], default=None,
                        help="index backend (default: elasticsearch when $NIANBAO_ES_URL is set, else sqlite)")


def backend_name(args: argparse.Namespace) -> str:
    if args.backend:
        return args.backend
    return "elasticsearch" if os.environ.get("NIANBAO_ES_URL") else "sqlite"


def add_index_options(parser: argparse.ArgumentParser) -> None:
    add_data_option(parser)
    add_backend_option(parser)


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters")
    group.add_argument("--year", help="the year a report is about")
    group.add_argument("--year-from", help="first year of a range")
    group.add_argument("--year-to", help="last year of a range")
    group.add_argument("--province", help="province name, e.g. 江西省")
    group.add_argument("--city", help="city name, e.g. 宜春市")
    group.add_argument("--county", help="county name, e.g. 上高县")
    group.add_argument("--admin-level", help=f"one of {', '.join(ADMIN_LEVELS)}")
    group.add_argument("--template", help=f"one of {', '.join(TEMPLATES)}")
    group.add_argument("--organization", help="the publishing organization, exactly as indexed")
    group.add_argument("--failed-checks", help="true: only reports failing a consistency check; false: only others")


def filters_from_args(args: argparse.Namespace) -> Filters:
    return Filters.from_strings({name: getattr(args, name, None) for name in FILTER_NAMES})


def run_on_index(args: argparse.Namespace, query: Callable[[Index], Any], show: Callable[[Any], None]) -> int:
    """Open the index, run one query and print it (JSON with --json); bad input exits 2 with a message."""
    try:
        with open_index(data_dir(args), backend_name(args), create=False) as index:
            result = query(index)
    except QueryError as exc:
        print(f"nianbao {args.command}: {exc}", file=sys.stderr)
        return 2
    except IndexUnavailable as exc:
        print(f"nianbao {args.command}: {exc}", file=sys.stderr)
        return 1
    if getattr(args, "json", False):
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        show(result)
    return 0
