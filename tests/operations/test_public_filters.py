"""Issue 14: every public filter, facet and count reads the redacted public shape.

A published case holds distinctive values its public dossier withholds: a charge whose
"article" is a national ID number (an extraction slip), an alias that is the sister's
name, the name of a patients' network. An anonymous visitor crawls every public list and
asks every filter for those values: none may show them, and none may find or count the
case by them (a count of one under ``?article=<an ID number>`` says the number is there).
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote_plus

from tests.cases.conftest import C, add, charge, event, person, relative
from tests.operations.conftest import Web
from tests.operations.test_publication_safety import case_of

NAME, SISTER = "Kairat Bekmukhanov", "Dana Bekmukhanova"
ID_ARTICLE = "990101300123"  # twelve digits: a national ID number, withheld
NETWORK = "HIV Positive Women Network"  # withheld whole: the name tells the condition
WITHHELD = (ID_ARTICLE, SISTER, NETWORK)

LISTS = (
    "/", "/api/cases", "/search", "/api/search", "/laws", "/api/laws", "/organizations",
    "/api/organizations", "/alerts", "/api/alerts", "/alerts/feed.atom",
)  # fmt: skip


def queries() -> Iterator[tuple[str, str]]:
    """Every public filter asked for every withheld value: (value, path)."""
    for value in WITHHELD:
        v = quote_plus(value)
        yield from ((value, path) for path in (
            f"/search?q={v}", f"/api/search?q={v}", f"/search?article={v}",
            f"/api/search?article={v}", f"/api/search?organization={v}",
            f"/laws/view?article={v}", f"/api/laws/view?article={v}",
            f"/organizations/view?name={v}", f"/api/organizations/view?name={v}",
            f"/?country={v}", f"/api/cases?status={v}",
        ))  # fmt: skip


def published_case(web: Web) -> int:
    text = f"KAIRAT0001 {NAME} ({SISTER}) was arrested on 2024-03-01 in Almaty."
    claims = [
        *person(NAME, SISTER),  # the sister's name taken for an alias
        relative(NAME, SISTER, "sister"),
        event("arrest", "2024-03-01", NAME),
        charge(NAME, "174", law="Criminal Code"),
        charge(NAME, ID_ARTICLE, law="Criminal Code"),
        C("affiliation", {"person": NAME, "organization": NETWORK, "position": "member"}),
        C("affiliation", {"person": NAME, "organization": "Adil Soz", "position": "reporter"}),
    ]
    case = case_of(web, add(web.db, text, claims))
    assert web.publish(case) == 303
    return case


def test_no_public_filter_or_count_finds_a_withheld_value(web: Web) -> None:
    case = published_case(web)
    # The case is public and its public facts are found as usual.
    assert [c["id"] for c in web.public.get("/api/search?article=174").json()["cases"]] == [case]
    assert web.public.get("/api/laws/view?article=174").json()["total"] == 1
    found = web.public.get("/api/organizations/view?name=Adil+Soz").json()["cases"]
    assert [c["id"] for c in found] == [case]
    assert [c["id"] for c in web.public.get("/api/cases?country=KZ").json()["cases"]] == [case]

    for path in (*LISTS, f"/cases/{case}", f"/api/cases/{case}"):
        body = web.public.get(path).text
        leaked = [v for v in WITHHELD if v in body]
        assert not leaked, (path, leaked)
    for value, path in queries():
        answer = web.public.get(path)
        assert answer.status_code == 200, path
        # The page repeats what was asked; it must tell nothing more.
        leaked = [v for v in WITHHELD if v != value and v in answer.text]
        assert not leaked, (path, leaked)
        assert NAME not in answer.text, (path, "the case was found by a withheld value")
        if path.startswith("/api/"):
            data = answer.json()
            assert not data.get("cases") and not data.get("total"), (path, "found by it")
