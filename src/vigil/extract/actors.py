"""Who a sentence is about: the persons (or organizations) an act happened to.

Used by the events and the charges-and-sentences stages. A sentence that names nobody
("She was arrested in July") takes the persons of the nearest earlier sentence that named
some, as a careful reader resolves the pronoun.
"""

from __future__ import annotations

import re

from vigil.extract import syntax
from vigil.extract.context import Context
from vigil.extract.data import load

_SPEAKER = re.compile(
    r"\b(?:" + "|".join(load("names")["speech_verbs"]) + r")\b",
    re.I,
)
_PRONOUN = re.compile(
    r"\b(?:he|she|they|him|her|them|his|their|the pair|both|the accused|the defendants?"
    r"|(?:the|two|three|four|five|six|several)\s+(?:human rights\s+|young\s+|independent\s+)?"
    r"(?:activists?|journalists?|defendants?|bloggers?|reporters?|defenders?|lawyers?|men|women))\b",
    re.I,
)
# "the charges", "the trial", "the verdict": the case the report is telling.
_DEFINITE = re.compile(
    r"\bthe\s+(?:charges?|case|trial|verdict|sentence|conviction|acquittal|appeal|arrest|detention)\b"
    r"|\bordered\s+(?:[\w-]+\s+){0,4}(?:detention|custody|arrest|remand)\b",
    re.I,
)
_OWNER = re.compile(
    r"^[’']s?\s+(?:" + "|".join(load("names")["relations"]) + r"|lawyers?|colleagues?|friends?)\b",
    re.I,
)
_NOT_VICTIM_ROLES = frozenset({"official", "lawyer"})
# "by an activist X" (X did it), not "by the murder of X" (X suffered it)
_BY_AGENT = re.compile(r"\bby\s+(?:(?:a|an|the)\s+)?(?:(?!of\b)[a-z][\w-]*\s+){0,2}$")
_WHOSE_RELATIVE = re.compile(
    r"\bwhose\s+(?:" + "|".join(load("names")["relations"]) + r"),?\s+$", re.I
)
_PRONOUN_SUBJECT = re.compile(r"\s*(?:She|He|They)\b")
_RELATIVE_OF = re.compile(
    r"\b(?:his|her|their)\s+(?:" + "|".join(load("names")["relations"]) + r"),?\s+$", re.I
)


def persons_in(ctx: Context, start: int, end: int) -> list[int]:
    """Indexes of persons named in ``[start, end)``, in order, without officials/lawyers."""
    out: list[int] = []
    pronoun_subject = bool(_PRONOUN_SUBJECT.match(ctx.clean, start))
    for m in ctx.mentions_in(start, end, "person"):
        p = ctx.persons[m.index]
        if p.role in _NOT_VICTIM_ROLES:
            continue
        if pronoun_subject and _RELATIVE_OF.search(ctx.clean[max(start, m.start - 30) : m.start]):
            continue  # "She was held ..., where they threatened her daughter, Mina": not Mina
        if _BY_AGENT.search(ctx.clean[max(start, m.start - 40) : m.start]):
            continue  # "beaten by Ivan Petrov", "a letter by an activist X": not a victim
        if _WHOSE_RELATIVE.search(ctx.clean[max(start, m.start - 30) : m.start]):
            continue  # "Dana Serikova, whose husband Timur is a lawyer, was detained": not Timur
        after = ctx.clean[m.end : min(end, m.end + 25)]
        if _OWNER.match(after):
            continue  # "Mr Pérez's brother, Carlos Pérez": the brother is meant
        after = re.sub(r"^[’']s?\s*|^,\s*(?:today|also|on \w+),?\s*", "", after.strip(" "))
        if _SPEAKER.match(after.strip(" ,")) or syntax.is_source(ctx, m.start, m.end):
            continue  # "Jeanne Cavelier said", "according to X": a source, not a victim
        if m.index not in out:
            out.append(m.index)
    return out


def orgs_in(ctx: Context, start: int, end: int) -> list[int]:
    out: list[int] = []
    for m in ctx.mentions_in(start, end, "organization"):
        o = ctx.organizations[m.index]
        if o.kind in ("court", "state_body", "intergovernmental") or m.index in out:
            continue
        out.append(m.index)
    return out


_GROUP = re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|both|pair|[2-9])\s+(?:of\s+(?:the|them)\s+)?"
    r"(?:human rights\s+|[a-z]+(?:-[a-z]+)?\s+){0,2}"
    r"(?:activists|journalists|defendants|bloggers|reporters|defenders|lawyers|men|women|"
    r"brothers|sisters|members|students|workers|leaders|editors|founders|organi[sz]ers|"
    r"employees|staff|volunteers|farmers|unionists|bloggers|artists|researchers)\b"
    r"|\b(?P<pair>the pair|both of them|the trio)\b"
    r"|\b(?:all|the|these)\s+(?P<all>two|three|four|five|six|seven|eight|nine|ten)\b"
    r"(?!\s+(?:years?|months?|days?|weeks?|hours?|times)\b)",
    re.I,
)
_COUNT = {
    "two": 2,
    "both": 2,
    "pair": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


def _group_size(text: str) -> int:
    """ "four reporters" -> 4; "two journalists and two activists" -> 4."""
    total, last_end = 0, -1
    for m in _GROUP.finditer(text):
        if total and not re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[last_end : m.start()]):
            break
        word = (m.group("n") or m.group("all") or m.group("pair")).lower()
        if m.group("pair"):
            word = "three" if word == "the trio" else "pair"
        total += _COUNT.get(word) or (int(word) if word.isdigit() else 0)
        last_end = m.end()
    return total


# How many sentences back (and forward) a group's members may be named.
_GROUP_BACK, _GROUP_AHEAD = 6, 2


def group_members(ctx: Context, text: str, sent: tuple[int, int] | None = None) -> list[int]:
    """ "Four reporters", "the pair": the N persons a sentence nearby names together (the
    nearest before, else just after ``sent``), else the first N the report is about."""
    n = _group_size(text)
    if n < 2:
        return []
    idx = ctx.sentences.index(sent) if sent is not None and sent in ctx.sentences else -1
    if idx >= 0:
        near = [*range(idx - 1, max(-1, idx - 1 - _GROUP_BACK), -1)]
        near += [*range(idx + 1, min(len(ctx.sentences), idx + 1 + _GROUP_AHEAD))]
        for k in near:
            named = persons_in(ctx, *ctx.sentences[k])
            if len(named) == n:
                return named
    order: list[int] = []
    for mention in ctx.mentions:
        if mention.kind != "person" or mention.index in order:
            continue
        if ctx.persons[mention.index].role in _NOT_VICTIM_ROLES:
            continue
        order.append(mention.index)
    return order[:n] if len(order) >= n else []


def victims_for(ctx: Context, sent: tuple[int, int], *, carry: bool = True) -> list[int]:
    """Persons the sentence names, else (with a pronoun) those of an earlier sentence."""
    found = persons_in(ctx, *sent)
    if found or not carry:
        return found
    text = ctx.clean[sent[0] : sent[1]]
    group = group_members(ctx, text, sent)
    if group:
        return group
    if not _PRONOUN.search(text) and not _DEFINITE.search(text):
        return []
    idx = ctx.sentence_index(sent)
    for back in range(idx - 1, max(-1, idx - 4), -1):
        s = ctx.sentences[back]
        prev = persons_in(ctx, *s)
        if prev:
            return prev
    # "Two activists ... have been sentenced." followed by their names.
    if (
        idx >= 0
        and idx + 1 < len(ctx.sentences)
        and re.search(r"\b(?:two|three|four|five|six)\s", text, re.I)
    ):
        return persons_in(ctx, *ctx.sentences[idx + 1])
    return []
