"""Score extraction against gold records (GUIDELINES "Scoring"), for ``vigil eval``.

Every category is matched one-to-one (maximum bipartite matching), then precision, recall
and F1 are computed from the matched counts; ``micro`` pools persons, organizations,
events (strict), charges and sentences. In ``events_strict`` a gold date of ``null`` has no
precision and so accepts any date; ``events_exact`` (reported, not pooled) also requires a
``null`` date where gold has one, for those who read the rule that way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from vigil.extract.gazetteer import fold
from vigil.extract.model import ExtractionResult
from vigil.facts.refs import names_only
from vigil.resolve.lexicon import strip_honorific
from vigil.scoring import Score

CATEGORIES = (
    "persons",
    "organizations",
    "events_strict",
    "events_loose",
    "events_exact",
    "charges",
    "sentences",
)
MICRO = ("persons", "organizations", "events_strict", "charges", "sentences")
_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass
class Misses:
    """What one category got wrong in one document: missed gold items, spurious predictions."""

    missed: list[Any] = field(default_factory=list)
    spurious: list[Any] = field(default_factory=list)


class _Extracts(Protocol):
    def extract_many(self, items: Iterable[Any]) -> Iterable[ExtractionResult]: ...


@dataclass
class DocScore:
    doc: str
    scores: dict[str, Score]
    warnings: list[str] = field(default_factory=list)
    #: per category, (gold items nothing matched, predicted items that matched nothing)
    errors: dict[str, Misses] = field(default_factory=dict)

    @property
    def micro(self) -> Score:
        total = Score()
        for c in MICRO:
            total.add(self.scores[c])
        return total


@dataclass
class EvalReport:
    totals: dict[str, Score]
    docs: list[DocScore]

    @property
    def micro(self) -> Score:
        total = Score()
        for c in MICRO:
            total.add(self.totals[c])
        return total

    def worst(self, n: int = 5) -> list[DocScore]:
        return sorted(self.docs, key=lambda d: d.micro.f1)[:n]

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": len(self.docs),
            "categories": {c: s.to_json() for c, s in self.totals.items()},
            "micro": self.micro.to_json(),
            "worst": [{"doc": d.doc, "f1": round(d.micro.f1, 4)} for d in self.worst()],
        }


def name_key(name: str) -> str:
    return fold(strip_honorific(name))


def _cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def lemma_key(name: str) -> str | None:
    """A Cyrillic name with each word at its name lemma, so "Канаткана Амренова" (as a gold
    file may hold it) meets "Канаткан Амренов"; None for names in other scripts."""
    if not _cyrillic(name):
        return None
    from vigil.extract.lemma.morph import name_key as word_key

    return "lemma:" + fold(" ".join(word_key(w) for w in _WORD.findall(name)))


def _words(text: str) -> set[str]:
    """The words of an offence, at their lemma where Cyrillic ("контрабанде" = "контрабанда")."""
    if not _cyrillic(text):
        return set(_WORD.findall(fold(text)))
    from vigil.extract.lemma.model import lemma

    return {fold(lemma(w)) for w in _WORD.findall(text)}


def _matching(preds: list[Any], golds: list[Any], ok: Callable[[Any, Any], bool]) -> dict[int, int]:
    """A maximum one-to-one matching, gold index -> predicted index (augmenting paths)."""
    adj = [[j for j, g in enumerate(golds) if ok(p, g)] for p in preds]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(preds)):
        augment(i, set())
    return owner


def _score(
    preds: list[Any], golds: list[Any], ok: Callable[[Any, Any], bool]
) -> tuple[Score, Misses]:
    owner = _matching(preds, golds, ok)
    tp = len(owner)
    matched = set(owner.values())
    misses = Misses(
        [g for j, g in enumerate(golds) if j not in owner],
        [p for i, p in enumerate(preds) if i not in matched],
    )
    return Score(tp, len(preds) - tp, len(golds) - tp), misses


def _names(entity: dict[str, Any]) -> set[str]:
    names = [n for n in [entity.get("name") or "", *(entity.get("aliases") or [])] if n]
    keys = {name_key(n) for n in names}
    keys.update(k for k in map(lemma_key, names) if k)
    return keys


def _resolver(record: dict[str, Any]) -> Callable[[str], set[str]]:
    """A victim/person string -> every folded name of the entity it refers to."""
    table: dict[str, set[str]] = {}
    for ent in [*record.get("persons", []), *record.get("organizations", [])]:
        keys = _names(ent)
        for k in keys:
            table.setdefault(k, set()).update(keys)

    def resolve(name: str) -> set[str]:
        k = name_key(name)
        if k in table:
            return table[k]
        lk = lemma_key(name)
        return table.get(lk, {k, lk}) if lk else {k}

    return resolve


def _article(a: Any) -> str:
    return re.sub(r"[^\d.]", "", str(a or "")).strip(".")


def score_record(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, Score]:
    """Per category, the score of one predicted record against its gold record."""
    return {c: s for c, (s, _) in compare_record(pred, gold).items()}


def compare_record(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, tuple[Score, Misses]]:
    """Per category, the score and what was missed or spurious. Gold names people by name;
    a record that points to them by id (``{"id": "p1", "name": ...}``) is read by name."""
    pred, gold = names_only(pred), names_only(gold)
    rp, rg = _resolver(pred), _resolver(gold)

    def same(p: str, g: str) -> bool:
        return bool(rp(p) & rg(g))

    def shared_victim(pe: dict[str, Any], ge: dict[str, Any]) -> bool:
        gv = ge.get("victims") or []
        if not gv:
            return True
        return any(same(p, g) for p in pe.get("victims") or [] for g in gv)

    def same_date(pe: dict[str, Any], ge: dict[str, Any]) -> bool:
        gd = ge.get("date")
        return gd is None or str(pe.get("date") or "").startswith(str(gd))

    def exact_date(pe: dict[str, Any], ge: dict[str, Any]) -> bool:
        if ge.get("date") is None:
            return pe.get("date") is None
        return same_date(pe, ge)

    def loose(pe: dict[str, Any], ge: dict[str, Any]) -> bool:
        return bool(pe.get("type") == ge.get("type") and shared_victim(pe, ge))

    def charge_ok(pc: dict[str, Any], gc: dict[str, Any]) -> bool:
        if not same(pc.get("person") or "", gc.get("person") or ""):
            return False
        if gc.get("article"):
            return _article(pc.get("article")) == _article(gc.get("article"))
        gw = _words(gc.get("offence") or "")
        pw = _words(pc.get("offence") or "")
        return bool(gw) and len(gw & pw) * 2 >= len(gw)

    def penalty_ok(ps: dict[str, Any], gs: dict[str, Any]) -> bool:
        return ps.get("penalty") == gs.get("penalty") and same(
            ps.get("person") or "", gs.get("person") or ""
        )

    pev, gev = pred.get("events", []), gold.get("events", [])
    return {
        "persons": _score(
            pred.get("persons", []),
            gold.get("persons", []),
            lambda p, g: bool(_names(p) & _names(g)),
        ),
        "organizations": _score(
            pred.get("organizations", []),
            gold.get("organizations", []),
            lambda p, g: bool(_names(p) & _names(g)),
        ),
        "events_strict": _score(pev, gev, lambda p, g: loose(p, g) and same_date(p, g)),
        "events_loose": _score(pev, gev, loose),
        "events_exact": _score(pev, gev, lambda p, g: loose(p, g) and exact_date(p, g)),
        "charges": _score(pred.get("charges", []), gold.get("charges", []), charge_ok),
        "sentences": _score(pred.get("sentences", []), gold.get("sentences", []), penalty_ok),
    }


def describe(category: str, item: dict[str, Any]) -> str:
    """One short line for a person, organization, event, charge or sentence."""
    if category in ("persons", "organizations"):
        return str(item.get("name"))
    if category.startswith("events"):
        victims = ", ".join(item.get("victims") or []) or "-"
        return f"{item.get('type')} {item.get('date') or 'no date'} [{victims}]"
    if category == "charges":
        what = item.get("article") or item.get("offence") or "-"
        return f"{item.get('person')}: {what} ({item.get('law') or '-'})"
    term = item.get("term_months") or item.get("amount") or item.get("note") or ""
    return f"{item.get('person')}: {item.get('penalty')} {term}".rstrip()


def read_item(data: bytes, filename: str) -> tuple[str, str | None, str | None]:
    """(text, published, language) of one report file's bytes, through Vigil's reader."""
    from vigil.sources import read_bytes

    doc = read_bytes(data, filename)
    return doc.text, doc.published, doc.language


def _read(path: Path) -> tuple[str, str | None, str | None]:
    return read_item(path.read_bytes(), path.name)


def score(gold_dir: Path, extractor: _Extracts) -> EvalReport:
    """Extract every report in ``gold_dir`` (NAME.txt beside NAME.gold.json) and score it."""
    golds = sorted(gold_dir.glob("*.gold.json"))
    pairs = [(g, g.with_name(g.name[: -len(".gold.json")] + ".txt")) for g in golds]
    pairs = [(g, t) for g, t in pairs if t.exists()]
    items = [_read(t) for _, t in pairs]
    records = [json.loads(g.read_text(encoding="utf-8")) for g, _ in pairs]
    return score_items([t.stem for _, t in pairs], items, records, extractor)


def score_items(
    names: list[str],
    items: list[tuple[str, str | None, str | None]],
    golds: list[dict[str, Any]],
    extractor: _Extracts,
) -> EvalReport:
    """Extract each (text, published, language) item and score it against its gold record
    (``vigil eval DIR`` and ``vigil eval --reviewed`` both come here)."""
    results = list(extractor.extract_many(items))
    return score_records(names, [r.record for r in results], golds, [r.warnings for r in results])


def score_records(
    names: list[str],
    predicted: list[dict[str, Any]],
    golds: list[dict[str, Any]],
    warnings: list[list[str]] | None = None,
) -> EvalReport:
    """Score predicted records against gold records, document by document."""
    totals = {c: Score() for c in CATEGORIES}
    docs: list[DocScore] = []
    notes = warnings or [[] for _ in names]
    for name, pred, gold, warned in zip(names, predicted, golds, notes, strict=True):
        compared = compare_record(pred, gold)
        for c, (s, _) in compared.items():
            totals[c].add(s)
        scores = {c: s for c, (s, _) in compared.items()}
        errors = {c: m for c, (_, m) in compared.items()}
        docs.append(DocScore(name, scores, list(warned), errors))
    return EvalReport(totals, docs)
