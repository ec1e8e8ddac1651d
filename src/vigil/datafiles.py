"""Reading Vigil's own data files (word lists, triggers, rules): one function for every
package, so a missing or malformed file fails the same clear way everywhere."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from vigil.errors import ConfigError


def read_mapping(package: str, folder: str, name: str, *, what: str) -> dict[str, Any]:
    """The parsed ``<package>/<folder>/<name>.yaml``; ``what`` names the file in errors
    ("extraction data file", "redaction word list")."""
    ref = resources.files(package).joinpath(folder).joinpath(f"{name}.yaml")
    try:
        raw = yaml.safe_load(ref.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{what} {name}.yaml is missing") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{what} {name}.yaml must hold a mapping")
    return raw
