"""Bytes to text: BOMs, valid UTF-8, a declared charset, then charset-normalizer.

The result keeps what is needed to map text back to the original bytes: where the text
starts (after a BOM) and a function giving the original bytes of any piece of the text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from vigil.datafiles import read_mapping
from vigil.errors import UnreadableInput

# BOMs, longest first (the UTF-32-LE BOM begins with the UTF-16-LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")

# The five bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are read by
# browsers and Windows as the C1 code points of the same value; mojibake made that way
# ("Ð\x81" for "Ё") only round-trips if we do the same in both directions.
LATIN1_FALLBACK = "vigil-latin1-fallback"


def _latin1_fallback(err: UnicodeError) -> tuple[str | bytes, int]:
    if isinstance(err, UnicodeDecodeError):
        return err.object[err.start : err.end].decode("latin-1"), err.end
    if isinstance(err, UnicodeEncodeError):
        chunk = err.object[err.start : err.end]
        if all(ord(c) < 256 for c in chunk):
            return chunk.encode("latin-1"), err.end
    raise err


codecs.register_error(LATIN1_FALLBACK, _latin1_fallback)


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str  # Python codec name, without BOM handling ("utf-8", "utf-16-le", "cp1251")
    start: int  # byte offset where the text begins (the BOM length)
    encode: Callable[[str], bytes]  # the original bytes of a piece of ``text``
    warnings: list[str] = field(default_factory=list)


@cache
def _config() -> dict[str, Any]:
    return read_mapping("vigil", "sources", "encodings", what="reader data file")


def charset_of(media_type: str | None) -> str | None:
    """The ``charset`` parameter of a media type, as a Python codec name, if known."""
    if not media_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", media_type, re.IGNORECASE)
    return normalise_codec(m.group(1)) if m else None


def normalise_codec(name: str) -> str | None:
    """The canonical Python codec name for ``name``, or None if Python has no such codec."""
    try:
        return codecs.lookup(name.strip()).name
    except (LookupError, ValueError):
        return None


def control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _encoder(codec: str) -> Callable[[str], bytes]:
    def encode(piece: str) -> bytes:
        return piece.encode(codec)

    return encode


def _mojibake_encoder(via: str) -> Callable[[str], bytes]:
    def encode(piece: str) -> bytes:
        return piece.encode("utf-8").decode(via, LATIN1_FALLBACK).encode("utf-8")

    return encode


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a BOM shows as NULs in every other byte of ASCII-heavy text."""
    pairs = len(head) // 2
    if pairs < 2 or b"\x00" not in head:
        return None
    even = sum(1 for i in range(0, pairs * 2, 2) if head[i] == 0)
    odd = sum(1 for i in range(1, pairs * 2, 2) if head[i] == 0)
    if odd > 0.4 * pairs and even < 0.05 * pairs:
        return "utf-16-le"
    if even > 0.4 * pairs and odd < 0.05 * pairs:
        return "utf-16-be"
    return None


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _fix_mojibake(text: str) -> tuple[str, str] | None:
    """Undo UTF-8 that was decoded with a legacy code page and saved again as UTF-8."""
    if text.isascii():
        return None
    for via in _config()["mojibake_via"]:
        try:
            fixed = text.encode(via, LATIN1_FALLBACK).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != text:
            return fixed, via
    return None


def decode(data: bytes, *, declared: str | None = None, subject: str | None = None) -> Decoded:
    """Decode ``data`` as text, or raise UnreadableInput when it is binary, not text.

    ``declared`` is the charset the input claims (from a media type or a meta tag); it is
    trusted only when the bytes decode with it and are not valid UTF-8.
    """
    max_ratio = float(_config()["max_control_ratio"])
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _try(data[len(bom) :], codec)
            if text is None:
                raise UnreadableInput(
                    f"text starts with a {codec} BOM but is not {codec}", subject=subject
                )
            return _checked(Decoded(text, codec, len(bom), _encoder(codec)), max_ratio, subject)

    declared = normalise_codec(declared) if declared else None
    warnings: list[str] = []
    text = _try(data, "utf-8")
    if text is not None and control_ratio(text) <= max_ratio:
        fixed = _fix_mojibake(text)
        if fixed is not None:
            warnings.append(f"repaired mojibake: UTF-8 that had been read as {fixed[1]}")
            return Decoded(fixed[0], "utf-8", 0, _mojibake_encoder(fixed[1]), warnings)
        if declared and declared != "utf-8" and not text.isascii():
            warnings.append(f"decoded as utf-8; declared {declared} was wrong")
        return Decoded(text, "utf-8", 0, _encoder("utf-8"), warnings)

    valid_utf8 = text is not None
    utf16 = _utf16_without_bom(data[:4096])
    if utf16 is not None:
        text = _try(data, utf16)
        if text is not None and control_ratio(text) <= max_ratio:
            return Decoded(text, utf16, 0, _encoder(utf16), [f"decoded as {utf16} (no BOM)"])

    if declared and declared != "utf-8":
        text = _try(data, declared)
        if text is not None and control_ratio(text) <= max_ratio and _plausible(text, data):
            return Decoded(text, declared, 0, _encoder(declared), [f"decoded as {declared}"])

    guess = _detect(data)
    detected = _try(data, guess) if guess else None
    if detected is None or guess is None:
        why = "control characters or NULs" if valid_utf8 else "not text in any known encoding"
        raise UnreadableInput(f"binary content, not text ({why})", subject=subject)
    text = detected
    if declared:
        warnings.append(f"decoded as {guess}; declared {declared} was wrong")
    else:
        warnings.append(f"decoded as {guess}")
    return _checked(Decoded(text, guess, 0, _encoder(guess), warnings), max_ratio, subject)


def _plausible(text: str, data: bytes) -> bool:
    """Whether a declared single-byte decoding reads as a language at least as well as
    detection does (a page declaring windows-1252 but written in cp1251 does not)."""
    from vigil.sources.language import language_evidence

    judge = int(_config()["judge_bytes"])
    _, stops, _ = language_evidence(text[:judge])
    if stops >= 3:
        return True
    guess = _detect(data)
    if guess is None:
        return True
    _, other, _ = language_evidence(data[:judge].decode(guess, errors="ignore"))
    return other <= stops


def _checked(decoded: Decoded, max_ratio: float, subject: str | None) -> Decoded:
    if control_ratio(decoded.text) > max_ratio:
        raise UnreadableInput(
            "binary content, not text (control characters or NULs)", subject=subject
        )
    return decoded


def _detect(data: bytes) -> str | None:
    """charset-normalizer proposes; the language profiles decide between its proposals.

    On short texts charset-normalizer often ranks a wrong Western code page first (French
    in cp1250: "arręté ŕ Genčve"); the decoding in which our stopwords and letters show up
    is the right one.
    """
    from charset_normalizer import from_bytes

    from vigil.sources.language import language_evidence

    cfg = _config()
    proposed = [str(m.encoding) for m in from_bytes(data, cp_isolation=list(cfg["candidates"]))]
    names: list[str] = []
    for name in [*proposed[: int(cfg["max_proposals"])], *cfg["always_try"]]:
        codec = normalise_codec(name)
        if codec and codec not in names:
            names.append(codec)
    sample = data[: int(cfg["judge_bytes"])]
    order = [normalise_codec(str(c)) for c in cfg.get("prefer_on_tie", [])]
    preference = {c: i for i, c in enumerate(order) if c}
    best: tuple[int, int, int, int, str] | None = None
    for rank, codec in enumerate(names):
        text = sample.decode(codec, errors="ignore")
        if control_ratio(text) > float(cfg["max_control_ratio"]):
            continue
        if _try(data, codec) is None:
            continue
        _, stops, letters = language_evidence(text)
        key = (stops, letters, -preference.get(codec, len(preference)), -rank, codec)
        if best is None or key[:4] > best[:4]:
            best = key
    return best[4] if best else None
