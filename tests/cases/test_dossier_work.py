"""A report naming many people: each person's dossier quotes the evidence of its own
claims only, not of every claim of the report (issue 14: a report naming thousands made
the dossiers quadratic). Work is counted, not timed (both backends)."""

from __future__ import annotations

import pytest

from tests.cases.conftest import add, charge, event, person
from vigil.cases import dossier
from vigil.store.db import Database

_FIRST = ("Olga", "Ivan", "Timur", "Asel", "Bakyt")
_LAST = ("Bekov", "Adilov", "Sadykov", "Omarov")


def test_each_dossier_quotes_only_its_own_claims(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [f"{a} {b}" for a in _FIRST for b in _LAST]  # twenty people, four claims each
    claims = [
        c for n in names for c in [*person(n), event("arrest", "2021-05-03", n), charge(n, "174")]
    ]
    quoted: list[int] = []
    real = dossier.evidence

    def counted(claim, text):  # type: ignore[no-untyped-def]
        quoted.append(claim.id)
        return real(claim, text)

    monkeypatch.setattr(dossier, "evidence", counted)
    add(db, "A report naming twenty people. " * 5, claims)
    # Each of the twenty cases quotes its role, its arrest and its charge; every claim of
    # the report for every case would be 20 x 80.
    assert 0 < len(quoted) <= 3 * len(names) * 2, len(quoted)
