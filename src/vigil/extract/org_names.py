"""Names of organizations beyond those the model finds: the site's masthead, translations
and acronyms in brackets, the other names of well-known bodies, and later mentions."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from vigil.extract.context import Context, Mention
from vigil.extract.data import load
from vigil.extract.gazetteer import demonyms, fold, is_place
from vigil.extract.names import strong_person

if TYPE_CHECKING:
    from vigil.extract.orgs import _Orgs


def merge_same_bodies(orgs: _Orgs) -> None:
    """Merge the names of one well-known body ("UN Human Rights Office" is OHCHR)."""
    groups = [{fold(n) for n in g} for g in load("organizations")["same_bodies"]]
    for group in groups:
        members = [o for o in orgs.items if fold(o.name) in group]
        if len(members) < 2:
            continue
        keep = max(members, key=lambda o: len(o.name))
        for o in members:
            if o is keep:
                continue
            for a in [o.name, *o.aliases]:
                if all(fold(a) != fold(x) for x in [keep.name, *keep.aliases]):
                    keep.aliases.append(a)
            keep.spans.extend(o.spans)
            orgs.items.remove(o)


_URL = re.compile(r"https?://\S+|www\.\S+")
_PAREN_AFTER = re.compile(r"^[”»\"]?[ \t]*\([ \t]*([^()\n]{2,120}?)[ \t]*\)")
_QUOTES = '“”«»"‘’'


def bracket_aliases(orgs: _Orgs, text: str) -> None:
    """ "Nasimi Pomir (Pamir Breeze)", "DGCIM (Dirección General ..., DGCIM)": a bracket
    right after an organization's name holds its translations and acronyms."""
    for org in list(orgs.items):
        for _s, e in list(org.spans):
            m = _PAREN_AFTER.match(text[e : e + 130])
            if not m:
                continue
            for part in re.split(r",\s*|;\s*", m.group(1)):
                alias = part.strip(_QUOTES + " .")
                if not alias or not alias[:1].isupper() or any(c.isdigit() for c in alias):
                    continue
                if len(alias.split()) > 12 or is_place(alias) or fold(alias) in demonyms():
                    continue
                known = [fold(org.name), *(fold(a) for a in org.aliases)]
                if fold(alias) not in known:
                    org.aliases.append(alias)


def the_aliases(orgs: _Orgs, text: str) -> None:
    """ "published in The Guardian", "— The Sunday Vision (@...)", "“The World Organization
    Against Torture,”": a capital "The" before the name may be part of it, which the text
    also writes without it ("Guardian"). Written as an alias, it costs nothing where not."""
    for org in orgs.items:
        if org.name.startswith("The ") or not org.name[:1].isupper():
            continue
        the = "The " + org.name
        if any(fold(a) == fold(the) for a in org.aliases):
            continue
        if re.search(r"(?<![\w-])" + re.escape(the) + r"(?![\w-])", text):
            org.aliases.append(the)


@cache
def _mast() -> dict[str, re.Pattern[str]]:
    data = load("organizations")
    conn = data["connectors"]
    return {
        # a masthead: capitalised words (connectors allowed), a brand like "Civil.ge" or
        # "OVD-Info", no digits or separators
        "masthead": re.compile(
            rf"[A-Z][\w.’'-]*(?:[ \t]+(?:(?:{'|'.join(conn)})[ \t]+)*[A-Z][\w.’'-]*){{0,6}}"
        ),
        "mast_tail": re.compile(
            r"(?:[ \t]+(?:News Archive|Archive|News|Press releases?|Online))+$"
        ),
        "not_mast": re.compile(r"\b(?:" + "|".join(data["not_masthead"]) + r")\b", re.I),
    }


def masthead(orgs: _Orgs, text: str) -> None:
    """The site's name on the first lines of a scraped page ("Mada Masr", "Civil.ge")."""
    from vigil.extract.orgs import _lex as orgs_lex
    from vigil.extract.orgs import kind_of, menu_line

    lex = {**orgs_lex(), **_mast()}
    seen = 0
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        body = _URL.sub("", line).strip(" -–—")
        if not body:
            continue
        seen += 1
        if seen > 4:
            break
        if re.search(r"[|›>/:,]|\bby\b", body, re.I) or menu_line(body):
            continue  # menus, breadcrumbs, datelines, bylines
        if len(body.split()) > 9 or body.endswith((".", "!", "?")):
            break
        for part in re.split(r"\s+[-–—]\s+", body.strip(" -–—")):
            name = lex["mast_tail"].sub("", part.strip()).strip()
            if not lex["masthead"].fullmatch(name) or lex["not_mast"].search(name):
                continue
            if name.isupper() or is_place(name) or fold(name) in lex["not_org"]:
                continue
            generic = kind_of(name) == "other"
            if generic and (strong_person(name) or len(name.split()) > 4):
                continue  # a case page's heading is the person's name; a headline
            if len(name.split()) == 1 and not re.search(r"[.\-][A-Za-z]", name):
                continue  # a lone word is a section name ("Expression"), a brand has a shape
            if name not in line:
                continue
            off = start + line.index(name)
            orgs.add(
                name,
                (off, off + len(name)),
                kind=None if kind_of(name) != "other" else "media",
                trusted=True,
            )


def scan_mentions(ctx: Context) -> None:
    """Every later occurrence of an organization's name or alias is a mention of it too
    ("police raided the office of Kanal Sahil" after "the channel Kanal Sahil")."""
    owner: dict[str, int] = {}
    for i, o in enumerate(ctx.organizations):
        for n in [o.name, *o.aliases]:
            if len(n) >= 3:
                owner.setdefault(n, i)
    if not owner:
        return
    rx = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in sorted(owner, key=len, reverse=True))
        + r")(?![\w-])"
    )
    known = {(m.start, m.end) for m in ctx.mentions if m.kind == "organization"}
    for m in rx.finditer(ctx.clean):
        if m.span() not in known:
            ctx.mentions.append(Mention(m.start(), m.end(), "organization", owner[m.group()]))
