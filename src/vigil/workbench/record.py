"""A report's claims as the documenter's record: persons (each with the aliases, birth,
affiliations and relatives said of them), organisations, events, charges, sentences, and
anything else. Facts keep text order inside each part; the page and the keyboard follow
the same order (``ordered``). Facts point to persons and organisations by id ("p1"); what
a reviewer reads (summaries, group titles) shows their names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from vigil.facts import refs
from vigil.facts.schema import schema
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
    "relative": "relation",  # the relative is chosen among the persons
    "birth_date": "birth_date",
    "birth_place": "birth_place",
}
QUOTE_MAX = 300


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


def fact_json(row: ClaimRow, text: str, names: Mapping[str, str]) -> dict[str, Any]:
    """One fact for the page and ``--json``: its value as stored (persons and organisations
    by id), ``names`` of those ids, and a summary that reads them as names."""
    spans = [list(s) for s in row.spans]
    first = spans[0] if spans else [0, 0]
    pointed = [i for ids in refs.ids_in(row.kind, row.value).values() for i in ids]
    return {
        "id": row.id,
        "report_id": row.report_id,
        "kind": row.kind,
        "value": dict(row.value),
        "names": {i: names[i] for i in pointed if i in names},
        "summary": summary(row.kind, refs.named(row.kind, row.value, names)),
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
    names = refs.names_of((r.kind, r.value) for r in rows)
    persons: dict[str, dict[str, Any]] = {}
    for row in ordered:
        mid = refs.own_id(row.kind, row.value) if row.kind == "person" else None
        if mid is not None:
            group = persons.setdefault(mid, {"title": row.value.get("name"), "facts": []})
            group["facts"].append(fact_json(row, text, names))
    sections: dict[str, list[dict[str, Any]]] = {key: [] for key, _ in SECTIONS}
    for row in ordered:
        if row.kind == "person" and refs.own_id(row.kind, row.value) in persons:
            continue
        if row.kind in ABOUT_PERSON:
            owner = next(iter(refs.ids_in(row.kind, row.value).get("person", [])), None)
            if owner in persons:
                persons[owner]["facts"].append(fact_json(row, text, names))
                continue
        sections[_SECTION_OF.get(row.kind, "other")].append(fact_json(row, text, names))
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


def report_mentions(rows: Iterable[ClaimRow]) -> list[dict[str, str]]:
    """The persons and organisations of a report (not rejected), by name: what a fact's
    person or an event's victims are chosen from (the form shows the name, sends the id)."""
    found = [
        {"id": mid, "name": " ".join(str(row.value.get("name") or mid).split()), "kind": row.kind}
        for row in rows
        if row.status != "rejected" and (mid := refs.own_id(row.kind, row.value))
    ]
    return sorted(found, key=lambda m: (m["name"].casefold(), m["id"]))


def choices_for(kind: str, mentions: Sequence[Mapping[str, str]]) -> dict[str, list[Any]]:
    """Per ref field of ``kind``, the mentions it may point to (the kinds ``to`` names)."""
    spec = schema().kinds.get(kind)
    if spec is None:
        return {}
    return {f.name: [m for m in mentions if m["kind"] in f.to] for f in spec.refs}
