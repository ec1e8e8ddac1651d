"""Settings of urgent actions and their delivery, read from ``VIGIL_*`` variables.

Each has a comment and a default that works on one machine; the secret key has no working
default outside development (a key file is created in VIGIL_HOME on first use).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from vigil.errors import ConfigError
from vigil.settings import Settings, derived_key, get_settings, public_url


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def _num(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, not {raw!r}") from exc
    if value < 0:
        raise ConfigError(f"{name} must not be negative, not {raw!r}")
    return value


@dataclass(frozen=True)
class AlertSettings:
    # SMTP server that relays alert mail (VIGIL_SMTP_HOST, VIGIL_SMTP_PORT).
    smtp_host: str
    smtp_port: int
    # Login for the SMTP server; none when empty (VIGIL_SMTP_USER, VIGIL_SMTP_PASSWORD).
    smtp_user: str
    smtp_password: str
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
    # HMAC key of confirmation and unsubscribe links (VIGIL_SECRET_KEY; else a key file).
    secret_key: bytes
    home: Path


def _secret(settings: Settings) -> bytes:
    """The link-signing key, derived from the one secret the web site also uses."""
    return derived_key(settings, b"vigil.alerts.links.v1")


def get_alert_settings(settings: Settings | None = None) -> AlertSettings:
    """Read the settings afresh from the environment."""
    settings = settings or get_settings()
    port = _num("VIGIL_SMTP_PORT", 25)
    if port != int(port) or not 0 < port < 65536:
        raise ConfigError(f"VIGIL_SMTP_PORT must be a port number, not {port!r}")
    return AlertSettings(
        smtp_host=os.environ.get("VIGIL_SMTP_HOST", "localhost"),
        smtp_port=int(port),
        smtp_user=os.environ.get("VIGIL_SMTP_USER", ""),
        smtp_password=os.environ.get("VIGIL_SMTP_PASSWORD", ""),
        smtp_starttls=_bool("VIGIL_SMTP_STARTTLS", False),
        mail_from=os.environ.get("VIGIL_MAIL_FROM", "Vigil alerts <alerts@localhost>"),
        public_url=public_url(),
        allow_private_webhooks=_bool("VIGIL_ALLOW_PRIVATE_WEBHOOKS", False),
        webhook_timeout=_num("VIGIL_WEBHOOK_TIMEOUT", 10.0),
        outbox_lease=_num("VIGIL_OUTBOX_LEASE", 120.0),
        retry_base=_num("VIGIL_OUTBOX_RETRY_BASE", 30.0),
        retry_max=_num("VIGIL_OUTBOX_RETRY_MAX", 6 * 3600.0),
        max_attempts=int(_num("VIGIL_OUTBOX_MAX_ATTEMPTS", 12)),
        import_max_rows=int(_num("VIGIL_SUBSCRIBER_IMPORT_MAX_ROWS", 100_000)),
        secret_key=_secret(settings),
        home=settings.home,
    )
