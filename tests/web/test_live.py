"""The web application over the real pipeline and the real ``vigil.cases``: upload bundled
sample reports (extraction on), open the case they make, publish it, and check that the
public shape withholds the sample's phone number, home address and relative."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import extract_queued
from tests.web.conftest import PASSWORD, Site, csrf_of, make_app, serve
from vigil.samples import sample_paths
from vigil.store.accounts import add_user
from vigil.store.db import Database
from vigil.web.casesource import LiveCases

SECRETS = ("+7 701 555 0142", "27 Satpayev Street", "flat 41", "Marat Zhumabekov")
pytestmark = pytest.mark.slow


@pytest.fixture
def live(db: Database, tmp_path: Path) -> Iterator[Site]:
    with db.transaction() as session:
        add_user(session, "rex", "reviewer", PASSWORD, actor="setup")
    cases = LiveCases()
    for url in serve(make_app(db, tmp_path, cases, max_upload_bytes=5 * 1024 * 1024)):
        yield Site(url, db, cases)  # type: ignore[arg-type]


def test_uploaded_samples_become_a_published_redacted_case(live: Site) -> None:
    client = live.login("rex")
    token = client.get("/api/session").json()["csrf"]
    names = ("kz-2024-nurlanova-arrest.txt", "kz-2024-nurlanova-verdict.md")
    files = [("files", (p.name, p.read_bytes())) for p in sample_paths() if p.name in names]
    answer = client.post("/api/upload", files=files, headers={"X-CSRF-Token": token})
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["stored", "stored"]
    assert [r["extraction"]["state"] for r in results] == ["queued", "queued"]
    assert extract_queued(live.db).done == 2  # type: ignore[attr-defined]  # the worker's part
    found = client.get("/api/search?q=Nurlanova").json()["cases"]
    assert found, "the uploads made no case"
    assert found[0]["name"] == "Aigerim Nurlanova"  # the person named by the words first
    case_id = found[0]["id"]
    internal = client.get(f"/cases/{case_id}")
    assert internal.status_code == 200 and "Nurlanova" in internal.text
    assert live.client().get(f"/cases/{case_id}").status_code == 404  # not yet published
    refused = client.post(
        f"/cases/{case_id}/publish", data={"csrf": csrf_of(internal.text)}, follow_redirects=False
    )
    assert refused.status_code == 400  # nothing reviewed yet (VIGIL_PUBLISH_REQUIRES_REVIEW)
    # A reviewer accepts what the machine read (the whole queue), then publishes.
    while queue := client.get("/api/claims").json()["claims"]:
        for claim in queue:
            done = client.post(
                f"/api/claims/{claim['id']}/review",
                json={"action": "confirm"},
                headers={"X-CSRF-Token": token},
            )
            assert done.status_code == 200, done.text
    published = client.post(
        f"/cases/{case_id}/publish", data={"csrf": csrf_of(internal.text)}, follow_redirects=False
    )
    assert published.status_code == 303, published.text
    public = live.client()
    for path in (f"/cases/{case_id}", f"/api/cases/{case_id}", "/", "/api/cases", "/laws"):
        body = public.get(path).text
        assert "Nurlanova" in body or path == "/laws"
        leaked = [s for s in SECRETS if s in body]
        assert not leaked, (path, leaked)
