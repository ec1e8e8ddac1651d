"""Issue 14: extracting stored reports again (``vigil reextract``, a changed model) must not
put unreviewed facts on a published case behind the reviewer's back. When publishing needs
review, a run that brings evidence nobody reviewed holds the case, as a change of its
people does; a run that changes nothing, or brings only what the reviewer published, does
not."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from sqlalchemy import select

from tests.cases.conftest import C, add, charge, event, person
from tests.operations.conftest import Web
from tests.operations.test_publication_safety import case_of
from vigil.extract.model import ExtractionResult
from vigil.operations import claims as claim_ops
from vigil.operations import publishing
from vigil.pipeline.extraction import ExtractionStage
from vigil.store.models import ClaimRow
from vigil.store.publications import publication

NAME = "Galym Zhanturin"
TEXT = f"PUBLISHED1 {NAME} was arrested on 2024-03-01 and charged under Article 174."
SECRET_ARTICLE = "ARTICLE9SECRET"


def first_run() -> list[C]:
    return [*person(NAME), event("arrest", "2024-03-01", NAME), charge(NAME, "174")]


class Rerun:
    """An extractor whose next run over any report gives ``claims``."""

    def __init__(self, claims: list[C]) -> None:
        self.claims = claims

    def extract_many(self, items: Iterable[Any], **_: Any) -> Iterator[ExtractionResult]:
        for _item in items:
            yield ExtractionResult(record={}, claims=list(self.claims))  # type: ignore[arg-type]


def rerun(web: Web, report_id: int, claims: list[C]) -> None:
    stage = ExtractionStage(actor="extractor")
    stage._extractor = Rerun(claims)  # type: ignore[assignment]
    with web.db.transaction() as s:
        stage.rerun(s, [report_id])


def published_and_reviewed(web: Web) -> tuple[int, int]:
    report_id = add(web.db, TEXT, first_run())
    with web.db.transaction() as s:
        ids = s.scalars(select(ClaimRow.id).where(ClaimRow.report_id == report_id)).all()
        for claim_id in ids:
            claim_ops.review(s, claim_id, "confirm", actor="rex")
    case = case_of(web, report_id)
    with web.db.transaction() as s:
        publishing.publish(s, case, actor="rex", requires_review=True)
    assert web.public.get(f"/api/cases/{case}").status_code == 200
    return report_id, case


@pytest.fixture
def review_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIL_PUBLISH_REQUIRES_REVIEW", "1")


@pytest.mark.usefixtures("review_required")
def test_a_rerun_that_brings_an_unreviewed_fact_holds_the_case(web: Web) -> None:
    report_id, case = published_and_reviewed(web)
    rerun(web, report_id, [*first_run(), charge(NAME, SECRET_ARTICLE)])
    assert case_of(web, report_id) == case, "the same people: no membership change"
    answer = web.public.get(f"/api/cases/{case}")
    assert answer.status_code == 404, "held until a reviewer looks at the new fact"
    assert SECRET_ARTICLE not in web.public.get("/api/laws").text
    with web.db.read() as s:
        held = publication(s, case)
        assert held is not None and held.held_at is not None
        assert held.held_reason and "extract" in held.held_reason


@pytest.mark.usefixtures("review_required")
def test_a_rerun_that_changes_nothing_leaves_the_case_public(web: Web) -> None:
    report_id, case = published_and_reviewed(web)
    rerun(web, report_id, first_run())
    assert web.public.get(f"/api/cases/{case}").status_code == 200


@pytest.mark.usefixtures("review_required")
def test_a_rerun_that_drops_a_machine_fact_leaves_the_case_public(web: Web) -> None:
    """Less is shown, nothing new: no hold (reviewed facts are kept by any run)."""
    report_id, case = published_and_reviewed(web)
    rerun(web, report_id, [*first_run(), charge(NAME, SECRET_ARTICLE)])
    with web.db.transaction() as s:
        publishing.publish(s, case, actor="rex", requires_review=False)  # seen, published
    rerun(web, report_id, first_run())
    assert web.public.get(f"/api/cases/{case}").status_code == 200


def test_without_required_review_a_rerun_shows_its_facts_marked_unreviewed(web: Web) -> None:
    report_id, case = published_and_reviewed(web)
    rerun(web, report_id, [*first_run(), charge(NAME, SECRET_ARTICLE)])
    shown = web.public.get(f"/api/cases/{case}")
    assert shown.status_code == 200
    facts = [f for f in shown.json()["case"]["charge_facts"] if f["value"]["article"]]
    assert {f["value"]["article"]: f["reviewed"] for f in facts} == {
        "174": True,
        SECRET_ARTICLE: False,
    }
