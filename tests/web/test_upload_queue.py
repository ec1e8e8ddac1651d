"""An upload answers at once: each file is stored and its extraction queued for the worker
process, never done in the request; editors follow each report's extraction state."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.helpers import extract_queued
from tests.web.conftest import Site, csrf_of
from vigil.samples import sample_paths
from vigil.store.models import ClaimRow

ARREST = next(p for p in sample_paths() if p.name == "kz-2024-nurlanova-arrest.txt")


def claims(site: Site) -> int:
    with site.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(ClaimRow)) or 0)


def test_the_api_answers_stored_and_queued_and_the_state_follows_the_worker(site: Site) -> None:
    client = site.login("eve")
    token = client.get("/api/session").json()["csrf"]
    files = [("files", (ARREST.name, ARREST.read_bytes())), ("files", ("x.png", b"\x89PNG\r\n"))]
    answer = client.post("/api/upload", files=files, headers={"X-CSRF-Token": token})
    assert answer.status_code == 200, answer.text
    stored, refused = answer.json()["results"]
    assert stored["status"] == "stored" and refused["status"] == "rejected"
    assert stored["extraction"] == {
        "report_id": stored["report_id"], "state": "queued", "error": None, "warnings": [],
    }  # fmt: skip
    assert "extraction" not in refused
    assert claims(site) == 0, "nothing is extracted in the request"
    rid = stored["report_id"]
    state = client.get(f"/api/upload/extraction?ids={rid},424242")
    assert state.json() == {"reports": [stored["extraction"]]}
    assert extract_queued(site.db).done == 1  # type: ignore[attr-defined]
    [done] = client.get(f"/api/upload/extraction?ids={rid}").json()["reports"]
    assert done["state"] == "done" and done["error"] is None
    assert claims(site) > 3


def test_the_upload_page_shows_each_reports_extraction_state(site: Site) -> None:
    client = site.login("eve")
    page = client.get("/upload")
    answer = client.post(
        "/upload",
        data={"csrf": csrf_of(page.text)},
        files=[("files", (ARREST.name, ARREST.read_bytes()))],
    )
    assert answer.status_code == 200
    assert 'data-state="queued"' in answer.text
    assert '<td class="extraction" aria-live="polite">queued</td>' in answer.text
    assert '<th scope="col">Extraction</th>' in answer.text


def test_extraction_states_are_for_editors_and_take_report_ids_only(site: Site) -> None:
    assert site.client().get("/api/upload/extraction?ids=1").status_code == 401
    assert site.login("vic").get("/api/upload/extraction?ids=1").status_code == 403
    editor = site.login("eve")
    for bad in ("abc", "1;2", ",".join(["1"] * 101), "-1"):
        assert editor.get("/api/upload/extraction", params={"ids": bad}).status_code == 400, bad
    assert editor.get("/api/upload/extraction?ids=").json() == {"reports": []}
