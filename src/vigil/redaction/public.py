"""Public shapes of cases: what the public site, public JSON and e-mails may show.

Built field by field from the internal read models (``vigil.cases.model``); a field that is
not copied here cannot leak. Every string that is copied goes through ``redact_text`` with
the case's confidential values (relatives' names, places that are addresses), except the
values a reviewer released for this case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from vigil.cases.model import CaseSummary, Dossier, Evidence, Fact, TimelineEvent
from vigil.redaction.policy import Policy, policy, redact_text

# Values of these keys in a relative's fact name a person other than the case's subject.
_RELATIVE_NAME_KEYS = ("relative", "person", "name")


def _is_address(text: str, rules: Policy) -> bool:
    return any(cat == "address" for _, _, cat in rules.spans(text))


class _Redactor:
    def __init__(self, confidential: Iterable[str], released: Iterable[str]) -> None:
        self.confidential = [c for c in confidential if c]
        self.released = list(released)

    def text(self, value: str) -> str:
        return redact_text(value, confidential=self.confidential, released=self.released).text

    def any(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {str(k): self.any(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.any(v) for v in value]
        if value is None or isinstance(value, bool | int | float):
            return value
        return self.text(str(value))


def confidential_values(dossier: Dossier) -> list[str]:
    """The values of a dossier withheld whatever their wording: relatives' names and
    places that are home addresses."""
    rules = policy()
    values: list[str] = []
    for fact in dossier.relatives:
        for key in _RELATIVE_NAME_KEYS:
            name = fact.value.get(key)
            if isinstance(name, str) and name.strip():
                values.append(name.strip())
    places = [e.place for e in dossier.timeline if e.place]
    places += [str(f.value.get("place", "")) for f in dossier.birth_places]
    values.extend(p for p in places if p and _is_address(p, rules))
    return values


def public_case_summary(
    summary: CaseSummary, released: Iterable[str] = (), confidential: Iterable[str] = ()
) -> dict[str, Any]:
    """The public summary of a case; ``confidential``: its dossier's confidential values
    (``confidential_values``), as ``public_dossier`` and ``public_facets`` pass them."""
    return _summary(_Redactor(confidential, released), summary)


def _summary(r: _Redactor, summary: CaseSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "name": r.text(summary.name),
        "aliases": [r.text(a) for a in summary.aliases],
        "status": summary.status,
        "country": summary.country,
        "latest_event": summary.latest_event,
        "latest_event_date": summary.latest_event_date,
        "charges": [r.text(c) for c in summary.charges],
        "updated_at": summary.updated_at,
    }


def _evidence(r: _Redactor, items: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [{"report_id": e.report_id, "quote": r.text(e.quote)} for e in items]


def _reviewed(evidence: tuple[Evidence, ...]) -> bool:
    """A reviewer confirmed or corrected the value in a report that states it; the public
    pages mark every fact that is not (``vigil.cases.publishable``)."""
    return any(e.reviewed for e in evidence)


def _facts(r: _Redactor, facts: tuple[Fact, ...]) -> list[dict[str, Any]]:
    return [
        {
            "value": r.any(f.value),
            "evidence": _evidence(r, f.evidence),
            "reviewed": _reviewed(f.evidence),
        }
        for f in facts
    ]


def _affiliation_value(r: _Redactor, fact: Fact) -> dict[str, Any]:
    """An affiliation's public value, each organisation name shown whole or withheld whole
    when the policy says so (``whole_values``): membership of a patients' association
    tells the condition."""
    rules = policy()
    shaped: dict[str, Any] = r.any(fact.value)
    for key in rules.whole_values:
        raw, shown = fact.value.get(key), shaped.get(key)
        if isinstance(raw, str) and isinstance(shown, str) and rules.marker in shown:
            shaped[key] = rules.marker
    return shaped


def withheld_whole(
    name: str, *, confidential: Iterable[str] = (), released: Iterable[str] = ()
) -> str:
    """An organisation's name as the public may read it: whole, or the marker alone when
    any part of it is withheld (the policy's ``whole_values``: "[withheld] Women Network"
    would still tell the condition)."""
    marker = policy().marker
    shown = _Redactor(confidential, released).text(name)
    return marker if marker in shown else shown


def _affiliations(r: _Redactor, facts: tuple[Fact, ...]) -> list[dict[str, Any]]:
    return [
        {
            "value": _affiliation_value(r, f),
            "evidence": _evidence(r, f.evidence),
            "reviewed": _reviewed(f.evidence),
        }
        for f in facts
    ]


def _shown(value: Any) -> str | None:
    """A public value a list may name: a string with nothing withheld in it."""
    if isinstance(value, str) and value.strip() and policy().marker not in value:
        return value
    return None


def _organizations(r: _Redactor, dossier: Dossier) -> list[str]:
    names = (_shown(_affiliation_value(r, f).get("organization")) for f in dossier.affiliations)
    return [n for n in names if n]


def public_organizations(dossier: Dossier, released: Iterable[str] = ()) -> list[str]:
    """The organisation names the public shape of ``dossier`` shows (none withheld)."""
    return _organizations(_Redactor(confidential_values(dossier), list(released)), dossier)


def _relatives(r: _Redactor, facts: tuple[Fact, ...]) -> list[dict[str, Any]]:
    out = []
    for f in facts:
        value = {"relation": r.any(f.value.get("relation"))}
        for key in _RELATIVE_NAME_KEYS:
            if key in f.value:
                value[key] = r.any(f.value[key])
        out.append(
            {
                "value": value,
                "evidence": _evidence(r, f.evidence),
                "reviewed": _reviewed(f.evidence),
            }
        )
    return out


def _event(r: _Redactor, e: TimelineEvent) -> dict[str, Any]:
    return {
        "type": e.type,
        "date": e.date,
        "time": e.time,
        "place": r.text(e.place) if e.place else None,
        "country": e.country,
        "victims": [r.text(v) for v in e.victims],
        "perpetrators": [r.text(p) for p in e.perpetrators],
        "other_dates": list(e.other_dates),
        "evidence": _evidence(r, e.evidence),
        "reviewed": _reviewed(e.evidence),
    }


def public_dossier(dossier: Dossier, released: Iterable[str] = ()) -> dict[str, Any]:
    """The JSON-able public shape of a dossier, redacted by the policy."""
    r = _Redactor(confidential_values(dossier), list(released))
    return {
        **_summary(r, dossier.summary),
        "birth_dates": _facts(r, dossier.birth_dates),
        "birth_places": _facts(r, dossier.birth_places),
        "affiliations": _affiliations(r, dossier.affiliations),
        "relatives": _relatives(r, dossier.relatives),
        "roles": _facts(r, dossier.roles),
        "charge_facts": _facts(r, dossier.charges),
        "sentences": _facts(r, dossier.sentences),
        "timeline": [_event(r, e) for e in dossier.timeline],
    }


@dataclass(frozen=True, slots=True)
class PublicFacets:
    """What public lists, filters, facets and counts may know of a case, read from its
    public shape (the same redaction as ``public_dossier``, without the evidence quotes):
    a value the public dossier withholds is in none of these, so no filter finds it and
    no count counts it."""

    summary: dict[str, Any]  # the summary the public dossier shows
    articles: tuple[str, ...]  # of the public charges, none withheld
    organizations: tuple[str, ...]  # as ``public_organizations``
    event_types: tuple[str, ...]
    charged_since: str | None  # the date of the first charge on the public timeline


def public_facets(dossier: Dossier, released: Iterable[str] = ()) -> PublicFacets:
    r = _Redactor(confidential_values(dossier), list(released))
    articles = (_shown(r.any(f.value).get("article")) for f in dossier.charges)
    return PublicFacets(
        summary=_summary(r, dossier.summary),
        articles=tuple(dict.fromkeys(a for a in articles if a)),
        organizations=tuple(dict.fromkeys(_organizations(r, dossier))),
        event_types=tuple(dict.fromkeys(e.type for e in dossier.timeline)),
        charged_since=next((e.date for e in dossier.timeline if e.type == "charge"), None),
    )
