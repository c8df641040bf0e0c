"""One crawl at a time per data directory, across processes (the CLI, the scheduler, the API).

Two crawls writing one raw store would interleave runs of the same portal, so a crawl holds an
exclusive lock file under the data directory. The lock is the kernel's (flock): a crashed or killed
holder releases it automatically, so a stale lock never blocks the next run.
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class CrawlBusy(RuntimeError):
    """Another crawl holds this data directory."""


@contextmanager
def crawl_lock(data_dir: Path) -> Iterator[Path]:
    path = Path(data_dir) / "raw" / "crawl.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise CrawlBusy(f"{path}: another crawl is running on this data directory (pid {holder})") from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        os.close(descriptor)  # closing releases the lock
