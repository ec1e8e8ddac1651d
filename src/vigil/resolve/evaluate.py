"""Score the matcher on the labelled name pairs (``data/name_pairs.tsv``).

Used by ``bench/bench_resolve.py`` and by the test that holds the line (F1 >= 0.95, no
relative merged). A pair counts as merged when ``compare`` says "same"; "review" is not a
merge (a person decides), so single-initial pairs ("A. Amirova") count against recall.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

from vigil.resolve.match import compare
from vigil.resolve.mention import PersonMention
from vigil.scoring import Score

HARD_NEGATIVES = {"relative", "namesake", "namesake-patronymic", "gender-form"}


@dataclass(frozen=True)
class LabelledPair:
    a: str
    b: str
    label: str  # "same" | "different"
    category: str
    script: str


@dataclass
class PairScore(Score):
    tn: int = 0
    relatives_merged: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    wrong_by_category: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[LabelledPair, str]] = field(default_factory=list)


def load_pairs() -> list[LabelledPair]:
    path = resources.files("vigil.resolve").joinpath("data", "name_pairs.tsv")
    with path.open(encoding="utf-8") as handle:
        return [
            LabelledPair(r["a"], r["b"], r["label"], r["category"], r["script"])
            for r in csv.DictReader(handle, delimiter="\t")
        ]


def score_pairs(pairs: list[LabelledPair]) -> PairScore:
    score = PairScore()
    for pair in pairs:
        decision = compare(PersonMention("a", pair.a), PersonMention("b", pair.b))
        merged, same = decision.verdict == "same", pair.label == "same"
        score.by_category[pair.category] += 1
        if merged and same:
            score.tp += 1
        elif merged:
            score.fp += 1
            score.relatives_merged += pair.category == "relative"
        elif same:
            score.fn += 1
        else:
            score.tn += 1
        if merged != same:
            score.wrong_by_category[pair.category] += 1
            score.errors.append((pair, decision.verdict))
    return score
