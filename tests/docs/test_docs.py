"""Every command a user can run is documented in docs/cli.md."""

from __future__ import annotations

from pathlib import Path

import typer

from vigil.cli import main

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _commands(group: typer.Typer, prefix: str = "vigil") -> list[str]:
    found: list[str] = []
    for info in group.registered_commands:
        found.append(f"{prefix} {info.name}")
    for sub in group.registered_groups:
        assert sub.typer_instance is not None and sub.name
        found.extend(_commands(sub.typer_instance, f"{prefix} {sub.name}"))
    return found


def test_every_command_is_documented() -> None:
    main._register_all()
    text = DOCS.read_text(encoding="utf-8")
    commands = _commands(main.app)
    assert len(commands) >= 4
    missing = [c for c in commands if f"## {c}\n" not in text]
    assert not missing, f"undocumented in docs/cli.md: {missing}"


def test_settings_are_documented() -> None:
    """Every variable Vigil reads is documented, and every documented one is read."""
    import re

    from vigil.settings import SETTINGS

    text = (DOCS.parent / "settings.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`(VIGIL_[A-Z_]+)`", text)) - {"VIGIL_TEST_DATABASE_URL"}
    assert len(SETTINGS) >= 20
    assert set(SETTINGS) - documented == set(), "undocumented in docs/settings.md"
    assert documented - set(SETTINGS) == set(), "documented but not declared in vigil/settings"


def test_settings_are_read_only_by_the_settings_module() -> None:
    """No module reads a VIGIL_* variable behind the settings module's back."""
    import re

    src = Path(__file__).resolve().parents[2] / "src" / "vigil"
    readers = []
    for path in src.rglob("*.py"):
        if path.name == "settings.py":
            continue
        body = path.read_text(encoding="utf-8")
        if re.search(r"environ(?:\.get)?[\[(]\s*[\"']VIGIL_", body):
            readers.append(str(path.relative_to(src)))
    assert readers == [], f"read VIGIL_* outside vigil/settings.py: {readers}"
