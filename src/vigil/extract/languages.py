"""Which model and stages read a report, by its language (``data/languages.yaml``).

The English entry is the spaCy model the Extractor loads at start; any other entry's model
is loaded on the first report in that language, so an English-only installation never
pays for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from vigil.errors import ConfigError
from vigil.extract.data import load
from vigil.extract.registry import Stage, get_stage

DEFAULT = "en"
# A text whose letters are mostly Cyrillic, for reports no reader labelled.
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Entry:
    code: str
    model: str
    stages: tuple[str, ...] | None  # None: the default pipeline
    data: str | None
    also: tuple[str, ...]


# Model engines by the name an entry gives; each builds a callable text -> document.
_ENGINES: dict[str, Callable[[], Callable[[str], Any]]] = {}


def engine(name: str) -> Callable[[Callable[[], Callable[[str], Any]]], Any]:
    """Register a model engine (a factory called once, on first use)."""

    def wrap(factory: Callable[[], Callable[[str], Any]]) -> Any:
        _ENGINES[name] = factory
        return factory

    return wrap


@engine("natasha")
def _natasha() -> Callable[[str], Any]:
    from vigil.extract.lemma.model import NatashaModel

    return NatashaModel()


@cache
def entries() -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for code, spec in load("languages").items():
        stages = spec.get("stages", "default")
        out[str(code)] = Entry(
            code=str(code),
            model=str(spec["model"]),
            stages=None if stages == "default" else tuple(stages),
            data=spec.get("data"),
            also=tuple(spec.get("also") or ()),
        )
    return out


def entry_for(language: str | None, text: str = "") -> tuple[Entry, str | None]:
    """The entry that reads a report, and a warning when it reads it as another language.

    ``language`` is the reader's label; without one, a mostly Cyrillic text is read by the
    entry whose data is Russian.
    """
    table = entries()
    lang = (language or "").lower() or None
    if lang is None and text:
        sample = text[:3000]
        letters = len(_LETTER.findall(sample))
        if letters and len(_CYRILLIC.findall(sample)) * 2 > letters:
            lang = "ru"
    if lang is None or lang == DEFAULT:
        return table[DEFAULT], None
    if lang in table:
        return table[lang], None
    for ent in table.values():
        if lang in ent.also:
            return ent, f"the report is in language {lang!r}; it is read as {ent.code!r}"
    return table[DEFAULT], (
        f"the report is in language {lang!r}; extraction reads English and "
        + ", ".join(repr(c) for c in table if c != DEFAULT)
    )


class Models:
    """The loaded model of each non-default entry, loaded on first use."""

    def __init__(self) -> None:
        self._loaded: dict[str, Callable[[str], Any]] = {}

    def get(self, ent: Entry) -> Callable[[str], Any]:
        if ent.code not in self._loaded:
            try:
                factory = _ENGINES[ent.model]
            except KeyError:
                raise ConfigError(
                    f"language {ent.code!r} names unknown model {ent.model!r}"
                ) from None
            self._loaded[ent.code] = factory()
        return self._loaded[ent.code]

    @staticmethod
    @cache
    def stages(code: str) -> tuple[Stage, ...]:
        """The stages that run after the model for an entry with its own stage list."""
        ent = entries()[code]
        return tuple(s for s in map(get_stage, ent.stages or ()) if s.needs_doc)
