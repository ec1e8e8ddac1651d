"""Recognising formats from their first bytes: the ones we read and the ones we refuse.

The sniff functions here are handed to the registry by the readers; ``unsupported`` names
a format Vigil knows it cannot read (images, programs, archives), from ``formats.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vigil.datafiles import read_mapping

# Header names that only e-mail messages carry in their first lines.
_MAIL_HEADER = re.compile(
    rb"^(from|to|cc|subject|date|message-id|mime-version|received|return-path|"
    rb"delivered-to|reply-to|x-mailer|content-type|in-reply-to|references)[ \t]*:",
    re.IGNORECASE | re.MULTILINE,
)
_HEADER_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")
_HTML = re.compile(rb"<(!doctype[ \t\r\n]+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Magic:
    name: str
    magic: bytes
    extra: tuple[tuple[int, bytes], ...]


def _bytes(value: str) -> bytes:
    # YAML single-quoted strings keep "\x89" as four characters; decode the escapes.
    return value.encode("latin-1").decode("unicode_escape").encode("latin-1")


@cache
def _config() -> tuple[tuple[_Magic, ...], frozenset[str]]:
    raw = read_mapping("vigil", "sources", "formats", what="reader data file")
    magics = []
    for item in raw["unsupported"]:
        extra = tuple(
            (int(key.rsplit("_", 1)[1]), _bytes(str(val)))
            for key, val in item.items()
            if key.startswith("also_at_")
        )
        magics.append(_Magic(str(item["name"]), _bytes(str(item["magic"])), extra))
    return tuple(magics), frozenset(str(e).lower() for e in raw["unsupported_extensions"])


def unsupported(head: bytes) -> str | None:
    """The name of a format we refuse, if ``head`` starts like one."""
    for m in _config()[0]:
        if head.startswith(m.magic) and all(head[i : i + len(b)] == b for i, b in m.extra):
            return m.name
    return None


def unsupported_extension(ext: str) -> bool:
    return ext.lower() in _config()[1]


def is_pdf(head: bytes) -> bool:
    # The PDF header may follow a little junk; readers accept it within the first 1 KB.
    return b"%PDF-" in head[:1024]


def is_zip(head: bytes) -> bool:
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def is_html(head: bytes) -> bool:
    start = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        start = start[2:].replace(b"\x00", b"").lstrip()
    return bool(_HTML.search(start[:1024])) and start[:1].startswith(b"<")


def is_email(head: bytes) -> bool:
    """RFC 822: the first lines are ``Name: value`` headers, some of them e-mail's own."""
    block = head.lstrip(b"\r\n").split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    if block.startswith(b"From "):
        block = block.split(b"\n", 1)[-1]  # an mbox "From sender date" line
    lines = [ln for ln in block.splitlines() if ln and not ln[:1].isspace()]
    if len(lines) < 2 or not all(_HEADER_LINE.match(ln) for ln in lines[:4]):
        return False
    known = {m.group(1).lower() for m in _MAIL_HEADER.finditer(block)}
    return len(known) >= 2 and bool(known & {b"from", b"received", b"message-id", b"return-path"})
