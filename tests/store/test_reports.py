"""Storing reports: content addressing, metadata, offsets, originals (both backends)."""

from __future__ import annotations

import pytest

from vigil.errors import NotFound
from vigil.sources.document import OffsetMap, SourceDocument
from vigil.store.db import Database
from vigil.store.reports import (
    add_report,
    count_reports,
    get_report,
    list_reports,
    offset_map,
    original_bytes,
)


def make_doc(body: str, *, name: str = "r.txt", title: str | None = "A title") -> SourceDocument:
    raw = body.encode("utf-8")
    offsets = OffsetMap()
    offsets.add(0, len(body), 0, len(raw))
    return SourceDocument(
        original=raw,
        filename=name,
        media_type="text/plain",
        text=body,
        offsets=offsets,
        reader="text.v1",
        title=title,
        published="2012-01-06",
        language="en",
        encoding="utf-8",
    )


def test_same_bytes_are_one_report(db: Database) -> None:
    doc = make_doc("Ajzhangul Amirova was arrested at the airport in Aktau.")
    with db.transaction() as s:
        first = add_report(s, doc, ingested_by="alice")
    with db.transaction() as s:
        second = add_report(s, make_doc(doc.text, name="copy.txt"), ingested_by="bob")
    assert not first.duplicate and second.duplicate
    assert first.report_id == second.report_id
    with db.read() as s:
        assert count_reports(s) == 1
        rep = get_report(s, first.report_id)
        assert rep.ingested_by == "alice" and rep.filename == "r.txt"


def test_original_bytes_come_back_unchanged(db: Database) -> None:
    raw = "Заявление: Айжангуль Амирова\r\n\x00tail".encode()
    doc = make_doc("Заявление: Айжангуль Амирова\ntail")
    doc.original = raw
    with db.transaction() as s:
        stored = add_report(s, doc, ingested_by="t")
    with db.read() as s:
        rep = get_report(s, stored.report_id)
        assert original_bytes(s, rep) == raw
        assert rep.sha256 == stored.sha256 and rep.size == len(raw)


def test_lookup_by_hash_prefix_and_unknown(db: Database) -> None:
    with db.transaction() as s:
        stored = add_report(s, make_doc("one"), ingested_by="t")
    with db.read() as s:
        assert get_report(s, stored.sha256[:8]).id == stored.report_id
        with pytest.raises(NotFound):
            get_report(s, "999999")
        with pytest.raises(NotFound):
            get_report(s, "not-an-id")


def test_metadata_text_and_offsets_round_trip(db: Database) -> None:
    doc = make_doc("Natalia Sokolova was sentenced to 6 years.", title="Verdict")
    doc.warnings = ["decoded as cp1251"]
    with db.transaction() as s:
        stored = add_report(s, doc, ingested_by="t")
    with db.read() as s:
        rep = get_report(s, stored.report_id, with_text=True)
        assert rep.text == doc.text
        assert rep.title == "Verdict" and rep.published == "2012-01-06"
        assert rep.warnings == ["decoded as cp1251"]
        assert offset_map(rep).to_original(0, 7) == (0, 7)
        listed = list_reports(s)
        assert [r.id for r in listed] == [stored.report_id]


def test_failed_transaction_leaves_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction() as s:
        add_report(s, make_doc("half-stored?"), ingested_by="t")
        raise RuntimeError("killed between insert and commit")
    with db.read() as s:
        assert count_reports(s) == 0
        assert s.execute(__import__("sqlalchemy").text("SELECT count(*) FROM blobs")).scalar() == 0


def test_migrate_is_idempotent(db: Database) -> None:
    db.migrate()
    db.migrate()
    with db.read() as s:
        assert count_reports(s) == 0
