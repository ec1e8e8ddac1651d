"""Organizations named in a report, with aliases (acronyms, translations, quotes) and kind."""

from __future__ import annotations

import re
from functools import cache

from vigil.extract.context import Context, Organization
from vigil.extract.data import load
from vigil.extract.gazetteer import demonyms, fold, is_place
from vigil.extract.names import looks_like_person, tokens, trim

_CAP = r"(?:[A-Z\u00c0-\u00de][\w’'&.!-]*|[A-Z]{2,}[\w-]*)"


@cache
def _lex() -> dict[str, object]:
    data = load("organizations")
    conn = data["connectors"]
    seq = rf"{_CAP}(?:[ \t]+(?:(?:{'|'.join(conn)})[ \t]+)*{_CAP}){{0,9}}"
    kinds = [
        (r["kind"], re.compile(r"(?<![\w])(?:" + "|".join(r["words"]) + r")(?![\w])", re.I))
        for r in data["kinds"]
    ]
    return {
        "not_org": frozenset(fold(w) for w in data["not_org"]),
        "kinds": kinds,
        # "Public Interest Law Center (PILC)", "Halyk Maidan (National Front)"
        "paren": re.compile(rf"({seq})[ \t]*\(([A-Z][\w’'& .-]{{1,60}}?)\)"),
        # "the People’s Movement “Halyk Maidan”", "“Alga!” People’s party"
        "quoted_after": re.compile(
            r"\b(?:[Pp]arty|[Mm]ovement|[Oo]rgani[sz]ation|[Gg]roup|[Uu]nion|[Nn]ewspaper|"
            r"[Ff]oundation|[Cc]ompany|[Aa]ssociation|[Cc]entre|[Cc]enter|[Cc]oalition|"
            r"[Ff]ront|[Cc]ampaign|[Aa]gency|[Ww]ebsite|[Cc]hannel)\s+[“«\"]([^”»\"\n]{2,60}?)\s*[”»\"]"
        ),
        "quoted_before": re.compile(
            r"[“«\"]([^”»\"\n]{2,60}?)\s*[”»\"]\s+(?:[A-Z][\w’']*\s+)?([Pp]arty|[Mm]ovement|"
            r"[Nn]ewspaper|[Cc]ompany|[Gg]roup|[Uu]nion|[Aa]ssociation|[Ff]oundation)"
        ),
        "extend": re.compile(rf"^[ \t]+(?:(?:{'|'.join(conn)})[ \t]+)+{_CAP}(?:[ \t]+{_CAP})*"),
        "acronym": re.compile(r"^[A-Z][A-Z0-9&/.-]{1,9}$"),
        "conn": frozenset(conn),
    }


def kind_of(name: str) -> str:
    for kind, rx in _lex()["kinds"]:  # type: ignore[attr-defined]
        if rx.search(name):
            return str(kind)
    return "other"


def _ok(name: str) -> bool:
    lex = _lex()
    if not name or len(name) < 2 or len(name) > 90 or "\n" in name:
        return False
    f = fold(name)
    if not f or f in lex["not_org"] or f in demonyms():  # type: ignore[operator]
        return False
    if not (name[0].isupper() or name[0].isdigit()):
        return False
    if is_place(name) and not lex["acronym"].match(name):  # type: ignore[attr-defined]
        return False
    return not any(ch.isdigit() for ch in name[:1])


def _initials(name: str) -> str:
    conn = _lex()["conn"]
    return "".join(t[0] for t in tokens(name) if t not in conn and t[:1].isalpha()).upper()


class _Orgs:
    def __init__(self) -> None:
        self.items: list[Organization] = []

    def find(self, name: str) -> Organization | None:
        f = fold(name)
        for o in self.items:
            if f == fold(o.name) or any(f == fold(a) for a in o.aliases):
                return o
        return None

    def add(self, name: str, span: tuple[int, int], alias: str | None = None,
            kind: str | None = None) -> Organization | None:
        if not _ok(name):
            return None
        org = self.find(name) or (self.find(alias) if alias else None)
        if org is None:
            org = Organization(name=name, kind=kind or kind_of(name))
            self.items.append(org)
        org.spans.append(span)
        if alias and _ok(alias) and fold(alias) != fold(org.name):
            if all(fold(alias) != fold(a) for a in org.aliases):
                org.aliases.append(alias)
        if kind and org.kind == "other":
            org.kind = kind
        return org


def find_organizations(ctx: Context) -> list[Organization]:
    lex = _lex()
    text = ctx.clean
    orgs = _Orgs()
    for m in lex["paren"].finditer(text):  # type: ignore[attr-defined]
        name, s, e = trim(m.group(1), m.start(1))
        inner = m.group(2).strip()
        first = inner.split()[0]
        if looks_like_person(name) and not lex["acronym"].match(first):  # type: ignore[attr-defined]
            continue
        if lex["acronym"].match(first) or kind_of(inner) != "other":  # type: ignore[attr-defined]
            if lex["acronym"].match(inner) and not _initials(name).endswith(inner[:1]):  # type: ignore[attr-defined]
                # "(RSF)" after a long name is still its acronym; require some initial match
                if inner[0] not in _initials(name):
                    continue
            orgs.add(name, (s, e), alias=inner)
    for m in lex["quoted_after"].finditer(text):  # type: ignore[attr-defined]
        word = m.group().split()[0].lower()
        orgs.add(m.group(1).strip(), m.span(1), kind=_kind_word(word))
    for m in lex["quoted_before"].finditer(text):  # type: ignore[attr-defined]
        orgs.add(m.group(1).strip(), m.span(1), kind=_kind_word(m.group(2).lower()))
    for ent in ctx.ents:
        if ent.label not in ("ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "FAC"):
            continue
        name, s, e = trim(ent.text, ent.start)
        if ent.label != "ORG" and kind_of(name) == "other":
            continue
        if ent.label in ("PERSON", "ORG") and looks_like_person(name) and kind_of(name) == "other":
            if ent.label == "PERSON" or not lex["acronym"].match(name):  # type: ignore[attr-defined]
                continue
        # Extend over "of the Council of Europe", "for National Security" the model cut.
        ext = lex["extend"].match(text[e : e + 120])  # type: ignore[attr-defined]
        if ext:
            cand = text[s : e + ext.end()]
            if "\n" not in cand:
                name, e = cand, e + ext.end()
        # "Reporters" before "Without Borders"
        before = re.search(rf"({_CAP}[ \t]+)$", text[max(0, s - 40) : s])
        if before and ent.label == "PERSON" and not text[: s].rstrip().endswith((".", "\n")):
            s -= len(before.group(1))
            name = text[s:e]
        orgs.add(name, (s, e))
    _link_acronyms(orgs, text)
    return orgs.items


def _kind_word(word: str) -> str | None:
    return {"party": "party", "movement": "movement", "newspaper": "media", "company": "company",
            "union": "union", "front": "movement", "campaign": "movement",
            "channel": "media", "website": "media", "agency": "media"}.get(word, None)


def _link_acronyms(orgs: _Orgs, text: str) -> None:
    """Fold a bare acronym or a lone word into the longer organization it abbreviates."""
    lex = _lex()
    merged: list[Organization] = []
    longs = [o for o in orgs.items if len(tokens(o.name)) >= 2]
    for o in orgs.items:
        target = None
        if len(tokens(o.name)) == 1:
            for big in longs:
                if big is o:
                    continue
                if lex["acronym"].match(o.name) and _initials(big.name) == o.name.replace(".", ""):  # type: ignore[attr-defined]
                    target = big
                elif fold(tokens(big.name)[-1]) == fold(o.name):
                    target = big
                elif any(fold(a) == fold(o.name) for a in big.aliases):
                    target = big
                if target:
                    break
        if target is not None:
            if all(fold(a) != fold(o.name) for a in target.aliases):
                target.aliases.append(o.name)
            target.aliases.extend(a for a in o.aliases if a not in target.aliases)
            target.spans.extend(o.spans)
        else:
            merged.append(o)
    orgs.items = merged
