"""Turning the paths a user names into inputs: files, directories (recursively), ``-``."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from vigil.errors import InputError, TooLarge

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Input:
    """One thing to ingest. ``problem`` is set when it cannot even be opened."""

    name: str  # what the user sees: the path as given/found, or "<stdin>"
    path: Path | None
    problem: str | None = None

    def load(self, max_bytes: int) -> bytes:
        """The input's bytes; ``TooLarge`` past ``max_bytes`` without reading it all."""
        limit_mb = max_bytes // (1024 * 1024)
        if self.path is None:
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            try:
                size = self.path.stat().st_size
                if size > max_bytes:
                    raise TooLarge(
                        f"{size / 1048576:.1f} MB is over the {limit_mb} MB limit "
                        "(VIGIL_MAX_REPORT_MB)",
                        subject=self.name,
                    )
                data = self.path.read_bytes()
            except PermissionError as exc:
                raise InputError("permission denied", subject=self.name) from exc
            except IsADirectoryError as exc:
                raise InputError("is a directory", subject=self.name) from exc
            except OSError as exc:
                raise InputError(exc.strerror or str(exc), subject=self.name) from exc
        if len(data) > max_bytes:
            raise TooLarge(f"over the {limit_mb} MB limit (VIGIL_MAX_REPORT_MB)", subject=self.name)
        return data


def expand(paths: list[str]) -> Iterator[Input]:
    """Inputs in the order given; a directory's files sorted by path, hidden ones skipped."""
    for raw in paths:
        if raw == STDIN:
            yield Input("<stdin>", None)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield _file_input(path)
        else:
            yield Input(raw, None, problem="no such file or directory")


def _walk(root: Path) -> Iterator[Input]:
    problems: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=problems.append):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield _file_input(Path(dirpath) / name)
    for err in problems:
        yield Input(
            str(err.filename or root), None, problem=err.strerror or "cannot list directory"
        )


def _file_input(full: Path) -> Input:
    """A file found in a directory; special files (FIFOs, sockets) and broken links are
    reported, never opened (a FIFO would block the batch)."""
    try:
        st = full.stat()
    except OSError as exc:
        return Input(str(full), None, problem=exc.strerror or "cannot read")
    if not stat.S_ISREG(st.st_mode):
        return Input(str(full), None, problem="not a regular file")
    if not os.access(full, os.R_OK):
        return Input(str(full), None, problem="permission denied")
    return Input(str(full), full)
