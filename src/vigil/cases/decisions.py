"""Reviewers' decisions on who is who: merge two, split one, undo either, the same for every
kind of entity (``vigil.cases.engine``). All attributed, kept.

A decision is links between mentions (must / cannot) that the clustering obeys; links are
never deleted, an undo marks its decision undone. A merge undoes the splits it
contradicts and a split the merges it contradicts, so that undoing one decision never
brings back another that a reviewer overruled.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.cases import engine
from vigil.cases.organizations import ORGANIZATIONS
from vigil.cases.resolution import PERSONS
from vigil.errors import NotFound, VigilError
from vigil.store.cases import CaseDecisionRow
from vigil.store.models import utcnow

KINDS = (PERSONS, ORGANIZATIONS)


class DecisionError(VigilError):
    code = "E600"


__all__ = [
    "KINDS",
    "DecisionError",
    "list_decisions",
    "merge_organizations",
    "merge_persons",
    "split_organization",
    "split_person",
    "undo_decision",
]


def merge_persons(session: Session, a: int, b: int, *, actor: str) -> int:
    """A reviewer says cases ``a`` and ``b`` are one person. Returns the surviving case id."""
    return merge(session, PERSONS, a, b, actor=actor)


def split_person(
    session: Session, case_id: int, mention_ids: list[str], *, actor: str
) -> int | None:
    """Take ``mention_ids`` out of the case into a new one; they will never be merged with
    the rest again unless a reviewer merges them. Returns the new case's id, None when
    none of them is a victim (no case: a person only named)."""
    return split(session, PERSONS, case_id, mention_ids, actor=actor)


def merge_organizations(session: Session, a: int, b: int, *, actor: str) -> int:
    """A reviewer says two organisations are one. Returns the surviving id."""
    return merge(session, ORGANIZATIONS, a, b, actor=actor)


def split_organization(session: Session, org_id: int, mention_ids: list[str], *, actor: str) -> int:
    """Move mentions out of an organisation; they are never merged back automatically."""
    new = split(session, ORGANIZATIONS, org_id, mention_ids, actor=actor)
    assert new is not None  # every organisation mention opens one
    return new


def undo_decision(session: Session, decision_id: int, *, actor: str) -> None:
    """Undo a merge or split: its links no longer bind; what it touched is resolved again."""
    engine.lock(session)
    decision = _undo(session, decision_id, actor)
    kind = next(k for k in KINDS if decision.action in k.actions)
    stmt = select(kind.links.a, kind.links.b).where(kind.links.decision_id == decision.id)
    mentions = sorted({x for pair in session.execute(stmt) for x in pair})
    groups = set(session.scalars(select(kind.group_of()).where(kind.mentions.id.in_(mentions))))
    session.flush()
    engine.resolve_around(session, kind, mentions, {g for g in groups if g is not None})


def list_decisions(session: Session, *, limit: int = 100) -> list[CaseDecisionRow]:
    stmt = select(CaseDecisionRow).order_by(CaseDecisionRow.id.desc()).limit(limit)
    return list(session.scalars(stmt))


def merge(session: Session, kind: engine.Kind, a: int, b: int, *, actor: str) -> int:
    """A reviewer says ``a`` and ``b`` are one. Returns the surviving entity's id."""
    engine.lock(session)
    one, other = (engine.locate(session, kind.entities, x, kind.noun) for x in (a, b))
    if one.id == other.id:
        raise DecisionError(f"these are already one {kind.noun}", subject=f"{a} {b}")
    ma, mb = engine.members(session, kind, one.id), engine.members(session, kind, other.id)
    if not ma or not mb:
        raise DecisionError(f"a {kind.noun} without mentions cannot be merged", subject=f"{a} {b}")
    decision = _decide(session, kind.actions[0], actor, {kind.plural: [one.id, other.id]})
    # Earlier splits between these two sets are overruled by this decision.
    for link in engine.active_links(session, kind, ma + mb):
        ends = {link.a, link.b}
        if link.link == "cannot" and ends & set(ma) and ends & set(mb):
            _undo(session, link.decision_id, actor)
    session.add(kind.links(decision_id=decision.id, a=ma[0], b=mb[0], link="must"))
    session.flush()
    engine.resolve_around(session, kind, ma + mb, {one.id, other.id})
    return engine.locate(session, kind.entities, one.id, kind.noun).id


def split(
    session: Session, kind: engine.Kind, entity_id: int, mention_ids: list[str], *, actor: str
) -> int | None:
    """Take ``mention_ids`` out of the entity into a new one; they are never joined with
    the rest again unless a reviewer merges them. Returns the new entity's id (None when
    the mentions taken out open none: a person a report only names has no case)."""
    engine.lock(session)
    entity = engine.locate(session, kind.entities, entity_id, kind.noun)
    everyone = engine.members(session, kind, entity.id)
    unknown = sorted(set(mention_ids) - set(everyone))
    if unknown:
        raise DecisionError(f"not mentions of {kind.noun} {entity.id}: {', '.join(unknown)}")
    leaving = [m for m in mention_ids if m in everyone]
    staying = [m for m in everyone if m not in leaving]
    if not leaving or not staying:
        raise DecisionError("a split needs some mentions to leave and some to stay")
    decision = _decide(session, kind.actions[1], actor, {kind.noun: entity.id, "mentions": leaving})
    # Earlier merges joining the two sides are overruled by this decision.
    for link in engine.active_links(session, kind, leaving):
        if link.link == "must" and {link.a, link.b} & set(staying):
            _undo(session, link.decision_id, actor)
    session.add_all(
        kind.links(decision_id=decision.id, a=x, b=y, link="cannot")
        for x in leaving
        for y in staying
    )
    # The leaving mentions no longer vote for the entity they leave: the staying ones keep
    # its id (a one-to-one split used to hand it to whichever side the cluster hash chose).
    for row in session.scalars(select(kind.mentions).where(kind.mentions.id.in_(leaving))):
        setattr(row, kind.group, None)
    session.flush()
    engine.resolve_around(session, kind, everyone, {entity.id})
    new = session.scalar(select(kind.group_of()).where(kind.mentions.id == leaving[0]))
    return None if new is None else int(new)


def _decide(session: Session, action: str, actor: str, detail: dict[str, Any]) -> CaseDecisionRow:
    decision = CaseDecisionRow(action=action, actor=actor, detail=detail)
    session.add(decision)
    session.flush()
    return decision


def _undo(session: Session, decision_id: int, actor: str) -> CaseDecisionRow:
    decision = session.get(CaseDecisionRow, decision_id)
    if decision is None:
        raise NotFound("no such decision", subject=str(decision_id))
    if decision.undone_at is None:
        decision.undone_at, decision.undone_by = utcnow(), actor
    return decision
