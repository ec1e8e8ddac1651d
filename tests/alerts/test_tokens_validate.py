"""Signed link tokens, address and header checks, webhook URL checks."""

from __future__ import annotations

import pytest

from vigil.alerts.tokens import CONFIRM, UNSUBSCRIBE, BadToken, make_token, read_token
from vigil.alerts.validate import (
    HeaderInjection,
    InvalidAddress,
    RefusedWebhook,
    check_webhook_url,
    header_text,
    normalize_email,
)

KEY = b"k" * 32


def test_token_round_trip_and_tampering() -> None:
    token = make_token(KEY, UNSUBSCRIBE, 42)
    assert read_token(KEY, token, UNSUBSCRIBE) == 42
    assert "@" not in token
    with pytest.raises(BadToken):
        read_token(KEY, token.replace(".42.", ".43."), UNSUBSCRIBE)
    with pytest.raises(BadToken):
        read_token(b"x" * 32, token, UNSUBSCRIBE)
    with pytest.raises(BadToken):
        read_token(KEY, token, CONFIRM)  # an unsubscribe link cannot confirm
    with pytest.raises(BadToken):
        read_token(KEY, "garbage", UNSUBSCRIBE)


def test_confirmation_links_expire_unsubscribe_links_do_not() -> None:
    old = 1_000_000_000
    with pytest.raises(BadToken, match="expired"):
        read_token(KEY, make_token(KEY, CONFIRM, 1, now=old), CONFIRM)
    assert read_token(KEY, make_token(KEY, UNSUBSCRIBE, 1, now=old), UNSUBSCRIBE) == 1


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Ana@Example.ORG", "ana@example.org"),
        (" a.b+tag@sub.example.org ", "a.b+tag@sub.example.org"),
        ("x@bücher.de", "x@xn--bcher-kva.de"),
    ],
)
def test_valid_addresses(raw: str, stored: str) -> None:
    assert normalize_email(raw) == stored


@pytest.mark.parametrize(
    "raw",
    ["", "plain", "a@b", "a@@b.org", "a@b..org", ".a@b.org", "a@-b.org", "a b@c.org", "a@1.2.3.4"],
)
def test_invalid_addresses(raw: str) -> None:
    with pytest.raises(InvalidAddress):
        normalize_email(raw)


@pytest.mark.parametrize("raw", ["a@b.org\r\nBcc: x@evil.org", "a@b.org\nX: y", "a\x00@b.org"])
def test_line_breaks_in_addresses_are_injection(raw: str) -> None:
    with pytest.raises(HeaderInjection):
        normalize_email(raw)


def test_header_text_refuses_line_breaks() -> None:
    assert header_text("  Ana Pérez ", "name") == "Ana Pérez"
    for bad in ("Ana\r\nBcc: x@evil.org", "Ana\rX", "Ana\u2028X"):
        with pytest.raises(HeaderInjection):
            header_text(bad, "name")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost:8080/x",
        "http://10.1.2.3/x",
        "http://192.168.0.1/x",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/x",
        "http://0.0.0.0/x",
    ],
)
def test_private_webhook_targets_are_refused(url: str) -> None:
    with pytest.raises(RefusedWebhook, match="private or loopback"):
        check_webhook_url(url, allow_private=False)
    assert check_webhook_url(url, allow_private=True)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/x", "file:///etc/passwd", "http://u:p@example.org/", "http:///x"]
)
def test_bad_webhook_urls(url: str) -> None:
    with pytest.raises(RefusedWebhook):
        check_webhook_url(url, allow_private=True, resolve=False)


def test_a_public_address_is_accepted() -> None:
    assert check_webhook_url("https://93.184.215.14/hook", allow_private=False) == ["93.184.215.14"]
