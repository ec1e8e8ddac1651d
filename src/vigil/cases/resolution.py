"""Persons as a kind of entity (``vigil.cases.engine``): person mentions grouped into cases.

A case is for a person at risk: only a mention of someone something was done to (a victim
of an event, charged or sentenced: ``Mention.victim``) opens one. A person a report only
names (a relative, a judge, a lawyer, an official, a perpetrator) joins a case when the
resolver finds them the same person as its victim, and otherwise stays a person of the
report and of the organisation directory, without a case.

A person mention is filed under the blocking keys of its names (``vigil.resolve.names``)
and clustered by ``vigil.resolve.resolve`` with what the report says about the person
(birth date and place, country, affiliations, relatives). A case's summary, facets and
stored dossier are refreshed when its membership changes, and a published case whose
people changed is held until a reviewer publishes it again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, fields
from typing import Any

from sqlalchemy.orm import Session

from vigil.cases import engine
from vigil.cases.facts import StoredClaim, claims_of_reports
from vigil.cases.mentions import Mention, mentions_from_claims
from vigil.cases.summary import refresh_cases
from vigil.resolve.cluster import Cluster, resolve
from vigil.resolve.names import parse_name
from vigil.store.cases import CaseRow, MentionKeyRow, PersonLinkRow, PersonMentionRow
from vigil.store.publications import follow_membership

_FIELDS = tuple(f.name for f in fields(Mention))


def blocking_keys(mention: engine.Row) -> set[str]:
    keys: set[str] = set()
    for name in (mention["name"], *mention["aliases"]):
        keys.update(parse_name(name).key.keys)
    return {k[:128] for k in keys}


def _read(report_id: int, claims: list[StoredClaim]) -> list[dict[str, Any]]:
    return [asdict(m) for m in mentions_from_claims(report_id, claims)]


def _cluster(rows: list[engine.Row], must: engine.Pairs, cannot: engine.Pairs) -> list[Cluster]:
    mentions = (Mention(**{f: row[f] for f in _FIELDS}).for_resolver() for row in rows)
    return resolve(mentions, cannot_link=cannot, must_link=must)


def _new(cluster: Cluster) -> CaseRow:
    return CaseRow(name=cluster.name, aliases=[], charges=[], sources=[])


def _hold_publications(
    session: Session, case_of: Mapping[str, int | None], cases: set[int]
) -> None:
    follow_membership(session, {m: c for m, c in case_of.items() if c is not None}, cases)


PERSONS = engine.Kind(
    noun="case",
    plural="cases",
    suffix="",
    mentions=PersonMentionRow,
    keys=MentionKeyRow,
    links=PersonLinkRow,
    entities=CaseRow,
    group="case_id",
    read=_read,
    file_under=blocking_keys,
    cluster=_cluster,
    new=_new,
    opens=lambda row: bool(row["victim"]),  # a case is for a person something was done to
    settled=_hold_publications,
    refresh=refresh_cases,
)


def update_report(session: Session, report_id: int) -> engine.ResolutionResult:
    """Rebuild the person mentions of one report from its claims and resolve around them."""
    claims = claims_of_reports(session, [report_id]).get(report_id, [])
    return engine.update_report(session, PERSONS, report_id, claims)
