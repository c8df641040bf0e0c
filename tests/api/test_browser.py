"""The web page in a real browser: headless Chromium (Debian's) driven by Playwright against uvicorn.

A researcher's path: search, narrow by a facet, open a report, draw a metric chart, look at
coverage. Screenshots of each step land in tests/artifacts/ for a person to look at.
"""
from __future__ import annotations

import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from api.app import create_app
from api.routes.deps import Settings
from extractor.catalog import catalog

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "tests" / "artifacts"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None,
                       reason=f"{CHROMIUM} is absent: install Debian's chromium (scripts/system-deps.sh)"),
]


@pytest.fixture(scope="module")
def base_url(data_dir: Path) -> Iterator[str]:
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(data_dir=data_dir)), host="127.0.0.1",
                                           port=0, log_level="warning"))  # 0: the kernel picks a free port
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
        browser_page = context.new_page()
        errors: list[str] = []
        browser_page.on("pageerror", lambda error: errors.append(str(error)))
        yield browser_page
        browser.close()
        assert not errors, f"the page raised: {errors}"


def rendered(page, previous: str | None = None) -> str:
    """Wait until the view for the current URL is drawn (each render bumps body[data-ready])."""
    page.wait_for_function("(previous) => document.body.dataset.ready && document.body.dataset.ready !== previous",
                           arg=previous)
    return page.evaluate("document.body.dataset.ready")


def test_search_facet_report_chart_and_coverage(page, dev_records) -> None:
    page.goto("/search")
    ready = rendered(page)
    page.fill("input[name=q]", "行政复议")
    page.click("form.search-form button")
    ready = rendered(page, ready)
    hits = page.locator("li.hit")
    assert hits.count() == sum("行政复议" in record["text"] for record in dev_records)
    assert "行政复议" in page.locator("li.hit .snippet em").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "1-search.png"), full_page=True)

    facet = page.locator("[data-facet=province] li a").first
    province = facet.inner_text()
    expected = int(page.locator("[data-facet=province] li .count").first.inner_text())
    facet.click()
    ready = rendered(page, ready)
    assert f"province={province}" in page.url or "province=" in page.url
    assert page.locator("li.hit").count() == expected
    assert all(province in text for text in page.locator("li.hit .region").all_inner_texts())
    assert page.locator(".active-filters .chip").count() == 1
    page.screenshot(path=str(ARTIFACTS / "2-facet.png"), full_page=True)

    page.goto("/search?failed_checks=true")
    ready = rendered(page)
    page.locator("li.hit h2 a").first.click()
    ready = rendered(page, ready)
    assert re.search(r"/reports/[0-9a-f]{40}$", page.url)
    assert page.locator(".report-table[data-table='3'] td.num").count() > 100
    assert page.locator("td.failed").count() > 0, "a failed check is marked on its cells"
    assert page.locator(".full-text .text").inner_text().strip()
    page.screenshot(path=str(ARTIFACTS / "3-report.png"), full_page=True)
    fact = page.locator("a.fact-link").first
    sentence = fact.inner_text()
    fact.click()
    assert page.locator("mark:target").inner_text() == sentence  # the fact's sentence, marked in the text
    page.screenshot(path=str(ARTIFACTS / "3b-report-fact.png"))

    label = next(m.label for m in catalog().all_metrics() if m.table == 3 and m.id.endswith(".total"))
    page.goto("/metrics")
    ready = rendered(page)
    page.select_option("select[name=metric]", label=label)
    page.select_option("select[name=group_by]", value="year")
    page.click("form.metric-form button")
    ready = rendered(page, ready)
    assert page.locator("svg.line-chart circle.dot").count() >= 2
    assert page.locator(".group-table tbody tr").count() == page.locator("svg.line-chart circle.dot").count()
    assert page.get_attribute("a.csv-link", "href").endswith("format=csv")
    page.screenshot(path=str(ARTIFACTS / "4-metric-by-year.png"), full_page=True)
    page.select_option("select[name=group_by]", value="province")
    page.click("form.metric-form button")
    rendered(page, ready)
    assert page.locator("svg.bar-chart rect.bar").count() >= 2
    page.screenshot(path=str(ARTIFACTS / "5-metric-by-province.png"), full_page=True)

    page.goto("/coverage")
    rendered(page)
    organizations = {record["organization"] for record in dev_records}
    assert page.locator("table.coverage tbody tr").count() == len(organizations)
    assert page.locator("table.coverage td.published a").count() >= len(organizations)
    page.screenshot(path=str(ARTIFACTS / "6-coverage.png"), full_page=True)


def test_the_api_documentation_renders_without_internet(page) -> None:
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    assert page.locator(".opblock-summary-path", has_text="/api/search").count() == 1
    page.screenshot(path=str(ARTIFACTS / "7-docs.png"))
