"""Every change made from the CLI is an operation with its audit entry and actor, like the
same change in the browser; old case ids keep working and say where they went."""

from __future__ import annotations

import json

from sqlalchemy import select

from tests.cases.conftest import add, event, person
from tests.helpers import vigil
from vigil.store.db import Database
from vigil.store.models import ClaimRow


def two_cases(db_url: str) -> tuple[Database, int, int]:
    db = Database(db_url)
    db.migrate()
    for marker, name in (("GALYMREPRT", "Galym Zhanturin"), ("AIDOSREPRT", "Aidos Sadykov")):
        add(db, f"{marker} {name}", [*person(name), event("arrest", "2024-03-01", name)])
    with db.read() as s:
        from vigil.cases import find_cases

        a, b = (find_cases(s, n)[0].id for n in ("Galym Zhanturin", "Aidos Sadykov"))
    return db, a, b


def audit(env: dict[str, str]) -> list[dict[str, object]]:
    lines = vigil("audit", "--json", "--actor", "tester", env=env, check=True).stdout
    return [json.loads(x) for x in lines.splitlines()]


def test_a_merged_away_id_still_opens_the_case(db_url: str, vigil_env: dict[str, str]) -> None:
    db, a, b = two_cases(db_url)
    db.close()
    merged = vigil("merge", str(b), str(a), env=vigil_env, check=True).stdout.decode()
    survivor = int(merged.split()[-1])
    gone = a if survivor == b else b
    shown = vigil("case", str(gone), env=vigil_env, check=True)
    assert f"case {gone} was merged into case {survivor}" in shown.stderr.decode()
    dossier = json.loads(vigil("case", str(gone), "--json", env=vigil_env, check=True).stdout)
    assert dossier["summary"]["id"] == survivor
    # Everywhere a case is named: the review queue lists the reports of the case it went into.
    queue = vigil("review-queue", "--case", str(gone), "--json", env=vigil_env, check=True)
    assert len(queue.stdout.splitlines()) == 2
    listed = vigil("alert", "interventions", str(gone), env=vigil_env, check=True)
    assert f"case {gone} was merged into case {survivor}" in listed.stderr.decode()
    assert [e["action"] for e in audit(vigil_env)] == ["person.merge"]


def test_publish_release_unpublish_are_audited_with_the_actor(
    db_url: str, vigil_env: dict[str, str]
) -> None:
    db, a, _ = two_cases(db_url)
    with db.read() as s:
        claim = s.scalars(select(ClaimRow.id).order_by(ClaimRow.id)).first()
    db.close()
    refused = vigil("publish", str(a), env=vigil_env)  # VIGIL_PUBLISH_REQUIRES_REVIEW is on
    assert refused.returncode == 1 and b"not reviewed" in refused.stderr
    vigil_env["VIGIL_PUBLISH_REQUIRES_REVIEW"] = "0"
    assert b"published" in vigil("publish", str(a), env=vigil_env, check=True).stdout
    again = vigil("publish", str(a), env=vigil_env, check=True).stdout
    assert b"was published already" in again  # a second time changes nothing
    vigil("release", str(a), "+7 701 555 12 34", env=vigil_env, check=True)
    vigil("withhold", str(a), "+7 701 555 12 34", env=vigil_env, check=True)
    vigil("unpublish", str(a), env=vigil_env, check=True)
    vigil("review", str(claim), "confirm", env=vigil_env, check=True)
    entries = audit(vigil_env)
    assert [e["action"] for e in reversed(entries)] == [
        "case.publish", "case.release", "case.withhold", "case.unpublish", "claim.confirm",
    ]  # fmt: skip
    assert all(e["actor"] == "tester" for e in entries)
    assert all(str(e["subject"]).startswith(("case:", "claim:")) for e in entries)
    assert "701 555 12 34" not in json.dumps(entries), "released values stay out of the audit log"
    human = vigil("audit", env=vigil_env, check=True).stdout.decode()
    assert "tester  case.publish  case:" in human
