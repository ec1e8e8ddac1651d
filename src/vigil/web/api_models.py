"""The JSON API's response shapes, so that /openapi.json (and the /api page built from it)
shows what each endpoint answers, and FastAPI checks every answer against it.

Fact values inside a dossier come from the fact schema (``vigil/facts/facts.yaml``) through
``dossier_value_model``: a kind's fields without the person the case is about. Public and
internal dossiers share one shape; the fields only staff see are optional and say so.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from vigil.alerts.interventions import Intervention
from vigil.facts.schema import dossier_value_model

STAFF = "staff only: absent from the public (anonymous) answer"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- cases -------------------------------------------------------------------------------


class CaseSummaryOut(_Out):
    id: int
    name: str
    aliases: list[str]
    status: str = Field(description="at_risk, detained, charged, sentenced, released ...")
    country: str | None = Field(description="ISO 3166-1 alpha-2")
    latest_event: str | None
    latest_event_date: str | None
    charges: list[str]
    updated_at: str | None
    sources: list[int] | None = Field(None, description=f"the case's report ids ({STAFF})")


class EvidenceOut(_Out):
    report_id: int
    quote: str | None = Field(description="the words the fact rests on (redacted when public)")
    claim_id: int | None = Field(None, description=STAFF)
    spans: list[list[int]] | None = Field(None, description=f"[start, end] offsets ({STAFF})")
    reviewed: bool | None = Field(None, description=f"a reviewer confirmed it ({STAFF})")


def _fact_model(kind: str, title: str) -> type[BaseModel]:
    model: type[BaseModel] = create_model(
        title,
        __base__=_Out,
        value=(dossier_value_model(kind), ...),
        evidence=(list[EvidenceOut], ...),
        reviewed=(bool | None, Field(None, description="every piece of evidence reviewed")),
    )
    return model


BirthDateOut = _fact_model("birth_date", "BirthDateFact")
BirthPlaceOut = _fact_model("birth_place", "BirthPlaceFact")
AffiliationOut = _fact_model("affiliation", "AffiliationFact")
RelativeOut = _fact_model("relative", "RelativeFact")
RoleOut = _fact_model("person", "RoleFact")
ChargeOut = _fact_model("charge", "ChargeFact")
SentenceOut = _fact_model("sentence", "SentenceFact")


class TimelineEventOut(_Out):
    type: str = Field(description="an event type of the fact schema")
    date: str | None
    time: str | None
    place: str | None
    country: str | None
    victims: list[str]
    perpetrators: list[str]
    other_dates: list[str] = Field(description="dates other reports give the same act")
    evidence: list[EvidenceOut]
    reviewed: bool | None = None


class ConflictOut(_Out):
    field: str
    values: list[dict[str, Any]]


class DossierOut(CaseSummaryOut):
    birth_dates: list[BirthDateOut]  # type: ignore[valid-type]
    birth_places: list[BirthPlaceOut]  # type: ignore[valid-type]
    affiliations: list[AffiliationOut]  # type: ignore[valid-type]
    relatives: list[RelativeOut]  # type: ignore[valid-type]
    roles: list[RoleOut]  # type: ignore[valid-type]
    charge_facts: list[ChargeOut]  # type: ignore[valid-type]
    sentences: list[SentenceOut]  # type: ignore[valid-type]
    timeline: list[TimelineEventOut]
    conflicts: list[ConflictOut] | None = Field(None, description=STAFF)
    merges: list[str] | None = Field(None, description=STAFF)


class HeldOut(_Out):
    at: str
    reason: str | None


class PublicationOut(_Out):
    by: str
    at: str
    held: HeldOut | None


class WithheldOut(_Out):
    value: str
    category: str
    released: bool


class MentionOut(_Out):
    id: str
    report_id: int
    name: str


class CaseAnswer(_Out):
    case: DossierOut
    published: PublicationOut | None = Field(None, description=STAFF)
    withheld: list[WithheldOut] | None = Field(None, description=STAFF)
    mentions: list[MentionOut] | None = Field(None, description=STAFF)
    interventions: list[Intervention] | None = Field(None, description=STAFF)


class PreviewAnswer(_Out):
    case: DossierOut
    published: bool
    requires_review: bool
    pending_review: list[str] = Field(description="facts the public would see unreviewed")
    withheld: list[WithheldOut]


class CaseFilters(_Out):
    country: str | None
    event_type: str | None
    status: str | None


class AlertBrief(_Out):
    id: int
    kind: str
    case_id: int | None = Field(description="null when the case is not public")
    title: str
    country: str | None
    event_type: str | None
    published_at: str | None


class CasesAnswer(_Out):
    filters: CaseFilters
    alerts: list[AlertBrief]
    latest: list[CaseSummaryOut]
    cases: list[CaseSummaryOut]


# -- alerts ------------------------------------------------------------------------------


class AlertOut(_Out):
    id: int
    kind: str = Field(description="alert or follow_up")
    follows: int | None
    case_id: int | None
    title: str
    body: str
    country: str | None
    event_type: str | None
    organizations: list[str]
    asks: list[str]
    appeal_to: list[str]
    published_at: str | None
    url: str


class AlertsAnswer(_Out):
    alerts: list[AlertOut]


class DeskAlertOut(_Out):
    id: int
    case_id: int | None
    follows: int | None
    status: str = Field(description="draft, approved or published")
    kind: str
    title: str
    body: str
    asks: list[str]
    appeal_to: list[str]
    withheld: list[str]
    edited_by: str | None
    approved_by: str | None
    published_by: str | None
    published_at: str | None


class DeskAnswer(_Out):
    alerts: list[DeskAlertOut]


# -- directory ---------------------------------------------------------------------------


class OrganizationOut(_Out):
    name: str
    cases: int | None = Field(None, description="published cases naming it (public answer)")
    also: str | None = Field(None, description=f"other names, comma-separated ({STAFF})")
    kind: str | None = Field(None, description=f"an organisation kind ({STAFF})")
    reports: int | None = Field(None, description=f"reports naming it ({STAFF})")


class OrganizationsAnswer(_Out):
    organizations: list[OrganizationOut]


class OrganizationAnswer(_Out):
    organization: str
    cases: list[CaseSummaryOut]


class ArticleOut(_Out):
    article: str
    country: str | None
    people: int


class LawsAnswer(_Out):
    articles: list[ArticleOut]


class LawPerson(_Out):
    case_id: int
    name: str
    status: str
    since: str | None


class LawYear(_Out):
    year: str
    people: list[LawPerson]


class LawAnswer(_Out):
    article: str
    total: int
    years: list[LawYear]


# -- search ------------------------------------------------------------------------------


class SearchFilters(_Out):
    country: str | None
    event_type: str | None
    article: str | None
    status: str | None
    organization: str | None
    since: str | None
    until: str | None


class SnippetPart(_Out):
    text: str
    marked: bool = Field(description="a word the query matched")


class ReportHit(_Out):
    id: int
    title: str | None
    published: str | None
    snippet: list[SnippetPart]


class SearchAnswer(_Out):
    q: str
    filters: SearchFilters
    cases: list[CaseSummaryOut]
    reports: list[ReportHit]
    total_reports: int
    page_no: int
    page_size: int


# -- reports and claims ------------------------------------------------------------------


class ReportBrief(_Out):
    id: int
    title: str | None
    filename: str | None
    media_type: str
    published: str | None
    ingested_at: str


class ReportsAnswer(_Out):
    page: int
    reports: list[ReportBrief]


class ReportOut(_Out):
    id: int
    sha256: str
    filename: str | None
    media_type: str
    size: int
    language: str | None
    title: str | None
    published: str | None
    url: str | None
    ingested_by: str | None
    ingested_at: str
    warnings: list[str]


class ClaimOut(_Out):
    id: int
    report_id: int
    kind: str = Field(description="a kind of the fact schema (see /schema or docs/facts.md)")
    value: dict[str, Any]
    spans: list[list[int]]
    status: str = Field(description="machine, confirmed, edited or rejected")
    confidence: float
    stage: str
    reviewed_by: str | None
    evidence: str
    evidence_parts: list[str]
    shown: dict[str, Any] = Field(
        description="the value with ids of persons and organisations read as their names"
    )
    names: dict[str, str] = Field(description="the name of each id the value refers to")


class ReportAnswer(_Out):
    report: ReportOut
    text: str
    claims: list[ClaimOut]


class ClaimsAnswer(_Out):
    claims: list[ClaimOut]
    total: int
    status: str
    kind: str | None
    offset: int
    page_size: int


class ReviewAnswer(_Out):
    id: int
    status: str
    value: dict[str, Any]


# -- accounts, audit, quality ------------------------------------------------------------


class SessionUser(_Out):
    name: str
    role: str


class SessionAnswer(_Out):
    user: SessionUser | None
    csrf: str


class AuditEntry(_Out):
    at: str
    actor: str
    action: str
    subject: str | None
    detail: dict[str, Any] | None


class AuditAnswer(_Out):
    entries: list[AuditEntry]


class Figures(_Out):
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float


class Measurement(_Out):
    at: str
    source: str
    extractor: str
    reports: int
    micro: Figures | None
    categories: dict[str, Figures] | None


class QualityAnswer(_Out):
    reviewed_reports: int
    measured_at: str
    extractor: str
    categories: dict[str, Figures]
    micro: Figures
    history: list[Measurement]


class UploadResult(BaseModel):
    model_config = ConfigDict(extra="allow")
    source: str = Field(description="the file's name, cleaned")
    status: str = Field(description="stored, duplicate, rejected or failed")
    report_id: int | None = None
    sha256: str | None = None
    title: str | None = None
    reader: str | None = Field(None, description="the reader that read the format")
    language: str | None = None
    warnings: list[str] = []
    error: str | None = Field(None, description="why the file was refused, naming the problem")
    children: list[UploadResult] = Field([], description="parts of an archive or e-mail")


class ExtractionState(_Out):
    report_id: int
    state: str = Field(description="queued, running, done or failed")
    error: str | None = Field(description="why a failed extraction failed")
    warnings: list[str] = Field(description="what a finished extraction warns of")


class ExtractionAnswer(_Out):
    reports: list[ExtractionState] = Field(description="one per asked report that has a job")


class UploadAnswer(_Out):
    results: list[UploadResult] = Field(description="one result per file, in order")
