"""Ingest extracts and stores claims; a reviewer's decisions survive re-extraction."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import vigil

REPORT = (
    "URL: https://example.org/appeal\nTITLE: Journalist arrested in Almaty\n"
    "PUBLISHED: 2024-03-12\n\n"
    "On 10 March 2024 police in Almaty arrested the journalist Dana Serikova, editor of the "
    'newspaper "Dala Times". She was charged under article 174 of the Criminal Code. '
    "Her flat was searched the same day.\n"
)


def _claims(env: dict[str, str], *args: str) -> list[dict[str, object]]:
    out = vigil("claims", "--json", *args, env=env, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_ingest_stores_claims_and_review_survives_reextract(
    tmp_path: Path, vigil_env: dict[str, str]
) -> None:
    src = tmp_path / "appeal.txt"
    src.write_text(REPORT, encoding="utf-8")
    vigil("ingest", src, env=vigil_env, check=True)
    claims = _claims(vigil_env)
    kinds = {c["kind"] for c in claims}
    assert {"person", "event"} <= kinds, kinds
    person = next(c for c in claims if c["kind"] == "person")
    assert "Serikova" in json.dumps(person["value"], ensure_ascii=False)
    text = REPORT.split("\n\n", 1)[1]
    for claim in claims:
        for a, b in claim["spans"]:  # type: ignore[union-attr]
            assert 0 <= a < b <= len(text), claim

    event = next(c for c in claims if c["kind"] == "event")
    vigil("review", str(person["id"]), "confirm", env=vigil_env, check=True)
    edited = {**event["value"], "date": "2024-03-11"}  # type: ignore[dict-item]
    vigil(
        "review", str(event["id"]), "edit", "--value", json.dumps(edited), env=vigil_env, check=True
    )

    again = vigil("reextract", "--all", env=vigil_env, check=True).stdout.decode()
    assert "2 reviewed claims kept" in again
    after = {c["id"]: c for c in _claims(vigil_env)}
    assert after[person["id"]]["status"] == "confirmed"
    assert after[event["id"]]["status"] == "edited"
    assert after[event["id"]]["value"]["date"] == "2024-03-11"  # type: ignore[index]
    assert after[event["id"]]["reviewed_by"] == "tester"
    machine_events = [
        c for c in after.values() if c["kind"] == "event" and c["status"] == "machine"
    ]
    assert all(c["value"] != event["value"] for c in machine_events), "no duplicate"


def test_bad_review_arguments(vigil_env: dict[str, str]) -> None:
    bad = vigil("review", "1", "approve", env=vigil_env)
    assert bad.returncode == 2
    missing = vigil("review", "999", "confirm", env=vigil_env)
    assert missing.returncode == 1 and b"no such claim" in missing.stderr
    not_json = vigil("review", "1", "edit", "--value", "{oops", env=vigil_env)
    assert not_json.returncode == 1 and b"--value is not JSON" in not_json.stderr


def test_an_edit_that_does_not_fit_the_schema_is_refused_and_nothing_changes(
    vigil_env: dict[str, str],
) -> None:
    """`vigil review N edit --value '{"date":"not a date"}'` used to exit 0 and replace the
    whole claim with {"date": "not a date"}."""
    report = vigil_env["VIGIL_HOME"] + "-report.txt"
    with open(report, "w", encoding="utf-8") as fh:
        fh.write(REPORT)
    vigil("ingest", report, env=vigil_env, check=True)
    event = next(c for c in _claims(vigil_env) if c["kind"] == "event")
    bad = vigil(
        "review", str(event["id"]), "edit", "--value", '{"date":"not a date"}', env=vigil_env
    )
    assert bad.returncode == 1
    assert b"'date'" in bad.stderr and b"is not a date" in bad.stderr
    after = next(c for c in _claims(vigil_env) if c["id"] == event["id"])
    assert after["value"] == event["value"] and after["status"] == "machine"
    good = vigil("review", str(event["id"]), "edit", "--value", '{"place": "Aktau"}', env=vigil_env)
    assert good.returncode == 0
    edited = next(c for c in _claims(vigil_env) if c["id"] == event["id"])
    assert edited["value"] == {**event["value"], "place": "Aktau"}  # type: ignore[dict-item]
