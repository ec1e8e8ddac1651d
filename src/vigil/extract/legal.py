"""Article numbers, legal codes and offence names as reports write them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vigil.extract.data import load

_NUMW = r"(?:\d+|one|two|three|four|five|six)"
ARTICLE = re.compile(
    r"\b(?:(?:[Pp]arts?|[Pp]aragraphs?|[Cc]lauses?)\s+(?P<pre>\d+(?:\s*(?:,|and|&)\s*\d+)*)\s+of\s+)?"
    r"(?:[Aa]rt(?:icle)?s?\.?|[Ss]ections?|[Ss]ec\.|§)\s*(?P<num>\d+[A-Za-z]?(?:[.\-]\d+)*(?:\(\d+\))?)"
    r"(?P<more>(?:\s*(?:,|and|&)\s*\d+[A-Za-z]?(?:\.\d+)*)*)"
    r"(?:\s*,?\s*(?:[Pp]arts?|[Pp]aragraphs?|[Pp]\.|[Cc]lauses?)\s+(?P<parts>\d+(?:\s*(?:,|and|&)\s*\d+)*))?"
    r"(?:\s*\((?P<paren>\d+)\))?"
)
SAME_ARTICLE = re.compile(r"\b(?:very\s+)?same\s+article\b", re.I)


@dataclass(frozen=True, slots=True)
class Article:
    start: int
    end: int
    number: str
    law: str | None


@cache
def _codes() -> list[tuple[re.Pattern[str], str]]:
    data = load("legal")["codes"]
    return [
        (re.compile(r"^[\s,]*(?:\w+\s+)?(?:of|under)?\s*(?:the\s+)?(?:" + k + r")\b"), str(v))
        for k, v in data.items()
    ]


def _split(nums: str) -> list[str]:
    return [n for n in re.split(r"\s*(?:,|and|&)\s*", nums.strip()) if n]


def find_articles(text: str) -> list[Article]:
    out: list[Article] = []
    for m in ARTICLE.finditer(text):
        bases = [m.group("num"), *_split(m.group("more") or "")]
        parts = _split(m.group("parts") or m.group("pre") or m.group("paren") or "")
        law = None
        tail = text[m.end() : m.end() + 80]
        for rx, name in _codes():
            if rx.match(tail):
                law = name
                break
        for base in bases:
            base = re.sub(r"\((\d+)\)$", r".\1", base).replace("-", ".")
            if parts and base == bases[0]:
                for p in parts:
                    out.append(Article(m.start(), m.end(), f"{base}.{p}", law))
            else:
                out.append(Article(m.start(), m.end(), base, law))
    return out


@cache
def offence_rx() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = load("legal")
    leads = re.compile(r"\b(?:" + "|".join(data["offence_leads"]) + r")\s+", re.I)
    stop = re.compile(data["offence_stop"])
    before = re.compile(r"\b" + data["offence_before_charges"], re.I)
    return leads, stop, before


_QUOTED = re.compile(r"[“\"«]([^”\"»\n]{3,90}?)[.,]?[”\"»]")


def offences_in(sentence: str) -> list[tuple[int, str]]:
    """(offset, offence) pairs named in one sentence."""
    leads, stop, before = offence_rx()
    out: list[tuple[int, str]] = []
    for m in leads.finditer(sentence):
        rest = sentence[m.end() : m.end() + 160]
        q = _QUOTED.match(rest)
        if q:
            out.append((m.end(), q.group(1).strip()))
            continue
        sm = stop.search(rest)
        phrase = rest[: sm.start()] if sm else rest[:100]
        phrase = phrase.strip(" ,.“”\"'")
        if 2 < len(phrase) <= 140:
            out.append((m.end(), phrase))
    for m in before.finditer(sentence):
        out.append((m.start(), m.group("off")))
    return out


def quoted_after(text: str) -> str | None:
    q = _QUOTED.search(text[:60])
    return q.group(1).strip() if q else None


def split_offences(phrase: str) -> list[str]:
    """"inciting social unrest, spreading false information and disrupting public order"."""
    parts = [p.strip(" ,") for p in re.split(r",\s*(?:and\s+)?|\s+and\s+(?=\w+ing\b)", phrase)]
    parts = [p for p in parts if p]
    if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
        return parts
    return [phrase]
