"""The command line: `nianbao crawl`, its errors, the crawl lock, and `nianbao schedule` outliving a failed run."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest

from api.cli import main
from api.commands.schedule import interval, run_periodically
from api.recrawl import RecrawlReport, run_recrawl
from crawler.lock import crawl_lock
from crawler.sim.server import PortalSimulator



def set_options(settings: dict[str, Any]) -> list[str]:
    return [option for name, value in settings.items() for option in ("--set", f"{name}={value}")]


def test_crawl_command_prints_the_report(simulator: PortalSimulator, tmp_path: Path, fast_settings: dict[str, Any],
                                         write_portals: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    portals = write_portals(tmp_path, simulator.portal_entry(name="demo"))
    assert main(["crawl", "--portals", str(portals), "--data", str(tmp_path / "d"), *set_options(fast_settings)]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split()[:4] == ["portal", "status", "pages_seen", "reports"]
    assert table.splitlines()[1].split()[:2] == ["demo", "blocked"]
    assert main(["crawl", "--portals", str(portals), "--data", str(tmp_path / "d"), "--json",
                 *set_options(fast_settings)]) == 0
    report = json.loads(capsys.readouterr().out)
    documents = len(simulator.site.report_pages) + len(simulator.site.attachments)
    assert report["totals"]["unchanged"] == documents and report["totals"]["new"] == 0
    assert len(list((tmp_path / "d" / "raw" / "reports").glob("*.json"))) == 2  # every run's report is kept


def test_crawl_command_errors_name_the_cause(tmp_path: Path, write_portals: Callable[..., Path],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "portals.yaml"
    bad.write_text("- name: x\n  start_urls: [notaurl]\n", encoding="utf-8")
    assert main(["crawl", "--portals", str(bad), "--data", str(tmp_path / "d")]) == 2
    assert f"{bad}: portal #1 (x): start_urls: 'notaurl'" in capsys.readouterr().err
    good = write_portals(tmp_path, {"name": "x", "start_urls": ["http://127.0.0.1:9/"]})
    with crawl_lock(tmp_path / "d"):
        assert main(["crawl", "--portals", str(good), "--data", str(tmp_path / "d")]) == 1
    assert "another crawl is running on this data directory" in capsys.readouterr().err


def test_schedule_survives_a_failed_run(simulator: PortalSimulator, tmp_path: Path, fast_settings: dict[str, Any],
                                        write_portals: Callable[..., Path]) -> None:
    """The first run meets a broken portals file; the file is fixed; the next run works."""
    portals = tmp_path / "portals.yaml"
    portals.write_text("- name: sim\n  start_urls: [", encoding="utf-8")
    outcomes: list[str] = []

    def record(report: RecrawlReport | None, error: Exception | None) -> None:
        outcomes.append("ok" if report is not None else f"failed: {error}")
        write_portals(tmp_path, simulator.portal_entry())  # someone fixes the file

    failures = run_periodically(lambda: run_recrawl(portals, tmp_path / "d", "sqlite", settings=fast_settings,
                                                                tagger="off"),
                                every=0.1, runs=2, on_result=record)
    assert failures == 1
    assert outcomes[0].startswith(f"failed: {portals}: not valid YAML") and outcomes[1] == "ok"


def test_interval_parsing() -> None:
    assert [interval(text) for text in ("90s", "30m", "24h", "1.5d")] == [90, 1800, 86400, 129600]
    for bad in ("24", "0h", "h", "-1m"):
        with pytest.raises(Exception, match="not an interval"):
            interval(bad)
