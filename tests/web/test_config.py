"""Web settings: the secret key is generated once, kept private, and never a default."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from vigil.errors import ConfigError
from vigil.settings import get_settings
from vigil.web.config import get_web_config


def test_secret_key_is_generated_once_into_vigil_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path))
    monkeypatch.delenv("VIGIL_SECRET_KEY", raising=False)
    first = get_web_config(get_settings())
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert get_web_config(get_settings()).secret_key == first.secret_key
    assert key_file.read_text().strip() not in first.secret_key  # derived, not the file


def test_settings_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path))
    monkeypatch.setenv("VIGIL_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("VIGIL_MAX_UPLOAD_MB", "2")
    monkeypatch.setenv("VIGIL_PUBLIC_URL", "https://vigil.example.org/")
    monkeypatch.delenv("VIGIL_HTTPS", raising=False)
    cfg = get_web_config(get_settings())
    assert cfg.max_upload_bytes == 2 * 1024 * 1024
    assert cfg.public_url == "https://vigil.example.org" and cfg.https
    monkeypatch.setenv("VIGIL_SECRET_KEY", "short")
    with pytest.raises(ConfigError):
        get_web_config(get_settings())
