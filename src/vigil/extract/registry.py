"""The one registry of extraction stages.

Built-in stages register here exactly as a user's plugin would::

    @stage("dates.v1", order=40)
    def find_dates(ctx: Context) -> None: ...

Names are versioned (``name.vN``); registering a name twice, or asking for a name that was
never registered, fails loudly at start rather than silently running a different pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vigil.errors import ConfigError

if TYPE_CHECKING:
    from vigil.extract.context import Context

StageFn = Callable[["Context"], None]

_NAME = re.compile(r"^[a-z][a-z0-9_]*\.v[0-9]+$")


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    fn: StageFn
    # Position in the default pipeline (lower runs first).
    order: int
    # False: runs on the text before the spaCy model; True: needs ``ctx.doc``.
    needs_doc: bool
    # False: runs only where a language entry names it (data/languages.yaml).
    default: bool = True


_REGISTRY: dict[str, Stage] = {}


def stage(
    name: str, *, order: int, needs_doc: bool = True, default: bool = True
) -> Callable[[StageFn], StageFn]:
    """Register ``fn`` under ``name`` (``family.vN``); a duplicate name is an error.

    ``default=False`` keeps the stage out of the default pipeline: it runs only for the
    languages whose entry in ``data/languages.yaml`` lists it.
    """
    if not _NAME.match(name):
        raise ConfigError(f"stage name {name!r} must look like 'family.v1'")

    def wrap(fn: StageFn) -> StageFn:
        if name in _REGISTRY:
            raise ConfigError(f"extraction stage {name!r} is registered twice")
        _REGISTRY[name] = Stage(name=name, fn=fn, order=order, needs_doc=needs_doc, default=default)
        return fn

    return wrap


def get_stage(name: str) -> Stage:
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise ConfigError(f"unknown extraction stage {name!r} (known: {known})") from None


def default_pipeline() -> list[Stage]:
    """Every registered stage, in order (the latest version of each family only)."""
    latest: dict[str, Stage] = {}
    for st in _REGISTRY.values():
        if not st.default:
            continue
        family, _, ver = st.name.rpartition(".v")
        cur = latest.get(family)
        if cur is None or int(ver) > int(cur.name.rpartition(".v")[2]):
            latest[family] = st
    return sorted(latest.values(), key=lambda s: s.order)


def unregister(name: str) -> None:
    """Remove a stage (for tests and plugins replacing a built-in on purpose)."""
    get_stage(name)
    del _REGISTRY[name]
