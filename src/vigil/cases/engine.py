"""One engine for every kind of entity Vigil resolves across reports: persons (cases) and
organisations. A kind (``Kind``) is data: its tables, how a report's claims become
mentions, the keys a mention is filed under, how mentions are clustered, and what an
entity keeps from its mentions. Mentions, keys, links and decisions work the same for all.

Resolution is incremental: when a report's mentions change, only the neighbourhood is
resolved again: the mentions that share a key with the changed ones, every mention of the
entities those belong to (an entity is always resolved whole) and the mentions a reviewer
linked to them. The clustering only ever compares mentions sharing a key, so on that
neighbourhood it decides what a full run would, in time that does not grow with the
database.

Our decisions, written down:
* A cluster keeps the id of the existing entity most of its mentions belonged to, so ids
  (and URLs) survive new reports; an entity left without mentions points to the one that
  took them (``merged_into``) and disappears from lists, or is deleted when none did.
* A kind may say which mentions open an entity (``Kind.opens``): a cluster with none of
  them has no entity (its mentions' group is empty); it gets one once a mention that opens
  joins it. Persons: only a victim opens a case.
* Reviewers' merges and splits (``vigil.cases.decisions``) are links between mentions
  (must / cannot) that the clustering obeys.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from vigil.cases.facts import StoredClaim
from vigil.errors import NotFound
from vigil.resolve.cluster import Cluster
from vigil.store import dialect
from vigil.store.cases import (
    CaseDecisionRow,
    CaseRow,
    MentionKeyRow,
    OrganizationRow,
    OrgKeyRow,
    OrgLinkRow,
    OrgMentionRow,
    PersonLinkRow,
    PersonMentionRow,
)
from vigil.store.models import utcnow

Row = Mapping[Any, Any]  # a mention as its table stores it (column name -> value)
Pairs = set[frozenset[str]]
Entity = CaseRow | OrganizationRow
E = TypeVar("E", bound=CaseRow | OrganizationRow)
CHUNK = 500  # ids per IN (...) list
FOLLOW_LIMIT = 50


def _nothing(*args: Any) -> None:
    return None


@dataclass(frozen=True)
class Kind:
    """What the engine needs to know about one kind of entity."""

    noun: str  # "case": messages, and the key of a split's detail
    plural: str  # "cases": the key of a merge's detail
    suffix: str  # of decision actions: "merge" + suffix, "split" + suffix
    mentions: type[PersonMentionRow] | type[OrgMentionRow]
    keys: type[MentionKeyRow] | type[OrgKeyRow]
    links: type[PersonLinkRow] | type[OrgLinkRow]
    entities: type[CaseRow] | type[OrganizationRow]
    group: str  # the mention column naming its entity
    # A report's claims -> its mentions, as rows of the mention table (without ``group``).
    read: Callable[[int, list[StoredClaim]], list[dict[str, Any]]]
    file_under: Callable[[Row], set[str]]  # a mention's blocking keys (<= 128 characters)
    cluster: Callable[[list[Row], Pairs, Pairs], list[Cluster]]  # mentions, must, cannot
    new: Callable[[Cluster], Entity]  # a new entity for a cluster
    opens: Callable[[Row], bool] = field(default=lambda row: True)
    # After clustering: what the entity keeps from its mentions (the kind's own columns).
    describe: Callable[[Entity, list[Row]], None] = _nothing
    # Every mention's entity is decided (``case_of``, None for none): the kind's follow-up.
    settled: Callable[[Session, Mapping[str, int | None], set[int]], object] = _nothing
    # The entities whose membership changed, once their mentions point to them.
    refresh: Callable[[Session, list[int]], None] = _nothing

    @property
    def actions(self) -> tuple[str, str]:
        return f"merge{self.suffix}", f"split{self.suffix}"

    def group_of(self) -> Any:
        return getattr(self.mentions, self.group)


@dataclass(frozen=True, slots=True)
class ResolutionResult:
    touched_cases: frozenset[int]  # entities kept, created or emptied
    kept: frozenset[int]  # entities that have mentions now
    mentions: int


@dataclass(frozen=True, slots=True)
class Outcome:
    case_of: dict[str, int | None]  # mention id -> its entity now
    changed: list[int]  # entities whose membership changed (to refresh)
    result: ResolutionResult


def lock(session: Session) -> None:
    """Take the resolution lock before reading anything a change depends on, and forget
    what this session read before (another reviewer may just have changed it)."""
    dialect.lock_cases(session.connection())
    session.expire_all()


# Mentions and keys ---------------------------------------------------------------------


def replace_mentions(
    session: Session, kind: Kind, claims: Mapping[int, list[StoredClaim]]
) -> tuple[list[dict[str, Any]], dict[str, int | None]]:
    """Rebuild the mentions of these reports (``claims``: report id -> its claims) and
    their keys. A mention keeps its entity (ids are stable across runs). Returns the fresh
    mentions and the entity each old mention belonged to."""
    table, group, report_ids = kind.mentions, kind.group_of(), sorted(claims)
    previous: dict[str, int | None] = {}
    for start in range(0, len(report_ids), CHUNK):
        chunk = report_ids[start : start + CHUNK]
        stmt = select(table.id, group).where(table.report_id.in_(chunk))
        previous.update((mid, gid) for mid, gid in session.execute(stmt))
    old = list(previous)
    for start in range(0, len(old), CHUNK):
        part = old[start : start + CHUNK]
        session.execute(delete(kind.keys).where(kind.keys.mention_id.in_(part)))
        session.execute(delete(table).where(table.id.in_(part)))
    fresh: dict[str, dict[str, Any]] = {}
    for rid in report_ids:
        for row in kind.read(rid, claims[rid]):
            fresh.setdefault(row["id"], {**row, kind.group: previous.get(row["id"])})
    if fresh:
        session.execute(insert(table), list(fresh.values()))
        keys = [
            {"mention_id": m, "key": k} for m, row in fresh.items() for k in kind.file_under(row)
        ]
        if keys:
            session.execute(insert(kind.keys), keys)
    return list(fresh.values()), previous


def _rows(session: Session, kind: Kind, where: Any) -> list[Row]:
    stmt = select(kind.mentions.__table__).where(where)
    return list(session.execute(stmt).mappings())


def members(session: Session, kind: Kind, entity_id: int) -> list[str]:
    table = kind.mentions
    stmt = select(table.id).where(kind.group_of() == entity_id).order_by(table.id)
    return list(session.scalars(stmt))


def active_links(session: Session, kind: Kind, mention_ids: Iterable[str]) -> list[Any]:
    """The reviewers' links (not undone) that touch these mentions."""
    ids, link = sorted(set(mention_ids)), kind.links
    found: list[Any] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found += session.scalars(
            select(link)
            .join(CaseDecisionRow, CaseDecisionRow.id == link.decision_id)
            .where(CaseDecisionRow.undone_at.is_(None))
            .where(link.a.in_(chunk) | link.b.in_(chunk))
        ).all()
    return found


def all_links(session: Session, kind: Kind) -> list[Any]:
    link = kind.links
    stmt = select(link).join(CaseDecisionRow, CaseDecisionRow.id == link.decision_id)
    return list(session.scalars(stmt.where(CaseDecisionRow.undone_at.is_(None))))


def all_mentions(session: Session, kind: Kind) -> dict[str, Row]:
    table = kind.mentions
    stmt = select(table.__table__).order_by(table.report_id, table.id)
    return {row["id"]: row for row in session.execute(stmt).mappings()}


def neighbourhood(
    session: Session, kind: Kind, seeds: list[str], groups: set[int]
) -> dict[str, Row]:
    """The mentions sharing a key with ``seeds``, every mention of their entities and of
    ``groups``, and the mentions a reviewer linked to any of them."""
    key, table, group = kind.keys, kind.mentions, kind.group_of()
    keys = list(session.scalars(select(key.key).where(key.mention_id.in_(seeds)).distinct()))
    ids: set[str] = set(seeds)
    for start in range(0, len(keys), CHUNK):
        stmt = select(key.mention_id).where(key.key.in_(keys[start : start + CHUNK]))
        ids.update(session.scalars(stmt))
    # Mentions linked by a reviewer belong to the neighbourhood too (a merge across blocks).
    ids |= {x for link in active_links(session, kind, ids) for x in (link.a, link.b)}
    rows: dict[str, Row] = {}
    id_list = sorted(ids)
    for start in range(0, len(id_list), CHUNK):
        rows.update(
            (r["id"], r) for r in _rows(session, kind, table.id.in_(id_list[start : start + CHUNK]))
        )
    whole = sorted(groups | {r[kind.group] for r in rows.values() if r[kind.group] is not None})
    for start in range(0, len(whole), CHUNK):
        rows.update(
            (r["id"], r) for r in _rows(session, kind, group.in_(whole[start : start + CHUNK]))
        )
    return rows


# Resolution ----------------------------------------------------------------------------


def update_report(
    session: Session, kind: Kind, report_id: int, claims: list[StoredClaim]
) -> ResolutionResult:
    """Rebuild the mentions of one report from its claims and resolve around them."""
    dialect.lock_cases(session.connection())
    fresh, previous = replace_mentions(session, kind, {report_id: claims})
    groups = {g for g in previous.values() if g is not None}
    return resolve_around(session, kind, [m["id"] for m in fresh], groups)


def resolve_around(
    session: Session, kind: Kind, seeds: list[str], groups: set[int]
) -> ResolutionResult:
    """Resolve the neighbourhood of ``seeds`` (and all of ``groups``) and store the result."""
    rows = neighbourhood(session, kind, seeds, set(groups))
    outcome = settle(session, kind, rows, active_links(session, kind, rows), groups, seeds)
    move(session, kind, rows, outcome.case_of)
    kind.refresh(session, outcome.changed)
    return outcome.result


def move(
    session: Session, kind: Kind, rows: Mapping[str, Row], case_of: Mapping[str, int | None]
) -> None:
    """Store each mention's new entity (only those that moved)."""
    moved = [{"id": m, kind.group: g} for m, g in case_of.items() if rows[m][kind.group] != g]
    for start in range(0, len(moved), 5000):
        session.execute(update(kind.mentions), moved[start : start + 5000])
    session.flush()


def settle(
    session: Session,
    kind: Kind,
    mentions: Mapping[str, Row],
    links: Iterable[Any],
    groups: Iterable[int],
    seeds: Iterable[str],
) -> Outcome:
    """Cluster ``mentions`` (a whole neighbourhood: every mention of every entity involved)
    and store the entities they form; the caller stores each mention's new entity
    (``Outcome.case_of``, see ``move``) and then refreshes the ``Outcome.changed`` ones."""
    old = {m: row[kind.group] for m, row in mentions.items()}
    before = {g for g in old.values() if g is not None} | set(groups)
    links = list(links)
    must = {frozenset((lk.a, lk.b)) for lk in links if lk.link == "must"}
    cannot = {frozenset((lk.a, lk.b)) for lk in links if lk.link == "cannot"}
    clusters = kind.cluster(list(mentions.values()), must, cannot)
    loaded: dict[int, Entity] = {e.id: e for e in _load(session, kind, before)}
    taken: set[int] = set()
    chosen: dict[str, int] = {}
    created: list[tuple[str, Entity]] = []
    # Largest clusters choose first, so an existing entity keeps its bulk.
    for cluster in sorted(clusters, key=lambda c: (-len(c.mention_ids), c.id)):
        if not any(kind.opens(mentions[m]) for m in cluster.mention_ids):
            continue
        votes = Counter(old[m] for m in cluster.mention_ids if old[m] is not None)
        choice = next((g for g, _ in votes.most_common() if g not in taken), None)
        if choice is None:
            created.append((cluster.id, kind.new(cluster)))
            continue
        taken.add(choice)
        chosen[cluster.id] = choice
    if created:
        session.add_all(row for _, row in created)
        session.flush()  # one round of inserts, in the order the clusters chose
        for cluster_id, row in created:
            loaded[row.id] = row
            taken.add(row.id)
            chosen[cluster_id] = row.id
    case_of = {m: chosen.get(c.id) for c in clusters for m in c.mention_ids}
    for cluster in clusters:
        entity = loaded.get(chosen.get(cluster.id, -1))
        if entity is not None:
            _describe(kind, entity, cluster, [mentions[m] for m in cluster.mention_ids], case_of)
    emptied = before - taken
    for gid in emptied:
        gone = loaded.get(gid)
        if gone is None:
            continue
        heirs = Counter(
            case_of[m] for m, was in old.items() if was == gid and case_of[m] is not None
        )
        if heirs:
            # Folded into another entity: keep the id, pointing there (links stay valid).
            gone.merged_into = heirs.most_common(1)[0][0]
            gone.sources, gone.updated_at = [], utcnow()
        else:
            session.delete(gone)  # its reports are gone, or none of its mentions opens one
    session.flush()
    kind.settled(session, case_of, before)
    # Only entities whose membership changed, or that hold the changed mentions, need to be
    # refreshed; the rest of the neighbourhood was only looked at.
    changed = {case_of[m] for m in seeds if m in case_of}
    changed |= {g for m, was in old.items() if was != case_of[m] for g in (was, case_of[m])}
    return Outcome(
        case_of,
        sorted(g for g in changed if g in taken),
        ResolutionResult(frozenset(taken | emptied), frozenset(taken), len(mentions)),
    )


def _describe(
    kind: Kind,
    entity: Entity,
    cluster: Cluster,
    members: list[Row],
    case_of: Mapping[str, int | None],
) -> None:
    entity.merged_into = None
    # New lists (not in-place edits), so that the JSON columns see the change.
    entity.merges = [
        {"a": m.a, "b": m.b, "score": round(m.score, 3), "reasons": list(m.reasons), "by": m.source}
        for m in cluster.merges
    ]
    entity.proposals = [
        {
            "mention": p.a,
            "other_mention": p.b,
            "score": round(p.score, 3),
            "reasons": list(p.reasons),
            "other_case": case_of.get(p.b),
        }
        for p in cluster.proposals
    ]
    kind.describe(entity, members)


def _load(session: Session, kind: Kind, ids: Iterable[int]) -> list[Entity]:
    """Bring the entities into the session in a few queries; while the caller holds the
    list, ``session.get`` finds them without a query."""
    id_list, table = sorted(ids), kind.entities
    found: list[Entity] = []
    for start in range(0, len(id_list), CHUNK):
        found += session.scalars(select(table).where(table.id.in_(id_list[start : start + CHUNK])))
    return found


def locate(session: Session, table: type[E], entity_id: int, noun: str) -> E:
    """The entity, following ``merged_into`` to where a merged one lives now."""
    row = session.get(table, entity_id)
    for _ in range(FOLLOW_LIMIT):
        if row is None or row.merged_into is None:
            break
        row = session.get(table, row.merged_into)
    if row is None or row.merged_into is not None:
        raise NotFound(f"no such {noun}", subject=str(entity_id))
    return row
