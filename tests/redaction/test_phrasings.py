"""Recall of the redaction policy per category on written phrasings (phrasings.yaml), and
false alarms on ordinary text (negatives.yaml) and on the evaluation sets' reports."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from vigil.redaction import policy
from vigil.redaction.score import false_alarms, recall, report_alarms

HERE = Path(__file__).resolve().parent
RECALL, FALSE_ALARMS = 0.95, 0.05
DEV = Path(os.environ.get("VIGIL_EVAL_DEV", "/work/shared/eval/dev"))


def _load(name: str) -> Any:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


PHRASINGS: dict[str, list[dict[str, Any]]] = _load("phrasings.yaml")


def test_the_set_is_large_and_varied() -> None:
    assert sum(len(v) for v in PHRASINGS.values()) >= 300
    assert set(PHRASINGS) == {"address", "id_number", "medical", "relative_name"}
    assert len({e["where"] for e in PHRASINGS["address"]}) >= 25
    for entries in PHRASINGS.values():
        for entry in entries:
            for part in [*entry["withheld"], *entry.get("kept", ())]:
                assert part in entry["text"], (part, entry["text"])


@pytest.mark.parametrize("category", sorted(PHRASINGS))
def test_recall_per_category(category: str) -> None:
    tally = recall(policy(), {category: PHRASINGS[category]})[category]
    assert tally.rate >= RECALL, tally.misses


def test_false_alarms_on_ordinary_places_and_sentences() -> None:
    negatives = _load("negatives.yaml")
    tally = false_alarms(policy(), [*negatives["places"], *negatives["sentences"]])
    assert tally.total >= 100
    assert tally.rate <= FALSE_ALARMS, tally.misses


def test_false_alarms_on_report_texts() -> None:
    folders = sorted(p for p in (HERE.parent / "eval").iterdir() if p.is_dir())
    if DEV.is_dir():
        folders.append(DEV)
    tally = report_alarms(policy(), folders, _load("confidential_in_reports.yaml"))
    assert tally.total >= 1000
    assert tally.rate <= FALSE_ALARMS, tally.misses


def test_a_phrasing_is_missed_when_a_kept_part_is_withheld() -> None:
    # The measure itself: withholding the whole sentence is not a catch.
    whole = {"text": "Ensure he receives insulin.", "withheld": ["insulin"], "kept": ["Ensure"]}
    assert recall(policy(), {"medical": [whole]})["medical"].hits == 1
    rules = policy()
    spans = rules.spans(whole["text"])
    assert spans and all(whole["text"][s:e] == "insulin" for s, e, _ in spans)
