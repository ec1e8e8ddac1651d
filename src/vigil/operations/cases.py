"""Reviewers' decisions on who is who: merge, split, undo, for persons and organisations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import Session

from vigil.cases import (
    merge_organizations,
    merge_persons,
    split_organization,
    split_person,
    undo_decision,
)
from vigil.operations.audit import record

Kind = Literal["person", "organization"]
_SUBJECT = {"person": "case", "organization": "organization"}


@dataclass(frozen=True, slots=True)
class Decided:
    kind: Kind
    # The surviving case of a merge, the new case of a split (an organisation's id for
    # organisations); None when the persons split off are of no case (only named, no
    # report says anything was done to them).
    case_id: int | None


def merge(session: Session, a: int, b: int, *, actor: str, kind: Kind = "person") -> Decided:
    """``a`` and ``b`` are one person (organisation). Published cases whose members change
    are held until a reviewer publishes them again (``vigil.store.publications``)."""
    fn = merge_persons if kind == "person" else merge_organizations
    survivor = fn(session, a, b, actor=actor)
    record(session, actor, f"{kind}.merge", f"{_SUBJECT[kind]}:{a}", other=b, into=survivor)
    return Decided(kind, survivor)


def split(
    session: Session, case_id: int, mention_ids: list[str], *, actor: str, kind: Kind = "person"
) -> Decided:
    """Move ``mention_ids`` out of the case into a new one."""
    fn = split_person if kind == "person" else split_organization
    new = fn(session, case_id, mention_ids, actor=actor)
    record(
        session, actor, f"{kind}.split", f"{_SUBJECT[kind]}:{case_id}",
        mentions=list(mention_ids), new=new,
    )  # fmt: skip
    return Decided(kind, new)


def undo(session: Session, decision_id: int, *, actor: str) -> None:
    """Undo a merge or split; the cases it touched are resolved again without it."""
    undo_decision(session, decision_id, actor=actor)
    record(session, actor, "decision.undo", f"decision:{decision_id}")
