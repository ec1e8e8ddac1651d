"""Small helpers every command shares: the database, JSON lines, consoles, case ids."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import Any

from rich.console import Console
from sqlalchemy.orm import Session

from vigil.cases import find_cases
from vigil.cases.dossier import resolve_case_id
from vigil.errors import NotFound
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
    with closing(database()) as db, db.transaction() as session:
        yield session


@contextmanager
def reading() -> Iterator[Session]:
    """A session that only reads the configured database, closed afterwards."""
    with closing(database()) as db, db.read() as session:
        yield session


def case_ref(session: Session, ref: str) -> int:
    """A case by id or name. An id merged into another case leads there (with a note on
    standard error), as the web does."""
    if ref.strip().isdigit():
        asked = int(ref)
        try:
            live = resolve_case_id(session, asked).id
        except NotFound:
            raise NotFound("no case with that id or name", subject=ref) from None
        if live != asked:
            err.print(f"case {asked} was merged into case {live}")
        return live
    found = find_cases(session, ref)
    if not found:
        raise NotFound("no case with that id or name", subject=ref)
    if len(found) > 1:
        names = ", ".join(f"{c.id} ({c.name})" for c in found[:8])
        raise NotFound(f"several cases match: {names}; give an id", subject=ref)
    return found[0].id
