"""Tables of cases: person mentions, the cases they are grouped into, reviewers' decisions.

A *mention* is a person as one report's claims describe them; a *case* is one person at
risk across reports (someone something was done to: only their mentions open a case).
Which mentions form a case is decided by ``vigil.resolve`` and by reviewers' decisions
(merge, split), which are stored as links between mentions and never deleted (an undo
marks the decision undone).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vigil.store.models import Base, utcnow


class PersonMentionRow(Base):
    __tablename__ = "person_mentions"

    # "pm-<report id>-<hash of the folded name>": the same person in the same report keeps
    # the same id across extraction runs, so reviewers' links stay attached to it.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    role: Mapped[str | None] = mapped_column(String(32))
    birth_date: Mapped[str | None] = mapped_column(String(32))
    birth_place: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(8))
    affiliations: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    relatives: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Something was done to the person in this report (an event, a charge, a sentence):
    # only such a mention opens a case (``vigil.cases.resolution``).
    victim: Mapped[bool] = mapped_column(Boolean, default=False)


class MentionKeyRow(Base):
    """Blocking keys of a mention (``vigil.resolve.names``): only mentions sharing a key are
    ever compared, which keeps resolution near-linear and lets it run incrementally."""

    __tablename__ = "mention_keys"

    mention_id: Mapped[str] = mapped_column(
        ForeignKey("person_mentions.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(128), primary_key=True, index=True)


class CaseRow(Base):
    """One person at risk. Summary columns are derived (``vigil.cases.summary``) and kept
    for fast lists; the dossier itself is always built from claims."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(32), default="at liberty", index=True)
    # Always true: only a person something was done to has a case (officials, lawyers,
    # relatives only named stay persons of their reports). Kept so that databases made
    # before need no table rebuild.
    at_risk: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    latest_event: Mapped[str | None] = mapped_column(String(32), index=True)
    latest_event_date: Mapped[str | None] = mapped_column(String(32), index=True)
    charges: Mapped[list[str]] = mapped_column(JSON, default=list)
    sources: Mapped[list[int]] = mapped_column(JSON, default=list)
    merges: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    proposals: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # When resolution folds this case into another, the id keeps pointing there.
    merged_into: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CaseDossierRow(Base):
    """A case's dossier as ``refresh_cases`` built it (``vigil.cases.stored``), valid while
    ``updated_at`` equals the case's."""

    __tablename__ = "case_dossiers"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class CaseDecisionRow(Base):
    """A reviewer's merge or split: who, when, what. Undone decisions stay, marked."""

    __tablename__ = "case_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    action: Mapped[str] = mapped_column(String(16))  # merge | split
    actor: Mapped[str] = mapped_column(String(128))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    undone_by: Mapped[str | None] = mapped_column(String(128))
    undone_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PersonLinkRow(Base):
    """must (same person) or cannot (different persons) between two mentions."""

    __tablename__ = "person_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("case_decisions.id"), index=True)
    a: Mapped[str] = mapped_column(String(64), index=True)
    b: Mapped[str] = mapped_column(String(64), index=True)
    link: Mapped[str] = mapped_column(String(8))


class CaseFacetRow(Base):
    """What a case can be filtered by, besides its summary columns: every event type in its
    timeline, every article it is charged under, every organisation it is affiliated with."""

    __tablename__ = "case_facets"

    case_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    facet: Mapped[str] = mapped_column(String(16), primary_key=True)  # event|article|organization
    value: Mapped[str] = mapped_column(String(256), primary_key=True)
    date: Mapped[str | None] = mapped_column(String(32))  # earliest date it applies from


class OrgMentionRow(Base):
    """An organisation as one report names it (with the other names that report gives)."""

    __tablename__ = "org_mentions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int | None] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    kind: Mapped[str | None] = mapped_column(String(32))


class OrgKeyRow(Base):
    __tablename__ = "org_keys"

    mention_id: Mapped[str] = mapped_column(
        ForeignKey("org_mentions.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(128), primary_key=True, index=True)


class OrganizationRow(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    kind: Mapped[str | None] = mapped_column(String(32), index=True)
    sources: Mapped[list[int]] = mapped_column(JSON, default=list)
    merges: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    proposals: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    merged_into: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OrgLinkRow(Base):
    """A reviewer's must (same organisation) or cannot link between two org mentions;
    ``decision_id`` is the merge or split in ``case_decisions`` it belongs to."""

    __tablename__ = "org_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("case_decisions.id"), index=True)
    a: Mapped[str] = mapped_column(String(64), index=True)
    b: Mapped[str] = mapped_column(String(64), index=True)
    link: Mapped[str] = mapped_column(String(8))
