"""The natasha model entry: tokens with lemmas, sentences, named entities and the
dependency parse of a text.

natasha ships its NER and syntax weights and embeddings inside its wheels and pymorphy3 its
dictionaries, so nothing is downloaded at run time. Lemmas and inflection come from
pymorphy2 (several times faster than natasha's neural tagger, and enough for triggers);
slovnet's parser (about 1 ms a sentence) tells whom an act is told of (lemma/attach.py).
"""

from __future__ import annotations

import bisect
import importlib.util
import logging
import re
import time
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from vigil.errors import ConfigError

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    lemma: str
    # The dependency parse (slovnet, Universal Dependencies relations): the index in
    # LemmaDoc.tokens of this token's head (-1 for a sentence's root) and the relation.
    head: int = -1
    rel: str = ""


@dataclass(slots=True)
class LemmaDoc:
    """What the lemma stages read in place of a spaCy Doc."""

    tokens: list[Token] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # each token's start, for bisect
    sents: list[tuple[int, int]] = field(default_factory=list)
    # (start, end, label) with labels as the English stages know them: PERSON, ORG, GPE.
    ents: list[tuple[int, int, str]] = field(default_factory=list)


_TOKEN = re.compile(r"\w+(?:[-’']\w+)*|[^\w\s]")
_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
_PARSED = 120  # longest sentence, in tokens, the parser reads


@cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple[Any, ...]:
    """pymorphy2's analyses of one word, best first (cached: texts repeat their words)."""
    return tuple(_morph().parse(word))


def lemma(word: str) -> str:
    """The dictionary form of ``word`` in lower case ("задержали" -> "задержать")."""
    if not word or not word[0].isalpha() or word.isascii():
        return word.lower()
    if len(word) > 1 and word.isupper() and len(word) <= 5:
        return word.lower()  # an abbreviation: "СИЗО" is no form of "сизый"
    return str(parses(word)[0].normal_form).replace("ё", "е")


def _natasha_data() -> Path:
    """natasha's data folder, found without importing natasha (its package imports
    pymorphy2 and yargy, which Vigil does not use; slovnet and navec read the files)."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the Russian model needs the natasha package (make setup)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _lines(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """A sentence cut at its line breaks: a scraped page's lines are headings, bylines
    ("Автор: ..."), list items and paragraphs, never one sentence run on."""
    out = []
    pos = start
    for m in re.finditer(r"\s*\n\s*", text[start:stop]):
        if m.start() > pos - start:
            out.append((pos, start + m.start()))
        pos = start + m.end()
    if pos < stop:
        out.append((pos, stop))
    return out


class NatashaModel:
    """Loads natasha's NER and syntax parser once; ``model(text)`` gives a LemmaDoc."""

    def __init__(self) -> None:
        from navec import Navec
        from slovnet import NER, Syntax

        t0 = time.perf_counter()
        data = _natasha_data()
        navec = Navec.load(str(data / "emb" / "navec_news_v1_1B_250K_300d_100q.tar"))
        self.ner = NER.load(str(data / "model" / "slovnet_ner_news_v1.tar"))
        self.ner.navec(navec)
        self.syntax = Syntax.load(str(data / "model" / "slovnet_syntax_news_v1.tar"))
        self.syntax.navec(navec)
        log.info("natasha model loaded in %.1fs", time.perf_counter() - t0)

    def __call__(self, text: str) -> LemmaDoc:
        from razdel import sentenize

        out = LemmaDoc()
        # Lemma stages need words only: a regex is several times faster than razdel's
        # tokenizer (the NER tagger tokenizes for itself).
        for m in _TOKEN.finditer(text):
            out.tokens.append(Token(m.start(), m.end(), m.group(), lemma(m.group())))
        out.starts = [t.start for t in out.tokens]
        out.sents = [line for s in sentenize(text) for line in _lines(text, s.start, s.stop)]
        markup = self.ner(text)
        out.ents = [(s.start, s.stop, _LABELS.get(s.type, s.type)) for s in markup.spans]
        self._parse(out)
        return out

    def _parse(self, doc: LemmaDoc) -> None:
        """Each sentence's tokens get their head and relation, in the sentences that name
        two persons or more: the parse tells which of them an act is told of (one person
        needs no choosing; the parse costs about as much as the NER). A sentence of more
        than _PARSED tokens, a list or a table more than prose, keeps none."""
        people = sorted(s for s, _, label in doc.ents if label == "PERSON")
        firsts: list[int] = []
        chunks: list[list[str]] = []
        for s, e in doc.sents:
            if bisect.bisect_left(people, e) - bisect.bisect_left(people, s) < 2:
                continue
            lo, hi = bisect.bisect_left(doc.starts, s), bisect.bisect_left(doc.starts, e)
            if 0 < hi - lo <= _PARSED:
                firsts.append(lo)
                chunks.append([t.text for t in doc.tokens[lo:hi]])
        for lo, markup in zip(firsts, self.syntax.map(chunks), strict=True):
            for tok in markup.tokens:
                t = doc.tokens[lo + int(tok.id) - 1]
                t.rel = tok.rel
                t.head = lo + int(tok.head_id) - 1 if tok.head_id != "0" else -1
