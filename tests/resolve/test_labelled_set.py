"""The labelled pairs: big and hard enough, and the matcher holds the line on them."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

from vigil.resolve.evaluate import HARD_NEGATIVES, load_pairs, score_pairs

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_name_pairs.py"


def test_the_set_is_large_mixed_and_hard() -> None:
    pairs = load_pairs()
    assert len(pairs) >= 500
    hard = sum(p.category in HARD_NEGATIVES for p in pairs)
    assert hard * 3 >= len(pairs)
    cultures = Counter(p.script.split(":")[0] for p in pairs)
    assert set(cultures) == {"ru", "kk", "ky", "uz", "by", "uk", "az", "ar", "fa", "vi"}
    assert any("cyrl-latn" in p.script for p in pairs)


def test_f1_and_no_relative_merged() -> None:
    score = score_pairs(load_pairs())
    assert score.relatives_merged == 0
    assert score.f1 >= 0.95, (score.precision, score.recall)


def test_the_file_is_what_the_script_builds() -> None:
    spec = importlib.util.spec_from_file_location("make_name_pairs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = [tuple(p) for p in module.build(14)]
    stored = [(p.a, p.b, p.label, p.category, p.script) for p in load_pairs()]
    assert built == stored
