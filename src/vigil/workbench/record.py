"""A report's claims as the documenter's record: persons (each with the aliases, birth,
affiliations and relatives said of them), organisations, events, charges, sentences, and
anything else. Facts keep text order inside each part; the page and the keyboard follow
the same order (``ordered``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from vigil.i18n import N_, _, pgettext
from vigil.store.models import ClaimRow

# Facts said of a person (their ``person`` field names them), shown under that person.
ABOUT_PERSON = ("alias", "birth_date", "birth_place", "affiliation", "relative")
SECTIONS = (  # titles marked for the catalogues, translated where they are shown
    ("persons", N_("Persons")),
    ("organizations", N_("Organisations")),
    ("events", N_("Events")),
    ("charges", N_("Charges")),
    ("sentences", N_("Sentences")),
    ("other", N_("Other facts")),
)
_SECTION_OF = {
    "person": "persons",
    "organization": "organizations",
    "event": "events",
    "charge": "charges",
    "sentence": "sentences",
}
# What a reviewer may add by selecting words, and the field the selection fills.
ADDABLE = {
    "person": "name",
    "alias": "alias",
    "organization": "name",
    "event": "evidence",
    "charge": "offence",
    "sentence": "note",
    "affiliation": "position",
    "relative": "relative",
    "birth_date": "birth_date",
    "birth_place": "birth_place",
}
QUOTE_MAX = 300


def _fold(name: Any) -> str:
    return " ".join(str(name or "").split()).casefold()


def _join(values: Any) -> str:
    if isinstance(values, list):
        return ", ".join(str(v) for v in values if v not in (None, ""))
    return str(values) if values not in (None, "") else ""


def _term(context: str, value: Any) -> str:
    """A vocabulary value of the fact schema in the reader's language ("victim" -> "жертва")."""
    text = _join(value)
    return pgettext(context, text.replace("_", " ")) if text else ""


def summary(kind: str, value: dict[str, Any]) -> str:
    """One line a documenter reads at a glance, in the reader's language (plain text; the
    page escapes it). Names and quoted text stay as the report writes them."""
    v = value
    parts: list[str]
    if kind == "person":
        return " · ".join(x for x in (_join(v.get("name")), _term("role", v.get("role"))) if x)
    if kind == "alias":
        return _("also written %(alias)s") % {"alias": _join(v.get("alias"))}
    if kind == "birth_date":
        return _("born %(date)s") % {"date": _join(v.get("birth_date"))}
    if kind == "birth_place":
        return _("born in %(place)s") % {"place": _join(v.get("birth_place"))}
    if kind == "affiliation":
        parts = [_join(v.get("position")), _join(v.get("organization"))]
        return ", ".join(p for p in parts if p)
    if kind == "relative":
        relation = _join(v.get("relation")) or pgettext("role", "relative")
        return f"{relation}: {_join(v.get('relative'))}"
    if kind == "organization":
        what = _term("organization kind", v.get("kind")) or pgettext("fact kind", "organization")
        head = f"{_join(v.get('name'))} ({what})"
        also = _join(v.get("aliases"))
        return _("%(name)s · also %(aliases)s") % {"name": head, "aliases": also} if also else head
    if kind == "event":
        when = " ".join(p for p in (_join(v.get("date")), _join(v.get("time"))) if p)
        where = ", ".join(p for p in (_join(v.get("place")), _join(v.get("country"))) if p)
        parts = [_term("event type", v.get("type")), when, where]
        if v.get("victims"):
            parts.append(_("victims: %(names)s") % {"names": _join(v.get("victims"))})
        if v.get("perpetrators"):
            parts.append(_("by: %(names)s") % {"names": _join(v.get("perpetrators"))})
        return " · ".join(p for p in parts if p)
    if kind == "charge":
        article = _("art. %(article)s") % {"article": v["article"]} if v.get("article") else ""
        law = " ".join(p for p in (_join(v.get("law")), article) if p)
        parts = [law, _join(v.get("offence")), _join(v.get("country"))]
        return f"{_join(v.get('person'))}: " + " · ".join(p for p in parts if p)
    if kind == "sentence":
        months = v.get("term_months")
        term = (
            _("%(months)s months") % {"months": f"{months:g}"}
            if isinstance(months, int | float)
            else ""
        )
        amount = " ".join(p for p in (_join(v.get("amount")), _join(v.get("currency"))) if p)
        parts = [_term("penalty", v.get("penalty")), term, amount, _join(v.get("note"))]
        return f"{_join(v.get('person'))}: " + " · ".join(p for p in parts if p)
    return "; ".join(f"{k}: {_join(x)}" for k, x in v.items() if x not in (None, "", []))


def fact_json(row: ClaimRow, text: str) -> dict[str, Any]:
    spans = [list(s) for s in row.spans]
    first = spans[0] if spans else [0, 0]
    return {
        "id": row.id,
        "report_id": row.report_id,
        "kind": row.kind,
        "value": dict(row.value),
        "summary": summary(row.kind, row.value),
        "spans": spans,
        "start": first[0],
        "status": row.status,
        "decided": row.status != "machine",
        "stage": row.stage,
        "added_by_reviewer": row.stage == "reviewer",
        "confidence": row.confidence,
        "version": row.version,
        "reviewed_by": row.reviewed_by,
        "evidence": " … ".join(text[a:b][:QUOTE_MAX] for a, b in spans[:3]),
    }


def _start(row: ClaimRow) -> tuple[int, int]:
    return (row.spans[0][0] if row.spans else 1 << 30, row.id)


def build_record(rows: Sequence[ClaimRow], text: str) -> list[dict[str, Any]]:
    """The record's sections, each a list of groups ``{"title", "facts"}``: one group per
    person (the person's own claim first), one untitled group for every other section."""
    ordered = sorted(rows, key=_start)
    persons: dict[str, dict[str, Any]] = {}
    aliases: dict[str, str] = {}
    for row in ordered:
        if row.kind == "person":
            key = _fold(row.value.get("name"))
            group = persons.setdefault(key, {"title": row.value.get("name"), "facts": []})
            group["facts"].append(fact_json(row, text))
    for row in ordered:
        if row.kind == "alias" and _fold(row.value.get("person")) in persons:
            aliases.setdefault(_fold(row.value.get("alias")), _fold(row.value.get("person")))
    sections: dict[str, list[dict[str, Any]]] = {key: [] for key, _ in SECTIONS}
    for row in ordered:
        if row.kind == "person":
            continue
        if row.kind in ABOUT_PERSON:
            who = _fold(row.value.get("person"))
            owner = who if who in persons else aliases.get(who)
            if owner is not None:
                persons[owner]["facts"].append(fact_json(row, text))
                continue
        sections[_SECTION_OF.get(row.kind, "other")].append(fact_json(row, text))
    out: list[dict[str, Any]] = []
    for key, title in SECTIONS:
        if key == "persons":
            groups = list(persons.values())
        else:
            groups = [{"title": None, "facts": sections[key]}] if sections[key] else []
        out.append({"key": key, "title": title, "groups": groups})
    return out


def ordered(record: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every fact in the order the page shows them."""
    return [f for section in record for group in section["groups"] for f in group["facts"]]


def report_names(rows: Iterable[ClaimRow]) -> list[str]:
    """The persons and organisations a report names (names and aliases of facts not
    rejected): what an event's victims or a fact's person may be chosen from."""
    found: dict[str, str] = {}
    for row in rows:
        if row.status == "rejected":
            continue
        v = row.value
        names: list[Any] = []
        if row.kind in ("person", "organization"):
            names = [v.get("name"), *(v.get("aliases") or [])]
        elif row.kind == "alias":
            names = [v.get("alias")]
        for name in names:
            if isinstance(name, str) and name.strip():
                found.setdefault(_fold(name), " ".join(name.split()))
    return sorted(found.values(), key=str.casefold)


def unknown_names(names: Iterable[str], known: Iterable[str]) -> list[str]:
    folded = {_fold(k) for k in known}
    return [n for n in names if _fold(n) not in folded]
