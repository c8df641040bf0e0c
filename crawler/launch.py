"""Start a crawl from any Python process: the crawl runs as a child (`python -m crawler.run`).

Scrapy's Twisted reactor can start only once per process, so the command line, the scheduler and
the API never run Scrapy themselves; they call `crawl()`, which runs a fresh child each time and
reads back the JSON report the child writes. The child's stderr (progress bars, warnings) passes
through; its last lines are kept for the error message when the child fails.
"""
from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from crawler.portals import load_portals
from crawler.report import CrawlReport

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class CrawlFailed(RuntimeError):
    """The crawl process ended without a report (its last stderr lines are in the message)."""


def crawl_command(portals_file: Path, data_dir: Path, report_json: Path, *, only: str | None = None,
                  settings: dict[str, Any] | None = None, progress: bool = False) -> list[str]:
    command = [sys.executable, "-m", "crawler.run", "--portals", str(portals_file), "--data", str(data_dir),
               "--report-json", str(report_json)]
    if only:
        command += ["--only", only]
    for name, value in (settings or {}).items():
        command += ["--set", f"{name}={json.dumps(value)}"]
    if progress:
        command.append("--progress")
    return command


def parse_overrides(pairs: list[str]) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    for pair in pairs:
        name, separator, text = pair.partition("=")
        if not separator or not name.isidentifier():
            raise ValueError(f"--set {pair!r}: expected NAME=VALUE")
        try:
            overrides[name] = json.loads(text)
        except json.JSONDecodeError:
            overrides[name] = text
    return overrides


def child_environment() -> dict[str, str]:
    """The child imports this checkout's `crawler`, whatever the current directory."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": str(PROJECT_ROOT) + (os.pathsep + path if path else "")}


def crawl(portals_file: Path, data_dir: Path, *, only: str | None = None, settings: dict[str, Any] | None = None,
          progress: bool = False) -> CrawlReport:
    """Crawl the portals of `portals_file` into `data_dir/raw`; raises PortalConfigError before starting
    when the file is wrong, CrawlFailed when the crawl process dies without a report."""
    load_portals(portals_file, only)  # refuse a bad file here, with its message, not in the child
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nianbao-crawl-") as folder:
        report_json = Path(folder) / "report.json"
        command = crawl_command(portals_file, data_dir, report_json, only=only, settings=settings, progress=progress)
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, env=child_environment())
        try:
            tail = relay_output(process)
            returncode = process.wait()
        except BaseException:  # KeyboardInterrupt, or the caller stopping: stop the child gracefully
            process.terminate()
            process.wait()
            raise
        if returncode != 0 or not report_json.exists():
            raise CrawlFailed(f"crawl of {portals_file} exited with status {returncode}:\n{tail}")
        report = CrawlReport.from_json(json.loads(report_json.read_text(encoding="utf-8")))
    save_report(report, data_dir)
    return report


def relay_output(process: subprocess.Popen[bytes], keep: int = 4000) -> str:
    """Copy the child's output to our stderr as it comes (progress bars redraw without newlines);
    return its last `keep` bytes as text."""
    assert process.stdout is not None
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    tail = ""
    while chunk := process.stdout.read1(4096):
        text = decoder.decode(chunk)
        sys.stderr.write(text)
        sys.stderr.flush()
        tail = (tail + text)[-keep:]
    return tail


def save_report(report: CrawlReport, data_dir: Path) -> Path:
    """Keep every run's report as JSON next to the raw store (`raw/reports/<finished_at>.json`)."""
    folder = Path(data_dir) / "raw" / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = report.finished_at.replace(":", "").replace("+0000", "Z")
    path = folder / f"{stamp}.json"
    number = 1
    while path.exists():  # two runs within a second: keep both
        number += 1
        path = folder / f"{stamp}-{number}.json"
    path.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    return path
