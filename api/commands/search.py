"""`nianbao search QUERY [filters] [--json]`: full-text search with facets.

The filter options are defined here once and shared by every command that reads the index
(`metrics`, `facts`, `coverage`), so `--year-from` means the same thing everywhere.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any, Callable

from api.options import add_backend_option, add_data_option, backend_name, data_dir
from indexer.base import Index, IndexUnavailable, open_index
from indexer.query import (ADMIN_LEVELS, FACET_NAMES, FILTER_NAMES, MAX_PAGE_SIZE, SORTS, TEMPLATES, Filters,
                           QueryError, SearchQuery, SearchResult)

_EM = re.compile(r"</?em>")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("search", help="search the indexed reports",
                                   description="Search the index: words (all must occur), \"quoted phrases\", "
                                               "-excluded words, with filters, facets, sort and paging.")
    parser.add_argument("query", nargs="?", default="", metavar="QUERY",
                        help="search text (empty: every report the filters allow)")
    add_index_options(parser)
    add_filter_options(parser)
    parser.add_argument("--sort", choices=SORTS, default="relevance", help="order of the hits (default: relevance)")
    parser.add_argument("--page", type=int, default=1, help="page number, from 1")
    parser.add_argument("--size", type=int, default=10, help=f"hits per page, at most {MAX_PAGE_SIZE} (default: 10)")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    def query(index: Index) -> SearchResult:
        return index.search(SearchQuery(args.query, filters_from_args(args), args.sort, args.page, args.size))

    return run_on_index(args, query, print_result)


def print_result(result: SearchResult) -> None:
    print(f"{result.total} reports")
    for hit in result.hits:
        region = " ".join(hit.region.get(level, "") for level in ("province", "city", "county")).strip()
        score = "" if hit.score is None else f" · score {hit.score:.2f}"
        print(f"\n{hit.title or '(no title)'}\n  {hit.organization or '-'} · {hit.year or '-'} · {region or '-'}"
              f" · {hit.admin_level or '-'}{score} · {hit.id}")
        for fragment in hit.highlights:
            print("  … " + _EM.sub(lambda m: "【" if m.group() == "<em>" else "】", fragment))
    for name in FACET_NAMES:
        counts = result.facets.get(name) or {}
        if counts:
            print(f"\n{name}: " + ", ".join(f"{value} ({count})" for value, count in counts.items()))


# --- shared by the commands that read the index ---------------------------------------------------

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
