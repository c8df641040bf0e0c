"""Requests per second and p50/p99 latency of /api/search and /api/metrics, idle and while indexing.

Run on demand: `.venv/bin/python bench/api.py [--reports 2000] [--batch 600] [--requests 400]`.
Builds a data directory of `--reports` records (the dev reports, extracted, then copied under
other ids, organizations, years and provinces), serves it with `nianbao serve` on a free port of
127.0.0.1, and sends a bounded number of requests (half search, half metrics, from `--clients`
threads) twice: with the server idle, and while another process indexes `--batch` more records
into the same index. Only 127.0.0.1 is ever contacted.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.catalog import catalog  # noqa: E402
from extractor.pipeline import extract_file  # noqa: E402
from indexer.base import open_index  # noqa: E402

PROVINCES = ["江西省", "浙江省", "江苏省", "上海市", "福建省", "广东省", "四川省", "湖南省", "山东省", "河南省"]
SEARCH_WORDS = ["公开", "行政复议", "依申请公开", "政策解读", "新闻发布会", "政府网站", "信息公开 培训", '"主动公开"',
                "行政诉讼 -复议", "年度报告"]
GROUP_BYS = ["year", "province", "admin_level", None]
URL_LINE = re.compile(r"at (http://127\.0\.0\.1:\d+/)")


def bench_records(count: int, offset: int = 0) -> list[dict[str, Any]]:
    """`count` records: the dev reports extracted, copied under new ids, organizations, years, provinces."""
    originals = [extract_file(path, tagger="off") for path in sorted((ROOT / "samples" / "reports").iterdir())]
    originals = [record for record in originals if not record.get("error")]
    copies = []
    for number in range(offset, offset + count):
        record = json.loads(json.dumps(originals[number % len(originals)]))
        record["id"] = hashlib.sha1(f"bench-{number}".encode()).hexdigest()
        record["organization"] = f"{record.get('organization') or '某机关'}·{number}"
        record["year"] = 2019 + number % 6
        record["region"] = {**(record.get("region") or {}), "province": PROVINCES[number % len(PROVINCES)]}
        copies.append(record)
    return copies


def index_batch(data_dir: str, batch_file: str, started: Any) -> None:
    """The indexing run the load overlaps with (a process of its own, as `nianbao index` would be)."""
    records = [json.loads(line) for line in Path(batch_file).read_text(encoding="utf-8").splitlines()]
    with open_index(Path(data_dir), "sqlite") as index:
        started.set()
        index.put(records)


def request_plan(count: int, seed: int) -> list[tuple[str, str, dict[str, Any]]]:
    """Half search, half metrics, with random words, filters and groupings (the same plan each phase)."""
    rng = random.Random(seed)
    metric_ids = [m.id for m in catalog().all_metrics() if m.table in (3, 4)]
    plan = []
    for number in range(count):
        filters = rng.choice([{}, {"province": rng.choice(PROVINCES)}, {"year": rng.randint(2019, 2024)},
                              {"year_from": 2020, "year_to": 2023}])
        if number % 2 == 0:
            plan.append(("search", "api/search", {"q": rng.choice(SEARCH_WORDS), **filters}))
        else:
            group_by = rng.choice(GROUP_BYS)
            plan.append(("metrics", "api/metrics", {"metric": rng.choice(metric_ids), "reports": "false", **filters,
                                                    **({"group_by": group_by} if group_by else {})}))
    return plan


def run_load(base_url: str, plan: list[tuple[str, str, dict[str, Any]]], clients: int) -> dict[str, Any]:
    """Send the plan from `clients` threads; requests per second over all, p50/p99 per endpoint."""
    import httpx

    assert base_url.startswith("http://127.0.0.1:"), "the benchmark only talks to 127.0.0.1"
    latencies: dict[str, list[float]] = defaultdict(list)
    failures: list[str] = []
    pending = iter(plan)
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(base_url=base_url, timeout=60) as http:
            while True:
                with lock:
                    item = next(pending, None)
                if item is None:
                    return
                name, path, params = item
                started = time.perf_counter()
                response = http.get(path, params=params)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies[name].append(elapsed)
                    if response.status_code != 200:
                        failures.append(f"{response.status_code} {path} {params}")

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[:3]}")
    return {"per_second": round(len(plan) / wall, 1), **{name: summary(values) for name, values in latencies.items()}}


def summary(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    return {"requests": len(ordered), "p50_ms": round(1000 * statistics.median(ordered), 1),
            "p99_ms": round(1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 1)}


def serve(data_dir: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--data", str(data_dir), "--port", "0"],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        match = URL_LINE.search(line)
        if match:
            return process, match[1]
    raise SystemExit("nianbao serve did not start")


def timed(label: str, work: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = work()
    print(f"{label}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000, help="records in the index before the load")
    parser.add_argument("--batch", type=int, default=600, help="records the concurrent indexing run adds")
    parser.add_argument("--requests", type=int, default=400, help="requests per phase (half search, half metrics)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="nianbao-bench-api-") as folder:
        data_dir = Path(folder) / "data"
        records = timed("prepare records", lambda: bench_records(args.reports + args.batch))
        with open_index(data_dir, "sqlite") as index:
            timed(f"index {args.reports} records", lambda: index.put(records[:args.reports]))
        batch_file = Path(folder) / "batch.jsonl"
        batch_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[args.reports:]),
                              encoding="utf-8")
        server, base_url = serve(data_dir)
        try:
            plan = request_plan(args.requests, seed=7)
            run_load(base_url, plan[:20], args.clients)  # warm-up: imports, caches
            idle = run_load(base_url, plan, args.clients)
            started = multiprocessing.get_context("spawn").Event()
            indexer = multiprocessing.get_context("spawn").Process(
                target=index_batch, args=(str(data_dir), str(batch_file), started))
            indexer.start()
            started.wait(120)
            load_started = time.perf_counter()
            busy = run_load(base_url, plan, args.clients)
            load_seconds = time.perf_counter() - load_started
            still_indexing = indexer.is_alive()
            indexer.join()
            indexing_seconds = time.perf_counter() - load_started
        finally:
            server.terminate()
            server.wait(30)

    results = {
        "setup": {"reports": args.reports, "batch": args.batch, "requests_per_phase": args.requests,
                  "clients": args.clients, "cpus": len(__import__("os").sched_getaffinity(0))},
        "idle": idle,
        "while_indexing": busy | {"load_seconds": round(load_seconds, 1),
                                  "indexing_seconds": round(indexing_seconds, 1),
                                  "indexing_outlasted_load": still_indexing},
    }
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    print(f"{args.reports} reports indexed, {args.requests} requests per phase from {args.clients} clients "
          f"on {results['setup']['cpus']} CPUs")
    print(f"{'phase':16} {'req/s':>7} {'search p50/p99 ms':>18} {'metrics p50/p99 ms':>19}")
    for phase in ("idle", "while_indexing"):
        row = results[phase]
        search, metrics = (f"{row[name]['p50_ms']} / {row[name]['p99_ms']}" for name in ("search", "metrics"))
        print(f"{phase:16} {row['per_second']:7} {search:>18} {metrics:>19}")
    print(f"indexing {args.batch} records took {indexing_seconds:.1f} s; the load ran {load_seconds:.1f} s "
          f"{'inside it' if still_indexing else '(indexing ended first)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
