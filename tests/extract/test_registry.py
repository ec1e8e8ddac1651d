from __future__ import annotations

import pytest

from vigil.errors import ConfigError
from vigil.extract import registry
from vigil.extract.context import Context


def test_builtin_stages_registered_in_order() -> None:
    names = [s.name for s in registry.default_pipeline()]
    for family in (
        "cleaning",
        "entities",
        "names",
        "places",
        "dates",
        "events",
        "legal",
        "biography",
    ):
        assert any(n.startswith(family + ".v") for n in names), family
    assert names.index("cleaning.v1") < names.index("names.v1") < names.index("events.v1")


def test_duplicate_name_fails_loudly() -> None:
    with pytest.raises(ConfigError, match="twice"):
        registry.stage("dates.v1", order=1)(lambda ctx: None)


def test_unknown_and_malformed_names_fail() -> None:
    with pytest.raises(ConfigError, match="unknown"):
        registry.get_stage("nosuch.v1")
    with pytest.raises(ConfigError, match=r"family\.v1"):
        registry.stage("NoVersion", order=1)


def test_user_stage_joins_pipeline_and_newer_version_wins() -> None:
    def mine(ctx: Context) -> None:
        ctx.warnings.append("mine ran")

    registry.stage("custom.v1", order=99)(mine)
    registry.stage("custom.v2", order=98)(mine)
    try:
        names = [s.name for s in registry.default_pipeline()]
        assert "custom.v2" in names and "custom.v1" not in names
    finally:
        registry.unregister("custom.v1")
        registry.unregister("custom.v2")


def test_each_stage_stamps_its_own_name_on_what_it_found() -> None:
    """record.py wrote fixed names ("events.v1"): a replacement stage was recorded under
    the built-in's name."""
    from vigil.extract import Extractor
    from vigil.extract.context import Event
    from vigil.extract.stages.events import find_events

    def events_v99(ctx: Context) -> None:
        find_events(ctx)
        ctx.events.append(Event("threat", 0, 5, (0, 5), victims=["Dana Serikova"]))

    registry.stage("events.v99", order=50)(events_v99)
    try:
        ex = Extractor()
        result = ex.extract(
            "On 10 March 2024 police in Almaty arrested the journalist Dana Serikova."
        )
    finally:
        registry.unregister("events.v99")
    stages = {c.kind: c.stage for c in result.claims if c.kind in ("event", "person")}
    assert stages == {"event": "events.v99", "person": "names.v1"}


def test_a_failing_stage_fails_the_test_run_but_not_a_users_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from vigil.extract.extractor import run_stage

    def broken(ctx: Context) -> None:
        raise RuntimeError("stage bug")

    st = registry.Stage(name="broken.v1", fn=broken, order=1, needs_doc=False)
    ctx = Context(text="x", clean="x")
    with pytest.raises(RuntimeError):  # VIGIL_STRICT_STAGES, set by tests/conftest.py
        run_stage(st, ctx)
    monkeypatch.setenv("VIGIL_STRICT_STAGES", "0")
    run_stage(st, ctx)
    assert ctx.warnings == ["stage broken.v1 failed (RuntimeError); record is partial"]


def test_a_fact_outside_the_schema_fails_the_test_run_and_is_dropped_for_users(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stages wrote claims nothing checked: a plugin's event dated "last spring" or an
    unknown event type reached the store, which the dossier's typed models then refused."""
    from vigil.errors import InputError
    from vigil.extract.extractor import conforming
    from vigil.extract.model import Claim

    good = Claim("event", "event:0", {"type": "arrest", "date": "2024-03-10"}, [(0, 5)], "x.v1", 1)
    bad_date = Claim("event", "event:1", {"type": "arrest", "date": "last spring"}, [], "x.v1", 1)
    bad_type = Claim("event", "event:2", {"type": "scolding"}, [(0, 5)], "x.v1", 1)
    person = Claim(
        "person",
        "person:0",
        {"id": "p1", "name": "Dana Serikova", "role": "victim"},
        [],
        "names.v1",
        1,
    )
    with pytest.raises(InputError, match="date"):
        conforming([good, bad_date], [])
    monkeypatch.setenv("VIGIL_STRICT_STAGES", "0")
    warnings: list[str] = []
    assert conforming([good, bad_date, bad_type, person], warnings) == [good, person]
    assert len(warnings) == 2
    assert "stage x.v1" in warnings[0] and "'date'" in warnings[0]
    assert "'type'" in warnings[1]


def test_a_plugins_fact_naming_people_by_name_is_kept() -> None:
    """The store gives ids to facts that name persons by name (a plugin's way) and adds an
    affiliation's organisation: the schema check reads the facts the same way."""
    from vigil.extract.extractor import conforming
    from vigil.extract.model import Claim

    person = Claim(
        "person", "p", {"id": "p1", "name": "Dana Serikova", "role": "victim"}, [], "x", 1
    )
    event = Claim("event", "e", {"type": "arrest", "victims": ["Dana Serikova"]}, [], "x.v1", 1)
    member = Claim(
        "affiliation", "a", {"person": "Dana Serikova", "organization": "Adilet"}, [], "x.v1", 1
    )
    assert conforming([person, event, member], []) == [person, event, member]
