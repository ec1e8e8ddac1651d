"""entities.v1: take the named entities the spaCy model found (the model ran just before)."""

from __future__ import annotations

from vigil.extract.context import Context, Ent
from vigil.extract.names import looks_like_person
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
        if ent.label_ not in KEPT:
            continue
        prev = ctx.ents[-1] if ctx.ents else None
        gap = ctx.clean[prev.end : ent.start_char] if prev else ""
        if (
            prev
            and prev.label == ent.label_ == "PERSON"
            and gap in (" ", "\u00a0")
            and looks_like_person(f"{prev.text} {ent.text}")
        ):
            # "[José Antonio] [Pérez Gómez]": the model split one name in two.
            prev.end = ent.end_char
            prev.text = ctx.clean[prev.start : prev.end]
            continue
        ctx.ents.append(Ent(ent.start_char, ent.end_char, ent.label_, ent.text))
