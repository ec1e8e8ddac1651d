"""The Extractor: loads the spaCy model once and runs every stage over each report."""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterable, Iterator, Sized
from typing import Any

import vigil.extract.stages  # noqa: F401  (registers the built-in stages)
from vigil.extract.context import Context
from vigil.extract.model import ExtractionResult
from vigil.extract.record import build
from vigil.extract.registry import Stage, default_pipeline, get_stage
from vigil.settings import get_settings

log = logging.getLogger(__name__)

# spaCy components the stages use: entities (ner) and the parse that events read for who an
# act happened to (tagger, parser, attribute_ruler and lemmatizer share tok2vec).
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# Longest text given to the model at once; longer reports are read in part, with a warning.
MAX_CHARS = 200_000

Item = str | tuple[str, str | None] | tuple[str, str | None, str | None]
# Smallest batch worth starting model processes for (each costs a fork and a warm-up).
PARALLEL_BATCH = 40


def processes_for(batch: int, configured: int | None = None, cores: int | None = None) -> int:
    """How many model processes a batch of ``batch`` reports gets.

    ``configured`` (VIGIL_EXTRACT_PROCESSES) wins when positive; automatic (0) uses two
    processes on machines with two or more cores for batches of PARALLEL_BATCH or more.
    """
    wanted = get_settings().extract_processes if configured is None else configured
    if wanted > 0:
        return wanted
    available = (os.cpu_count() or 1) if cores is None else cores
    return 2 if available >= 2 and batch >= PARALLEL_BATCH else 1


def _date(raw: str | None) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw.strip()[:10])
    except ValueError:
        return None


def load_model(name: str | None = None) -> Any:
    import spacy

    model = name or get_settings().spacy_model
    nlp = spacy.load(model)
    for comp in list(nlp.pipe_names):
        if comp not in COMPONENTS:
            nlp.disable_pipe(comp)
    return nlp


class Extractor:
    """``Extractor(model=None, stages=None)``; ``stages`` names registered stages to run."""

    def __init__(self, model: str | None = None, *, stages: list[str] | None = None) -> None:
        self.nlp = load_model(model)
        pipeline = [get_stage(n) for n in stages] if stages else default_pipeline()
        self.pre: list[Stage] = [s for s in pipeline if not s.needs_doc]
        self.post: list[Stage] = [s for s in pipeline if s.needs_doc]

    def extract(
        self, text: str, *, published: str | None = None, language: str | None = None
    ) -> ExtractionResult:
        return next(self.extract_many([(text, published, language)]))

    def extract_many(
        self, items: Iterable[Item], *, n_process: int | None = None
    ) -> Iterator[ExtractionResult]:
        """Results in input order; items are texts or (text, published[, language]).

        ``n_process`` > 1 runs the model in that many worker processes (spaCy's own
        multiprocessing; the stages stay in this process): worth it for large batches.
        ``None`` decides by the batch's size (``processes_for``); an unsized iterable
        gets one process.
        """
        if n_process is None:
            n_process = processes_for(len(items)) if isinstance(items, Sized) else 1
        contexts = (self._prepare(item) for item in items)
        pairs = ((ctx.clean[:MAX_CHARS], ctx) for ctx in contexts)
        docs = self.nlp.pipe(pairs, as_tuples=True, batch_size=16, n_process=n_process)
        for doc, ctx in docs:
            ctx.doc = doc
            for st in self.post:
                try:
                    st.fn(ctx)
                except Exception as exc:  # a stage must not lose the whole record
                    log.warning("stage %s failed: %s", st.name, type(exc).__name__)
                    ctx.warnings.append(
                        f"stage {st.name} failed ({type(exc).__name__}); record is partial"
                    )
            ctx.doc = None
            record, claims = build(ctx)
            yield ExtractionResult(record=record, claims=claims + ctx.claims, warnings=ctx.warnings)

    def _prepare(self, item: Item) -> Context:
        published: str | None = None
        language: str | None = None
        if isinstance(item, str):
            text = item
        elif len(item) == 2:
            text, published = item[0], item[1]
        else:
            text, published, language = item[0], item[1], item[2]
        ctx = Context(
            text=text,
            clean=text,
            published=_date(published),
            published_raw=published,
            language=language,
        )
        for st in self.pre:
            try:
                st.fn(ctx)
            except Exception as exc:  # a stage must not lose the whole record
                log.warning("stage %s failed: %s", st.name, type(exc).__name__)
                ctx.warnings.append(f"stage {st.name} failed ({type(exc).__name__})")
        if len(ctx.clean) > MAX_CHARS:
            ctx.warnings.append(
                f"the report is {len(ctx.clean):,} characters long; "
                f"only the first {MAX_CHARS:,} were read"
            )
        return ctx
