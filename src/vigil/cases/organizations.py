"""Organisations as a kind of entity (``vigil.cases.engine``): "Halyk Maidan" = "Popular
Front" = "National Front" when a report says so, one page per organisation with its people
and what was done to it.

Keys are those ``vigil.resolve.orgs`` blocks on: the folded significant words, their first
word's first four letters, and the acronym. An organisation keeps its most used name, every
other spelling, its most given kind and its reports.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.cases import engine
from vigil.cases.dossier import get_dossier
from vigil.cases.facts import (
    StoredClaim,
    claims_of_reports,
    evidence,
    name_key,
    report_dates,
    report_texts,
)
from vigil.cases.mentions import mention_id, owners
from vigil.cases.model import OrganizationDossier, OrganizationSummary
from vigil.cases.queries import list_cases
from vigil.cases.timeline import build_timeline, telling
from vigil.resolve.cluster import Cluster
from vigil.resolve.mention import OrgMention
from vigil.resolve.orgs import acronym, org_key, resolve_organizations
from vigil.store.cases import (
    CaseFacetRow,
    OrganizationRow,
    OrgKeyRow,
    OrgLinkRow,
    OrgMentionRow,
    PersonMentionRow,
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


def _read(report_id: int, claims: list[StoredClaim]) -> list[dict[str, Any]]:
    """One mention per organisation a report names, by its id within the report (an
    organisation named twice by the same name is one: the first claim of the name)."""
    owner = owners(claims, "organization")
    return [
        {
            "id": mention_id(report_id, c.mention),
            "report_id": report_id,
            "name": str(c.value["name"]),
            "aliases": [str(a) for a in c.value.get("aliases") or [] if a],
            "kind": str(c.value["kind"]) if c.value.get("kind") else None,
        }
        for c in claims
        if c.mention is not None and owner.get(c.mention) == c.mention
    ]


def _cluster(rows: list[engine.Row], must: engine.Pairs, cannot: engine.Pairs) -> list[Cluster]:
    mentions = (
        OrgMention(r["id"], r["name"], str(r["report_id"]), tuple(r["aliases"])) for r in rows
    )
    return resolve_organizations(mentions, must_link=must, cannot_link=cannot)


def _new(cluster: Cluster) -> OrganizationRow:
    return OrganizationRow(name=cluster.name, aliases=[], sources=[], merges=[], proposals=[])


def _describe(org: engine.Entity, members: list[engine.Row]) -> None:
    """The name most mentions use (among equals the longest), the others as aliases."""
    assert isinstance(org, OrganizationRow)
    names = Counter(m["name"] for m in members)
    org.name = max(names, key=lambda n: (names[n], len(n)))
    spelled = {name_key(n): n for m in members for n in (m["name"], *m["aliases"])}
    org.aliases = sorted(v for k, v in spelled.items() if k != name_key(org.name))
    kinds = Counter(m["kind"] for m in members if m["kind"])
    org.kind = kinds.most_common(1)[0][0] if kinds else None
    org.sources = sorted({m["report_id"] for m in members})
    org.updated_at = utcnow()


ORGANIZATIONS = engine.Kind(
    noun="organization",
    plural="organizations",
    suffix="-org",
    mentions=OrgMentionRow,
    keys=OrgKeyRow,
    links=OrgLinkRow,
    entities=OrganizationRow,
    group="organization_id",
    read=_read,
    file_under=lambda row: org_keys([row["name"], *row["aliases"]]),
    cluster=_cluster,
    new=_new,
    describe=_describe,
)


def update_report_orgs(session: Session, report_id: int) -> set[int]:
    """Rebuild one report's organisation mentions and resolve around them; returns the
    organisations they (and their neighbours) form now."""
    claims = claims_of_reports(session, [report_id]).get(report_id, [])
    return set(engine.update_report(session, ORGANIZATIONS, report_id, claims).kept)


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
    row = engine.locate(session, OrganizationRow, org_id, "organization")
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
    for case in list_cases(session, ids=sorted(case_ids), limit=1000) if case_ids else []:
        positions = tuple(
            str(f.value.get("position") or "member")
            for f in get_dossier(session, case.id).affiliations
            if name_key(str(f.value.get("organization", ""))) in keys
        )
        members.append((case, positions))
    claims = claims_of_reports(session, row.sources)
    texts = report_texts(session, row.sources)
    published = report_dates(session, row.sources)
    tellings = [
        telling(c, evidence(c, texts.get(rid, "")), published.get(rid))
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
        _summary(row),
        tuple(members),
        tuple(build_timeline(tellings)),
        merges,
        mentions,
        _people_without_case(session, row.sources, keys),
    )


def _people_without_case(
    session: Session, report_ids: list[int], keys: set[str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Persons of these reports affiliated with the organisation (one of its name ``keys``)
    who have no case: a judge of a court, an official of a ministry."""
    found: dict[str, tuple[str, list[str]]] = {}
    for start in range(0, len(report_ids), 500):
        rows = session.execute(
            select(PersonMentionRow.name, PersonMentionRow.affiliations)
            .where(PersonMentionRow.report_id.in_(report_ids[start : start + 500]))
            .where(PersonMentionRow.case_id.is_(None))
            .order_by(PersonMentionRow.report_id, PersonMentionRow.id)
        )
        for name, affiliations in rows:
            for a in affiliations or []:
                if name_key(str(a.get("organization") or "")) in keys:
                    positions = found.setdefault(name_key(name), (name, []))[1]
                    position = str(a.get("position") or "member")
                    if position not in positions:
                        positions.append(position)
    return tuple(sorted((name, tuple(p)) for name, p in found.values()))
