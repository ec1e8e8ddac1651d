"""Rendering pages: one Jinja2 environment (autoescaping on), the common context."""

from __future__ import annotations

from importlib import resources
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from vigil.facts.forms import form_fields
from vigil.web.auth import csrf_token, current_user

templates = Jinja2Templates(directory=str(resources.files("vigil.web") / "templates"))
templates.env.autoescape = True
templates.env.globals["urlencode"] = urlencode


def page(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status: int = 200
) -> HTMLResponse:
    user = current_user(request)
    ctx: dict[str, Any] = {
        "user": user,
        "csrf": csrf_token(request),
        "public": user is None,
        **(context or {}),
    }
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
