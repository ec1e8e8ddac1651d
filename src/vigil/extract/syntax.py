"""What the dependency parse says about one event trigger: whether the words are an act
at all, who it was done to (the patient) and who did it (the agent).

The small English model's parse is noisy, so it is read only where it is clear: the
subject of a passive ("Petrov was detained"), the object of an active verb ("police
detained Petrov", "arrested and charged her"), the noun a participle describes ("the
detained workers"), the possessor or "of"-object of a nominal trigger ("her arrest", "the
arrest of Petrov"). Where the parse names none of these, the callers keep their
sentence-level reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from vigil.extract import descriptions
from vigil.extract.context import Context
from vigil.extract.data import load

Token = Any  # spacy.tokens.Token (spaCy is imported by the extractor only)

_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "himself", "herself"})
_RELATIVE = frozenset({"who", "whom", "that", "which"})
# Noun phrases run on through these: "the head of X, Ajzhangul Amirova" (appos), "A and B".
_SAME_PHRASE = ("appos", "conj")
_ALONG = frozenset({"along", "together"})


@dataclass(slots=True)
class Reading:
    """One trigger as the parse reads it."""

    eventive: bool = True
    patients: list[Token] = field(default_factory=list)
    agents: list[Token] = field(default_factory=list)
    # the trigger describes its patient ("the detained workers") rather than telling an act
    described: bool = False
    # the patient is the subject of a verb it undergoes ("X disappeared")
    undergone: bool = False


@dataclass(slots=True)
class Parties:
    """Who an act involves, as the parse of its triggers decides it."""

    victims: list[int] = field(default_factory=list)  # into Context.persons
    agents: list[int] = field(default_factory=list)
    unnamed: bool = False  # done to people the text does not name ("the detained workers")
    described: bool = False  # told only as a description of them: no date of its own
    not_on_person: bool = False  # done to a thing ("his laptop was taken"): no such act


@cache
def _undergoers() -> frozenset[str]:
    return frozenset(load("events")["syntax"]["undergoer_lemmas"])


def undergoes(tok: Token) -> bool:
    """An act its subject undergoes ("Sombath disappeared", "X went missing", "Y died"):
    the subject is the victim, not the doer."""
    return bool(tok.lemma_.lower() in _undergoers())


@cache
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    data = load("events")["syntax"]
    return (
        frozenset(data["people_nouns"]),
        frozenset(data["trend_words"]),
        frozenset(data["speech_lemmas"]),
        frozenset(data["person_acts"]),
    )


def _doc_end(doc: Any) -> int:
    """``len(doc.text)`` without building the text: ``doc.text`` joins every token, and
    reading it once per trigger made events quadratic in the length of a report."""
    if not len(doc):
        return 0
    last = doc[-1]
    return int(last.idx + len(last.text_with_ws))


def trigger_token(doc: Any, start: int, end: int) -> Token | None:
    """The head word of the trigger ``[start, end)`` ("was taken into custody" -> taken)."""
    if doc is None or end > _doc_end(doc):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _phrase(tok: Token) -> list[Token]:
    """``tok`` and the heads of the phrases in apposition or conjunction with it."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        if t in out:
            continue
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ in _SAME_PHRASE)
    return out


def subject_undergoes(ctx: Context, start: int, end: int) -> bool:
    """The trigger ``[start, end)`` is a verb its subject undergoes (see ``undergoes``)."""
    doc = ctx.doc
    if doc is None or not doc.has_annotation("DEP"):
        return False
    tok = trigger_token(doc, start, end)
    return tok is not None and _is_verb(tok) and undergoes(tok)


def _is_verb(tok: Token) -> bool:
    return bool(tok.tag_.startswith("VB"))


def _passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _patients_of_verb(tok: Token) -> list[Token]:
    found = []
    if undergoes(tok):  # "X disappeared", "X received a sentence": the subject
        found = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not found:
        found = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if not found:
        found = [c for c in tok.children if c.dep_ == "dobj"]
    if not found and (tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.tag_ == "VBN")):
        return [tok.head]  # "the detained workers", "activists detained in May"
    if not found and tok.dep_ == "conj" and _is_verb(tok.head):
        # "was arrested and charged": the second verb shares the first one's subject
        found = [c for c in tok.head.children if c.dep_ == "nsubjpass"]
    if not found:
        # "arrested and charged her": the object of the last verb is the first one's too
        for c in tok.children:
            if c.dep_ == "conj" and _is_verb(c) and not _passive(c):
                found = [o for o in c.children if o.dep_ == "dobj"]
                if found:
                    break
    if len(found) == 1 and found[0].lower_ in _RELATIVE and tok.dep_ == "relcl":
        found = [tok.head]  # "Petrov, who was detained": Petrov
        if tok.head.dep_ == "appos":
            # "Ahnaf Jazeem, a young poet, who was arrested": the poet is Ahnaf Jazeem
            found.append(tok.head.head)
    return found


def _patients_of_noun(tok: Token) -> list[Token]:
    found = [c for c in tok.children if c.dep_ == "poss"]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "against"):
            found += [o for o in c.children if o.dep_ == "pobj"]
    return found


def _agents(tok: Token) -> list[Token]:
    if undergoes(tok):
        return []
    out = []
    for c in tok.children:
        if c.dep_ == "nsubj" and not _passive(tok):
            out.append(c)
        elif c.dep_ == "agent":
            out += [o for o in c.children if o.dep_ == "pobj"]
    return [a for t in out for a in _phrase(t)]


def _counted_noun(tok: Token) -> Token:
    """ "dozens of protesters", "a group of journalists": the people counted."""
    _p, trend, _s, _a = _words()
    if tok.lemma_.lower() in trend or tok.lower_ in trend or tok.lower_ in _INDEFINITE:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for o in c.children:
                    if o.dep_ == "pobj":
                        return o
    return tok


def _non_eventive(ctx: Context, tok: Token) -> bool:
    """Trigger words that do not state an act: trend counts, names, descriptions, speech."""
    people, trend, speech, _a = _words()
    if tok.pos_ == "NOUN" or tok.tag_.startswith("NN"):
        if tok.dep_ == "compound":
            return True  # "protest movement", "attack helicopter"
        if tok.tag_ == "NNS":
            # "hundreds of attacks", "numerous arrests": a count over time, not one act
            mods = [c.lower_ for c in tok.children if c.dep_ in ("amod", "nummod", "det")]
            head = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
            if any(m in trend for m in mods) or (head is not None and head.lower_ in trend):
                return True
    if tok.dep_ == "amod" and tok.head.lemma_.lower() not in people and not _named(ctx, tok.head):
        return True  # "a banned group", "the seized property": a description, not an act
    if tok.tag_ == "JJ" and tok.dep_ in ("acomp", "amod"):
        return True  # "the tone was threatening"
    if (
        tok.tag_ == "VBG"
        and any(c.lower_ in ("was", "were", "is", "are") for c in tok.children)
        and not any(c.dep_ in ("dobj", "prep", "ccomp", "xcomp") for c in tok.children)
    ):
        return True  # "was clearly threatening" with nothing threatened
    if tok.lemma_.lower() in speech and any(c.dep_ == "ccomp" for c in tok.children):
        return not any(c.dep_ == "dobj" for c in tok.children)  # "lawyers warned that ..."
    return False


def parties(ctx: Context, etype: str, hits: list[tuple[int, int]]) -> Parties | None:
    """Victims and agents of an act from the parse of its triggers ``hits``; ``None`` when
    the parse names no patient, or only a pronoun (the caller's sentence reading decides)."""
    things = 0
    for start, end in hits:
        reading = read(ctx, start, end)
        if reading is None or not reading.patients:
            return None
        outside = [p for p in reading.patients if not start <= p.idx < end]
        if not outside:
            return None  # "extended his detention": the object is part of the trigger
        agents = [i for a in reading.agents for i in persons_in_phrase(ctx, a)]
        named = [i for p in outside for i in persons_in_phrase(ctx, p) if i not in agents]
        if named:
            return Parties(victims=list(dict.fromkeys(named)), agents=agents)
        head = outside[0]
        if head.pos_ != "NOUN" or _org_at(ctx, head):
            return None  # "she", "the three", "all four", an unrecognised name
        if is_people(head):
            if head.tag_ == "NNS" and (reading.described or _indefinite(head)):
                # "the detained oil workers", "protesters were beaten": nobody named
                return Parties(agents=agents, unnamed=True, described=reading.described)
            # "a well-known scholar was sentenced", "the journalist was freed"
            told = [i for i in descriptions.resolve(ctx, head) if i not in agents]
            if told:
                return Parties(victims=told, agents=agents)
            return None  # "the three were arrested", "both defenders": the report's people
        if etype not in _words()[3] or reading.undergone:
            return None  # "his friends died": people the word list does not know
        things += 1
    # every trigger of the act is done to a thing
    return Parties(not_on_person=True) if things else None


def _named(ctx: Context, tok: Token) -> bool:
    """A person or organization is named at ``tok`` ("the banned Rescue Party")."""
    return person_at(ctx, tok) is not None or _org_at(ctx, tok)


def _org_at(ctx: Context, tok: Token) -> bool:
    return ctx.mention_at(int(tok.idx), "organization") is not None


def parsed_trigger(ctx: Context, start: int, end: int) -> Token | None:
    """The head word of the trigger ``[start, end)`` in the report's parse; ``None`` when the
    report was not parsed."""
    doc = ctx.doc
    if doc is None or not doc.has_annotation("DEP"):
        return None
    return trigger_token(doc, start, end)


def read(ctx: Context, start: int, end: int) -> Reading | None:
    """The parse's reading of the trigger ``[start, end)``; ``None`` without a parse."""
    tok = parsed_trigger(ctx, start, end)
    if tok is None:
        return None
    if _non_eventive(ctx, tok):
        return Reading(eventive=False)
    heads = _patients_of_verb(tok) if _is_verb(tok) else _patients_of_noun(tok)
    for c in tok.children:  # "detained X along with Y": Y too
        if c.dep_ == "prep" and c.lower_ == "with" and c.i and c.doc[c.i - 1].lower_ in _ALONG:
            heads += [o for o in c.children if o.dep_ == "pobj"]
    lo, hi = ctx.sentence_of(start)
    heads = [_counted_noun(h) for h in heads]
    patients = [p for h in heads for p in _phrase(h) if lo <= p.idx < hi]
    return Reading(
        patients=patients,
        agents=_agents(tok) if _is_verb(tok) else [],
        described=tok.dep_ == "amod",
        undergone=_is_verb(tok) and undergoes(tok),
    )


# Words that count people without naming them: "some have been released", "the rest".
_QUANTITY = frozenset({"some", "others", "rest", "many", "several", "most", "all", "dozens"})


def counted_people(ctx: Context, start: int, end: int) -> bool:
    """The act at ``[start, end)`` is done to people the sentence counts and does not name:
    "two have been released", "the rest were released", "six Tibetans died", "the 13
    defenders were arrested". (The caller asks only where it found no victim.)"""
    reading = read(ctx, start, end)
    if reading is None or not reading.eventive or not reading.patients:
        return False
    head = reading.patients[0]
    if is_pronoun(head) or head.lower_ in _RELATIVE or _named(ctx, head):
        return False
    if head.tag_ == "CD" or head.lower_ in _QUANTITY:
        return True
    return bool(head.tag_ in ("NNS", "NNPS")) and any(
        c.dep_ == "nummod" or c.lower_ in _QUANTITY for c in head.children
    )


def person_at(ctx: Context, tok: Token) -> int | None:
    """The person named at ``tok`` (any word of the name), if any."""
    m = ctx.mention_at(int(tok.idx), "person")
    return None if m is None else m.index


@cache
def _speech_forms() -> frozenset[str]:
    return frozenset(w.lower() for w in load("names")["speech_verbs"])


# Words of a name and the phrases it stands in apposition or conjunction with: "His wife
# Winnie Byanyima, executive director of UNAIDS, said" climbs to "wife".
_NAME_CLIMB = frozenset({"compound", "flat", "appos", "conj"})


def is_source(ctx: Context, start: int, end: int) -> bool:
    """The name at ``[start, end)`` is who tells the report ("X, a lawyer, told CPJ that",
    "according to his daughter, Nigar"), not someone an act of the sentence happened to."""
    doc = ctx.doc
    if doc is None or not doc.has_annotation("DEP") or end > _doc_end(doc):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    while tok.dep_ in _NAME_CLIMB and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
        return True
    # the speaker tells a clause ("X said that ..."): a misread "..., said activists" has none
    return bool(
        tok.dep_ == "nsubj"
        and tok.head.lower_ in _speech_forms()
        and any(c.dep_ == "ccomp" for c in tok.head.children)
    )


def is_pronoun(tok: Token) -> bool:
    return bool(tok.lower_ in _PRONOUNS)


def is_people(tok: Token) -> bool:
    """A common noun for people ("workers", "journalists"), named or not."""
    people, _t, _s, _a = _words()
    return bool(tok.lemma_.lower() in people or tok.ent_type_ == "PERSON")


_INDEFINITE = frozenset({"a", "an", "some", "many", "several", "other", "dozens", "hundreds"})
# Words of a noun phrase that still name the same people ("journalist Ivan Petrov", "Petrov
# and Lee", "the head of X, Anna Lee"); a "prep", "poss" or clause leads to someone else.
_OWN_WORDS = frozenset({"compound", "appos", "conj", "flat", "nmod", "npadvmod", "amod", "cc"})


def _indefinite(tok: Token) -> bool:
    """ "protesters", "some workers": people the report does not go on to name."""
    mods = [c for c in tok.children if c.dep_ in ("det", "poss", "nummod", "quantmod")]
    return not mods or all(c.lower_ in _INDEFINITE for c in mods)


def persons_in_phrase(ctx: Context, tok: Token) -> list[int]:
    """Persons the noun phrase headed by ``tok`` names as itself."""
    out: list[int] = []
    todo = [tok]
    while todo:
        t = todo.pop()
        i = person_at(ctx, t)
        if i is not None and i not in out:
            out.append(i)
        todo.extend(c for c in t.children if c.dep_ in _OWN_WORDS)
    return out


def _governor(tok: Token, anchors: set[int], lo: int, hi: int) -> Token | None:
    """The nearest trigger above ``tok`` in the sentence ``[lo, hi)``: the act a date
    modifies (``None`` where the parse leaves the sentence or meets no trigger)."""
    t = tok
    while t.head.i != t.i:
        t = t.head
        if not lo <= t.idx < hi:
            return None
        if t.i in anchors:
            return t
    return None


def _dates_a_thing(tok: Token, gov: Token | None, acts: set[int]) -> bool:
    """The date describes a thing, not an act: it is the "of"-object of a noun that is
    no act and no time of day ("the tragic events of 16 December", not "the evening of
    11 June")."""
    head = tok.head
    if tok.dep_ != "pobj" or head.lower_ != "of" or head.head.i in acts:
        return False
    if gov is not None and head.head.i == gov.i:
        return False
    noun = head.head
    return bool(noun.pos_ == "NOUN" and noun.lemma_.lower() not in _words_dated())


@cache
def _words_dated() -> frozenset[str]:
    return frozenset(load("events")["syntax"]["dated_nouns"])


def date_ranks(
    ctx: Context,
    triggers: list[tuple[int, int]],
    anchors: list[tuple[int, int]],
    items: list[tuple[int, int, str]],
) -> list[list[tuple[int, int, str]]] | None:
    """The dates of ``items`` for the act of ``triggers``, best first: those modifying the
    act itself ("arrested on 5 May") or no other act, those modifying an act above it or
    joined to it ("detained and disappeared on 2 April"), those inside its own words
    ("convicted on charges of X in 2018"). A date that modifies another act ("arrested
    after the protest of 16 December") is in none. ``anchors`` are every trigger of the
    sentence; ``None`` without a parse."""
    doc = ctx.doc
    if doc is None or not doc.has_annotation("DEP"):
        return None
    own_toks = [t for s, e in triggers if (t := trigger_token(doc, s, e)) is not None]
    if not own_toks:
        return None
    anchor_ids = {t.i for s, e in anchors if (t := trigger_token(doc, s, e)) is not None}
    mine = {t.i for t in own_toks}
    above = {a.i for t in own_toks for a in t.ancestors}
    joined = {c.i for t in own_toks for c in t.children if c.dep_ == "conj"}
    below = {d.i for t in own_toks for d in t.subtree}
    ranks: list[list[tuple[int, int, str]]] = [[], [], []]
    for item in items:
        tok = trigger_token(doc, item[0], item[1])
        if tok is None:
            continue
        gov = _governor(tok, anchor_ids | mine, *ctx.sentence_of(item[0]))
        if _dates_a_thing(tok, gov, anchor_ids | mine):
            continue  # "the events of 16 December", "their declaration made on 30 September"
        if gov is None or gov.i in mine:
            ranks[0].append(item)
        elif gov.i in above or gov.i in joined:
            ranks[1].append(item)
        elif gov.i in below:
            ranks[2].append(item)
    return ranks


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def retold(ctx: Context, start: int, end: int) -> bool:
    """ "the arrest of X", "his arrest", "Gandye's arrest", "after her release": the act
    is named as one the report tells (or will tell) as it happened, not told here."""
    doc = ctx.doc
    if doc is None or not doc.has_annotation("DEP"):
        return False
    tok = trigger_token(doc, start, end)
    if tok is None or _is_verb(tok) or not tok.tag_.startswith("NN"):
        return False
    if not any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in tok.children
    ):
        return False
    # "upheld the conviction", "reduced the prison term": the object of a new act is told
    # here; "condemned the arrest of X" only names it
    return tok.dep_ != "dobj" or tok.head.lemma_.lower() in _words_retold()


@cache
def _words_retold() -> frozenset[str]:
    return frozenset(load("events")["syntax"]["naming_lemmas"])


_SINCE = frozenset({"after", "before", "since", "following", "upon", "during", "until", "to"})


def told_again(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    """ "after his arrest", "prior to their detention": an act the report has told, named
    in passing. Returns the character bounds of the phrase (its own date is inside), or
    ``None`` when the trigger is not such a mention."""
    doc = ctx.doc
    if doc is None or not doc.has_annotation("DEP"):
        return None
    tok = trigger_token(doc, start, end)
    if tok is None or _is_verb(tok) or tok.dep_ != "pobj" or tok.head.lower_ not in _SINCE:
        return None
    if not any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in tok.children):
        return None
    words = list(tok.subtree)
    return int(words[0].idx), int(words[-1].idx + len(words[-1]))
