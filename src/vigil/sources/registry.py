"""The reader registry: every input format is read by a reader registered here.

Built-in readers and a user's plugin register the same way, under a versioned name
(``"text.v1"``) with the media types and file extensions they take and, optionally, a sniff
function that recognises their format from the first bytes. A malformed or duplicate name
fails loudly at registration, an unknown one at lookup.

    @register("rtf.v1", media_types=("application/rtf",), extensions=(".rtf",),
              sniff=lambda head: head.startswith(b"{\\rtf"))
    def read_rtf(data: bytes, filename: str, *, media_type: str | None = None) -> SourceDocument:
        ...
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from vigil.sources.document import SourceDocument

# How many leading bytes a sniff function is shown.
SNIFF_BYTES = 4096

_NAME = re.compile(r"^[a-z][a-z0-9_]*\.v[1-9][0-9]*$")


class ReaderFunc(Protocol):
    def __call__(
        self, data: bytes, filename: str, *, media_type: str | None = None
    ) -> SourceDocument: ...


Sniff = Callable[[bytes], bool]


@dataclass(frozen=True, slots=True)
class Reader:
    """One registered reader: its name, what it takes, and the function that reads."""

    name: str
    read: ReaderFunc
    media_types: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    sniff: Sniff | None = None


_READERS: dict[str, Reader] = {}


def register(
    name: str,
    *,
    media_types: tuple[str, ...] = (),
    extensions: tuple[str, ...] = (),
    sniff: Sniff | None = None,
) -> Callable[[ReaderFunc], ReaderFunc]:
    """Decorator registering a reader under ``name`` ("<format>.v<N>")."""
    if not _NAME.match(name):
        raise ValueError(f"reader name {name!r} must look like 'format.v1'")
    if name in _READERS:
        raise ValueError(f"reader {name!r} is already registered")
    bad_ext = [e for e in extensions if not e.startswith(".") or e != e.lower()]
    if bad_ext:
        raise ValueError(f"reader {name!r}: extensions must be lower case with a dot: {bad_ext}")

    def decorate(func: ReaderFunc) -> ReaderFunc:
        if name in _READERS:
            raise ValueError(f"reader {name!r} is already registered")
        _READERS[name] = Reader(
            name=name,
            read=func,
            media_types=tuple(m.lower() for m in media_types),
            extensions=extensions,
            sniff=sniff,
        )
        return func

    return decorate


def unregister(name: str) -> None:
    """Remove a reader (tests and plugins replacing a built-in use this)."""
    get(name)
    del _READERS[name]


def readers() -> list[Reader]:
    """Every registered reader, in registration order."""
    return list(_READERS.values())


def get(name: str) -> Reader:
    """The reader registered as ``name``; KeyError naming the known ones if there is none."""
    try:
        return _READERS[name]
    except KeyError:
        known = ", ".join(sorted(_READERS)) or "none"
        raise KeyError(f"no reader named {name!r} (known: {known})") from None


def extension_of(filename: str) -> str:
    """The lower-cased extension of a file name, with its dot ("" if it has none)."""
    base = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


def by_sniff(head: bytes) -> Reader | None:
    """The first reader whose sniff function recognises ``head``."""
    for reader in _READERS.values():
        if reader.sniff is not None and reader.sniff(head):
            return reader
    return None


def by_extension(filename: str) -> Reader | None:
    ext = extension_of(filename)
    if not ext:
        return None
    for reader in _READERS.values():
        if ext in reader.extensions:
            return reader
    return None


def by_media_type(media_type: str | None) -> Reader | None:
    if not media_type:
        return None
    base = media_type.split(";", 1)[0].strip().lower()
    for reader in _READERS.values():
        if base in reader.media_types:
            return reader
    return None
