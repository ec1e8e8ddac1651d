"""Settings of the web application, read from ``VIGIL_*`` environment variables.

Kept apart from ``vigil.settings`` (the lead's) so that serving adds nothing there. Each
setting has a comment and a default; the secret key has no working default outside
development: on first serve one is generated into ``VIGIL_HOME/secret_key``.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field

from vigil.errors import ConfigError
from vigil.settings import Settings, derived_key, get_settings
from vigil.settings import public_url as site_url

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class WebConfig:
    # Signs CSRF tokens. VIGIL_SECRET_KEY, else VIGIL_HOME/secret_key (created on first serve).
    secret_key: str
    # Largest upload accepted through the web, in bytes (VIGIL_MAX_UPLOAD_MB, default 25).
    max_upload_bytes: int
    # The address the public reaches the site at, for links in e-mails and feeds
    # (VIGIL_PUBLIC_URL, default http://127.0.0.1:8000).
    public_url: str
    # Served behind HTTPS (VIGIL_HTTPS=1): session cookies get the Secure flag and pages
    # send Strict-Transport-Security. Default: on when VIGIL_PUBLIC_URL starts with https.
    https: bool
    # Reverse proxies whose X-Forwarded-For header is believed (VIGIL_TRUSTED_PROXIES:
    # addresses or networks, comma-separated; default none). Anyone else's header is
    # ignored: believing it would let a client pick the address login throttling counts.
    trusted_proxies: tuple[IPNetwork, ...] = field(default=())


def _secret(settings: Settings) -> str:
    """The site's own key (CSRF tokens), derived from the one secret."""
    return derived_key(settings, b"vigil.web.csrf.v1").hex()


def _bool(raw: str | None, default: bool) -> bool:
    if raw is None or raw.strip() == "":
        return default
    return raw.strip().lower() in ("1", "true", "yes", "on")


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


def get_web_config(settings: Settings | None = None) -> WebConfig:
    settings = settings or get_settings()
    raw_mb = os.environ.get("VIGIL_MAX_UPLOAD_MB", "25").strip() or "25"
    try:
        max_mb = float(raw_mb)
    except ValueError as exc:
        raise ConfigError(f"VIGIL_MAX_UPLOAD_MB must be a number, not {raw_mb!r}") from exc
    public_url = site_url()
    return WebConfig(
        secret_key=_secret(settings),
        max_upload_bytes=int(max_mb * 1024 * 1024),
        public_url=public_url,
        https=_bool(os.environ.get("VIGIL_HTTPS"), public_url.startswith("https://")),
        trusted_proxies=parse_networks(os.environ.get("VIGIL_TRUSTED_PROXIES", "")),
    )
