"""Read the commented YAML data files that hold Vigil's rules and lexicons."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from vigil.datafiles import read_mapping


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``data/<name>.yaml`` of this package (read once per process)."""
    return read_mapping("vigil.extract", "data", name, what="extraction data file")


def words_regex(words: list[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One compiled alternation of phrases (regex syntax allowed), longest first."""
    alts = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w])", flags)
