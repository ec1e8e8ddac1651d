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
    "ref": "id",
    "refs": "list of ids",
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
        "Persons and organisations have an id within their report (`p1`, `o2`); the facts",
        "about them hold that id, never the name, so a name a reviewer corrects stays linked",
        "to everything said of that person. A reference to someone the report does not have",
        "is refused. Extraction (or a plugin) that gives an affiliation or a relative by a name",
        "the report's organisations or persons do not have adds that organisation or person.",
        "",
    ]
    for kind in s.kinds.values():
        out += [f"## {kind.name}", "", kind.about[:1].upper() + kind.about[1:] + ".", ""]
        if kind.id_prefix:
            p = kind.id_prefix
            out += [f"Each has an id within its report: `{p}1`, `{p}2` ...", ""]
        out += ["| field | type | meaning |", "| --- | --- | --- |"]
        for f in kind.fields.values():
            ftype = f"one of the {f.of} values" if f.type == "choice" else _TYPE_WORDS[f.type]
            if f.is_ref:
                article = "an" if f.to[0][0] in "aeiou" else "a"
                ftype += f" of {article} " + " or ".join(f.to) + (", or text" if f.or_text else "")
                if f.or_new:
                    given = ", ".join(f"{k} {v}" for k, v in f.or_new)
                    ftype += f" (a name no {f.to[0]} of the report has becomes a new one: {given})"
            star = " *" if f.required else ""
            out.append(f"| `{f.name}`{star} | {ftype} | {f.label} |")
        out.append("")
    out += ["# Vocabularies", ""]
    for name, values in s.vocabularies.items():
        out += [f"## {name}", "", "| value | meaning |", "| --- | --- |"]
        out += [f"| `{value}` | {meaning} |" for value, meaning in values.items()]
        out.append("")
    return "\n".join(out)
