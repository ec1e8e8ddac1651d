"""Reviewers' decisions on cases: merge two, split one, undo either. All attributed, kept."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.cases.dossier import resolve_case_id
from vigil.cases.resolution import active_links, resolve_around
from vigil.errors import NotFound, VigilError
from vigil.store import dialect
from vigil.store.cases import CaseDecisionRow, PersonLinkRow, PersonMentionRow
from vigil.store.models import utcnow


class DecisionError(VigilError):
    code = "E600"


def _mentions(session: Session, case_id: int) -> list[str]:
    return list(
        session.scalars(
            select(PersonMentionRow.id)
            .where(PersonMentionRow.case_id == case_id)
            .order_by(PersonMentionRow.id)
        )
    )


def _lock(session: Session) -> None:
    """Take the case-resolution lock before reading anything a decision depends on, and
    forget what this session read before (another reviewer may just have changed it)."""
    dialect.lock_cases(session.connection())
    session.expire_all()


def merge_persons(session: Session, a: int, b: int, *, actor: str) -> int:
    """A reviewer says cases ``a`` and ``b`` are one person. Returns the surviving case id."""
    _lock(session)
    case_a, case_b = resolve_case_id(session, a), resolve_case_id(session, b)
    if case_a.id == case_b.id:
        raise DecisionError("these are already one case", subject=f"{a} {b}")
    ma, mb = _mentions(session, case_a.id), _mentions(session, case_b.id)
    if not ma or not mb:
        raise DecisionError("a case without mentions cannot be merged", subject=f"{a} {b}")
    decision = CaseDecisionRow(
        action="merge", actor=actor, detail={"cases": [case_a.id, case_b.id]}
    )
    session.add(decision)
    session.flush()
    # Earlier splits between these two sets are overruled by this decision.
    overruled = {
        link.decision_id
        for link in active_links(session, ma + mb)
        if link.link == "cannot" and ({link.a, link.b} & set(ma)) and ({link.a, link.b} & set(mb))
    }
    for decision_id in overruled:
        _undo(session, decision_id, actor)
    session.add(PersonLinkRow(decision_id=decision.id, a=ma[0], b=mb[0], link="must"))
    session.flush()
    resolve_around(session, ma + mb, {case_a.id, case_b.id})
    return resolve_case_id(session, case_a.id).id


def split_person(session: Session, case_id: int, mention_ids: list[str], *, actor: str) -> int:
    """Take ``mention_ids`` out of the case into a new one; they will never be merged with
    the rest again unless a reviewer merges them. Returns the new case's id."""
    _lock(session)
    case = resolve_case_id(session, case_id)
    members = _mentions(session, case.id)
    leaving = [m for m in mention_ids if m in members]
    staying = [m for m in members if m not in leaving]
    unknown = sorted(set(mention_ids) - set(members))
    if unknown:
        raise DecisionError(f"not mentions of case {case.id}: {', '.join(unknown)}")
    if not leaving or not staying:
        raise DecisionError("a split needs some mentions to leave and some to stay")
    decision = CaseDecisionRow(
        action="split", actor=actor, detail={"case": case.id, "mentions": leaving}
    )
    session.add(decision)
    session.flush()
    for link in active_links(session, leaving):
        if link.link == "must" and ({link.a, link.b} & set(staying)):
            _undo(session, link.decision_id, actor)
    for x in leaving:
        for y in staying:
            session.add(PersonLinkRow(decision_id=decision.id, a=x, b=y, link="cannot"))
    # The leaving mentions no longer vote for the case they leave: the staying ones keep it
    # (a one-to-one split used to hand the old id to whichever side the cluster hash chose).
    for row in session.scalars(select(PersonMentionRow).where(PersonMentionRow.id.in_(leaving))):
        row.case_id = None
    session.flush()
    resolve_around(session, members, {case.id})
    new_case = session.scalar(
        select(PersonMentionRow.case_id).where(PersonMentionRow.id == leaving[0])
    )
    assert new_case is not None
    return int(new_case)


def _undo(session: Session, decision_id: int, actor: str) -> CaseDecisionRow:
    decision = session.get(CaseDecisionRow, decision_id)
    if decision is None:
        raise NotFound("no such decision", subject=str(decision_id))
    if decision.undone_at is None:
        decision.undone_at, decision.undone_by = utcnow(), actor
    return decision


def undo_decision(session: Session, decision_id: int, *, actor: str) -> None:
    """Undo a merge or split: its links no longer bind; the cases are resolved again."""
    _lock(session)
    decision = _undo(session, decision_id, actor)
    if decision.action.endswith("-org"):
        from vigil.cases.organizations import resolve_org_decision

        resolve_org_decision(session, decision.id)
        return
    mentions = list(
        {
            x
            for link in session.scalars(
                select(PersonLinkRow).where(PersonLinkRow.decision_id == decision.id)
            )
            for x in (link.a, link.b)
        }
    )
    cases = set(
        session.scalars(select(PersonMentionRow.case_id).where(PersonMentionRow.id.in_(mentions)))
    )
    session.flush()
    resolve_around(session, mentions, {c for c in cases if c is not None})


def list_decisions(session: Session, *, limit: int = 100) -> list[CaseDecisionRow]:
    stmt = select(CaseDecisionRow).order_by(CaseDecisionRow.id.desc()).limit(limit)
    return list(session.scalars(stmt))
