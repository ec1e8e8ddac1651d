"""Where the web application gets cases from: ``vigil.cases``, looked up at call time.

Reads only: the case functions (``list_cases``, ``get_dossier``, ...) are written in
``vigil.cases``; a function that is not there yet reads as "no cases" instead of failing,
so the other pages work meanwhile. Tests hand ``create_app`` their own source. Changes
(merges, splits, reviews, publishing) go through ``vigil.operations``, as the CLI's do.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.cases.model import CaseSummary, Dossier
from vigil.errors import NotFound


class CaseSource(Protocol):
    def list_cases(self, session: Session, **filters: Any) -> list[CaseSummary]: ...
    def get_dossier(self, session: Session, case_id: int) -> Dossier: ...
    def locate(self, session: Session, case_id: int) -> int: ...
    def mentions(self, session: Session, case_id: int) -> list[dict[str, Any]]: ...
    def cases_of_reports(self, session: Session, report_ids: list[int]) -> list[int]: ...
    def organizations(self, session: Session) -> list[dict[str, Any]]: ...
    def charges_by_article(self, session: Session) -> list[dict[str, Any]]: ...


def as_row(obj: Any) -> dict[str, Any]:
    """A plain dict of whatever the case functions return (dataclass, named tuple, dict)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    if hasattr(obj, "_asdict"):
        return dict(obj._asdict())
    if isinstance(obj, dict):
        return dict(obj)
    return {"value": obj}


class LiveCases:
    """``vigil.cases`` as it is now."""

    def _fn(self, name: str) -> Callable[..., Any] | None:
        module = importlib.import_module("vigil.cases")
        fn = getattr(module, name, None)
        return fn if callable(fn) else None

    def list_cases(self, session: Session, **filters: Any) -> list[CaseSummary]:
        fn = self._fn("list_cases")
        if fn is None:
            return []
        return list(fn(session, **{k: v for k, v in filters.items() if v not in (None, "")}))

    def get_dossier(self, session: Session, case_id: int) -> Dossier:
        fn = self._fn("get_dossier")
        if fn is None:
            raise NotFound("no such case", subject=str(case_id))
        dossier: Dossier = fn(session, case_id)
        return dossier

    def locate(self, session: Session, case_id: int) -> int:
        """Where the case lives now: a case merged into another answers with the other's
        id (old ids keep working); NotFound for an id that never was."""
        from vigil.cases.dossier import resolve_case_id

        return resolve_case_id(session, case_id).id

    def mentions(self, session: Session, case_id: int) -> list[dict[str, Any]]:
        """The persons as each report names them that make up the case (for splits)."""
        try:
            from vigil.store.cases import PersonMentionRow
        except ImportError:
            return []
        rows = session.scalars(
            select(PersonMentionRow)
            .where(PersonMentionRow.case_id == case_id)
            .order_by(PersonMentionRow.report_id)
        )
        return [{"id": r.id, "report_id": r.report_id, "name": r.name} for r in rows]

    def cases_of_reports(self, session: Session, report_ids: list[int]) -> list[int]:
        """The cases whose persons the reports name, in the order of the reports."""
        try:
            from vigil.store.cases import PersonMentionRow
        except ImportError:
            return []
        if not report_ids:
            return []
        rows = session.execute(
            select(PersonMentionRow.report_id, PersonMentionRow.case_id).where(
                PersonMentionRow.report_id.in_(report_ids)
            )
        ).all()
        rank = {rid: i for i, rid in enumerate(report_ids)}
        found: list[int] = []
        for _, case_id in sorted(rows, key=lambda r: rank.get(r[0], 0)):
            if case_id is not None and case_id not in found:
                found.append(int(case_id))
        return found

    def organizations(self, session: Session) -> list[dict[str, Any]]:
        fn = self._fn("list_organizations") or self._fn("organizations")
        if fn is None:
            return []
        rows = [as_row(r) for r in fn(session, limit=1000)]
        return [
            {
                "name": r.get("name"),
                "also": ", ".join(r.get("aliases") or ()),
                "kind": r.get("kind"),
                "reports": len(r.get("sources") or ()),
            }
            for r in rows
        ]

    def charges_by_article(self, session: Session) -> list[dict[str, Any]]:
        fn = self._fn("charges_by_article")
        return [as_row(r) for r in fn(session)] if fn else []
