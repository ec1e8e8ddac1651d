"""The application factory: database, settings, routers, security headers, error pages."""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Awaitable, Callable
from importlib import resources

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

from vigil import i18n
from vigil.errors import Conflict, NotFound, VigilError
from vigil.facts.schema import FieldError
from vigil.i18n import N_
from vigil.settings import Settings, WebSettings, get_settings
from vigil.store.db import Database, open_database
from vigil.web import geo
from vigil.web.auth import PRE_COOKIE, CsrfFailed, Forbidden, LoginRequired
from vigil.web.casesource import CaseSource, LiveCases
from vigil.web.language import COOKIE as LANGUAGE_COOKIE
from vigil.web.language import request_language
from vigil.web.render import page, query_url

log = logging.getLogger(__name__)

# One module per page group; each has ``router``.
PAGE_MODULES: tuple[str, ...] = (
    "vigil.web.pages.account",
    "vigil.web.pages.home",
    "vigil.web.pages.cases",
    "vigil.web.pages.preview",
    "vigil.web.pages.reports",
    "vigil.web.pages.review",
    "vigil.web.pages.workbench",
    "vigil.web.pages.workbench_api",
    "vigil.web.pages.search",
    "vigil.web.pages.upload",
    "vigil.web.pages.directory",
    "vigil.web.pages.apidocs",
    "vigil.web.pages.audit",
    "vigil.web.pages.users",
    "vigil.web.pages.alerts",
    "vigil.web.pages.alert_desk",
    "vigil.web.pages.quality",
)

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str, **extra: str) -> Response:
    """The API answers in English (clients may match on it); pages in the reader's
    language: messages made here are marked ``N_`` and translated as they are shown."""
    if _wants_json(request):
        return JSONResponse({"error": message, **extra}, status_code=status)
    with i18n.using(request_language(request)):
        shown = i18n.gettext(message)
    return page(request, "error.html", {"status": status, "message": shown}, status=status)


def create_app(
    db: Database | None = None,
    *,
    settings: Settings | None = None,
    config: WebSettings | None = None,
    cases: CaseSource | None = None,
) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Vigil",
        summary="Cases of people at risk, built from reports, with their sources.",
        version="1",
        # FastAPI's /docs and /redoc load scripts from a CDN; /api lists the endpoints
        # from the OpenAPI document instead, with nothing fetched from elsewhere.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.db = db or open_database(settings)
    app.state.config = config or settings.web
    app.state.cases = cases or LiveCases()
    static = resources.files("vigil.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for name in PAGE_MODULES:
        app.include_router(importlib.import_module(name).router)
    _install_handlers(app)
    # Maps need city coordinates (a second to load): load them before the first dossier.
    threading.Thread(target=geo.warm, name="vigil-geo", daemon=True).start()
    return app


def _install_handlers(app: FastAPI) -> None:
    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        paged = not request.url.path.startswith("/static/") and not _wants_json(request)
        if paged:
            # Pages and the messages their handlers make speak the reader's language.
            i18n.set_current(request_language(request))
        response = await call_next(request)
        headers = response.headers
        if paged:
            headers["Vary"] = "Accept-Language, Cookie"
            chosen = getattr(request.state, "new_language", None)
            if chosen:
                response.set_cookie(
                    LANGUAGE_COOKIE,
                    chosen,
                    max_age=365 * 24 * 3600,
                    httponly=True,
                    samesite="lax",
                    secure=request.app.state.config.https,
                    path="/",
                )
        headers.setdefault("Content-Security-Policy", _CSP)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        headers["X-Frame-Options"] = "DENY"
        cfg: WebSettings = request.app.state.config
        if cfg.https:
            headers["Strict-Transport-Security"] = "max-age=31536000"
        pre = getattr(request.state, "new_pre", None)
        if pre:
            response.set_cookie(
                PRE_COOKIE, pre, httponly=True, samesite="lax", secure=cfg.https, path="/"
            )
        if getattr(request.state, "account", None) is not None:
            headers.setdefault("Cache-Control", "private, no-store")
        return response

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if _wants_json(request) or request.method != "GET":
            return _error(request, 401, N_("log in first"))
        target = query_url("/login", {"next": request.url.path})
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return _error(request, 403, N_("your role does not allow this"))

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(request: Request, exc: CsrfFailed) -> Response:
        return _error(request, 403, N_("the form expired or came from elsewhere; reload and retry"))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        # Says what is missing ("no such fact in this report: a new extraction run may have
        # withdrawn it"); never more than that the thing does not exist for this user.
        return _error(request, 404, exc.message or N_("not found"))

    @app.exception_handler(Conflict)
    async def changed_first(request: Request, exc: Conflict) -> Response:
        # Someone else changed it first; nothing of this request was saved.
        return _error(request, 409, exc.message)

    @app.exception_handler(VigilError)
    async def vigil_error(request: Request, exc: VigilError) -> Response:
        if isinstance(exc, FieldError):  # the API names the field that does not fit
            return _error(request, 400, exc.message, field=exc.field)
        return _error(request, 400, exc.message)

    @app.exception_handler(IntegrityError)
    async def conflict(request: Request, exc: IntegrityError) -> Response:
        # Two requests changed the same row at once and the database refused the second:
        # a conflict to retry, not a crash.
        return _error(request, 409, N_("someone changed this at the same moment; reload and retry"))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = N_("not found") if exc.status_code == 404 else str(exc.detail)
        return _error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        # A path id that is not a number names nothing: not found, like an unknown id.
        if any(err.get("loc", ("",))[0] == "path" for err in exc.errors()):
            return _error(request, 404, N_("not found"))
        return _error(request, 400, N_("the request is not valid"))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.error("unhandled error on %s: %s", request.url.path, type(exc).__name__)
        log.debug("traceback", exc_info=exc)
        return _error(request, 500, N_("something went wrong on our side"))
