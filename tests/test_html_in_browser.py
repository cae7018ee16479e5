"""The hostile filing's HTML report, opened in headless Chromium with no network: no script runs
and no request leaves the page, with and without the report's Content-Security-Policy."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from .support.hostile import TRAP

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def report(export_run: Any, hostile_filing: Path) -> Path:
    return export_run(hostile_filing).files[".html"]


def open_in_chromium(page_file: Path) -> tuple[list[str], object, str, list[str]]:
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
    requests: list[str] = []
    console: list[str] = []
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context(offline=True, java_script_enabled=True)
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: console.append(message.text))
        page.goto(page_file.as_uri(), wait_until="load")
        page.wait_for_timeout(500)
        page.mouse.move(200, 300)
        for paragraph in page.query_selector_all("p"):
            paragraph.dispatch_event("click")
            paragraph.dispatch_event("mouseover")
        pwned = page.evaluate("() => window.__pwned")
        title = page.title()
        browser.close()
    return requests, pwned, title, console


def test_report_runs_no_script_and_makes_no_request(report: Path) -> None:
    requests, pwned, title, _ = open_in_chromium(report)

    assert pwned is None
    assert title.startswith("Cybersecurity disclosure:")
    assert requests == [report.as_uri()]


def test_sanitiser_alone_stops_script_and_requests(report: Path, tmp_path: Path) -> None:
    without_policy = tmp_path / "no-csp.html"
    text = report.read_text(encoding="utf-8")
    start = text.index('<meta http-equiv="Content-Security-Policy"')
    without_policy.write_text(text[:start] + text[text.index(">", start) + 1 :], encoding="utf-8")

    requests, pwned, _, console = open_in_chromium(without_policy)

    assert pwned is None
    assert requests == [without_policy.as_uri()]
    assert not [line for line in console if "Content Security Policy" in line]
    page = lxml_html.fromstring(without_policy.read_bytes())
    assert not [value for element in page.iter() for value in element.attrib.values() if TRAP in value]
    assert "Ordinary paragraph before the traps." in page.text_content()
