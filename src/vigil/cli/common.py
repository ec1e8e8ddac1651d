"""Small helpers every command shares: the database, JSON lines, consoles."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from sqlalchemy.orm import Session

from vigil.settings import get_settings
from vigil.store.db import Database, open_database

# Tables and progress go to stdout; progress bars and errors to stderr, so that
# ``vigil ... --json | jq`` stays clean.
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


def database() -> Database:
    return open_database(get_settings())


def print_json_line(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


@contextmanager
def transaction() -> Iterator[Session]:
    """One transaction on the configured database, closed afterwards."""
    db = database()
    try:
        with db.transaction() as session:
            yield session
    finally:
        db.close()
