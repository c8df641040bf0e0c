"""The embedded backend's shortcuts keep its answers: what it leaves out of ranking and matching,
the term counts they rest on, and the token spans it forgets a text by (see indexer/sqlite/search.py)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from corpus import constructed, dev_records

from indexer.analysis import analyze, pack_spans, stream_of
from indexer.query import Filters, SearchQuery
from indexer.sqlite import SqliteIndex

# a word in every report's text (栏目), one in most (平台), and rarer ones, at various counts and lengths;
# `constructed` titles all hold 政府信息公开工作年度报告, so those words are in every report too
REPORTS = [
    ("a", "栏目更新及时。政策解读三篇，政策解读会一场。平台运行有序。", 2019),
    ("b", "栏目规范，平台稳定。" * 6 + "政策解读一篇。", 2023),
    ("c", "栏目调整。政策解读。" + "平台维护正常开展。" * 12, 2021),
    ("d", "栏目和平台。新闻发布会两场。", 2020),
    ("e", "栏目。新闻发布会一场，平台人员参加。", 2022),
    ("f", "栏目建设规范，平台有序。", 2022),
    ("g", "栏目建设。", 2018),
]


def index_of(tmp_path: Path, name: str, small_index: int) -> SqliteIndex:
    index = SqliteIndex(tmp_path / name / "index.sqlite3", small_index=small_index)
    index.put([constructed(record_id, text, year=year) for record_id, text, year in REPORTS])
    return index


@pytest.fixture
def large_and_exact(tmp_path: Path):
    """The same reports under the large-index rules (small_index=3) and with every term scored."""
    large, exact = index_of(tmp_path, "large", 3), index_of(tmp_path, "exact", 10**6)
    yield large, exact
    large.close()
    exact.close()


@pytest.mark.parametrize("text", ["政策解读", "栏目 政策解读", "平台 新闻发布会", "公开 平台 政策解读", '"政策解读"'])
def test_leaving_out_the_words_of_most_reports_changes_no_order_and_no_shown_score(large_and_exact, text) -> None:
    large, exact = large_and_exact
    for filters in (Filters(), Filters(year_from=2020)):
        scored = large.search(SearchQuery(text, filters)).to_json()
        everything = exact.search(SearchQuery(text, filters)).to_json()
        assert [h["id"] for h in scored["hits"]] == [h["id"] for h in everything["hits"]]
        assert [h["score"] for h in scored["hits"]] == pytest.approx([h["score"] for h in everything["hits"]],
                                                                     abs=1e-4)
        assert scored["hits"][0]["score"] > 0 and (scored["total"], scored["facets"]) == (
            everything["total"], everything["facets"])


def test_a_query_of_words_most_reports_hold_is_listed_newest_first(large_and_exact) -> None:
    large, exact = large_and_exact
    listed = large.search(SearchQuery("栏目 平台"))
    assert [(h.id, h.score) for h in listed.hits] == [
        ("b", None), ("e", None), ("f", None), ("c", None), ("d", None), ("a", None)]
    assert all(h.score > 0 for h in exact.search(SearchQuery("栏目 平台")).hits)  # a small index ranks them all


def test_a_term_every_report_holds_is_dropped_from_the_match_but_one_almost_every_report_holds_is_not(
        tmp_path: Path) -> None:
    index = index_of(tmp_path, "large", 3)
    assert index.search(SearchQuery("栏目 政策解读")).total == index.search(SearchQuery("政策解读")).total == 3
    index.put([constructed("h", "政策解读两篇。", year=2024)])  # now 栏目 misses one report
    assert sorted(h.id for h in index.search(SearchQuery("栏目 政策解读")).hits) == ["a", "b", "c"]
    assert index.search(SearchQuery("政策解读")).total == 4
    index.close()


def expected_term_counts(records: list[dict]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for record in records:
        counts.update({term for field in ("title", "organization", "text")
                       for term in analyze(record.get(field) or "").terms.split()})
    return counts


def test_term_counts_follow_adds_updates_and_deletes(tmp_path: Path) -> None:
    index = SqliteIndex(tmp_path / "index.sqlite3")
    records = dev_records()
    index.put(records)
    updated = dict(records[0], text=records[0]["text"].replace("公开", "发布") + "新增一段关于公示栏的说明。",
                   source={**records[0]["source"], "fetched_at": "2024-09-01T08:00:00+00:00"})
    assert index.put([updated]).updated == 1
    assert index.delete([records[1]["id"]]) == 1
    stored = dict(index._connection().execute("SELECT term, docs FROM term_docs"))
    assert stored == expected_term_counts([updated, *records[2:]])
    index.close()


@pytest.mark.parametrize("text", [
    *(record["text"] for record in dev_records()),
    "ABC公司" + "。" * 40000 + "依申请公开" + "x" * 300,  # a gap and a word too long for the narrow format
    "",
])
def test_a_texts_token_stream_is_read_back_exactly_from_its_spans(text: str) -> None:
    """The embedded index forgets a report's old text by this stream: it must be the indexed one."""
    analysis = analyze(text)
    assert stream_of(text, pack_spans(analysis)) == analysis.terms


def test_a_phrase_needs_its_words_in_order_after_the_first_words_parts_are_left_out(tmp_path: Path) -> None:
    index = SqliteIndex(tmp_path / "index.sqlite3")
    index.put([constructed("a", "今年依申请公开工作规范有序。"), constructed("b", "依申请公开的工作有序。"),
               constructed("c", "工作依申请公开。")])
    assert [h.id for h in index.search(SearchQuery('"依申请公开工作"')).hits] == ["a"]
    (hit,) = index.search(SearchQuery('"依申请公开工作"')).hits
    assert "<em>依申请公开工作</em>" in hit.highlights[0]
    index.close()
