"""Facts point to the persons and organisations of their report by id; names are values.

Every person and organisation fact (a *mention*) has an id within its report ("p1", "o2",
the kind's letter from ``facts.yaml``); the fields typed ``ref``/``refs`` (a charge's person,
an event's victims, an alias's person ...) hold those ids. A reviewer who corrects a name
changes one fact, and everything said of that person follows. Readers resolve ids to names
where they show them (``named``); a ref field that still holds a name (data stored before
ids, an entry no mention matched) is shown as that name.

    names = names_of(facts)                 # {"p1": "Aliya Sarsenbayeva", "o1": "Oyan"}
    named("charge", value, names)           # {"person": "Aliya Sarsenbayeva", ...}
    with_ids(facts)                         # facts naming people by name, given ids
    new_mentions(with_ids(facts))           # the organisation an affiliation names, if none
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from vigil.facts.schema import MENTION_ID, FieldError, FieldSpec, schema
from vigil.store.fold import name_key

Fact = tuple[str, Mapping[str, Any]]


def own_id(kind: str, value: Mapping[str, Any]) -> str | None:
    """A mention's id ("p1"), None for other kinds or a mention without one."""
    prefix = schema().mention_kinds.get(kind)
    found = value.get("id") if prefix else None
    if isinstance(found, str) and found.startswith(prefix or "") and MENTION_ID.match(found):
        return found
    return None


def _is_id(spec: FieldSpec, item: Any) -> bool:
    return isinstance(item, str) and schema().kind_of_id(item) in spec.to


def _entries(spec: FieldSpec, raw: Any) -> list[Any]:
    if spec.type == "ref":
        return [raw] if raw not in (None, "") else []
    return list(raw) if isinstance(raw, list) else []


def ids_in(kind: str, value: Mapping[str, Any]) -> dict[str, list[str]]:
    """Per ref field of ``kind``, the mention ids it holds (names and free text left out)."""
    spec = schema().kinds.get(kind)
    if spec is None:
        return {}
    return {f.name: [x for x in _entries(f, value.get(f.name)) if _is_id(f, x)] for f in spec.refs}


def names_of(facts: Iterable[Fact]) -> dict[str, str]:
    """Mention id -> name, for the mentions among ``facts`` (the first fact of an id wins)."""
    names: dict[str, str] = {}
    for kind, value in facts:
        mid = own_id(kind, value)
        if mid is not None and isinstance(value.get("name"), str):
            names.setdefault(mid, value["name"])
    return names


def named(kind: str, value: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """``value`` as a reader sees it: every ref replaced by the name it points to (an id
    ``names`` does not know is left as it is), a mention's own id left out."""
    spec = schema().kinds.get(kind)
    out = dict(value)
    if spec is None:
        return out
    if spec.id_prefix:
        out.pop("id", None)
    for f in spec.refs:
        raw = out.get(f.name)
        if f.type == "ref" and isinstance(raw, str):
            out[f.name] = names.get(raw, raw)
        elif f.type == "refs" and isinstance(raw, list):
            out[f.name] = [names.get(x, x) if isinstance(x, str) else x for x in raw]
    return out


def remap(kind: str, value: Mapping[str, Any], mapping: Mapping[str, str]) -> dict[str, Any]:
    """``value`` with its own id and its refs renamed by ``mapping`` (old id -> new id)."""
    spec = schema().kinds.get(kind)
    out = dict(value)
    if spec is None or not mapping:
        return out
    mid = own_id(kind, out)
    if mid is not None and mid in mapping:
        out["id"] = mapping[mid]
    for f in spec.refs:
        raw = out.get(f.name)
        if f.type == "ref" and isinstance(raw, str):
            out[f.name] = mapping.get(raw, raw) if _is_id(f, raw) else raw
        elif f.type == "refs" and isinstance(raw, list):
            moved = [mapping.get(x, x) if _is_id(f, x) else x for x in raw]
            out[f.name] = list(dict.fromkeys(moved))
    return out


def next_id(kind: str, used: Iterable[str]) -> str:
    """A fresh id of ``kind`` above every id of that kind in ``used``."""
    prefix = schema().mention_kinds[kind]
    top = 0
    for mid in used:
        match = MENTION_ID.match(mid)
        if match is not None and match.group(1) == prefix:
            top = max(top, int(match.group(2)))
    return f"{prefix}{top + 1}"


def check_known(
    kind: str, value: Mapping[str, Any], known: Mapping[str, str], fields: Iterable[str]
) -> None:
    """Every id in the named ref ``fields`` is a mention of the report (``known``: id ->
    kind); FieldError names the first field that points to nobody."""
    spec = schema().kind(kind)
    for name in fields:
        f = spec.fields.get(name)
        if f is None or not f.is_ref:
            continue
        for item in _entries(f, value.get(name)):
            if _is_id(f, item) and known.get(item) not in f.to:
                raise FieldError(
                    kind,
                    name,
                    f"{item!r} is not a {' or '.join(f.to)} of this report (add them first: "
                    "select their name in the text)",
                )


class _Lookup:
    """Names and aliases of a report's mentions -> their ids (in the order they were added),
    exact spelling first."""

    def __init__(self) -> None:
        self.exact: dict[str, dict[str, list[str]]] = {}
        self.folded: dict[str, dict[str, list[str]]] = {}

    def add(self, kind: str, name: Any, mid: str) -> None:
        if isinstance(name, str) and name.strip():
            for table, probe in ((self.exact, name.strip()), (self.folded, name_key(name))):
                ids = table.setdefault(kind, {}).setdefault(probe, []) if probe else []
                if mid not in ids:
                    ids.append(mid)

    def find(self, kinds: Sequence[str], name: str, besides: Iterable[str] = ()) -> str | None:
        """The first id of ``kinds`` with this name that is none of ``besides``."""
        for table in (self.exact, self.folded):
            probe = name.strip() if table is self.exact else name_key(name)
            for kind in kinds:
                for found in table.get(kind, {}).get(probe, ()):
                    if found not in besides:
                        return found
        return None


def with_ids(
    facts: Sequence[Fact], *, used: Iterable[str] = (), extra: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """The values of one report's ``facts`` with every mention given an id (those that have
    none get fresh ones above ``used`` and each other) and every ref field that names someone
    by name or alias pointing to them by id instead. A name no mention matches is left as
    written (free text stays text). ``extra``: more folded names -> ids (a name a reviewer
    corrected, as the machine wrote it)."""
    s = schema()
    values = [dict(v) for _, v in facts]
    pairs = [(kind, value) for (kind, _), value in zip(facts, values, strict=True)]
    taken = {*used, *(mid for k, v in pairs if (mid := own_id(k, v)))}
    for kind, value in pairs:
        if kind in s.mention_kinds and own_id(kind, value) is None:
            value["id"] = next_id(kind, taken)
            taken.add(value["id"])
    lookup = _Lookup()
    for kind, value in pairs:
        if kind in s.mention_kinds:
            lookup.add(kind, value.get("name"), value["id"])
    for kind, value in pairs:
        if kind in s.mention_kinds:
            for alias in value.get("aliases") or []:
                lookup.add(kind, alias, value["id"])
    for key, mid in (extra or {}).items():
        of = s.kind_of_id(mid)
        if of is not None:
            lookup.folded.setdefault(of, {}).setdefault(key, []).append(mid)

    def point(spec: FieldSpec, item: Any, besides: Iterable[str] = ()) -> Any:
        if not isinstance(item, str) or _is_id(spec, item):
            return item
        return lookup.find(spec.to, item, besides) or item

    # An alias claim says whose alias it is: once its person is known, the alias finds them.
    for kind, value in pairs:
        if kind != "alias":
            continue
        field = s.kinds[kind].fields["person"]
        value["person"] = point(field, value.get("person"))
        if _is_id(field, value["person"]):
            lookup.add("person", value.get("alias"), value["person"])
    for kind, value in pairs:
        spec = s.kinds.get(kind)
        fields = spec.refs if spec is not None else []
        # Who a fact names beside its subject (an affiliation's organisation, a relative) is
        # someone else, even by the same name (a relative named like an alias of the person).
        for f in sorted(fields, key=lambda f: bool(f.or_new)):
            raw = value.get(f.name)
            if f.type == "ref":
                others = {x for g in fields if g is not f for x in _entries(g, value.get(g.name))}
                value[f.name] = point(f, raw, others if f.or_new else ())
            elif isinstance(raw, list):
                value[f.name] = list(dict.fromkeys(point(f, x) for x in raw))
    return values


def new_mentions(facts: Sequence[Fact]) -> list[tuple[int, str, dict[str, Any]]]:
    """The persons and organisations ``facts`` (refs already given ids by ``with_ids``)
    name without having them: each name left in a ref field with ``or_new`` (an
    affiliation's organisation, a relative) as a new mention of the field's first kind with
    the values ``or_new`` gives, and the index of the first fact naming it. Add them to the
    report and give ids again: every ref then points to someone."""
    found: dict[tuple[str, str], tuple[int, str, dict[str, Any]]] = {}
    for i, (kind, value) in enumerate(facts):
        spec = schema().kinds.get(kind)
        for f in spec.refs if spec is not None else []:
            for item in _entries(f, value.get(f.name)) if f.or_new else []:
                if isinstance(item, str) and name_key(item) and not _is_id(f, item):
                    new = {"name": item.strip(), **dict(f.or_new)}
                    found.setdefault((f.to[0], name_key(item)), (i, f.to[0], new))
    return list(found.values())


# What the record of ``vigil extract`` adds beside the GUIDELINES names.
RECORD_IDS = ("id", "victim_ids", "perpetrator_ids", "person_id", "organization_id")


def names_only(record: Mapping[str, Any]) -> dict[str, Any]:
    """A GUIDELINES record as gold files write it: the ids ``vigil extract`` gives beside
    the names (``RECORD_IDS``) left out. Gold records come out unchanged."""

    def bare(items: Any) -> Any:
        if not isinstance(items, list):
            return items
        return [
            {k: bare(v) for k, v in item.items() if k not in RECORD_IDS}
            if isinstance(item, Mapping)
            else item
            for item in items
        ]

    out = dict(record)
    for part in ("persons", "organizations", "events", "charges", "sentences"):
        if isinstance(record.get(part), list):
            out[part] = bare(record[part])
    return out
