"""The consistency rules of `metrics.yaml`, evaluated on what the tables say.

A report that breaks a rule is still stored as it is: the failure is a finding about the source,
listed beside the record (and the cells it involves marked on the web page), never "fixed".

How a rule meets missing and blank values: a value that could not be read (an absent id) means
the rule cannot be evaluated for that column, row or group; a blank cell (null) counts as 0, as
the template's arithmetic does, except that a rule whose every value is blank says nothing and is
not evaluated. So a blank 总计 beside rows that hold numbers fails (shanghai_office_2019).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from extractor.catalog import catalog
from extractor.tables.labels import item_name, row_name

BALANCE, OUTCOME_SUM, COLUMN_SUM, GROUP_SUM = "t3.balance", "t3.outcome_sum", "t3.column_sum", "t4.group_sum"
VALID_PROGRESS, CARRY_CHAIN = "t2.valid_progress", "t3.carry_chain"
# The rules this module evaluates; a test holds them equal to the `checks` of metrics.yaml.
RULES = (BALANCE, OUTCOME_SUM, COLUMN_SUM, GROUP_SUM, VALID_PROGRESS, CARRY_CHAIN)

# A sum of more terms than this is shown as its total in a check's detail.
MAX_TERMS_SHOWN = 6


@dataclass(frozen=True)
class Term:
    metric_id: str
    value: int | float | None
    sign: int = 1


def evaluate_checks(metrics: dict[str, Any], t3_template: str | None) -> list[dict[str, Any]]:
    """Every single-report rule that can be evaluated, one entry per column, row or group."""
    template = t3_template or _t3_template_of(metrics)
    rows = catalog().t3_rows(template)
    columns = catalog().t3_column_ids
    outcomes = rows[rows.index("carried_over") + 1:rows.index("total")]
    column_names = catalog().t3_columns
    results: list[dict[str, Any] | None] = []
    for column in columns:
        where = f"{column_names[column]} column"
        results.append(_check(BALANCE, column, where,
                              _terms(metrics, [f"t3.new.{column}", f"t3.carried_over.{column}"]),
                              _terms(metrics, [f"t3.total.{column}", f"t3.carried_forward.{column}"])))
        results.append(_check(OUTCOME_SUM, column, where,
                              _terms(metrics, [f"t3.{row}.{column}" for row in outcomes]),
                              _terms(metrics, [f"t3.total.{column}"])))
    for row in rows:
        results.append(_check(COLUMN_SUM, row, f"{row_name(row)} row",
                              _terms(metrics, [f"t3.{row}.{column}" for column in columns[:-1]]),
                              _terms(metrics, [f"t3.{row}.{columns[-1]}"])))
    results_of_group = list(catalog().t4_results)
    for group, group_name in catalog().t4_groups.items():
        results.append(_check(GROUP_SUM, group, group_name,
                              _terms(metrics, [f"t4.{group}.{r}" for r in results_of_group[:-1]]),
                              _terms(metrics, [f"t4.{group}.{results_of_group[-1]}"])))
    return [result for result in results if result is not None]


def evaluate_series(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The cross-year rules over the records of one organisation, for each pair of adjacent years.

    Each entry names the two years (and the two records' ids when they have one), so a failure can
    be shown on both reports.
    """
    by_year: dict[int, list[dict[str, Any]]] = {}
    for record in records:
        if isinstance(record.get("year"), int):
            by_year.setdefault(record["year"], []).append(record)
    results: list[dict[str, Any]] = []
    for year in sorted(by_year):
        for before in by_year.get(year - 1, []):
            for after in by_year[year]:
                results += _pair_checks(before, after, year)
    return results


def _pair_checks(before: dict[str, Any], after: dict[str, Any], year: int) -> list[dict[str, Any]]:
    old, new = before.get("metrics") or {}, after.get("metrics") or {}
    checks: list[dict[str, Any] | None] = []
    for item, columns in catalog().t2_items("2021").items():
        if "valid" not in columns:
            continue
        ids = [f"t2.{item}.{column}" for column in ("valid", "made", "repealed")]
        checks.append(_check(VALID_PROGRESS, item, f"{item_name(item)} {year - 1}→{year}",
                             _terms(new, ids[:1]),
                             _all(_terms(old, ids[:1]), _terms(new, ids[1:2]), _terms(new, ids[2:], sign=-1))))
    column_names = catalog().t3_columns
    for column in catalog().t3_column_ids:
        checks.append(_check(CARRY_CHAIN, column, f"{column_names[column]} column {year - 1}→{year}",
                             _terms(old, [f"t3.carried_forward.{column}"]),
                             _terms(new, [f"t3.carried_over.{column}"])))
    ids = [record.get("id") for record in (before, after)]
    return [{**check, "years": [year - 1, year], **({"records": ids} if all(ids) else {})}
            for check in checks if check is not None]


def _terms(metrics: dict[str, Any], ids: list[str], sign: int = 1) -> list[Term] | None:
    """The values of `ids`, or None when one of them was not read (the rule cannot be evaluated)."""
    if any(metric_id not in metrics for metric_id in ids):
        return None
    return [Term(metric_id, metrics[metric_id], sign) for metric_id in ids]


def _all(*parts: list[Term] | None) -> list[Term] | None:
    """Terms from several records together; None when any part could not be read."""
    return None if any(part is None for part in parts) else [term for part in parts for term in part]


def _check(check_id: str, scope: str, where: str, left: list[Term] | None,
           right: list[Term] | None) -> dict[str, Any] | None:
    if left is None or right is None or all(term.value is None for term in left + right):
        return None
    left_sum, right_sum = _sum(left), _sum(right)
    ok = abs(left_sum - right_sum) < 1e-6
    detail = f"{where}: {_show(left, left_sum)} {'==' if ok else '!='} {_show(right, right_sum)}"
    return {"id": check_id, "ok": ok, "scope": scope, "detail": detail,
            "metrics": [term.metric_id for term in left + right]}


def _sum(terms: list[Term]) -> int | float:
    return sum(term.sign * (term.value or 0) for term in terms)


def _show(terms: list[Term], total: int | float) -> str:
    if len(terms) > MAX_TERMS_SHOWN:
        return f"the sum of {len(terms)} rows {_number(total)}"
    shown = ""
    for i, term in enumerate(terms):
        value = "blank" if term.value is None else _number(term.value)
        shown += (value if i == 0 else f" {'-' if term.sign < 0 else '+'} {value}")
    return shown


def _number(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _t3_template_of(metrics: dict[str, Any]) -> str:
    """The table 3 template the metrics come from: 2021 when one of its （六） sub-rows is there."""
    only_2021 = set(catalog().t3_rows("2021")) - set(catalog().t3_rows("2019"))
    found = any(f"t3.{row}.{column}" in metrics for row in only_2021 for column in catalog().t3_column_ids)
    return "2021" if found else "2019"
