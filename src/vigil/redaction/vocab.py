"""Word lists and shared fragments of the redaction patterns, read from data files.

A pattern in ``policy.yaml`` names a list or a fragment as ``{{name}}``; ``expand`` puts
in its place the fragment (itself expanded) or one alternation of the list's words, each
matched whole. The lists are the keys of ``data/*.yaml`` and the unions ``policy.yaml``
defines under ``lists`` ("file:key", or "extract/file:key" for a list shared with
extraction, so that a concept has one list).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

from vigil.datafiles import read_mapping
from vigil.errors import ConfigError

# {{name}}, or {{name:suffix}} for a list whose words may end a longer word
# ("Haupt" + "straße").
_PLACEHOLDER = re.compile(r"\{\{(\w+)(:suffix)?\}\}")
# Every capital letter of the Latin, Greek and Cyrillic blocks, as one character class.
UPPER = "[" + "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper()) + "]"


def _yaml(package: str, folder: str, name: str) -> dict[str, Any]:
    return read_mapping(package, folder, name, what="redaction word list")


def bundled_lists() -> dict[str, list[str]]:
    """Every list of ``vigil/redaction/data/*.yaml``, by its key."""
    lists: dict[str, list[str]] = {}
    folder = resources.files("vigil.redaction").joinpath("data")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            for key, words in _yaml("vigil.redaction", "data", entry.name[:-5]).items():
                if key in lists:
                    raise ConfigError(f"redaction word list {key!r} is defined twice")
                lists[key] = [str(w) for w in words or ()]
    return lists


def _source(ref: str, lists: Mapping[str, list[str]]) -> list[str]:
    """The words of ``file:key`` (a bundled list), ``extract/file:key`` or
    ``resolve/file:key``."""
    where, _, key = ref.partition(":")
    package, _, file = where.rpartition("/")
    if package in ("extract", "resolve"):
        words = _yaml(f"vigil.{package}", "data", file).get(key)
    else:
        words = lists.get(key)
    if words is None:
        raise ConfigError(f"redaction policy names an unknown word list {ref!r}")
    return [str(w) for w in words]


def with_unions(
    lists: dict[str, list[str]], unions: Mapping[str, Iterable[str]]
) -> dict[str, list[str]]:
    out = dict(lists)
    for name, refs in unions.items():
        out[name] = [w for ref in refs for w in _source(str(ref), lists)]
    return out


def _tokens(word: str) -> list[str]:
    """A word as regex tokens: each character escaped, each run of spaces any spacing."""
    out: list[str] = []
    for i, part in enumerate(word.split()):
        if i:
            out.append(r"\s+")
        out.extend(re.escape(c) for c in part)
    return out


def _render(node: dict[str, Any]) -> str:
    alts = [tok + _render(child) for tok, child in node.items() if tok != ""]
    if "" in node:  # a word ends here; longer words are tried first
        alts.append(node[""])
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def alternation(words: Iterable[str], *, suffix: bool = False) -> str:
    """One group matching any of ``words`` whole (spaces match any spacing), longest
    first; ``suffix``: a word may also end a longer word. Built as a trie, so that a
    list of hundreds of words costs a few character tests where nothing matches."""
    heads: dict[bool, dict[str, Any]] = {True: {}, False: {}}
    for word in {w.strip() for w in words if w and w.strip()}:
        node = heads[word[0].isalnum() and not suffix]
        for tok in _tokens(word):
            node = node.setdefault(tok, {})
        node[""] = r"(?!\w)" if word[-1].isalnum() else ""
    groups = []
    for bounded, root in heads.items():
        if root:
            groups.append((r"(?<!\w)" if bounded else "") + _render(root))
    return "(?:" + "|".join(groups) + ")" if groups else "(?!)"


def expand(
    pattern: str, fragments: Mapping[str, str], lists: Mapping[str, list[str]], depth: int = 0
) -> str:
    """``pattern`` with every ``{{name}}`` replaced by its fragment or its list."""
    if depth > 8:
        raise ConfigError("redaction fragments refer to each other in a loop")

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "upper":
            return UPPER
        if name in fragments:
            return "(?:" + expand(fragments[name], fragments, lists, depth + 1) + ")"
        if name in lists:
            return alternation(lists[name], suffix=bool(m.group(2)))
        raise ConfigError(f"redaction pattern names an unknown list or fragment {name!r}")

    return _PLACEHOLDER.sub(one, pattern)
