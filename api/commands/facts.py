"""`nianbao facts TYPE... [--group-by …] [filters] [--json]`: aggregate free-text facts by type."""
from __future__ import annotations

import argparse

from api.commands.metrics import add_aggregate_options, print_result
from api.options import filters_from_args, run_on_index
from indexer.base import Index
from indexer.query import AGGREGATES, FactQuery, MetricResult


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("facts", help="aggregate the facts found in report texts",
                                   description="Aggregate the values of free-text facts (types of metrics.yaml).")
    parser.add_argument("names", nargs="+", metavar="TYPE", help="fact types, e.g. info_published_total")
    add_aggregate_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    def query(index: Index) -> MetricResult:
        return index.facts(FactQuery(tuple(args.names), filters_from_args(args), args.group_by,
                                     tuple(args.agg or AGGREGATES), args.reports))

    return run_on_index(args, query, lambda result: print_result(result, args.csv))
