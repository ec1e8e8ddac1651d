"""Search keys: one key for every form of a word, the same for the index and the query.

"Амировой", "Амирова" and "Amirova" all key to "amirov"; "arrests" and "arrested" to
"arrest". A Russian word the dictionary knows (pymorphy3, the lemmatiser Russian extraction
uses) is keyed by its dictionary form, surnames by the masculine nominative; any other word
loses one ending from the lists in ``data/word_forms.yaml``. Keys are then folded
(``fold``) to lower-case ASCII tokens, so a name is still found in either script and with
or without diacritics.

Changing the rules changes the keys of stored reports: ``vigil reindex`` rebuilds the index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from vigil.datafiles import read_mapping
from vigil.store.fold import fold_tokens

# A word of text: letters and digits, with any combining accents (text is not normalised:
# "Rami\u0301rez" is one word). An underscore joins too; folding splits there.
WORD = re.compile(r"[\w\u0300-\u036f]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True, slots=True)
class _Endings:
    endings: tuple[tuple[str, int], ...]  # (ending, letters that must stay), longest first
    keep: tuple[str, ...] = ()

    def strip(self, word: str) -> str:
        if self.keep and word.endswith(self.keep):
            return word
        for end, stem in self.endings:
            if word.endswith(end) and len(word) - len(end) >= stem:
                return word[: -len(end)]
        return word


def _endings(raw: dict[str, Any], keep: list[str] | None = None) -> _Endings:
    pairs = sorted(((str(e), int(n)) for e, n in raw.items()), key=lambda p: -len(p[0]))
    return _Endings(tuple(pairs), tuple(keep or ()))


@cache
def _rules() -> tuple[_Endings, _Endings]:
    data = read_mapping("vigil.store", "data", "word_forms", what="search data file")
    return (
        _endings(data["cyrillic_endings"]),
        _endings(data["latin_endings"], data.get("latin_keep")),
    )


def _russian_base(word: str) -> str:
    """The form of a Cyrillic word its key is made from: the dictionary form of a known
    word (a surname's masculine nominative), else the word less a case ending."""
    from vigil.extract.lemma.model import parses

    low = word.lower().replace("ё", "е")
    found = parses(low)
    if found and found[0].is_known:
        surname = next((p for p in found if "Surn" in p.tag), None)
        if surname is not None:
            return str(surname.normal_form).replace("ё", "е")
        best = found[0]
        if "Name" in best.tag:
            # "Амиров" reads first as the genitive plural of the name "Амир": a name in
            # the plural is rarer in reports than a surname, which keeps its nominative.
            if "plur" in best.tag:
                return _rules()[0].strip(low)
            # "Алия" reads first as a form of the man's name "Алий", "Алией" only as the
            # woman's "Алия": where a word can be a woman's name, that is its key.
            best = next((p for p in found if "Name" in p.tag and "femn" in p.tag), best)
        return str(best.normal_form).replace("ё", "е")
    return _rules()[0].strip(low)


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> tuple[str, ...]:
    """The keys of one word of text (several where it folds to several tokens:
    "Ильин" -> "il", "in"; none for a word that folds to nothing)."""
    base = _russian_base(word) if _CYRILLIC.search(word) else word
    latin = _rules()[1]
    return tuple(t if t.isdigit() else latin.strip(t) for t in fold_tokens(base))


def text_keys(text: str) -> list[str]:
    """The keys of every word of ``text``, in order: what the full-text index holds."""
    out: list[str] = []
    for word in WORD.findall(text):
        out.extend(word_keys(word))
    return out


class _Joined(dict[str, str]):
    """Each word's keys joined by spaces, computed on first sight: indexing a report is
    then one C-level lookup per word (ingestion keys ~600 words a report)."""

    def __missing__(self, word: str) -> str:
        if len(self) > 200_000:
            self.clear()
        joined = self[word] = " ".join(word_keys(word))
        return joined


_JOINED = _Joined()


def index_text(text: str) -> str:
    """``text`` as the index stores it: its keys separated by spaces."""
    return " ".join(filter(None, map(_JOINED.__getitem__, WORD.findall(text))))


def prefix_keys(word: str) -> tuple[str, ...]:
    """The tokens of a word typed as a prefix ("Амирова*", "arrested*"): the word's keys,
    the last cut to where it agrees with the folded spelling (so that every form of the
    word starts with it), or the folded spelling where they hardly agree."""
    folded = fold_tokens(word)
    keyed = word_keys(word)
    if not folded or len(keyed) != len(folded):
        return keyed
    f, k = folded[-1], keyed[-1]
    n = next((i for i, (a, b) in enumerate(zip(f, k, strict=False)) if a != b), min(len(f), len(k)))
    common = f[:n]
    return (*keyed[:-1], common if len(common) >= 2 else folded[-1])
