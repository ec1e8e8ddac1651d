"""Organizations named in a report, with aliases (acronyms, translations, quotes) and kind."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from vigil.extract.context import Context, Organization
from vigil.extract.data import load
from vigil.extract.dates import calendar_words
from vigil.extract.gazetteer import demonyms, fold, is_place
from vigil.extract.letters import UP
from vigil.extract.names import (
    looks_like_person,
    place_prefixes,
    title_role,
    tokens,
    trim,
)
from vigil.extract.org_names import bracket_aliases, masthead, merge_same_bodies, the_aliases

# One way to read each capitalised word (an acronym is one too): two overlapping
# alternatives made "TAKE ACTION: WRITE AN APPEAL ..." take seconds to scan.
_CAP = rf"(?:[{UP}][\w&!-]*(?:['’]s)?)"
_GENERIC_POSS = re.compile(r"^(?:People|Women|Workers|Children|Citizens|Peoples)['’]s?$")
_LAW_NAME = re.compile(r"\b(?:Act|Law|Code|Decree|Constitution)$")
_LAW_AFTER = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:Act|Law|Code)\b")
_POSS = re.compile(
    r"(?<!People)(?<!Women)(?<!Workers)(?<!Children)(?<!Citizens)(?<!Journalists)(?<!Mothers)"
    r"(?<!Farmers)(?<!Writers)(?<!Lawyers)(?<!Defenders)(?<!Peoples)['’]s(?:\s.*)?$"
)
_TITLE_TAIL = re.compile(r"\s+(?:Special Rapporteur|Rapporteur|Secretary[- ]General|spokes\w+)$")
_PLACE_TAIL = re.compile(
    r"\s(?:Palace|Prison|Airport|Square|Street|Avenue|Region|Oblast|Province|Governorate|"
    r"Territory|Hospital|Jail|Colony|Station|Building|Buildings|Compound)$"
)
# "Section 124A", "Article 19 of": a provision is not a body; "China Date:": a field label
_PROVISION = re.compile(r"^(?:Section|Sections|Article|Articles|Art|Para|Paragraph)\b\.?")
_FIELD_LABEL = re.compile(r"\s(?:Date|Index|Status|Issue|Country|Location|Updated)$")
# "the Law on the Protection of Society from Terrorist Acts": inside a law's name
_LAW_BEFORE = re.compile(r"\b(?:Law|Act|Code|Decree)\s+(?:on|of|for)\s+(?:the\s+)?$")
_GOVERNMENT = re.compile(r"^(?:\w+\s+)?[Gg]overnment(?:\s+of\s+.+)?$|^State\s+of\s+[A-Z]")
# "Kasese Chief Magistrate's Court", "Attorney General's Office": a possessive inside a name
_POSS_NAME = re.compile(
    r"['’]s?\s+(?:Court|Office|Department|Chamber|Council|Committee|Commission|Association)"
    r"(?:\s+(?:of|for|in)\s+.+)?$"
)


@cache
def _lex() -> dict[str, Any]:
    data = load("organizations")
    conn = data["connectors"]
    seq = rf"{_CAP}(?:[ \t]+(?:(?:{'|'.join(conn)})[ \t]+)*{_CAP}){{0,9}}"
    kinds = [
        (r["kind"], re.compile(r"(?<![\w])(?:" + "|".join(r["words"]) + r")(?![\w])", re.I))
        for r in data["kinds"]
    ]
    return {
        "not_org": frozenset(fold(w) for w in data["not_org"]),
        "credit_words": frozenset(data["credit_words"]),
        "small_court": re.compile(
            rf"(?<![\w’'-])((?:{_CAP}[ \t]+(?:and[ \t]+)?){{1,3}})(?:"
            + "|".join(data["court_levels"])
            + r")[ \t]+court\b"
        ),
        "described": re.compile(r"^[\w-]+-(?:" + "|".join(data["described_as"]) + r")\s+"),
        # "told BenarNews", "according to Pakistan’s Express Tribune", "Credit: Meydan TV"
        "source": re.compile(
            r"(?<![\w-])(?i:"
            + "|".join(re.escape(c) for c in data["source_cues"])
            + rf")[ \t]+(?:the[ \t]+)?(?:[{UP}][\w-]*['’]s[ \t]+)?"
            rf"({_CAP}(?:[ \t]+(?:(?:of|for|de|del|la|el)[ \t]+)?{_CAP}){{0,4}}"
            r"(?:[ \t]+\d{1,3}(?![\w.,:/]))?)"
        ),
        "kinds": kinds,
        # "Public Interest Law Center (PILC)", "Halyk Maidan (National Front)"
        "paren": re.compile(rf"({seq})[”»\"]?[ \t]*\([“«\"]?([A-Z][\w’'& .-]{{1,100}}?)[”»\"]?\)"),
        # "the People’s Movement “Halyk Maidan”", "“Alga!” People’s party"
        "quoted_after": re.compile(
            r"\b(?:[Pp]arty|[Mm]ovement|[Oo]rgani[sz]ation|[Gg]roup|[Uu]nion|[Nn]ewspaper|"
            r"[Ff]oundation|[Cc]ompany|[Aa]ssociation|[Cc]entre|[Cc]enter|[Cc]oalition|"
            r"[Ff]ront|[Cc]ampaign|[Aa]gency|[Ww]ebsite|[Cc]hannel|[Oo]utlet|[Bb]roadcaster|"
            r"[Pp]ortal|[Mm]agazine|[Ww]eekly|[Mm]onthly|[Dd]aily|[Jj]ournal|NGO|"
            r"interview with)\s+[“«\"]([^”»\"\n]{2,60}?)\s*[”»\"]"
        ),
        "quoted_before": re.compile(
            r"[“«\"]([^”»\"\n]{2,60}?)\s*[”»\"]\s+(?:[A-Z][\w’']*\s+)?([Pp]arty|[Mm]ovement|"
            r"[Nn]ewspaper|[Cc]ompany|[Gg]roup|[Uu]nion|[Aa]ssociation|[Ff]oundation)"
        ),
        "extend": re.compile(
            rf"^[ \t]+(?P<lead>of|for|on|in)[ \t]+(?:the[ \t]+)?(?P<first>{_CAP})(?:[ \t]+{_CAP})*"
            rf"(?:[ \t]+(?:and|in|of|for|the)[ \t]+{_CAP}(?:[ \t]+{_CAP})*)*"
            r"(?:[ \t]+(?:district|region|oblast|city|province))?"
        ),
        "branch": re.compile(r"^[ \t]+Branch[ \t]+\d+"),
        # "the opposition New Armenia movement", "Khronika Turkmenistana website"
        # "the Abzas Media investigative news site": one describing word may stand between
        "kind_after": re.compile(
            rf"((?:[{UP}][\w’'!-]+[ \t]+){{1,4}})(?:[a-z]+[ \t]+(?=news[ \t]))?(movement|party|"
            r"news agency|newspaper|news website|news site|news outlet|news portal|website|"
            r"TV channel|radio station|magazine)\b"
        ),
        # "rights organization Human Rights Houses"
        "kind_before": re.compile(
            r"\b(?:organi[sz]ation|NGO|group|newspaper|website|movement|outlet|broadcaster|"
            r"channel|portal|news agency|news site|magazine|weekly|publication|radio station|"
            r"TV station|platform|coalition|network|trade union|union|party|initiative|daily|"
            r"collective|alliance|foundation|association),?[ \t]+"
            rf"((?:[{UP}][\w’'!-]+)"
            rf"(?:[ \t]+(?:(?:of|for|del|de|la|el|do|da|the)[ \t]+)?[{UP}][\w’'!-]+){{0,5}})"
        ),
        "acronym": re.compile(r"^[A-Z][A-Z0-9&/.-]{1,9}$"),
        # "Fundación Luz del Norte", "Coordinadora Universitaria": a name opened by a
        # Spanish, Portuguese or French organization word
        "foreign": re.compile(
            r"\b(?:"
            + "|".join(data["foreign_heads"])
            + r")(?:[ \t]+(?:(?:"
            + "|".join(data["foreign_connectors"])
            + rf")[ \t]+)*[{UP}][\w’'-]*)+"
        ),
        "conn": frozenset(conn),
        "known": re.compile(r"\b(?:" + "|".join(map(re.escape, data["known"])) + r")\b"),
        "known_kind": dict(data["known"]),
        "known_patterns": [
            (re.compile(k["pattern"]), str(k["name"]), str(k["kind"]))
            for k in data["known_patterns"]
        ],
        "not_acronyms": frozenset(data["not_acronyms"]),
        "caps": re.compile(r"(?<![\w/-])[A-Z][A-Z-]{2,6}(?![\w/-])"),
        "institution": _institution_rx(data["institution_heads"]),
        # "searched the office of Nasha Niva", "the editorial office of Ordo Media"
        "premises_of": re.compile(
            r"\b(?:offices?|premises|headquarters|newsroom|website|studio)\s+of\s+"
            rf"([{UP}][\w’'!.-]+(?:[ \t]+(?:(?:of|for|the)[ \t]+)?[{UP}][\w’'!-]+){{0,4}})"
        ),
        "institution_not_first": frozenset(data["institution_not_first"]),
    }


def _institution_rx(heads: list[str]) -> re.Pattern[str]:
    """Capitalised words (ordinals too) before a head noun, then "of|for|in ..." after it."""
    word = rf"(?:[{UP}][\w’'-]*|\d{{1,2}}(?:st|nd|rd|th))"
    head = "|".join(sorted(map(re.escape, heads), key=len, reverse=True))
    calendar = "|".join(sorted(_CALENDAR))
    words = rf"(?!(?:{calendar})\b){word}(?:[ \t]+{word}){{0,3}}"
    tail = rf"{words}(?:[ \t]+(?:for|of|on)[ \t]+(?:the[ \t]+)?{words})?"
    return re.compile(
        rf"(?<![\w’'-])((?:{word}[ \t]+){{0,5}})({head})(?![\w’'-])"
        r"(?![ \t]+(?:Station|Stations|Building|Buildings|Headquarters|Compound|Cells?)\b)"
        rf"(?:[ \t]+(?:of|for|on)[ \t]+(?:the[ \t]+)?{tail}"
        rf"(?:(?:,[ \t]+{tail})*[ \t]+and[ \t]+{tail})?"
        r"(?:[ \t]+(?:district|region|oblast|city|province))?)?"
        r"(?:[ \t]+Branch[ \t]+\d+)?"
    )


_CALENDAR = calendar_words()


def kind_of(name: str) -> str:
    for kind, rx in _lex()["kinds"]:
        if rx.search(name):
            return str(kind)
    return "other"


def _ok(name: str) -> bool:
    lex = _lex()
    if not name or len(name) < 2 or len(name) > 90 or "\n" in name or " / " in name:
        return False
    if "  " in name or name.rstrip().endswith(("&", "|")):
        return False  # menu items run together: "Politics  Society  Economy", "Europe &"
    f = fold(name)
    if not f or f in lex["not_org"] or f in demonyms():
        return False
    if not (name[0].isupper() or name[0].isdigit()):
        return False
    if name in lex["not_acronyms"] or any(p in lex["not_acronyms"] for p in name.split("-")):
        return False
    if is_place(name) and not lex["acronym"].match(name):
        return False
    if len(tokens(name)) >= 2 and tokens(name)[0] in place_prefixes():
        return False  # "Barangay Tabun-ac", "Barrio Sandino": places
    if _GOVERNMENT.match(name) or _PLACE_TAIL.search(name) or _LAW_NAME.search(name):
        return False
    if _PROVISION.match(name) or _FIELD_LABEL.search(name):
        return False
    # "People’s party": a generic possessive and lower-case words name nothing.
    proper = [t for t in tokens(name) if t[:1].isupper() and not _GENERIC_POSS.match(t)]
    if not proper:
        return False
    return not any(ch.isdigit() for ch in name[:1])


_KIND_TAIL = re.compile(r"(?<=[\w’'])\s+(?:party|movement)\b.*$")


@cache
def _other_titles() -> frozenset[str]:
    """Capitalised titles of the job a person holds in a body ("Coordinator", "Director")."""
    return frozenset(t for t in load("names")["titles"]["other"] if t[:1].isupper())


_SMALL_TAIL = re.compile(r"(?:\s+(?:the|of|and|for|in|on|at|to|a|an))+$")


def tidy(name: str) -> str:
    """Cut what the model glued to a name: a possessive tail, a bracket, a title."""
    if "(" in name:
        name = name.split("(")[0].strip()
    for q in '“«"':
        if q in name:
            name = name.rsplit(q, 1)[1].strip()
    name = name.strip('”»" ,.;:')
    if not _POSS_NAME.search(name):
        name = _POSS.sub("", name).strip()
    name = _TITLE_TAIL.sub("", name).strip()
    words = name.split()
    if len(words) >= 2 and words[0] in _lex()["credit_words"]:
        name = " ".join(words[1:])  # "Via Cuban Democratic Directorate"
    # "Georgian Dream party", "Citizens for Liberty party in the Nov": the kind word written
    # small after a capitalised name is a description, not part of the name
    name = _KIND_TAIL.sub("", name)
    words = name.split()
    if len(words) >= 3 and words[-1] in _other_titles():
        name = " ".join(words[:-1])  # "CPJ Africa Advocacy Coordinator": a title after it
    # A name never ends in a small word: "told CPJ the KGB ..." gave "CPJ the",
    # "the District Magistrate of ..." gave "District Magistrate of".
    return _SMALL_TAIL.sub("", name).strip()


def _initials(name: str) -> str:
    conn = _lex()["conn"]
    return "".join(t[0] for t in tokens(name) if t not in conn and t[:1].isalpha()).upper()


class _Orgs:
    def __init__(self) -> None:
        self.items: list[Organization] = []

    def find(self, name: str) -> Organization | None:
        from rapidfuzz import fuzz

        f = fold(name)
        for o in self.items:
            if f == fold(o.name) or any(f == fold(a) for a in o.aliases):
                return o
        for o in self.items:  # "Sverdlovsky District Court (of Bishkek)"
            g = fold(o.name)
            if f.startswith(g + " of ") or g.startswith(f + " of "):
                return o
        if len(f) > 7:
            for o in self.items:
                if fuzz.ratio(f, fold(o.name)) >= 90:
                    return o
        return None

    def covered(self, s: int, e: int) -> Organization | None:
        for o in self.items:
            if any(a <= s and e <= b for a, b in o.spans):
                return o
        return None

    def add(
        self,
        name: str,
        span: tuple[int, int],
        alias: str | None = None,
        kind: str | None = None,
        trusted: bool = False,
    ) -> Organization | None:
        raw = name
        name = tidy(name)
        if alias is None and _POSS.search(raw.strip()) and len(tokens(raw)) > len(tokens(name)):
            alias = raw.strip(" ,.;:")
        name = _lex()["described"].sub("", name)
        if not (_ok(name) or (trusted and name[:1].isupper() and fold(name))):
            return None
        org = self.find(name) or (self.find(alias) if alias else None)
        if org is None:
            org = Organization(name=name, kind=kind or kind_of(name))
            self.items.append(org)
        org.spans.append(span)
        known = [fold(org.name), *(fold(a) for a in org.aliases)]
        if alias and _ok(alias) and fold(alias) not in known:
            org.aliases.append(alias)
        if kind and org.kind == "other":
            org.kind = kind
        return org


def find_organizations(ctx: Context) -> list[Organization]:
    lex = _lex()
    text = ctx.clean
    orgs = _Orgs()
    for m in lex["paren"].finditer(text):
        name, s, e = trim(m.group(1), m.start(1))
        head, of, tail = name.partition(" of ")
        if of and looks_like_person(head) and kind_of(head) == "other":
            # "Advocate Julius Ochieng of the Law Society of Kenya (LSK)": the body is after "of"
            tail = re.sub(r"^the\s+", "", tail)
            s = e - len(tail)
            name = tail
        inner = m.group(2).strip()
        if inner in lex["known_kind"]:
            continue  # a dateline: "ASHGABAT (AFP)", "RABAT (Reuters)"
        first = inner.split()[0]
        described = kind_of(inner) == "other" or title_role(first) is not None
        if looks_like_person(name) and described and not lex["acronym"].match(first):
            continue
        if lex["acronym"].match(first) or kind_of(inner) != "other":
            # "(RSF)" after a long name is still its acronym; require some initial to match
            if lex["acronym"].match(inner) and inner[0] not in _initials(name):
                continue
            orgs.add(name, (s, e), alias=inner)
    for m in lex["quoted_after"].finditer(text):
        word = m.group().split()[0].lower()
        orgs.add(m.group(1).strip(), m.span(1), kind=_kind_word(word), trusted=True)
    for m in lex["quoted_before"].finditer(text):
        orgs.add(m.group(1).strip(), m.span(1), kind=_kind_word(m.group(2).lower()), trusted=True)
    for m in lex["kind_after"].finditer(text):
        name = m.group(1).strip()
        first = name.split()[0]
        if (
            first in ("The", "A", "An", "His", "Her", "Their", "Its", "Our")
            or fold(first) in demonyms()
        ):
            name = " ".join(name.split()[1:])
        if re.fullmatch(r"[\w’']+-[a-z]+", name):
            continue  # "the Urdu-language news site Sarhad Awaz": a description
        if name and not orgs.covered(m.start(1), m.end(1)):
            orgs.add(
                name,
                (m.end(1) - len(name) - 1, m.end(1) - 1),
                kind=_kind_word(m.group(2).split()[-1].lower()),
            )
    _institutions(orgs, text)
    datelines = _dateline_words(text)
    _small_courts(orgs, text)
    for m in lex["kind_before"].finditer(text):
        # "the NGO Affairs Bureau": the cue word inside a body's name is not a cue
        if not orgs.covered(*m.span(1)) and not orgs.covered(m.start(), m.end(1)):
            orgs.add(m.group(1), m.span(1))
    for m in lex["foreign"].finditer(text):
        if not orgs.covered(*m.span()):
            orgs.add(m.group().strip(), m.span(), trusted=True)
    _sources(orgs, ctx)
    for m in lex["premises_of"].finditer(text):
        if not orgs.covered(*m.span(1)):
            orgs.add(m.group(1), m.span(1))
    for m in lex["known"].finditer(text):
        orgs.add(m.group(), m.span(), kind=lex["known_kind"][m.group()])
    for ent in ctx.ents:
        if ent.label not in ("ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "FAC"):
            continue
        name, s, e = trim(ent.text, ent.start)
        if "(" in name:  # "Défense des Détenus (ABDD": the bracket is not the name
            name = name.split("(")[0].rstrip()
            e = s + len(name)
        if ent.label != "ORG" and kind_of(name) == "other":
            continue
        if _credit(orgs, name, s):
            continue  # "Reuters/Marat Gurt", "AP Photo/Andy Wong": agency and photographer
        if _LAW_AFTER.match(text[e : e + 50]) or _LAW_NAME.search(ent.text.strip(" .,")):
            continue  # "the Unlawful Activities (Prevention) Act" is a law
        if _LAW_BEFORE.search(text[max(0, s - 30) : s]):
            continue
        inside = orgs.covered(s, e)
        if inside is not None:
            inside.spans.append((s, e))
            continue
        if _menu(text, s, e) or (s, e) in datelines:
            continue
        personal = looks_like_person(name) and kind_of(name) == "other"
        if personal and (ent.label == "PERSON" or not lex["acronym"].match(name)):
            continue
        # Extend over "of the Council of Europe", "for National Security" the model cut.
        ext = lex["extend"].match(text[e : e + 120])
        if ext and ext.group("first") in _CALENDAR:
            ext = None  # "the Cairo Criminal Court on Tuesday"
        if ext and ext.group("lead") == "in" and is_place(ext.group(0).split(None, 1)[1]):
            ext = None
        if ext:
            cand = text[s : e + ext.end()]
            if "\n" not in cand:
                name, e = cand, e + ext.end()
        br = lex["branch"].match(text[e : e + 20])
        if br and "Court" in name:
            name, e = text[s : e + br.end()], e + br.end()
        # A descriptor right before a quoted name: the People’s Movement “Halyk Maidan”
        if re.match(r"^\s*[“«\"]", text[e : e + 3]) and kind_of(name.split()[-1]) != "other":
            continue
        # "Reporters" before "Without Borders"
        before = re.search(rf"({_CAP}[ \t]+)$", text[max(0, s - 40) : s])
        if before and ent.label == "PERSON" and not text[:s].rstrip().endswith((".", "\n")):
            s -= len(before.group(1))
            name = text[s:e]
        orgs.add(name, (s, e))
    for rx, name, kind in lex["known_patterns"]:
        for m in rx.finditer(text):
            org = orgs.find(name) or Organization(name=name, kind=kind)
            if org not in orgs.items:
                orgs.items.append(org)
            org.spans.append((m.end() - len(name), m.end()))
    headline_caps = set()
    laws = _law_acronyms(text)
    for m in lex["caps"].finditer(text):
        word = m.group()
        if word in lex["not_acronyms"] or word.endswith("-") or is_place(word):
            continue
        if m.span() in datelines:
            continue  # "CAIRO (Reuters) -", "HONG KONG:", "AFTER BEING TORTURED in"
        if word in laws:
            continue  # "the PTA" of the Prevention of Terrorism Act: a law, not a body
        if orgs.covered(*m.span()):
            continue  # "ARTICLE" of "ARTICLE 19"
        if re.match(r"\s*\d|\s*/", text[m.end() : m.end() + 3]):
            continue  # a reference code: "TKM 001 / 0823 / OBS 089"
        if _LAW_NAME.search(text[max(0, m.start() - 40) : m.start()].rstrip(" (")):
            continue  # "the Unlawful Activities (Prevention) Act (UAPA)": a law's acronym
        line = text[text.rfind("\n", 0, m.start()) + 1 : text.find("\n", m.end())]
        if sum(1 for w in line.split() if w.isupper()) > 3:
            headline_caps.add(word)  # a shouting headline, not acronyms
            continue
        orgs.add(word, m.span())
    orgs.items = [o for o in orgs.items if o.name not in laws]
    masthead(orgs, text)
    bracket_aliases(orgs, text)
    _link_acronyms(orgs, text)
    merge_same_bodies(orgs)
    the_aliases(orgs, text)
    return orgs.items


# A dateline or a news lede in capitals, not acronyms: "CAIRO (Reuters) -", "GUATEMALA CITY
# (Reuters)", "HONG KONG: Eight activists", "AFTER BEING TORTURED in a detention center".
_CAPS_RUN = r"(?:[A-Z][A-Z'’.-]+[ \t]+)+[A-Z][A-Z'’.-]+"
_DATELINE = re.compile(
    rf"(?m)(?<![\w-])({_CAPS_RUN})(?=[ \t]*(?:\(|:|[-–—][ \t]))"
    rf"|^({_CAPS_RUN})(?=[ \t]+[a-z])"
    r"|^([A-Z][A-Z'’-]+)(?=[ \t]*\([A-Z][\w-]*\)[ \t]*[-–—:])"
)


def _dateline_words(text: str) -> set[tuple[int, int]]:
    """Spans of the capital words of datelines and capitalised ledes."""
    out = set()
    for m in _DATELINE.finditer(text):
        for w in re.finditer(r"\S+", m.group()):
            out.add((m.start() + w.start(), m.start() + w.end()))
    return out


_LAW_WORDS = re.compile(
    r"(?:(?:[A-Z][\w’'-]*|\([A-Z][\w’'-]*\)|of|the|on|and|for|against)[ \t]+){1,8}"
    r"(?:Act|Law|Code|Ordinance|Decree|Proclamation)\b"
)


def _law_acronyms(text: str) -> set[str]:
    """Acronyms of the laws a text names: "Unlawful Activities (Prevention) Act" is UAPA,
    "Prevention of Terrorism Act" PTA, "Public Safety Act" PSA."""
    out = set()
    for m in _LAW_WORDS.finditer(text):
        words = [w.strip("()") for w in m.group().split()]
        words = [w for w in words if w[:1].isupper()]
        for i in range(len(words) - 1):  # the name may start after a capital "The", "Under"
            out.add("".join(w[0] for w in words[i:]))
    return {a for a in out if len(a) >= 3}


_PHOTO_TAIL = re.compile(r"\s+Photos?$")


def _credit(orgs: _Orgs, name: str, start: int) -> bool:
    """A photo credit the model took for one name ("Reuters/Marat Gurt", "AP Photo/Andy
    Wong", "Antara Foto/Reuters"): each part that is no person's name is a body. False when
    ``name`` is not such a credit (a body's own slash: "RFE/RL")."""
    if "/" not in name or " /" in name or "/ " in name:
        return False
    parts = name.split("/")
    known = _lex()["known_kind"]
    if not any(looks_like_person(p) or p in known for p in parts):
        return False
    pos = start
    for part in parts:
        body = _PHOTO_TAIL.sub("", part)
        if body in known or not looks_like_person(body) or kind_of(body) != "other":
            orgs.add(body, (pos, pos + len(body)), kind=known.get(body))
        pos += len(part) + 1
    return True


def menu_line(line: str) -> bool:
    """Menu items run together on one line: "Politics  Society  Economy  Investigations",
    "News Analytics Interview Central Asia Opinion"."""
    if len(line) > 400:
        return False  # a menu is a short line; a long one is prose (and costly to split)
    words = line.split()
    if "  " in line.strip() and len(words) >= 3:
        return True
    return (
        len(words) >= 5
        and all(not w[:1].isalpha() or w[:1].isupper() for w in words)
        and not re.search(r"[.!?:]$", words[-1])
    )


def _menu(text: str, start: int, end: int) -> bool:
    """A name the model found in a menu line (and not a short masthead within it)."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    line = text[lo : hi if hi >= 0 else len(text)]
    return len(text[start:end].split()) >= 4 and menu_line(line)


def _institutions(orgs: _Orgs, text: str) -> None:
    """Named courts and state bodies, which the model often cuts ("General's Office")."""
    lex = _lex()
    for m in lex["institution"].finditer(text):
        s = m.start()
        words = m.group(1).split()
        # Drop what opens a sentence or a date, and a country's possessive ("Egypt's").
        while words and (
            words[0] in lex["institution_not_first"]
            or words[0] in _CALENDAR
            or (words[0].endswith(("'s", "’s")) and is_place(words[0][:-2]))
        ):
            s = text.index(words[0], s) + len(words[0])
            s += len(text[s:]) - len(text[s:].lstrip())
            words = words[1:]
        if not words:
            if m.end() == m.end(2):
                continue  # "the Court": a head noun alone names no one body
            s = m.start(2)  # "the Ministry of Internal Affairs"
        name = text[s : m.end()].rstrip()
        if "\n" in name or orgs.covered(s, m.end()):
            continue
        orgs.add(name, (s, m.end()), trusted=True)


def _small_courts(orgs: _Orgs, text: str) -> None:
    """ "the Lenin district court", "Iuye district court": a place and a court's level
    written small name one court (news style; the other sets write "District Court")."""
    lex = _lex()
    for m in lex["small_court"].finditer(text):
        words = list(re.finditer(r"\S+", m.group(1)))
        while words and (
            words[0].group() in lex["institution_not_first"] or words[0].group() in _CALENDAR
        ):
            words = words[1:]
        if not words or fold(words[0].group()) in demonyms():
            continue  # "the Azerbaijani district court" names no one court
        s = m.start(1) + words[0].start()
        if not orgs.covered(s, m.end()):
            orgs.add(text[s : m.end()], (s, m.end()), kind="court", trusted=True)


def _sources(orgs: _Orgs, ctx: Context) -> None:
    """An outlet the text cites ("told Myanmar Now", "according to Pakistan’s Express
    Tribune", "Credit: Meydan TV"). A person or a place after the same words is neither."""
    text = ctx.clean
    for m in _lex()["source"].finditer(text):
        if text[m.end(1) : m.end(1) + 1] in ("’", "'", "/"):
            continue  # "the Cameroon Journalists’ Trade Union"; a credit "Name/Outlet"
        if text[m.start() : m.start(1)].rstrip().endswith(":") and looks_like_person(m.group(1)):
            continue  # "Photo: Seyma Karatas": a photographer
        name, s, e = trim(m.group(1), m.start(1))
        name = _POSS.sub("", name).strip()
        e = s + len(name)
        if not name or orgs.covered(s, e) or is_place(name) or tokens(name)[-1] in _CALENDAR:
            continue
        brand = len(name.split()) >= 2 or re.search(r"[a-z][A-Z]|^[A-Z]{2,}$", name)
        if not brand:
            continue  # "told Ahmed": one plain word is more often a person
        if any(
            ent.label in ("PERSON", "GPE", "NORP") and ent.start <= s and e <= ent.end
            for ent in ctx.ents
        ):
            continue
        orgs.add(name, (s, e), kind="media")


def _kind_word(word: str) -> str | None:
    return {
        "outlet": "media",
        "broadcaster": "media",
        "portal": "media",
        "magazine": "media",
        "weekly": "media",
        "monthly": "media",
        "daily": "media",
        "journal": "media",
        "interview": "media",
        "party": "party",
        "movement": "movement",
        "newspaper": "media",
        "company": "company",
        "union": "union",
        "front": "movement",
        "campaign": "movement",
        "channel": "media",
        "website": "media",
        "site": "media",
        "agency": "media",
    }.get(word)


def _link_acronyms(orgs: _Orgs, text: str) -> None:
    """Fold a bare acronym or a lone word into the longer organization it abbreviates."""
    lex = _lex()
    merged: list[Organization] = []
    longs = [o for o in orgs.items if len(tokens(o.name)) >= 2]
    for o in orgs.items:
        target = next(
            (b for b in orgs.items if b is not o and b.name.startswith(o.name + "-")), None
        )  # "OVD" of "OVD-Info"
        if target is None and len(tokens(o.name)) == 1:
            for big in longs:
                if big is o:
                    continue
                ini, acr = _initials(big.name), o.name.replace(".", "")
                if (
                    (
                        lex["acronym"].match(o.name)
                        and (ini == acr or (len(acr) >= 3 and ini.startswith(acr)))
                    )
                    or fold(tokens(big.name)[-1]) == fold(o.name)
                    or big.name.startswith(o.name + "-")
                    or any(fold(a) == fold(o.name) for a in big.aliases)
                ):
                    target = big
                if target:
                    break
        if target is not None:
            if all(fold(a) != fold(o.name) for a in target.aliases):
                target.aliases.append(o.name)
            target.aliases.extend(a for a in o.aliases if a not in target.aliases)
            target.spans.extend(o.spans)
        else:
            merged.append(o)
    orgs.items = merged
