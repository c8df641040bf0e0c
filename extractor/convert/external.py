"""Running the external programs some formats need (LibreOffice, pdftotext, tesseract).

Each runs in its own process group with a time limit, so a hung converter is killed with every
child it spawned (soffice forks) and the batch goes on; a program that is not installed, or that
fails, becomes a ConversionError naming the file and saying what to install.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

from extractor.document import ConversionError


def require(program: str, name: str, purpose: str, package: str) -> str:
    """The path of `program`, or a ConversionError telling how to install it."""
    path = shutil.which(program)
    if path is None:
        raise ConversionError(f"{name}: {purpose} needs {program}, which is not installed "
                              f"(Debian package: {package})")
    return path


def run(args: list[str], name: str, timeout: float, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a program to completion; ConversionError when it times out or exits non-zero."""
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               cwd=cwd, env=env, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ConversionError(f"{name}: {Path(args[0]).name} did not finish within {timeout:.0f} s") from None
    if process.returncode != 0:
        detail = stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise ConversionError(f"{name}: {Path(args[0]).name} failed (exit {process.returncode})"
                              + (f": {detail[-1]}" if detail else ""))
    return subprocess.CompletedProcess(args, process.returncode, stdout, stderr)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()
