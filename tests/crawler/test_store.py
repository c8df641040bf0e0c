"""The raw store: content-addressed blobs, a version per change, nothing overwritten, runs that resume."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from crawler.sim.content import load_sample
from crawler.sim.render import render_docx, render_pdf
from crawler.store import FetchedDocument, RawStore

URL = "http://x.gov.cn/nb/202101/P020210118123.pdf"


@pytest.fixture(scope="module")
def two_versions() -> tuple[bytes, bytes]:
    """A real report as PDF, then the same report corrected (another PDF)."""
    sample = load_sample("002_f592ee913005bca5")
    first = render_pdf(sample.content)
    sample.content.blocks.append("（更正说明：第二部分数据有误，现予更正。）")
    return first, render_pdf(sample.content)


def fetched(body: bytes, url: str = URL, **extra: str) -> FetchedDocument:
    return FetchedDocument(url=url, portal="p", role="attachment", body=body, content_type="application/pdf", **extra)


def test_versions_accumulate_and_old_bytes_survive(tmp_path: Path, two_versions: tuple[bytes, bytes]) -> None:
    first, corrected = two_versions
    with RawStore(tmp_path) as store:
        run = store.begin_run("p")
        assert store.record_fetch(fetched(first, etag='"a"'), run.id) == "new"
        assert store.record_fetch(fetched(first, etag='"a"'), run.id) == "unchanged"
        store.finish_run(run.id)
        second = store.begin_run("p")
        assert store.record_fetch(fetched(corrected, etag='"b"'), second.id) == "changed"
        history = store.history(URL)
        assert [(v.number, v.run_id) for v in history] == [(1, run.id), (2, second.id)]
        assert store.read_blob(history[0].sha256) == first and store.read_blob(history[1].sha256) == corrected
        assert store.blob_path(history[0].sha256).name == hashlib.sha256(first).hexdigest()
        assert store.document(URL).etag == '"b"' and store.document(URL).sha256 == history[1].sha256
        counts = store.run_counts(second.id)
        assert (counts.new, counts.changed, counts.unchanged) == (0, 1, 0)


def test_same_bytes_at_two_urls_are_stored_once(tmp_path: Path, two_versions: tuple[bytes, bytes]) -> None:
    with RawStore(tmp_path) as store:
        run = store.begin_run("p")
        store.record_fetch(fetched(two_versions[0]), run.id)
        store.record_fetch(fetched(two_versions[0], url=URL + "?mirror=1"), run.id)
        assert len(list((tmp_path / "raw" / "blobs").rglob("*"))) == 2  # one folder, one blob


def test_a_failure_keeps_the_document_and_its_versions(tmp_path: Path, two_versions: tuple[bytes, bytes]) -> None:
    with RawStore(tmp_path) as store:
        run = store.begin_run("p")
        store.record_fetch(fetched(two_versions[0]), run.id)
        store.record_failure(run.id, URL, "HTTP 404", blocked=False, status="404")
        assert store.document(URL).last_status == "404"
        assert len(store.history(URL)) == 1 and store.read_blob(store.history(URL)[0].sha256) == two_versions[0]
        assert store.run_counts(run.id).failures == [{"url": URL, "reason": "HTTP 404", "blocked": False}]


def test_unfinished_run_is_resumed_finished_run_is_not(tmp_path: Path) -> None:
    with RawStore(tmp_path) as store:
        first = store.begin_run("p")
        resumed = store.begin_run("p")  # no finish_run: the process died
        assert resumed.id == first.id and resumed.resumed
        assert store.begin_run("other").id != first.id
        store.finish_run(first.id)
        assert store.begin_run("p").id != first.id


def test_pending_versions_are_the_current_unconsumed_ones(tmp_path: Path, two_versions: tuple[bytes, bytes]) -> None:
    first, corrected = two_versions
    with RawStore(tmp_path) as store:
        run = store.begin_run("p")
        store.record_fetch(fetched(first), run.id)
        store.record_fetch(fetched(corrected), run.id)  # replaced before anyone consumed version 1
        pending = store.pending_versions(["p"])
        assert [v.number for v in pending] == [2]
        store.mark_processed(pending[0].id)
        assert store.pending_versions(["p"]) == [] and store.pending_versions(["q"]) == []


def test_damaged_blob_is_an_error_not_silent_garbage(tmp_path: Path) -> None:
    docx = render_docx(load_sample("kewei_2024").content)
    with RawStore(tmp_path) as store:
        sha256 = store.put_blob(docx)
        store.blob_path(sha256).write_bytes(docx[:-10])
        with pytest.raises(OSError, match="do not match their sha256"):
            store.read_blob(sha256)
