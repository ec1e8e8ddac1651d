"""A dozen kinds of hostile input (bench/hostile.py, small sizes) through ingestion with
extraction on: none crashes or stops the batch; each is stored or refused with one line
naming it. Timing and memory are measured by bench/bench_hostile.py, not here."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from vigil.extract import Extractor
from vigil.pipeline.extraction import ExtractionStage
from vigil.pipeline.ingest import Ingestor
from vigil.pipeline.inputs import expand
from vigil.store.db import Database

ROOT = Path(__file__).resolve().parents[2]
KINDS = (
    "parens",
    "dates",
    "relatives",
    "attributes",
    "unclosed_tags",
    "nested_mail",
    "many_parts",
    "zip_bomb",
    "xxe_docx",
    "invalid_utf8",
    "nul_bytes",
    "emphasis",
    "no_sentences",
    "random_bytes",
)


def _hostile() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hostile_set", ROOT / "bench" / "hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    import random

    hostile = _hostile()
    folder = tmp_path_factory.mktemp("hostile")
    rng = random.Random(14)
    ext = {name: e for _kind, e, maker in hostile.KINDS for name in [maker.__name__]}
    paths = []
    for name in KINDS:
        path = folder / f"{name}{ext.get(name, '.bin')}"
        path.write_bytes(getattr(hostile, name)(rng, 200))
        paths.append(path)
    return paths


def test_hostile_inputs_are_stored_or_refused_one_by_one(
    db: Database, hostile_files: list[Path], extractor: Extractor
) -> None:
    stage = ExtractionStage(actor="t", budget=8)
    stage._extractor = extractor
    ingestor = Ingestor(db, actor="t", max_bytes=25 * 1024 * 1024, after_store=[stage])
    outcomes = list(ingestor.ingest(expand([str(p) for p in hostile_files])))
    assert len(outcomes) == len(hostile_files), "no input is left unread"
    by_name = {Path(o.source).name: o for o in outcomes}
    for path in hostile_files:
        outcome = by_name[path.name]
        if outcome.status == "rejected":
            error = outcome.error or ""
            assert path.name in error and "\n" not in error and "[E900]" not in error, error
        else:
            assert outcome.status == "stored", path.name
    assert "refused e-mail" in (by_name["nested_mail.eml"].error or "")
    assert by_name["emphasis.md"].status == "stored"
    assert by_name["attributes.html"].status == "stored"
