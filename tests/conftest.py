"""Fixtures shared by the whole suite: a database on each backend.

Every storage test takes ``db`` and so runs twice, on SQLite and on PostgreSQL. PostgreSQL
comes from ``VIGIL_TEST_DATABASE_URL``; where it is unset or unreachable those runs are
skipped with the reason printed (pytest -ra lists it), never silently.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from vigil.store.db import Database

PG_ENV = "VIGIL_TEST_DATABASE_URL"
# A stage that raises fails the test that ran it (and the `vigil` commands tests start),
# instead of leaving a partial record with a warning as it does for users.
os.environ.setdefault("VIGIL_STRICT_STAGES", "1")
_pg_problem: str | None = None


def _pg_base_url() -> str | None:
    global _pg_problem
    raw = os.environ.get(PG_ENV)
    if not raw:
        _pg_problem = f"{PG_ENV} is not set: PostgreSQL runs of storage tests are skipped"
        return None
    url = make_url(raw)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    try:
        eng = create_engine(url, connect_args={"connect_timeout": 3})
        with eng.connect() as conn:
            conn.execute(text("SELECT 1"))
        eng.dispose()
    except Exception as exc:
        _pg_problem = f"PostgreSQL at {url.render_as_string()} unreachable ({type(exc).__name__})"
        return None
    return url.render_as_string(hide_password=False)


_PG_URL = _pg_base_url()


def pytest_report_header(config: pytest.Config) -> list[str]:
    return [f"vigil backends: sqlite, postgresql: {'yes' if _PG_URL else _pg_problem}"]


def postgres_url_or_skip() -> str:
    if _PG_URL is None:
        pytest.skip(_pg_problem or "PostgreSQL unavailable")
    return _PG_URL


class PgSchema:
    """A throw-away schema on the test server; URLs into it select it via search_path."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.name = f"vigil_t_{uuid.uuid4().hex[:12]}"
        self._engine = create_engine(base_url)
        with self._engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{self.name}"'))

    @property
    def url(self) -> str:
        url = make_url(self.base_url).update_query_dict({"options": f"-csearch_path={self.name}"})
        return url.render_as_string(hide_password=False)

    def drop(self) -> None:
        with self._engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self._engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL on each backend, empty, not yet migrated."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'vigil.db'}"
        return
    schema = PgSchema(postgres_url_or_skip())
    try:
        yield schema.url
    finally:
        schema.drop()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A migrated, empty database on each backend."""
    database = Database(db_url)
    database.migrate()
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def vigil_env(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Environment for running the ``vigil`` CLI against ``db_url``."""
    env = dict(os.environ)
    env.update(
        {
            "VIGIL_HOME": str(tmp_path / "home"),
            "VIGIL_DATABASE_URL": db_url,
            "VIGIL_ACTOR": "tester",
        }
    )
    for key, value in env.items():
        if key.startswith("VIGIL_"):
            monkeypatch.setenv(key, value)
    return env
