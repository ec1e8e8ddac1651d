"""Migration 0009: a database whose claims name people by name keeps working: the claims
point to ids (links a rename had broken are mended), fingerprints stay, case-wide mention
ids, links and decisions follow, and the case keeps its id. Both backends."""

from __future__ import annotations

import hashlib
from typing import Any

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import select

from tests.store.test_reports import make_doc
from vigil.cases import get_dossier, update_report
from vigil.store.cases import (
    CaseDecisionRow,
    CaseRow,
    MentionKeyRow,
    PersonLinkRow,
    PersonMentionRow,
)
from vigil.store.claims import fingerprint, list_claims, sync_claims
from vigil.store.db import Database, _alembic_config
from vigil.store.fold import name_key
from vigil.store.models import ClaimChange, ClaimRow
from vigil.store.reports import add_report

MINE = "0009_mention_ids"
NAME, MACHINE = "Aliya Sarsenbayeva", "Aliya Sarsenbaeva"


def _old_id(report_id: int, name: str) -> str:
    digest = hashlib.sha1(name_key(name).encode(), usedforsecurity=False).hexdigest()[:12]
    return f"pm-{report_id}-{digest}"


def _up_to_before(db: Database, mine: str = MINE) -> None:
    """Every revision that does not come after ``mine``, and what ``mine`` stands on."""
    with db.engine.begin() as conn:
        cfg = _alembic_config()
        cfg.attributes["connection"] = conn
        script = ScriptDirectory.from_config(cfg)
        below = script.get_revision(mine)
        for head in script.get_heads():
            if head != mine and mine not in {
                r.revision for r in script.iterate_revisions(head, "base")
            }:
                command.upgrade(cfg, head)
        for rev in (below.down_revision, below.dependencies):
            if rev:
                command.upgrade(cfg, str(rev))


class _Fact:
    def __init__(self, kind: str, value: dict[str, Any]) -> None:
        self.kind, self.value = kind, value
        self.spans, self.key, self.stage, self.confidence = [(0, 5)], "k", "test.v1", 0.8


# What the machine stored before ids: names everywhere (the person as it first wrote her).
MACHINE_FACTS = [
    _Fact("person", {"name": MACHINE, "role": "victim"}),
    _Fact("alias", {"person": MACHINE, "alias": "A. Sarsenbayeva"}),
    _Fact("birth_date", {"person": MACHINE, "birth_date": "1985-04-02"}),
    _Fact("organization", {"name": "Adil Soz", "aliases": [], "kind": "media"}),
    _Fact(
        "event",
        {
            "type": "arrest",
            "date": "2021-03-12",
            "victims": [MACHINE],
            "perpetrators": ["police", "Adil Soz"],
            "country": "KZ",
        },
    ),
    _Fact("event", {"type": "search", "date": None, "victims": ["Adil Soz"]}),
    _Fact("charge", {"person": NAME, "article": "174", "country": "KZ"}),
    _Fact("sentence", {"person": "Nobody Known", "penalty": "fine"}),
]
# A victim named by an alias (a reviewer's addition, say).
BY_ALIAS = _Fact("event", {"type": "attack", "date": None, "victims": ["A. Sarsenbayeva"]})


def _old_database(db: Database) -> tuple[int, int]:
    """A report as the old code left it: the reviewer renamed the person (so the machine's
    birth date, naming her as the machine did, no longer reached her), a case with her
    mention, and a split decision about it."""
    with db.transaction() as s:
        rid = add_report(s, make_doc("Aliya Sarsenbayeva was arrested."), ingested_by="t").report_id
        for fact in [*MACHINE_FACTS, BY_ALIAS]:
            row = ClaimRow(report_id=rid, kind=fact.kind, key="k",
                           fingerprint=fingerprint(fact.kind, fact.value), value=fact.value,
                           spans=[[0, 5]], stage="test.v1", confidence=0.8, extractor="old",
                           status="machine")  # fmt: skip
            s.add(row)
            s.flush()
            after = {"kind": fact.kind, "value": fact.value}
            s.add(ClaimChange(claim_id=row.id, report_id=rid, actor="x", action="extracted",
                              before=None, after=after))  # fmt: skip
            if fact.kind == "person":
                row.value, row.status = {"name": NAME, "role": "victim"}, "edited"
        case = CaseRow(name=NAME, aliases=[], charges=[], sources=[rid])
        s.add(case)
        s.flush()
        old = _old_id(rid, NAME)
        mention = PersonMentionRow(id=old, report_id=rid, case_id=case.id, name=NAME,
                                   aliases=[], affiliations=[], relatives=[])  # fmt: skip
        s.add(mention)
        s.flush()
        s.add(MentionKeyRow(mention_id=old, key="sarsenbayeva"))
        decision = CaseDecisionRow(action="split", actor="rex",
                                   detail={"case": case.id, "mentions": [old]})  # fmt: skip
        s.add(decision)
        s.flush()
        s.add(PersonLinkRow(decision_id=decision.id, a=old, b="pm-99-elsewhere", link="cannot"))
        return rid, case.id


def test_claims_naming_people_are_migrated_to_ids(db_url: str) -> None:
    db = Database(db_url)
    try:
        _up_to_before(db)
        rid, case_id = _old_database(db)
        with db.read() as s:
            fingerprints = {r.id: r.fingerprint for r in list_claims(s, report_id=rid)}
        db.migrate()
        with db.read() as s:
            rows = list_claims(s, report_id=rid)
            by_kind = {(r.kind, r.value.get("type")): r.value for r in rows}
            assert {r.id: r.fingerprint for r in rows} == fingerprints
            mention = s.scalars(select(PersonMentionRow)).one()
            keys = list(s.scalars(select(MentionKeyRow.mention_id)))
            link = s.scalars(select(PersonLinkRow)).one()
            decision = s.scalars(select(CaseDecisionRow)).one()
        assert by_kind[("person", None)] == {"id": "p1", "name": NAME, "role": "victim"}
        assert by_kind[("organization", None)]["id"] == "o1"
        assert by_kind[("alias", None)]["person"] == "p1"
        # Named as the machine first wrote her: mended through the rename's history.
        assert by_kind[("birth_date", None)]["person"] == "p1"
        assert by_kind[("event", "arrest")]["victims"] == ["p1"]
        assert by_kind[("event", "attack")]["victims"] == ["p1"]  # by her alias
        assert by_kind[("event", "arrest")]["perpetrators"] == ["police", "o1"]
        assert by_kind[("event", "search")]["victims"] == ["o1"]
        assert by_kind[("charge", None)]["person"] == "p1"
        assert by_kind[("sentence", None)]["person"] == "Nobody Known"  # nobody: as written
        assert (mention.id, mention.case_id) == (f"pm-{rid}-p1", case_id)
        assert keys == [f"pm-{rid}-p1"] and link.a == f"pm-{rid}-p1"
        assert decision.detail["mentions"] == [f"pm-{rid}-p1"]
        # The machine's next run finds its facts (nothing added twice), the case keeps its id.
        with db.transaction() as s:
            stats = sync_claims(s, rid, MACHINE_FACTS, extractor="new", actor="t")
            update_report(s, rid)
        assert (stats.added, stats.updated) == (0, 0)
        with db.read() as s:
            dossier = get_dossier(s, case_id)
        assert dossier.summary.id == case_id and dossier.summary.name == NAME
        assert [f.value["birth_date"] for f in dossier.birth_dates] == ["1985-04-02"]
        assert [f.value["article"] for f in dossier.charges] == ["174"]
        assert {e.type for e in dossier.timeline} == {"arrest"}
        # And back: names again, the old mention id.
        with db.engine.begin() as conn:
            cfg = _alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0008_workbench")
        with db.read() as s:
            values = {
                r.kind: r.value
                for r in s.scalars(select(ClaimRow).where(ClaimRow.kind.in_(("person", "charge"))))
            }
            assert values["person"] == {"name": NAME, "role": "victim"}
            assert values["charge"]["person"] == NAME
            assert s.scalars(select(PersonMentionRow.id)).one() == _old_id(rid, NAME)
    finally:
        db.close()
