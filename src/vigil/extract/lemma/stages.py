"""The lemma stages, registered outside the default pipeline: a language entry names them.

Each reads the model's LemmaDoc (``ctx.doc``) and its language's data files; the record is
then built from the Context exactly as for English.
"""

from __future__ import annotations

import re
from collections import Counter

from vigil.extract.context import Context, Ent
from vigil.extract.lemma.common import data
from vigil.extract.lemma.dates import find_dates
from vigil.extract.lemma.events import find_events
from vigil.extract.lemma.legal import find_legal
from vigil.extract.lemma.model import LemmaDoc
from vigil.extract.lemma.names import find_organizations, find_persons
from vigil.extract.registry import stage


def _doc(ctx: Context) -> LemmaDoc | None:
    return ctx.doc if isinstance(ctx.doc, LemmaDoc) else None


@stage("lemma_entities.v1", order=20, default=False)
def lemma_entities(ctx: Context) -> None:
    """Sentences and entities from the model; the report's country from its place names."""
    doc = _doc(ctx)
    if doc is None:
        return
    if doc.sents:
        ctx.sentences = doc.sents
    for s, e, label in doc.ents:
        ctx.ents.append(Ent(s, e, label, ctx.clean[s:e]))
    counts: Counter[str] = Counter()
    for stem, code in data(ctx, "places")["countries"].items():
        counts[str(code)] += len(re.findall(rf"\b{stem}", ctx.clean))
    if counts and counts.most_common(1)[0][1]:
        ctx.country = counts.most_common(1)[0][0]


@stage("lemma_names.v1", order=30, default=False)
def lemma_names(ctx: Context) -> None:
    doc = _doc(ctx)
    if doc is not None:
        find_persons(ctx, doc)
        find_organizations(ctx, doc)


@stage("lemma_dates.v1", order=40, default=False)
def lemma_dates(ctx: Context) -> None:
    find_dates(ctx, data(ctx, "dates"))


@stage("lemma_events.v1", order=50, default=False)
def lemma_events(ctx: Context) -> None:
    doc = _doc(ctx)
    if doc is not None:
        find_events(ctx, doc, data(ctx, "events"))


@stage("lemma_legal.v1", order=60, default=False)
def lemma_legal(ctx: Context) -> None:
    doc = _doc(ctx)
    if doc is None:
        return
    numbers = {str(k): float(v) for k, v in data(ctx, "numbers")["numbers"].items()}
    from vigil.extract.languages import entries

    folder = entries()[ctx.reading].data or ctx.reading
    find_legal(ctx, doc, folder, numbers, data(ctx, "events"))
