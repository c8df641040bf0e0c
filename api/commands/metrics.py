"""`nianbao metrics METRIC... [--group-by …] [filters] [--json]`: aggregate metric values."""
from __future__ import annotations

import argparse
import csv
import sys

from api.options import add_filter_options, add_index_options, filters_from_args, run_on_index
from indexer.base import Index
from indexer.query import AGGREGATES, GROUP_BYS, MetricQuery, MetricResult


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("metrics", help="aggregate metric values over the indexed reports",
                                   description="Aggregate canonical metrics (ids of metrics.yaml) per group.")
    parser.add_argument("names", nargs="+", metavar="METRIC", help="metric ids, e.g. t3.new.total")
    add_aggregate_options(parser)
    parser.set_defaults(handler=run)


def add_aggregate_options(parser: argparse.ArgumentParser) -> None:
    """Options shared with `nianbao facts`."""
    add_index_options(parser)
    add_filter_options(parser)
    parser.add_argument("--group-by", choices=GROUP_BYS, default=None, help="one group per value of this field")
    parser.add_argument("--agg", action="append", choices=AGGREGATES, default=None,
                        help="an aggregate to compute (repeat the option; default: all)")
    parser.add_argument("--reports", action="store_true", help="list the per-report values behind each group")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the result as one JSON object")
    output.add_argument("--csv", action="store_true", help="print one CSV row per group and name")


def run(args: argparse.Namespace) -> int:
    def query(index: Index) -> MetricResult:
        return index.metrics(MetricQuery(tuple(args.names), filters_from_args(args), args.group_by,
                                         tuple(args.agg or AGGREGATES), args.reports))

    return run_on_index(args, query, lambda result: print_result(result, args.csv))


def print_result(result: MetricResult, as_csv: bool = False) -> None:
    rows = list(result.rows())
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["metric"])
        writer.writeheader()
        writer.writerows(rows)
        return
    for row in rows:
        key, name, *_ = row.values()
        values = " ".join(f"{agg}={row[agg]}" for agg in result.aggs)
        print(f"{'' if key is None else key}\t{name}\t{values}")
    for row in result.report_rows():
        print(f"  {row['id']}\t{row['organization'] or '-'}\t{row['year'] or '-'}\t{row['metric']}"
              f"{'/' + row['label'] if row['label'] else ''}\t{row['value']}")
