"""Charges and sentences of a lemma-read report, from the legal forms in ``legal.yaml``.

"по ч. 2 ст. 174 УК РК" is article 174.2 of a criminal code, country KZ; "п. «а» ч. 2 ст. 213"
is 213.2 (the point is a letter, not a part); "ст. 276 п. 2" is 276.2. Charges and
sentences go to the persons of their sentence, else to the person named last before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from vigil.extract.context import Charge, Context, Event, Penalty
from vigil.extract.data import load
from vigil.extract.lemma.attach import governing, reading, token_at
from vigil.extract.lemma.common import lemma_regex, lemmas
from vigil.extract.lemma.events import Referents, event_date, sentence_victims, speaker
from vigil.extract.lemma.model import LemmaDoc, lemma, parses

_NUM = re.compile(r"^\d+(?:[.,]\d+)?$")


@cache
def _compiled(folder: str) -> dict[str, Any]:
    spec = load(f"{folder}/legal")
    part, point, art = spec["part"], spec["point"], spec["article"]
    pre = rf"(?:(?:{point})\s*)?(?:(?P<parts>(?:{part})(?:\s*(?:,|и)\s*\d+)*)\s*)?"
    after = rf"(?:\s*(?:{point.replace('point', 'point2')}))?" + spec["part_after"]
    ref = re.compile(pre + art + spec["more_articles"] + after, re.I)
    codes = [(re.compile(c["pattern"], re.I), c["kind"]) for c in spec["codes"]]
    countries = spec["code_countries"]
    currency = "(?:" + "|".join(map(re.escape, spec["currencies"])) + r")\w*"
    ctry = re.compile(
        r"\s*(?P<c>" + "|".join(sorted(map(re.escape, countries), key=len, reverse=True)) + r")\b"
    )
    return {
        "countries": {str(k): str(v) for k, v in countries.items()},
        "currencies": {str(k): str(v) for k, v in spec["currencies"].items()},
        "ref": ref,
        "bare": re.compile(spec["bare_article"]),
        "codes": codes,
        "ctry": ctry,
        "cues": re.compile(r"(?:" + "|".join(spec["offence_cues"]) + r")\s+", re.I),
        "case": re.compile(spec["case_cue"], re.I),
        "conviction": lemma_regex(tuple(spec["conviction"])),
        "for": re.compile(r"\b" + spec["offence_for"] + r"\s+", re.I),
        "for_petty": re.compile(
            r"\b" + spec["offence_for_petty"].replace("{currency}", currency) + r"\s+", re.I
        ),
        "offence_words": frozenset(spec["offence_words"]),
        "staff": frozenset(spec["staff_nouns"]),
        "end": re.compile(spec["offence_end"], re.I),
        "prison": [re.compile(p, re.I) for p in spec["prison"]],
        "days": [re.compile(p, re.I) for p in spec["days"]],
        "restriction": [re.compile(p, re.I) for p in spec["restriction"]],
        "bans": [re.compile(p, re.I) for p in spec["bans"]],
        "sentencing": re.compile(spec["sentencing"], re.I),
        "term_by_name": re.compile(spec["term_by_name"], re.I),
        "suspended": re.compile(spec["suspended"], re.I),
        "fine": [re.compile(p, re.I) for p in spec["fine"]],
        "hypothetical": re.compile(r"(?<!\S)(?:" + "|".join(spec["hypothetical"]) + r")(?!\S)"),
        "granted": re.compile(spec["granted"]),
        "supposed": lemma_regex(tuple(spec["supposed_charge"])),
        "range": re.compile(r"(?:" + spec["penalty_range"] + r")\s*$", re.I),
    }


def number(word: str, table: dict[str, float]) -> float | None:
    w = word.lower().strip('«»"(),')
    if _NUM.match(w):
        return float(w.replace(",", "."))
    for stem in sorted(table, key=len, reverse=True):
        if w.startswith(stem):
            return float(table[stem])
    return None


@dataclass(frozen=True, slots=True)
class _Told:
    """A charge as one sentence tells it, before it is given to anyone."""

    law: str | None
    article: str | None
    offence: str | None
    country: str | None
    span: tuple[int, int]
    # Where the offence's own words are (persons named there are not the accused).
    words: tuple[int, int] = (0, 0)


def find_legal(
    ctx: Context, doc: LemmaDoc, folder: str, numbers: dict[str, float], events: dict[str, Any]
) -> None:
    pats = _compiled(folder)
    referents = Referents.of(events)
    last: list[_Told] = []
    every: list[_Told] = []
    penalised: list[str] = []  # who the last sentences were given penalties
    carried = 0  # sentences since, naming nobody
    told_sentencing = False  # whether the sentence before told of sentences
    brought = lemma_regex(tuple(events["triggers"]["charge"]))
    before_who: list[str] = []  # the persons of the sentence just before
    for s, e in ctx.sentences:
        sent = ctx.clean[s:e]
        lem = lemmas(doc, s, e)
        persons = sentence_victims(ctx, s, e, lem, referents)
        who = persons or _charged_organization(ctx, s, e, referents, pats)
        told = _told(ctx, s, sent, pats)
        if told and not who and brought.search(lem.string):
            # "Иван Петров задержан. Уголовное дело возбуждено по ч. 1 ст. 280.3 УК РФ."
            who = before_who
        before_who = persons
        if told:
            last = told
            every.extend(told)
        elif persons and pats["case"].search(sent):
            # "Дело завели на корреспондента X, видеоредактора Y": the case told just before.
            told = last
        charged: list[str] = []
        if pats["supposed"].search(lem.string):
            # "обыск может проходить по делу об экстремистской организации": a guess
            told = []
        for t in told:
            inside = _named_within(ctx, *t.words) if not t.article else set()
            # "по делу Навального задержали Ивана Петрова": the parse says whose charge
            preds = governing(doc, token_at(doc, t.span[0]))
            parse = reading(ctx, doc, (s, e), preds, referents.patient_marks)
            for person in parse.narrow(who):
                if person not in inside:  # "... через фонд проповедника Абу Умара"
                    ctx.charges.append(
                        Charge(person, t.law, t.article, t.offence, t.country, t.span)
                    )
                    charged.append(person)
        if charged and not pats["conviction"].search(lem.string):
            _charge_event(ctx, s, e, told[0].span[0], list(dict.fromkeys(charged)))
        # "дали 10 суток за шествие в поддержку Навального": not Навальный's penalty
        offenders = [p for p in persons if not any(p in _named_within(ctx, *t.words) for t in told)]
        before = len(ctx.penalties)
        if not pats["hypothetical"].search(pats["granted"].sub("", lem.string)):
            # "... к 2,5 годам лишения свободы. Условно. С испытательным сроком в 3 года и
            # запретом заниматься ...": a sentence that names nobody goes on with the
            # penalties told just before it.
            _penalties(ctx, s, sent, offenders or penalised, pats, numbers, bool(penalised))
        sentencing = bool(pats["sentencing"].search(sent))
        if sentencing or told_sentencing:
            _terms_by_name(ctx, s, e, pats, numbers)
        told_sentencing = sentencing
        given = list(dict.fromkeys(p.person for p in ctx.penalties[before:]))
        carried = 0 if given else carried + 1
        if given or persons or carried > 2:
            penalised = given
    _link_articles(ctx, [t for t in every if t.article and t.offence])
    _dedupe(ctx, pats)


def _charge_event(ctx: Context, s: int, e: int, trigger: int, who: list[str]) -> None:
    """ "задержали по подозрению в финансировании терроризма", "в рамках уголовного дела о
    ...": the sentence names a charge brought, so it tells a charge event, unless one of
    the same persons was already told (a conviction names a charge but brings none)."""
    if any(ev.type == "charge" and set(ev.victims) & set(who) for ev in ctx.events):
        return
    for ev in ctx.events:
        if ev.type == "charge" and not ev.victims and ev.start == s:
            # the events stage told it of nobody named: the charge says whom
            ev.victims, ev.unnamed, ev.confidence = who, False, 0.6
            return
    ctx.events.append(
        Event(
            type="charge",
            start=s,
            end=e,
            trigger=(trigger, trigger),
            date=event_date(ctx, s, e, trigger),
            victims=who,
            country=ctx.country,
        )
    )


def _told(ctx: Context, s: int, sent: str, pats: dict[str, Any]) -> list[_Told]:
    """The charges one sentence names: by article ("по ч. 2 ст. 174 УК РК"), each with the
    offence given beside it, else by offence alone ("обвинили в контрабанде валюты")."""
    offences = _offences(sent, pats)
    out: list[_Told] = []
    for m in _refs(sent, pats):
        law, country = _law(sent[m.end() : m.end() + 60], pats)
        groups = m.groupdict()
        articles = [m.group("article"), *re.findall(r"[\d.−–-]*\d", groups.get("more") or "")]
        parts = re.findall(r"\d+", groups.get("parts") or groups.get("part2") or "")
        if not parts:
            p2 = groups.get("point2") or groups.get("point")
            if p2 and p2.isdigit():
                parts = [p2]
        if len(articles) > 1:
            parts = []  # "по статьям 212 и 213": the parts of a list are not told
        # "(хулиганство)" after the article, else the offence named just before it:
        # "обвинили в контрабанде валюты в составе организованной группы (статья 206.3.2)"
        before = [off for off, (_, oe), _ in offences if 0 <= m.start() - oe <= 3]
        offence = _paren(sent[m.end() :]) or (before[-1] if before else None)
        for article in articles:
            article = re.sub(r"[−–]", "-", article)
            for p in parts or [None]:
                number = f"{article}.{p}" if p else article
                span = (s + m.start(), s + m.end())
                out.append(_Told(law, number, offence, country or ctx.country, span))
    if out:
        return out
    return [
        _Told(None, None, offence, ctx.country, (s + span[0], s + span[1]), (s + w0, s + span[1]))
        for offence, span, w0 in offences
    ]


def _link_articles(ctx: Context, with_article: list[_Told]) -> None:
    """An offence named without its article takes the article the report gave it elsewhere:
    "(сотрудников) обвинили в контрабанде валюты ... (статья 206.3.2 УК РА)", then "по делу
    о контрабанде валюты суд арестовал ... Ульви Гасанлы" is 206.3.2 too."""
    for c in ctx.charges:
        if c.article or not c.offence:
            continue
        words = _stems(c.offence)
        for a in with_article:
            if words and words <= _stems(a.offence or ""):
                c.law, c.article, c.offence = a.law, a.article, a.offence
                break


def _stems(text: str) -> set[str]:
    return {w.lower()[:5] for w in re.findall(r"\w{3,}", text)}


def _charged_organization(
    ctx: Context, start: int, end: int, referents: Referents, pats: dict[str, Any]
) -> list[str]:
    """An organisation a sentence charges when it names no person ("возбудил в отношении
    «Вясны» уголовное дело"): never a state body or a court, which act, not suffer, nor the
    outlet that tells the news ("как рассказала NM"), nor one named for its people ("против
    трех сотрудников издания Toplum TV": the charge is theirs)."""
    staff = pats["staff"]
    for mn in ctx.mentions_in(start, end, "organization"):
        org = ctx.organizations[mn.index]
        if org.kind in _ACTORS or speaker(ctx, mn, referents.speech):
            continue
        words = re.findall(r"\w+", ctx.clean[max(0, mn.start - 50) : mn.start])[-4:]
        if any(lemma(w) in staff for w in words):
            continue
        return [org.name]
    return []


_ACTORS = frozenset({"state_body", "court"})


def _named_within(ctx: Context, start: int, end: int) -> set[str]:
    """Persons named inside an offence or right after it, where the phrase stopped at the
    name: "в финансировании терроризма через фонд проповедника Абу Умара Саситлинского"."""
    s, e = ctx.sentence_of(start)
    return {
        ctx.persons[mn.index].name
        for mn in ctx.mentions_in(s, e, "person")
        if start <= mn.start <= end + 2
    }


def _refs(sent: str, pats: dict[str, Any]) -> list[re.Match[str]]:
    """Article references of a sentence: "ч. 2 ст. 174", and a bare "(205.2 УК)"."""
    refs = list(pats["ref"].finditer(sent))
    for m in pats["bare"].finditer(sent):
        if not any(r.start() <= m.start() < r.end() for r in refs):
            refs.append(m)
    return sorted(refs, key=lambda r: r.start())


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


def _offences(sent: str, pats: dict[str, Any]) -> list[tuple[str, tuple[int, int], int]]:
    """(offence, span of cue and offence, where the offence's words begin) per offence."""
    out = []
    cues = [(m, False) for m in pats["cues"].finditer(sent)]
    cues += [(m, True) for m in pats["for"].finditer(sent)]
    petty = [m for m in pats["for_petty"].finditer(sent)]
    cues = [c for c in cues if not any(p.end() == c[0].end() for p in petty)]
    cues += [(m, False) for m in petty]
    for m, needs_word in sorted(cues, key=lambda c: c[0].start()):
        rest = sent[m.end() :]
        stop = pats["end"].search(rest)
        chunk = _until_verb(rest[: stop.start() if stop else len(rest)][:160])
        if needs_word and not _names_offence(chunk, pats["offence_words"]):
            continue
        for piece in _pieces(chunk):
            piece = re.sub(r"[«»\"“”„]", "", piece).strip(" '")
            piece = re.sub(r"\s+(?:и|а|или)$", "", piece)
            if len(piece) < 4 or not piece[0].isalpha():
                continue
            out.append((_nominative_phrase(piece), (m.start(), m.end() + len(chunk)), m.end()))
    return out


def _names_offence(chunk: str, words: frozenset[str]) -> bool:
    """Whether one of the first three words is an offence word ("за незаконное проведение")."""
    return any(lemma(w) in words for w in re.findall(r"\w+", chunk)[:3])


def _pieces(chunk: str) -> list[str]:
    """The offences of a phrase, split on commas and "и" outside quotes ("в «клевете»,
    «оскорблении судьи» и в «действиях, грубо нарушающих общественный порядок»"); a part
    that opens with a participle or an adverb ("грубо нарушающих ...") belongs to the one
    before it."""
    out: list[str] = []
    pos = 0
    for sep in _SEPARATOR.finditer(chunk):
        if quoted_open(chunk[: sep.start()].split(" ")):
            continue
        out.append(chunk[pos : sep.start()])
        pos = sep.end()
    out.append(chunk[pos:])
    pieces: list[str] = []
    for piece in out:
        first = re.match(r"[«\"“]?(\w+)", piece.strip())
        pos_tag = parses(first.group(1))[0].tag.POS if first else None
        if pieces and pos_tag in ("PRTF", "ADVB", "GRND"):
            pieces[-1] += ", " + piece
        else:
            pieces.append(piece)
    return pieces


_SEPARATOR = re.compile(r",\s*(?:а также\s+)?(?:(?:в|за)\s+)?|\s+и\s+(?:(?:в|за)\s+)?")


def _until_verb(chunk: str) -> str:
    """An offence phrase ends before a verb or a date ("... валюты суд арестовал")."""
    words = chunk.split(" ")
    for i, w in enumerate(words):
        bare = w.strip('«»"“”,')
        if i and _new_subject(words[i - 1], bare):
            return _no_trailing_preposition(words[:i])
        if i and (
            bare[:1].isdigit()
            or (bare.isalpha() and parses(bare)[0].tag.POS in ("VERB", "PRTS", "INFN"))
        ):
            return _no_trailing_preposition(words[:i])
        if (
            i
            and bare[:1].isupper()
            and not w.startswith(("«", '"', "“"))
            and parses(bare)[0].tag.POS in ("ADJF", "NOUN")
            and not quoted_open(words[:i])
        ):
            return _no_trailing_preposition(words[:i])
    return chunk


def _no_trailing_preposition(words: list[str]) -> str:
    """ "незаконное проведение шествия в [Ереване]": the phrase cut at a name loses the
    preposition that led to it."""
    while words and parses(words[-1].strip(',«"“'))[0].tag.POS == "PREP":
        words = words[:-1]
    return " ".join(words)


def _new_subject(prev: str, word: str) -> bool:
    """ "в контрабанде валюты суд арестовал": a noun that can only be a subject or an object
    (nominative or accusative) right after a noun starts a new clause."""
    if not (word.isalpha() and prev.isalpha()):
        return False
    if parses(prev)[0].tag.POS != "NOUN":
        return False
    ps = parses(word)
    return ps[0].tag.POS == "NOUN" and all(
        p.tag.case in ("nomn", "accs") for p in ps if p.tag.POS == "NOUN"
    )


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
        p = _agreeing(ps, words[i + 1 : i + 2])
        form = p.inflect({"nomn"}) if p.tag.number == "sing" or p.tag.POS == "NOUN" else None
        out.append(str(form.word) if form else w)
        if p.tag.POS == "NOUN":
            out.extend(words[i + 1 :])
            break
    return " ".join(out)


def _agreeing(ps: list[Any], following: list[str]) -> Any:
    """The reading of a word in an offence phrase: an adjective where the next word is a
    noun of its case ("мелком хулиганстве" is no "мелок", chalk), else the first."""
    nxt = [p for w in following if w.isalpha() for p in parses(w) if p.tag.POS == "NOUN"]
    for p in ps:
        if p.tag.POS == "ADJF" and any(
            p.tag.case == n.tag.case and p.tag.gender in (None, n.tag.gender) for n in nxt
        ):
            return p
    return ps[0]


def _penalties(
    ctx: Context,
    s: int,
    sent: str,
    who: list[str],
    pats: dict[str, Any],
    numbers: dict[str, float],
    sentencing: bool,
) -> None:
    """Terms, fines and restrictions the sentence gives ``who``; a ban ("запрет заниматься
    ...") only where a sentence is told (here, or in the sentence before: ``sentencing``)."""
    if not who:
        return
    suspended = bool(pats["suspended"].search(sent))
    for rx in pats["prison"]:
        m = _given(rx, sent, pats)
        if m:
            n = number(m.group("n"), numbers)
            if n is None:
                continue
            if m.groupdict().get("half"):
                n += 0.5  # "к пяти с половиной годам"
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
        m = _given(rx, sent, pats)
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
        m = _given(rx, sent, pats)
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
    bans = pats["bans"] if sentencing or pats["sentencing"].search(sent) else []
    for rx in pats["restriction"] + bans:
        m = _given(rx, sent, pats)
        if m and "арест" in m.group().lower() and not re.search(r"приговор|осуд", sent, re.I):
            continue
        if m:
            for p in who:
                ctx.penalties.append(
                    Penalty(p, "restriction", (s + m.start(), s + m.end()), note=m.group().strip())
                )


def _terms_by_name(
    ctx: Context, s: int, e: int, pats: dict[str, Any], numbers: dict[str, float]
) -> None:
    """ "вынесли пять тюремных приговоров. Среди пострадавших — правозащитник Ильхамиз
    Гулиев (три года), журналист Теймур Керимов (восемь лет)": a term in brackets right
    after a name is that person's, where sentences are told."""
    for mn in ctx.mentions_in(s, e, "person"):
        m = pats["term_by_name"].match(ctx.clean, mn.end)
        if not m:
            continue
        n = number(m.group("n"), numbers)
        if n is None:
            continue
        if m.group("half"):
            n += 0.5
        months = n if m.group("unit").lower().startswith("месяц") else n * 12
        if m.group("n2"):
            months += number(m.group("n2"), numbers) or 0
        ctx.penalties.append(
            Penalty(
                ctx.persons[mn.index].name,
                "imprisonment",
                (m.start(), m.end()),
                term_months=int(months),
            )
        )


def _given(rx: re.Pattern[str], sent: str, pats: dict[str, Any]) -> re.Match[str] | None:
    """The first penalty the sentence gives, not a range the law sets ("максимальное
    наказание — шесть лет лишения свободы", "от 15 до 30 суток ареста")."""
    for m in rx.finditer(sent):
        if not pats["range"].search(sent[max(0, m.start() - 40) : m.start()]):
            return m
    return None


def _currency(words: str, table: dict[str, str]) -> str | None:
    """The currency of "рублей", "белорусских рублей", "тысяч тенге" (first word decides)."""
    low = words.lower()
    for stem in sorted(table, key=len, reverse=True):
        if low.startswith(stem):
            return table[stem]
    return None


def _dedupe(ctx: Context, pats: dict[str, Any]) -> None:
    """One charge per person and offence. A person charged under an article keeps no
    offence without one that shares a word with the article's offence (the text telling
    the same charge twice: "подозревают в экстремизме", "ст. 276 (... экстремистской
    деятельности ...)"), and a
    shorter telling of an offence gives way to the fuller one ("клевета" to "клевета из
    корыстных побуждений")."""
    articles: dict[str, set[str]] = {}
    for c in ctx.charges:
        if c.article:
            articles.setdefault(c.person, set()).update(_stems(c.offence or ""))
    seen: set[tuple[Any, ...]] = set()
    charges = []
    for c in ctx.charges:
        key = (c.person, c.article or (c.offence or "").lower())
        if key in seen or (
            not c.article
            and c.person in articles
            and (_stems(c.offence or "") & articles[c.person] or _reason(ctx, c, pats))
        ):
            continue
        seen.add(key)
        charges.append(c)
    ctx.charges = [c for c in charges if c.article or not _told_fuller(c, charges)]
    seen_p: set[tuple[Any, ...]] = set()
    restricted: dict[str, Penalty] = {}
    pens = []
    for p in ctx.penalties:
        if p.penalty == "restriction":
            # "три года ограничения свободы", then "суд запретил блогеру покидать дом ...":
            # the conditions of one restriction, told again, are its note.
            first = restricted.setdefault(p.person, p)
            if first is not p:
                if p.note and p.note not in (first.note or ""):
                    first.note = f"{first.note}; {p.note}" if first.note else p.note
                continue
        pkey = (p.person, p.penalty, p.term_months, p.note)
        if pkey not in seen_p:
            seen_p.add(pkey)
            pens.append(p)
    ctx.penalties = pens


def _reason(ctx: Context, c: Charge, pats: dict[str, Any]) -> bool:
    """Whether the offence is the act a penalty was given for ("арестовали на 10 суток за
    протест"): for a person charged under an article, the article's charge told again."""
    return any(pats[k].match(ctx.clean, c.span[0]) for k in ("for", "for_petty"))


def _told_fuller(c: Charge, charges: list[Charge]) -> bool:
    """Whether another charge of the same person tells this offence with more words, all of
    its own among them ("участие в ФБК" in a title, "участие в деятельности экстремистского
    сообщества ФБК" in the text)."""
    words = _stems(c.offence or "")
    return any(
        o is not c and o.person == c.person and not o.article and words < _stems(o.offence or "")
        for o in charges
    )
