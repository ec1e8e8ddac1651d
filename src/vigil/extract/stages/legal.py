"""legal.v1: charges (law, article, offence, against whom) and sentences (penalty, term)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from vigil.extract.actors import victims_for
from vigil.extract.charged import charged_at
from vigil.extract.context import Charge, Context, Penalty
from vigil.extract.data import load
from vigil.extract.legal import (
    SAME_ARTICLE,
    Article,
    find_articles,
    offences_in,
    quoted_after,
    split_offences,
)
from vigil.extract.numbers import AMOUNT, NUM, TERM, amount, term_months
from vigil.extract.registry import stage
from vigil.extract.stages.events import is_furniture, is_hypothetical

_CHARGE_CUE = re.compile(
    r"\b(?:charg|accus|indict|convict|guilty|prosecut|article|art\.|section|under|imprison|jailed|sentenc"
    r"|suspicion|suspected|arrest|detain)",
    re.I,
)


# Words right after a term that make it something other than prison time; "six years and
# banned from journalism" is still six years in prison.
_NOT_PRISON_AFTER = re.compile(
    r"[’']?s?\s*(?:of\s+|in\s+|under\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+)?"
    r"(?:house arrest|ban|probation|restrict\w*|labou?r|community service|ago|later|earlier|"
    r"old|before|after|pre-?trial)\b",
    re.I,
)
# Words before a term that make it asked for or possible, not imposed: "the prosecutor
# requested ten years", "faces up to", "which carry a maximum penalty of life imprisonment".
_NOT_IMPOSED = re.compile(
    r"request|sought|demand|\bfaces?\b|facing|up to|maximum|carr(?:y|ies|ying)|punishable|possible"
    r"|could|would|(?-i:\bmay\b)|risk",  # small "may" only: "on 19 May" is a date
    re.I,
)
_LIFE = re.compile(r"\blife (?:imprisonment|sentence|in prison|term)\b", re.I)


@cache
def _penalty_rx() -> dict[str, Any]:
    data = load("legal")
    cur = sorted(data["currencies"], key=len, reverse=True)
    return {
        "cue": re.compile(data["penalty_cues"], re.I),
        "prison": re.compile(data["prison_words"], re.I),
        "restrictions": [re.compile(r, re.I) for r in data["restrictions"]],
        "fine": re.compile(
            r"\b(?:fined|fine of|fine|pay)\s+(?:\w+\s+){0,2}?(?P<amt>"
            + AMOUNT
            + r")\s*(?P<cur>"
            + "|".join(cur)
            + r")",
        ),
        "currencies": {k: v for k, v in data["currencies"].items()},
        # "a fine of Rs 50,000", "fined $500"
        "fine_before": re.compile(
            r"\b(?:fined|fine of|fine|pay)\s+(?P<cur>"
            + "|".join(cur)
            + r")\s?(?P<amt>\d[\d,.]*\d|\d)"
        ),
        "money": re.compile(r"(?P<amt>" + AMOUNT + r")\s*(?P<cur>" + "|".join(cur) + r")(?![\w])"),
        "money_before": re.compile(
            r"(?<![\w])(?P<cur>" + "|".join(cur) + r")\s?(?P<amt>\d[\d,.]*\d|\d)"
        ),
        "range": re.compile(rf"\b(?:from|between)\s+{NUM}\s+(?:to|and)\s+{NUM}\s+years", re.I),
    }


@stage("legal.v1", order=60)
def find_charges_and_sentences(ctx: Context) -> None:
    text = ctx.clean
    last_article: list[Article] = []
    laws: dict[str, str] = {}
    for sent in ctx.sentences:
        s, e = sent
        body = text[s:e]
        if is_furniture(text, sent):
            continue
        articles = find_articles(body)
        for i, art in enumerate(articles):
            if art.law:
                laws.setdefault(art.number.split(".")[0], art.law)
            elif art.number.split(".")[0] in laws:
                articles[i] = Article(
                    art.start, art.end, art.number, laws[art.number.split(".")[0]], art.offence
                )
        same_at: int | None = None
        if articles:
            last_article = articles
        elif same := SAME_ARTICLE.search(body):
            articles, same_at = last_article, same.start()
        if articles or _CHARGE_CUE.search(body):
            _charges(ctx, sent, body, articles, same_at=same_at)
        if _penalty_rx()["cue"].search(body):
            _penalties(ctx, sent, body)
    _dedupe(ctx)


def _charges(
    ctx: Context,
    sent: tuple[int, int],
    body: str,
    articles: list[Article],
    *,
    same_at: int | None = None,
) -> None:
    """``same_at``: where the sentence says "on the same charges" when ``articles`` were
    written in an earlier sentence (their offsets are not this sentence's)."""
    offences = [
        (p, o) for p, o in offences_in(body) if not is_hypothetical(ctx.clean, sent[0], sent[0] + p)
    ]
    if not articles and not offences:
        return
    people = _charged(ctx, sent)
    s = sent[0]
    if articles:
        for art in articles:
            off = (
                art.offence
                or quoted_after(body[art.end :])
                or (offences[0][1] if offences else None)
            )
            at = s + (art.start if same_at is None else same_at)
            for who in _against(ctx, at, people):
                ctx.charges.append(
                    Charge(who, art.law, art.number, off, ctx.country, (s + art.start, s + art.end))
                )
        return
    for pos, phrase in offences:
        for off in split_offences(phrase):
            for who in _against(ctx, s + pos, people):
                ctx.charges.append(Charge(who, None, None, off, ctx.country, (s + pos, sent[1])))


def _against(ctx: Context, pos: int, people: list[str]) -> list[str]:
    """Whom the charge or penalty told at ``pos`` is against: the persons the parse reads
    for it (charged.charged_at), else the sentence's ``people``."""
    parsed = charged_at(ctx, pos, pos + 1)
    if parsed:
        return [ctx.persons[i].name for i in parsed]
    return people


# Acts whose victims a charge told in the same sentence is against: "X was arrested on
# charges of", "who were arrested and charged for", "X was sentenced for".
_CHARGED_IN = ("charge", "arrest", "detention", "sentence", "trial")


# The sentence after a charge told for unnamed people that names them: "Those charged
# included A, B and C", "The journalists charged were: A; B".
_NAMED_NEXT = re.compile(
    r"\W*(?:those|the\s+[\w-]+)\s+(?:charged|arrested|detained|sentenced|convicted|accused)"
    r"\s+(?:include[ds]?|were|are)\b",
    re.I,
)


def _charged(ctx: Context, sent: tuple[int, int]) -> list[str]:
    """Who the charges of a sentence are against: the persons the events stage read as
    the victims of its acts, else the sentence's persons (actors.victims_for), else those
    the next sentence names as the ones charged (_NAMED_NEXT)."""
    names = {p.name for p in ctx.persons}
    here = [ctx.persons[i].name for i in victims_for(ctx, sent)]
    for etype in _CHARGED_IN:
        people = [v for v in ctx.acts.get((sent[0], etype), []) if v in names]
        if people:
            return people
    if here:
        return here
    idx = ctx.sentence_index(sent)
    if 0 <= idx < len(ctx.sentences) - 1:
        after = ctx.sentences[idx + 1]
        if _NAMED_NEXT.match(ctx.clean[after[0] : after[1]]):
            return [ctx.persons[i].name for i in victims_for(ctx, after, carry=False)]
    return []


def _penalties(ctx: Context, sent: tuple[int, int], body: str) -> None:
    rx = _penalty_rx()
    people = [ctx.persons[i].name for i in victims_for(ctx, sent)]
    s = sent[0]
    found: list[Penalty] = []
    suspended = "suspended" in body.lower()
    rng = rx["range"].search(body)
    for m in TERM.finditer(body):
        near = body[max(0, m.start() - 60) : m.end() + 40]
        lead = body[max(0, m.start() - 40) : m.start()].lower()
        if not (
            rx["prison"].search(near)
            or re.search(r"sentenc|jail|given|received|\bserve", lead)
            # "sentenced X's co-defendants -- A and B -- to nine years"
            or re.search(r"sentenc[^.;]*\bto\s*$", body[max(0, m.start() - 120) : m.start()])
        ):
            continue
        if _NOT_PRISON_AFTER.match(body, m.end()):
            continue  # "five years' house arrest", "two years ago", "23 years old"
        if re.search(
            r"\bban(?:ned|s)?\b|barred|prohibit|restrict|for (?:some|about|nearly|over)\s*$"
            r"|(?:after|since|within|spent|lasting)\s*$|\bspen(?:t|ds?|ding)\b(?:\s+[\w-]+){0,4}\s*$"
            r"|\b(?:held|kept|detained)\b[^.;]{0,80}\bfor\s*$",
            lead[-60:],
        ):
            continue
        # "a possible prison term of five to 10 years": read back from the range's start
        span_from = m.start()
        joined = re.search(r"\b[\w-]+\s+(?:to|or)\s+$", body[max(0, m.start() - 20) : m.start()])
        if joined:
            span_from -= len(joined.group())
        if _NOT_IMPOSED.search(body[max(0, span_from - 30) : m.start()]):  # case kept
            continue
        months = term_months(m)
        note = None
        if months is None:
            note = m.group()
        if rng and rng.start() <= m.start() <= rng.end():
            months, note = None, rng.group()
        elif suspended:
            note = "suspended"
        if found and charged_at(ctx, s + m.start(), s + m.start() + 1) is None:
            break  # a second term counts only where the parse says whose it is
        found.append(Penalty("", "imprisonment", (s + m.start(), s + m.end()), months, note=note))
    life = _LIFE.search(body)
    if life and not found and not _NOT_IMPOSED.search(body[: life.start()][-40:]):
        found.append(
            Penalty("", "imprisonment", (s + life.start(), s + life.end()), note=life.group())
        )
    fm = rx["fine"].search(body) or rx["fine_before"].search(body) or _fine_near(body)
    if fm and not re.search(r"costs?|fees", body[fm.end() : fm.end() + 60]):
        amt = amount(fm.group("amt")) if fm.group("amt") else None
        cur = next(
            (v for k, v in rx["currencies"].items() if re.fullmatch(k, fm.group("cur"))), None
        )
        found.append(Penalty("", "fine", (s + fm.start(), s + fm.end()), amount=amt, currency=cur))
    punished = re.search(
        r"sentenc|convict|verdict|guilty|ordered|must serve|had to|will serve|received|"
        r"given|handed",
        body,
        re.I,
    )
    taken: list[tuple[int, int]] = []
    for r in rx["restrictions"] if punished else []:
        for rm in r.finditer(body):
            if any(a < rm.end() and rm.start() < b for a, b in taken):
                continue  # one penalty, one restriction: the first pattern that names it
            taken.append(rm.span())
            found.append(
                Penalty("", "restriction", (s + rm.start(), s + rm.end()), note=rm.group())
            )
    given: dict[str, set[str]] = {}
    last_end: dict[str, int] = {}
    for pen in sorted(found, key=lambda p: p.span):
        # the parse reads a fine from its sum ("X was fined 1,000 manats"), not its verb
        at = pen.span[0] + (_first_digit(ctx.clean, *pen.span) if pen.penalty == "fine" else 0)
        whom = _against(ctx, at, people)
        had = given.setdefault(pen.penalty, set())
        if whom and set(whom) <= had:
            # "sentenced A to four years and B to three", "A to three years of restricted
            # freedom and B to two": the names since the last penalty of its kind
            between = ctx.mentions_in(last_end.get(pen.penalty, s), pen.span[0], "person")
            named = list(dict.fromkeys(ctx.persons[m.index].name for m in between))
            whom = named or whom  # "... for three years, with a ban on X": hers too
        last_end[pen.penalty] = pen.span[1]
        for who in whom:
            if pen.penalty == "imprisonment" and who in had:
                continue  # "cut from five years to one": one term each
            had.add(who)
            ctx.penalties.append(
                Penalty(
                    who, pen.penalty, pen.span, pen.term_months, pen.amount, pen.currency, pen.note
                )
            )


def _first_digit(text: str, start: int, end: int) -> int:
    """How far into ``text[start:end]`` its first digit is (0 when it has none)."""
    m = re.search(r"\d", text[start:end])
    return m.start() if m else 0


def _fine_near(body: str) -> re.Match[str] | None:
    """ "a fine of 100 base units (3,700 rubles)": the first sum of money a little after a
    word of fining."""
    rx = _penalty_rx()
    money: re.Pattern[str] = rx["money"]
    before: re.Pattern[str] = rx["money_before"]
    for cue in re.finditer(r"\b(?:fined|fine|fines)\b", body):
        lo, hi = cue.end(), cue.end() + 60
        found = money.search(body, lo, hi) or before.search(body, lo, hi)
        if found:
            return found
    return None


def _stems(offence: str | None) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", (offence or "").lower())}


def _told_with_article(charge: Charge, charges: list[Charge]) -> bool:
    """ "indicted for inciting social discord" beside "Article 164 (incitement to social
    discord)" for the same person: the charge under the article, told again."""
    mine = _stems(charge.offence)
    for other in charges:
        if other.article and other.person == charge.person and other.offence:
            theirs = _stems(other.offence)
            shared = len(mine & theirs)
            if shared and shared * 2 >= min(len(mine), len(theirs)):
                return True
    return False


def _dedupe(ctx: Context) -> None:
    seen: set[tuple[str, str | None, str | None]] = set()
    charges = []
    for c in ctx.charges:
        key = (c.person, c.article, None if c.article else (c.offence or "").lower())
        if key not in seen:
            seen.add(key)
            charges.append(c)
    # "incitement" and "incitement to commit a felony" for one person: one charge, the
    # fuller wording (an offence whose words all recur in a longer one of that person).
    words = [set(re.findall(r"\w+", (c.offence or "").lower())) for c in charges]
    ctx.charges = [
        c
        for i, c in enumerate(charges)
        if c.article
        or not words[i]
        or not any(
            j != i and not o.article and o.person == c.person and words[i] < words[j]
            for j, o in enumerate(charges)
        )
    ]
    ctx.charges = [c for c in ctx.charges if c.article or not _told_with_article(c, ctx.charges)]
    pseen: set[tuple[str, str, str]] = set()
    pens = []
    for p in ctx.penalties:
        pkey = (p.person, p.penalty, str(p.term_months or p.note or p.amount))
        if pkey not in pseen:
            pseen.add(pkey)
            pens.append(p)
    ctx.penalties = pens
