"""From a real report to the public dossier: the relative's name, the flat number and the
phone number extracted from the text never reach the public shape (both backends)."""

from __future__ import annotations

import json

import pytest

from vigil.cases import find_cases, get_dossier
from vigil.pipeline.extraction import ExtractionStage, update_cases
from vigil.pipeline.ingest import Ingestor
from vigil.redaction.public import public_dossier
from vigil.sources import read_bytes
from vigil.store.db import Database

REPORT = (
    "PUBLISHED: 2024-03-12\n\n"
    "On 10 March 2024 police in Almaty arrested the journalist Dana Serikova at her home at "
    "ul. Abaya 15, apt. 42. Her brother Marat Serikov said that officers searched the flat "
    "and seized her laptop. He can be reached on +7 701 555 12 34. Serikova was charged "
    "under article 174 of the Criminal Code.\n"
)


@pytest.fixture(scope="module")
def stage() -> ExtractionStage:
    s = ExtractionStage(actor="t")
    s.load()
    return s


def test_relatives_and_contacts_are_withheld(db: Database, stage: ExtractionStage) -> None:
    ingestor = Ingestor(db, actor="t", max_bytes=10**6, after_store=[stage, update_cases])
    outcome = ingestor.store("appeal.txt", read_bytes(REPORT.encode(), "appeal.txt"))
    assert outcome.status == "stored", outcome
    with db.read() as s:
        [case] = [c for c in find_cases(s, "Dana Serikova")]
        dossier = get_dossier(s, case.id)
    # Whether or not extraction recognised the relation, the brother's name is withheld.
    public = json.dumps(public_dossier(dossier), ensure_ascii=False)
    for secret in ("Marat Serikov", "apt. 42", "555 12 34"):
        assert secret not in public, secret
    assert "Dana Serikova" in public
