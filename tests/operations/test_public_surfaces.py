"""Issue 14's target: publish, split, merge, unpublish, undo, add reports, re-resolve,
extract reports again, release and withhold values in random order (hypothesis, stateful)
and after every step crawl every public surface as an anonymous visitor: no value from
evidence a reviewer did not publish or did not review, no withheld value.

Publishing requires review here: a reviewer publishing a case first confirms the facts of
its reports. The model is what reviewers did: each publication's reports at the moment it
was made, the charges they confirmed, and the reports each release was made for. Every
public dossier must show only reports of one such publication; no public page may show a
report's marker, a person's name or an article extracted again unless some publication
contained it; a withheld value shows only in the evidence of a report it was released for.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from tests.cases.conftest import C, add, event, person, relative
from tests.operations.test_reextraction_holds import Rerun
from vigil.cases import update_report
from vigil.cases.rebuild import rebuild_cases
from vigil.operations import cases as decisions
from vigil.operations import publishing
from vigil.pipeline.extraction import ExtractionStage
from vigil.settings import Settings, WebSettings
from vigil.store.cases import CaseDecisionRow, CaseRow, PersonMentionRow
from vigil.store.claims import review_claim
from vigil.store.db import Database
from vigil.store.models import ClaimRow
from vigil.store.publications import released_values
from vigil.web import create_app

NAMES = ("Kairat Bekmukhanov", "Galym Zhanturin", "Aidos Sadykov")
PHONE, SISTER = "+7 701 555 12 34", "Dana Bekmukhanova"
WITHHELD = (PHONE, SISTER)
MARKER = re.compile(r"MARK\d{6}")
ARTICLE = re.compile(r"ZART\d{6}")  # charges a later extraction run finds
# Every public route of vigil.web (app.py's PAGE_MODULES), with the ids filled in below;
# forms (login, subscribe) and tokens (confirm, unsubscribe) show no case data.
LISTS = (
    "/", "/api/cases", "/search?q=Kairat", "/api/search?q=Zhanturin", "/api/search?country=KZ",
    "/laws", "/api/laws", "/laws/view?article=174", "/api/laws/view?article=174",
    "/organizations", "/api/organizations", "/organizations/view?name=Adil+Soz",
    "/api/organizations/view?name=Adil+Soz", "/alerts", "/api/alerts", "/alerts/feed.atom",
    "/reports", "/api/reports",
)  # fmt: skip
PER_CASE = ("/cases/{}", "/api/cases/{}", "/cases/{}/alerts.atom")


def report_ids(found: Any) -> set[int]:
    """Every ``report_id`` in a JSON answer."""
    if isinstance(found, dict):
        ids = {int(v) for k, v in found.items() if k == "report_id" and isinstance(v, int)}
        return ids.union(*(report_ids(v) for v in found.values()))
    if isinstance(found, list):
        return set().union(*(report_ids(v) for v in found))
    return set()


class PublicSurfaces(RuleBasedStateMachine):
    template: Path
    workdir: Path

    def __init__(self) -> None:
        super().__init__()
        path = self.workdir / f"run-{id(self)}.db"
        shutil.copyfile(self.template, path)
        self.db = Database(f"sqlite:///{path}")
        app = create_app(
            self.db,
            settings=Settings(
                home=self.workdir, database_url=self.db.url, spacy_model="none",
                max_report_bytes=1 << 20, actor="tester", publish_requires_review=True,
            ),
            config=WebSettings(
                secret_key="k" * 48, max_upload_bytes=1 << 20,
                public_url="http://testserver", https=False,
            ),
        )  # fmt: skip
        self.public = TestClient(app)
        self.reports: dict[int, tuple[str, str]] = {}  # id -> (marker, name)
        self.claims: dict[int, list[C]] = {}  # what the next extraction run of each finds
        self.snapshots: list[frozenset[int]] = []  # what reviewers published
        self.confirmed: set[str] = set()  # articles reviewers confirmed and published
        self.released_for: set[tuple[int, str]] = set()  # (report, value) released

    def teardown(self) -> None:
        self.public.close()
        self.db.close()

    # --- what reviewers and reports do ------------------------------------------------

    def _cases(self) -> list[int]:
        with self.db.read() as s:
            return sorted(s.scalars(select(CaseRow.id).where(CaseRow.merged_into.is_(None))))

    def _members(self, case_id: int) -> list[tuple[str, int]]:
        with self.db.read() as s:
            rows = s.execute(
                select(PersonMentionRow.id, PersonMentionRow.report_id)
                .where(PersonMentionRow.case_id == case_id)
                .order_by(PersonMentionRow.id)
            ).all()
        return [(str(m), int(r)) for m, r in rows]

    @initialize()
    def a_published_case(self) -> None:
        """Every run starts from a published case, so that the steps after it have
        something public to change."""
        self.add_report(NAMES[0])
        self.publish(0)

    @rule(name=st.sampled_from(NAMES))
    def add_report(self, name: str) -> None:
        marker = f"MARK{len(self.reports) + 1:06d}"
        text = f"{marker}: {name} was arrested. His sister {SISTER} can be reached on {PHONE}."
        claims: list[C] = [
            *person(name),
            relative(name, SISTER, "sister"),
            event("arrest", "2024-03-01", name, spans=[(0, len(text))]),
            C("charge", {"person": name, "law": "Criminal Code", "article": "174",
                         "offence": None, "country": "KZ"}),
        ]  # fmt: skip
        report_id = add(self.db, text, claims)
        self.reports[report_id] = (marker, name)
        self.claims[report_id] = claims

    def _review(self, reports: set[int]) -> None:
        """A reviewer confirms every fact of these reports (publishing requires it)."""
        with self.db.transaction() as s:
            for report_id in sorted(reports):
                pending = s.scalars(
                    select(ClaimRow.id).where(
                        ClaimRow.report_id == report_id, ClaimRow.status == "machine"
                    )
                ).all()
                for claim_id in pending:
                    review_claim(s, claim_id, "confirm", actor="rex")
                update_report(s, report_id)

    @rule(pick=st.integers(0, 20))
    def publish(self, pick: int) -> None:
        if cases := self._cases():
            case = cases[pick % len(cases)]
            self._review({r for _, r in self._members(case)})
            with self.db.transaction() as s:
                done = publishing.publish(s, case, actor="rex", requires_review=True)
            reports = frozenset(r for _, r in self._members(done.case_id))
            self.snapshots.append(reports)
            with self.db.read() as s:
                confirmed = s.scalars(
                    select(ClaimRow.value).where(
                        ClaimRow.report_id.in_(reports), ClaimRow.kind == "charge"
                    )
                ).all()
                # The reviewer published the case with its releases in force.
                released = released_values(s, done.case_id)
            self.confirmed |= {str(v.get("article")) for v in confirmed}
            self.released_for |= {(r, v) for r in reports for v in released}

    @rule(pick=st.integers(0, 20))
    def re_extract(self, pick: int) -> None:
        """Extract a report again: the run finds one more charge, nobody reviewed it."""
        if not self.reports:
            return
        report_id = sorted(self.reports)[pick % len(self.reports)]
        name = self.reports[report_id][1]
        article = f"ZART{sum(map(len, self.claims.values())):06d}"
        self.claims[report_id].append(
            C("charge", {"person": name, "law": "Criminal Code", "article": article,
                         "offence": None, "country": "KZ"})
        )  # fmt: skip
        stage = ExtractionStage(actor="extractor")
        stage._extractor = Rerun(self.claims[report_id])  # type: ignore[assignment]
        with self.db.transaction() as s:
            stage.rerun(s, [report_id])

    @rule(pick=st.integers(0, 20), value=st.sampled_from(WITHHELD))
    def release(self, pick: int, value: str) -> None:
        if cases := self._cases():
            case = cases[pick % len(cases)]
            with self.db.transaction() as s:
                publishing.release(s, case, value, actor="rex")
            self.released_for |= {(r, value) for _, r in self._members(case)}

    @rule(pick=st.integers(0, 20), value=st.sampled_from(WITHHELD))
    def withhold(self, pick: int, value: str) -> None:
        if cases := self._cases():
            case = cases[pick % len(cases)]
            with self.db.transaction() as s:
                publishing.withhold(s, case, value, actor="rex")
            answer = self.public.get(f"/api/cases/{case}")
            assert answer.status_code == 404 or value not in answer.text

    @rule(pick=st.integers(0, 20))
    def unpublish(self, pick: int) -> None:
        if cases := self._cases():
            case = cases[pick % len(cases)]
            with self.db.transaction() as s:
                publishing.unpublish(s, case, actor="rex")
            assert self.public.get(f"/api/cases/{case}").status_code == 404

    @rule(pick=st.integers(0, 20))
    def split(self, pick: int) -> None:
        big = [c for c in self._cases() if len(self._members(c)) > 1]
        if big:
            case = big[pick % len(big)]
            with self.db.transaction() as s:
                decisions.split(s, case, [self._members(case)[0][0]], actor="rex")

    @rule(a=st.integers(0, 20), b=st.integers(0, 20))
    def merge(self, a: int, b: int) -> None:
        cases = self._cases()
        if len(cases) > 1 and a % len(cases) != b % len(cases):
            with self.db.transaction() as s:
                decisions.merge(s, cases[a % len(cases)], cases[b % len(cases)], actor="rex")

    @rule()
    def undo_latest(self) -> None:
        with self.db.read() as s:
            latest = s.scalar(
                select(CaseDecisionRow.id)
                .where(CaseDecisionRow.undone_at.is_(None))
                .order_by(CaseDecisionRow.id.desc())
            )
        if latest is not None:
            with self.db.transaction() as s:
                decisions.undo(s, latest, actor="rex")

    @rule()
    def re_resolve(self) -> None:
        with self.db.transaction() as s:
            rebuild_cases(s)

    # --- what the public sees ---------------------------------------------------------

    def _released_only_where_made_for(self, case: int, dossier: Any) -> None:
        """A withheld value shows only in the evidence of a report it was released for."""
        for fact in _evidence(dossier):
            for value in WITHHELD:
                if value in fact["quote"]:
                    assert (fact["report_id"], value) in self.released_for, (
                        f"case {case} shows {value!r} in report {fact['report_id']}, "
                        "which it was never released for"
                    )

    def _crawl(self) -> Iterator[tuple[str, str]]:
        with self.db.read() as s:
            every_id = sorted(s.scalars(select(CaseRow.id)))
        for path in LISTS:
            body = self.public.get(path).text
            leaked = [v for v in WITHHELD if v in body]  # lists show no evidence
            assert not leaked, (path, leaked)
            yield path, body
        for case in every_id:
            for pattern in PER_CASE:
                answer = self.public.get(pattern.format(case))
                assert answer.status_code in (200, 404), (pattern, answer.status_code)
                if answer.status_code == 200 and pattern.startswith("/api/"):
                    shown = report_ids(answer.json())
                    assert any(shown <= snap for snap in self.snapshots), (
                        f"case {case} shows reports {sorted(shown)} that no reviewer "
                        f"published together ({[sorted(x) for x in self.snapshots]})"
                    )
                    self._released_only_where_made_for(case, answer.json())
                elif answer.status_code == 200:
                    leaked = [v for v in WITHHELD if v in answer.text]
                    assert not leaked or pattern == "/cases/{}", (pattern, leaked)
                yield pattern.format(case), answer.text

    @invariant()
    def nothing_unpublished_unreviewed_or_withheld_is_public(self) -> None:
        published = set().union(*self.snapshots) if self.snapshots else set()
        markers = {self.reports[r][0] for r in published if r in self.reports}
        names = {self.reports[r][1] for r in published if r in self.reports}
        for path, body in self._crawl():
            unreviewed = set(ARTICLE.findall(body)) - self.confirmed
            assert not unreviewed, (path, sorted(unreviewed), "extracted, never reviewed")
            stray = set(MARKER.findall(body)) - markers
            assert not stray, (path, sorted(stray), "evidence nobody published")
            hidden = [n for n in NAMES if n in body and n not in names]
            assert not hidden, (path, hidden)


def _evidence(found: Any) -> Iterator[dict[str, Any]]:
    """Every evidence item (``report_id`` and ``quote``) in a JSON answer."""
    if isinstance(found, dict):
        if "report_id" in found and "quote" in found:
            yield found
        for v in found.values():
            yield from _evidence(v)
    elif isinstance(found, list):
        for v in found:
            yield from _evidence(v)


def test_public_surfaces_show_only_what_reviewers_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIGIL_PUBLISH_REQUIRES_REVIEW", "1")  # for extraction runs' holds
    template = tmp_path / "template.db"
    migrated = Database(f"sqlite:///{template}")
    migrated.migrate()
    migrated.close()  # the last connection closing writes the WAL back into the file
    PublicSurfaces.template, PublicSurfaces.workdir = template, tmp_path
    run_state_machine_as_test(
        PublicSurfaces,
        settings=settings(
            max_examples=6,
            stateful_step_count=10,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
