"""Reports per second of `extract_file`, per source format, on one core, tagger on and off.

Run on demand: `.venv/bin/python bench/extract.py [--rounds N] [--reports DIR]`. Pinned to one
core (the targets are per core: ≥ 50/s for text and HTML, ≥ 5/s for PDF), warm (the first,
model-loading pass is not timed), each file extracted `rounds` times.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pin_to_one_core() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=ROOT / "samples" / "reports")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    pin_to_one_core()

    import torch  # after pinning, so the thread pool is sized for one core

    torch.set_num_threads(1)
    from extractor.convert import detect_format
    from extractor.pipeline import extract_file

    files = sorted(p for p in args.reports.iterdir() if p.is_file())
    results: dict[str, dict[str, float]] = defaultdict(dict)
    for tagger in ("off", "on"):
        for path in files:  # warm-up: imports, jieba dictionary, model weights
            extract_file(path, tagger=tagger)
        seconds: dict[str, list[float]] = defaultdict(list)
        for _ in range(args.rounds):
            for path in files:
                fmt = detect_format(path.read_bytes(), path.name)
                started = time.perf_counter()
                record = extract_file(path, tagger=tagger)
                seconds[fmt].append(time.perf_counter() - started)
                if record.get("error"):
                    print(f"{path}: {record['error']}", file=sys.stderr)
        for fmt, times in seconds.items():
            results[fmt][f"tagger_{tagger}"] = round(1 / statistics.mean(times), 1)
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    print(f"reports/s on one core ({args.rounds} rounds over {len(files)} files in {args.reports})")
    print(f"{'format':8} {'tagger off':>11} {'tagger on':>10}")
    for fmt, row in sorted(results.items()):
        print(f"{fmt:8} {row.get('tagger_off', 0):>11} {row.get('tagger_on', 0):>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
