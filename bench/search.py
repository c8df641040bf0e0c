"""Index throughput and search/aggregate latency of the embedded (SQLite) index at scale.

Run on demand: `.venv/bin/python bench/search.py [--records 100000] [--queries 200] [--json]`.
Targets at 100,000 records: p95 ≤ 50 ms for a search with its six facets, p95 ≤ 100 ms for a
metric grouped by province.

The corpus is synthetic but made of real material: each record is one of the dev reports
(`samples/`, with its hand-checked metrics and facts) given another organization, region, year
and admin level, two problem statements drawn from all dev reports appended to its text, a
sentence with a fresh number, and metric values scaled by a random factor (null cells stay null).
Honest accounting of segmentation: jieba runs once per distinct line of text (a line's terms do
not depend on its neighbours, so this equals segmenting the whole text); the reused lines are
the dev reports' own, while the title, organization and number lines of each record are new
and segmented per record. Index throughput therefore counts SQLite work in full but only part
of the segmentation a corpus of 100,000 distinct reports would need (measured separately: jieba
cuts ~0.4-0.5 M characters/s per core here, ~4,000 characters per report).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "indexer"))  # the dev records as the index tests build them

import numpy as np  # noqa: E402
from corpus import dev_records  # noqa: E402

from indexer.analysis import Analysis, analyze  # noqa: E402
from indexer.query import FACET_NAMES, Filters, MetricQuery, SearchQuery  # noqa: E402
from indexer.sqlite import SqliteIndex  # noqa: E402

PROVINCES = ["北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省",
             "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省",
             "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省",
             "青海省", "宁夏回族自治区", "新疆维吾尔自治区"]
PLACE_SYLLABLES = "安平宁康泰和兴隆昌盛丰华清源阳山河东西南北新城长乐永福德广宜"
LEVEL_SUFFIX = {"township": ("镇人民政府", "乡人民政府", "街道办事处"), "county": ("县人民政府", "区人民政府"),
                "city": ("市人民政府",), "province": ("省人民政府",), "department": ("局", "委员会", "办公室")}
# Topic words: every dev report's words recur in a ninth of this corpus or more, so these match
# 4 % to 100 % of it, far broader than a word of a real corpus of distinct reports.
TOPICS = ["政策解读", "依申请公开", "行政复议", "公示栏", "政务新媒体", "信息公开 培训", '"主动公开"',
          "政府网站 -微博", "人员配备 兼职", "工作人员 业务能力", "平台 建设", "新闻发布会", "规范性文件",
          "时效性", "责任意识", "公开", "政府信息公开 年度报告"]
METRICS = ("t3.new.total", "t2.normative_docs.made", "t4.review.total", "t3.granted.total")


def place(rng: random.Random, suffix: str) -> str:
    return "".join(rng.choice(PLACE_SYLLABLES) for _ in range(2)) + suffix


def regions(rng: random.Random) -> list[dict[str, str]]:
    """~31 provinces × 6 cities × 5 counties."""
    result = []
    for province in PROVINCES:
        for _ in range(6):
            city = place(rng, "市")
            result += [{"province": province, "city": city, "county": place(rng, rng.choice("县区"))} for _ in range(5)]
    return result


def synthetic_records(count: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    bases = dev_records()
    problems = [p for record in bases for p in record["problems"]]
    places = regions(rng)
    for i in range(count):
        base = bases[i % len(bases)]
        region = dict(rng.choice(places))
        level = rng.choice(list(LEVEL_SUFFIX))
        organization = (region["county"] if level in ("township", "county") else region["city"]).rstrip("县区市")
        organization += rng.choice(LEVEL_SUFFIX[level])
        if level in ("city", "province", "department"):
            region.pop("county")
        year = rng.randint(2014, 2024)
        factor = rng.uniform(0.2, 5)
        extra = rng.sample(problems, 2)
        published = rng.randint(10, 20000)
        record = {**base,
                  "id": hashlib.sha1(f"synthetic-{i}".encode()).hexdigest(),
                  "title": f"{organization}{year}年政府信息公开工作年度报告",
                  "organization": organization, "admin_level": level, "region": region, "year": year,
                  "template": "legacy" if year < 2019 else ("2019" if year < 2021 else "2021"),
                  "text": "\n".join([base["text"], *extra, f"全年共主动公开政府信息{published}条。",
                                     f"{organization}{year}年政府信息公开工作年度报告"]),
                  "metrics": {k: (None if v is None else round(v * factor)) for k, v in base["metrics"].items()},
                  "facts": [{**f, "value": round(f["value"] * factor)} for f in base["facts"]],
                  "problems": base["problems"] + extra,
                  "checks": [{"id": "t3.balance", "ok": rng.random() > 0.1}]}
        record.pop("stem", None)
        yield record


def memo_segmenter(blocks: list[str]) -> tuple[Callable[[str], Analysis], Callable[[], int]]:
    """Segmentation with each distinct line cut once; also returns the count of characters cut.

    jieba never joins words across a line break, so a text's analysis is its lines' analyses
    with the spans shifted by where each line starts; a text starting with one of `blocks` (the
    dev reports' texts) reuses that block's analysis whole.
    """
    cut_chars = [0]

    @lru_cache(maxsize=None)
    def cached(text: str) -> Analysis:
        cut_chars[0] += len(text)
        return analyze(text)

    def segment(text: str) -> Analysis:
        block = next((b for b in blocks if text.startswith(b + "\n")), "")
        pieces = [cached(block)] if block else []
        offset = len(block) + 1 if block else 0
        for line in text[offset:].split("\n"):
            pieces.append(cached(line).shifted(offset))
            offset += len(line) + 1
        return Analysis(" ".join(p.terms for p in pieces if p.terms), np.concatenate([p.starts for p in pieces]),
                        np.concatenate([p.ends for p in pieces]))

    return segment, lambda: cut_chars[0]


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"p50_ms": round(statistics.median(ordered) * 1000, 2),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 2),
            "max_ms": round(ordered[-1] * 1000, 2), "runs": len(ordered)}


def timed(run: Callable[[], Any], times: int) -> list[float]:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000, help="synthetic records to index (default 100,000)")
    parser.add_argument("--queries", type=int, default=200, help="timed runs of each kind of query (default 200)")
    parser.add_argument("--data", type=Path, default=None, help="keep the index in this directory (default: a temp dir)")
    parser.add_argument("--reuse", action="store_true",
                        help="time the queries on the index already in --data (built by this script) without indexing")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    if args.reuse and not (args.data and (args.data / "index.sqlite3").exists()):
        parser.error("--reuse needs --data DIR holding an index this script built")

    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as scratch:
        directory = args.data or Path(scratch)
        segment, characters_cut = memo_segmenter([record["text"] for record in dev_records()])
        index = SqliteIndex(directory / "index.sqlite3", segment=segment, batch_size=1000)
        indexing = None
        if not args.reuse:
            started, cpu_started = time.perf_counter(), time.process_time()
            summary = index.put(synthetic_records(args.records), progress=sys.stderr.isatty())
            seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
            assert summary.failed == 0, summary.errors[:3]
            indexing = {"seconds": round(seconds, 1), "records_per_s": round(args.records / seconds),
                        "cpu_seconds": round(cpu_seconds, 1),  # comparable across runs on a shared machine
                        "characters_segmented": characters_cut(),
                        "file_mb": round((directory / "index.sqlite3").stat().st_size / 2**20)}

        rng = random.Random(11)
        provinces = [None, None, *PROVINCES]
        counties = sorted({place["county"] for place in regions(random.Random(7))})

        def filters() -> Filters:
            return Filters(province=rng.choice(provinces), year=rng.choice([None, None, rng.randint(2014, 2024)]))

        def topic_search() -> None:
            index.search(SearchQuery(rng.choice(TOPICS), filters(), facets=FACET_NAMES))

        def place_search() -> None:  # a county's reports, alone or on a topic: a selective query
            text = rng.choice(counties) + rng.choice(["", " " + rng.choice(TOPICS[:5])])
            index.search(SearchQuery(text, filters(), facets=FACET_NAMES))

        def browse() -> None:  # no text: filters and facets only, the landing page
            index.search(SearchQuery("", filters(), facets=FACET_NAMES))

        def metric_by_province() -> None:
            index.metrics(MetricQuery((rng.choice(METRICS),), group_by="province"))

        timed(topic_search, 10)  # warm the page cache and the in-memory columns
        searches = {kind: timed(run, args.queries) for kind, run in
                    (("topic", topic_search), ("place", place_search), ("browse", browse))}
        results = {
            "records": index.stats()["reports"],
            "index": indexing,
            "search_with_facets": percentiles([t for samples in searches.values() for t in samples]),
            **{f"search_{kind}": percentiles(samples) for kind, samples in searches.items()},
            "metric_by_province": percentiles(timed(metric_by_province, args.queries)),
        }
        index.close()
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    if indexing:
        print(f"{args.records} synthetic records indexed in {indexing['seconds']} s ({indexing['records_per_s']} "
              f"records/s, {indexing['cpu_seconds']} s of CPU, {indexing['characters_segmented']:,} characters "
              f"segmented, index file {indexing['file_mb']} MB)")
    print(f"queries on {results['records']} records:")
    for kind in ("search_with_facets", "search_topic", "search_place", "search_browse", "metric_by_province"):
        r = results[kind]
        print(f"{kind}: p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, max {r['max_ms']} ms over {r['runs']} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
