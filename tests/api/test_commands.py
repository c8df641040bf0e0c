"""`nianbao serve` and `nianbao demo` as a user runs them: real processes, real sockets."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import yaml

from api.cli import main
from api.commands.demo import DemoError, simulator_port
from crawler.sim.server import PortalSimulator

NIANBAO = [sys.executable, "-m", "api.cli"]
ROOT = Path(__file__).resolve().parents[2]
URL_LINE = re.compile(r"serving .* at (http://127\.0\.0\.1:\d+/)")


@contextmanager
def running(*args: str, timeout: float = 120) -> Iterator[tuple[str, list[str]]]:
    """Start `nianbao ARGS`, wait for the URL it prints, yield (url, stderr lines so far); stop it with ^C."""
    process = subprocess.Popen([*NIANBAO, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "NIANBAO_PORTALS": ""})
    errors: list[str] = []
    threading.Thread(target=lambda: errors.extend(process.stderr), daemon=True).start()
    found: list[str] = []

    def read_url() -> None:
        for line in process.stdout:
            match = URL_LINE.search(line)
            if match:
                found.append(match[1])
                return

    reader = threading.Thread(target=read_url, daemon=True)
    reader.start()
    reader.join(timeout)
    try:
        assert found, f"no URL printed; stderr:\n{''.join(errors)}"
        yield found[0], errors
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(30) == 130  # what ^C ends a command with (uvicorn re-raises it after shutting down)


def test_serve_prints_its_url_and_answers(data_dir: Path) -> None:
    with running("serve", "--data", str(data_dir), "--port", "0") as (url, _):
        assert httpx.get(url + "healthz").json()["status"] == "ok"
        assert "年报检索" in httpx.get(url + "search").text


def test_serve_refuses_a_port_that_is_not_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", "70000"])
    assert exit_.value.code == 2
    message = capsys.readouterr().err
    assert "--port" in message and "70000" in message


@pytest.mark.slow
def test_demo_crawls_indexes_serves_and_reuses_the_store(tmp_path: Path) -> None:
    with PortalSimulator() as simulator:
        portals = tmp_path / "portals.yaml"
        portals.write_text(yaml.safe_dump([simulator.portal_entry("sim")]), encoding="utf-8")
        data = tmp_path / "data"
        with running("demo", "--data", str(data), "--port", "0", "--portals", str(portals)) as (url, _):
            first = httpx.get(url + "api/search", params={"size": 0}).json()["total"]
            assert first > 0
        with running("demo", "--data", str(data), "--port", "0", "--portals", str(portals)) as (url, errors):
            assert httpx.get(url + "api/search", params={"size": 0}).json()["total"] == first
        report = "".join(errors)
        assert re.search(r"\bsim\b.*\b0\s+0\s+\d+", report), report  # nothing new, nothing changed
        assert "extracted 0" in report


def test_the_demo_simulator_port_comes_from_its_portals(tmp_path: Path) -> None:
    path = tmp_path / "portals.yaml"
    assert simulator_port(path, {("127.0.0.1", 8765)}) == 8765
    for addresses in ({("127.0.0.1", 8765), ("127.0.0.1", 8766)}, {("www.gov.cn", None)}, {("127.0.0.1", None)}):
        with pytest.raises(DemoError, match="simulator"):
            simulator_port(path, addresses)
