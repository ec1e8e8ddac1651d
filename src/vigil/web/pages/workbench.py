"""The review workbench (pages): the report queue, and one report reviewed on one page, its
text with every fact highlighted beside the record as documenters think of it.

Every control is a form that works without JavaScript (a decision redirects back to the
next fact waiting, so the place is kept); ``static/app.js`` adds the keyboard, in-place
decisions and adding a fact by selecting words. JSON twins are in ``workbench_api``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from vigil.errors import Conflict, InputError, NotFound, VigilError
from vigil.facts.forms import edit_from_form
from vigil.facts.schema import FieldError, schema
from vigil.operations import claims as operations
from vigil.store.accounts import Account
from vigil.store.claims import list_claims
from vigil.store.models import ClaimRow
from vigil.store.progress import get_progress
from vigil.store.reports import get_report
from vigil.web.auth import check_csrf, csrf_token, require
from vigil.web.deps import database
from vigil.web.highlight import segments
from vigil.web.render import page, templates
from vigil.workbench import actions
from vigil.workbench.queue import QueueFilter, choices, next_report, report_queue
from vigil.workbench.record import ADDABLE, build_record, choices_for, ordered, report_mentions

router = APIRouter()
reviewer = require("reviewer")


# --- loading --------------------------------------------------------------------------------


def load_report(request: Request, report_id: int) -> dict[str, Any]:
    """Everything the workbench shows of one report, read in one short transaction."""
    with database(request).read() as session:
        report = get_report(session, report_id, with_text=True)
        rows = list_claims(session, report_id=report_id, limit=5000)
        progress = get_progress(session, report_id)
        text = report.text
        info = {
            "id": report.id,
            "title": report.title or report.filename,
            "filename": report.filename,
            "language": report.language,
            "published": report.published,
            "url": report.url,
            "received": report.ingested_at.isoformat(),
        }
        state = {
            "state": progress.state if progress else "not_started",
            "facts": len(rows),
            "waiting": sum(r.status == "machine" for r in rows),
            "finished_by": progress.finished_by if progress else None,
        }
    record = build_record(rows, text)
    return {
        "report": info,
        "text": text,
        "progress": state,
        "record": record,
        "facts": ordered(record),
        "mentions": report_mentions(rows),
        "rows": {r.id: r for r in rows},
    }


def text_parts(text: str, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut where facts start and end; each part knows its offset (``data-o``: the
    script turns a selection into offsets with it) and the facts that cover it."""
    shown = [f for f in facts if f["status"] != "rejected"]
    marks = [(a, b, f["id"], f["kind"]) for f in shown for a, b in f["spans"]]
    out, offset = [], 0
    for seg in segments(text, marks):
        out.append({"text": seg.text, "kind": seg.kind, "facts": seg.claims, "start": offset})
        offset += len(seg.text)
    return out


def _context(request: Request, data: dict[str, Any], **extra: Any) -> dict[str, Any]:
    at = extra.pop("at", None)
    waiting = [f["id"] for f in data["facts"] if not f["decided"]]
    return {
        **data,
        "parts": text_parts(data["text"], data["facts"]),
        "at": at if at in data["rows"] else (waiting[0] if waiting else None),
        "seen": ",".join(f"{f['id']}:{f['version']}" for f in data["facts"] if not f["decided"]),
        "addable": ADDABLE,
        "kinds": list(schema().kinds),
        "options_for": choices_for,
        "edit": None,
        "add": None,
        "errors": {},
        "accepted": None,
        **extra,
    }


# --- pages ----------------------------------------------------------------------------------


def queue_filter(
    state: str | None = Query(None, max_length=16),
    case: int | None = Query(None, ge=1, le=2**31),
    country: str | None = Query(None, max_length=8),
    since: str | None = Query(None, max_length=10),
    until: str | None = Query(None, max_length=10),
    source: str | None = Query(None, max_length=200),
    language: str | None = Query(None, max_length=16),
    sort: str = Query("newest", max_length=10),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> QueueFilter:
    return QueueFilter(
        state=state or None, case_id=case, country=country or None, since=since or None,
        until=until or None, source=source or None, language=language or None, sort=sort,
        offset=offset,
    ).checked()  # fmt: skip


@router.get("/review/reports", response_class=HTMLResponse, include_in_schema=False)
def queue_page(
    request: Request, f: QueueFilter = Depends(queue_filter), _: Account = Depends(reviewer)
) -> Response:
    with database(request).read() as session:
        found = report_queue(session, f)
        offered = choices(session)
    params = {
        "state": f.state, "case": f.case_id, "country": f.country, "since": f.since,
        "until": f.until, "source": f.source, "language": f.language, "sort": f.sort,
    }  # fmt: skip
    return page(request, "workbench_queue.html", {**found, **offered, "f": params})


@router.get("/review/reports/{report_id}", response_class=HTMLResponse, include_in_schema=False)
def report_page(
    request: Request,
    report_id: int,
    at: int | None = Query(None, ge=1, le=2**62),
    edit: int | None = Query(None, ge=1, le=2**62),
    add: str | None = Query(None, max_length=32),
    start: int | None = Query(None, ge=0, le=2**31),
    end: int | None = Query(None, ge=0, le=2**31),
    accepted: int | None = Query(None, ge=0, le=100_000),
    _: Account = Depends(reviewer),
) -> Response:
    data = load_report(request, report_id)
    ctx = _context(request, data, at=edit or at, accepted=accepted)
    if edit is not None and edit in data["rows"]:
        ctx["edit"] = edit
    if add:
        ctx["add"] = _add_state(data, add, start, end)
    return page(request, "workbench.html", ctx)


def _add_state(
    data: dict[str, Any], kind: str, start: int | None, end: int | None, value: Any = None
) -> dict[str, Any]:
    if kind not in schema().kinds:
        raise InputError(f"unknown kind of fact {kind!r}", subject=kind)
    text = data["text"]
    start = start if start is not None and 0 <= start < len(text) else 0
    end = end if end is not None and start < end <= len(text) else start
    while start < end and text[start].isspace():  # a selection often takes a space along
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    quote = text[start:end]
    if value is None:
        value = {ADDABLE[kind]: " ".join(quote.split())} if kind in ADDABLE and quote else {}
    return {"kind": kind, "start": start, "end": end, "quote": quote, "value": value}


@router.get("/review/reports/{report_id}/facts/{claim_id}/form", include_in_schema=False)
def edit_fragment(
    request: Request, report_id: int, claim_id: int, _: Account = Depends(reviewer)
) -> Response:
    """The edit form of one fact, for the script to open in place."""
    data = load_report(request, report_id)
    fact = next((f for f in data["facts"] if f["id"] == claim_id), None)
    if fact is None:
        raise NotFound("no such fact in this report", subject=str(claim_id))
    ctx = _context(request, data, edit=claim_id)
    return _fragment(request, "edit_form", ctx, fact=fact)


@router.get("/review/reports/{report_id}/add", include_in_schema=False)
def add_fragment(
    request: Request,
    report_id: int,
    kind: str = Query(..., max_length=32),
    start: int = Query(0, ge=0, le=2**31),
    end: int = Query(0, ge=0, le=2**31),
    _: Account = Depends(reviewer),
) -> Response:
    """The form that adds a fact resting on the selected words, for the script."""
    data = load_report(request, report_id)
    ctx = _context(request, data)
    ctx["add"] = _add_state(data, kind, start, end)
    return _fragment(request, "add_form", ctx)


def fragment_html(request: Request, macro: str, ctx: dict[str, Any], **args: Any) -> str:
    """One macro of ``_workbench.html`` rendered with the page's context."""
    module = templates.env.get_template("_workbench.html").make_module(
        {**ctx, "csrf": csrf_token(request)}
    )
    return str(getattr(module, macro)(**args))


def _fragment(request: Request, macro: str, ctx: dict[str, Any], **args: Any) -> Response:
    html = fragment_html(request, macro, ctx, **args)
    return HTMLResponse(html, headers={"Cache-Control": "private, no-store"})


# --- decisions ------------------------------------------------------------------------------


def form_mapping(form: FormData) -> dict[str, str]:
    """A submitted form as one string per name; repeated names (victims' checkboxes) are
    joined one per line, as the list inputs write them."""
    out: dict[str, str] = {}
    for key in form:
        values = [v for v in form.getlist(key) if isinstance(v, str)]
        out[key] = "\n".join(v for v in values if v) if len(values) > 1 else (values or [""])[0]
    return out


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def _int(raw: str | None, what: str) -> int | None:
    if raw in (None, ""):
        return None
    try:
        return int(str(raw))
    except ValueError:
        raise InputError(f"{what} is a whole number", subject=what) from None


def _decide(
    request: Request, report_id: int, claim_id: int, fields: dict[str, str], user: Account
) -> int:
    action = fields.get("action", "")
    version = _int(fields.get("version"), "version")
    db = database(request)
    with db.transaction() as session:
        value = None
        if action == "edit":
            row = session.get(ClaimRow, claim_id)
            if row is None or row.report_id != report_id:
                raise NotFound("no such fact in this report", subject=str(claim_id))
            value = edit_from_form(row.kind, fields, dict(row.value))
            if not value:
                raise InputError("nothing was changed", subject=str(claim_id))
        row = actions.decide(
            session, report_id, claim_id, action, actor=user.name, value=value, version=version
        )
        return row.id


def _next_waiting(data: dict[str, Any], after: int) -> int | None:
    ids: list[int] = [int(f["id"]) for f in data["facts"]]
    waiting = {int(f["id"]) for f in data["facts"] if not f["decided"]}
    if after in ids:
        i = ids.index(after)
        for fid in ids[i + 1 :] + ids[:i]:
            if fid in waiting:
                return fid
    return min(waiting) if waiting else None


@router.post("/review/reports/{report_id}/facts/{claim_id}", include_in_schema=False)
async def decide_form(
    request: Request, report_id: int, claim_id: int, user: Account = Depends(reviewer)
) -> Response:
    form = await request.form(max_fields=2000)
    fields = form_mapping(form)
    check_csrf(request, fields.get("csrf"))
    try:
        await run_in_threadpool(_decide, request, report_id, claim_id, fields, user)
    except (FieldError, Conflict, InputError) as exc:
        return await run_in_threadpool(_refused, request, report_id, claim_id, fields, exc)
    data = await run_in_threadpool(load_report, request, report_id)
    following = _next_waiting(data, claim_id)
    if _wants_json(request):
        ctx = _context(request, data)
        fact = next(f for f in data["facts"] if f["id"] == claim_id)
        html = fragment_html(request, "fact_item", ctx, fact=fact)
        return JSONResponse(
            {"ok": True, "html": html, "next": following, "progress": data["progress"]}
        )
    target = following or claim_id
    return RedirectResponse(f"/review/reports/{report_id}?at={target}#f-{target}", 303)


def _refused(
    request: Request, report_id: int, claim_id: int, fields: dict[str, str], exc: VigilError
) -> Response:
    """The page again, the fact's form open with what the reviewer typed and the message
    beside the field it is about (400), or above the fact after a conflict (409)."""
    status = 409 if isinstance(exc, Conflict) else 400
    data = load_report(request, report_id)
    fact = next((f for f in data["facts"] if f["id"] == claim_id), None)
    if fact is None:
        raise exc
    errors = {exc.field: exc.problem} if isinstance(exc, FieldError) else {}
    typed = dict(fact["value"])
    if fields.get("action") == "edit" and not isinstance(exc, Conflict):
        typed.update(edit_from_form(fact["kind"], fields, fact["value"]))
        fact = {**fact, "value": typed}
    ctx = _context(
        request, data, at=claim_id, edit=claim_id if fields.get("action") == "edit" else None,
        errors={claim_id: errors}, problem={claim_id: exc.message},
    )  # fmt: skip
    if _wants_json(request):
        form = fragment_html(request, "edit_form", ctx, fact=fact)
        body = {"ok": False, "error": exc.message, "field": next(iter(errors), None)}
        return JSONResponse({**body, "form": form}, status_code=status)
    ctx["typed"] = {claim_id: typed}
    return page(request, "workbench.html", ctx, status=status)


@router.post("/review/reports/{report_id}/accept-rest", include_in_schema=False)
async def accept_rest_form(
    request: Request, report_id: int, user: Account = Depends(reviewer)
) -> Response:
    form = await request.form()
    fields = form_mapping(form)
    check_csrf(request, fields.get("csrf"))
    seen = parse_seen(fields.get("seen", ""))
    n = await run_in_threadpool(_accept_rest, request, report_id, seen, user)
    return RedirectResponse(f"/review/reports/{report_id}?accepted={n}", 303)


def parse_seen(raw: str) -> dict[int, int]:
    """``ID:VERSION,ID:VERSION`` as the page wrote it."""
    seen: dict[int, int] = {}
    for item in filter(None, raw.split(",")):
        fid, _, ver = item.partition(":")
        try:
            seen[int(fid)] = int(ver)
        except ValueError:
            raise InputError("the list of facts shown is damaged; reload") from None
    return seen


def _accept_rest(
    request: Request, report_id: int, seen: dict[int, int] | None, user: Account
) -> int:
    with database(request).transaction() as session:
        accepted = operations.accept_rest(session, report_id, actor=user.name, seen=seen)
        return len(accepted)


@router.post("/review/reports/{report_id}/facts", include_in_schema=False)
async def add_form(request: Request, report_id: int, user: Account = Depends(reviewer)) -> Response:
    form = await request.form(max_fields=2000)
    fields = form_mapping(form)
    check_csrf(request, fields.get("csrf"))
    kind = fields.get("kind", "")
    start, end = _int(fields.get("start"), "start") or 0, _int(fields.get("end"), "end") or 0
    try:
        claim_id = await run_in_threadpool(_add, request, report_id, kind, start, end, fields, user)
    except (FieldError, Conflict, InputError) as exc:
        data = await run_in_threadpool(load_report, request, report_id)
        if kind not in schema().kinds:
            raise
        value = edit_from_form(kind, fields, {})
        ctx = _context(request, data, add=_add_state(data, kind, start, end, value))
        ctx["add_error"] = exc.message
        ctx["errors"] = {"add": {exc.field: exc.problem} if isinstance(exc, FieldError) else {}}
        status = 409 if isinstance(exc, Conflict) else 400
        if _wants_json(request):
            html = fragment_html(request, "add_form", ctx)
            return JSONResponse({"ok": False, "error": exc.message, "form": html}, status)
        return page(request, "workbench.html", ctx, status=status)
    url = f"/review/reports/{report_id}?at={claim_id}#f-{claim_id}"
    if _wants_json(request):
        return JSONResponse({"ok": True, "id": claim_id, "url": url})
    return RedirectResponse(url, 303)


def _add(
    request: Request,
    report_id: int,
    kind: str,
    start: int,
    end: int,
    fields: dict[str, str],
    user: Account,
) -> int:
    if kind not in schema().kinds:
        raise InputError(f"unknown kind of fact {kind!r}", subject=kind)
    value = edit_from_form(kind, fields, {})
    with database(request).transaction() as session:
        row = operations.add_fact(
            session, report_id, kind, value, [(start, end)], actor=user.name,
            quote=fields.get("quote"),
        )  # fmt: skip
        return row.id


@router.get("/review/next", include_in_schema=False)
def next_page(
    request: Request, after: int = Query(0, ge=0, le=2**62), _: Account = Depends(reviewer)
) -> Response:
    """On to the most urgent report not yet reviewed."""
    with database(request).read() as session:
        found = next_report(session, after)
    return RedirectResponse(f"/review/reports/{found}" if found else "/review/reports", 303)
