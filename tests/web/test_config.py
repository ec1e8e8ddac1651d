"""Settings: one module, one parser; the secret key is generated once, kept private, and never a
default."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from vigil.errors import ConfigError
from vigil.settings import get_settings


def test_secret_key_is_generated_once_into_vigil_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path))
    monkeypatch.delenv("VIGIL_SECRET_KEY", raising=False)
    first = get_settings().web
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert get_settings().web.secret_key == first.secret_key
    assert key_file.read_text().strip() not in first.secret_key  # derived, not the file


def test_settings_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path))
    monkeypatch.setenv("VIGIL_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("VIGIL_MAX_UPLOAD_MB", "2")
    monkeypatch.setenv("VIGIL_PUBLIC_URL", "https://vigil.example.org/")
    monkeypatch.delenv("VIGIL_HTTPS", raising=False)
    cfg = get_settings().web
    assert cfg.max_upload_bytes == 2 * 1024 * 1024
    assert cfg.public_url == "https://vigil.example.org" and cfg.https
    monkeypatch.setenv("VIGIL_SECRET_KEY", "short")
    with pytest.raises(ConfigError, match="VIGIL_SECRET_KEY"):
        _ = get_settings().web


def test_one_boolean_parser_refuses_typos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A typo in any boolean is an error naming the variable, in web and alert settings alike
    (they used to disagree: the web read a typo as false)."""
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path))
    monkeypatch.setenv("VIGIL_SECRET_KEY", "s" * 40)
    for name, group in (("VIGIL_HTTPS", "web"), ("VIGIL_SMTP_STARTTLS", "alerts")):
        monkeypatch.setenv(name, "ture")
        with pytest.raises(ConfigError, match=name):
            _ = getattr(get_settings(), group)
        monkeypatch.setenv(name, "off")
        assert getattr(get_settings(), group) is not None


def test_settings_are_read_once_per_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path))
    monkeypatch.delenv("VIGIL_SECRET_KEY", raising=False)
    first = get_settings()
    assert get_settings() is first
    assert first.web is first.web  # the key file is read once, not per request
    monkeypatch.setenv("VIGIL_ACTOR", "someone-else")
    assert get_settings() is not first and get_settings().actor == "someone-else"
