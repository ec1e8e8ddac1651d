"""docs/facts.md, written from the fact schema (``vigil schema --markdown``); a test keeps
the file and the schema the same."""

from __future__ import annotations

from vigil.facts.schema import schema

_TYPE_WORDS = {
    "name": "name",
    "text": "text",
    "date": "date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "time": "time (HH:MM)",
    "country": "country (ISO 3166-1 alpha-2)",
    "names": "list of names",
    "texts": "list of texts",
    "integer": "whole number",
    "number": "number",
    "boolean": "true or false",
}


def markdown() -> str:
    s = schema()
    out = [
        "# The facts Vigil records",
        "",
        "Written from `src/vigil/facts/facts.yaml` by `vigil schema --markdown`; edit the YAML,",
        "not this page. Every edit made in the web, the CLI or the API is checked against it:",
        "an edit changes only the fields it names, and a value that does not fit is refused",
        "with the field's name and the problem. Fields marked * are required.",
        "",
    ]
    for kind in s.kinds.values():
        out += [f"## {kind.name}", "", kind.about[:1].upper() + kind.about[1:] + ".", ""]
        out += ["| field | type | meaning |", "| --- | --- | --- |"]
        for f in kind.fields.values():
            ftype = f"one of the {f.of} values" if f.type == "choice" else _TYPE_WORDS[f.type]
            star = " *" if f.required else ""
            out.append(f"| `{f.name}`{star} | {ftype} | {f.label} |")
        out.append("")
    out += ["# Vocabularies", ""]
    for name, values in s.vocabularies.items():
        out += [f"## {name}", "", "| value | meaning |", "| --- | --- |"]
        out += [f"| `{value}` | {meaning} |" for value, meaning in values.items()]
        out.append("")
    return "\n".join(out)
