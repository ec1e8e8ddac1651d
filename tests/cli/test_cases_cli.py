"""vigil cases / case / merge / split / decisions / undo / charges, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import vigil

ONE = (
    "PUBLISHED: 2024-03-12\n\n"
    "On 10 March 2024 police in Almaty arrested the journalist Dana Serikova. She was charged "
    "under article 174 of the Criminal Code of Kazakhstan.\n"
)
TWO = (
    "PUBLISHED: 2024-06-02\n\n"
    "On 1 June 2024 a court in Almaty sentenced the journalist Dana Serikova to five years' "
    "imprisonment under article 174 of the Criminal Code of Kazakhstan.\n"
)


def test_cases_follow_a_person_across_reports(tmp_path: Path, vigil_env: dict[str, str]) -> None:
    for name, text in (("one.txt", ONE), ("two.txt", TWO)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    vigil("ingest", tmp_path / "one.txt", tmp_path / "two.txt", env=vigil_env, check=True)
    cases = json.loads(vigil("cases", "--json", env=vigil_env, check=True).stdout)
    serikova = [c for c in cases if "Serikova" in c["name"]]
    assert len(serikova) == 1, cases
    case = serikova[0]
    for key in ("id", "name", "aliases", "status", "country", "latest_event", "charges", "sources"):
        assert key in case
    assert len(case["sources"]) == 2
    assert case["status"] == "sentenced" and case["country"] == "KZ"
    dossier = json.loads(vigil("case", str(case["id"]), "--json", env=vigil_env, check=True).stdout)
    assert {e["type"] for e in dossier["timeline"]} >= {"arrest", "sentence"}
    human = vigil("case", "Serikova", env=vigil_env, check=True).stdout.decode()
    assert "timeline" in human and "Dana Serikova" in human
    assert "[/]" not in human and "(reports " in human  # markup closed, not printed
    by_article = vigil("charges", "--country", "KZ", env=vigil_env, check=True).stdout.decode()
    assert "article 174" in by_article and "Dana Serikova" in by_article

    mentions = [m["id"] for m in dossier["mentions"]]
    assert len(mentions) == 2
    vigil("split", str(case["id"]), mentions[1], env=vigil_env, check=True)
    after = json.loads(vigil("cases", "--json", env=vigil_env, check=True).stdout)
    assert len([c for c in after if "Serikova" in c["name"]]) == 2
    decisions = [
        json.loads(x)
        for x in vigil("decisions", "--json", env=vigil_env, check=True).stdout.splitlines()
    ]
    assert decisions[0]["action"] == "split" and decisions[0]["actor"] == "tester"
    vigil("undo", str(decisions[0]["id"]), env=vigil_env, check=True)
    again = json.loads(vigil("cases", "--json", env=vigil_env, check=True).stdout)
    assert len([c for c in again if "Serikova" in c["name"]]) == 1


def test_unknown_case_is_a_clear_error(vigil_env: dict[str, str]) -> None:
    missing = vigil("case", "Nobody Atall", env=vigil_env)
    assert missing.returncode == 1
    assert b"no case with that id or name" in missing.stderr
