"""names.v1: persons and organizations with their aliases, and every mention of each.

The small model tags surname-only mentions as PRODUCT or ORG and some places as PERSON, so
names are decided by the report's own context: full names first, then short forms and
spelling variants attached to the one full name they fit, then a scan of the whole text
for every form found.
"""

from __future__ import annotations

import re

from vigil.extract.context import Context, Mention, Person
from vigil.extract.gazetteer import fold
from vigil.extract.names import is_initial, place_like, title_role, tokens
from vigil.extract.org_names import scan_mentions
from vigil.extract.orgs import find_organizations
from vigil.extract.person_clusters import Cluster, cluster, initial_forms
from vigil.extract.registry import stage
from vigil.resolve.lexicon import written_name_words

_COUNSEL_OF = re.compile(
    r"(?:\b(?:his|her|their|the)|['’]s?)\s+(?:\w+\s+)?(?:lawyer|attorney|counsel|advocate)s?,?\s*$",
    re.I,
)


# A patronymic ending or word at the end of a form ("Serikovna", "Bakyt uulu").
_PATRONYMIC = re.compile(
    r"(?:ovna|evna|ovich|evich|ovych|ivna|yevna|ichna|ulu|"
    + "|".join(map(re.escape, written_name_words().patronymic_words))
    + r")$",
    re.I,
)


def _is_org(cl: Cluster, org_names: list[str]) -> bool:
    """The cluster is an organisation's name. A one-word form alone does not decide it for a
    person with a full name: the model tags a surname as ORG ("Besigye", "Dawit") often enough
    that the protagonist was dropped; the organisation of that one word goes instead."""
    from rapidfuzz import fuzz

    full = any(len(tokens(f)) >= 2 for f in cl.forms)
    for f in cl.forms:
        if full and len(tokens(f)) < 2:
            continue
        ff = fold(f)
        for on in org_names:
            if ff == on or (len(ff) > 6 and fuzz.ratio(ff, on) >= 88):
                return True
            if len(tokens(f)) >= 2 and f" {ff} " in f" {on} ":
                return True
    return False


def _scan(ctx: Context, clusters: list[Cluster]) -> None:
    """Find every occurrence of every form (and lone surname/first name) in the text."""
    initial_forms(ctx, clusters)
    claims: dict[str, list[int]] = {}
    for i, cl in enumerate(clusters):
        words = set(cl.forms)
        for f in cl.full_forms():
            toks = [t for t in tokens(f) if not is_initial(t) and len(t) >= 3]
            words.update(toks)
        for w in words:
            claims.setdefault(fold(w), []).append(i)
    owner: dict[str, int] = {}
    for k, idxs in claims.items():
        # A word two persons share (a family name): the one the text already uses it for
        # on its own, else the person the report introduces first (its protagonist).
        alone = [i for i in idxs if any(fold(f) == k for f in clusters[i].forms)]
        pool = alone if len(alone) == 1 else idxs
        owner[k] = min(pool, key=lambda i: clusters[i].first)
    forms = sorted(
        {w for cl in clusters for w in cl.forms}
        | {
            t
            for cl in clusters
            for f in cl.full_forms()
            for t in tokens(f)
            if len(t) >= 3 and not is_initial(t)
        },
        key=len,
        reverse=True,
    )
    if not forms:
        return
    rx = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?:['’]s?)?(?![\w-])"
    )
    taken: list[tuple[int, int]] = []
    for m in rx.finditer(ctx.clean):
        raw = m.group()
        name = re.sub(r"['’]s?$", "", raw)
        idx = owner.get(fold(name))
        if idx is None:
            continue
        ctx.mentions.append(Mention(m.start(), m.start() + len(name), "person", idx))
        taken.append((m.start(), m.end()))
        if len(tokens(name)) == 1:
            clusters[idx].forms[name] += 0  # a lone form occurring on its own is an alias


def _build_persons(ctx: Context, clusters: list[Cluster]) -> None:
    for cl in clusters:
        fulls = cl.full_forms()
        pool = fulls or list(cl.forms)
        first_form = min(
            pool,
            key=lambda f: min(
                (s for s, _e in cl.spans if ctx.clean[s : s + len(f)] == f), default=10**9
            ),
        )
        name = max(pool, key=lambda f: (cl.forms[f], f == first_form, len(tokens(f)), len(f)))
        # GUIDELINES: the fullest form the text uses, where it holds every word of the name;
        # a patronymic alone does not make a form fuller (their example keeps "Ajzhangul
        # Ersaynovna Amirova" as an alias of "Ajzhangul Amirova").
        fuller = [
            f
            for f in pool
            if set(tokens(name)) < set(tokens(f))
            and not all(_PATRONYMIC.search(t) for t in set(tokens(f)) - set(tokens(name)))
        ]
        if fuller:
            name = max(fuller, key=lambda f: (len(tokens(f)), cl.forms[f]))
        aliases: list[str] = []
        seen = {fold(name)}
        for f in sorted(cl.forms, key=lambda x: cl.spans and x):
            if fold(f) not in seen:
                seen.add(fold(f))
                aliases.append(f)
        role = None
        for s, _e in cl.spans:
            before = ctx.clean[max(0, s - 40) : s]
            role = title_role(before)
            if role == "lawyer" and not _COUNSEL_OF.search(before):
                role = None  # "human rights lawyer X" is a trade; "his lawyer X" acts in the case
            if role:
                break
        ctx.persons.append(
            Person(
                name=name,
                aliases=aliases,
                spans=sorted(cl.spans),
                role=role or "other",
                confidence=0.9 if fulls else 0.6,
            )
        )


@stage("names.v1", order=30)
def find_names(ctx: Context) -> None:
    clusters = cluster(ctx)
    # Single words that are part of an organization's name are not persons.
    orgs = find_organizations(ctx)
    org_words = {fold(t) for o in orgs for n in [o.name, *o.aliases] for t in tokens(n)}
    kept: list[Cluster] = []
    for cl in clusters:
        if not cl.full_forms() and all(fold(f) in org_words for f in cl.forms):
            continue
        kept.append(cl)
    org_names = [fold(n) for o in orgs for n in [o.name, *o.aliases]]
    kept = [cl for cl in kept if not _is_org(cl, org_names) and not place_like(ctx.clean, cl.spans)]
    person_keys = {fold(f) for cl in kept for f in cl.forms}
    person_words = {fold(t) for cl in kept for f in cl.full_forms() for t in tokens(f)}
    for o in orgs:
        capitals = [fold(t) for t in tokens(o.name) if t[:1].isupper()]
        if fold(o.name) in person_keys or (capitals and set(capitals) <= person_words):
            continue
        ctx.organizations.append(o)
    _scan(ctx, kept)
    _build_persons(ctx, kept)
    for i, o in enumerate(ctx.organizations):
        for s, e in o.spans:
            ctx.mentions.append(Mention(s, e, "organization", i))
    scan_mentions(ctx)
    ctx.mentions.sort(key=lambda m: m.start)
