"""Extraction as a stage of ingestion: the record and its claims stored with the report.

The extractor (and its language model) is created once per process, on first use, so that
``vigil ingest --no-extract`` and commands that never extract pay nothing for it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil import __version__
from vigil.errors import ConfigError
from vigil.sources.document import SourceDocument
from vigil.store.claims import SyncStats, save_extraction, sync_claims
from vigil.store.models import Report

if TYPE_CHECKING:
    from vigil.extract import Extractor
    from vigil.extract.model import ExtractionResult

EXTRACTOR_VERSION = f"vigil-{__version__}"


@dataclass(frozen=True, slots=True)
class Extracted:
    """One document's extraction, made before the transaction that stores it."""

    result: ExtractionResult | None  # None: its input's budget was spent on other parts
    warnings: list[str]


class ExtractionStage:
    """Runs the extractor on a stored report and stores its record and claims."""

    def __init__(
        self, *, actor: str, model: str | None = None, budget: float | None = None
    ) -> None:
        """``budget``: seconds one input's extraction may take, its attachments included
        (None or 0: no limit); VIGIL_EXTRACT_BUDGET_SECONDS in ``vigil ingest`` and the web.
        """
        self.actor = actor
        self.model = model
        self.budget = budget if budget and budget > 0 else None
        self._extractor: Extractor | None = None
        # Attachments share their input's budget: id of a document -> its input's end.
        self._until: dict[int, float] = {}

    def load(self) -> Extractor:
        """The extractor, loading its language model on first use."""
        if self._extractor is None:
            from vigil.extract import Extractor

            try:
                self._extractor = Extractor(self.model)
            except OSError as exc:
                raise ConfigError(
                    f"the spaCy model {self.model!r} is not installed (run 'make setup', "
                    "or set VIGIL_SPACY_MODEL to an installed model)",
                    subject="extraction",
                ) from exc
        return self._extractor

    @property
    def extractor(self) -> Extractor:
        return self.load()

    def __call__(self, session: Session, report_id: int, doc: SourceDocument) -> list[str]:
        return self.save(session, report_id, doc, self.extract(doc))

    def extract(self, doc: SourceDocument) -> Extracted:
        """Run the extractor on one document, outside any transaction (the extraction
        worker holds no lock while the model reads). Attachments are extracted after
        their input, in the order ``vigil ingest`` stores them, and share its budget."""
        budget = self._budget_for(doc)
        if budget is not None and budget <= 0:
            return Extracted(
                None,
                [
                    "not extracted: the input's time budget (VIGIL_EXTRACT_BUDGET_SECONDS) "
                    "was spent on its other parts; run 'vigil reextract' to extract it"
                ],
            )
        result = self.extractor.extract(
            doc.text, published=doc.published, language=doc.language, budget=budget
        )
        return Extracted(result, list(result.warnings))

    def save(
        self, session: Session, report_id: int, doc: SourceDocument, extracted: Extracted
    ) -> list[str]:
        """Store what ``extract`` found for the stored report ``report_id``."""
        result = extracted.result
        if result is not None:
            self._store(
                session, report_id, doc.filename, result.record, result.claims, result.warnings
            )
        return list(extracted.warnings)

    def _budget_for(self, doc: SourceDocument) -> float | None:
        """Seconds left for ``doc``: the whole budget for an input, what its input has
        left for an attachment."""
        if self.budget is None:
            return None
        now = time.monotonic()
        until = self._until.pop(id(doc), None)
        if until is None:  # a new input: forget the last one's attachments
            self._until.clear()
            until = now + self.budget
        todo = list(doc.children)
        while todo:
            child = todo.pop()
            self._until[id(child)] = until
            todo.extend(child.children)
        return until - now

    def _store(
        self,
        session: Session,
        report_id: int,
        name: str,
        record: dict[str, Any],
        claims: Iterable[Any],
        warnings: list[str],
    ) -> SyncStats:
        full = {"doc": name, **record}
        save_extraction(session, report_id, full, list(warnings), extractor=EXTRACTOR_VERSION)
        return sync_claims(
            session, report_id, claims, extractor=EXTRACTOR_VERSION, actor=self.actor
        )

    def rerun(self, session: Session, report_ids: list[int]) -> dict[int, SyncStats]:
        """Extract stored reports again (a better Vigil): machine claims are updated,
        reviewed ones left as they are. The caller's transaction covers the batch."""
        rows = session.execute(
            select(Report.id, Report.filename, Report.text, Report.published, Report.language)
            .where(Report.id.in_(report_ids))
            .order_by(Report.id)
        ).all()
        items = [(r.text, r.published, r.language) for r in rows]
        stats: dict[int, SyncStats] = {}
        for row, result in zip(rows, self.extractor.extract_many(items), strict=True):
            stats[row.id] = self._store(
                session, row.id, row.filename, result.record, result.claims, result.warnings
            )
        from vigil.cases import update_report, update_report_orgs

        for report_id in stats:
            update_report(session, report_id)
            update_report_orgs(session, report_id)
        return stats


def update_cases(session: Session, report_id: int, doc: SourceDocument) -> list[str]:
    """After-store stage: fold the report's persons into cases (runs after extraction)."""
    from vigil.cases import update_report, update_report_orgs

    update_report(session, report_id)
    update_report_orgs(session, report_id)
    return []
