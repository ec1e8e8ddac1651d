"""Who a charge or a sentence told at one place of a sentence is against, as the
dependency parse reads it.

From the offence (or article, or term) the parse is climbed to the first verb or to a
noun with an owner; the person is then:

- the subject of a passive ("X was charged with", "A and B were sentenced to"), each of
  coordinated subjects on its own;
- the object of an active verb ("police charged X with", "prosecutors accused X of");
- the owner of a noun of the case (data/legal.yaml ``charged_owner_nouns``: "X's
  conviction for", "his arrest on charges of");
- the noun a participle describes ("X, an academic jailed for", "activists detained on");
- else the subject of a verb whose subject undergoes it (data/legal.yaml
  ``charged_subject_verbs``: "X received a sentence on charges of", "A and B are facing
  defamation charges", "the men denied the accusations of"); the subject of any other
  active verb is the one who acts ("Duterte accused politicians of").

A description ("a journalist was charged with") is the person the report names for it
(``descriptions.resolve``). Where the parse names nobody, or only a pronoun, ``None``:
the caller keeps its sentence-level reading.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from vigil.extract import descriptions
from vigil.extract.context import Context
from vigil.extract.data import load
from vigil.extract.syntax import (
    is_people,
    is_pronoun,
    parsed_trigger,
    persons_in_phrase,
)

Token = Any  # spacy.tokens.Token

_RELATIVE = frozenset({"who", "whom", "that", "which"})
# Between two names of one list, which the parse often breaks: a comma or "and", with the
# next one's trade or nickname before it ("A, painter B and poet C", "artist Osmel "El
# Flaco" Cárdenas"), but no verb ("A, and later police detained B"); or an apposition
# after the first ("A, the correspondent of the daily X, and photojournalist B").
_LIST_GAP = re.compile(
    r"^(?:\s*,\s*(?:the|a|an|his|her)\s[^,;()]{1,80},)?\s*(?:,\s*and|,|and|&)\s+"
    r"(?:(?!\w+(?:ed|ly)\b|(?:was|were|is|are|has|had|who|then|also)\b)[\w“”\"'-]+\s+){0,4}$"
)
# How far up the parse a charge may look for its verb (offence -> of -> charges -> on -> verb).
_MAX_CLIMB = 6


@cache
def _subject_verbs() -> frozenset[str]:
    return frozenset(load("legal")["charged_subject_verbs"])


@cache
def _owner_nouns() -> frozenset[str]:
    return frozenset(load("legal")["charged_owner_nouns"])


def _named(ctx: Context, tok: Token) -> list[int] | None:
    """Persons the phrase at ``tok`` names; ``[]`` for a pronoun or a description nobody
    is named for; ``None`` for a phrase that is no person at all."""
    if tok.lower_ in _RELATIVE and tok.head.dep_ in ("relcl", "acl"):
        tok = tok.head.head  # "X, who was charged": X
    found = persons_in_phrase(ctx, tok)
    if not found and tok.dep_ == "appos":
        found = persons_in_phrase(ctx, tok.head)  # "X, an academic jailed for": X
    if found:
        return found
    if is_pronoun(tok):
        return []
    if tok.pos_ in ("NOUN", "PROPN") and is_people(tok):
        return descriptions.resolve(ctx, tok)
    return None


def _of_verb(ctx: Context, verb: Token) -> list[int] | None:
    subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if subj:
        return _joined(ctx, subj)
    if verb.dep_ == "conj" and verb.head.tag_.startswith("VB"):
        # "was arrested and charged with": the second verb shares the first's subject
        subj = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        if subj and not any(c.dep_ in ("nsubj", "dobj") for c in verb.children):
            return _joined(ctx, subj)
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if objs:
        found = _joined(ctx, objs)
        if found is not None:
            return found
    if verb.dep_ == "xcomp" and verb.head.tag_.startswith("VB"):
        return _of_verb(ctx, verb.head)  # "X was ordered to serve nine months": X
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
        return _named(ctx, verb.head)  # "activists detained on charges of"
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if subj and verb.lemma_.lower() in _subject_verbs():
        return _joined(ctx, subj)
    return None


def _joined(ctx: Context, toks: list[Token]) -> list[int] | None:
    out: list[int] = []
    seen = False
    for t in toks:
        found = _named(ctx, t)
        if found is None:
            continue
        seen = True
        out += [i for i in found if i not in out]
    return out if seen else None


def charged_at(ctx: Context, start: int, end: int) -> list[int] | None:
    """Indexes into ``ctx.persons`` of whom the charge or penalty told at ``[start, end)``
    is against; ``None`` where the parse does not say (no parse, a pronoun, nobody named)."""
    tok = parsed_trigger(ctx, start, end)
    if tok is None:
        return None
    lo, hi = ctx.sentence_of(start)
    found: list[int] | None = None
    t = tok
    for _ in range(_MAX_CLIMB):
        if t.head.i == t.i or not lo <= t.head.idx < hi:
            break
        t = t.head
        if t.tag_.startswith("VB"):
            found = _of_verb(ctx, t)
            break
        owners = [c for c in t.children if c.dep_ == "poss"]
        if t.tag_.startswith("NN") and owners and t.lemma_.lower() in _owner_nouns():
            found = _joined(ctx, owners)
            break
    return _listed(ctx, found, lo, hi) if found else None


def _listed(ctx: Context, found: list[int], lo: int, hi: int) -> list[int]:
    """``found`` with the other names of the lists they stand in (_LIST_GAP)."""
    mentions = ctx.mentions_in(lo, hi, "person")
    runs: list[list[int]] = []
    last_end = -1
    for m in mentions:
        if runs and (m.index in runs[-1] or _LIST_GAP.match(ctx.clean[last_end : m.start])):
            runs[-1].append(m.index)
        else:
            runs.append([m.index])
        last_end = m.end
    out = list(found)
    for run in runs:
        if set(run) & set(found):
            out += [i for i in run if i not in out]
    return out
