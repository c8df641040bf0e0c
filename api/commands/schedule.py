"""`nianbao schedule --portals FILE --every 24h`: recrawl periodically, one run at a time.

Runs follow each other in this one process, so two never overlap here; the data directory's crawl
lock keeps out runs from other processes (a busy tick is skipped). A run that fails is logged and
the schedule goes on: the portals file is read again at every run, so fixing it fixes the next run.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from typing import Callable

from api.commands.recrawl import add_recrawl_options, recrawl
from api.recrawl import RecrawlReport

log = logging.getLogger(__name__)

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("schedule", help="recrawl periodically (a long-running service)",
                                   description=__doc__.splitlines()[0].split(": ", 1)[1])
    add_recrawl_options(parser)
    parser.add_argument("--every", type=interval, required=True, metavar="INTERVAL",
                        help="time from the start of one run to the start of the next: 90s, 30m, 24h, 7d")
    parser.add_argument("--runs", type=int, default=None, metavar="N", help="stop after N runs (default: never)")
    parser.set_defaults(handler=run)


def interval(text: str) -> float:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd])\s*", text)
    if not match or float(match[1]) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not an interval like 90s, 30m, 24h or 7d")
    return float(match[1]) * UNITS[match[2]]


def run(args: argparse.Namespace) -> int:
    def show(report: RecrawlReport | None, error: Exception | None) -> None:
        if report is not None:
            print(json.dumps(report.to_json(), ensure_ascii=False) if args.json else report.table(), flush=True)

    failures = run_periodically(lambda: recrawl(args), args.every, args.runs, on_result=show)
    return 1 if args.runs is not None and failures == args.runs else 0


def run_periodically(run_once: Callable[[], RecrawlReport], every: float, runs: int | None, *,
                     on_result: Callable[[RecrawlReport | None, Exception | None], None] | None = None,
                     sleep: Callable[[float], None] = time.sleep) -> int:
    """Call `run_once` every `every` seconds (start to start), `runs` times or forever; returns the failures.

    A run that raises is logged and counted, never fatal; a run longer than the interval delays
    the next one instead of overlapping it.
    """
    done = failures = 0
    while runs is None or done < runs:
        started = time.monotonic()
        report: RecrawlReport | None = None
        error: Exception | None = None
        try:
            report = run_once()
        except Exception as exc:  # the schedule must outlive any one run
            error = exc
            failures += 1
            log.error("scheduled recrawl failed: %s", exc)
            print(f"nianbao schedule: run failed: {exc}", file=sys.stderr)
        done += 1
        if on_result is not None:
            on_result(report, error)
        if runs is not None and done >= runs:
            break
        sleep(max(0.0, every - (time.monotonic() - started)))
    return failures
