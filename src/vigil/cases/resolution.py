"""Grouping person mentions into cases, incrementally.

When a report's mentions change, only the neighbourhood is resolved again: the mentions
that share a blocking key with the changed ones, and every mention of the cases those
belong to (a case is always resolved whole). The resolver (``vigil.resolve``) only ever
compares mentions that share a key, so on that neighbourhood it decides what a full run
would, in time that does not grow with the database.

Our decisions, written down:
* A cluster keeps the id of the existing case most of its mentions belonged to, so case
  ids (and URLs) survive new reports; a case left without mentions points to the case that
  took them (``merged_into``) and disappears from lists.
* Reviewers' merges and splits are links between mentions (must / cannot) that the
  resolver obeys; they are never deleted, an undo marks its decision undone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from vigil.cases.facts import claims_of_reports
from vigil.cases.mentions import Mention, mentions_from_claims
from vigil.resolve.cluster import resolve
from vigil.resolve.names import parse_name
from vigil.store import dialect
from vigil.store.cases import (
    CaseDecisionRow,
    CaseRow,
    MentionKeyRow,
    PersonLinkRow,
    PersonMentionRow,
)
from vigil.store.models import utcnow
from vigil.store.publications import follow_membership


def blocking_keys(mention: Mention) -> set[str]:
    keys: set[str] = set()
    for name in (mention.name, *mention.aliases):
        keys.update(parse_name(name).key.keys)
    return {k[:128] for k in keys}


def _row_to_mention(row: PersonMentionRow) -> Mention:
    return Mention(
        id=row.id,
        report_id=row.report_id,
        name=row.name,
        aliases=list(row.aliases),
        role=row.role,
        birth_date=row.birth_date,
        birth_place=row.birth_place,
        country=row.country,
        affiliations=list(row.affiliations),
        relatives=list(row.relatives),
    )


@dataclass(frozen=True, slots=True)
class ResolutionResult:
    touched_cases: frozenset[int]
    mentions: int


def update_report(session: Session, report_id: int) -> ResolutionResult:
    """Rebuild the mentions of one report from its claims and resolve around them."""
    dialect.lock_cases(session.connection())
    claims = claims_of_reports(session, [report_id]).get(report_id, [])
    fresh = mentions_from_claims(report_id, claims)
    old = session.scalars(
        select(PersonMentionRow).where(PersonMentionRow.report_id == report_id)
    ).all()
    previous_case = {row.id: row.case_id for row in old}
    affected = {row.case_id for row in old if row.case_id is not None}
    session.execute(delete(PersonMentionRow).where(PersonMentionRow.report_id == report_id))
    session.flush()
    for m in fresh:
        session.add(
            PersonMentionRow(
                id=m.id,
                report_id=report_id,
                case_id=previous_case.get(m.id),
                name=m.name,
                aliases=m.aliases,
                role=m.role,
                birth_date=m.birth_date,
                birth_place=m.birth_place,
                country=m.country,
                affiliations=m.affiliations,
                relatives=m.relatives,
            )
        )
    session.flush()  # the mentions exist before their keys refer to them
    for m in fresh:
        for key in blocking_keys(m):
            session.add(MentionKeyRow(mention_id=m.id, key=key))
    session.flush()
    return resolve_around(session, [m.id for m in fresh], affected)


def active_links(session: Session, mention_ids: Iterable[str]) -> list[PersonLinkRow]:
    ids = list(set(mention_ids))
    links: list[PersonLinkRow] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        links.extend(
            session.scalars(
                select(PersonLinkRow)
                .join(CaseDecisionRow, CaseDecisionRow.id == PersonLinkRow.decision_id)
                .where(CaseDecisionRow.undone_at.is_(None))
                .where(PersonLinkRow.a.in_(chunk) | PersonLinkRow.b.in_(chunk))
            ).all()
        )
    return links


def _neighbourhood(
    session: Session, seeds: list[str], cases: set[int]
) -> dict[str, PersonMentionRow]:
    rows: dict[str, PersonMentionRow] = {}
    keys = list(
        session.scalars(
            select(MentionKeyRow.key).where(MentionKeyRow.mention_id.in_(seeds)).distinct()
        )
    )
    ids: set[str] = set(seeds)
    for start in range(0, len(keys), 500):
        ids.update(
            session.scalars(
                select(MentionKeyRow.mention_id).where(
                    MentionKeyRow.key.in_(keys[start : start + 500])
                )
            )
        )
    id_list = list(ids)
    for start in range(0, len(id_list), 500):
        for row in session.scalars(
            select(PersonMentionRow).where(PersonMentionRow.id.in_(id_list[start : start + 500]))
        ):
            rows[row.id] = row
    cases |= {r.case_id for r in rows.values() if r.case_id is not None}
    # Mentions linked by a reviewer belong to the neighbourhood too (a merge across blocks).
    linked = {x for link in active_links(session, rows) for x in (link.a, link.b)} - set(rows)
    for mid in linked:
        extra = session.get(PersonMentionRow, mid)
        if extra is not None:
            rows[mid] = extra
            if extra.case_id is not None:
                cases.add(extra.case_id)
    case_list = list(cases)
    for start in range(0, len(case_list), 500):
        for row in session.scalars(
            select(PersonMentionRow).where(
                PersonMentionRow.case_id.in_(case_list[start : start + 500])
            )
        ):
            rows[row.id] = row
    return rows


def resolve_around(session: Session, seeds: list[str], cases: set[int]) -> ResolutionResult:
    """Resolve the neighbourhood of ``seeds`` (and all of ``cases``) and store the result."""
    rows = _neighbourhood(session, seeds, set(cases))
    mentions = {mid: _row_to_mention(row) for mid, row in rows.items()}
    old_case = {mid: row.case_id for mid, row in rows.items()}
    outcome = store_clusters(session, mentions, old_case, active_links(session, rows), cases, seeds)
    for mid, row in rows.items():
        row.case_id = outcome.case_of[mid]
    session.flush()
    refresh_cases(session, outcome.changed)
    return outcome.result


@dataclass(frozen=True, slots=True)
class Outcome:
    case_of: dict[str, int]  # mention id -> its case now
    changed: list[int]  # cases whose summary must be rebuilt
    result: ResolutionResult


def store_clusters(
    session: Session,
    mentions: dict[str, Mention],
    old_case: dict[str, int | None],
    links: Iterable[PersonLinkRow],
    cases: Iterable[int],
    seeds: Iterable[str],
) -> Outcome:
    """Resolve ``mentions`` (a whole neighbourhood: every mention of every case involved)
    and store the cases they form; the caller stores each mention's new case
    (``Outcome.case_of``) and then refreshes the ``Outcome.changed`` cases."""
    before = {c for c in old_case.values() if c is not None} | set(cases)
    links = list(links)
    must = {frozenset((lk.a, lk.b)) for lk in links if lk.link == "must"}
    cannot = {frozenset((lk.a, lk.b)) for lk in links if lk.link == "cannot"}
    clusters = resolve(
        [m.for_resolver() for m in mentions.values()], cannot_link=cannot, must_link=must
    )
    loaded = {c.id: c for c in _load_cases(session, before)}
    taken: set[int] = set()
    cluster_case: dict[str, int] = {}
    created: list[tuple[str, CaseRow]] = []
    # Largest clusters choose first, so an existing case keeps its bulk.
    for cluster in sorted(clusters, key=lambda c: (-len(c.mention_ids), c.id)):
        votes = Counter(old_case[m] for m in cluster.mention_ids if old_case[m] is not None)
        choice = next((cid for cid, _ in votes.most_common() if cid not in taken), None)
        if choice is None:
            new = CaseRow(name=cluster.name, aliases=[], charges=[], sources=[])
            created.append((cluster.id, new))
            continue
        taken.add(choice)
        cluster_case[cluster.id] = choice
    if created:
        session.add_all(row for _, row in created)
        session.flush()  # one round of inserts, in the order the clusters chose
        for cluster_id, row in created:
            loaded[row.id] = row
            taken.add(row.id)
            cluster_case[cluster_id] = row.id
    case_of: dict[str, int] = {}
    for cluster in clusters:
        for m in cluster.mention_ids:
            case_of[m] = cluster_case[cluster.id]
    for cluster in clusters:
        case = loaded.get(cluster_case[cluster.id])
        if case is None:
            continue
        case.merged_into = None
        case.merges = [
            {
                "a": m.a,
                "b": m.b,
                "score": round(m.score, 3),
                "reasons": list(m.reasons),
                "by": m.source,
            }
            for m in cluster.merges
        ]
        # A new list (not an in-place edit), so that the JSON column sees the change.
        case.proposals = [
            {
                "mention": p.a,
                "other_mention": p.b,
                "score": round(p.score, 3),
                "reasons": list(p.reasons),
                "other_case": case_of.get(p.b),
            }
            for p in cluster.proposals
        ]
    emptied = before - taken
    for cid in emptied:
        gone = loaded.get(cid)
        if gone is None:
            continue
        heirs = Counter(case_of[m] for m, was in old_case.items() if was == cid)
        if heirs:
            # Folded into another case: keep the id, pointing there (links stay valid).
            gone.merged_into = heirs.most_common(1)[0][0]
            gone.sources, gone.updated_at = [], utcnow()
        else:
            session.delete(gone)  # its only report is gone
    session.flush()
    # A published case whose people changed is held until a reviewer publishes it again.
    follow_membership(session, case_of, before)
    # Only cases whose membership changed, or that hold the changed mentions, need their
    # summary rebuilt; the rest of the neighbourhood was only looked at.
    changed = {case_of[m] for m in seeds if m in case_of}
    changed |= {case_of[m] for m, was in old_case.items() if was != case_of[m]}
    changed |= {was for m, was in old_case.items() if was is not None and was != case_of[m]}
    return Outcome(
        case_of,
        sorted(c for c in changed if c in taken),
        ResolutionResult(frozenset(taken | emptied), len(mentions)),
    )


def _load_cases(session: Session, ids: Iterable[int]) -> list[CaseRow]:
    """Bring the cases into the session in a few queries; while the caller holds the list,
    ``session.get`` finds them without a query."""
    id_list = sorted(ids)
    rows: list[CaseRow] = []
    for start in range(0, len(id_list), 500):
        chunk = id_list[start : start + 500]
        rows.extend(session.scalars(select(CaseRow).where(CaseRow.id.in_(chunk))))
    return rows


def refresh_cases(session: Session, case_ids: Iterable[int]) -> None:
    from vigil.cases.summary import refresh_cases as refresh

    refresh(session, case_ids)
