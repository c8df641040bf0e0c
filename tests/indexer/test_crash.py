"""A killed indexing process leaves the index as it was before the batch in flight (SQLite)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from corpus import dev_records

from indexer.query import MetricQuery, SearchQuery
from indexer.sqlite import SqliteIndex
BATCH = 20

# The writer indexes 2.5 batches of dev records under fresh ids; once the second batch's
# transaction holds half its reports it says so and stalls, and the test kills it there.
WRITER = f"""
import sys, time
sys.path.insert(0, {str(Path(__file__).parent)!r})
from corpus import dev_records
from indexer.sqlite import SqliteIndex, writes
BATCH = {BATCH}

base = dev_records()
records = [dict(base[i % len(base)], id=f"copy-{{i}}") for i in range(BATCH * 5 // 2)]
real_upsert, written = writes.upsert, []

def upsert_then_stall(connection, report, *rest):
    outcome = real_upsert(connection, report, *rest)
    written.append(report.id)
    if len(written) == BATCH + BATCH // 2:
        print("inside the second batch", flush=True)
        time.sleep(120)
    return outcome

writes.upsert = upsert_then_stall
SqliteIndex(sys.argv[1], batch_size=BATCH).put(records)
"""


def test_a_process_killed_mid_batch_leaves_a_readable_consistent_index(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    try:
        assert writer.stdout.readline().strip() == "inside the second batch"
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL

    index = SqliteIndex(path, batch_size=BATCH)
    connection = index._connection()
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.execute("INSERT INTO fts (fts) VALUES ('integrity-check')")  # raises if the text index is corrupt
    assert index.stats()["reports"] == BATCH  # the first batch, whole; nothing of the second
    ids = {record["id"] for record in index.records()}
    assert ids == {f"copy-{i}" for i in range(BATCH)}
    base = dev_records()
    expected_sum = sum(base[i % len(base)]["metrics"].get("t3.new.total") or 0 for i in range(BATCH))
    assert index.metrics(MetricQuery(("t3.new.total",))).groups[0].values["t3.new.total"]["sum"] == expected_sum
    assert index.search(SearchQuery("公开", size=0)).total == BATCH

    # and the index takes the interrupted work again
    summary = index.put([dict(base[i % len(base)], id=f"copy-{i}") for i in range(BATCH * 5 // 2)])
    assert (summary.unchanged, summary.added) == (BATCH, BATCH * 3 // 2)
    index.close()
