"""Crawl throughput and recrawl savings against the portal simulator.

Run on demand: `.venv/bin/python bench/crawl.py [--copies N] [--json]`. The simulator lists each
sample report N times (a bigger site) and answers at once (no slow page, no flaky page). The
first crawl runs with politeness off (no delays, no AutoThrottle, 16 concurrent requests; robots.txt
still obeyed) and is timed inside the crawl process, so process start-up is not counted as crawling.
Then the same site is crawled again unchanged, and again after one report changed: the bytes those
recrawls download against the first crawl's bytes measure what conditional requests save.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.launch import crawl  # noqa: E402 (after the path set-up, for a checkout without install)
from crawler.report import PortalReport  # noqa: E402
from crawler.sim.server import PortalSimulator  # noqa: E402
from crawler.sim.site import SiteOptions  # noqa: E402

POLITENESS_OFF = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 16,
                  "CONCURRENT_REQUESTS_PER_DOMAIN": 16}


def timed_crawl(portals: Path, data: Path) -> tuple[PortalReport, float]:
    started = time.perf_counter()
    report = crawl(portals, data, settings=POLITENESS_OFF).portals[0]
    return report, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20, help="list each sample report this many times")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-crawl-") as folder, \
            PortalSimulator(SiteOptions(copies=args.copies, slow_seconds=0, flaky_list_page=False)) as portal:
        portals = Path(folder) / "portals.yaml"
        portals.write_text(yaml.safe_dump([portal.portal_entry()]), encoding="utf-8")
        first, first_wall = timed_crawl(portals, Path(folder) / "data")
        unchanged, _ = timed_crawl(portals, Path(folder) / "data")
        portal.site.change()
        one_changed, _ = timed_crawl(portals, Path(folder) / "data")
    results = {
        "site": {"report_pages": len(portal.site.report_pages), "attachments": len(portal.site.attachments),
                 "list_pages": len(portal.site.list_pages)},
        "first_crawl": {"responses": first.responses_downloaded, "seconds_in_crawl": first.seconds,
                        "seconds_with_process_start": round(first_wall, 2),
                        "pages_per_second": round(first.responses_downloaded / first.seconds, 1),
                        "bytes": first.bytes_downloaded},
        "recrawl_unchanged": {"bytes": unchanged.bytes_downloaded,
                              "bytes_ratio": round(unchanged.bytes_downloaded / first.bytes_downloaded, 4),
                              "changed": unchanged.changed, "unchanged": unchanged.unchanged},
        "recrawl_one_changed": {"bytes": one_changed.bytes_downloaded,
                                "bytes_ratio": round(one_changed.bytes_downloaded / first.bytes_downloaded, 4),
                                "changed": one_changed.changed, "unchanged": one_changed.unchanged},
    }
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / "crawl.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    site, crawl_1 = results["site"], results["first_crawl"]
    print(f"site: {site['report_pages']} report pages, {site['attachments']} attachments, "
          f"{site['list_pages']} list pages")
    print(f"first crawl, politeness off: {crawl_1['pages_per_second']} pages/s "
          f"({crawl_1['responses']} responses in {crawl_1['seconds_in_crawl']} s; "
          f"{crawl_1['seconds_with_process_start']} s with process start), {crawl_1['bytes']:,} bytes")
    for name in ("recrawl_unchanged", "recrawl_one_changed"):
        row = results[name]
        print(f"{name.replace('_', ' ')}: {row['bytes']:,} bytes = {row['bytes_ratio']:.2%} of the first crawl "
              f"({row['changed']} changed, {row['unchanged']} unchanged)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
