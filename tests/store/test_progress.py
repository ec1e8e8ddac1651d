"""A report's review progress follows its claims in the same transaction; a stale decision is
refused and changes nothing; a reviewer's addition is kept like an extracted fact (both
backends)."""

from __future__ import annotations

import pytest

from tests.store.test_claims import ARREST, CHARGE, PERSON, C
from tests.store.test_reports import make_doc
from vigil.store.claims import (
    StaleClaim,
    add_claim,
    claim_history,
    list_claims,
    review_claim,
    sync_claims,
)
from vigil.store.db import Database
from vigil.store.progress import get_progress, mark_finished, summarise
from vigil.store.reports import add_report


def test_summarise_states_urgency_and_countries() -> None:
    meta = {"url": "https://www.example.org/a", "ingested_by": "x", "language": "en",
            "published": "2024-01-02", "finished": False}  # fmt: skip
    none = summarise([], **meta)  # type: ignore[arg-type]
    assert none["state"] == "not_started" and none["source"] == "example.org"
    rows = [("event", "machine", "t", {"type": "torture", "country": "by"}),
            ("charge", "confirmed", "t", {"country": "RU"})]  # fmt: skip
    half = summarise(rows, **meta)  # type: ignore[arg-type]
    assert (half["state"], half["urgency"], half["countries"]) == ("in_progress", 5, " BY RU ")
    assert summarise(rows, **{**meta, "finished": True})["state"] == "reviewed"  # type: ignore[arg-type]


def test_progress_stale_forms_and_additions(db: Database) -> None:
    with db.transaction() as s:
        rid = add_report(s, make_doc("Arrested. Charged. Ajzhangul Amirova."),
                         ingested_by="t").report_id  # fmt: skip
        sync_claims(s, rid, [ARREST, CHARGE, PERSON], extractor="t", actor="t")
        assert get_progress(s, rid).state == "not_started"  # type: ignore[union-attr]
    with db.transaction() as s:
        claim = list_claims(s, report_id=rid, kind="charge")[0]
        review_claim(s, claim.id, "edit", actor="a", value={"article": "174"}, version=1)
        assert get_progress(s, rid).state == "in_progress"  # type: ignore[union-attr]
    with pytest.raises(StaleClaim), db.transaction() as s:
        review_claim(s, claim.id, "edit", actor="b", value={"article": "999"}, version=1)
    with db.read() as s:
        kept = list_claims(s, report_id=rid, kind="charge")[0]
        assert (kept.value["article"], kept.version, kept.reviewed_by) == ("174", 2, "a")
    with db.transaction() as s:
        row = add_claim(s, rid, "alias", {"person": "p1", "alias": "A. Amirova"},
                        [(19, 36)], actor="a")  # fmt: skip
        assert (row.stage, row.status, row.spans) == ("reviewer", "confirmed", [[19, 36]])
        assert [h.action for h in claim_history(s, row.id)] == ["added"]
        mark_finished(s, rid, "a")
        assert get_progress(s, rid).state == "reviewed"  # type: ignore[union-attr]
    # A later run keeps the reviewer's fact (only machine claims are updated or retracted).
    with db.transaction() as s:
        stats = sync_claims(s, rid, [ARREST, C("person", {"name": "X"})], extractor="t2",
                            actor="t")  # fmt: skip
        # The machine's person stays while the reviewer's alias points to her; the edited
        # charge stays.
        assert stats.retracted == 0
        kinds = {(r.kind, r.status) for r in list_claims(s, report_id=rid)}
        assert {("alias", "confirmed"), ("charge", "edited")} <= kinds
        progress = get_progress(s, rid)
        assert progress is not None and progress.added == 1 and progress.finished_by == "a"


def test_the_migration_fills_progress_for_reports_already_stored(db_url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from vigil.store.db import _alembic_config

    db = Database(db_url)
    try:
        with db.engine.begin() as conn:
            cfg = _alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0002")
        with db.transaction() as s:
            rid = add_report(s, make_doc("Arrested in Minsk."), ingested_by="t").report_id
            for status, value in (("confirmed", '{"type": "arrest", "country": "BY"}'),
                                  ("machine", '{"type": "search"}')):  # fmt: skip
                s.execute(
                    text(
                        "INSERT INTO claims (report_id, kind, key, fingerprint, value, spans, "
                        "stage, confidence, extractor, status, created_at, updated_at) VALUES "
                        "(:r, 'event', 'k', :fp, :v, '[[0, 8]]', 't', 0.5, 't', :st, "
                        "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                    ),
                    {"r": rid, "fp": status, "v": value, "st": status},
                )
        db.migrate()
        with db.read() as s:
            progress = get_progress(s, rid)
            assert progress is not None
            assert (progress.state, progress.urgency, progress.countries) == (
                "in_progress", 4, " BY ",
            )  # fmt: skip
            assert [c.version for c in list_claims(s, report_id=rid)] == [1, 1]
    finally:
        db.close()
