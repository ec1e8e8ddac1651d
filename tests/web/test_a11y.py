"""Every page passes the offline accessibility check, public and logged in."""

from __future__ import annotations

from tests.web.a11y import problems
from tests.web.conftest import Site
from tests.web.fixtures import C, add_report_with_claims

PUBLIC = ("/", "/login", "/search?q=Aliya", "/cases/1", "/laws", "/organizations",
          "/laws/view?article=174", "/organizations/view?name=Adil+Soz",
          "/cases/404")  # fmt: skip
INTERNAL = ("/reports", "/review", "/upload", "/api", "/audit", "/search?q=arrested",
            "/review/reports")  # fmt: skip


def test_the_checker_catches_problems() -> None:
    bad = '<html><body><h1>x</h1><input name="q"><img src="a.png"><a>no</a></body></html>'
    found = problems(bad)
    assert any("has no label" in p for p in found)
    assert any("no alt" in p for p in found)
    assert any("without href" in p for p in found)
    assert any("lang" in p for p in found)


def test_every_page_is_labelled_and_reachable_by_keyboard(site: Site) -> None:
    rid = add_report_with_claims(
        site.db, "Aliya was arrested in Almaty.", [C("person", {"name": "Aliya"}, [(0, 5)])]
    )
    anonymous = site.client()
    admin = site.login("ada")
    pages = [(anonymous, p) for p in PUBLIC]
    workbench = (f"/review/reports/{rid}", f"/review/reports/{rid}?edit=1",
                 f"/review/reports/{rid}?add=event&start=0&end=5")  # fmt: skip
    pages += [(admin, p) for p in (*PUBLIC, *INTERNAL, f"/reports/{rid}", *workbench)]
    report = {}
    for client, path in pages:
        answer = client.get(path)
        assert answer.status_code in (200, 404), path
        if found := problems(answer.text):
            report[path] = found
    assert not report, report
