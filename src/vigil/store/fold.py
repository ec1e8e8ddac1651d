"""The one folding of text used for search and name matching on both backends.

Folding turns any script into lowercase ASCII (anyascii, ISC licence): "Şahin" -> "sahin",
"Айжангуль" -> "aizhangul'". Both the index and the query go through it, so a name is
found with or without diacritics, and in Cyrillic as in Latin.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_PUNCT = re.compile(r"[^a-z0-9]+")
_TOKEN = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase ASCII form of ``text``. Pure-ASCII text takes a fast path."""
    if not text.isascii():
        text = _NON_ASCII.sub(lambda m: anyascii(m.group()), text)
    return text.lower()


def fold_tokens(text: str) -> list[str]:
    """The tokens both full-text engines see in folded text (runs of letters and digits)."""
    return _TOKEN.findall(fold(text))


@lru_cache(maxsize=65_536)
def name_key(name: str) -> str:
    """Case-, diacritics- and punctuation-folded name without honorifics ("Mr A. Amirova"
    and "a amirova" give the same key)."""
    from vigil.resolve.lexicon import strip_honorific  # the one list of honorifics

    return _PUNCT.sub(" ", fold(strip_honorific(name))).strip()
