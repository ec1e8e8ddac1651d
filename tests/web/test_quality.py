"""The quality page: figures per kind of fact over the reviewed reports, staff only."""

from __future__ import annotations

from tests.quality.test_gold import _review_all, _store
from tests.web.conftest import Site


def test_quality_is_staff_only_and_shows_figures_per_kind(site: Site) -> None:
    assert site.client().get("/quality").status_code == 303  # to the login page
    assert site.client().get("/api/quality").status_code == 401
    viewer = site.login("vic")
    empty = viewer.get("/api/quality").json()
    assert empty["reviewed_reports"] == 0
    assert "No reviewed reports yet" in viewer.get("/quality").text

    _review_all(site.db, _store(site.db))
    data = viewer.get("/api/quality").json()
    assert data["reviewed_reports"] == 1
    assert data["categories"]["persons"] == {
        "tp": 1, "fp": 1, "fn": 0, "precision": 0.5, "recall": 1.0, "f1": 0.6667,
    }  # fmt: skip
    assert [h["reports"] for h in data["history"]] == [1]
    html = viewer.get("/quality").text
    assert "Events (type, victim and date)" in html and "50%" in html
    # Nothing changed since: no new run.
    assert len(viewer.get("/api/quality").json()["history"]) == 1
