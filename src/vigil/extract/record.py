"""Turn a finished Context into the GUIDELINES record and its claims."""

from __future__ import annotations

from typing import Any

from vigil.extract.context import Context
from vigil.extract.model import Claim


def build(ctx: Context) -> tuple[dict[str, Any], list[Claim]]:
    claims: list[Claim] = []
    persons = []
    for i, p in enumerate(ctx.persons):
        item = {
            "name": p.name,
            "aliases": p.aliases,
            "role": p.role,
            "birth_date": p.birth_date,
            "birth_place": p.birth_place,
            "affiliations": p.affiliations,
            "relatives": p.relatives,
        }
        persons.append(item)
        key = f"person:{i}"
        claims.append(
            Claim(
                "person",
                key,
                {"name": p.name, "role": p.role},
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
                    {"person": p.name, "alias": a},
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
                    {"person": p.name, **aff},
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
                    {"person": p.name, "relative": rel["person"], "relation": rel["relation"]},
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
                    {"person": p.name, "birth_date": p.birth_date},
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
                    {"person": p.name, "birth_place": p.birth_place},
                    p.evidence.get("birth_place", []),
                    ctx.biography_stage,
                    0.6,
                )
            )
    orgs = []
    for i, o in enumerate(ctx.organizations):
        orgs.append({"name": o.name, "aliases": o.aliases, "kind": o.kind})
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
            "victims": ev.victims,
            "perpetrators": ev.perpetrators,
            "evidence": ctx.text[ev.start : ev.end],
        }
        events.append(item)
        claims.append(
            Claim("event", f"event:{i}", item, [(ev.start, ev.end)], ev.stage, ev.confidence)
        )
    charges = []
    for i, c in enumerate(ctx.charges):
        item = {
            "person": c.person,
            "law": c.law,
            "article": c.article,
            "offence": c.offence,
            "country": c.country,
        }
        charges.append(item)
        claims.append(Claim("charge", f"charge:{i}", item, [c.span], c.stage, 0.6))
    sentences = []
    for i, pen in enumerate(ctx.penalties):
        sitem: dict[str, Any] = {"person": pen.person, "penalty": pen.penalty}
        if pen.penalty == "imprisonment":
            sitem["term_months"] = pen.term_months
        if pen.penalty == "fine":
            sitem["amount"] = pen.amount
            sitem["currency"] = pen.currency
        if pen.note:
            sitem["note"] = pen.note
        sentences.append(sitem)
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
