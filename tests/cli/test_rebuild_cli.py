"""vigil rebuild-cases, as a user runs it after a bulk import or a resolver upgrade."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cases_cli import ONE, TWO
from tests.helpers import vigil


def test_rebuild_cases_keeps_the_cases_ingestion_made(
    tmp_path: Path, vigil_env: dict[str, str]
) -> None:
    for name, text in (("one.txt", ONE), ("two.txt", TWO)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    vigil("ingest", tmp_path / "one.txt", tmp_path / "two.txt", env=vigil_env, check=True)
    before = json.loads(vigil("cases", "--json", env=vigil_env, check=True).stdout)
    assert any("Serikova" in c["name"] for c in before)
    done = vigil("rebuild-cases", env=vigil_env, check=True)
    assert done.stdout.decode().startswith("2 reports, ")
    assert "mentions: 2 / 2" in done.stderr.decode()  # progress on stderr
    after = json.loads(vigil("cases", "--json", env=vigil_env, check=True).stdout)
    strip = [{k: v for k, v in c.items() if k != "updated_at"} for c in before]
    assert [{k: v for k, v in c.items() if k != "updated_at"} for c in after] == strip
    quiet = vigil("rebuild-cases", "1", "--quiet", env=vigil_env, check=True)
    assert quiet.stdout.decode().startswith("1 reports, ") and not quiet.stderr


def test_rebuild_cases_with_organizations_keeps_them(
    tmp_path: Path, vigil_env: dict[str, str]
) -> None:
    text = (
        "PUBLISHED: 2024-03-12\n\nOn 10 March 2024 police in Almaty arrested Dana Serikova, a "
        "member of the Kazakhstan International Bureau for Human Rights (KIBHR).\n"
    )
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    vigil("ingest", tmp_path / "one.txt", env=vigil_env, check=True)

    def orgs() -> list[dict[str, object]]:
        out = vigil("organizations", "--json", env=vigil_env, check=True).stdout.decode()
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    before = orgs()
    assert any("KIBHR" in json.dumps(o) for o in before)
    done = vigil("rebuild-cases", "--organizations", "--quiet", env=vigil_env, check=True)
    assert "organisations refreshed" in done.stdout.decode()
    assert [o["name"] for o in orgs()] == [o["name"] for o in before]
