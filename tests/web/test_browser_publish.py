"""In chromium: a reviewer publishes a case through the redaction preview, and the public
page shows the reviewer's values, not the machine's (screenshots under test-artifacts/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cases.test_reviewed_values import _reviewed_case
from tests.web.conftest import PASSWORD, USERS, make_app, serve
from tests.web.test_browser import browser, shot  # noqa: F401  (the browser fixture)
from vigil.cases import update_report
from vigil.store.accounts import add_user
from vigil.store.claims import list_claims, review_claim
from vigil.store.db import Database
from vigil.web.casesource import LiveCases

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_publish_through_the_preview_shows_the_reviewed_values(
    db: Database,
    browser: object,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    backend = request.node.callspec.params.get("db_url", "db")
    case_id = _reviewed_case(db)
    with db.transaction() as session:
        for name, role in USERS.items():
            add_user(session, name, role, PASSWORD, actor="setup")
    for url in serve(make_app(db, tmp_path, LiveCases())):  # type: ignore[arg-type]
        context = browser.new_context(base_url=url)  # type: ignore[attr-defined]
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))  # noqa: B023 (one server)
        page.goto("/login?next=/cases")
        page.fill("#name", "rex")
        page.fill("#password", PASSWORD)
        page.press("#password", "Enter")
        page.wait_for_url(re.compile(r"/cases$"))

        # The persons' roles are still the machine's: the preview says so and offers no
        # publish button.
        page.goto(f"/cases/{case_id}")
        page.click("a:has-text('Preview and publish')")
        page.wait_for_url(re.compile(rf"/cases/{case_id}/preview$"))
        assert "Not publishable yet" in page.inner_text("#preview")
        assert "role victim" in page.inner_text("#pending")
        assert page.locator("button:has-text('Publish as shown')").count() == 0
        shot(page, "preview-pending", backend)

        with db.transaction() as session:
            for row in list_claims(session, kind="person"):
                review_claim(session, row.id, "confirm", actor="rex")
                update_report(session, row.report_id)

        page.reload()
        assert page.locator("#pending").count() == 0
        timeline = page.locator("ol.timeline time").first.inner_text()
        assert timeline.startswith("Mar 12, 2021")  # the reviewer's date, before publishing
        shot(page, "preview", backend)
        page.click("button:has-text('Publish as shown')")
        page.wait_for_url(re.compile(rf"/cases/{case_id}$"))
        assert "Published by rex" in page.inner_text("main")

        public = browser.new_context(base_url=url).new_page()  # type: ignore[attr-defined]
        assert public.goto(f"/cases/{case_id}").status == 200
        first = public.locator("ol.timeline time").first.inner_text()
        assert first.startswith("Mar 12, 2021")  # dates as the reader's language writes them
        body = public.inner_text("main")
        assert "1985-04-03" in body and "1985-04-02" not in body
        assert "detained" in body and "not yet reviewed" not in body
        shot(public, "published-reviewed", backend)

        # The quality page counts the report whose every claim is now decided.
        page.goto("/quality")
        assert "Measured on 1 reviewed report" in page.inner_text("main")
        shot(page, "quality", backend)
        assert not errors, errors
        context.close()
