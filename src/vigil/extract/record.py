"""Turn a finished Context into the GUIDELINES record and its claims.

Every person and organisation gets an id within the report ("p1", "o1", in the order the
stages found them); facts about them (aliases, biography, victims, charges, sentences) point
to that id, so a reviewer who corrects a name keeps them linked. Claims hold the id alone;
the record, for people to read, keeps the GUIDELINES names and gives the ids beside them
(``id`` of each person and organisation, ``victim_ids``/``perpetrator_ids`` of an event,
``person_id`` of a charge, a sentence or a relative, ``organization_id`` of an affiliation;
None for free text). ``vigil.facts.refs.names_only``
drops the ids again (the form gold files use).
"""

from __future__ import annotations

from typing import Any

from vigil.extract.context import Context, Organization, Person
from vigil.extract.model import Claim
from vigil.facts.schema import schema


class _Ids:
    """Names of the report's persons and organisations -> their ids (the first of a name)."""

    def __init__(self, ctx: Context) -> None:
        self.persons: dict[str, str] = {}
        self.orgs: dict[str, str] = {}
        for i, p in enumerate(ctx.persons):
            self.persons.setdefault(p.name, f"p{i + 1}")
        for i, o in enumerate(ctx.organizations):
            self.orgs.setdefault(o.name, f"o{i + 1}")
        for i, o in enumerate(ctx.organizations):
            for alias in o.aliases:
                self.orgs.setdefault(alias, f"o{i + 1}")

    def of(self, name: str, *, persons: bool = True, orgs: bool = True) -> str | None:
        """The id the record shows beside a name (a person's before an organisation's),
        None for free text."""
        return (self.persons.get(name) if persons else None) or (
            self.orgs.get(name) if orgs else None
        )

    def claim(self, name: str, *, persons: bool = True, orgs: bool = True) -> str:
        """What a claim holds: the id of the person or organisation, else the text."""
        return self.of(name, persons=persons, orgs=orgs) or name


def _add_named_parties(ctx: Context) -> None:
    """An organisation an affiliation names, or a relative, that a stage gave by a name the
    report's organisations or persons lack becomes one of them, as ``or_new`` in facts.yaml
    says (kind other, role relative): the facts point to it by id, never to a free name."""
    fields = schema().kinds
    org_new = dict(fields["affiliation"].fields["organization"].or_new)
    person_new = dict(fields["relative"].fields["relative"].or_new)
    orgs = {n for o in ctx.organizations for n in (o.name, *o.aliases)}
    persons = {p.name for p in ctx.persons}
    for p in list(ctx.persons):
        for a in p.affiliations:
            if a["organization"] not in orgs:
                spans = p.evidence.get(f"aff:{a['organization']}", [])
                kind = org_new.get("kind", "other")
                found = Organization(a["organization"], [], list(spans), kind)
                found.stage = ctx.biography_stage
                ctx.organizations.append(found)
                orgs.add(a["organization"])
        for r in p.relatives:
            if r["person"] not in persons:
                spans = p.evidence.get(f"rel:{r['person']}", [])
                role = person_new.get("role", "relative")
                ctx.persons.append(
                    Person(r["person"], [], list(spans), role, stage=ctx.biography_stage)
                )
                persons.add(r["person"])


def build(ctx: Context) -> tuple[dict[str, Any], list[Claim]]:
    _add_named_parties(ctx)
    claims: list[Claim] = []
    ids = _Ids(ctx)
    persons = []
    for i, p in enumerate(ctx.persons):
        pid = f"p{i + 1}"
        item = {
            "id": pid,
            "name": p.name,
            "aliases": p.aliases,
            "role": p.role,
            "birth_date": p.birth_date,
            "birth_place": p.birth_place,
            "affiliations": [
                {**a, "organization_id": ids.of(a["organization"], persons=False)}
                for a in p.affiliations
            ],
            "relatives": [{**r, "person_id": ids.of(r["person"], orgs=False)} for r in p.relatives],
        }
        persons.append(item)
        key = f"person:{i}"
        claims.append(
            Claim(
                "person",
                key,
                {"id": pid, "name": p.name, "role": p.role},
                p.spans[:20],
                p.stage,
                p.confidence,
            )
        )
        for a in p.aliases:
            claims.append(
                Claim(
                    "alias",
                    f"{key}:alias:{a}",
                    {"person": pid, "alias": a},
                    [sp for sp in p.spans if ctx.text[sp[0] : sp[1]] == a][:5],
                    p.stage,
                    p.confidence,
                )
            )
        for aff in p.affiliations:
            claims.append(
                Claim(
                    "affiliation",
                    f"{key}:aff:{aff['organization']}",
                    {
                        "person": pid,
                        **aff,
                        "organization": ids.claim(aff["organization"], persons=False),
                    },
                    p.evidence.get(f"aff:{aff['organization']}", []),
                    ctx.biography_stage,
                    0.5,
                )
            )
        for rel in p.relatives:
            claims.append(
                Claim(
                    "relative",
                    f"{key}:rel:{rel['person']}",
                    # "person" is whose relative it is (as for every biography claim);
                    # the relative's own name is confidential and kept apart.
                    {
                        "person": pid,
                        "relative": ids.claim(rel["person"], orgs=False),
                        "relation": rel["relation"],
                    },
                    p.evidence.get(f"rel:{rel['person']}", []),
                    ctx.biography_stage,
                    0.5,
                )
            )
        if p.birth_date:
            claims.append(
                Claim(
                    "birth_date",
                    f"{key}:birth_date",
                    {"person": pid, "birth_date": p.birth_date},
                    p.evidence.get("birth_date", []),
                    ctx.biography_stage,
                    0.7,
                )
            )
        if p.birth_place:
            claims.append(
                Claim(
                    "birth_place",
                    f"{key}:birth_place",
                    {"person": pid, "birth_place": p.birth_place},
                    p.evidence.get("birth_place", []),
                    ctx.biography_stage,
                    0.6,
                )
            )
    orgs = []
    for i, o in enumerate(ctx.organizations):
        orgs.append({"id": f"o{i + 1}", "name": o.name, "aliases": o.aliases, "kind": o.kind})
        claims.append(
            Claim(
                "organization",
                f"organization:{i}",
                orgs[-1],
                o.spans[:20],
                o.stage,
                o.confidence,
            )
        )
    events = []
    for i, ev in enumerate(ctx.events):
        item = {
            "type": ev.type,
            "date": ev.date,
            "time": ev.time,
            "place": ev.place,
            "country": ev.country,
            "victims": [ids.claim(v) for v in ev.victims],
            "perpetrators": [ids.claim(v) for v in ev.perpetrators],
            "evidence": ctx.text[ev.start : ev.end],
        }
        events.append(
            {
                **item,
                "victims": ev.victims,
                "victim_ids": [ids.of(v) for v in ev.victims],
                "perpetrators": ev.perpetrators,
                "perpetrator_ids": [ids.of(v) for v in ev.perpetrators],
            }
        )
        claims.append(
            Claim("event", f"event:{i}", item, [(ev.start, ev.end)], ev.stage, ev.confidence)
        )
    charges = []
    for i, c in enumerate(ctx.charges):
        item = {
            "person": ids.claim(c.person),
            "law": c.law,
            "article": c.article,
            "offence": c.offence,
            "country": c.country,
        }
        charges.append({**item, "person": c.person, "person_id": ids.of(c.person)})
        claims.append(Claim("charge", f"charge:{i}", item, [c.span], c.stage, 0.6))
    sentences = []
    for i, pen in enumerate(ctx.penalties):
        sitem: dict[str, Any] = {"person": ids.claim(pen.person), "penalty": pen.penalty}
        if pen.penalty == "imprisonment":
            sitem["term_months"] = pen.term_months
        if pen.penalty == "fine":
            sitem["amount"] = pen.amount
            sitem["currency"] = pen.currency
        if pen.note:
            sitem["note"] = pen.note
        sentences.append({**sitem, "person": pen.person, "person_id": ids.of(pen.person)})
        claims.append(Claim("sentence", f"sentence:{i}", sitem, [pen.span], pen.stage, 0.6))
    for i, pl in enumerate(ctx.places):
        # Places are claims only (the record has no list of them); addresses stay marked.
        claims.append(
            Claim(
                "place",
                f"place:{i}",
                {
                    "name": pl.name,
                    "country": pl.country,
                    "lat": pl.lat,
                    "lon": pl.lon,
                    "sensitive": pl.sensitive,
                },
                [(pl.start, pl.end)],
                pl.stage,
                0.7 if pl.country else 0.4,
            )
        )
    record = {
        "language": ctx.language or "en",
        "persons": persons,
        "organizations": orgs,
        "events": events,
        "charges": charges,
        "sentences": sentences,
    }
    return record, claims
