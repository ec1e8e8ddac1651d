"""Charges and sentences of a lemma-read report, from the legal forms in ``legal.yaml``.

"по ч. 2 ст. 174 УК РК" is article 174.2 of a criminal code, country KZ; "п. «а» ч. 2 ст. 213"
is 213.2 (the point is a letter, not a part); "ст. 276 п. 2" is 276.2. Charges and
sentences go to the persons of their sentence, else to the person named last before it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from vigil.extract.context import Charge, Context, Penalty
from vigil.extract.data import load
from vigil.extract.lemma.common import lemma_regex, lemmas
from vigil.extract.lemma.events import sentence_victims
from vigil.extract.lemma.model import LemmaDoc, parses

_NUM = re.compile(r"^\d+(?:[.,]\d+)?$")


@cache
def _compiled(folder: str) -> dict[str, Any]:
    spec = load(f"{folder}/legal")
    part, point, art = spec["part"], spec["point"], spec["article"]
    pre = rf"(?:(?:{point})\s*)?(?:(?P<parts>(?:{part})(?:\s*(?:,|и)\s*\d+)*)\s*)?"
    ref = re.compile(pre + art + rf"(?:\s*(?:{point.replace('point', 'point2')}))?", re.I)
    codes = [(re.compile(c["pattern"], re.I), c["kind"]) for c in spec["codes"]]
    countries = spec["code_countries"]
    ctry = re.compile(
        r"\s*(?P<c>" + "|".join(sorted(map(re.escape, countries), key=len, reverse=True)) + r")\b"
    )
    return {
        "countries": {str(k): str(v) for k, v in countries.items()},
        "currencies": {str(k): str(v) for k, v in spec["currencies"].items()},
        "ref": ref,
        "codes": codes,
        "ctry": ctry,
        "cues": re.compile(r"(?:" + "|".join(spec["offence_cues"]) + r")\s+", re.I),
        "end": re.compile(spec["offence_end"], re.I),
        "prison": [re.compile(p, re.I) for p in spec["prison"]],
        "days": [re.compile(p, re.I) for p in spec["days"]],
        "restriction": [re.compile(p, re.I) for p in spec["restriction"]],
        "suspended": re.compile(spec["suspended"], re.I),
        "fine": [re.compile(p, re.I) for p in spec["fine"]],
        "hypothetical": re.compile(r"(?<!\S)(?:" + "|".join(spec["hypothetical"]) + r")(?!\S)"),
    }


def number(word: str, table: dict[str, float]) -> float | None:
    w = word.lower().strip('«»"(),')
    if _NUM.match(w):
        return float(w.replace(",", "."))
    for stem in sorted(table, key=len, reverse=True):
        if w.startswith(stem):
            return float(table[stem])
    return None


def find_legal(
    ctx: Context, doc: LemmaDoc, folder: str, numbers: dict[str, float], person_nouns: list[str]
) -> None:
    pats = _compiled(folder)
    nouns = lemma_regex(tuple(person_nouns))
    for s, e in ctx.sentences:
        sent = ctx.clean[s:e]
        lem = lemmas(doc, s, e)
        persons = sentence_victims(ctx, s, e, lem, nouns)
        who = persons
        if not who:
            orgs = [
                ctx.organizations[mn.index].name for mn in ctx.mentions_in(s, e, "organization")
            ]
            who = orgs[:1]
        refs = list(pats["ref"].finditer(sent))
        for m in refs:
            law, country = _law(sent[m.end() : m.end() + 60], pats)
            article = m.group("article")
            parts = re.findall(r"\d+", m.group("parts") or "")
            if not parts:
                p2 = m.groupdict().get("point2") or m.groupdict().get("point")
                if p2 and p2.isdigit():
                    parts = [p2]
            offence = _paren(sent[m.end() :])
            for person in who:
                for p in parts or [None]:
                    ctx.charges.append(
                        Charge(
                            person=person,
                            law=law,
                            article=f"{article}.{p}" if p else article,
                            offence=offence,
                            country=country or ctx.country,
                            span=(s + m.start(), s + m.end()),
                        )
                    )
        if not refs:
            for offence, span in _offences(sent, pats):
                for person in who:
                    ctx.charges.append(
                        Charge(person, None, None, offence, ctx.country, (s + span[0], s + span[1]))
                    )
        if not pats["hypothetical"].search(lem.string):
            _penalties(ctx, s, sent, persons, pats, numbers)
    _dedupe(ctx)


def _law(after: str, pats: dict[str, Any]) -> tuple[str | None, str | None]:
    for rx, _kind in pats["codes"]:
        m = re.match(r"\s*(?:" + rx.pattern + ")", after, re.I)
        if m:
            c = pats["ctry"].match(after, m.end())
            law = after[m.start() : (c.end() if c else m.end())].strip()
            code = None
            if c:
                code = next(
                    (v for k, v in pats["countries"].items() if k.lower() == c.group("c").lower()),
                    None,
                )
            return law, code
    return None, None


def _paren(after: str) -> str | None:
    """The offence the text gives beside an article: "(хулиганство)" or "— «...»"."""
    m = re.match(r"[^()]{0,40}?\(([^()]{5,200})\)", after) or re.match(
        r"[^«\"]{0,60}?[—–-]\s*[«\"“]([^»\"”]{5,200})[»\"”]", after
    )
    return m.group(1).strip() if m else None


def _offences(sent: str, pats: dict[str, Any]) -> list[tuple[str, tuple[int, int]]]:
    out = []
    for m in pats["cues"].finditer(sent):
        rest = sent[m.end() :]
        stop = pats["end"].search(rest)
        chunk = _until_verb(rest[: stop.start() if stop else len(rest)][:160])
        quoted = re.findall(r"[«\"“]([^»\"”]{3,120})[»\"”]", chunk)
        pieces = quoted or re.split(r",\s*(?:а также\s+)?(?:в\s+)?|\s+и\s+(?:в\s+)?", chunk)
        for piece in pieces:
            piece = re.sub(r"[«»\"“”„]", "", piece).strip(" '")
            piece = re.sub(r"\s+(?:и|а|или)$", "", piece)
            if len(piece) < 4 or not piece[0].isalpha():
                continue
            out.append((_nominative_phrase(piece), (m.start(), m.end() + len(chunk))))
    return out


def _until_verb(chunk: str) -> str:
    """An offence phrase ends before a verb or a date ("... валюты суд арестовал")."""
    words = chunk.split(" ")
    for i, w in enumerate(words):
        bare = w.strip('«»"“”,')
        if i and (
            bare[:1].isdigit()
            or (bare.isalpha() and parses(bare)[0].tag.POS in ("VERB", "PRTS", "INFN"))
        ):
            return " ".join(words[:i])
        if (
            i
            and bare[:1].isupper()
            and not w.startswith(("«", '"', "“"))
            and parses(bare)[0].tag.POS in ("ADJF", "NOUN")
            and not quoted_open(words[:i])
        ):
            return " ".join(words[:i])
    return chunk


def quoted_open(words: list[str]) -> bool:
    text = " ".join(words)
    return text.count("«") > text.count("»") or text.count('"') % 2 == 1


def _nominative_phrase(phrase: str) -> str:
    """The offence's head noun (and adjectives before it) in the nominative."""
    words = phrase.split()
    out = []
    for i, w in enumerate(words):
        ps = [p for p in parses(w) if p.tag.POS in ("NOUN", "ADJF")] if w.isalpha() else []
        if not ps:
            out.append(w)
            continue
        p = ps[0]
        form = p.inflect({"nomn"}) if p.tag.number == "sing" or p.tag.POS == "NOUN" else None
        out.append(str(form.word) if form else w)
        if p.tag.POS == "NOUN":
            out.extend(words[i + 1 :])
            break
    return " ".join(out)


def _penalties(
    ctx: Context, s: int, sent: str, who: list[str], pats: dict[str, Any], numbers: dict[str, float]
) -> None:
    if not who:
        return
    suspended = bool(pats["suspended"].search(sent))
    for rx in pats["prison"]:
        m = rx.search(sent)
        if m:
            n = number(m.group("n"), numbers)
            if n is None:
                continue
            months = n if m.group("unit").lower().startswith("месяц") else n * 12
            if m.groupdict().get("n2"):
                months += number(m.group("n2"), numbers) or 0
            for p in who:
                ctx.penalties.append(
                    Penalty(
                        p,
                        "imprisonment",
                        (s + m.start(), s + m.end()),
                        term_months=int(months),
                        note="suspended" if suspended else None,
                    )
                )
            break
    for rx in pats["days"]:
        m = rx.search(sent)
        if m:
            n = number(m.group("n"), numbers)
            if n is None:
                continue
            for p in who:
                ctx.penalties.append(
                    Penalty(p, "imprisonment", (s + m.start(), s + m.end()), note=f"{int(n)} days")
                )
            break
    for rx in pats["fine"]:
        m = rx.search(sent)
        if m:
            g = m.groupdict()
            amount = (
                number(re.sub(r"\s", "", g.get("amount") or ""), numbers)
                if g.get("amount")
                else None
            )
            if amount is not None and g.get("mult"):
                amount *= 1_000_000 if g["mult"].lower().startswith(("млн", "милл")) else 1000
            currency = _currency(g.get("cur") or "", pats["currencies"])
            if currency is None:
                amount = None
            for p in who:
                ctx.penalties.append(
                    Penalty(
                        p,
                        "fine",
                        (s + m.start(), s + m.end()),
                        amount=amount,
                        currency=currency,
                        note=None if currency else m.group(),
                    )
                )
            break
    for rx in pats["restriction"]:
        m = rx.search(sent)
        if m and "арест" in m.group().lower() and not re.search(r"приговор|осуд", sent, re.I):
            continue
        if m:
            for p in who:
                ctx.penalties.append(
                    Penalty(p, "restriction", (s + m.start(), s + m.end()), note=m.group().strip())
                )


def _currency(words: str, table: dict[str, str]) -> str | None:
    """The currency of "рублей", "белорусских рублей", "тысяч тенге" (first word decides)."""
    low = words.lower()
    for stem in sorted(table, key=len, reverse=True):
        if low.startswith(stem):
            return table[stem]
    return None


def _dedupe(ctx: Context) -> None:
    seen: set[tuple[Any, ...]] = set()
    charges = []
    for c in ctx.charges:
        key = (c.person, c.article or (c.offence or "").lower())
        if key not in seen:
            seen.add(key)
            charges.append(c)
    ctx.charges = charges
    seen_p: set[tuple[Any, ...]] = set()
    pens = []
    for p in ctx.penalties:
        pkey = (p.person, p.penalty, p.term_months, p.note)
        if pkey not in seen_p:
            seen_p.add(pkey)
            pens.append(p)
    ctx.penalties = pens
