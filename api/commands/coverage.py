"""`nianbao coverage [filters] [--json]`: which organizations published a report for which years."""
from __future__ import annotations

import argparse

from api.options import add_filter_options, add_index_options, filters_from_args, run_on_index
from indexer.base import Index
from indexer.query import CoverageResult


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("coverage", help="organizations × years: who published a report when",
                                   description="For a region and year range (--year-from/--year-to), list each "
                                               "organization with the years it has a report for; '.' is a gap.")
    add_index_options(parser)
    add_filter_options(parser)
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    def query(index: Index) -> CoverageResult:
        return index.coverage(filters_from_args(args))

    return run_on_index(args, query, print_result)


def print_result(result: CoverageResult) -> None:
    print("\t".join(["organization", "region", *map(str, result.years)]))
    for entry in result.organizations:
        marks = ["x" if entry.years.get(year) else "." for year in result.years]
        print("\t".join([entry.organization or "-", " ".join(entry.region.values()) or "-", *marks]))
