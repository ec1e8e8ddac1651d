"""Check gold annotation files against GUIDELINES.md before they are used to score extraction.

    python scripts/validate_gold.py DIR [DIR ...]

For every ``NAME.txt`` + ``NAME.gold.json`` pair: the header lines (URL, TITLE, PUBLISHED, a
blank line), the schema (known keys, allowed values), ISO dates, ISO countries, evidence and
every name and alias verbatim in the text, victims and relatives that name listed persons or
organisations, charge and sentence persons that are listed. Prints one line per problem
naming the file and the field; exits 1 when any was found.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

EVENT_TYPES = {
    "arrest", "detention", "charge", "trial", "sentence", "release", "search", "attack",
    "killing", "torture", "disappearance", "threat", "restriction", "protest",
}  # fmt: skip
ROLES = {"victim", "relative", "lawyer", "official", "perpetrator", "witness", "other"}
KINDS = {
    "party", "movement", "ngo", "media", "union", "company", "state_body", "court",
    "intergovernmental", "other",
}  # fmt: skip
PENALTIES = {"imprisonment", "fine", "restriction"}  # GUIDELINES: other penalties are restriction
TOP = {"doc", "language", "persons", "organizations", "events", "charges", "sentences"}
PERSON_KEYS = {
    "name", "aliases", "role", "birth_date", "birth_place", "affiliations", "relatives", "note",
}  # fmt: skip
ORG_KEYS = {"name", "aliases", "kind", "note"}
EVENT_KEYS = {
    "type", "date", "time", "place", "country", "victims", "perpetrators", "evidence", "note",
}  # fmt: skip
CHARGE_KEYS = {"person", "law", "article", "offence", "country", "note"}
SENTENCE_KEYS = {"person", "penalty", "term_months", "amount", "currency", "note"}
DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
COUNTRY = re.compile(r"^[A-Z]{2}$")


def _norm(text: str) -> str:
    """Whitespace and quote/dash variants folded, so a quote may join lines the text wraps."""
    text = re.sub(r"[\u2018\u2019\u201a\u201b`]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u00ab\u00bb]", '"', text)
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def validate(txt: Path, gold_path: Path) -> list[str]:
    problems: list[str] = []

    def bad(where: str, what: str) -> None:
        problems.append(f"{gold_path}: {where}: {what}")

    raw = txt.read_text(encoding="utf-8")
    lines = raw.split("\n")
    if len(lines) < 5 or not lines[0].startswith("URL: ") or not lines[1].startswith("TITLE: "):
        problems.append(f"{txt}: header: lines 1-2 must be 'URL: ...' and 'TITLE: ...'")
    elif not lines[2].startswith("PUBLISHED: ") or lines[3].strip():
        problems.append(f"{txt}: header: line 3 'PUBLISHED: ...', line 4 empty")
    else:
        published = lines[2].removeprefix("PUBLISHED: ").strip()
        if published != "unknown" and not DATE.match(published):
            problems.append(f"{txt}: PUBLISHED: {published!r} is not an ISO date or 'unknown'")
    body = _norm("\n".join(lines[4:]))
    try:
        gold: dict[str, Any] = json.loads(gold_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [f"{gold_path}: not JSON: {exc}"]
    if not isinstance(gold, dict):
        return [f"{gold_path}: the top level must be an object"]
    for key in set(gold) - TOP:
        bad(key, "unknown top-level key")
    if gold.get("doc") != txt.name.removesuffix(".txt"):
        bad("doc", f"{gold.get('doc')!r} is not the file's stem")

    def verbatim(where: str, value: Any) -> None:
        if not isinstance(value, str) or not value.strip():
            bad(where, f"{value!r} must be a non-empty string")
        elif _norm(value) not in body:
            bad(where, f"{value!r} is not in the text verbatim")

    def date(where: str, value: Any) -> None:
        if value is not None and (not isinstance(value, str) or not DATE.match(value)):
            bad(where, f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) or null")

    def country(where: str, value: Any) -> None:
        if value is not None and (not isinstance(value, str) or not COUNTRY.match(value)):
            bad(where, f"{value!r} is not an ISO 3166-1 alpha-2 code or null")

    persons = gold.get("persons") or []
    orgs = gold.get("organizations") or []
    person_names: set[str] = set()
    org_names: set[str] = set()
    for i, person in enumerate(persons):
        where = f"persons[{i}]"
        for key in set(person) - PERSON_KEYS:
            bad(where, f"unknown key {key!r}")
        verbatim(f"{where}.name", person.get("name"))
        person_names.add(person.get("name", ""))
        for j, alias in enumerate(person.get("aliases") or []):
            verbatim(f"{where}.aliases[{j}]", alias)
        if person.get("role") not in ROLES:
            bad(f"{where}.role", f"{person.get('role')!r} is not one of {sorted(ROLES)}")
        date(f"{where}.birth_date", person.get("birth_date"))
    for i, org in enumerate(orgs):
        where = f"organizations[{i}]"
        for key in set(org) - ORG_KEYS:
            bad(where, f"unknown key {key!r}")
        verbatim(f"{where}.name", org.get("name"))
        org_names.add(org.get("name", ""))
        for j, alias in enumerate(org.get("aliases") or []):
            verbatim(f"{where}.aliases[{j}]", alias)
        if org.get("kind") not in KINDS:
            bad(f"{where}.kind", f"{org.get('kind')!r} is not one of {sorted(KINDS)}")
    for i, person in enumerate(persons):
        for j, rel in enumerate(person.get("relatives") or []):
            if rel.get("person") not in person_names:
                bad(f"persons[{i}].relatives[{j}]", f"{rel.get('person')!r} is not a listed person")
        for j, aff in enumerate(person.get("affiliations") or []):
            if aff.get("organization") not in org_names:
                bad(
                    f"persons[{i}].affiliations[{j}]",
                    f"{aff.get('organization')!r} is not a listed organization",
                )
    for i, event in enumerate(gold.get("events") or []):
        where = f"events[{i}]"
        for key in set(event) - EVENT_KEYS:
            bad(where, f"unknown key {key!r}")
        if event.get("type") not in EVENT_TYPES:
            bad(f"{where}.type", f"{event.get('type')!r} is not an event type")
        date(f"{where}.date", event.get("date"))
        country(f"{where}.country", event.get("country"))
        if event.get("time") is not None and not TIME.match(str(event["time"])):
            bad(f"{where}.time", f"{event['time']!r} is not HH:MM")
        verbatim(f"{where}.evidence", event.get("evidence"))
        for j, victim in enumerate(event.get("victims") or []):
            if victim not in person_names | org_names:
                bad(f"{where}.victims[{j}]", f"{victim!r} is not a listed person or organization")
        if not isinstance(event.get("perpetrators", []), list):
            bad(f"{where}.perpetrators", "must be a list")
    for i, charge in enumerate(gold.get("charges") or []):
        where = f"charges[{i}]"
        for key in set(charge) - CHARGE_KEYS:
            bad(where, f"unknown key {key!r}")
        if charge.get("person") not in person_names | org_names:
            bad(f"{where}.person", f"{charge.get('person')!r} is not a listed person")
        article = charge.get("article")
        if article is not None and not re.match(r"^[0-9IVXLC][0-9A-Za-z.\-/() ]*$", str(article)):
            bad(f"{where}.article", f"{article!r} is not an article number like '164' or '205.2'")
        country(f"{where}.country", charge.get("country"))
    for i, sentence in enumerate(gold.get("sentences") or []):
        where = f"sentences[{i}]"
        for key in set(sentence) - SENTENCE_KEYS:
            bad(where, f"unknown key {key!r}")
        if sentence.get("person") not in person_names | org_names:
            bad(f"{where}.person", f"{sentence.get('person')!r} is not a listed person")
        if sentence.get("penalty") not in PENALTIES:
            bad(
                f"{where}.penalty", f"{sentence.get('penalty')!r} is not one of {sorted(PENALTIES)}"
            )
        term = sentence.get("term_months")
        if term is not None and (not isinstance(term, int | float) or term <= 0):
            bad(f"{where}.term_months", f"{term!r} must be a positive number of months or null")
    return problems


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    problems: list[str] = []
    count = 0
    for folder in map(Path, argv):
        for txt in sorted(folder.rglob("*.txt")):
            gold = txt.with_name(txt.name.removesuffix(".txt") + ".gold.json")
            if not gold.exists():
                problems.append(f"{txt}: no {gold.name} beside it")
                continue
            count += 1
            problems.extend(validate(txt, gold))
        for gold in sorted(folder.rglob("*.gold.json")):
            if not gold.with_name(gold.name.removesuffix(".gold.json") + ".txt").exists():
                problems.append(f"{gold}: no .txt beside it")
    for line in problems:
        print(line)
    print(f"{count} reports checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
