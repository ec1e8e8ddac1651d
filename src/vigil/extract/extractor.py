"""The Extractor: loads the spaCy model once and runs every stage over each report."""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterable, Iterator, Sized
from typing import Any

import vigil.extract.stages  # noqa: F401  (registers the built-in stages)
from vigil.errors import InputError
from vigil.extract.budget import CHUNK_CHARS, MAX_CHARS, MODEL_SHARE, Deadline, chunks, cut_point
from vigil.extract.context import Context
from vigil.extract.languages import DEFAULT, Models, entries
from vigil.extract.model import Claim, ExtractionResult
from vigil.extract.record import build
from vigil.extract.registry import Stage, default_pipeline, get_stage
from vigil.facts import refs
from vigil.facts.schema import check_claim
from vigil.settings import get_settings

log = logging.getLogger(__name__)

# spaCy components the stages use: entities (ner) and the parse that events read for who an
# act happened to (tagger, parser, attribute_ruler and lemmatizer share tok2vec).
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")

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


LINE_BREAKS = "vigil_line_breaks"


def line_breaks(doc: Any) -> Any:
    """A line break ends a sentence for the parser too: a headline or a photo caption
    without a full stop is not parsed as one sentence with the paragraph after it."""
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if not tok.is_space and "\n" in before.whitespace_ + (
            before.text if before.is_space else ""
        ):
            tok.is_sent_start = True
    return doc


def load_model(name: str | None = None) -> Any:
    import spacy

    model = name or get_settings().spacy_model
    nlp = spacy.load(model)
    for comp in list(nlp.pipe_names):
        if comp not in COMPONENTS:
            nlp.disable_pipe(comp)
    if "parser" in nlp.pipe_names:
        from spacy.language import Language

        if not Language.has_factory(LINE_BREAKS):
            Language.component(LINE_BREAKS, func=line_breaks)
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp


def conforming(claims: list[Claim], warnings: list[str]) -> list[Claim]:
    """The claims that fit the fact schema (facts.yaml), as every stored fact must. A claim
    that does not is a stage's fault: dropped with a warning naming its stage and field, or
    raised under VIGIL_STRICT_STAGES so the test that ran the stage fails."""
    # Checked as the store will keep them: persons and organisations named by name (a
    # plugin's way) pointed to by id, an affiliation's new organisation or relative added.
    facts = [(c.kind, c.value) for c in claims]
    values = refs.with_ids(facts)
    named = refs.new_mentions(list(zip([c.kind for c in claims], values, strict=True)))
    if named:
        values = refs.with_ids(facts + [(kind, value) for _, kind, value in named])
    kept = []
    for claim, value in zip(claims, values, strict=False):
        try:
            check_claim(claim.kind, value)
        except InputError as exc:
            if get_settings().strict_stages:
                raise
            log.warning("stage %s made a fact (%s) outside the schema", claim.stage, claim.kind)
            warnings.append(f"a {claim.kind} from stage {claim.stage} was dropped: {exc}")
            continue
        kept.append(claim)
    return kept


def run_stage(st: Stage, ctx: Context) -> None:
    """Run one stage and stamp its registered name on the facts it added. A stage that
    fails leaves a partial record and a warning, never a lost report; with
    VIGIL_STRICT_STAGES (the test suite sets it) the failure is raised instead, so a broken
    stage fails the test that ran it."""
    before = ctx.sizes()
    try:
        st.fn(ctx)
    except Exception as exc:
        if get_settings().strict_stages:
            raise
        log.warning("stage %s failed: %s", st.name, type(exc).__name__)
        ctx.warnings.append(f"stage {st.name} failed ({type(exc).__name__}); record is partial")
    ctx.stamp(st.name, before)


class Extractor:
    """``Extractor(model=None, stages=None)``; ``stages`` names registered stages to run."""

    def __init__(self, model: str | None = None, *, stages: list[str] | None = None) -> None:
        self.nlp = load_model(model)
        pipeline = [get_stage(n) for n in stages] if stages else default_pipeline()
        self.pre: list[Stage] = [s for s in pipeline if not s.needs_doc]
        self.post: list[Stage] = [s for s in pipeline if s.needs_doc]
        # Other languages' models (data/languages.yaml), loaded on their first report.
        self.models = Models()

    def extract(
        self,
        text: str,
        *,
        published: str | None = None,
        language: str | None = None,
        budget: float | None = None,
    ) -> ExtractionResult:
        """One report. ``budget`` (seconds, None or 0: none) bounds the whole extraction:
        past it the model stops between two chunks of text and the stages not yet run are
        skipped, each cut named in a warning; the record holds what was found."""
        items = [(text, published, language)]
        return next(self._run(items, n_process=1, batch_size=1, budget=budget))

    def extract_many(
        self,
        items: Iterable[Item],
        *,
        n_process: int | None = None,
        budget: float | None = None,
    ) -> Iterator[ExtractionResult]:
        """Results in input order; items are texts or (text, published[, language]).

        ``n_process`` > 1 runs the model in that many worker processes (spaCy's own
        multiprocessing; the stages stay in this process): worth it for large batches.
        ``None`` decides by the batch's size (``processes_for``); an unsized iterable
        gets one process. ``budget`` is per report as in ``extract``; in a batch the model
        reads ahead, so its share is counted from when the model takes a report's first
        chunk and the stages' share from when its text comes back.
        """
        if n_process is None:
            n_process = processes_for(len(items)) if isinstance(items, Sized) else 1
        return self._run(items, n_process=n_process, batch_size=16, budget=budget)

    def _run(
        self, items: Iterable[Item], *, n_process: int, batch_size: int, budget: float | None
    ) -> Iterator[ExtractionResult]:
        single = batch_size == 1
        wall = n_process > 1
        contexts = (
            self._prepare(item, Deadline(budget, wall=wall), start=single) for item in items
        )
        pieces = self._chunks(contexts, start=not single)
        # The strings and words of the reports read here are forgotten when the batch is
        # done: a long-running process (the extraction worker, a batch of hostile inputs)
        # kept every word it ever read (issue 14: peak memory). The records hold copies.
        with self.nlp.memory_zone():
            docs = self.nlp.pipe(pieces, as_tuples=True, batch_size=batch_size, n_process=n_process)
            current: Context | None = None
            parts: list[Any] = []
            for doc, ctx in docs:
                if current is not None and ctx is not current:
                    yield self._finish(current, parts, restart=not single)
                    parts = []
                current = ctx
                parts.append(doc)
            if current is not None:
                yield self._finish(current, parts, restart=not single)

    def _chunks(self, contexts: Iterable[Context], *, start: bool) -> Iterator[tuple[str, Any]]:
        """(text, context) for each chunk the model reads, while the model's share of
        each report's budget lasts (every report gets at least its first chunk)."""
        for ctx in contexts:
            if start:
                ctx.deadline.start()
            if ctx.reading != DEFAULT:
                # Another language's model reads it in _finish; spaCy gets an empty text so
                # that the batch keeps its order.
                yield "", ctx
                continue
            ranges = chunks(ctx.clean, ctx.sentences, CHUNK_CHARS)
            for number, (lo, hi) in enumerate(ranges):
                if number and ctx.deadline.passed(MODEL_SHARE):
                    ctx.warnings.append(
                        f"time budget: the model read {lo:,} of {len(ctx.clean):,} "
                        "characters (VIGIL_EXTRACT_BUDGET_SECONDS); the record is partial"
                    )
                    break
                yield ctx.clean[lo:hi], ctx

    def _finish(self, ctx: Context, parts: list[Any], *, restart: bool) -> ExtractionResult:
        from spacy.tokens import Doc

        stages = self.post
        if ctx.reading == DEFAULT:
            ctx.doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        else:
            loading = ctx.deadline.clock()
            model = self.models.get(entries()[ctx.reading])  # loaded on first use
            ctx.deadline.postpone(ctx.deadline.clock() - loading)
            ctx.doc = model(ctx.clean)
            stages = list(self.models.stages(ctx.reading))
        if restart:
            ctx.deadline.start()
        for number, st in enumerate(stages):
            if ctx.deadline.passed():
                skipped = ", ".join(s.name for s in stages[number:])
                ctx.warnings.append(
                    f"time budget spent (VIGIL_EXTRACT_BUDGET_SECONDS): stages {skipped} "
                    "not run; the record is partial"
                )
                break
            run_stage(st, ctx)
        ctx.doc = None
        record, claims = build(ctx)
        kept = conforming(claims + ctx.claims, ctx.warnings)
        return ExtractionResult(record=record, claims=kept, warnings=ctx.warnings)

    def _prepare(self, item: Item, deadline: Deadline, *, start: bool) -> Context:
        published: str | None = None
        language: str | None = None
        if isinstance(item, str):
            text = item
        elif len(item) == 2:
            text, published = item[0], item[1]
        else:
            text, published, language = item[0], item[1], item[2]
        if start:
            deadline.start()
        limit = MAX_CHARS
        warnings: list[str] = []
        if len(text) > limit:
            # Cut before any stage runs: every stage's work is bounded by the cut, and
            # offsets into the part read are offsets into the whole text.
            cut = cut_point(text, limit)
            warnings.append(
                f"the report is {len(text):,} characters long; only the first {cut:,} were read"
            )
            text = text[:cut]
        ctx = Context(
            text=text,
            clean=text,
            published=_date(published),
            published_raw=published,
            language=language,
            deadline=deadline,
            warnings=warnings,
        )
        for st in self.pre:
            run_stage(st, ctx)
        return ctx
