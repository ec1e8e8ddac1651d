"""Pages as a logged-in user sees them: dossier, report view, review queue, search, API."""

from __future__ import annotations

from sqlalchemy import select

from tests.web.conftest import Site, csrf_of
from tests.web.fixtures import ADDRESS, PHONE, RELATIVE, C, add_report_with_claims
from vigil.store.accounts import audit_trail
from vigil.store.cases import PersonMentionRow
from vigil.store.models import ClaimRow

TEXT = "Aliya Sarsenbayeva was arrested in Almaty on 12 March 2021. She is a journalist."
CLAIMS = [
    C("person", {"name": "Aliya Sarsenbayeva"}, [(0, 18)], confidence=0.95),
    C(
        "event",
        {"type": "arrest", "date": "2021-03-12", "victims": ["Aliya Sarsenbayeva"]},
        [(23, 31), (35, 41)],
        confidence=0.7,
    ),
    C("place", {"name": "Almaty"}, [(35, 41)], confidence=0.5),
]


def test_dossier_shows_every_section_with_links_chart_and_map(site: Site) -> None:
    html = site.login("vic").get("/cases/1").text
    for heading in ("Born", "Affiliations", "Relatives", "Charges", "Timeline", "Places"):
        assert f">{heading}</h2>" in html
    assert RELATIVE in html and PHONE in html  # internal view: nothing withheld
    assert 'href="/reports/1#claim-5"' in html  # each fact links to its sentence
    assert 'class="chart"' in html and 'class="dot' in html
    assert 'class="pin"' in html and "<title>Almaty</title>" in html
    assert "Withheld on the public site" in html and ADDRESS in html


def test_report_view_highlights_facts_in_place_and_offers_the_original(site: Site) -> None:
    rid = add_report_with_claims(site.db, TEXT, CLAIMS, filename="appeal.txt")
    client = site.login("vic")
    html = client.get(f"/reports/{rid}").text
    assert '<mark class="k-person" title="person' in html
    assert ">Aliya Sarsenbayeva</mark>" in html
    assert ">Almaty</mark>" in html  # the narrowest claim's colour wins where two overlap
    assert 'id="claim-' in html
    original = client.get(f"/reports/{rid}/original")
    assert original.content == TEXT.encode()
    assert original.headers["content-disposition"].startswith("attachment")
    assert client.get("/api/reports").json()["reports"][0]["id"] == rid
    data = client.get(f"/api/reports/{rid}").json()
    assert {c["kind"] for c in data["claims"]} == {"person", "event", "place"}


def test_review_queue_accept_edit_reject_are_final(site: Site) -> None:
    rid = add_report_with_claims(site.db, TEXT, CLAIMS)
    client = site.login("rex")
    page = client.get("/review")
    assert page.text.index("Aliya Sarsenbayeva") < page.text.index("arrest")  # certain first
    # The evidence sentence, with the words the claim rests on marked.
    assert '<mark class="k-person">Aliya Sarsenbayeva</mark> was arrested in Almaty' in page.text
    with site.db.read() as session:
        ids = {r.kind: r.id for r in session.scalars(select(ClaimRow))}
    csrf = csrf_of(page.text)
    client.post(f"/review/{ids['person']}", data={"csrf": csrf, "action": "confirm"})
    client.post(f"/review/{ids['place']}", data={"csrf": csrf, "action": "reject"})
    client.post(
        f"/review/{ids['event']}",
        data={"csrf": csrf, "action": "edit", "v.type": "detention", "v.date": "2021-03-13"},
    )
    with site.db.read() as session:
        rows = {r.kind: r for r in session.scalars(select(ClaimRow))}
    assert rows["person"].status == "confirmed" and rows["person"].reviewed_by == "rex"
    assert rows["place"].status == "rejected"
    assert rows["event"].value == {
        "type": "detention",
        "date": "2021-03-13",
        "victims": ["p1"],  # stored as her mention id within the report
    }
    assert "Nothing waiting" in client.get("/review").text
    with site.db.read() as session:  # the cases follow each review (she was detained)
        cased = session.scalars(select(PersonMentionRow).where(PersonMentionRow.report_id == rid))
        assert [m.name for m in cased if m.case_id] == ["Aliya Sarsenbayeva"]
        trail = [(e.actor, e.action) for e in audit_trail(session) if "claim" in e.action]
    assert sorted(trail) == [("rex", f"claim.{a}") for a in ("confirm", "edit", "reject")]


def test_review_api_needs_the_csrf_header(site: Site) -> None:
    add_report_with_claims(site.db, TEXT, CLAIMS)
    client = site.login("rex")
    claims = client.get("/api/claims").json()["claims"]
    target = claims[0]["id"]
    assert (
        client.post(f"/api/claims/{target}/review", json={"action": "confirm"}).status_code == 403
    )
    token = client.get("/api/session").json()["csrf"]
    answer = client.post(
        f"/api/claims/{target}/review", json={"action": "confirm"},
        headers={"X-CSRF-Token": token},
    )  # fmt: skip
    assert answer.status_code == 200 and answer.json()["status"] == "confirmed"


def test_search_finds_reports_and_cases_with_shareable_urls(site: Site) -> None:
    rid = add_report_with_claims(site.db, TEXT, CLAIMS)
    client = site.login("vic")
    html = client.get("/search?q=journalist&country=KZ").text
    assert f'href="/reports/{rid}"' in html
    assert "<mark>journalist</mark>" in html
    data = client.get("/api/search?q=Sarsenbayeva&status=charged").json()
    assert [c["id"] for c in data["cases"]] == [1]
    assert data["reports"][0]["id"] == rid
    assert client.get("/api/search?status=detained").json()["cases"][0]["id"] == 2
    assert client.get("/api/search?since=2022").json()["cases"] == []


def test_law_and_organization_pages(site: Site) -> None:
    client = site.login("vic")
    laws = client.get("/laws").text
    assert "/laws/view?article=174" in laws
    law = client.get("/laws/view?article=174").text
    assert "Aliya Sarsenbayeva" in law and ">2021</h2>" in law
    assert law.index(">2021</h2>") < law.index(">2022</h2>")  # over time, earliest first
    public = site.client().get("/api/laws/view?article=174").json()
    assert [p["case_id"] for y in public["years"] for p in y["people"]] == [1]
    assert "Adil Soz" in client.get("/organizations").text


def test_openapi_is_served_and_docs_need_no_cdn(site: Site) -> None:
    client = site.client()
    spec = client.get("/openapi.json").json()
    assert "/api/cases/{case_id}" in spec["paths"]
    assert client.get("/docs").status_code == 404
    api = client.get("/api").text
    assert "/api/search" in api and "cdn" not in api.lower()
