"""biography.v1: birth date and place, affiliations with positions, relatives, roles."""

from __future__ import annotations

import bisect
import re
from functools import cache

from vigil.extract.context import Context, Mention
from vigil.extract.data import load
from vigil.extract.registry import stage

_BORN = re.compile(r"\bborn\b(?:\s+on)?", re.I)


@cache
def _rx() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    bio = load("biography")
    names = load("names")
    pos = "|".join(sorted(map(re.escape, bio["positions"]), key=len, reverse=True))
    position = re.compile(
        rf"(?<![\w-])(?P<pos>(?:{pos})(?:\s+(?:of|at|for)\s+(?:the\s+)?[^,;()“”\"]{{0,50}}?)?)\s+(?:of|at|for|with)\s+(?:the\s+)?[“\"«]?$",
        re.I,
    )
    rel = "|".join(sorted(map(re.escape, names["relations"]), key=len, reverse=True))
    relation = re.compile(
        rf"\b(?P<whose>his|her|their|the|whose)\s+(?P<rel>{rel})(?:\s+of)?,?\s*$", re.I
    )
    return position, relation, {str(k): str(v) for k, v in bio["inverse"].items()}


def _start(m: Mention) -> int:
    return m.start


@stage("biography.v1", order=70)
def find_biography(ctx: Context) -> None:
    position, relation, inverse = _rx()
    text = ctx.clean
    persons = [m for m in ctx.mentions if m.kind == "person"]
    orgs = [m for m in ctx.mentions if m.kind == "organization"]
    for pm in persons:
        person = ctx.persons[pm.index]
        sent = ctx.sentence_of(pm.start)
        # Birth: "X, was born 18.08.1972 in Zhanaozen"
        after = text[pm.end : min(sent[1], pm.end + 120)]
        bm = _BORN.search(after)
        if (
            bm
            and person.birth_date is None
            and not ctx.mentions_in(pm.end, pm.end + bm.start(), "person")
        ):
            for d in ctx.dates:
                if pm.end + bm.end() <= d.start <= pm.end + bm.end() + 25:
                    person.birth_date = d.value
                    person.evidence["birth_date"] = [(pm.start, d.end)]
                    break
            for p in ctx.places:
                if pm.end + bm.end() <= p.start <= pm.end + bm.end() + 60:
                    person.birth_place = p.name
                    person.evidence["birth_place"] = [(pm.start, p.end)]
                    break
        # Relatives: "her brother Elmurat Amirov" -> the nearest person before is the other.
        rm = relation.search(text[max(sent[0], pm.start - 40) : pm.start])
        if rm:
            # Persons are in text order (names.v1 sorts the mentions): the ones in the
            # sentence before the relation word, found by bisection (a scan of every
            # person for every person was quadratic on thousands of relatives).
            lo = bisect.bisect_left(persons, sent[0], key=_start)
            hi = bisect.bisect_left(persons, pm.start - len(rm.group()), key=_start)
            owners = [q for q in persons[lo:hi] if q.index != pm.index]
            if not owners and rm.group("whose").lower() in ("his", "her", "their"):
                # "Amirova was arrested. Her brother Elmurat ...": whom the last sentence was about
                owners = _previous_subject(ctx, persons, sent, pm.index)
            if owners:
                owner = ctx.persons[owners[-1].index]
                rel = rm.group("rel").lower()
                _add(owner.relatives, {"person": person.name, "relation": rel})
                span = (owners[-1].start, pm.end)
                owner.evidence[f"rel:{person.name}"] = [span]
                person.evidence[f"rel:{owner.name}"] = [span]
                _add(
                    person.relatives,
                    {"person": owner.name, "relation": inverse.get(rel, "relative")},
                )
                if person.role == "other":
                    person.role = "relative"
        # Affiliations: "X, the head of the Almaty city branch of the “Alga!” party"
        for om in orgs:
            if not (sent[0] <= om.start and om.end <= sent[1]):
                continue
            if 0 < om.start - pm.end <= 110:
                gap = text[pm.end : om.start]
                if ctx.mentions_in(pm.end, om.start, "person"):
                    continue
                m = position.search(gap)
                if m and re.match(r"^\s*[,(–—-]?\s*(?:is\s+|was\s+)?(?:an?\s+|the\s+)?", gap):
                    org_name = ctx.organizations[om.index].name
                    person.evidence[f"aff:{org_name}"] = [(pm.start, om.end)]
                    _add(
                        person.affiliations,
                        {
                            "organization": ctx.organizations[om.index].name,
                            "position": m.group("pos").strip(),
                        },
                    )
            elif 0 < pm.start - om.end <= 80:
                gap = text[om.end : pm.start]
                if re.fullmatch(
                    r"[”\"»]?(?:[’']s)?\s*(?:(?![\w-]*ed\b)[\w-]+\s+){0,2}(?:leader|member|founder|head|editor|"
                    r"journalist|volunteer|chairperson|chairman|coordinator|director|"
                    r"correspondent)s?\s*,?\s*",
                    gap,
                    re.I,
                ):
                    org_name = ctx.organizations[om.index].name
                    person.evidence[f"aff:{org_name}"] = [(om.start, pm.end)]
                    _add(
                        person.affiliations,
                        {
                            "organization": ctx.organizations[om.index].name,
                            "position": gap.strip(' ,”"»'),
                        },
                    )


def _previous_subject(
    ctx: Context, persons: list[Mention], sent: tuple[int, int], other: int
) -> list[Mention]:
    """The first person named in the nearest earlier sentence that names one (a reader's
    reading of "her" at the start of the next sentence)."""
    idx = ctx.sentence_index(sent)
    for back in range(idx - 1, max(-1, idx - 3), -1):
        lo, hi = ctx.sentences[back]
        found = [
            q
            for q in persons
            if lo <= q.start < hi
            and q.index != other
            and ctx.persons[q.index].role not in ("official", "lawyer")
        ]
        if found:
            return found[:1]
    return []


def _add(items: list[dict[str, str]], item: dict[str, str]) -> None:
    if item not in items:
        items.append(item)


@stage("roles.v1", order=80)
def assign_roles(ctx: Context) -> None:
    """Victim when the report says something happened to them; titles were read earlier."""
    victims = {v for ev in ctx.events if ev.type != "protest" for v in ev.victims}
    victims |= {c.person for c in ctx.charges} | {p.person for p in ctx.penalties}
    perps = {p for ev in ctx.events for p in ev.perpetrators}
    for person in ctx.persons:
        if person.name in victims and person.role in ("other", "relative"):
            person.role = "victim"
        elif person.name in perps and person.role == "other":
            person.role = "perpetrator"
