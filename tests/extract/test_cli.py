from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from vigil.cli import eval as eval_cli
from vigil.cli import extract as extract_cli

REPORT = (
    "URL: unknown\nTITLE: t\nPUBLISHED: 2020-10-03\n\n"
    "Yesterday police detained Andrey Chapiuk in Minsk.\n"
)


def _app() -> typer.Typer:
    app = typer.Typer()
    extract_cli.register(app)
    eval_cli.register(app)
    app.callback()(lambda: None)
    return app


def test_extract_json_lines_in_order(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(REPORT)
    b.write_text(REPORT.replace("Andrey Chapiuk", "Maria Rabkova"))
    out = CliRunner().invoke(_app(), ["extract", str(a), str(b), "--json"])
    assert out.exit_code == 0, out.output
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert [x["source"] for x in lines] == [str(a), str(b)]
    assert lines[0]["events"][0]["date"] == "2020-10-02"  # PUBLISHED anchors "yesterday"
    # Names as GUIDELINES have them, and beside them the ids the stored facts point to.
    (person,) = lines[0]["persons"]
    assert (person["id"], person["name"]) == ("p1", "Andrey Chapiuk")
    event = lines[0]["events"][0]
    assert (event["victims"], event["victim_ids"]) == (["Andrey Chapiuk"], ["p1"])


def test_extract_readable(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(REPORT)
    out = CliRunner().invoke(_app(), ["extract", str(a)])
    assert out.exit_code == 0 and "Andrey Chapiuk" in out.stdout and "detained" in out.stdout
    assert "Andrey Chapiuk (p1)" in out.stdout


def test_eval_scores_a_gold_dir(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT)
    gold = {
        "persons": [{"name": "Andrey Chapiuk", "aliases": []}],
        "organizations": [],
        "events": [{"type": "arrest", "date": "2020-10-02", "victims": ["Andrey Chapiuk"]}],
        "charges": [],
        "sentences": [],
    }
    (tmp_path / "r.gold.json").write_text(json.dumps(gold))
    out = CliRunner().invoke(_app(), ["eval", str(tmp_path), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["categories"]["persons"]["f1"] == 1.0
    assert data["categories"]["events_strict"]["tp"] == 1
    assert data["worst"][0]["doc"] == "r"
