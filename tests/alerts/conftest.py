"""Fixtures for alert tests: the database on both backends (tests/conftest.py), real SMTP
and HTTP receivers on loopback, and settings pointing at them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.alerts.receivers import HookSink, MailSink
from vigil.settings import AlertSettings, get_settings


@pytest.fixture
def mail() -> Iterator[MailSink]:
    sink = MailSink().start()
    try:
        yield sink
    finally:
        sink.stop()


@pytest.fixture
def hooks() -> Iterator[HookSink]:
    sink = HookSink().start()
    try:
        yield sink
    finally:
        sink.stop()


@pytest.fixture
def alert_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mail: MailSink) -> dict[str, str]:
    env = {
        "VIGIL_HOME": str(tmp_path / "home"),
        "VIGIL_SECRET_KEY": "test-secret-key-0123456789-abcdefghijkl",
        "VIGIL_SMTP_HOST": "127.0.0.1",
        "VIGIL_SMTP_PORT": str(mail.port),
        "VIGIL_MAIL_FROM": "Vigil <alerts@vigil.example>",
        "VIGIL_PUBLIC_URL": "https://vigil.example",
        "VIGIL_OUTBOX_RETRY_BASE": "0.2",
        "VIGIL_OUTBOX_RETRY_MAX": "0.5",
        "VIGIL_OUTBOX_LEASE": "3",
        "VIGIL_WEBHOOK_TIMEOUT": "5",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


@pytest.fixture
def settings(alert_env: dict[str, str]) -> AlertSettings:
    return get_settings().alerts


@pytest.fixture(scope="module")
def alert_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AlertSettings]:
    """Settings without a database or receivers (for property tests)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("VIGIL_HOME", str(tmp_path_factory.mktemp("home")))
    mp.setenv("VIGIL_SECRET_KEY", "test-secret-key-0123456789-abcdefghijkl")
    mp.setenv("VIGIL_PUBLIC_URL", "https://vigil.example")
    try:
        yield get_settings().alerts
    finally:
        mp.undo()
