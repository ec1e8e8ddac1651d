"""Reviewed reports as gold records, and the machine scored against them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.web.fixtures import C, add_report_with_claims
from vigil.extract.evaluate import score
from vigil.quality.gold import gold_reports, reviewed_report_ids, write_gold
from vigil.quality.measure import current_figures, history, measure_extractor, measure_stored
from vigil.sources import read_bytes
from vigil.store.claims import list_claims, review_claim, save_extraction
from vigil.store.db import Database

TEXT = (
    "URL: https://example.org/a\nTITLE: Journalist detained\nPUBLISHED: 2021-03-20\n\n"
    "Police detained journalist Aliya Sarsenbaeva in Almaty on 12 March 2021. "
    "Sarsenbaeva was charged under article 174 of the Criminal Code."
)


def _claims() -> list[C]:
    return [
        C("person", {"name": "Aliya Sarsenbaeva", "role": "victim"}, [(26, 43)], "person:0"),
        C("alias", {"person": "Aliya Sarsenbaeva", "alias": "Sarsenbaeva"}, [(75, 86)],
          "person:0:alias:Sarsenbaeva"),
        C("person", {"name": "Almaty Police", "role": "official"}, [(0, 6)], "person:1"),
        C("event", {"type": "arrest", "date": "2021-03-11", "time": None, "place": "Almaty",
                    "country": "KZ", "victims": ["Aliya Sarsenbaeva"], "perpetrators": ["Police"],
                    "evidence": "Police detained journalist"}, [(0, 60)], "event:0"),
        C("charge", {"person": "Sarsenbaeva", "law": "Criminal Code", "article": "174",
                     "offence": None, "country": "KZ"}, [(75, 140)], "charge:0"),
    ]  # fmt: skip


def _store(db: Database) -> int:
    rid = add_report_with_claims(db, TEXT, _claims(), filename="kz-arrest.txt")
    with db.transaction() as session:
        record = {"doc": "kz-arrest.txt", "persons": [
            {"name": "Aliya Sarsenbaeva", "aliases": ["Sarsenbaeva"], "role": "victim"},
            {"name": "Almaty Police", "aliases": [], "role": "official"}],
            "organizations": [], "events": [
            {"type": "arrest", "date": "2021-03-11", "victims": ["Aliya Sarsenbaeva"]}],
            "charges": [{"person": "Sarsenbaeva", "article": "174"}], "sentences": []}  # fmt: skip
        save_extraction(session, rid, record, [], extractor="test")
    return rid


def _review_all(db: Database, rid: int) -> None:
    with db.transaction() as session:
        for row in list_claims(session, report_id=rid):
            if row.kind == "person" and row.value["name"] == "Almaty Police":
                review_claim(session, row.id, "reject", actor="rex")
            elif row.kind == "person":
                fixed = {"name": "Aliya Sarsenbayeva"}
                review_claim(session, row.id, "edit", actor="rex", value=fixed)
            elif row.kind == "event":
                review_claim(session, row.id, "edit", actor="rex", value={"date": "2021-03-12"})
            else:
                review_claim(session, row.id, "confirm", actor="rex")


def test_a_report_is_reviewed_when_every_claim_is_decided(db: Database) -> None:
    rid = _store(db)
    with db.read() as session:
        assert reviewed_report_ids(session) == []
    with db.transaction() as session:
        first = list_claims(session, report_id=rid)[0]
        review_claim(session, first.id, "confirm", actor="rex")
    with db.read() as session:
        assert reviewed_report_ids(session) == []
    _review_all(db, rid)
    with db.read() as session:
        assert reviewed_report_ids(session) == [rid]


def test_the_gold_record_takes_the_reviewers_values(db: Database) -> None:
    rid = _store(db)
    _review_all(db, rid)
    with db.read() as session:
        (gold,) = list(gold_reports(session))
    record = gold.record
    assert gold.name == f"{rid:04d}-kz-arrest"
    # The rejected person is out; the corrected name is used wherever the report named her.
    assert [p["name"] for p in record["persons"]] == ["Aliya Sarsenbayeva"]
    assert record["persons"][0]["aliases"] == ["Sarsenbaeva"]
    assert record["persons"][0]["role"] == "victim"
    (event,) = record["events"]
    assert event["date"] == "2021-03-12" and event["victims"] == ["Aliya Sarsenbayeva"]
    assert record["charges"][0]["article"] == "174"
    # NAME.txt has the GUIDELINES header and reads back as the stored report.
    doc = read_bytes(gold.text_file.encode("utf-8"), "x.txt")
    assert gold.text_file.startswith("URL: https://example.org/a\nTITLE: Journalist detained\n")
    assert doc.published == "2021-03-20" and "Police detained" in doc.text


def test_the_stored_records_are_scored_and_kept_over_time(db: Database) -> None:
    rid = _store(db)
    _review_all(db, rid)
    with db.transaction() as session:
        report = measure_stored(session)
        first = current_figures(session, actor="rex")
        again = current_figures(session, actor="rex")  # nothing changed: the same run
    cats = report.to_json()["categories"]
    # The machine found one person too many and the wrong date; its charge was right.
    assert cats["persons"]["tp"] == 1 and cats["persons"]["fp"] == 1
    assert cats["events_strict"]["tp"] == 0 and cats["events_loose"]["tp"] == 1
    assert cats["charges"]["f1"] == 1.0
    assert first == again and first.reports == 1
    with db.transaction() as session:
        row = list_claims(session, report_id=rid, kind="event")[0]
        review_claim(session, row.id, "edit", actor="rex", value={"date": "2021-03-11"})
        later = current_figures(session, actor="rex")
        past = history(session)
    assert later.figures["categories"]["events_strict"]["tp"] == 1
    assert len(past) == 2


@pytest.mark.slow
def test_export_then_eval_gives_the_figures_of_eval_reviewed(
    db: Database, tmp_path: Path, extractor: Any
) -> None:
    """Round trip: the exported folder scores exactly as the reviewed reports do."""
    from vigil.samples import sample_paths
    from vigil.store.claims import sync_claims
    from vigil.store.reports import add_report

    rids = []
    for path in sorted(sample_paths()):
        if path.suffix not in (".txt", ".md"):
            continue
        doc = read_bytes(path.read_bytes(), path.name)
        result = extractor.extract(doc.text, published=doc.published, language=doc.language)
        with db.transaction() as session:
            rid = add_report(session, doc, ingested_by="t").report_id
            sync_claims(session, rid, result.claims, extractor="t", actor="t")
            save_extraction(session, rid, result.record, [], extractor="t")
            for i, row in enumerate(list_claims(session, report_id=rid)):
                # A reviewer's mix of decisions: most confirmed, some rejected.
                action = "reject" if i % 5 == 4 else "confirm"
                review_claim(session, row.id, action, actor="rex")  # type: ignore[arg-type]
        rids.append(rid)
    assert len(rids) >= 3
    with db.read() as session:
        for gold in gold_reports(session):
            write_gold(gold, tmp_path / "gold")
        reviewed = measure_extractor(session, extractor)
    from_folder = score(tmp_path / "gold", extractor)
    assert len(reviewed.docs) == len(rids)
    assert json.dumps(from_folder.to_json()) == json.dumps(reviewed.to_json())
    # What the reviewer rejected, the machine still proposes: spurious.
    assert reviewed.micro.tp > 0 and reviewed.micro.fp > 0
