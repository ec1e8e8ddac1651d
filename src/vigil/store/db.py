"""The database: one URL, an engine, short explicit transactions, and migrations on open."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from vigil.errors import StorageError
from vigil.settings import Settings, get_settings
from vigil.store import dialect

log = logging.getLogger(__name__)


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("vigil.store") / "migrations"))
    return cfg


class Database:
    """An engine plus a session factory. ``transaction()`` is the unit of work."""

    def __init__(self, url: str, *, connect_args: dict[str, object] | None = None) -> None:
        self.url = url
        parsed = make_url(url)
        if parsed.drivername in ("postgresql", "postgres"):
            # psycopg 3 is the driver we ship; a bare postgresql:// URL means it.
            url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(
            url, connect_args=connect_args or {}, **dialect.engine_options(url)
        )
        dialect.configure_engine(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def migrate(self) -> None:
        """Bring the schema to the newest revision (idempotent)."""
        try:
            with self.engine.begin() as conn:
                cfg = _alembic_config()
                cfg.attributes["connection"] = conn
                # Each area (claims, cases, accounts, alerts) may add its own branch of
                # revisions on top of the shared base, so there can be several heads.
                current = set(MigrationContext.configure(conn).get_current_heads())
                heads = set(ScriptDirectory.from_config(cfg).get_heads())
                if current != heads:
                    log.info("migrating database schema from %s to %s", current, heads)
                    command.upgrade(cfg, "heads")
        except OperationalError as exc:
            raise StorageError(
                f"cannot open the database: {exc.orig}", subject=self.safe_url
            ) from exc

    @property
    def safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits on success and rolls back on any exception."""
        with self._sessions() as session, session.begin():
            dialect.begin_write(session.connection())
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(settings: Settings | None = None, *, migrate: bool = True) -> Database:
    settings = settings or get_settings()
    db = Database(settings.database_url)
    if migrate:
        db.migrate()
    return db
