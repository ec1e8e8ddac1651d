"""Group a report's person candidates into persons: full names, then the short forms,
initials and spelling variants that fit one of them, then "also known as" names."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from vigil.extract.context import Context
from vigil.extract.gazetteer import demonyms, fold, is_place
from vigil.extract.letters import UP
from vigil.extract.names import (
    honorific_words as _honorifics,
)
from vigil.extract.names import (
    is_initial,
    looks_like_person,
    same_person,
    similar_token,
    title_role,
    tokens,
)
from vigil.extract.person_candidates import NAME_ABBREVIATIONS, PAREN_NAME, candidates

_KNOWN_AS = re.compile(
    r"(?:\b(?:also|better|widely|commonly)\s+)?\b(?:known|referred\s+to)\s+(?:as|by\s+(?:the\s+)?(?:pseudonym|name|nickname)\s+(?:of\s+)?)"
    rf"\s*[“\"«‘]?([{UP}][\w’'-]+(?:\s+[{UP}][\w’'-]+){{0,3}})"
    rf"|\ba\.?k\.?a\.?\s+[“\"«‘]?([{UP}][\w’'-]+(?:\s+[{UP}][\w’'-]+){{0,3}})"
)


# "Mirzo-Ulugbek District", "the Burri resistance committee", "Central Jail, Hotwar": a lone
# capitalised word that is part of a compound, names a group or follows a place.
_COMPOUND_AFTER = re.compile(
    r"-[A-Z]|\s+(?:resistance\s+)?(?:committees?|groups?|movement|"
    r"party|union|council|district|region|village|tribe|clan)\b"
)
_PLACE_BEFORE = re.compile(
    r"\b(?:Jail|Prison|Colony|Centre|Center|District|Region|Province|Street|Road|Camp),\s*$"
)


# "the anti-Finance Bill protests": a lone word right after another capitalised word (not
# a title) belongs to that phrase; the model would have taken a two-word name whole.
_CAP_BEFORE = re.compile(r"(?:^|[\s(-])([A-Z][\w’'-]*)[ ]$")


def _not_a_lone_name(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30) : start]
    if _COMPOUND_AFTER.match(text, end) or _PLACE_BEFORE.search(before):
        return True
    cap = _CAP_BEFORE.search(before)
    if cap is None or title_role(before) or fold(cap.group(1)) in _honorifics():
        return False
    line_start = text.rfind("\n", 0, start) + 1
    sentence_start = re.search(r"[.!?]\s+$", text[line_start : start - len(cap.group(0))])
    return not (start - len(cap.group(0)) <= line_start or sentence_start)


@dataclass
class Cluster:
    forms: Counter[str] = field(default_factory=Counter)
    spans: list[tuple[int, int]] = field(default_factory=list)
    roles: Counter[str] = field(default_factory=Counter)
    first: int = 0

    # The full forms as of ``len(forms)`` names (forms only ever gain names): clustering
    # asks every cluster for them once per name it places, and that was most of its work.
    _full: tuple[int, list[str]] = field(default=(-1, []), repr=False, compare=False)

    def full_forms(self) -> list[str]:
        if self._full[0] != len(self.forms):
            self._full = (len(self.forms), [f for f in self.forms if _is_full(f)])
        return self._full[1]


def _is_full(form: str) -> bool:
    return len([t for t in tokens(form) if not is_initial(t)]) >= 2


# Name mentions clustered at most, of each kind (full names, short forms): clustering
# compares every name with every cluster, so a report listing thousands of names (issue
# 14: a 1.4 MB line of names took minutes) is read up to here, with a warning.
MAX_NAME_MENTIONS = 400


def cluster(ctx: Context) -> list[Cluster]:
    full, short, sure = candidates(ctx)
    if len(full) > MAX_NAME_MENTIONS or len(short) > MAX_NAME_MENTIONS:
        ctx.warnings.append(
            f"{len(full) + len(short):,} name mentions; only the first {MAX_NAME_MENTIONS} "
            "full names and short forms were grouped into persons"
        )
        full = sorted(full)[:MAX_NAME_MENTIONS]
        short = sorted(short)[:MAX_NAME_MENTIONS]
    clusters: list[Cluster] = []
    # Where grouping stopped when the report's time budget ran out: each name is compared
    # with every cluster, the one loop of this stage that grows with the report.
    spent_at: int | None = None
    for s, e, name in sorted(full):
        if ctx.deadline.passed():
            spent_at = s
            break
        toks = tokens(name)
        if is_initial(toks[0]) and len(toks) == 2:
            short.append((s, e, name))
            continue
        for cl in clusters:
            if any(same_person(name, f) for f in cl.full_forms()):
                cl.forms[name] += 1
                cl.spans.append((s, e))
                break
        else:
            clusters.append(Cluster(Counter({name: 1}), [(s, e)], first=s))
    standalone: dict[str, Cluster] = {}
    labels = {(x.start, x.end): x.label for x in ctx.ents}
    for s, e, name in sorted(short):
        if spent_at is not None or ctx.deadline.passed():
            spent_at = s if spent_at is None else min(s, spent_at)
            break
        if name in NAME_ABBREVIATIONS:
            continue  # "Md." alone is part of a name, not a form of it
        toks = tokens(name)
        last = toks[-1]
        fits = [
            cl
            for cl in clusters
            if any(
                similar_token(last, t) and not is_initial(t)
                for f in cl.full_forms()
                for t in tokens(f)
            )
            and (
                len(toks) == 1 or any(similar_token(toks[0], tokens(f)[0]) for f in cl.full_forms())
            )
        ]
        if fits:
            exact = [
                cl
                for cl in fits
                if any(fold(last) == fold(t) for f in cl.full_forms() for t in tokens(f))
            ]
            if exact:
                cl = min(exact, key=lambda c: c.first)  # shared family name: the protagonist
            else:
                before = [cl for cl in fits if cl.first <= s] or fits
                cl = max(before, key=lambda c: c.first)
            cl.forms[name] += 1
            cl.spans.append((s, e))
            continue
        label = next((lab for (a, b), lab in labels.items() if a <= s and e <= b), "PERSON")
        if s in sure:
            label = "PERSON"
        if label != "PERSON" or fold(name) in demonyms():
            continue
        if is_place(name) and s not in sure:
            continue
        if s not in sure and _not_a_lone_name(ctx.clean, s, e):
            continue
        key = fold(name)
        cl = standalone.setdefault(key, Cluster(first=s))
        cl.forms[name] += 1
        cl.spans.append((s, e))
    if spent_at is not None:
        ctx.warnings.append(
            "time budget spent (VIGIL_EXTRACT_BUDGET_SECONDS): names were grouped into "
            f"persons in the first {spent_at:,} of {len(ctx.clean):,} characters; the record "
            "is partial"
        )
    merged = clusters + list(standalone.values())
    return _known_as(ctx, merged)


def _known_as(ctx: Context, clusters: list[Cluster]) -> list[Cluster]:
    """ "Nguyen Ngoc Nhu Quynh, a.k.a Mother Mushroom": one person, two names."""
    for m in _KNOWN_AS.finditer(ctx.clean):
        alias = (m.group(1) or m.group(2) or "").strip()
        pos = m.start()
        owner = None
        best = -1
        for cl in clusters:
            for _s, e in cl.spans:
                if e <= pos and pos - e <= 80 and e > best:
                    owner, best = cl, e
        if owner is None or not alias:
            continue
        for cl in list(clusters):
            if cl is not owner and any(fold(f) == fold(alias) for f in cl.forms):
                owner.forms.update(cl.forms)
                owner.spans.extend(cl.spans)
                clusters.remove(cl)
        if all(fold(f) != fold(alias) for f in owner.forms):
            owner.forms[alias] += 1
            owner.spans.append((m.end() - len(alias), m.end()))
    # "Katsiaryna Andreyeva (Bakhvalava)": a maiden name or other single-word form.
    for cl in clusters:
        for _s, e in list(cl.spans):
            paren = PAREN_NAME.match(ctx.clean[e : e + 40])
            if not paren or len(tokens(paren.group(1))) != 1:
                continue
            word = paren.group(1)
            if looks_like_person(word) and word not in cl.forms and not is_place(word):
                cl.forms[word] += 1
                cl.spans.append((e + paren.start(1), e + paren.end(1)))
    return clusters


def _initialled(initial: str, last: str) -> re.Pattern[str]:
    r"""``\bI\.\s?Last\b`` with the ``\b`` before the initial written as a look-behind
    after it: a pattern that starts with ``\b`` is tried at every position of the text,
    one that starts with a letter is searched for that letter (about 15 times faster on a
    200,000-character report; the matches are the same)."""
    i = re.escape(initial)
    before = rf"(?<!\w{i})" if re.match(r"\w", initial) else rf"(?<=\w{i})"
    return re.compile(rf"{i}{before}\.\s?{re.escape(last)}\b")


def initial_forms(ctx: Context, clusters: list[Cluster]) -> None:
    """ "A. Amirova" for Ajzhangul Amirova, wherever the text writes it."""
    # One scan of the text per (initial, family name), however many forms share it.
    found: dict[tuple[str, str], list[re.Match[str]]] = {}
    for cl in clusters:
        for f in cl.full_forms():
            toks = tokens(f)
            if is_initial(toks[0]):
                continue
            key = (toks[0][0], toks[-1])
            if key not in found:
                found[key] = list(_initialled(*key).finditer(ctx.clean))
            for m in found[key]:
                form = m.group()
                if form not in cl.forms:
                    cl.forms[form] += 1
                    cl.spans.append(m.span())
