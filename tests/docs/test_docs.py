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
    import dataclasses

    from vigil.settings import Settings

    text = (DOCS.parent / "settings.md").read_text(encoding="utf-8")
    for field in dataclasses.fields(Settings):
        env = {"home": "VIGIL_HOME", "database_url": "VIGIL_DATABASE_URL"}.get(
            field.name, f"VIGIL_{field.name.upper()}"
        )
        if field.name == "max_report_bytes":
            env = "VIGIL_MAX_REPORT_MB"
        assert f"`{env}`" in text, f"{env} is not in docs/settings.md"
