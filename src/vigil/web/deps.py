"""What every page reads from the application: the database, settings, the case source."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from fastapi import Request

from vigil.store.db import Database

if TYPE_CHECKING:
    from vigil.web.casesource import CaseSource
    from vigil.web.config import WebConfig


def database(request: Request) -> Database:
    return cast(Database, request.app.state.db)


def config(request: Request) -> WebConfig:
    return cast("WebConfig", request.app.state.config)


def cases(request: Request) -> CaseSource:
    return cast("CaseSource", request.app.state.cases)
