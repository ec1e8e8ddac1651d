"""Article numbers, legal codes and offence names as reports write them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vigil.extract.data import load

_HEAD = re.compile(
    r"\b(?:(?:[Pp]arts?|[Pp]aragraphs?|[Cc]lauses?)\s+(?P<pre>\d+(?:\s*(?:,|and|&)\s*\d+)*)\s+of\s+)?"
    r"(?:[Aa]rt(?:icle)?s?\.?|[Ss]ections?|[Ss]ec\.|§)\s*(?=\d)"
)
_ITEM = re.compile(
    r"(?P<num>\d+(?:-?[A-Za-z](?![a-z]))?(?:[.\-/]\d+)*)"
    r"(?:\s*\((?:(?P<sub>\d+)|[“\"‘«]?(?P<off>[^()\d][^()]{1,60}?)[”\"’»]?)\))?"
)
_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?=\d)")
_PARTS = re.compile(
    r"\s*,?\s*(?:[Pp]arts?|[Pp]aragraphs?|[Pp]\.|[Cc]lauses?)\s+(?P<parts>\d+(?:\s*(?:,|and|&)\s*\d+)*)"
)
SAME_ARTICLE = re.compile(r"\b(?:very\s+)?same\s+(?:article|charges?)\b", re.I)


@dataclass(frozen=True, slots=True)
class Article:
    start: int
    end: int
    number: str
    law: str | None
    offence: str | None = None


@cache
def _codes() -> list[tuple[re.Pattern[str], str | None]]:
    """(pattern, recorded name); a name of None records the law as the text writes it."""
    data = load("legal")["codes"]
    return [
        (
            re.compile(r"^[\s,]*(?:\w+\s+)?(?:of|under)?\s*(?:the\s+)?(?P<law>" + k + r")\b"),
            None if v is None else str(v),
        )
        for k, v in data.items()
    ]


_PAREN_OFFENCE = re.compile(r"^\s*\((?:“|\")?([a-z][^()]{2,60}?)(?:”|\")?\)")


def _split(nums: str) -> list[str]:
    return [n for n in re.split(r"\s*(?:,|and|&)\s*", nums.strip()) if n]


def find_articles(text: str) -> list[Article]:
    out: list[Article] = []
    for head in _HEAD.finditer(text):
        pos = head.end()
        items: list[tuple[str, str | None, str | None]] = []
        while True:
            m = _ITEM.match(text, pos)
            if not m:
                break
            items.append((m.group("num"), m.group("sub"), m.group("off")))
            pos = m.end()
            sep = _SEP.match(text, pos)
            if not sep:
                break
            pos = sep.end()
        if not items:
            continue
        parts_m = _PARTS.match(text, pos)
        if parts_m:
            pos = parts_m.end()
        parts = _split(parts_m.group("parts") if parts_m else head.group("pre") or "")
        law = None
        tail = text[pos : pos + 80]
        for rx, name in _codes():
            lm = rx.match(tail)
            if lm:
                law = name or lm.group("law")
                po = _PAREN_OFFENCE.match(tail[lm.end() :])
                if po and len(items) == 1 and not items[0][2]:
                    items[0] = (items[0][0], items[0][1], po.group(1))
                break
        for i, (num, sub, off) in enumerate(items):
            # "361-1" is an article of its own (kept as written); "7/2" is article 7, part 2
            base = num.replace("/", ".")
            subs: list[str] = [sub] if sub else (parts if i == len(items) - 1 else [])
            for number in [f"{base}.{p}" for p in subs] or [base]:
                out.append(Article(head.start(), pos, number, law, off))
    return out


@cache
def offence_rx() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = load("legal")
    leads = re.compile(r"\b(?:" + "|".join(data["offence_leads"]) + r")\s+", re.I)
    stop = re.compile(data["offence_stop"])
    word = "(?:" + "|".join(data["offences_before_charges"]) + ")"
    before = re.compile(
        rf"\b(?P<off>(?:criminal )?{word}(?:\s+(?:and|or)\s+{word})?)[- ]charges?\b", re.I
    )
    return leads, stop, before


_QUOTED = re.compile(r"[“\"«‘]([^”\"»’\n]{3,90}?)[.,]?[”\"»’]")


def offences_in(sentence: str) -> list[tuple[int, str]]:
    """(offset, offence) pairs named in one sentence."""
    leads, stop, before = offence_rx()
    out: list[tuple[int, str]] = []
    for m in leads.finditer(sentence):
        rest = sentence[m.end() : m.end() + 300]
        if re.match(r"^\s*[–—:-]?\s*[“\"«‘]", rest):
            # One quoted offence, or a list of them: “X” and “Y”
            first = _QUOTED.search(rest)
            quotes = [first.group(1)] if first else []
            pos = first.end() if first else 0
            while first:
                more = re.match(r"\s*(?:,|and|or|,\s*and)\s*", rest[pos:])
                first = _QUOTED.match(rest, pos + more.end()) if more else None
                if first:
                    quotes.append(first.group(1))
                    pos = first.end()
            out.extend((m.end(), q.strip()) for q in quotes)
            if quotes:
                continue
        sm = stop.search(rest)
        phrase = rest[: sm.start()] if sm else rest[:160]
        phrase = phrase.strip(" ,.“”\"'‘’")
        if _NOT_OFFENCE.match(phrase):
            continue
        if 2 < len(phrase) <= 260:
            out.append((m.end(), phrase))
    for m in before.finditer(sentence):
        # "smuggling and tax-evasion charges": two offences
        out.extend((m.start(), o) for o in re.split(r"\s+(?:and|or)\s+", m.group("off")))
    return out


_NOT_OFFENCE = re.compile(
    r"^(?:\d|(?:a|an|the|one|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+"
    r"(?:years?|months?|days?|weeks?|hours?)\b|(?:him|her|them|it)\b|(?:years?|months?|days?)\b"
    r"|(?:last|on|in|at|since|from|after|before|during|this|that|these)\b"
    # a place, a source or a count, not an offence: "outside the police headquarters",
    # "his lawyer told AFP", "one of six reporters detained", "the third time"
    r"|(?:outside|inside|near|in front of|one of|the (?:first|second|third|fourth|last) time)\b"
    r"|(?:his|her|their)\s+(?:lawyers?|attorneys?|family|relatives)\b)",
    re.I,
)


def quoted_after(text: str) -> str | None:
    q = _QUOTED.search(text[:60])
    return q.group(1).strip() if q else None


def split_offences(phrase: str) -> list[str]:
    """ "inciting social unrest, spreading false information and disrupting public order"."""
    parts: list[str] = []
    for item in re.split(r",\s*(?:and\s+|as well as\s+)?|;\s*(?:and\s+)?", phrase):
        # "A and B-ing C" is two offences when both sides have words of their own;
        # "publishing and broadcasting false news" is one
        halves: list[str] = []
        for h in re.split(r"\s+and\s+(?=\w+ing\b)", item):
            if halves and len(halves[-1].split()) < 2:
                # "publishing and broadcasting false news and using ...": the bare first
                # verb shares the second one's object
                halves[-1] = f"{halves[-1]} and {h.strip(' ,')}"
            else:
                halves.append(h.strip(" ,"))
        parts.extend(halves if all(len(h.split()) >= 2 for h in halves) else [item.strip(" ,")])
    parts = [p for p in parts if p]
    if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
        return parts
    return [phrase]
