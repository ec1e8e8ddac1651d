"""Persons told by a description: "a well-known scholar was sentenced", "the journalist was
freed". News style names the person a sentence or two later ("A Tanzanian journalist was
arrested Thursday. ... Joseph Gandye, a reporter with ..."); a definite description ("the
lawyer") points back to someone named before. The named person is the nearest one in that
direction whose own words in the report use the description's noun ("journalist Salih
Turan", "Salih Turan, a journalist"), else the nearest one that may suffer an act.
"""

from __future__ import annotations

import re
from typing import Any

from vigil.extract.actors import persons_in
from vigil.extract.context import Context

Token = Any  # spacy.tokens.Token

# How many sentences ahead an indefinite description may be named, and back a definite one.
AHEAD, BACK = 2, 4
_INDEFINITE = frozenset({"a", "an", "another"})
_DEFINITE = frozenset({"the", "this", "that"})
# Words around a mention that describe its person ("journalist X", "X, a journalist").
_BEFORE, _AFTER = 40, 80


def _sentence_index(ctx: Context, pos: int) -> int:
    for i, (s, e) in enumerate(ctx.sentences):
        if s <= pos < e:
            return i
    return -1


def described(ctx: Context, person: int, noun: str) -> bool:
    """``noun`` (a lemma: "journalist") describes a mention of ``person``: among the three
    words right before it ("Kurdish journalist Salih Turan") or in an apposition right
    after it ("Salih Turan, a freelance journalist")."""
    after = re.compile(
        rf"^\s*,\s+(?:(?:a|an|the)\s+)?(?:[\w’'-]+\s+){{0,4}}?{re.escape(noun)}s?\b", re.I
    )
    for m in ctx.mentions:
        if m.kind != "person" or m.index != person:
            continue
        before = ctx.clean[max(0, m.start - _BEFORE) : m.start].lower().split()[-3:]
        if noun in before or noun + "s" in before:
            return True
        if after.match(ctx.clean, m.end, m.end + _AFTER):
            return True
    return False


def resolve(ctx: Context, head: Token) -> list[int]:
    """The person a singular description headed by ``head`` refers to, if the report
    names one: a sentence or two ahead for "a journalist", before for "the journalist"."""
    if head.tag_ != "NN":
        return []
    dets = [c.lower_ for c in head.children if c.dep_ == "det"]
    if any(c.dep_ in ("poss", "nummod") for c in head.children) or len(dets) != 1:
        return []  # "his lawyer", "one journalist": someone else, or a count
    here = _sentence_index(ctx, int(head.idx))
    if here < 0:
        return []
    if dets[0] in _INDEFINITE:
        order = range(here + 1, min(len(ctx.sentences), here + 1 + AHEAD))
    elif dets[0] in _DEFINITE:
        order = range(here - 1, max(-1, here - 1 - BACK), -1)
    else:
        return []
    noun = head.lemma_.lower()
    first: list[int] = []
    for k in order:
        found = persons_in(ctx, *ctx.sentences[k])
        fitting = [i for i in found if described(ctx, i, noun)]
        if fitting:
            return fitting[:1]
        if found and not first:
            first = found[:1]
    return first
