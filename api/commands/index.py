"""`nianbao index FILE...`: extract report documents (or read `.jsonl` records) into the index."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Iterator

from api.options import add_index_options, backend_name, data_dir
from extractor.pipeline import extract_file
from indexer.base import IndexUnavailable, open_index


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("index", help="add reports to the index",
                                   description="Index report documents (extracting each one) or JSON Lines files "
                                               "of records (`nianbao extract --json` output). Re-indexing is "
                                               "idempotent; a record fetched earlier than the stored one is ignored.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="report documents, or .jsonl record files")
    add_index_options(parser)
    parser.add_argument("--tagger", choices=["on", "off"], default="on",
                        help="when extracting documents: combine the learned tagger with the rules")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    unreadable: list[str] = []
    try:
        with open_index(data_dir(args), backend_name(args)) as index:
            summary = index.put(read_records(args.files, args.tagger, unreadable), progress=sys.stderr.isatty())
    except IndexUnavailable as exc:
        print(f"nianbao index: {exc}", file=sys.stderr)
        return 1
    for message in unreadable + summary.errors:
        print(f"nianbao index: {message}", file=sys.stderr)
    print(f"{summary.added} added, {summary.updated} updated, {summary.unchanged} unchanged, "
          f"{summary.skipped_older} older than the stored copy, {summary.failed + len(unreadable)} failed")
    return 1 if summary.failed or unreadable else 0


def read_records(paths: list[str], tagger: str, unreadable: list[str]) -> Iterator[dict[str, Any]]:
    """Records in input order; a file or line that cannot be read is noted in `unreadable`, then skipped."""
    for name in paths:
        path = Path(name)
        if path.suffix.lower() != ".jsonl":
            yield extract_file(path, tagger=tagger)  # a bad document comes back as a record with `error`
            continue
        try:
            with path.open(encoding="utf-8") as lines:
                for number, line in enumerate(lines, 1):
                    if not line.strip():
                        continue
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        unreadable.append(f"{path}:{number}: not a JSON record: {exc.msg}")
        except (OSError, UnicodeDecodeError) as exc:
            unreadable.append(f"{path}: cannot read: {exc}")
