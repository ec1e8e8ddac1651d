"""Which cases the public may see: publications, holds and released values.

A publication belongs to the person a reviewer published, not to a case number: it keeps
the mentions the case had when the reviewer published it (``mentions``). When resolution,
a merge or a split changes those members, the publication is *held* (``held_at``): the
public sees nothing of the case until a reviewer publishes it again. A published case that
resolution folds into another moves its publication there, held. A ``releases`` row lets
one withheld value of a case through the redaction policy; like a publication it belongs to
people, not to a number: it keeps the mentions whose evidence states the value when the
reviewer released it, follows them when resolution moves them all to another case, and is
dropped when they part (a split) or leave (``follow_releases``).

These functions change rows only; the operations (``vigil.operations``) take the locks and
write the audit entries, except for holds, which resolution sets off wherever it runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import JSON, DateTime, Integer, String, Text, UniqueConstraint, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from vigil.store.accounts import audit
from vigil.store.cases import CaseRow, PersonMentionRow
from vigil.store.models import Base, utcnow


class Publication(Base):
    __tablename__ = "publications"

    case_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    published_by: Mapped[str] = mapped_column(String(128))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The case's mention ids when the reviewer published it.
    mentions: Mapped[list[str] | None] = mapped_column(JSON)
    # The evidence the public shape showed when the reviewer published it (keys of
    # ``vigil.cases.publishable.evidence_key``); None: published before it was kept.
    evidence: Mapped[list[str] | None] = mapped_column(JSON)
    # Set when the members changed since, or (with review required) facts nobody reviewed
    # came in: not public until a reviewer publishes again.
    held_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    held_reason: Mapped[str | None] = mapped_column(String(256))


class Release(Base):
    """A value the redaction policy would withhold that a reviewer let through for a case."""

    __tablename__ = "releases"
    __table_args__ = (UniqueConstraint("case_id", "value", name="uq_releases_value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(Integer, index=True)
    value: Mapped[str] = mapped_column(Text)
    # The mentions whose evidence stated the value when it was released (all the case's
    # members when none did). Empty: not known (a case without mentions); never moved.
    mentions: Mapped[list[str] | None] = mapped_column(JSON)
    released_by: Mapped[str] = mapped_column(String(128))
    released_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def members(session: Session, case_id: int, reports: Iterable[int] | None = None) -> list[str]:
    """The case's mention ids (those in ``reports`` only, when given)."""
    stmt = select(PersonMentionRow.id).where(PersonMentionRow.case_id == case_id)
    if reports is not None:
        stmt = stmt.where(PersonMentionRow.report_id.in_(sorted(set(reports))))
    return sorted(session.scalars(stmt))


def publication(session: Session, case_id: int) -> Publication | None:
    return session.get(Publication, case_id)


def is_public(session: Session, case_id: int) -> bool:
    """Published and not held (``case_id`` is a live case's id; follow ``merged_into``
    first)."""
    row = session.get(Publication, case_id)
    return row is not None and row.held_at is None


def public_ids(session: Session) -> set[int]:
    """Ids of the live cases the public may see."""
    stmt = (
        select(Publication.case_id)
        .join(CaseRow, CaseRow.id == Publication.case_id)
        .where(Publication.held_at.is_(None), CaseRow.merged_into.is_(None))
    )
    return set(session.scalars(stmt))


def held(session: Session) -> list[Publication]:
    stmt = select(Publication).where(Publication.held_at.is_not(None))
    return list(session.scalars(stmt.order_by(Publication.held_at.desc())))


def publish(
    session: Session, case_id: int, *, actor: str, evidence: Iterable[str] | None = None
) -> bool:
    """Make the case public with its present members and the ``evidence`` its public shape
    shows (``vigil.cases.publishable.evidence_keys``). False when it already was, with
    exactly these (a second click changes nothing)."""
    now = members(session, case_id)
    shown = sorted(set(evidence)) if evidence is not None else None
    row = session.get(Publication, case_id)
    if (
        row is not None
        and row.held_at is None
        and sorted(row.mentions or ()) == now
        and (shown is None or row.evidence == shown)
    ):
        return False
    if row is None:
        row = Publication(case_id=case_id)
        session.add(row)
    row.published_by, row.published_at, row.mentions = actor, utcnow(), now
    if shown is not None:
        row.evidence = shown
    row.held_at, row.held_reason = None, None
    session.flush()
    return True


def unpublish(session: Session, case_id: int) -> bool:
    row = session.get(Publication, case_id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def follow_membership(
    session: Session, case_of: Mapping[str, int], cases: Iterable[int]
) -> list[tuple[int, str]]:
    """After resolution put each mention of a neighbourhood (every mention of ``cases``,
    the cases it involved) in ``case_of``: hold every publication whose members changed,
    and move the publication of a case that lost all its people to the case most of them
    went to. Returns the (case id, reason) of each new hold."""
    ids = sorted(set(cases))
    rows: list[Publication] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows += session.scalars(select(Publication).where(Publication.case_id.in_(chunk)))
    holds: list[tuple[int, str]] = []
    for row in rows:
        now = sorted(m for m, c in case_of.items() if c == row.case_id)
        if now == sorted(row.mentions or ()):
            continue
        reason, target = "its members changed", row.case_id
        if not now:
            heirs = Counter(case_of[m] for m in row.mentions or () if m in case_of)
            heir = heirs.most_common(1)[0][0] if heirs else None
            if heir is not None and session.get(Publication, heir) is None:
                session.delete(row)
                session.flush()
                moved = Publication(
                    case_id=heir,
                    published_by=row.published_by,
                    published_at=row.published_at,
                    mentions=row.mentions,
                    evidence=row.evidence,
                )
                session.add(moved)
                reason = f"case {target} was folded into case {heir}"
                row, target = moved, heir
        if row.held_at is None:
            row.held_at, row.held_reason = utcnow(), reason[:256]
            holds.append((target, reason))
            # Not a person's decision: the resolution that a merge, split or new report
            # set off. The operation that set it off has its own entry just before.
            audit(session, "resolution", "case.hold", f"case:{target}", reason=reason[:256])
    session.flush()
    follow_releases(session, case_of, ids)
    return holds


def watched(session: Session, case_ids: Iterable[int]) -> set[int]:
    """The cases among ``case_ids`` published and not held: those whose content changes
    ``follow_content`` looks at."""
    ids = sorted(set(case_ids))
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.update(
            session.scalars(
                select(Publication.case_id).where(
                    Publication.case_id.in_(chunk), Publication.held_at.is_(None)
                )
            )
        )
    return found


def follow_content(session: Session, unreviewed: Mapping[int, set[str]]) -> list[int]:
    """After cases' dossiers were rebuilt (a report extracted again, a changed model): hold
    every published case whose public shape now shows evidence nobody reviewed that was not
    there when it was published (``unreviewed``: case id -> keys of its unreviewed
    evidence). Called when publishing requires review; returns the cases held."""
    held: list[int] = []
    for case_id, keys in sorted(unreviewed.items()):
        row = session.get(Publication, case_id)
        if row is None or row.held_at is not None or not keys:
            continue
        new = keys - set(row.evidence or ())
        if not new:
            continue
        reason = f"evidence nobody reviewed was extracted since it was published ({len(new)})"
        row.held_at, row.held_reason = utcnow(), reason
        held.append(case_id)
        # Not a person's decision: the extraction run that brought them.
        audit(session, "extraction", "case.hold", f"case:{case_id}", reason=reason)
    session.flush()
    return held


def follow_releases(session: Session, case_of: Mapping[str, int], cases: Iterable[int]) -> None:
    """After resolution (``case_of`` as for ``follow_membership``): each release of
    ``cases`` goes to the case that now holds all the mentions it was made for, and is
    dropped when they are in several cases or gone: a split must not hand a value released
    for one person to whoever keeps the case number."""
    ids = sorted(set(cases))
    rows: list[Release] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows += session.scalars(select(Release).where(Release.case_id.in_(chunk)))
    homes: dict[int, int] = {}
    dropped: list[Release] = []
    for row in rows:
        if not row.mentions:
            continue
        found = {case_of.get(m) for m in row.mentions}
        home = found.pop() if len(found) == 1 else None
        if home is None:
            dropped.append(row)
        elif home != row.case_id:
            homes[row.id] = home
    for row in dropped:
        reason = "the evidence it was released for left the case"
        session.delete(row)
        # The value stays out of the log, as when it was released.
        audit(session, "resolution", "case.unrelease", f"case:{row.case_id}", reason=reason)
    if not homes:
        session.flush()
        return
    # Moving: a release of the same value already at the new case takes the mentions.
    moving = [r for r in rows if r.id in homes]
    there = {
        (r.case_id, r.value): r
        for r in session.scalars(
            select(Release).where(Release.case_id.in_(sorted(set(homes.values()))))
        )
        if r.id not in homes
    }
    for row in moving:
        key = (homes[row.id], row.value)
        kept = there.get(key)
        if kept is None:
            there[key] = row
            continue
        kept.mentions = sorted(set(kept.mentions or ()) | set(row.mentions or ()))
        session.delete(row)
    session.flush()  # the rows given up are gone before the others take their place
    for row in moving:
        if there.get((homes[row.id], row.value)) is row:
            row.case_id = homes[row.id]
    session.flush()


def release_value(
    session: Session, case_id: int, value: str, *, actor: str, mentions: Iterable[str] = ()
) -> bool:
    """Release ``value`` on the case for the evidence of ``mentions`` (see ``Release``)."""
    exists = session.scalar(
        select(Release.id).where(Release.case_id == case_id, Release.value == value)
    )
    if exists is not None:
        return False
    made_for = sorted(set(mentions))
    session.add(Release(case_id=case_id, value=value, released_by=actor, mentions=made_for))
    session.flush()
    return True


def withhold_value(session: Session, case_id: int, value: str) -> bool:
    done = session.execute(
        delete(Release).where(Release.case_id == case_id, Release.value == value)
    )
    return bool(getattr(done, "rowcount", 0))


def released_values(session: Session, case_id: int) -> set[str]:
    return set(session.scalars(select(Release.value).where(Release.case_id == case_id)))


def released_values_of(session: Session, case_ids: Iterable[int]) -> dict[int, set[str]]:
    """Released values of many cases in one query per 500 (lists of public cases)."""
    ids = list(case_ids)
    found: dict[int, set[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for cid, value in session.execute(
            select(Release.case_id, Release.value).where(Release.case_id.in_(chunk))
        ):
            found.setdefault(int(cid), set()).add(value)
    return found
