"""Upserts: idempotent, newest fetch wins, bad records refused one by one, deletes, exports."""
from __future__ import annotations

import json

from corpus import by_stem, constructed, dev_records

from indexer.base import Index
from indexer.query import Filters, MetricQuery, SearchQuery


def snapshot(index: Index) -> str:
    """Everything a user can see of the index, as one string."""
    search = index.search(SearchQuery("公开 工作", size=100)).to_json()
    metrics = index.metrics(MetricQuery(("t3.new.total", "t4.review.total"), group_by="province", reports=True))
    exported = list(index.records())
    return json.dumps([search, metrics.to_json(), exported, index.stats()], ensure_ascii=False, sort_keys=True)


def test_indexing_the_same_records_again_changes_nothing(make_index) -> None:
    index = make_index()
    index.put(dev_records())
    before = snapshot(index)
    summary = index.put(dev_records())
    assert summary.to_json() == {"added": 0, "updated": 0, "unchanged": 9, "skipped_older": 0, "failed": 0,
                                 "errors": []}
    assert snapshot(index) == before


def test_get_returns_the_record_as_it_was_put(make_index) -> None:
    index = make_index()
    records = dev_records()
    index.put(records)
    assert index.get(records[3]["id"]) == records[3]
    assert index.get("no-such-id") is None
    assert [r["id"] for r in index.records(Filters(year=2024))] == sorted(r["id"] for r in records if r["year"] == 2024)


def test_a_newer_fetch_replaces_and_an_older_one_never_overwrites(make_index) -> None:
    index = make_index()
    original = by_stem(dev_records(), "huaian_2024")
    index.put([original])
    newer = json.loads(json.dumps(original))
    newer["source"]["fetched_at"] = "2024-06-01T08:00:00+00:00"
    for field in ("text", "title", "organization"):
        newer[field] = newer[field].replace("淮安", "淮阴")
    newer["metrics"]["t3.new.total"] = 3120
    older = json.loads(json.dumps(original))
    older["source"]["fetched_at"] = "2023-01-01T08:00:00+08:00"
    older["title"] = "an old copy"

    assert index.put([newer]).updated == 1
    assert index.put([older]).skipped_older == 1
    assert index.get(original["id"]) == newer
    assert index.search(SearchQuery("淮阴")).total == 1
    assert index.search(SearchQuery("淮安")).total == 0  # the old terms are gone
    total = index.metrics(MetricQuery(("t3.new.total",))).groups[0].values["t3.new.total"]
    assert total["sum"] == 3120 and total["count"] == 1

    # in one batch, in either order, the newest copy is what stays
    both = make_index()
    summary = both.put([newer, older, original])
    assert (summary.added, summary.skipped_older) == (1, 2) and both.get(original["id"]) == newer


def test_equal_fetch_times_let_a_re_extraction_replace_the_record(make_index) -> None:
    index = make_index()
    record = constructed("a", "行政复议一件。")
    index.put([record])
    record["problems"] = ["公开栏目更新不及时"]
    assert index.put([record]).updated == 1 and index.get("a")["problems"] == ["公开栏目更新不及时"]


def test_a_bad_record_is_refused_with_its_id_and_the_rest_are_indexed(make_index) -> None:
    index = make_index()
    good = constructed("good", "行政复议一件。")
    bad = [
        "not a record",
        {"title": "no id"},
        constructed("failed", "", error="x.pdf: cannot read: permission denied"),
        constructed("unknown-metric", "文本", metrics={"t9.made.up": 1}),
        constructed("text-number", "文本", metrics={"t3.new.total": "12件"}),
        constructed("bad-time", "文本", source={"fetched_at": "yesterday"}),
        constructed("bad-level", "文本", admin_level="village"),
        constructed("bad-year", "文本", year="2020"),
    ]
    summary = index.put([bad[0], good, *bad[1:]])
    assert summary.added == 1 and summary.failed == len(bad)
    messages = "\n".join(summary.errors)
    for expected in ("record 0: a record is a JSON object", "record 2: `id` must be", "record failed: not indexed, "
                     "its extraction failed: x.pdf", "record unknown-metric: metric 't9.made.up' is not in the catalog",
                     "record text-number: metric t3.new.total is '12件'", "record bad-time: `source.fetched_at`",
                     "record bad-level: `admin_level` 'village'", "record bad-year: `year` must be int"):
        assert expected in messages
    assert index.stats()["reports"] == 1 and index.get("good") == good


def test_delete_removes_a_report_from_every_answer(make_index) -> None:
    index = make_index()
    records = dev_records()
    index.put(records)
    kewei = by_stem(records, "kewei_2024")
    assert index.delete([kewei["id"], "no-such-id"]) == 1
    assert index.get(kewei["id"]) is None
    assert kewei["id"] not in [h.id for h in index.search(SearchQuery("科委", size=100)).hits]
    result = index.metrics(MetricQuery(("t3.new.total",), Filters(province="上海市")))
    assert result.groups[0].values["t3.new.total"]["count"] == 1
    assert index.stats()["reports"] == 8
    assert index.put([kewei]).added == 1


def test_sqlite_readers_see_another_writers_commits(tmp_path) -> None:
    """The in-memory facet columns are read again after any process writes (here: a second handle)."""
    from indexer.sqlite import SqliteIndex

    reader, writer = SqliteIndex(tmp_path / "index.sqlite3"), SqliteIndex(tmp_path / "index.sqlite3")
    writer.put([constructed("a", "行政复议一件。", year=2020)])
    assert reader.search(SearchQuery("", Filters(year=2020))).total == 1
    writer.put([constructed("b", "行政复议两件。", year=2020), constructed("c", "无。", year=2022)])
    writer.delete(["a"])
    result = reader.search(SearchQuery("行政复议"))
    assert [h.id for h in result.hits] == ["b"] and result.facets["year"] == {"2020": 1}
    assert reader.search(SearchQuery("")).facets["year"] == {"2020": 1, "2022": 1}
    reader.close()
    writer.close()
