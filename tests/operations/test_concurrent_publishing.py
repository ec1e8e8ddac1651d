"""Issue 14 (10): a double-click is harmless. Ten reviewers publishing (releasing) the same
case at once, each on its own connection: no error, one publication, one audit entry."""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tests.operations.conftest import Web, report
from vigil.cases import find_cases
from vigil.operations import publishing
from vigil.store.accounts import AuditEntry
from vigil.store.db import Database
from vigil.store.publications import Publication, Release


def at_once(db_url: str, step: Callable[[Session], object], n: int = 10) -> list[BaseException]:
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def run() -> None:
        db = Database(db_url)  # its own engine: a separate connection
        try:
            barrier.wait()
            with db.transaction() as s:
                step(s)
        except BaseException as exc:
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


def test_parallel_publishes_and_releases_are_one_each(db_url: str) -> None:
    db = Database(db_url)
    db.migrate()
    report(db, "PUBLISHED1", "Galym Zhanturin")
    with db.read() as s:
        case = find_cases(s, "Galym Zhanturin")[0].id
    assert not at_once(db_url, lambda s: publishing.publish(s, case, actor="rex"))
    value = "+7 701 555 12 34"
    assert not at_once(db_url, lambda s: publishing.release(s, case, value, actor="rex"))
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Publication)) == 1
        assert s.scalar(select(func.count()).select_from(Release)) == 1
        actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    db.close()
    assert actions == ["case.publish", "case.release"]


def test_a_refused_write_is_answered_as_a_conflict(web: Web) -> None:
    """Whatever still collides in the database is a 409 to retry, never a 500."""

    @web.public.app.get("/api/test-collision")  # type: ignore[attr-defined]
    def collide() -> None:
        raise IntegrityError("INSERT ...", {}, Exception("duplicate key"))

    answer = web.public.get("/api/test-collision")
    assert answer.status_code == 409 and "retry" in answer.json()["error"]
