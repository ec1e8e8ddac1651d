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

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.cases import engine
from vigil.cases.facts import claims_of_reports
from vigil.cases.resolution import PERSONS
from vigil.store import dialect
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
    kind: engine.Kind = PERSONS,
) -> RebuildResult:
    """Rebuild the mentions of ``report_ids`` (every report when None) from their claims
    and resolve them in one run (persons into cases unless ``kind`` says otherwise). The
    caller's transaction covers it all; on PostgreSQL it holds the resolution lock, so
    nothing else changes cases meanwhile. The session's pending changes are flushed first;
    objects it held come out detached.
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
        claims = claims_of_reports(session, chunk)
        fresh, previous = engine.replace_mentions(
            session, kind, {rid: claims.get(rid, []) for rid in chunk}
        )
        seeds.extend(m["id"] for m in fresh)
        affected |= {c for c in previous.values() if c is not None}
        progress("mentions", min(start + BATCH, len(ids)), len(ids))
    session.expunge_all()  # the rows this session held are stale; reads below go to the db
    if everything:
        mentions = engine.all_mentions(session, kind)
        links = engine.all_links(session, kind)
    else:
        mentions = engine.neighbourhood(session, kind, seeds, set(affected))
        links = engine.active_links(session, kind, mentions)
    session.expunge_all()
    progress("resolve", 0, len(mentions))
    outcome = engine.settle(session, kind, mentions, links, affected, seeds)
    engine.move(session, kind, mentions, outcome.case_of)
    done = 0
    for start in range(0, len(outcome.changed), BATCH):
        chunk = outcome.changed[start : start + BATCH]
        kind.refresh(session, chunk)
        session.flush()
        session.expunge_all()  # keep memory flat over tens of thousands of cases
        done += len(chunk)
        progress("cases", done, len(outcome.changed))
    return RebuildResult(len(ids), len(mentions), len(outcome.changed))
