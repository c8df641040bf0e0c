"""The consistency rules of metrics.yaml, each passing and failing, and how blanks and gaps count."""
from __future__ import annotations

import pytest

from extractor.catalog import catalog
from extractor.checks import RULES, evaluate_checks, evaluate_series

COLUMNS = catalog().t3_column_ids


def t3(rows: dict[str, list]) -> dict:
    return {f"t3.{row}.{c}": v for row, values in rows.items() for c, v in zip(COLUMNS, values)}


def consistent_2019() -> dict:
    """A table 3 and table 4 that obey every rule: 5 new + 1 carried over = 5 handled + 1 carried forward."""
    zero = [0] * 7
    rows = {row: zero for row in catalog().t3_rows("2019")}
    rows.update({"new": [4, 1, 0, 0, 0, 0, 5], "carried_over": [1, 0, 0, 0, 0, 0, 1],
                 "granted": [3, 0, 0, 0, 0, 0, 3], "unable.not_held": [1, 1, 0, 0, 0, 0, 2],
                 "total": [4, 1, 0, 0, 0, 0, 5], "carried_forward": [1, 0, 0, 0, 0, 0, 1]})
    t4 = dict(zip(catalog().t4_ids, [1, 0, 1, 0, 2] + [0] * 4 + [0] + [0, 0, 0, 1, 1]))
    return {**t3(rows), **t4}


def by_key(checks: list[dict]) -> dict[tuple[str, str], dict]:
    return {(c["id"], c["scope"]): c for c in checks}


def test_every_rule_of_metrics_yaml_is_evaluated_here():
    assert set(RULES) == {check.id for check in catalog().checks}


def test_a_consistent_report_passes_every_rule_in_every_scope():
    checks = evaluate_checks(consistent_2019(), "2019")
    assert all(c["ok"] for c in checks), [c for c in checks if not c["ok"]]
    counts = {rule: sum(c["id"] == rule for c in checks) for rule in ("t3.balance", "t3.outcome_sum",
                                                                        "t3.column_sum", "t4.group_sum")}
    assert counts == {"t3.balance": 7, "t3.outcome_sum": 7, "t3.column_sum": 23, "t4.group_sum": 3}
    assert set(by_key(checks)[("t3.balance", "total")]["metrics"]) == {
        "t3.new.total", "t3.carried_over.total", "t3.total.total", "t3.carried_forward.total"}


@pytest.mark.parametrize("change, failing", [
    ({"t3.granted.total": 4}, {("t3.column_sum", "granted"), ("t3.outcome_sum", "total")}),
    ({"t3.carried_forward.natural_person": 2},
     {("t3.balance", "natural_person"), ("t3.column_sum", "carried_forward")}),
    ({"t3.new.business": 2, "t3.new.total": 6}, {("t3.balance", "business"), ("t3.balance", "total")}),
    ({"t4.litigation_direct.pending": 1}, {("t4.group_sum", "litigation_direct")}),
])
def test_each_rule_fails_where_the_source_breaks_it(change, failing):
    checks = evaluate_checks({**consistent_2019(), **change}, "2019")
    assert {key for key, c in by_key(checks).items() if not c["ok"]} == failing


def test_the_detail_shows_the_numbers_of_the_failure():
    metrics = {**consistent_2019(), "t3.granted.total": 4}
    detail = by_key(evaluate_checks(metrics, "2019"))[("t3.column_sum", "granted")]["detail"]
    assert detail == "予以公开 row: 3 + 0 + 0 + 0 + 0 + 0 != 4"
    balance = by_key(evaluate_checks({**metrics, "t3.carried_forward.total": None}, "2019"))[("t3.balance", "total")]
    assert balance["detail"] == "总计 column: 5 + 1 != 5 + blank" and not balance["ok"]


def test_blank_counts_0_but_an_all_blank_scope_and_a_missing_value_are_not_evaluated():
    metrics = consistent_2019()
    metrics.update({f"t3.granted.{c}": None for c in COLUMNS[1:]})                 # blanks where 0 stood
    metrics.update({f"t3.partial.{c}": None for c in COLUMNS})                      # a row left all blank
    del metrics["t3.unable.unclear.research"]                                       # a cell left out
    metrics["t3.unable.unclear.total"] = None
    checks = by_key(evaluate_checks(metrics, "2019"))
    assert checks[("t3.column_sum", "granted")]["ok"] is False  # 3 against a blank total
    assert ("t3.column_sum", "partial") not in checks
    assert ("t3.column_sum", "unable.unclear") not in checks and ("t3.outcome_sum", "research") not in checks
    assert checks[("t3.outcome_sum", "natural_person")]["ok"]


def test_the_2021_table_adds_its_three_other_rows_to_the_outcomes():
    metrics = consistent_2019()
    for column in COLUMNS:
        metrics.pop(f"t3.other.{column}")
        metrics.update({f"t3.{row}.{column}": 0 for row in ("other.no_correction", "other.no_fee", "other.other")})
    metrics.update({"t3.other.no_fee.natural_person": 1, "t3.other.no_fee.total": 1,
                    "t3.granted.natural_person": 2, "t3.granted.total": 2})
    checks = evaluate_checks(metrics, None)  # the template is told from the sub-rows
    assert all(c["ok"] for c in checks), [c for c in checks if not c["ok"]]
    outcome = by_key(checks)[("t3.outcome_sum", "natural_person")]
    assert "t3.other.no_fee.natural_person" in outcome["metrics"]
    assert sum(c["id"] == "t3.column_sum" for c in checks) == 25


def test_no_tables_no_checks():
    assert evaluate_checks({}, None) == []


def record(year: int, valid: int, made: int, repealed: int, carried_over: int, carried_forward: int) -> dict:
    metrics = {"t2.normative_docs.valid": valid, "t2.normative_docs.made": made, "t2.normative_docs.repealed": repealed,
               "t3.carried_over.natural_person": carried_over, "t3.carried_forward.natural_person": carried_forward}
    return {"id": f"r{year}", "year": year, "metrics": metrics}


def test_series_rules_pass_and_fail_across_adjacent_years():
    records = [record(2021, 60, 10, 2, 0, 3), record(2022, 66, 8, 2, 3, 1), record(2023, 70, 5, 0, 2, 0),
               record(2025, 70, 0, 0, 0, 0)]
    checks = evaluate_series(records)
    by_years = {(c["id"], c["scope"], tuple(c["years"])): c for c in checks}
    assert by_years[("t2.valid_progress", "normative_docs", (2021, 2022))]["ok"]        # 60 + 8 - 2 = 66
    assert not by_years[("t2.valid_progress", "normative_docs", (2022, 2023))]["ok"]    # 66 + 5 - 0 != 70
    assert by_years[("t3.carry_chain", "natural_person", (2021, 2022))]["ok"]           # 3 carried to 2022
    bad = by_years[("t3.carry_chain", "natural_person", (2022, 2023))]
    assert not bad["ok"] and bad["records"] == ["r2022", "r2023"] and bad["detail"] == "自然人 column 2022→2023: 1 != 2"
    assert not any(2025 in c["years"] for c in checks)  # no 2024 report: nothing to chain to
    assert by_years[("t2.valid_progress", "normative_docs", (2022, 2023))]["detail"] == \
        "规范性文件 / 行政规范性文件 2022→2023: 70 != 66 + 5 - 0"
