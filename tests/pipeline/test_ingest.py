"""Ingestion of batches: one transaction per report, bad inputs rejected, batch goes on."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.helpers import VIGIL, vigil
from vigil.pipeline.ingest import Ingestor
from vigil.pipeline.inputs import expand
from vigil.store.db import Database
from vigil.store.reports import count_reports


def write_reports(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"report-{i:04d}.txt"
        body = f"Report number {i}. The activist Person{i} Testova was detained in Almaty. " * 20
        p.write_text(body, encoding="utf-8")
        paths.append(p)
    return paths


def test_batch_goes_on_after_bad_inputs(db: Database, tmp_path: Path) -> None:
    good = write_reports(tmp_path / "in", 2)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "garbage.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "in" / "dangling.txt").symlink_to(tmp_path / "nowhere")
    ingestor = Ingestor(db, actor="t", max_bytes=10_000_000)
    outcomes = list(ingestor.ingest(expand([str(tmp_path / "in"), str(tmp_path / "missing")])))
    by_name = {Path(o.source).name: o for o in outcomes}
    assert by_name["missing"].status == "rejected"
    assert "no such file" in (by_name["missing"].error or "")
    for bad in ("empty.txt", "garbage.txt", "dangling.txt"):
        assert by_name[bad].status == "rejected", bad
        assert bad in (by_name[bad].error or ""), "the error names the file"
    assert [by_name[p.name].status for p in good] == ["stored", "stored"]
    with db.read() as s:
        assert count_reports(s) == 2


def test_oversized_input_is_rejected_before_reading(db: Database, tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    outcome = next(Ingestor(db, actor="t", max_bytes=25 * 1024 * 1024).ingest(expand([str(big)])))
    assert outcome.status == "rejected"
    assert "big.pdf" in (outcome.error or "") and "limit" in (outcome.error or "")


def test_duplicates_are_reported(db: Database, tmp_path: Path) -> None:
    [p] = write_reports(tmp_path / "a", 1)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(p.read_bytes())
    outcomes = list(Ingestor(db, actor="t", max_bytes=10**7).ingest(expand([str(p), str(copy)])))
    assert [o.status for o in outcomes] == ["stored", "duplicate"]
    assert outcomes[0].report_id == outcomes[1].report_id


def _integrity(db: Database) -> tuple[int, int, int]:
    """(reports, blobs, index rows): all three must agree after any crash."""
    index = "report_fts" if db.is_sqlite else "report_search"
    with db.read() as s:
        reports = count_reports(s)
        blobs = int(s.execute(text("SELECT count(*) FROM blobs")).scalar_one())
        indexed = int(s.execute(text(f"SELECT count(*) FROM {index}")).scalar_one())
    return reports, blobs, indexed


def test_sigkill_mid_batch_leaves_nothing_half_stored(
    db_url: str, vigil_env: dict[str, str], tmp_path: Path
) -> None:
    n = 300
    write_reports(tmp_path / "batch", n)
    proc = subprocess.Popen(
        [*VIGIL, "ingest", "--json", "--no-extract", str(tmp_path / "batch")],
        env=vigil_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    seen = 0
    deadline = time.monotonic() + 120
    while seen < 40 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen += json.loads(line)["status"] == "stored"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 40 <= seen < n, "the kill must land mid-batch"

    db = Database(db_url)
    try:
        reports, blobs, indexed = _integrity(db)
        assert reports == blobs == indexed
        assert seen <= reports < n
        rerun = vigil("ingest", "--json", "--no-extract", tmp_path / "batch", env=vigil_env)
        assert rerun.returncode == 0, rerun.stderr
        statuses = [json.loads(x)["status"] for x in rerun.stdout.splitlines()]
        assert statuses.count("stored") == n - reports
        assert statuses.count("duplicate") == reports
        assert _integrity(db) == (n, n, n)
    finally:
        db.close()
    home = Path(vigil_env["VIGIL_HOME"])
    leftovers = [p.name for p in home.rglob("*") if p.is_file()] if home.exists() else []
    assert all(name.startswith("vigil.db") for name in leftovers), leftovers


def test_a_failing_stage_never_loses_the_report(db: Database, tmp_path: Path) -> None:
    [p] = write_reports(tmp_path / "s", 1)
    calls = []

    def broken_stage(session, report_id, doc):  # type: ignore[no-untyped-def]
        calls.append(report_id)
        session.execute(text("UPDATE reports SET title = 'tampered'"))  # must roll back
        raise RuntimeError("extraction blew up")

    ingestor = Ingestor(db, actor="t", max_bytes=10**7, after_store=[broken_stage])
    [outcome] = list(ingestor.ingest(expand([str(p)])))
    assert calls, "the stage ran"
    assert outcome.status == "stored"
    assert any("broken_stage failed (RuntimeError)" in w for w in outcome.warnings)
    assert _integrity(db) == (1, 1, 1)
    with db.read() as s:
        assert s.execute(text("SELECT title FROM reports")).scalar_one() != "tampered"


def test_a_reader_defect_is_that_inputs_error_not_the_batchs(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 500 nested e-mails raised RecursionError out of the reader and ended `vigil ingest`
    # with every later input unread (issue 14, item 8).
    import vigil.pipeline.ingest as ingest_mod

    real = ingest_mod.read_bytes

    def reader(data: bytes, name: str, **kw: object) -> object:
        if name.startswith("report-0000"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(data, name)

    monkeypatch.setattr(ingest_mod, "read_bytes", reader)
    paths = write_reports(tmp_path / "r", 3)
    outcomes = list(Ingestor(db, actor="t", max_bytes=10**7).ingest(expand([str(tmp_path / "r")])))
    assert [o.status for o in outcomes] == ["rejected", "stored", "stored"]
    assert outcomes[0].error == f"{paths[0]}: internal error (RecursionError) [E900]"
