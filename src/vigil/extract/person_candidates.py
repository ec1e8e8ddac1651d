"""Where a report names a person: the model's entities, read in the report's own context.

The small model tags surname-only mentions as PRODUCT or ORG and some places as PERSON, so a
candidate needs more than its label: a title or honorific before it, a relation ("her
brother X"), an act only a person does ("X was sentenced"), an apposition ("X, 58," or
"X, a journalist"), or coordination with a sure name ("X and Y").
"""

from __future__ import annotations

import re

from vigil.extract.context import Context
from vigil.extract.data import load
from vigil.extract.furniture import is_short_line, line_at
from vigil.extract.gazetteer import demonyms, fold, is_place
from vigil.extract.letters import LOW, UP
from vigil.extract.names import (
    is_initial,
    looks_like_person,
    strong_person,
    title_role,
    tokens,
    trim,
)
from vigil.resolve.lexicon import written_name_words

Candidate = tuple[int, int, str]  # start, end, the name as written

_CAP = rf"[{UP}][\w’'-]+"  # a capitalised word, in any Latin, Greek or Cyrillic letters
_NAME_WORD = rf"[{UP}][{LOW}’'-]+"  # a capitalised word of small letters after the first
# Small words inside names: "Josué dos Santos", "Hessa bint Mohammed", "Flor de María"
_PARTICLE = "(?:" + "|".join(map(re.escape, written_name_words().particles)) + ")"


def _name_cues() -> list[str]:
    """Words a name follows: name_cues, and every honorific but those that start given
    names too ("Lady", "Father")."""
    words = written_name_words()
    honorifics = [h for h in words.honorifics if h not in words.name_like_honorifics]
    return [*load("names")["name_cues"], *honorifics]


_HONORIFIC_NAME = re.compile(
    r"\b(?:"
    + "|".join(sorted(map(re.escape, _name_cues()), key=len, reverse=True))
    + r")\.?\s+"
    + rf"((?:{_CAP}|[{UP}]\.)(?:\s+(?:{_PARTICLE}\s+)?(?:{_CAP}|[{UP}]\.)){{0,3}})"
)
_RELATIVE_NAME = re.compile(
    rf"(?:\b(?:his|her|their)|[{UP}][\w-]+['’]s?)\s+(?:wife|husband|daughter|son|brother|"
    r"sister|mother|father|grandfather|grandmother|granddaughter|grandson|partner|cousin|"
    r"uncle|aunt|nephew|niece|fiancée?),?\s+(?:(?:Mr|Mrs|Ms|Dr|Miss|Don|Doña|Dona)\.?\s+)?"
    rf"([{UP}][^\W\d_]+(?:\s+[{UP}][^\W\d_’'-]+){{0,2}})(?![\w’'-])"
)
_NAME2 = rf"{_NAME_WORD}\s+{_NAME_WORD}"
# "Mohamed Abdelrahman Fathy, a researcher at ...", "Pavel Rudnev, 58, ...": a name set off
# by an age or by a person's trade is a person's name.
_APPOSITION = re.compile(
    rf"(?<![\w’'-])({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}),\s+(?:\d{{2}},|(?:a|an)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:" + "|".join(load("names")["person_nouns"]) + r")\b)"
)
_COORD_BEFORE = re.compile(rf"({_NAME2})(?:,\s*|\s+and\s+)$")
_COORD_AFTER = re.compile(rf"^(?:,\s*|\s+and\s+)({_NAME2})(?![\w’'-]|\s+[{UP}])")
_SAID = re.compile(rf"\b({_NAME2})\s+(?:said|says|told|stated|added|explained|wrote)\b")
# 'Wiroj "Ton" Saengthong': given name, nickname in quotes, family name
_NICKNAMED = re.compile(rf"(?<![\w’'-])({_NAME_WORD}\s+[\"“][{UP}][{LOW}]+[\"”]\s+{_NAME_WORD})")
# "Bermet Sultan kyzy", "Jasurbek Rustam ugli Tojiboyev": a patronymic word after the name
_PATRONYMIC_AFTER = re.compile(
    r"\s+(?:" + "|".join(map(re.escape, written_name_words().patronymic_words)) + r")(?![\w’'‘-])"
    rf"(?:\s+{_NAME_WORD}(?![\w’'-]))?"
)
# "Md." and "Mohd." (Muhammad) open South Asian names; the model leaves them out.
NAME_ABBREVIATIONS = ("Md.", "Mohd.", "Muhd.")
_LEFT_WORD = re.compile(
    rf"(?:^|[\s(“\"«])({_NAME_WORD}(?:\s+{_PARTICLE})?"
    rf"|{'|'.join(map(re.escape, NAME_ABBREVIATIONS))})[ ]$"
)
PAREN_NAME = re.compile(rf"^\s*\(\s*({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})\s*\)")


_ACTED_ON = re.compile(r"\b(?:" + "|".join(load("names")["acted_on_verbs"]) + r")\s+$")
_ACTS = re.compile(
    r"^[’']?s?\s+(?:was|were|has\s+been|had\s+been|is|is\s+being|had|has)?\s*(?:"
    + "|".join(load("names")["acting_verbs"])
    + r")\b"
)


_AFTER_PLACE = re.compile(rf"\b(?:in|at|near|from)\s+({_CAP}(?:\s{_CAP})?),\s*$")


def candidates(
    ctx: Context,
) -> tuple[list[Candidate], list[Candidate], set[int]]:
    """(person candidates, single words that may be short forms, starts of sure names)."""
    text = ctx.clean
    person_texts = {fold(trim(e.text, e.start)[0]) for e in ctx.ents if e.label == "PERSON"}
    full: list[Candidate] = []
    short: list[Candidate] = []
    for ent in ctx.ents:
        if ent.label not in ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "GPE", "NORP", "FAC"):
            continue
        name, s, e = trim(ent.text, ent.start)
        if not name or not looks_like_person(name):
            continue
        after_place = _AFTER_PLACE.search(text[max(0, s - 40) : s])
        if after_place and is_place(after_place.group(1)) and len(tokens(name)) == 1:
            continue  # "Tumaco, Nariño": a region after its town
        if ent.label == "PERSON":
            for _ in range(2):  # "[Md.] [Rafiqul] Islam Bhuiyan": up to two words
                name, s = _extend_left(text, name, s)
        n_tok = len([t for t in tokens(name) if not is_initial(t)])
        if ent.label == "PERSON" or (n_tok >= 2 and strong_person(name)):
            (full if len(tokens(name)) >= 2 else short).append((s, e, name))
        elif n_tok >= 2 and fold(name) in person_texts:
            full.append((s, e, name))
        elif n_tok >= 2 and title_role(text[max(0, s - 30) : s]) and not is_place(name):
            full.append((s, e, name))  # "labor organizer Rodrigo Esparago"
        elif n_tok >= 2 and _person_context(text, s, e) and not is_place(name):
            full.append((s, e, name))  # "detained Tatiana Lasica", "X was sentenced"
        elif len(tokens(name)) == 1:
            short.append((s, e, name))
    sure: set[int] = set()
    for rx in (_HONORIFIC_NAME, _RELATIVE_NAME, _SAID, _APPOSITION, _NICKNAMED):
        for m in rx.finditer(text):
            name, s, e = trim(m.group(1), m.start(1))
            # "her daughter, Mina": a relative's given name, even one a town shares
            if name and looks_like_person(name, place_ok=rx is _RELATIVE_NAME):
                (full if len(tokens(name)) >= 2 else short).append((s, e, name))
                sure.add(s)
    # "Sergey Babinets and Dmitry Dimitriev": a name coordinated with a person's name.
    for s0, e0, _name in list(full):
        paren = PAREN_NAME.match(text[e0 : e0 + 60])
        if paren and len(tokens(paren.group(1))) >= 2 and looks_like_person(paren.group(1)):
            full.append((e0 + paren.start(1), e0 + paren.end(1), paren.group(1)))
        before = _COORD_BEFORE.search(text[max(0, s0 - 40) : s0])
        if before:
            cand = before.group(1)
            start = s0 - len(before.group(0))
            if looks_like_person(cand) and not is_place(cand):
                full.append((start, start + len(cand), cand))
        after = _COORD_AFTER.match(text[e0 : e0 + 50])
        if after and looks_like_person(after.group(1)) and not is_place(after.group(1)):
            full.append((e0 + after.start(1), e0 + after.end(1), after.group(1)))
    # "Bermet Sultan kyzy": the model leaves the patronymic word out.
    for i, (s0, e0, name) in enumerate(full):
        after = _PATRONYMIC_AFTER.match(text, e0)
        if after:
            full[i] = (s0, after.end(), name + after.group())
    # Menu and headline lines ("Press releases Special Procedures") do not start persons.
    full = [
        c
        for c in full
        if not _furniture(text, c[0]) or c[2] in {x[2] for x in full if not _furniture(text, x[0])}
    ]
    return sorted(set(full)), sorted(set(short)), sure


def _person_context(text: str, start: int, end: int) -> bool:
    """Words around a mention that only a person fits ("detained X", "X was sentenced")."""
    return bool(
        _ACTED_ON.search(text[max(0, start - 25) : start]) or _ACTS.match(text[end : end + 40])
    )


def _extend_left(text: str, name: str, start: int) -> tuple[str, int]:
    """The model often drops the first of three names: "[Ajzhangul] Ersaynovna Amirova"."""
    m = _LEFT_WORD.search(text[max(0, start - 30) : start])
    if not m:
        return name, start
    word = m.group(1)
    cand = f"{word} {name}"
    if len(tokens(cand)) > 4 or is_place(word) or fold(word) in demonyms():
        return name, start
    if title_role(word) or not looks_like_person(cand) or trim(cand, 0)[0] != cand:
        return name, start
    return cand, start - len(word) - 1


def _furniture(text: str, pos: int) -> bool:
    """A short line without sentence punctuation: a menu item or a headline."""
    lo, hi = line_at(text, pos, pos)
    if hi - lo > 1000:
        return False  # no menu item; and a 200,000-character line is not copied per name
    return ":" not in text[lo:hi] and is_short_line(text, lo, hi, 12)
