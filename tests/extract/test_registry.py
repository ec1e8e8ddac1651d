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
