"""The redaction preview and the review rule for publishing (VIGIL_PUBLISH_REQUIRES_REVIEW)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tests.web.conftest import Site, csrf_of, make_app, serve
from tests.web.fixtures import (
    ADDRESS,
    PHONE,
    QUOTE_ARREST,
    RELATIVE,
    ev,
    fake_cases,
    summary,
)
from vigil.cases.model import Dossier, Fact, TimelineEvent
from vigil.store.accounts import audit_trail
from vigil.store.cases import CaseRow
from vigil.store.db import Database


def _unreviewed_case() -> Dossier:
    """Case 3: one reviewed arrest, one unreviewed birth date and search."""
    return Dossier(
        summary=summary(3, "Marat Unreviewed", status="detained"),
        birth_dates=(Fact({"birth_date": "1990-01-01"}, (ev("born 1990", 7, reviewed=False),)),),
        timeline=(
            TimelineEvent("arrest", "2022-05-01", None, "Almaty", "KZ", ("Marat Unreviewed",),
                          (), (ev(QUOTE_ARREST, 8),)),
            TimelineEvent("search", "2022-05-02", None, ADDRESS, "KZ", ("Marat Unreviewed",),
                          (), (ev(QUOTE_ARREST, 9, reviewed=False),)),
        ),
    )  # fmt: skip


def test_the_preview_is_the_public_page_with_withheld_values_marked(site: Site) -> None:
    assert site.client().get("/cases/1/preview").status_code == 303  # log in first
    assert site.login("vic").get("/cases/1/preview").status_code == 403
    reviewer = site.login("rex")
    html = reviewer.get("/cases/1/preview").text
    public = site.client().get("/cases/1").text
    marked = '<mark class="withheld">[withheld]</mark>'
    assert html.count(marked) == public.count("[withheld]") > 0

    def body(text: str) -> str:
        return text[text.index("<h1>") : text.index("</main>")].replace(marked, "[withheld]")

    # Below the reviewer's panel, the public page itself: the same template, the same shape.
    assert body(html) == body(public)
    # ... except the reviewer's table of what is withheld, with a way to release each.
    assert RELATIVE in html and "Release…" in html
    data = reviewer.get("/api/cases/1/preview").json()
    assert data["case"] == site.client().get("/api/cases/1").json()["case"]
    assert data["pending_review"] == [] and data["published"] is True


def test_publishing_needs_the_public_facts_reviewed(site: Site) -> None:
    site.cases.dossiers[3] = _unreviewed_case()
    reviewer = site.login("rex")
    page = reviewer.get("/cases/3/preview")
    assert "Not publishable yet: 2 facts" in page.text and "Publish as shown" not in page.text
    refused = reviewer.post(
        "/cases/3/publish", data={"csrf": csrf_of(page.text), "action": "publish"}
    )
    assert refused.status_code == 400
    assert "not reviewed yet (birth date 1990-01-01; event search 2022-05-02)" in (refused.text)
    assert site.client().get("/cases/3").status_code == 404


def test_with_the_rule_off_unreviewed_facts_are_published_marked(
    db: Database, tmp_path: Path
) -> None:
    from tests.web.conftest import PASSWORD, USERS, login
    from vigil.store.accounts import add_user

    with db.transaction() as session:
        for name, role in USERS.items():
            add_user(session, name, role, PASSWORD, actor="setup")
        session.add_all([CaseRow(name=f"case {i}") for i in (1, 2, 3)])
    cases = fake_cases()
    cases.dossiers[3] = _unreviewed_case()
    app = make_app(db, tmp_path, cases)
    app.state.settings = dataclasses.replace(app.state.settings, publish_requires_review=False)  # type: ignore[attr-defined]
    for url in serve(app):
        import httpx

        with httpx.Client(base_url=url, timeout=60) as reviewer:
            login(reviewer, "rex", PASSWORD)
            page = reviewer.get("/cases/3/preview")
            assert "will be marked “not yet reviewed”" in page.text
            done = reviewer.post(
                "/cases/3/publish", data={"csrf": csrf_of(page.text), "action": "publish"}
            )
            assert done.status_code == 303
        public = httpx.get(f"{url}/cases/3", timeout=60).text
        data = httpx.get(f"{url}/api/cases/3", timeout=60).json()["case"]
    assert public.count("not yet reviewed") == 2
    assert [e["reviewed"] for e in data["timeline"]] == [True, False]
    assert data["birth_dates"][0]["reviewed"] is False


def test_releasing_asks_for_confirmation_and_is_audited(site: Site) -> None:
    reviewer = site.login("rex")
    page = reviewer.get("/cases/1/preview")
    form = {"csrf": csrf_of(page.text), "value": PHONE, "back": "preview"}
    asked = reviewer.post("/cases/1/release", data=form)
    assert asked.status_code == 200 and PHONE in asked.text and "audit log" in asked.text
    with site.db.read() as session:
        assert not [e for e in audit_trail(session, limit=50) if e.action == "case.release"]
    done = reviewer.post("/cases/1/release", data={**form, "confirm": "yes"})
    assert done.status_code == 303 and done.headers["location"] == "/cases/1/preview"
    assert PHONE in site.client().get("/cases/1").text
    with site.db.read() as session:
        (entry,) = [e for e in audit_trail(session, limit=50) if e.action == "case.release"]
    assert entry.actor == "rex" and PHONE not in str(entry.detail)


def test_an_alert_shows_its_public_text_before_publishing(site: Site) -> None:
    from vigil.alerts import create_alert
    from vigil.alerts.draft import AlertDraft

    with site.db.transaction() as session:
        row = create_alert(
            session,
            AlertDraft(1, "Free Aliya", f"Call her sister {RELATIVE} on {PHONE}.", "KZ",
                       "arrest", withheld=(RELATIVE,)),
            actor="eve",
        )  # fmt: skip
        alert_id = row.id
    html = site.login("rex").get(f"/desk/alerts/{alert_id}").text
    preview = html[html.index('id="public-preview"') :]
    assert 'Call her sister <mark class="withheld">[withheld]</mark> on' in preview
    assert RELATIVE not in preview and PHONE not in preview
