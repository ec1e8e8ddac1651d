"""Read the commented YAML data files that hold Vigil's rules and lexicons."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

from vigil.errors import ConfigError


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``data/<name>.yaml`` of this package (read once per process)."""
    ref = resources.files("vigil.extract").joinpath("data").joinpath(f"{name}.yaml")
    try:
        raw = yaml.safe_load(ref.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"extraction data file {name}.yaml is missing") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"extraction data file {name}.yaml must hold a mapping")
    return raw


def words_regex(words: list[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One compiled alternation of phrases (regex syntax allowed), longest first."""
    alts = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w])", flags)
