"""The review workbench's JSON twins: the report queue, one report's record, and the
actions (decide a fact, accept the rest, add a missed fact). Writes need ``X-CSRF-Token``.
Errors answer ``{"error": ...}`` with 400 (bad input: a field error names the field),
404 (no such report or fact) or 409 (someone changed it first; nothing was saved)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Request
from pydantic import BaseModel, Field

from vigil.operations import claims as operations
from vigil.store.accounts import Account
from vigil.web.auth import check_csrf, require
from vigil.web.deps import database
from vigil.web.pages.workbench import load_report, queue_filter
from vigil.workbench import actions
from vigil.workbench.queue import QueueFilter, report_queue

router = APIRouter(tags=["review"])
reviewer = require("reviewer")


class QueueReport(BaseModel):
    id: int
    title: str
    state: str = Field(description="not_started, in_progress or reviewed")
    facts: int
    waiting: int = Field(description="facts nobody decided yet")
    decided: int
    added: int = Field(description="facts reviewers added")
    urgency: int = Field(description="0-5: the gravest act among the report's facts")
    countries: list[str]
    source: str
    language: str | None
    published: str | None
    received: str | None
    finished_by: str | None
    finished_at: str | None


class QueueOut(BaseModel):
    reports: list[QueueReport]
    counts: dict[str, int] = Field(description="reports per state under the same filters")
    total: int
    offset: int
    page_size: int


class FactOut(BaseModel):
    id: int
    report_id: int
    kind: str
    value: dict[str, Any] = Field(
        description="the fact's fields; persons and organisations by their id in the report"
    )
    names: dict[str, str] = Field(description="the name of each person or organisation id")
    summary: str
    spans: list[list[int]] = Field(description="[start, end] offsets into the report's text")
    status: str = Field(description="machine (waiting), confirmed, edited or rejected")
    stage: str = Field(description="the extraction stage, or 'reviewer' for an added fact")
    confidence: float
    version: int = Field(description="send it back with a decision; a newer one means 409")
    reviewed_by: str | None
    evidence: str


class GroupOut(BaseModel):
    title: str | None = Field(description="the person's name in the persons section")
    facts: list[FactOut]


class SectionOut(BaseModel):
    key: str
    title: str
    groups: list[GroupOut]


class MentionOut(BaseModel):
    id: str = Field(description='the id facts point to ("p1", "o2")')
    name: str
    kind: str = Field(description="person or organization")


class RecordOut(BaseModel):
    report: dict[str, Any]
    progress: dict[str, Any]
    text: str
    record: list[SectionOut]
    mentions: list[MentionOut] = Field(
        description="the persons and organisations a fact may point to (by id)"
    )


class Decision(BaseModel):
    action: str = Field(description="confirm, edit, reject or reopen")
    value: dict[str, Any] | None = Field(None, description="with edit: the fields to change")
    version: int | None = Field(None, description="the fact's version you saw")


class DecisionOut(BaseModel):
    id: int
    status: str
    value: dict[str, Any]
    version: int


class AcceptRestOut(BaseModel):
    accepted: list[int]
    state: str


class NewFact(BaseModel):
    kind: str
    value: dict[str, Any]
    span: tuple[int, int] = Field(description="[start, end] offsets of the words it rests on")
    quote: str | None = Field(None, description="the selected words, checked against the text")


@router.get("/api/review/reports", response_model=QueueOut)
def api_queue(
    request: Request, f: QueueFilter = Depends(queue_filter), _: Account = Depends(reviewer)
) -> dict[str, Any]:
    """Every report with its review state, filtered like the queue page, 50 a page."""
    with database(request).read() as session:
        return report_queue(session, f)


@router.get("/api/review/reports/{report_id}", response_model=RecordOut)
def api_record(request: Request, report_id: int, _: Account = Depends(reviewer)) -> dict[str, Any]:
    """One report's text and its facts grouped as the record (persons with their aliases,
    birth, affiliations and relatives; organisations; events; charges; sentences)."""
    data = load_report(request, report_id)
    return {k: data[k] for k in ("report", "progress", "text", "record", "mentions")}


@router.post(
    "/api/review/reports/{report_id}/facts/{claim_id}",
    response_model=DecisionOut,
    responses={400: {"description": "bad input"}, 409: {"description": "changed meanwhile"}},
)
def api_decide(
    request: Request,
    report_id: int,
    claim_id: int,
    decision: Decision,
    user: Account = Depends(reviewer),
) -> Any:
    """Confirm, edit, reject or reopen one fact of the report."""
    check_csrf(request, request.headers.get("x-csrf-token"))
    with database(request).transaction() as session:
        row = actions.decide(
            session, report_id, claim_id, decision.action, actor=user.name,
            value=decision.value, version=decision.version,
        )  # fmt: skip
        return {"id": row.id, "status": row.status, "value": row.value, "version": row.version}


@router.post("/api/review/reports/{report_id}/accept-rest", response_model=AcceptRestOut)
def api_accept_rest(
    request: Request,
    report_id: int,
    seen: dict[int, int] | None = Body(
        None, embed=True, description="fact id -> version shown; refused (409) if any moved"
    ),
    user: Account = Depends(reviewer),
) -> dict[str, Any]:
    """Confirm every fact nobody decided and mark the report reviewed."""
    check_csrf(request, request.headers.get("x-csrf-token"))
    with database(request).transaction() as session:
        accepted = operations.accept_rest(session, report_id, actor=user.name, seen=seen)
    return {"accepted": accepted, "state": "reviewed"}


@router.post("/api/review/reports/{report_id}/facts", response_model=FactOut, status_code=201)
def api_add(
    request: Request, report_id: int, fact: NewFact, user: Account = Depends(reviewer)
) -> Any:
    """Add a fact the machine missed; it keeps its span and is confirmed by you."""
    check_csrf(request, request.headers.get("x-csrf-token"))
    with database(request).transaction() as session:
        row = operations.add_fact(
            session, report_id, fact.kind, fact.value, [fact.span], actor=user.name,
            quote=fact.quote,
        )  # fmt: skip
        claim_id = row.id
    data = load_report(request, report_id)
    return next(f for f in data["facts"] if f["id"] == claim_id)
