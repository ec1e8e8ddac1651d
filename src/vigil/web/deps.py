"""What every page reads from the application: the database, settings, the case source."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from fastapi import Request

from vigil.store.db import Database

if TYPE_CHECKING:
    from vigil.settings import WebSettings
    from vigil.web.casesource import CaseSource


def database(request: Request) -> Database:
    return cast(Database, request.app.state.db)


def config(request: Request) -> WebSettings:
    return cast("WebSettings", request.app.state.config)


def cases(request: Request) -> CaseSource:
    return cast("CaseSource", request.app.state.cases)
