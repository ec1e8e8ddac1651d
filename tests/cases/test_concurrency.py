"""Two reviewers deciding on the same case at the same moment, on two real connections:
the decisions serialise and the cases stay whole (both backends; the issue asks for
PostgreSQL, SQLite must not corrupt either)."""

from __future__ import annotations

import threading

from sqlalchemy import select

from tests.cases.conftest import add, event, person
from vigil.cases import list_cases, list_decisions, merge_persons, split_person
from vigil.store.cases import CaseRow, PersonMentionRow
from vigil.store.db import Database


def test_concurrent_split_and_merge_keep_cases_whole(db_url: str) -> None:
    setup = Database(db_url)
    setup.migrate()
    add(
        setup, "a", [*person("Rita Karasartova"), event("arrest", "2024-10-16", "Rita Karasartova")]
    )
    add(
        setup,
        "b",
        [*person("Rita Karasartova"), event("detention", "2024-10-18", "Rita Karasartova")],
    )
    add(
        setup, "c", [*person("Tilekmat Kurenov"), event("search", "2024-10-16", "Tilekmat Kurenov")]
    )
    with setup.read() as s:
        rita = next(c.id for c in list_cases(s) if c.name == "Rita Karasartova")
        other = next(c.id for c in list_cases(s) if c.name == "Tilekmat Kurenov")
        leaving = s.scalars(
            select(PersonMentionRow.id)
            .where(PersonMentionRow.case_id == rita)
            .order_by(PersonMentionRow.id)
        ).first()
    assert leaving is not None
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def reviewer(action: str) -> None:
        db = Database(db_url)  # its own engine: a separate connection
        try:
            barrier.wait()
            with db.transaction() as s:
                if action == "split":
                    split_person(s, rita, [leaving], actor="alice")
                else:
                    merge_persons(s, rita, other, actor="bob")
        except BaseException as exc:
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=reviewer, args=(a,)) for a in ("split", "merge")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    with setup.read() as s:
        decisions = {d.actor: d.action for d in list_decisions(s)}
        mentions = s.scalars(select(PersonMentionRow)).all()
        live = {c.id: c for c in s.scalars(select(CaseRow).where(CaseRow.merged_into.is_(None)))}
    setup.close()
    assert decisions == {"alice": "split", "bob": "merge"}
    assert len(mentions) == 3
    for m in mentions:
        assert m.case_id in live, "every mention belongs to a live case"
    for case in live.values():
        ours = sorted({m.report_id for m in mentions if m.case_id == case.id})
        assert sorted(case.sources) == ours, "summaries agree with membership"
