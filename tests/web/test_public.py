"""The public site: crawl every public page and JSON answer with a real HTTP client and
fail if any confidential value of the test data appears anywhere."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlparse

from tests.web.conftest import Site, csrf_of
from tests.web.fixtures import CONFIDENTIAL, PHONE, RELATIVE, SECRET_CASE_NAME

PUBLIC_JSON = (
    "/api/cases",
    "/api/cases/1",
    "/api/search?q=Sarsenbayeva",
    "/api/search?country=KZ",
    "/api/laws",
    "/api/laws/view?article=174",
    "/api/organizations",
    "/api/organizations/view?name=Adil+Soz",
    "/api/session",
    "/openapi.json",
)
HREF = re.compile(r'(?:href|src|action)="([^"#]*)')


def leaks(body: str) -> list[str]:
    low = body.casefold()
    return [v for v in CONFIDENTIAL if v.casefold() in low]


def crawl(site: Site) -> dict[str, str]:
    client = site.client()
    seen: dict[str, str] = {}
    todo = ["/", "/search?q=Aliya", "/laws", "/organizations", *PUBLIC_JSON]
    while todo:
        path = todo.pop()
        if path in seen or path.startswith(("/logout", "/static/")) or len(seen) > 300:
            continue
        answer = client.get(path)
        seen[path] = answer.text
        assert answer.status_code in (200, 303, 404), (path, answer.status_code)
        for link in HREF.findall(answer.text):
            url = urlparse(urljoin(site.url + path, link.replace("&amp;", "&")))
            if url.netloc == urlparse(site.url).netloc:
                todo.append(url.path + (f"?{url.query}" if url.query else ""))
    return seen


def test_no_confidential_value_on_any_public_page_or_json(site: Site) -> None:
    pages = crawl(site)
    assert "/cases/1" in pages and "Aliya Sarsenbayeva" in pages["/cases/1"]
    assert "[withheld]" in pages["/cases/1"]
    assert len(pages) >= 15
    found = {path: leaks(body) for path, body in pages.items() if leaks(body)}
    assert not found, found


def test_unpublished_cases_do_not_exist_for_the_public(site: Site) -> None:
    client = site.client()
    assert client.get("/cases/2").status_code == 404
    assert client.get("/api/cases/2").status_code == 404
    assert SECRET_CASE_NAME not in client.get("/api/cases").text


def test_a_released_value_shows_and_others_stay_withheld(site: Site) -> None:
    reviewer = site.login("rex")
    page = reviewer.get("/cases/1")
    assert PHONE in page.text and RELATIVE in page.text  # the internal view is complete
    form = {"csrf": csrf_of(page.text), "value": PHONE}
    asked = reviewer.post("/cases/1/release", data=form)  # releasing asks first
    assert asked.status_code == 200 and "Release it to the public" in asked.text
    assert PHONE not in site.client().get("/api/cases/1").text
    answer = reviewer.post("/cases/1/release", data={**form, "confirm": "yes"})
    assert answer.status_code == 303
    public = site.client().get("/api/cases/1").text
    assert PHONE in public
    assert RELATIVE not in public


def test_public_pages_are_read_only(site: Site) -> None:
    client = site.client()
    assert client.post("/cases/1/publish", data={"action": "unpublish"}).status_code in (
        401,
        403,
    )
    assert client.get("/cases/1").status_code == 200


def test_home_shows_published_alerts_in_their_frozen_public_shape(site: Site) -> None:
    from vigil.store.alerts import AlertRow

    with site.db.transaction() as session:
        for case_id, status in ((1, "published"), (2, "published"), (1, "draft")):
            session.add(
                AlertRow(
                    case_id=case_id, status=status, title=f"Secret draft {PHONE}",
                    body="x", created_by="t", edited_by="t",
                    public={"id": 1, "case_id": case_id, "title": f"Act now for case {case_id}",
                            "country": "KZ", "event_type": "arrest",
                            "published_at": "2024-03-12T10:00:00+00:00"},
                )
            )  # fmt: skip
    home = site.client().get("/").text
    assert "Act now for case 1" in home and "Act now for case 2" in home
    assert 'href="/cases/2"' not in home  # the alert is public, its case is not
    assert PHONE not in home and "Secret draft" not in home


HEALTH_ORGS = ("HIV Positive Women Network", "Almaty Diabetes Patients Association")


def test_organizations_the_dossier_withholds_are_not_listed_or_searchable(site: Site) -> None:
    """Issue 14.3: names withheld on the case page were listed and searchable by name."""
    from dataclasses import replace

    from tests.web.fixtures import published_dossier, summary
    from vigil.cases.model import Fact
    from vigil.store.publications import publish as publish_case

    base = published_dossier()
    site.cases.dossiers[3] = replace(
        base,
        summary=summary(3, "Gulnara Temirova"),
        affiliations=(
            *base.affiliations,
            *(Fact({"organization": o, "position": "member"}, ()) for o in HEALTH_ORGS),
        ),
    )
    with site.db.transaction() as s:
        publish_case(s, 3, actor="rex")
    web = site.client()
    case = web.get("/api/cases/3").json()["case"]
    shown = [f["value"]["organization"] for f in case["affiliations"]]
    assert shown == ["Adil Soz", "[withheld]", "[withheld]"], "withheld whole on the case"
    listed = [o["name"] for o in web.get("/api/organizations").json()["organizations"]]
    assert listed == ["Adil Soz"] and "Adil Soz" in web.get("/organizations").text
    for name in HEALTH_ORGS:
        assert name not in web.get("/organizations").text
        assert web.get("/api/organizations/view", params={"name": name}).json()["cases"] == []
        assert web.get("/api/search", params={"organization": name}).json()["cases"] == []
    found = web.get("/api/organizations/view", params={"name": "Adil Soz"}).json()["cases"]
    assert sorted(c["id"] for c in found) == [1, 3]
    # Reviewers still see and filter on the stored names.
    staff = site.login("vic")
    mine = staff.get("/api/search", params={"organization": HEALTH_ORGS[0]}).json()["cases"]
    assert [c["id"] for c in mine] == [3]


def test_public_search_finds_any_form_of_a_public_name_and_nothing_withheld(site: Site) -> None:
    """Issue 13: "Сарсенбаевой" finds the case whose public alias is "Алия Сарсенбаева";
    the same keys never reach a withheld value or an unpublished case."""
    client = site.client()

    def search(q: str) -> dict[str, Any]:
        answer: dict[str, Any] = client.get("/api/search", params={"q": q}).json()
        assert answer["reports"] == []  # report text is internal
        return answer

    for q in ("Сарсенбаевой", "Сарсенбаеву", "Sarsenbayevoy", "Алии Сарсенбаевой"):
        assert [c["id"] for c in search(q)["cases"]] == [1], q
    for q in ("Unpublishedova", "Unpublishedovym", "Dana", "Даны Сарсенбаевой", "diabetes"):
        assert search(q)["cases"] == [], q
