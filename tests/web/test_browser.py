"""The real server in a real browser (Debian's chromium through Playwright): upload, review
from the keyboard, publish, search and a public visit, with screenshots of the main pages
saved under test-artifacts/screenshots/ (VIGIL_SCREENSHOTS to choose another folder)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import extract_queued
from tests.web.conftest import PASSWORD, Site
from vigil.samples import sample_paths

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
SHOTS = Path(os.environ.get("VIGIL_SCREENSHOTS", "test-artifacts/screenshots"))

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


def shot(page: object, name: str, backend: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{backend}-{name}.png"), full_page=True)  # type: ignore[attr-defined]


def sample(name: str) -> Path:
    return next(p for p in sample_paths() if p.name == name)


def test_upload_review_publish_search_and_a_public_visit(
    site: Site, browser: object, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    backend = request.node.callspec.params.get("db_url", "db")
    context = browser.new_context(base_url=site.url)  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # Log in from the keyboard alone.
    page.goto("/login?next=/upload")
    page.keyboard.type("rex")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/upload$"))

    # Upload two files at once through the picker: one report, one refused type.
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    page.set_input_files("#files", [str(sample("kz-2024-nurlanova-arrest.txt")), str(bad)])
    page.click("#upload-form button[type=submit]")
    rows = page.locator("#upload-results tbody tr")
    rows.nth(0).wait_for()
    # No page-side script waits: the Content-Security-Policy forbids eval, rightly.
    page.locator("#upload-results tr.stored").wait_for(timeout=120_000)
    page.locator("#upload-results tr.rejected").wait_for(timeout=120_000)
    assert "rejected" in page.locator("#upload-results tr.rejected").inner_text()
    # Stored at once, its extraction queued for the worker process (none runs here) ...
    stored = page.locator("#upload-results tr.stored")
    assert stored.locator("td.extraction").inner_text() == "queued"
    shot(page, "upload-queued", backend)
    # ... which the page follows until it is done.
    assert extract_queued(site.db).done == 1  # type: ignore[attr-defined]
    page.locator('#upload-results tr.stored[data-state="done"]').wait_for(timeout=30_000)
    assert stored.locator("td.extraction").inner_text().startswith("done")
    shot(page, "upload", backend)
    page.click("#upload-results a")

    # The report view: facts highlighted in place.
    page.wait_for_url(re.compile(r"/reports/\d+$"))
    assert page.locator("article.report-text mark").count() > 3
    shot(page, "report", backend)

    # The review queue, from the keyboard: accept the first claim with "a".
    page.goto("/review")
    first = page.locator(".claim").first
    claim_id = first.get_attribute("data-claim")
    page.keyboard.press("a")
    page.wait_for_url(re.compile(rf"done={claim_id}"))
    assert f"Claim {claim_id} recorded" in page.inner_text("main")
    # Every Accept button is reachable with Tab.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.locator(":focus").inner_text() == "Accept":
            break
    else:
        pytest.fail("Tab never reached an Accept button")
    shot(page, "review", backend)

    # Publish: unpublish case 1, the public loses it; publish it again.
    page.goto("/cases/1")
    shot(page, "dossier-internal", backend)
    page.click("button:has-text('Unpublish')")
    public = browser.new_context(base_url=site.url).new_page()  # type: ignore[attr-defined]
    assert public.goto("/cases/1").status == 404
    page.click("a:has-text('Preview and publish')")  # publishing goes through the preview
    page.click("button:has-text('Publish as shown')")
    assert "Published by rex" in page.inner_text("main")

    # Search with a shareable URL.
    page.goto("/search")
    page.fill("#s-q", "Nurlanova")
    page.press("#s-q", "Enter")
    page.wait_for_url(re.compile(r"q=Nurlanova"))
    assert page.locator("ol.hits li a").count() >= 1
    shot(page, "search", backend)

    # A public visit: home, then the dossier, redacted.
    public.goto("/")
    shot(public, "home-public", backend)
    public.click("table a[href='/cases/1']")
    body = public.inner_text("main")
    assert "[withheld]" in body and "Dana Sarsenbayeva" not in body
    assert public.locator("svg.map .pin").count() == 1
    shot(public, "dossier-public", backend)
    assert not errors, errors
    context.close()


def test_public_pages_in_russian_for_a_russian_browser(
    site: Site, browser: object, request: pytest.FixtureRequest
) -> None:
    backend = request.node.callspec.params.get("db_url", "db")
    context = browser.new_context(base_url=site.url, locale="ru-RU")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == "Главное"
    assert "Последние события" in page.locator("main").inner_text()
    shot(page, "ru-home", backend)
    page.goto("/cases/1")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Хронология" in page.locator("main").inner_text()
    shot(page, "ru-case", backend)
    # The switch: English from now on, in this browser.
    page.click("header a[hreflang=en]")
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto("/")
    assert page.locator("h1").inner_text() == "Hot topics"
    context.close()
