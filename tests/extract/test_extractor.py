from __future__ import annotations

import itertools
import re

import pytest

from vigil.extract import Extractor
from vigil.extract import extractor as extractor_mod

FIRST = re.compile(r"only the first ([\d,]+) were read")


def test_claims_carry_evidence_spans(extractor: Extractor) -> None:
    text = "Hot topics:\nOn 2 October 2020 police detained Andrey Chapiuk in Minsk."
    result = extractor.extract(text)
    kinds = {c.kind for c in result.claims}
    assert {"person", "event"} <= kinds
    for claim in result.claims:
        for s, e in claim.spans:
            assert 0 <= s < e <= len(text)
    ev = next(c for c in result.claims if c.kind == "event")
    assert "detained" in text[ev.spans[0][0] : ev.spans[0][1]]
    assert ev.stage == "events.v1" and 0 <= ev.confidence <= 1


def test_extract_many_keeps_input_order(extractor: Extractor) -> None:
    items = [("Ivan Petrov was arrested.", None), "Maria Rabkova was released.", ("", None, None)]
    results = list(extractor.extract_many(items))
    assert [r.record["persons"][0]["name"] if r.record["persons"] else None for r in results] == [
        "Ivan Petrov",
        "Maria Rabkova",
        None,
    ]
    assert any("no sentences" in w for w in results[2].warnings)


def test_bad_inputs_give_warnings_not_crashes(extractor: Extractor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    res = extractor.extract("\x00\x01\x02 Ivan\x07 Petrov was \x1b arrested \x7f.")
    assert isinstance(res.record["events"], list)
    res = extractor.extract("Der Journalist wurde gestern verhaftet.", language="de")
    assert any("extraction reads English" in w for w in res.warnings)
    monkeypatch.setattr(extractor_mod, "MAX_CHARS", 2000)
    big = "Ivan Petrov was arrested in Minsk on 2 October 2020. " * 200
    res = extractor.extract(big)
    assert any("only the first" in w for w in res.warnings)
    assert res.record["persons"][0]["name"] == "Ivan Petrov"


def test_failing_stage_leaves_partial_record(extractor: Extractor) -> None:
    from vigil.extract.context import Context
    from vigil.extract.registry import Stage

    def boom(ctx: Context) -> None:
        raise RuntimeError("x")

    idx = next(i for i, s in enumerate(extractor.post) if s.name == "legal.v1")
    saved = extractor.post[idx]
    extractor.post[idx] = Stage(saved.name, boom, saved.order, True)
    try:
        res = extractor.extract("Ivan Petrov was arrested.")
    finally:
        extractor.post[idx] = saved
    assert res.record["persons"] and any("legal.v1 failed" in w for w in res.warnings)


def test_two_model_processes_give_the_same_records(extractor: Extractor) -> None:
    texts = [
        ("On 10 March 2024 police in Almaty arrested the journalist Dana Serikova.", "2024-03-12"),
        ("Ales Bialiatski was sentenced to 10 years in prison on 3 March 2023.", "2023-03-04"),
        ("The activist Lucia Ramirez was released on 2 May 2022.", None),
    ]
    one = [r.record for r in extractor.extract_many(texts, n_process=1)]
    two = [r.record for r in extractor.extract_many(texts, n_process=2)]
    assert two == one
    assert one[1]["sentences"], "the records are not empty"


def test_large_batches_get_two_model_processes_where_there_are_cores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VIGIL_EXTRACT_PROCESSES", raising=False)
    batch = extractor_mod.PARALLEL_BATCH
    assert extractor_mod.processes_for(batch, cores=2) == 2
    assert extractor_mod.processes_for(batch - 1, cores=2) == 1  # not worth the start-up
    assert extractor_mod.processes_for(batch * 10, cores=1) == 1
    assert extractor_mod.processes_for(5, configured=3, cores=1) == 3  # the setting wins
    monkeypatch.setenv("VIGIL_EXTRACT_PROCESSES", "1")
    assert extractor_mod.processes_for(batch * 10, cores=8) == 1


def test_long_reports_are_read_in_chunks_with_offsets_into_the_text(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vigil.extract import budget

    monkeypatch.setattr(extractor_mod, "CHUNK_CHARS", 300)
    text = "Filler words here. " * 40 + "On 2 May 2021 police detained Ivan Petrov in Minsk. " * 3
    ranges = budget.chunks(text, [(0, 19), (19, 38)], 300)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text) and len(ranges) > 2
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
    res = extractor.extract(text)
    [person] = [c for c in res.claims if c.kind == "person"]
    assert all(text[s:e] == "Ivan Petrov" for s, e in person.spans)
    assert not any("budget" in w for w in res.warnings)


def test_a_spent_budget_gives_a_partial_record_and_says_so(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 14: a report no longer runs for minutes; it stops with what it has.
    monkeypatch.setattr(extractor_mod, "CHUNK_CHARS", 300)
    text = "On 2 May 2021 police detained Ivan Petrov in Minsk. " * 30
    res = extractor.extract(text, budget=1e-9)
    assert any("the model read" in w and "characters" in w for w in res.warnings)
    assert any("stages" in w and "not run" in w for w in res.warnings)
    assert isinstance(res.record["persons"], list)
    unlimited = extractor.extract(text, budget=0)
    assert not any("budget" in w for w in unlimited.warnings)


def test_the_cut_past_max_chars_falls_between_words(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extractor_mod, "MAX_CHARS", 1000)
    text = "Ivan Petrova-Sidorova was detained. " * 100
    res = extractor.extract(text)
    [cut] = [int(m.group(1).replace(",", "")) for w in res.warnings if (m := FIRST.search(w))]
    assert 500 < cut <= 1000 and text[cut - 1] == " " and text[cut] != " "
