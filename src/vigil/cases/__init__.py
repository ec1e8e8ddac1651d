"""Cases: one dossier and one timeline per person at risk, across every report.

    from vigil.cases import list_cases, get_dossier
    with db.read() as session:
        for case in list_cases(session, country="KZ", status="detained"):
            ...
        dossier = get_dossier(session, case_id)

Mentions (a person as one report's claims describe them) are grouped into cases by
``vigil.resolve`` and by reviewers' decisions (``merge_persons``, ``split_person``,
``undo_decision``); organisations the same way, by the same engine (``engine``).
Everything a dossier shows is derived from the claims of the case's reports (reviewed
values win over the machine's), so merges, splits and reviews show at once and nothing is
typed twice. After claims of a report change (a review), call
``update_report(session, report_id)``.
"""

from vigil.cases.decisions import (
    DecisionError,
    list_decisions,
    merge_organizations,
    merge_persons,
    split_organization,
    split_person,
    undo_decision,
)
from vigil.cases.dossier import get_dossier
from vigil.cases.model import (
    CaseSummary,
    Conflict,
    Dossier,
    Evidence,
    Fact,
    OrganizationDossier,
    OrganizationSummary,
    Proposal,
    TimelineEvent,
)
from vigil.cases.organizations import get_organization, list_organizations, update_report_orgs
from vigil.cases.queries import ArticleGroup, charges_by_article, find_cases, list_cases
from vigil.cases.resolution import update_report

__all__ = [
    "ArticleGroup",
    "CaseSummary",
    "Conflict",
    "DecisionError",
    "Dossier",
    "Evidence",
    "Fact",
    "OrganizationDossier",
    "OrganizationSummary",
    "Proposal",
    "TimelineEvent",
    "charges_by_article",
    "find_cases",
    "get_dossier",
    "get_organization",
    "list_cases",
    "list_decisions",
    "list_organizations",
    "merge_organizations",
    "merge_persons",
    "split_organization",
    "split_person",
    "undo_decision",
    "update_report",
    "update_report_orgs",
]
