"""Rendering pages: one Jinja2 environment (autoescaping on), the common context."""

from __future__ import annotations

from importlib import resources
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from vigil import i18n
from vigil.facts.forms import form_fields
from vigil.web.auth import csrf_token, current_user
from vigil.web.language import request_language, switch_links
from vigil.web.terms import term

templates = Jinja2Templates(directory=str(resources.files("vigil.web") / "templates"))
templates.env.autoescape = True
templates.env.add_extension("jinja2.ext.i18n")
templates.env.globals["urlencode"] = urlencode
# Every string in the templates is wrapped in {% trans %} or _(); they are looked up in the
# language in use when the page renders (``vigil.i18n.current``).
templates.env.install_gettext_callables(  # type: ignore[attr-defined]
    i18n.gettext, i18n.ngettext, newstyle=True, pgettext=i18n.pgettext, npgettext=i18n.npgettext
)
templates.env.filters["day"] = i18n.format_day
templates.env.filters["term"] = term


def page(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status: int = 200
) -> HTMLResponse:
    user = current_user(request)
    language = request_language(request)
    ctx: dict[str, Any] = {
        "user": user,
        "csrf": csrf_token(request),
        "public": user is None,
        "lang": language,
        "other_languages": switch_links(request, language),
        **(context or {}),
    }
    with i18n.using(language):  # also for error pages made outside the request's context
        response: HTMLResponse = templates.TemplateResponse(request, name, ctx, status_code=status)
    return response


def query_url(path: str, params: dict[str, Any]) -> str:
    """A shareable URL: ``path`` with the non-empty ``params``."""
    kept = {k: v for k, v in params.items() if v not in (None, "", [])}
    return f"{path}?{urlencode(kept, doseq=True)}" if kept else path


templates.env.globals["query_url"] = query_url


def mark_withheld(html: str) -> str:
    """A rendered (escaped) page with each withheld marker marked, for the redaction
    previews: only the policy's literal marker is wrapped, nothing else changes."""
    from markupsafe import escape

    from vigil.redaction import policy

    marker = str(escape(policy().marker))
    return html.replace(marker, f'<mark class="withheld">{marker}</mark>')


def _mark_text(text: str) -> Markup:
    """A filter: ``text`` escaped, its withheld markers marked."""
    from vigil.redaction import policy

    marker = escape(policy().marker)
    marked = Markup('<mark class="withheld">') + marker + Markup("</mark>")
    return escape(text).replace(marker, marked)


templates.env.filters["withheld"] = _mark_text
templates.env.globals["fact_fields"] = form_fields
