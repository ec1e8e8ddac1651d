"""Rebuilding cases for many reports at once (``vigil rebuild-cases``, bulk loads).

``update_report`` folds one report into the cases: it resolves the report's neighbourhood,
which costs a few queries and a resolver run per report (tens of reports a second). After
a bulk import, a restore, or an upgrade of the resolver, ``rebuild_cases`` does the same
work once for all of them: it rebuilds the person mentions of every report from its
claims in large batches, resolves all mentions in one resolver run, and refreshes every
case whose membership changed. The resolver only compares mentions sharing a blocking key,
and ``update_report`` resolves whole neighbourhoods, so both paths group the same mentions
into the same cases (``tests/cases/test_rebuild.py`` checks it on both backends).

Existing case ids are kept as ``update_report`` keeps them (a cluster keeps the case most
of its mentions belonged to); reviewers' merges and splits are obeyed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from vigil.cases.facts import claims_of_reports
from vigil.cases.mentions import Mention
from vigil.cases.mentions import mentions_from_claims as build_mentions
from vigil.cases.resolution import (
    _neighbourhood,
    _row_to_mention,
    active_links,
    blocking_keys,
    refresh_cases,
    store_clusters,
)
from vigil.store import dialect
from vigil.store.cases import (
    CaseDecisionRow,
    MentionKeyRow,
    PersonLinkRow,
    PersonMentionRow,
)
from vigil.store.models import Report

BATCH = 1000


@dataclass(frozen=True, slots=True)
class RebuildResult:
    reports: int
    mentions: int
    cases: int  # cases whose summary was rebuilt


Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    return None


def rebuild_cases(
    session: Session,
    report_ids: Iterable[int] | None = None,
    *,
    progress: Progress = _quiet,
) -> RebuildResult:
    """Rebuild the person mentions of ``report_ids`` (every report when None) from their
    claims and resolve them into cases in one run. The caller's transaction covers it all;
    on PostgreSQL it holds the case-resolution lock, so nothing else changes cases meanwhile.
    The session's pending changes are flushed first; objects it held come out detached.
    """
    session.flush()
    dialect.lock_cases(session.connection())
    everything = report_ids is None
    if report_ids is None:
        ids = list(session.scalars(select(Report.id).order_by(Report.id)))
    else:
        ids = sorted(set(report_ids))
    seeds: list[str] = []
    affected: set[int] = set()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        fresh, previous = _replace_mentions(session, chunk)
        seeds.extend(m.id for m in fresh)
        affected |= {c for c in previous.values() if c is not None}
        progress("mentions", min(start + BATCH, len(ids)), len(ids))
    session.expunge_all()  # the rows this session held are stale; reads below go to the db
    if everything:
        mentions, old_case = _all_mentions(session)
        links: list[PersonLinkRow] = list(
            session.scalars(
                select(PersonLinkRow)
                .join(CaseDecisionRow, CaseDecisionRow.id == PersonLinkRow.decision_id)
                .where(CaseDecisionRow.undone_at.is_(None))
            )
        )
    else:
        rows = _neighbourhood(session, seeds, set(affected))
        mentions = {mid: _row_to_mention(row) for mid, row in rows.items()}
        old_case = {mid: row.case_id for mid, row in rows.items()}
        links = active_links(session, rows)
        session.expunge_all()
    progress("resolve", 0, len(mentions))
    outcome = store_clusters(session, mentions, old_case, links, affected, seeds)
    moved = [
        {"id": mid, "case_id": cid}
        for mid, cid in outcome.case_of.items()
        if old_case.get(mid) != cid
    ]
    for start in range(0, len(moved), 5000):
        session.execute(update(PersonMentionRow), moved[start : start + 5000])
    session.flush()
    done = 0
    for start in range(0, len(outcome.changed), BATCH):
        chunk = outcome.changed[start : start + BATCH]
        refresh_cases(session, chunk)
        session.flush()
        session.expunge_all()  # keep memory flat over tens of thousands of cases
        done += len(chunk)
        progress("cases", done, len(outcome.changed))
    return RebuildResult(len(ids), len(mentions), len(outcome.changed))


def _replace_mentions(
    session: Session, report_ids: list[int]
) -> tuple[list[Mention], dict[str, int | None]]:
    """The mentions of these reports, rebuilt from their claims (keeping each mention's
    case, as ``update_report`` does); returns them and the cases the old ones belonged to."""
    claims = claims_of_reports(session, report_ids)
    previous = {
        mid: cid
        for mid, cid in session.execute(
            select(PersonMentionRow.id, PersonMentionRow.case_id).where(
                PersonMentionRow.report_id.in_(report_ids)
            )
        )
    }
    old_ids = list(previous)
    for start in range(0, len(old_ids), 500):
        part = old_ids[start : start + 500]
        session.execute(delete(MentionKeyRow).where(MentionKeyRow.mention_id.in_(part)))
    session.execute(delete(PersonMentionRow).where(PersonMentionRow.report_id.in_(report_ids)))
    fresh = [m for rid in report_ids for m in build_mentions(rid, claims.get(rid, []))]
    if fresh:
        session.execute(
            insert(PersonMentionRow),
            [
                {
                    "id": m.id,
                    "report_id": m.report_id,
                    "case_id": previous.get(m.id),
                    "name": m.name,
                    "aliases": m.aliases,
                    "role": m.role,
                    "birth_date": m.birth_date,
                    "birth_place": m.birth_place,
                    "country": m.country,
                    "affiliations": m.affiliations,
                    "relatives": m.relatives,
                }
                for m in fresh
            ],
        )
        keys = [{"mention_id": m.id, "key": k} for m in fresh for k in blocking_keys(m)]
        if keys:
            session.execute(insert(MentionKeyRow), keys)
    return fresh, previous


def _all_mentions(session: Session) -> tuple[dict[str, Mention], dict[str, int | None]]:
    t = PersonMentionRow
    mentions: dict[str, Mention] = {}
    old_case: dict[str, int | None] = {}
    rows = session.execute(
        select(
            t.id, t.report_id, t.case_id, t.name, t.aliases, t.role, t.birth_date,
            t.birth_place, t.country, t.affiliations, t.relatives,
        ).order_by(t.report_id, t.id)
    )  # fmt: skip
    for mid, rid, cid, name, aliases, role, bdate, bplace, country, affs, rels in rows:
        mentions[mid] = Mention(
            mid, rid, name, list(aliases or []), role, bdate, bplace, country,
            list(affs or []), list(rels or []),
        )  # fmt: skip
        old_case[mid] = cid
    return mentions, old_case
