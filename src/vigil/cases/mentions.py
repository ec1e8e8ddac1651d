"""Person mentions: a person as one report's claims describe them, ready for resolution."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from vigil.cases.facts import StoredClaim, name_key
from vigil.resolve.mention import PersonMention, Relative

# Event types whose "victims" are the people who acted (extraction's roles.v1 reads them
# the same way): taking part in a protest makes nobody a victim.
NOT_DONE_TO = frozenset({"protest"})


@dataclass(slots=True)
class Mention:
    id: str
    report_id: int
    name: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    birth_date: str | None = None
    birth_place: str | None = None
    country: str | None = None
    affiliations: list[dict[str, Any]] = field(default_factory=list)
    relatives: list[dict[str, Any]] = field(default_factory=list)
    # Something was done to the person in this report: a victim of an event (not of a
    # protest, whose "victims" are the people protesting), or charged, or sentenced.
    victim: bool = False

    @property
    def keys(self) -> set[str]:
        return {name_key(n) for n in (self.name, *self.aliases) if name_key(n)}

    def for_resolver(self) -> PersonMention:
        return PersonMention(
            id=self.id,
            name=self.name,
            report_id=str(self.report_id),
            aliases=tuple(self.aliases),
            birth_date=self.birth_date,
            birth_place=self.birth_place,
            country=self.country,
            affiliations=tuple(
                str(a.get("organization")) for a in self.affiliations if a.get("organization")
            ),
            relatives=tuple(
                Relative(str(r.get("relative")), str(r.get("relation") or ""))
                for r in self.relatives
                if r.get("relative")
            ),
        )


def mention_id(report_id: int, name: str) -> str:
    digest = hashlib.sha1(name_key(name).encode(), usedforsecurity=False).hexdigest()[:12]
    return f"pm-{report_id}-{digest}"


def mentions_from_claims(report_id: int, claims: list[StoredClaim]) -> list[Mention]:
    """One mention per person claim of the report, with what the other claims add."""
    by_key: dict[str, Mention] = {}
    for c in claims:
        if c.kind == "person" and c.value.get("name"):
            name = str(c.value["name"])
            key = name_key(name)
            if key and key not in by_key:
                by_key[key] = Mention(mention_id(report_id, name), report_id, name)
                by_key[key].role = c.value.get("role")
    owners: dict[str, Mention] = dict(by_key)
    for c in claims:
        if c.kind == "alias":
            owner = owners.get(name_key(str(c.value.get("person", ""))))
            alias = str(c.value.get("alias") or "")
            if owner is not None and alias and alias not in owner.aliases:
                owner.aliases.append(alias)
                owners.setdefault(name_key(alias), owner)
    countries: dict[str, Counter[str]] = {}
    for c in claims:
        owner = owners.get(name_key(str(c.value.get("person", ""))))
        if c.kind == "birth_date" and owner is not None:
            owner.birth_date = owner.birth_date or c.value.get("birth_date")
        elif c.kind == "birth_place" and owner is not None:
            owner.birth_place = owner.birth_place or c.value.get("birth_place")
        elif c.kind == "affiliation" and owner is not None:
            item = {k: v for k, v in c.value.items() if k != "person"}
            if item not in owner.affiliations:
                owner.affiliations.append(item)
        elif c.kind == "relative" and owner is not None:
            item = {k: v for k, v in c.value.items() if k != "person"}
            if item not in owner.relatives:
                owner.relatives.append(item)
        elif c.kind in ("charge", "sentence") and owner is not None:
            owner.victim = True
            if c.value.get("country"):
                countries.setdefault(owner.id, Counter())[str(c.value["country"])] += 1
        elif c.kind == "event":
            for victim in c.value.get("victims") or []:
                who = owners.get(name_key(str(victim)))
                if who is not None:
                    who.victim = who.victim or c.value.get("type") not in NOT_DONE_TO
                    if c.value.get("country"):
                        countries.setdefault(who.id, Counter())[str(c.value["country"])] += 1
    for mention in by_key.values():
        if mention.id in countries:
            mention.country = countries[mention.id].most_common(1)[0][0]
    return list(by_key.values())
