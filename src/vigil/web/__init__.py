"""Vigil's web application: the reviewers' pages, the public site and the JSON API.

    from vigil.web import create_app
    app = create_app()          # database and settings from the environment
    # uvicorn.run(app) -- or ``vigil serve``

Server-rendered pages (FastAPI + Jinja2) that read without JavaScript; every page has a
JSON twin under ``/api``; the OpenAPI document is at ``/openapi.json``. Anonymous visitors
see only published cases, through the redaction policy (``vigil.redaction``).
"""

from vigil.web.app import create_app

__all__ = ["create_app"]
