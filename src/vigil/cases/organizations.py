"""Organisations across reports: "Halyk Maidan" = "Popular Front" = "National Front" when a
report says so, one page per organisation with its people and what was done to it.

Resolved incrementally like persons (``resolution.py``): only mentions sharing a key with
the changed ones are grouped again. Keys are those ``vigil.resolve.orgs`` blocks on: the
folded significant words, their first word's first four letters, and the acronym.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from vigil.cases.decisions import DecisionError
from vigil.cases.dossier import _evidence, _str, _texts
from vigil.cases.facts import claims_of_reports, name_key, report_dates
from vigil.cases.model import OrganizationDossier, OrganizationSummary
from vigil.cases.queries import list_cases
from vigil.cases.timeline import Telling, build_timeline
from vigil.errors import NotFound
from vigil.resolve.mention import OrgMention
from vigil.resolve.orgs import acronym, org_key, resolve_organizations
from vigil.store import dialect
from vigil.store.cases import (
    CaseDecisionRow,
    CaseFacetRow,
    OrganizationRow,
    OrgKeyRow,
    OrgLinkRow,
    OrgMentionRow,
)
from vigil.store.models import utcnow


def org_keys(names: list[str]) -> set[str]:
    keys: set[str] = set()
    for name in names:
        key = org_key(name)
        if key:
            keys.add(f"k:{key}"[:128])
            keys.add(f"w:{key.split()[0][:4]}")
        short = acronym(name)
        if short and len(short) >= 3:
            keys.add(f"a:{short}"[:128])
    return keys


def update_report_orgs(session: Session, report_id: int) -> set[int]:
    """Rebuild one report's organisation mentions and resolve around them."""
    dialect.lock_cases(session.connection())
    claims = claims_of_reports(session, [report_id]).get(report_id, [])
    old = session.scalars(select(OrgMentionRow).where(OrgMentionRow.report_id == report_id)).all()
    previous = {m.id: m.organization_id for m in old}
    affected = {m.organization_id for m in old if m.organization_id is not None}
    session.execute(delete(OrgMentionRow).where(OrgMentionRow.report_id == report_id))
    session.flush()
    fresh: list[OrgMentionRow] = []
    for c in claims:
        if c.kind != "organization" or not c.value.get("name"):
            continue
        name = str(c.value["name"])
        digest = hashlib.sha1(name_key(name).encode(), usedforsecurity=False).hexdigest()[:12]
        mid = f"om-{report_id}-{digest}"
        if any(m.id == mid for m in fresh):
            continue
        aliases = [str(a) for a in c.value.get("aliases") or [] if a]
        fresh.append(
            OrgMentionRow(
                id=mid,
                report_id=report_id,
                organization_id=previous.get(mid),
                name=name,
                aliases=aliases,
                kind=_str(c.value.get("kind")),
            )
        )
    session.add_all(fresh)
    session.flush()
    for m in fresh:
        for key in org_keys([m.name, *m.aliases]):
            session.add(OrgKeyRow(mention_id=m.id, key=key))
    session.flush()
    return _resolve_around(session, [m.id for m in fresh], affected)


def _resolve_around(session: Session, seeds: list[str], orgs: set[int]) -> set[int]:
    keys = list(session.scalars(select(OrgKeyRow.key).where(OrgKeyRow.mention_id.in_(seeds))))
    ids = set(seeds)
    for start in range(0, len(keys), 500):
        ids |= set(
            session.scalars(
                select(OrgKeyRow.mention_id).where(OrgKeyRow.key.in_(keys[start : start + 500]))
            )
        )
    rows = {
        r.id: r for r in session.scalars(select(OrgMentionRow).where(OrgMentionRow.id.in_(ids)))
    }
    orgs |= {r.organization_id for r in rows.values() if r.organization_id is not None}
    if orgs:
        for r in session.scalars(
            select(OrgMentionRow).where(OrgMentionRow.organization_id.in_(orgs))
        ):
            rows[r.id] = r
    links = _active_org_links(session, list(rows))
    for link in links:  # mentions a reviewer tied to these belong to the neighbourhood
        for mid in (link.a, link.b):
            if mid not in rows and (extra := session.get(OrgMentionRow, mid)) is not None:
                rows[mid] = extra
    before = {r.organization_id: r for r in rows.values()}
    old = {mid: r.organization_id for mid, r in rows.items()}
    clusters = resolve_organizations(
        (OrgMention(r.id, r.name, str(r.report_id), tuple(r.aliases)) for r in rows.values()),
        must_link={frozenset((lk.a, lk.b)) for lk in links if lk.link == "must"},
        cannot_link={frozenset((lk.a, lk.b)) for lk in links if lk.link == "cannot"},
    )
    taken: set[int] = set()
    for cluster in sorted(clusters, key=lambda c: (-len(c.mention_ids), c.id)):
        votes = Counter(old[m] for m in cluster.mention_ids if old[m] is not None)
        choice = next((oid for oid, _ in votes.most_common() if oid not in taken), None)
        if choice is None:
            row = OrganizationRow(
                name=cluster.name, aliases=[], sources=[], merges=[], proposals=[]
            )
            session.add(row)
            session.flush()
            choice = row.id
        taken.add(choice)
        members = [rows[m] for m in cluster.mention_ids]
        for m in members:
            m.organization_id = choice
        org = session.get(OrganizationRow, choice)
        if org is None:
            continue
        names = Counter(m.name for m in members)
        org.name = max(names, key=lambda n: (names[n], len(n)))
        spelled = {name_key(n): n for m in members for n in (m.name, *m.aliases)}
        org.aliases = sorted(v for k, v in spelled.items() if k != name_key(org.name))
        kinds = Counter(m.kind for m in members if m.kind)
        org.kind = kinds.most_common(1)[0][0] if kinds else None
        org.sources = sorted({m.report_id for m in members})
        org.merges = [{"a": x.a, "b": x.b, "reasons": list(x.reasons)} for x in cluster.merges]
        org.proposals = [
            {"mention": p.a, "other_mention": p.b, "reasons": list(p.reasons)}
            for p in cluster.proposals
        ]
        org.merged_into, org.updated_at = None, utcnow()
    for oid in set(before) - taken - {None}:
        gone = session.get(OrganizationRow, oid)
        if gone is None:
            continue
        heirs = Counter(rows[m].organization_id for m, was in old.items() if was == oid)
        if heirs:
            gone.merged_into, gone.sources = heirs.most_common(1)[0][0], []
        else:
            session.delete(gone)
    return taken


def _active_org_links(session: Session, mention_ids: list[str]) -> list[OrgLinkRow]:
    found: list[OrgLinkRow] = []
    for start in range(0, len(mention_ids), 500):
        chunk = mention_ids[start : start + 500]
        found += session.scalars(
            select(OrgLinkRow)
            .join(CaseDecisionRow, CaseDecisionRow.id == OrgLinkRow.decision_id)
            .where(CaseDecisionRow.undone_at.is_(None))
            .where(OrgLinkRow.a.in_(chunk) | OrgLinkRow.b.in_(chunk))
        ).all()
    return found


def _org_row(session: Session, org_id: int) -> OrganizationRow:
    row = session.get(OrganizationRow, org_id)
    for _ in range(50):
        if row is None or row.merged_into is None:
            break
        row = session.get(OrganizationRow, row.merged_into)
    if row is None:
        raise NotFound("no such organization", subject=str(org_id))
    return row


def _org_mentions(session: Session, org_id: int) -> list[str]:
    stmt = select(OrgMentionRow.id).where(OrgMentionRow.organization_id == org_id)
    return list(session.scalars(stmt.order_by(OrgMentionRow.id)))


def merge_organizations(session: Session, a: int, b: int, *, actor: str) -> int:
    """A reviewer says two organisations are one. Returns the surviving id."""
    dialect.lock_cases(session.connection())
    session.expire_all()
    org_a, org_b = _org_row(session, a), _org_row(session, b)
    if org_a.id == org_b.id:
        raise DecisionError("these are already one organization", subject=f"{a} {b}")
    ma, mb = _org_mentions(session, org_a.id), _org_mentions(session, org_b.id)
    if not ma or not mb:
        raise DecisionError("an organization without mentions cannot be merged", subject=f"{a} {b}")
    decision = CaseDecisionRow(
        action="merge-org", actor=actor, detail={"organizations": [org_a.id, org_b.id]}
    )
    session.add(decision)
    session.flush()
    # Earlier splits between these two sets are overruled by this decision (as for persons).
    for link in _active_org_links(session, ma + mb):
        ends = {link.a, link.b}
        if link.link == "cannot" and ends & set(ma) and ends & set(mb):
            overruled = session.get(CaseDecisionRow, link.decision_id)
            if overruled is not None and overruled.undone_at is None:
                overruled.undone_at, overruled.undone_by = utcnow(), actor
    session.add(OrgLinkRow(decision_id=decision.id, a=ma[0], b=mb[0], link="must"))
    session.flush()
    _resolve_around(session, ma + mb, {org_a.id, org_b.id})
    return _org_row(session, org_a.id).id


def split_organization(session: Session, org_id: int, mention_ids: list[str], *, actor: str) -> int:
    """Move mentions out of an organisation; they are never merged back automatically."""
    dialect.lock_cases(session.connection())
    session.expire_all()
    org = _org_row(session, org_id)
    members = _org_mentions(session, org.id)
    leaving = [m for m in mention_ids if m in members]
    staying = [m for m in members if m not in leaving]
    if sorted(set(mention_ids) - set(members)) or not leaving or not staying:
        raise DecisionError(
            "a split needs mentions of this organization to leave and others to stay",
            subject=str(org_id),
        )
    decision = CaseDecisionRow(
        action="split-org", actor=actor, detail={"organization": org.id, "mentions": leaving}
    )
    session.add(decision)
    session.flush()
    for x in leaving:
        for y in staying:
            session.add(OrgLinkRow(decision_id=decision.id, a=x, b=y, link="cannot"))
    session.flush()
    _resolve_around(session, members, {org.id})
    new = session.scalar(
        select(OrgMentionRow.organization_id).where(OrgMentionRow.id == leaving[0])
    )
    assert new is not None
    return int(new)


def resolve_org_decision(session: Session, decision_id: int) -> None:
    """Resolve again the organisations an (undone) decision's links touched."""
    links = session.scalars(select(OrgLinkRow).where(OrgLinkRow.decision_id == decision_id))
    mentions = list({x for link in links for x in (link.a, link.b)})
    orgs = set(
        session.scalars(select(OrgMentionRow.organization_id).where(OrgMentionRow.id.in_(mentions)))
    )
    session.flush()
    _resolve_around(session, mentions, {o for o in orgs if o is not None})


def _summary(row: OrganizationRow) -> OrganizationSummary:
    return OrganizationSummary(row.id, row.name, tuple(row.aliases), row.kind, tuple(row.sources))


def list_organizations(
    session: Session, *, kind: str | None = None, limit: int = 100, offset: int = 0
) -> list[OrganizationSummary]:
    stmt = select(OrganizationRow).where(OrganizationRow.merged_into.is_(None))
    if kind:
        stmt = stmt.where(OrganizationRow.kind == kind)
    stmt = stmt.order_by(OrganizationRow.name).limit(limit).offset(offset)
    return [_summary(r) for r in session.scalars(stmt)]


def get_organization(session: Session, org_id: int) -> OrganizationDossier:
    row = _org_row(session, org_id)
    names = [row.name, *row.aliases]
    keys = {name_key(n) for n in names}
    # People: cases whose affiliations name any of the organisation's names.
    case_ids = set(
        session.scalars(
            select(CaseFacetRow.case_id).where(
                CaseFacetRow.facet == "organization", CaseFacetRow.value.in_(names)
            )
        )
    )
    members = []
    if case_ids:
        from vigil.cases.dossier import get_dossier

        for case in list_cases(session, ids=sorted(case_ids), limit=1000):
            d = get_dossier(session, case.id)
            positions = tuple(
                str(f.value.get("position") or "member")
                for f in d.affiliations
                if name_key(str(f.value.get("organization", ""))) in keys
            )
            members.append((case, positions))
    claims = claims_of_reports(session, row.sources)
    texts = _texts(session, row.sources)
    published = report_dates(session, row.sources)
    tellings = [
        Telling(
            type=str(c.value.get("type") or "other"),
            date=_str(c.value.get("date")),
            time=_str(c.value.get("time")),
            place=_str(c.value.get("place")),
            country=_str(c.value.get("country")),
            victims=[str(v) for v in c.value.get("victims") or []],
            perpetrators=[str(p) for p in c.value.get("perpetrators") or []],
            evidence=_evidence(c, texts.get(rid, "")),
            published=published.get(rid),
        )
        for rid, items in claims.items()
        for c in items
        if c.kind == "event" and any(name_key(str(v)) in keys for v in c.value.get("victims") or [])
    ]
    merges = tuple(f"merged {m['a']} and {m['b']}: {'; '.join(m['reasons'])}" for m in row.merges)
    mentions = tuple(
        (m.id, m.report_id, m.name)
        for m in session.scalars(
            select(OrgMentionRow).where(OrgMentionRow.organization_id == row.id)
        )
    )
    return OrganizationDossier(
        _summary(row), tuple(members), tuple(build_timeline(tellings)), merges, mentions
    )
