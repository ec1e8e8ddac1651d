"""Ingestion: read each input, store it (and what the stages after storage add) in one
transaction per input, and say what happened to each.

A failure on one input never stops the batch and never touches what is already stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy.orm import Session

from vigil.errors import InputError, VigilError
from vigil.pipeline.inputs import Input
from vigil.sources import read_bytes
from vigil.sources.document import SourceDocument
from vigil.store.db import Database
from vigil.store.reports import DuplicateReport, Stored, add_report

log = logging.getLogger(__name__)

Status = Literal["stored", "duplicate", "rejected"]

# A stage that runs after a report is stored, inside the same transaction (extraction
# stores its claims this way). It receives the session, the stored report's id and the
# document as read.
AfterStore = Callable[[Session, int, SourceDocument], list[str]]


@dataclass(slots=True)
class Outcome:
    source: str
    status: Status
    report_id: int | None = None
    sha256: str | None = None
    title: str | None = None
    reader: str | None = None
    language: str | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    children: list[Outcome] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "status": self.status,
            "report_id": self.report_id,
            "sha256": self.sha256,
            "title": self.title,
            "reader": self.reader,
            "language": self.language,
            "warnings": self.warnings,
            "error": self.error,
            "children": [c.to_json() for c in self.children],
        }


class _StageFailed(Exception):
    def __init__(self, stage: str, error: str) -> None:
        super().__init__(stage, error)
        self.stage, self.error = stage, error


class Ingestor:
    def __init__(
        self,
        db: Database,
        *,
        actor: str,
        max_bytes: int,
        after_store: Iterable[AfterStore] = (),
    ) -> None:
        self.db = db
        self.actor = actor
        self.max_bytes = max_bytes
        self.after_store = list(after_store)

    def ingest(self, inputs: Iterable[Input]) -> Iterator[Outcome]:
        for item in inputs:
            yield self.ingest_one(item)

    def ingest_one(self, item: Input) -> Outcome:
        if item.problem:
            return Outcome(item.name, "rejected", error=f"{item.name}: {item.problem}")
        try:
            data = item.load(self.max_bytes)
            doc = read_bytes(data, _filename(item))
        except InputError as exc:
            exc.subject = item.name
            return Outcome(item.name, "rejected", error=str(exc))
        except Exception as exc:
            # A reader's defect (RecursionError on 500 nested e-mails, issue 14) is this
            # input's error, never the batch's.
            log.debug("reading %s failed", item.name, exc_info=True)
            return Outcome(item.name, "rejected", error=_internal(item.name, exc))
        return self.store(item.name, doc)

    def store(self, source: str, doc: SourceDocument) -> Outcome:
        """Store one document and its children in one transaction.

        If a stage after storage fails (extraction meeting a text it cannot handle), the
        transaction is rolled back and the report is stored again without the stages, with
        a warning: a report is never lost because a later stage failed.
        """
        try:
            return self._attempt(source, doc, self.after_store)
        except _StageFailed as failed:
            outcome = self._attempt(source, doc, [])
            note = (
                f"{failed.stage} failed ({failed.error}); the report is stored without its "
                "claims: run 'vigil reextract' after upgrading"
            )
            outcome.warnings.append(note)
            return outcome

    def _attempt(self, source: str, doc: SourceDocument, stages: list[AfterStore]) -> Outcome:
        try:
            with self.db.transaction() as session:
                outcome = self._store_tree(session, source, doc, None, stages)
        except _StageFailed:
            raise
        except DuplicateReport as dup:
            return Outcome(source, "duplicate", sha256=dup.sha256, title=doc.title)
        except VigilError as exc:
            exc.subject = exc.subject or source
            return Outcome(source, "rejected", error=str(exc))
        except Exception as exc:
            # A defect while storing must not end the batch; the report is not stored (its
            # transaction rolled back) and the user sees which input and what kind of fault.
            log.debug("ingest of %s failed", source, exc_info=True)
            return Outcome(source, "rejected", error=_internal(source, exc))
        log.debug("ingested report %s (%s)", outcome.report_id, outcome.status)
        return outcome

    def _store_tree(
        self,
        session: Session,
        source: str,
        doc: SourceDocument,
        parent: int | None,
        stages: list[AfterStore],
    ) -> Outcome:
        stored: Stored = add_report(session, doc, ingested_by=self.actor, parent_id=parent)
        warnings = list(doc.warnings)
        if not stored.duplicate:
            for stage in stages:
                try:
                    warnings.extend(stage(session, stored.report_id, doc))
                except Exception as exc:
                    log.debug("stage failed on %s", source, exc_info=True)
                    name = getattr(stage, "__name__", type(stage).__name__)
                    raise _StageFailed(name, type(exc).__name__) from exc
        outcome = Outcome(
            source,
            "duplicate" if stored.duplicate else "stored",
            report_id=stored.report_id,
            sha256=stored.sha256,
            title=doc.title,
            reader=doc.reader,
            language=doc.language,
            warnings=warnings,
        )
        for child in doc.children:
            name = f"{source} > {child.filename}"
            outcome.children.append(
                self._store_tree(session, name, child, stored.report_id, stages)
            )
        return outcome


def _internal(source: str, exc: BaseException) -> str:
    return f"{source}: internal error ({type(exc).__name__}) [E900]"


def _filename(item: Input) -> str:
    return item.path.name if item.path is not None else "stdin"
