"""The README's promises about the command line, run as a user would run them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import vigil

REPORT = (
    "URL: https://example.org/appeal\nTITLE: Urgent appeal for Lucía Ramírez\n"
    "PUBLISHED: 2024-03-12\n\n"
    "Lucía Ramírez, a land defender, was arrested on 10 March 2024 in Tegucigalpa.\n"
)


def test_ingest_list_show_search_and_original(tmp_path: Path, vigil_env: dict[str, str]) -> None:
    src = tmp_path / "appeal.txt"
    src.write_text(REPORT, encoding="utf-8")
    out = vigil("ingest", "--json", src, env=vigil_env, check=True)
    [result] = [json.loads(line) for line in out.stdout.splitlines()]
    assert result["status"] == "stored" and result["title"] == "Urgent appeal for Lucía Ramírez"
    rid = str(result["report_id"])

    listed = [
        json.loads(x)
        for x in vigil("reports", "--json", env=vigil_env, check=True).stdout.splitlines()
    ]
    assert [r["id"] for r in listed] == [result["report_id"]]
    assert listed[0]["published"] == "2024-03-12"

    shown = json.loads(vigil("report", rid, "--json", env=vigil_env, check=True).stdout)
    assert shown["text"].startswith("Lucía Ramírez, a land defender")
    assert shown["url"] == "https://example.org/appeal"

    original = vigil("report", rid, "--original", env=vigil_env, check=True).stdout
    assert original == src.read_bytes()

    hits = [
        json.loads(x)
        for x in vigil("search", "ramirez", "--json", env=vigil_env, check=True).stdout.splitlines()
    ]
    assert [h["id"] for h in hits] == [result["report_id"]]
    assert "Ramírez" in hits[0]["highlights"]

    human = vigil("search", "tegucig*", env=vigil_env, check=True).stdout.decode()
    assert "1 shown of 1" in human


def test_stdin_and_summary(tmp_path: Path, vigil_env: dict[str, str]) -> None:
    out = vigil("ingest", "-", env=vigil_env, stdin=REPORT.encode(), check=True).stdout.decode()
    assert "1 stored, 0 duplicates, 0 rejected" in out
    again = vigil("ingest", "-", env=vigil_env, stdin=REPORT.encode(), check=True).stdout.decode()
    assert "0 stored, 1 duplicates, 0 rejected" in again


def test_errors_are_one_clear_line(tmp_path: Path, vigil_env: dict[str, str]) -> None:
    missing = vigil("ingest", tmp_path / "nope.txt", env=vigil_env)
    assert missing.returncode == 1
    assert "nope.txt: no such file or directory" in missing.stdout.decode()
    unknown = vigil("report", "424242", env=vigil_env)
    assert unknown.returncode == 1
    assert unknown.stderr.decode().strip() == "vigil: error: 424242: no such report [E200]"
    bad_flag = vigil("ingest", "--frobnicate", env=vigil_env)
    assert bad_flag.returncode == 2 and b"No such option" in bad_flag.stderr


def test_search_any_form_of_a_russian_name_and_reindex(
    tmp_path: Path, vigil_env: dict[str, str]
) -> None:
    src = tmp_path / "ru.txt"
    src.write_text("Суд продлил арест Айжангуль Амировой в Актау.\n", encoding="utf-8")
    vigil("ingest", src, env=vigil_env, check=True)
    hits = [
        json.loads(x)
        for x in vigil("search", "Амирова", "--json", env=vigil_env, check=True).stdout.splitlines()
    ]
    assert len(hits) == 1 and hits[0]["highlights"] == ["Амировой"]
    done = vigil("reindex", env=vigil_env, check=True).stdout.decode()
    assert "indexed 1 reports" in done
    again = vigil("search", "Айжангули", "--json", env=vigil_env, check=True).stdout
    assert len(again.splitlines()) == 1
