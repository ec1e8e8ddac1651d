"""The review workbench over HTTP: the report queue, one report reviewed on one page, the
JSON twins, and what goes wrong (bad values, unknown victims, stale forms, a report
deleted or re-extracted while open). Both backends."""

from __future__ import annotations

import httpx
from sqlalchemy import delete, select

from tests.web.conftest import Site, csrf_of
from tests.web.fixtures import C, add_report_with_claims
from vigil.store.accounts import audit_trail
from vigil.store.claims import claim_history, sync_claims
from vigil.store.models import ClaimRow, Report

TEXT = (
    "Police arrested Aliya Sarsenbayeva, a journalist of Adil Soz, in Almaty on 12 March "
    "2021. She was charged under article 174 of the Criminal Code. Her lawyer Erlan Dauletov "
    "said the court fined her on 2 May."
)
NAME = (16, 34)


def claims() -> list[C]:
    return [
        C("person", {"name": "Aliya Sarsenbayeva", "role": "victim"}, [NAME]),
        C("organization", {"name": "Adil Soz", "kind": "media"}, [(52, 60)]),
        C("event", {"type": "arrest", "date": "2021-03-12", "victims": ["Aliya Sarsenbayeva"],
                    "country": "KZ"}, [(7, 15)]),
        C("charge", {"person": "Aliya Sarsenbayeva", "article": "174"}, [(112, 123)]),
        C("affiliation", {"person": "Aliya Sarsenbayeva", "organization": "Adil Soz"},
          [(38, 60)]),
        C("person", {"name": "Erlan Dauletov", "role": "lawyer"}, [(157, 171)]),
    ]  # fmt: skip


def ids(site: Site, rid: int) -> dict[str, int]:
    with site.db.read() as s:
        rows = s.scalars(select(ClaimRow).where(ClaimRow.report_id == rid).order_by(ClaimRow.id))
        lawyer = "Erlan Dauletov"
        return {r.kind + ("2" if r.value.get("name") == lawyer else ""): r.id for r in rows}


def row(site: Site, claim_id: int) -> ClaimRow | None:
    with site.db.read() as s:
        return s.get(ClaimRow, claim_id)


def api(client: httpx.Client) -> dict[str, str]:
    return {"x-csrf-token": client.get("/api/session").json()["csrf"]}


def test_queue_lists_reports_with_state_counts_and_filters(site: Site) -> None:
    first = add_report_with_claims(site.db, TEXT, claims(), filename="a.txt")
    second = add_report_with_claims(site.db, "Nothing here at all.", [], filename="b.txt")
    client = site.login("rex")
    page = client.get("/review/reports")
    assert page.status_code == 200
    assert "Not started (2)" in page.text and "Reviewed (0)" in page.text
    data = client.get("/api/review/reports", params={"country": "kz"}).json()
    assert [r["id"] for r in data["reports"]] == [first]
    assert data["reports"][0]["countries"] == ["KZ"] and data["reports"][0]["urgency"] == 4
    assert (
        client.get("/api/review/reports", params={"sort": "urgent"}).json()["reports"][0]["id"]
        == first
    )
    assert client.get("/api/review/reports", params={"state": "nope"}).status_code == 400
    # One decision: in progress; accepting the rest: reviewed.
    headers = api(client)
    fid = ids(site, first)["person"]
    client.post(f"/api/review/reports/{first}/facts/{fid}", json={"action": "confirm"},
                headers=headers)  # fmt: skip
    counts = client.get("/api/review/reports").json()["counts"]
    assert counts == {"not_started": 1, "in_progress": 1, "reviewed": 0}
    client.post(f"/api/review/reports/{first}/accept-rest", json={}, headers=headers)
    done = client.get("/api/review/reports", params={"state": "reviewed"}).json()
    assert [r["id"] for r in done["reports"]] == [first]
    assert done["reports"][0]["finished_by"] == "rex"
    assert second in [r["id"] for r in client.get("/api/review/reports").json()["reports"]]


def test_record_groups_facts_as_documenters_think_of_them(site: Site) -> None:
    rid = add_report_with_claims(site.db, TEXT, claims())
    client = site.login("rex")
    data = client.get(f"/api/review/reports/{rid}").json()
    sections = {s["key"]: s for s in data["record"]}
    people = sections["persons"]["groups"]
    assert [g["title"] for g in people] == ["Aliya Sarsenbayeva", "Erlan Dauletov"]
    assert [f["kind"] for f in people[0]["facts"]] == ["person", "affiliation"]
    assert sections["events"]["groups"][0]["facts"][0]["summary"].startswith("arrest")
    # What a fact may point to: the persons and organisations by name, each with its id.
    assert [(m["id"], m["name"]) for m in data["mentions"]] == [
        ("o1", "Adil Soz"), ("p1", "Aliya Sarsenbayeva"), ("p2", "Erlan Dauletov"),
    ]  # fmt: skip
    charge = sections["charges"]["groups"][0]["facts"][0]
    assert charge["value"]["person"] == "p1" and charge["names"] == {"p1": "Aliya Sarsenbayeva"}
    assert charge["summary"].startswith("Aliya Sarsenbayeva: ")
    html = client.get(f"/review/reports/{rid}").text
    assert 'data-o="16" data-facts=' in html  # highlights know their offsets
    assert "Accept the rest (6)" in html
    assert html.count('class="fact s-machine') == 6


def test_form_decisions_keep_the_place_and_edit_victims_as_a_list(site: Site) -> None:
    rid = add_report_with_claims(site.db, TEXT, claims())
    f = ids(site, rid)
    client = site.login("rex")
    page = client.get(f"/review/reports/{rid}")
    csrf = csrf_of(page.text)
    answer = client.post(f"/review/reports/{rid}/facts/{f['person']}",
                         data={"csrf": csrf, "action": "confirm", "version": "1"})  # fmt: skip
    assert answer.status_code == 303
    # Back to the page, at the next fact waiting (the affiliation, shown under the person).
    at = f["affiliation"]
    assert answer.headers["location"] == f"/review/reports/{rid}?at={at}#f-{at}"
    edit = client.get(f"/review/reports/{rid}?edit={f['event']}").text
    # The form shows names and sends ids.
    assert 'type="checkbox" name="v.victims" value="p2"> Erlan Dauletov' in edit
    answer = client.post(
        f"/review/reports/{rid}/facts/{f['event']}",
        data={"csrf": csrf, "action": "edit", "version": "1", "v.type": "arrest",
              "v.victims": ["", "p1", "p2"]},
    )  # fmt: skip
    assert answer.status_code == 303
    saved = row(site, f["event"])
    assert saved is not None and saved.status == "edited"
    assert saved.value["victims"] == ["p1", "p2"]
    assert [h.action for h in claim_history_of(site, f["event"])] == ["extracted", "edit"]
    # The script's way: JSON back with the fact's new HTML and the next fact waiting.
    answer = client.post(f"/review/reports/{rid}/facts/{f['charge']}",
                         data={"csrf": csrf, "action": "reject", "version": "1"},
                         headers={"accept": "application/json"})  # fmt: skip
    body = answer.json()
    assert body["ok"] and 'class="fact s-rejected' in body["html"] and body["next"]
    with site.db.read() as s:  # each decision has its audit entry (the operations layer's)
        done = {(e.action, e.subject) for e in audit_trail(s)}
    assert {("claim.confirm", f"claim:{f['person']}"), ("claim.edit", f"claim:{f['event']}"),
            ("claim.reject", f"claim:{f['charge']}")} <= done  # fmt: skip


def claim_history_of(site: Site, claim_id: int) -> list:  # type: ignore[type-arg]
    with site.db.read() as s:
        return claim_history(s, claim_id)


def test_bad_values_are_refused_per_field_and_nothing_is_saved(site: Site) -> None:
    rid = add_report_with_claims(site.db, TEXT, claims())
    f = ids(site, rid)
    client = site.login("rex")
    csrf = csrf_of(client.get(f"/review/reports/{rid}").text)
    answer = client.post(f"/review/reports/{rid}/facts/{f['event']}",
                         data={"csrf": csrf, "action": "edit", "v.date": "2024-13-45"})  # fmt: skip
    assert answer.status_code == 400
    assert "has no month 13" in answer.text and 'aria-invalid="true"' in answer.text
    assert 'value="2024-13-45"' in answer.text  # what the reviewer typed is kept
    headers = api(client)
    bad = [
        ({"date": "2024-02-30"}, "date"),
        ({"victims": "Aliya Sarsenbayeva"}, "victims"),
        ({"victims": [1, 2]}, "victims"),
        ({"victims": ["Nobody Known"]}, "victims"),  # a name, not an id
        ({"victims": ["p9"]}, "victims"),  # nobody of this report
        ({"type": "picnic"}, "type"),
        ({"country": "Narnia"}, "country"),
        ({"colour": "red"}, "colour"),
    ]
    for value, field in bad:
        answer = client.post(f"/api/review/reports/{rid}/facts/{f['event']}",
                             json={"action": "edit", "value": value}, headers=headers)  # fmt: skip
        assert answer.status_code == 400, value
        assert answer.json()["field"] == field, answer.json()
    answer = client.post(f"/api/review/reports/{rid}/facts/{f['person']}", headers=headers,
                         json={"action": "edit", "value": {"role": 5}})  # fmt: skip
    assert answer.status_code == 400
    untouched = row(site, f["event"])
    assert untouched is not None and untouched.status == "machine" and untouched.version == 1


def test_html_in_every_text_field_is_escaped(site: Site) -> None:
    evil = "<script>alert(1)</script>"
    text = f"{evil} was arrested. {evil}"
    rid = add_report_with_claims(
        site.db, text,
        [C("person", {"name": evil, "role": "victim"}, [(0, len(evil))]),
         C("event", {"type": "arrest", "place": evil, "victims": [evil], "evidence": evil},
           [(len(evil) + 5, len(evil) + 13)])],
        filename=f"{evil}.txt",
    )  # fmt: skip
    client = site.login("rex")
    headers = api(client)
    f = ids(site, rid)
    client.post(f"/api/review/reports/{rid}/facts",
                json={"kind": "charge", "value": {"person": "p1", "offence": evil},
                      "span": [0, 8]}, headers=headers)  # fmt: skip
    for path in (f"/review/reports/{rid}", f"/review/reports/{rid}?edit={f['event']}",
                 f"/review/reports/{rid}/facts/{f['event']}/form", "/review/reports",
                 f"/review/reports/{rid}/add?kind=person&start=0&end=25"):  # fmt: skip
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert "<script>alert" not in answer.text, path
        assert "&lt;script&gt;" in answer.text, path


def test_two_reviewers_at_once_the_second_is_told_and_nothing_is_lost(site: Site) -> None:
    rid = add_report_with_claims(site.db, TEXT, claims())
    f = ids(site, rid)
    first, second = site.login("rex"), site.login("ada")
    page1 = first.get(f"/review/reports/{rid}").text
    page2 = second.get(f"/review/reports/{rid}").text
    answer = first.post(f"/review/reports/{rid}/facts/{f['event']}",
                        data={"csrf": csrf_of(page1), "action": "edit", "version": "1",
                              "v.place": "Almaty"})  # fmt: skip
    assert answer.status_code == 303
    answer = second.post(f"/review/reports/{rid}/facts/{f['event']}",
                         data={"csrf": csrf_of(page2), "action": "edit", "version": "1",
                               "v.place": "Astana"})  # fmt: skip
    assert answer.status_code == 409
    assert "changed by rex after you opened it" in answer.text
    kept = row(site, f["event"])
    assert kept is not None and kept.value["place"] == "Almaty" and kept.reviewed_by == "rex"
    # Accept the rest with a page older than a new extraction run: refused, nothing accepted.
    with site.db.transaction() as s:
        sync_claims(s, rid, [*claims(), C("place", {"name": "Almaty"}, [(65, 71)])],
                    extractor="test2", actor="tester")  # fmt: skip
    answer = second.post(f"/review/reports/{rid}/accept-rest",
                         data={"csrf": csrf_of(page2), "seen": _seen(page2)})  # fmt: skip
    assert answer.status_code == 409 and "changed or appeared" in answer.text
    with site.db.read() as s:
        waiting = s.scalars(select(ClaimRow).where(ClaimRow.status == "machine")).all()
    assert len(waiting) == 6  # five as before, the new one; none accepted


def _seen(html: str) -> str:
    import re

    found = re.search(r'name="seen" value="([0-9:,]*)"', html)
    assert found
    return found.group(1)


def test_a_report_deleted_or_a_fact_withdrawn_while_open(site: Site) -> None:
    rid = add_report_with_claims(site.db, TEXT, claims())
    f = ids(site, rid)
    client = site.login("rex")
    csrf = csrf_of(client.get(f"/review/reports/{rid}").text)
    headers = api(client)
    # Re-extraction withdraws the charge: deciding it says so.
    with site.db.transaction() as s:
        sync_claims(s, rid, [c for c in claims() if c.kind != "charge"], extractor="t2",
                    actor="tester")  # fmt: skip
    answer = client.post(f"/api/review/reports/{rid}/facts/{f['charge']}",
                         json={"action": "confirm"}, headers=headers)  # fmt: skip
    assert answer.status_code == 404 and "withdrawn" in answer.json()["error"]
    with site.db.transaction() as s:
        s.execute(delete(ClaimRow).where(ClaimRow.report_id == rid))
        s.execute(delete(Report).where(Report.id == rid))
    for path in (f"/review/reports/{rid}/facts/{f['person']}", f"/review/reports/{rid}/accept-rest",
                 f"/review/reports/{rid}/facts"):  # fmt: skip
        answer = client.post(path, data={"csrf": csrf, "action": "confirm", "kind": "person",
                                          "start": "0", "end": "5", "v.name": "X",
                                          "v.role": "victim"})  # fmt: skip
        assert answer.status_code == 404, path
        assert "Traceback" not in answer.text
    assert client.get(f"/review/reports/{rid}").status_code == 404


def test_adding_a_missed_fact_keeps_its_span_and_reviewer(site: Site) -> None:
    rid = add_report_with_claims(site.db, TEXT, claims())
    client = site.login("rex")
    csrf = csrf_of(client.get(f"/review/reports/{rid}").text)
    # The form the script opens for selected words, the name filled in from them.
    form = client.get(f"/review/reports/{rid}/add", params={"kind": "person", "start": 156,
                                                            "end": 172}).text  # fmt: skip
    assert 'value="Erlan Dauletov"' in form and 'name="start" value="157"' in form
    answer = client.post(
        f"/review/reports/{rid}/facts",
        data={"csrf": csrf, "kind": "event", "start": "187", "end": "192", "quote": "fined",
              "v.type": "sentence", "v.date": "2021-05-02",
              "v.victims": ["", "p1"]},
    )  # fmt: skip
    assert answer.status_code == 303, answer.text
    new_id = int(answer.headers["location"].split("at=")[1].split("#")[0])
    added = row(site, new_id)
    assert added is not None
    assert (added.stage, added.status, added.reviewed_by) == ("reviewer", "confirmed", "rex")
    assert added.spans == [[187, 192]] and added.value["victims"] == ["p1"]
    assert [h.action for h in claim_history_of(site, new_id)] == ["added"]
    headers = api(client)
    refused = [
        ({"kind": "event", "value": {"type": "arrest", "victims": ["Ghost"]}, "span": [0, 6]}, 400),
        ({"kind": "event", "value": {"type": "arrest", "victims": ["p7"]}, "span": [0, 6]}, 400),
        ({"kind": "alias", "value": {"person": "o1", "alias": "AS"}, "span": [0, 6]}, 400),
        ({"kind": "event", "value": {"type": "arrest"}, "span": [0, 99999]}, 400),
        ({"kind": "event", "value": {"type": "arrest"}, "span": [5, 2]}, 400),
        ({"kind": "dragon", "value": {"x": 1}, "span": [0, 6]}, 400),
        ({"kind": "event", "value": {"type": "arrest"}, "span": [0, 6], "quote": "Other"}, 409),
        ({"kind": "person", "value": {"name": "Aliya Sarsenbayeva", "role": "victim"},
          "span": [16, 34]}, 400),
    ]  # fmt: skip
    for body, status in refused:
        answer = client.post(f"/api/review/reports/{rid}/facts", json=body, headers=headers)
        assert answer.status_code == status, (body, answer.text)
    answer = client.post(f"/api/review/reports/{rid}/facts", headers=headers,
                         json={"kind": "alias", "value": {"person": "p1",
                                                          "alias": "A. Sarsenbayeva"},
                               "span": [16, 34]})  # fmt: skip
    assert answer.status_code == 201 and answer.json()["stage"] == "reviewer"
    with site.db.read() as s:
        n = len(s.scalars(select(ClaimRow).where(ClaimRow.report_id == rid)).all())
    assert n == 8  # six extracted, the event and the alias; nothing of the refused ones
