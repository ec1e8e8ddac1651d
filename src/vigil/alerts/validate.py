"""Checks on everything from outside that reaches a message or a connection: e-mail
addresses, names and subjects (no header injection), webhook URLs (no private targets)."""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

from vigil.errors import InputError


class InvalidAddress(InputError):
    code = "E520"


class HeaderInjection(InputError):
    code = "E521"


class RefusedWebhook(InputError):
    code = "E522"


# Deliberately plain: one @, a dot-atom local part, a domain of LDH labels with a dot.
# Quoted local parts and IP-literal domains are legal but not accepted for subscriptions.
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")


def normalize_email(raw: str) -> str:
    """The address to store, lower-cased (one person, one subscription, whatever the case
    they type; no mainstream provider treats case as significant), IDN domains as punycode;
    or InvalidAddress."""
    addr = raw.strip()
    if _CONTROL.search(addr):
        raise HeaderInjection("e-mail address contains a line break or control character")
    if len(addr) > 254 or addr.count("@") != 1:
        raise InvalidAddress(f"not an e-mail address: {_show(addr)}")
    local, domain = addr.split("@")
    try:
        domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise InvalidAddress(f"invalid domain in e-mail address: {_show(addr)}") from exc
    labels = domain.split(".")
    if (
        not local
        or len(local) > 64
        or not _LOCAL.match(local)
        or len(labels) < 2
        or not all(_LABEL.match(label) for label in labels)
        or labels[-1].isdigit()
    ):
        raise InvalidAddress(f"not an e-mail address: {_show(addr)}")
    return f"{local.lower()}@{domain}"


def header_text(raw: str, what: str, *, max_len: int = 200) -> str:
    """A one-line value for a header (name, subject); CR/LF or controls are refused."""
    if _CONTROL.search(raw):
        raise HeaderInjection(f"{what} contains a line break or control character")
    value = raw.strip()
    if len(value) > max_len:
        raise InputError(f"{what} is longer than {max_len} characters")
    return value


def one_line(raw: str) -> str:
    """Defence in depth when building a header from stored text: fold any control run."""
    return re.sub(r"\s+", " ", _CONTROL.sub(" ", raw)).strip()


def _show(value: str) -> str:
    return repr(value[:60])


def check_webhook_url(url: str, *, allow_private: bool, resolve: bool = True) -> list[str]:
    """Refuse what is not http(s) or what resolves to a private, loopback, link-local,
    multicast or reserved address (unless an admin allows it). Returns the addresses to
    connect to, so a second DNS answer cannot redirect the request (rebinding)."""
    if _CONTROL.search(url) or len(url) > 2000:
        raise RefusedWebhook("webhook URL contains control characters or is too long")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RefusedWebhook(f"webhook URL must be http:// or https:// with a host: {url!r}")
    if parts.username or parts.password:
        raise RefusedWebhook("webhook URL must not carry a user name or password")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise RefusedWebhook(f"webhook URL has an invalid port: {url!r}") from exc
    if not resolve:
        return []
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise RefusedWebhook(f"webhook host does not resolve: {parts.hostname}") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global or ip.is_multicast:
                raise RefusedWebhook(
                    f"webhook host {parts.hostname} is a private or loopback address "
                    f"({address}); an admin may allow it (VIGIL_ALLOW_PRIVATE_WEBHOOKS or "
                    "--allow-private)"
                )
    return addresses
