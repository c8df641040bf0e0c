"""Fixtures for the converter tests: the project's sample reports and real documents rendered from them."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest

from crawler.sim.render import ReportContent, render_docx, render_html, render_pdf, standard_report
from extractor.catalog import catalog
from extractor.convert import convert_bytes, detect_format
from extractor.document import Document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
REPORTS = SAMPLES / "reports"
GOLD = SAMPLES / "gold"

Convert = Callable[[bytes, str], Document]


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def convert() -> Convert:
    """Detect the format from bytes and name, then convert: what the pipeline does."""
    def run(data: bytes, name: str) -> Document:
        return convert_bytes(data, name, detect_format(data, name))
    return run


# Distinct numbers everywhere, so a value read from the wrong cell cannot pass by accident.
TABLE3_ROWS = [[100 + i, 2 * i, 0, 1, 0, i % 3, 100 + 3 * i + 1 + i % 3] for i in range(25)]
TABLE4_VALUES = [11, 12, 13, 14, 50, 21, 22, 23, 24, 90, 31, 32, 33, 34, 130]


@pytest.fixture(scope="session")
def standard_values() -> tuple[list[list[str]], list[str]]:
    """The standard report's table 3 rows and table 4 cells, as the texts a converter must return."""
    return [[str(value) for value in row] for row in TABLE3_ROWS], [str(value) for value in TABLE4_VALUES]


@pytest.fixture(scope="session")
def standard_report_content() -> ReportContent:
    """A complete 2021-template report of a township that is not among the samples."""
    return standard_report("青山镇人民政府", 2022, table3_rows=TABLE3_ROWS, table4_values=TABLE4_VALUES,
                           published="2023-01-18",
                           overview="2022年，青山镇累计主动公开政府信息1234条，全年共受理政府信息公开申请100件。")


@pytest.fixture(scope="session")
def shanghai_document(convert: Convert) -> Document:
    path = REPORTS / "shanghai_office_2019.html"
    return convert(path.read_bytes(), path.name)


@pytest.fixture(scope="session")
def shanghai_content(shanghai_document: Document) -> ReportContent:
    """The real Shanghai report (paragraphs and merged-cell tables) as content to render in other formats."""
    return ReportContent.from_document(shanghai_document)


@pytest.fixture(scope="session")
def standard_docx(standard_report_content: ReportContent) -> bytes:
    return render_docx(standard_report_content)


@pytest.fixture(scope="session")
def shanghai_pdf(shanghai_content: ReportContent) -> bytes:
    return render_pdf(shanghai_content)


@pytest.fixture(scope="session")
def standard_html_gbk(standard_report_content: ReportContent) -> bytes:
    """A GBK page whose <meta> claims UTF-8, as real portals get wrong."""
    return render_html(standard_report_content, encoding="gbk", declared_charset="utf-8")


@pytest.fixture(scope="session")
def gold_table3() -> Callable[[str], list[list[str]]]:
    """A dev report's hand-checked table 3 as rows of cell texts in template order ("" for blank)."""
    def rows(stem: str) -> list[list[str]]:
        gold = json.loads((GOLD / f"{stem}.gold.json").read_text(encoding="utf-8"))
        metrics, cat = gold["metrics"], catalog()
        return [["" if metrics[f"t3.{row}.{column}"] is None else str(metrics[f"t3.{row}.{column}"])
                 for column in cat.t3_column_ids]
                for row in cat.t3_rows(gold["template"])]
    return rows
