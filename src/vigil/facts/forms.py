"""Read a fact's fields from an HTML form by the schema's types, so that a list stays a list
(a victims box used to be parsed as JSON and, failing that, stored as the string "[")."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from vigil.facts.schema import FieldSpec, schema

_SPLIT = re.compile(r"\s*(?:\n|;)\s*")


def _parse(spec: FieldSpec, raw: str) -> Any:
    text = raw.strip()
    if spec.type in ("names", "texts", "refs"):
        if text.startswith("["):
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if isinstance(parsed, list):
                return parsed
        return [part for part in _SPLIT.split(text) if part]
    if spec.type in ("integer", "number"):
        if not text:
            return None
        try:
            return float(text) if spec.type == "number" else int(text)
        except ValueError:
            return text  # the schema names the problem ("'ten' is not a number")
    if spec.type == "boolean":
        return text.lower() in ("1", "true", "yes", "on")
    return text or None


def edit_from_form(
    kind: str, form: Mapping[str, str], original: Mapping[str, Any]
) -> dict[str, Any]:
    """The fields a form (inputs named ``v.FIELD``) changes, parsed by type; unchanged
    fields are left out, so the edit changes only what the reviewer touched."""
    spec = schema().kind(kind)
    edit: dict[str, Any] = {}
    for name, field in spec.fields.items():
        raw = form.get(f"v.{name}")
        if raw is None:
            continue
        value = _parse(field, raw)
        old = original.get(name)
        if value != old and not (value in (None, []) and old in (None, [], "")):
            edit[name] = value
    return edit


def form_text(spec: FieldSpec, value: Any) -> str:
    """A stored value as the text an input shows (lists one entry per line)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def form_fields(kind: str, value: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What an edit form shows for one fact: per field its label, input type, the current
    text and, for choices and countries, the allowed values."""
    known = schema().kinds.get(kind)
    if known is None:
        return []
    out: list[dict[str, Any]] = []
    for name, field in known.fields.items():
        choices: list[str] = []
        if field.type == "choice":
            choices = list(schema().vocabularies[field.of or ""])
        elif field.type == "country":
            choices = sorted(schema().countries)
        out.append(
            {
                "name": name,
                "label": field.label,
                "type": field.type,
                "required": field.required,
                "choices": choices,
                # The context its choices are translated in ("event type"; None: codes).
                "vocabulary": (field.of or "").replace("_", " ") or None,
                "text": form_text(field, value.get(name)),
                "many": field.type in ("names", "texts", "refs"),
                "to": list(field.to),
                "or_text": field.or_text,
            }
        )
    return out
