"""`nianbao search QUERY [filters] [--json]`: full-text search with facets."""
from __future__ import annotations

import argparse
import re

from api.options import add_filter_options, add_index_options, filters_from_args, run_on_index
from indexer.base import Index
from indexer.query import FACET_NAMES, MAX_PAGE_SIZE, SORTS, SearchQuery, SearchResult

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
        checks = f" · {hit.failed_checks} failed check{'s' if hit.failed_checks > 1 else ''}" if hit.failed_checks else ""
        print(f"\n{hit.title or '(no title)'}\n  {hit.organization or '-'} · {hit.year or '-'} · {region or '-'}"
              f" · {hit.admin_level or '-'}{score}{checks} · {hit.id}")
        for fragment in hit.highlights:
            print("  … " + _EM.sub(lambda m: "【" if m.group() == "<em>" else "】", fragment))
    for name in FACET_NAMES:
        counts = result.facets.get(name) or {}
        if counts:
            print(f"\n{name}: " + ", ".join(f"{value} ({count})" for value, count in counts.items()))
