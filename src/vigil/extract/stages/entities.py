"""entities.v1: take the named entities the spaCy model found (the model ran just before)."""

from __future__ import annotations

from vigil.extract.context import Context, Ent
from vigil.extract.registry import stage

# Entity labels later stages read; the rest (CARDINAL, PERCENT, ...) are dropped here.
KEPT = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
)


@stage("entities.v1", order=20)
def collect_entities(ctx: Context) -> None:
    if ctx.doc is None:
        return
    for ent in ctx.doc.ents:
        if ent.label_ in KEPT:
            ctx.ents.append(Ent(ent.start_char, ent.end_char, ent.label_, ent.text))
