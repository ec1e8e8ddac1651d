"""The alert desk in the browser's place: an editor drafts from a case and edits, a
reviewer approves and publishes, roles and the four-eyes rule hold (both backends)."""

from __future__ import annotations

import pytest

from tests.web.conftest import Site, csrf_of


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIL_SECRET_KEY", "alert-desk-test-key-" + "z" * 32)


def test_draft_edit_approve_publish(site: Site) -> None:
    viewer = site.login("vic")
    page = viewer.get("/cases/1")
    assert "Draft an urgent action" not in page.text
    refused = viewer.post("/cases/1/alerts", data={"csrf": csrf_of(page.text)})
    assert refused.status_code == 403

    editor = site.login("eve")
    page = editor.get("/cases/1")
    drafted = editor.post("/cases/1/alerts", data={"csrf": csrf_of(page.text)})
    assert drafted.status_code == 303
    desk_url = drafted.headers["location"]
    form = editor.get(desk_url)
    assert form.status_code == 200 and "draft" in form.text
    saved = editor.post(
        desk_url,
        data={
            "title": "Urgent: free the journalist now",
            "body": "She was arrested.\n\nHer phone: +7 701 555 12 34.",
            "asks": "Release her\nDrop the charges",
            "appeal_to": "Prosecutor General",
            "csrf": csrf_of(form.text),
        },
    )
    assert saved.status_code == 303
    assert editor.post(f"{desk_url}/approve", data={"csrf": csrf_of(form.text)}).status_code == 403

    reviewer = site.login("rex")
    page = reviewer.get(desk_url)
    assert "Urgent: free the journalist now" in page.text
    assert (
        reviewer.post(f"{desk_url}/approve", data={"csrf": csrf_of(page.text)}).status_code == 303
    )
    published = reviewer.post(f"{desk_url}/publish", data={"csrf": csrf_of(page.text)})
    assert published.status_code == 303
    public = site.client().get(published.headers["location"])
    assert public.status_code == 200
    assert "Drop the charges" in public.text and "555 12 34" not in public.text
    trail = site.login("ada").get("/api/audit").text
    assert "alert.publish" in trail and "alert.draft" in trail


def test_the_last_editor_cannot_approve(site: Site) -> None:
    reviewer = site.login("rex")
    page = reviewer.get("/cases/1")
    desk_url = reviewer.post("/cases/1/alerts", data={"csrf": csrf_of(page.text)}).headers[
        "location"
    ]
    answer = reviewer.post(f"{desk_url}/approve", data={"csrf": csrf_of(page.text)})
    assert answer.status_code >= 400
    assert "Traceback" not in answer.text


def test_unknown_desk_step_is_not_found(site: Site) -> None:
    reviewer = site.login("rex")
    page = reviewer.get("/cases/1")
    desk_url = reviewer.post("/cases/1/alerts", data={"csrf": csrf_of(page.text)}).headers[
        "location"
    ]
    answer = reviewer.post(f"{desk_url}/delete", data={"csrf": csrf_of(page.text)})
    assert answer.status_code == 404 and "Traceback" not in answer.text
