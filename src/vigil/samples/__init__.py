"""Sample reports bundled with Vigil: fictional people, realistic shapes.

Each file is a report in one of the formats Vigil reads (plain text with URL/TITLE/PUBLISHED
header lines, Markdown, HTML with navigation noise, PDF, DOCX, e-mail with a DOCX attachment,
and text in legacy encodings). They serve demos (``vigil`` on a fresh install), readers' and
extractors' tests, and the documentation. The binary ones are written by
``scripts/make_samples.py``; the others are edited by hand.

Every person, organisation, address and phone number in them is invented.
"""

from __future__ import annotations

import atexit
import contextlib
import pathlib
from importlib import resources
from importlib.resources.abc import Traversable

SAMPLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".pdf", ".docx", ".eml"})

_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def _as_path(item: Traversable) -> pathlib.Path:
    """A real filesystem path for ``item``; extracted to a temporary file when the package
    is imported from a zip (removed at interpreter exit)."""
    if isinstance(item, pathlib.Path):
        return item
    return _extracted.enter_context(resources.as_file(item))


def sample_paths() -> list[pathlib.Path]:
    """Paths of the bundled sample reports, sorted by file name."""
    root = resources.files(__name__)
    items = [
        item
        for item in root.iterdir()
        if item.is_file()
        and pathlib.PurePath(item.name).suffix in SAMPLE_SUFFIXES
        and not item.name.startswith(".")
    ]
    return [_as_path(item) for item in sorted(items, key=lambda it: it.name)]
