"""Person mentions: a person as one report's claims describe them, ready for resolution."""

from __future__ import annotations

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


def mention_id(report_id: int, local: str) -> str:
    """The mention's id among all reports: its kind's letter and "m", its report and its id
    within it ("pm-7-p1", "om-7-o2"), so that a corrected name keeps the mention (and the
    case or organisation it belongs to, and reviewers' decisions about it)."""
    return f"{local[:1]}m-{report_id}-{local}"


def owners(claims: list[StoredClaim], kind: str = "person") -> dict[str, str]:
    """A report's ids of ``kind`` -> the id of the one standing for them: a person (an
    organisation) the report names twice by the same name is one (the first of them)."""
    first: dict[str, str] = {}
    owner: dict[str, str] = {}
    for c in claims:
        if c.kind == kind and c.mention and c.value.get("name"):
            key = name_key(str(c.value["name"]))
            if key:
                owner[c.mention] = first.setdefault(key, c.mention)
    return owner


def mentions_from_claims(report_id: int, claims: list[StoredClaim]) -> list[Mention]:
    """One mention per person of the report, with what the other claims say of them."""
    owner = owners(claims)
    by_id: dict[str, Mention] = {}
    for c in claims:
        if c.kind == "person" and c.mention in owner and owner[c.mention] == c.mention:
            by_id[c.mention] = Mention(
                mention_id(report_id, c.mention), report_id, str(c.value["name"]),
                role=c.value.get("role"),
            )  # fmt: skip

    def of(c: StoredClaim, field: str = "person") -> Mention | None:
        found = [by_id[owner[r]] for r in c.about(field) if r in owner]
        return found[0] if found else None

    for c in claims:
        if c.kind == "alias" and (who := of(c)) is not None:
            alias = str(c.value.get("alias") or "")
            if alias and alias not in who.aliases:
                who.aliases.append(alias)
    countries: dict[str, Counter[str]] = {}
    for c in claims:
        who = of(c)
        if c.kind == "birth_date" and who is not None:
            who.birth_date = who.birth_date or c.value.get("birth_date")
        elif c.kind == "birth_place" and who is not None:
            who.birth_place = who.birth_place or c.value.get("birth_place")
        elif c.kind == "affiliation" and who is not None:
            item = {k: v for k, v in c.value.items() if k != "person"}
            if item not in who.affiliations:
                who.affiliations.append(item)
        elif c.kind == "relative" and who is not None:
            item = {k: v for k, v in c.value.items() if k != "person"}
            if item not in who.relatives:
                who.relatives.append(item)
        elif c.kind in ("charge", "sentence") and who is not None:
            who.victim = True
            if c.value.get("country"):
                countries.setdefault(who.id, Counter())[str(c.value["country"])] += 1
        elif c.kind == "event":
            for victim in {owner[r] for r in c.about("victims") if r in owner}:
                done_to = by_id[victim]
                done_to.victim = done_to.victim or c.value.get("type") not in NOT_DONE_TO
                if c.value.get("country"):
                    countries.setdefault(done_to.id, Counter())[str(c.value["country"])] += 1
    for mention in by_id.values():
        if mention.id in countries:
            mention.country = countries[mention.id].most_common(1)[0][0]
    return list(by_id.values())
