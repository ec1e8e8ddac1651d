"""The workbench's CLI twins: list a report's facts, add a missed one, accept the rest,
the report queue."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_claims_cli import REPORT
from tests.helpers import vigil


def _lines(out: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.decode().splitlines()]


def test_review_a_report_add_a_fact_and_accept_the_rest(
    tmp_path: Path, vigil_env: dict[str, str]
) -> None:
    src = tmp_path / "appeal.txt"
    src.write_text(REPORT, encoding="utf-8")
    vigil("ingest", src, env=vigil_env, check=True)
    queue = _lines(vigil("review-queue", "--json", env=vigil_env, check=True).stdout)
    assert [r["state"] for r in queue] == ["not_started"] and queue[0]["source"] == "example.org"
    facts = _lines(vigil("review", "--report", "1", "--json", env=vigil_env, check=True).stdout)
    assert facts and all(f["status"] == "machine" for f in facts)
    table = vigil("review", "--report", "1", env=vigil_env, check=True).stdout.decode()
    assert f"{len(facts)} facts, {len(facts)} waiting" in table
    text = REPORT.split("\n\n", 1)[1]
    start = text.index("searched")
    person = next(f for f in facts if f["kind"] == "person")
    pid, name = person["value"]["id"], person["value"]["name"]  # type: ignore[index]
    value = json.dumps({"type": "search", "date": "2024-03-10", "victims": [pid]})
    added = _lines(
        vigil("add-fact", "1", "--kind", "event", "--span", f"{start}:{start + 8}",
              "--value", value, env=vigil_env, check=True).stdout
    )[0]  # fmt: skip
    assert (added["stage"], added["status"], added["evidence"]) == (
        "reviewer", "confirmed", "searched",
    )  # fmt: skip
    assert added["value"]["victims"] == [pid] and added["names"] == {pid: name}  # type: ignore[index]
    by_name = json.dumps({"type": "search", "victims": [name]})
    bad = vigil("add-fact", "1", "--kind", "event", "--span", f"{start}:{start + 8}",
                "--value", by_name, env=vigil_env)  # fmt: skip
    assert bad.returncode == 1 and b"'victims'" in bad.stderr and b"not the id" in bad.stderr
    bad = vigil("add-fact", "1", "--kind", "event", "--span", "5:2", "--value", value,
                env=vigil_env)  # fmt: skip
    assert bad.returncode == 1 and b"span" in bad.stderr
    bad = vigil("add-fact", "1", "--kind", "event", "--span", "0:5",
                "--value", '{"type": "arrest", "date": "2024-13-45"}', env=vigil_env)  # fmt: skip
    assert bad.returncode == 1 and b"no month 13" in bad.stderr
    done = _lines(vigil("review", "--report", "1", "--accept-rest", env=vigil_env,
                        check=True).stdout)  # fmt: skip
    assert len(done[0]["accepted"]) == len(facts)  # type: ignore[arg-type]
    queue = _lines(vigil("review-queue", "--json", "--state", "reviewed", env=vigil_env,
                         check=True).stdout)  # fmt: skip
    assert queue[0]["finished_by"] == "tester" and queue[0]["added"] == 1
