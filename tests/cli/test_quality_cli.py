"""``vigil export-gold``, ``vigil eval --reviewed`` and ``vigil quality`` on a real database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import vigil
from tests.quality.test_gold import _review_all, _store
from vigil.store.db import Database


@pytest.mark.slow
def test_export_gold_then_eval_equals_eval_reviewed(
    db_url: str, vigil_env: dict[str, str], tmp_path: Path
) -> None:
    db = Database(db_url)
    db.migrate()
    try:
        _review_all(db, _store(db))
    finally:
        db.close()
    folder = tmp_path / "gold"
    written = vigil("export-gold", folder, "--json", env=vigil_env, check=True)
    lines = [json.loads(x) for x in written.stdout.decode().splitlines()]
    assert len(lines) == 1 and Path(lines[0]["gold"]).exists()
    gold = json.loads(Path(lines[0]["gold"]).read_text("utf-8"))
    assert gold["events"][0]["date"] == "2021-03-12"

    from_folder = json.loads(vigil("eval", folder, "--json", env=vigil_env, check=True).stdout)
    reviewed = json.loads(vigil("eval", "--reviewed", "--json", env=vigil_env, check=True).stdout)
    assert from_folder == reviewed and reviewed["documents"] == 1

    shown = json.loads(vigil("quality", "--json", env=vigil_env, check=True).stdout)
    assert [h["source"] for h in shown["history"]] == ["extractor", "stored"]
    assert shown["current"]["reports"] == 1


def test_eval_reviewed_without_reviewed_reports_says_so(vigil_env: dict[str, str]) -> None:
    done = vigil("eval", "--reviewed", env=vigil_env)
    assert done.returncode != 0 and b"no reviewed reports" in done.stderr


def test_preview_lists_what_needs_review(db_url: str, vigil_env: dict[str, str]) -> None:
    from tests.cases.test_reviewed_values import _reviewed_case

    db = Database(db_url)
    db.migrate()
    try:
        case_id = _reviewed_case(db)
    finally:
        db.close()
    shown = vigil("preview", str(case_id), "--json", env=vigil_env, check=True)
    data = json.loads(shown.stdout)
    assert data["case"]["timeline"][0]["date"] == "2021-03-12"
    assert data["pending_review"] == ["role victim"] and data["requires_review"] is True
    text = vigil("preview", str(case_id), env=vigil_env, check=True).stdout.decode()
    assert "Still to review before publishing (1)" in text and "- role victim" in text
