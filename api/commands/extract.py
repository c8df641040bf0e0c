"""`nianbao extract FILE... [--json]`: records as JSON Lines, or a readable summary."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from tqdm import tqdm

from extractor.pipeline import extract_file


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("extract", help="extract report files into records",
                                   description="Extract each report file into a record (record.md).")
    parser.add_argument("files", nargs="+", metavar="FILE", help="report files: .html .pdf .docx .doc .wps .txt .md")
    parser.add_argument("--json", action="store_true", help="print one JSON record per line, in input order")
    parser.add_argument("--tagger", choices=["on", "off"], default="on",
                        help="combine the learned tagger with the rules (default: on when models/tagger exists)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    failed = 0
    show_progress = not args.json and len(args.files) > 1 and sys.stderr.isatty()
    for path in tqdm(args.files, desc="extract", unit="file", disable=not show_progress, file=sys.stderr):
        record = extract_file(path, tagger=args.tagger)
        failed += bool(record.get("error"))
        if args.json:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(summary(path, record) + "\n")
        sys.stdout.flush()
    if failed:
        print(f"{failed} of {len(args.files)} files could not be extracted", file=sys.stderr)
    return 1 if failed else 0


def summary(path: str, record: dict[str, Any]) -> str:
    """A few readable lines per record: what a person checks first."""
    if record.get("error"):
        return f"{path}\n  error: {record['error']}"
    metrics = record.get("metrics") or {}
    filled = sum(v is not None for v in metrics.values())
    checks = record.get("checks") or []
    failed = [c["id"] for c in checks if not c.get("ok")]
    lines = [
        f"{path}",
        f"  {record.get('title') or '(no title)'}",
        f"  organization {record.get('organization')} · {record.get('admin_level')} · year {record.get('year')}"
        f" · template {record.get('template')} · region {' '.join((record.get('region') or {}).values()) or '-'}",
        f"  metrics {filled}/{len(metrics)} with values · facts {len(record.get('facts') or [])}"
        f" · problems {len(record.get('problems') or [])} · measures {len(record.get('measures') or [])}",
        f"  checks {len(checks) - len(failed)}/{len(checks)} pass" + (f" (failed: {', '.join(failed)})" if failed else ""),
    ]
    lines += [f"  warning: {w}" for w in record.get("warnings") or []]
    return "\n".join(lines)
