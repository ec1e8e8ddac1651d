"""The public listings are cached under a stamp of published cases: computed once, and
computed again as soon as a case is published, withdrawn or a value released."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from tests.web.conftest import Site
from tests.web.fixtures import ev
from vigil.cases.model import Fact
from vigil.store.publications import publish as publish_case
from vigil.store.publications import release_value
from vigil.store.publications import unpublish as _unpublish
from vigil.web import public_index


def unpublish_case(session: Session, case_id: int, *, actor: str) -> None:
    _unpublish(session, case_id)


def _count_calls(site: Site, monkeypatch: Any) -> dict[str, int]:
    """Calls of the reviewers' law listing (``charges``) and builds of the public index
    every public listing reads (``index``)."""
    calls = {"charges": 0, "index": 0}
    charges, build = site.cases.charges_by_article, public_index._build

    def counted(session: Session) -> list[dict[str, Any]]:
        calls["charges"] += 1
        return charges(session)

    def counted_build(request: Any) -> Any:
        calls["index"] += 1
        return build(request)

    monkeypatch.setattr(site.cases, "charges_by_article", counted)
    monkeypatch.setattr(public_index, "_build", counted_build)
    return calls


def _people(site: Site) -> set[int]:
    articles = site.client().get("/api/laws/view?article=174").json()
    return {p["case_id"] for year in articles["years"] for p in year["people"]}


def test_public_listings_are_computed_once_per_change(site: Site, monkeypatch: Any) -> None:
    calls = _count_calls(site, monkeypatch)
    public = site.client()
    first = public.get("/api/laws").json()
    for path in ("/api/laws", "/laws", "/api/laws/view?article=174", "/laws"):
        assert public.get(path).status_code == 200
    assert public.get("/api/laws").json() == first
    assert calls["index"] == 1 and calls["charges"] == 0
    assert _people(site) == {1}

    with site.db.transaction() as s:
        unpublish_case(s, 1, actor="rex")
    assert _people(site) == set(), "a withdrawn case leaves the public pages at once"
    # Case 2 is charged under article 174 too (its public shape says so).
    charged = Fact({"law": "Criminal Code", "article": "174"}, (ev("charged under 174", 9),))
    site.cases.dossiers[2] = replace(site.cases.dossiers[2], charges=(charged,))
    with site.db.transaction() as s:
        publish_case(s, 2, actor="rex")
    assert _people(site) == {2}
    with site.db.transaction() as s:
        release_value(s, 2, "something", actor="rex")
    site.client().get("/api/laws")
    assert calls["index"] == 4  # one computation per change, however many readers


def test_logged_in_pages_are_never_cached(site: Site, monkeypatch: Any) -> None:
    calls = _count_calls(site, monkeypatch)
    reviewer = site.login("rex")
    for _ in range(3):
        assert reviewer.get("/api/laws").status_code == 200
    assert calls["charges"] == 3


def test_the_public_home_is_computed_once_per_change(site: Site, monkeypatch: Any) -> None:
    """`/` under 50 readers without pauses was the slowest public page; its public shape is
    the same for every visitor until a case, publication or alert changes."""
    calls = {"list": 0}
    original = site.cases.list_cases

    def counted(session: Session, **filters: Any) -> Any:
        calls["list"] += 1
        return original(session, **filters)

    monkeypatch.setattr(site.cases, "list_cases", counted)
    public = site.client()
    first = public.get("/api/cases").json()
    for _ in range(3):
        assert public.get("/api/cases").json() == first
        assert public.get("/").status_code == 200
    assert calls["list"] == 1
    assert {c["id"] for c in first["cases"]} == {1}
    with site.db.transaction() as s:
        publish_case(s, 2, actor="rex")
    assert {c["id"] for c in public.get("/api/cases").json()["cases"]} == {1, 2}
    assert calls["list"] == 2
    staff = site.login("rex")
    staff.get("/api/cases")
    staff.get("/api/cases")
    assert calls["list"] == 4, "logged-in lists are never cached"


def test_public_answers_are_kept_whole(site: Site, monkeypatch: Any) -> None:
    """A public page is rendered once per change, not once per reader (20 readers queued
    behind 50 ms of rendering each), and a reader sending the page's ETag back gets 304
    while nothing changed."""
    from vigil.web.pages import directory

    rendered: list[str] = []
    render = directory.page

    def counted(request: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        rendered.append(name)
        return render(request, name, *args, **kwargs)

    monkeypatch.setattr(directory, "page", counted)
    first, second = site.client(), site.client()
    pages = [c.get("/laws") for c in (first, second, first)]
    assert all(p.status_code == 200 for p in pages)
    assert rendered == ["laws.html"], "rendered once for every reader"
    assert pages[0].text == pages[1].text

    tag = pages[2].headers["etag"]
    again = first.get("/laws", headers={"If-None-Match": tag})
    assert again.status_code == 304 and not again.content
    api = first.get("/api/laws")
    assert first.get("/api/laws", headers={"If-None-Match": api.headers["etag"]}).status_code == 304

    with site.db.transaction() as s:
        unpublish_case(s, 1, actor="rex")
    changed = first.get("/laws", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag
    assert rendered == ["laws.html", "laws.html"]
