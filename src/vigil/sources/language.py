"""Which language a report is in: writing system first, then stopword profiles.

Profiles live in ``languages.yaml``. Detection reads a sample of the text only, so it
costs well under a millisecond for a whole report, and answers None when unsure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vigil.datafiles import read_mapping

# Characters sampled from the text: enough for a stable answer, cheap to scan.
SAMPLE_CHARS = 1000
# The writing system is plain from fewer characters.
SCRIPT_SAMPLE_CHARS = 300
# Punctuation stripped from both ends of a whitespace-separated word (splitting on
# whitespace is several times faster than a regex tokenizer and enough for stopwords).
_STRIP = ".,;:!?\"'()[]{}«»“”„‘’‹›-–—…/،؛؟。，、：；！？"
_ASCII = re.compile(r"[\x00-\x7f]+")
_ASCII_LETTERS = re.compile(r"[A-Za-z]")


@dataclass(frozen=True, slots=True)
class _Profile:
    code: str
    script: str
    stopwords: frozenset[str]
    letters: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Config:
    scripts: dict[str, re.Pattern[str]]
    only: dict[str, str]
    profiles: tuple[_Profile, ...]
    min_score: int
    min_margin: int
    letter_weight: int
    min_script_share: float


@cache
def _config() -> _Config:
    raw = read_mapping("vigil", "sources", "languages", what="reader data file")
    # Each script as "anything but its letters": deleting those leaves its letters to count,
    # which is several times faster than findall.
    scripts = {name: re.compile(f"[^{ranges}]+") for name, ranges in raw["scripts"].items()}
    profiles = []
    for code, spec in raw["languages"].items():
        if spec["script"] not in scripts:
            raise ValueError(f"languages.yaml: {code} uses unknown script {spec['script']!r}")
        profiles.append(
            _Profile(
                code=code,
                script=spec["script"],
                stopwords=frozenset(str(w).lower() for w in spec.get("stopwords", [])),
                # Compared with the lower-cased sample; ASCII letters tell nothing apart.
                letters=frozenset(c for c in str(spec.get("letters", "")) if not c.isascii()),
            )
        )
    return _Config(
        scripts=scripts,
        only=dict(raw.get("only", {})),
        profiles=tuple(profiles),
        min_score=int(raw["min_score"]),
        min_margin=int(raw["min_margin"]),
        letter_weight=int(raw["letter_weight"]),
        min_script_share=float(raw["min_script_share"]),
    )


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    # The start (title, lede) and a stretch from the middle (past any boilerplate).
    half = SAMPLE_CHARS // 2
    mid = len(text) // 2
    return text[:half] + " " + text[mid : mid + half]


def _script_of_sample(sample: str) -> str | None:
    cfg = _config()
    sample = sample[:SCRIPT_SAMPLE_CHARS]
    rest = _ASCII.sub("", sample)
    if not rest or len(rest) * 8 < len(sample):
        # Mostly plain ASCII: Latin script if it has letters at all; no need to look further.
        return "latin" if _ASCII_LETTERS.search(sample) else None
    # ASCII letters, roughly (spaces out; digits and punctuation are few).
    letters_ascii = len(sample) - len(rest) - sample.count(" ") - sample.count("\n")
    # Try first the script of a character from the middle of the non-ASCII text: with a
    # clear majority the loop stops after one regex.
    probe = rest[len(rest) // 2]
    whole = len(rest) + letters_ascii
    first = next((name for name, rx in cfg.scripts.items() if rx.match(probe) is None), None)
    counts: dict[str, int] = {}
    if first is not None:
        n = len(cfg.scripts[first].sub("", rest)) + (letters_ascii if first == "latin" else 0)
        if n >= 0.5 * whole:
            return first  # a clear majority: one regex was enough
        counts[first] = n
    for name, rx in cfg.scripts.items():
        if name != first:
            counts[name] = len(rx.sub("", rest)) + (letters_ascii if name == "latin" else 0)
    total = sum(counts.values())
    if total == 0:
        return None
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= cfg.min_script_share * total else None


def dominant_script(text: str) -> str | None:
    """The writing system most letters of ``text`` are in, or None if it has no letters."""
    return _script_of_sample(_sample(text))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language of ``text``, or None when unsure."""
    return language_evidence(text)[0]


def language_evidence(text: str) -> tuple[str | None, int, int]:
    """The language of ``text`` (or None) and the evidence for the best-scoring profile:
    (language, distinct stopwords found, distinct letters found). Used to tell a right
    decoding from a wrong one: a mis-decoded text may be full of accented letters but
    rarely holds real stopwords."""
    cfg = _config()
    sample = _sample(text)
    script = _script_of_sample(sample)
    if script is None:
        return None, 0, 0
    if script in cfg.only:
        return cfg.only[script], cfg.min_score, 0
    sample = sample.lower()
    words = {w.strip(_STRIP) for w in sample.split()}
    scores: list[tuple[int, int, int, str]] = []
    for profile in cfg.profiles:
        if profile.script != script:
            continue
        stops = len(words & profile.stopwords)
        # A substring test per letter: set(sample) would build a str object per character.
        letters = sum(1 for c in profile.letters if c in sample)
        scores.append((stops + cfg.letter_weight * letters, stops, letters, profile.code))
    if not scores:
        return None, 0, 0
    scores.sort(reverse=True)
    best_score, stops, letters, best = scores[0]
    runner_up = scores[1][0] if len(scores) > 1 else 0
    if best_score < cfg.min_score or best_score - runner_up < cfg.min_margin:
        return None, stops, letters
    return best, stops, letters
