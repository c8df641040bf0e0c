"""The table readers on real documents: the dev reports against their gold, and reports rendered to
DOCX, PDF and HTML by the test support, all through the real converters (`convert_bytes`)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.sim.render import ReportContent, render_docx, render_html, render_pdf
from extractor.catalog import catalog
from extractor.checks import evaluate_checks
from extractor.convert import convert_bytes, detect_format
from extractor.tables import read_tables
from extractor.tables.labels import item_name, row_name

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "samples" / "reports"
GOLD = ROOT / "samples" / "gold"


def read(path: Path):
    data = path.read_bytes()
    return read_tables(convert_bytes(data, path.name, detect_format(data, path.name)))


@pytest.fixture(scope="module")
def dev_readings() -> dict[str, tuple]:
    """Each dev report read from the source the shared scorer uses (the first by name: .pdf before .txt)."""
    readings = {}
    for gold_path in sorted(GOLD.glob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        source = sorted(REPORTS.glob(stem + ".*"))[0]
        readings[stem] = (read(source), json.loads(gold_path.read_text(encoding="utf-8"))["metrics"])
    return readings


def same(got, want) -> bool:
    return got is None and want is None or None not in (got, want) and abs(got - want) <= 0.5


def test_dev_reports_table_cells_match_the_gold(dev_readings):
    right = total = 0
    for stem, (reading, gold) in dev_readings.items():
        wrong = {k: (reading.metrics[k], v) for k, v in gold.items() if k in reading.metrics
                 and not same(reading.metrics[k], v)}
        assert not wrong, (stem, wrong)  # never a wrong number: unreadable cells are left out
        right += sum(1 for k in gold if k in reading.metrics)
        total += len(gold)
    assert total > 1500 and right / total >= 0.99, f"{right}/{total}"


def test_every_cell_left_out_of_a_dev_report_is_explained_by_a_warning(dev_readings):
    for stem, (reading, gold) in dev_readings.items():
        for metric_id in (k for k in gold if k not in reading.metrics):
            table, row = metric_id.split(".")[0], metric_id.rsplit(".", 1)[0].split(".", 1)[1]
            name = {"t2": lambda: item_name(row), "t3": lambda: row_name(row), "t4": lambda: "table 4"}[table]()
            assert any(name in warning for warning in reading.warnings), (stem, metric_id, reading.warnings)


def test_dev_report_templates_are_told_per_table(dev_readings):
    assert dev_readings["huaian_2024"][0].templates == {2: "2021", 3: "2021", 4: "2021"}
    assert dev_readings["shanghai_office_2019"][0].templates == {2: "2019", 3: "2019", 4: "2019"}
    assert dev_readings["pingtan_2018"][0].metrics == {}  # a 2018 report: free-form, no standard tables


def test_kewei_rows_that_lost_their_labels_are_placed_by_template_order(dev_readings):
    reading, gold = dev_readings["kewei_2024"]
    assert reading.metrics["t3.unable.needs_creation.total"] == gold["t3.unable.needs_creation.total"] == 6
    assert sum("placed by template order" in w for w in reading.warnings) == 5


def test_shanghai_checks_fail_exactly_where_the_gold_notes_say(dev_readings):
    """NOTES.md: column_sum fails for the outcome rows with values against a blank 总计 (the notes say
    12; the gold has 11 such rows), outcome_sum fails for 总计; every other check passes when blanks
    count as 0."""
    reading, _ = dev_readings["shanghai_office_2019"]
    checks = evaluate_checks(reading.metrics, reading.templates[3])
    failed = {(c["id"], c["scope"]) for c in checks if not c["ok"]}
    rows_with_values = {"granted", "partial", "denied.state_secret", "denied.internal_affairs", "denied.process_info",
                        "denied.query_matter", "unable.not_held", "unable.needs_creation", "unable.unclear",
                        "not_processed.petition", "not_processed.duplicate"}
    assert failed == {("t3.column_sum", row) for row in rows_with_values} | {("t3.outcome_sum", "total")}
    # 科研机构 and 社会公益组织 are blank in all four rows of the balance: nothing to evaluate there
    balance = {c["scope"] for c in checks if c["id"] == "t3.balance"}
    assert balance == {"natural_person", "business", "legal_service", "other_org", "total"}


@pytest.mark.parametrize("render", [render_docx, render_pdf, render_html], ids=["docx", "pdf", "html"])
def test_the_shanghai_tables_survive_rendering_to_other_formats(render, shanghai_content: ReportContent):
    """Blank cells and merged headers drawn in a real DOCX, PDF or GBK page come back as the same cells."""
    data = render(shanghai_content)
    name = f"shanghai.{render.__name__.split('_')[1]}"
    reading = read_tables(convert_bytes(data, name, detect_format(data, name)))
    gold = json.loads((GOLD / "shanghai_office_2019.gold.json").read_text(encoding="utf-8"))["metrics"]
    assert {k: reading.metrics.get(k, "missing") for k in gold} == gold


def test_a_rendered_2021_report_in_docx_and_gbk_html(standard_docx, standard_html_gbk, standard_values):
    rows, table4 = standard_values
    columns = catalog().t3_column_ids
    for name, data in (("qingshan.docx", standard_docx), ("qingshan.html", standard_html_gbk)):
        reading = read_tables(convert_bytes(data, name, detect_format(data, name)))
        assert reading.templates[3] == "2021"
        for row, values in zip(catalog().t3_rows("2021"), rows):
            assert [reading.metrics[f"t3.{row}.{c}"] for c in columns] == [int(v) for v in values], (name, row)
        assert [reading.metrics[i] for i in catalog().t4_ids] == [int(v) for v in table4]
