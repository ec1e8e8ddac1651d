"""Parse a personal name into its parts: given names, patronymic, family name, initials.

``parse_name("Amirova Ajzhangul Serikovna")`` and ``parse_name("A. S. Amirova")`` give the
same family stem ("amir", gender "f") and compatible given name and patronymic, whichever
script or transliteration was used, because every word is folded first (``fold.py``) and
the lexicon (``data/names.yaml``) is folded the same way.

Decisions that are ours (a reviewer may disagree; they are easy to change):

* The family name is the word with the strongest sign of being one: a comma after it, ALL
  CAPITALS among mixed-case words, a gendered family ending (-ov/-ova, -sky/-skaya, ...),
  a plain family ending (-enko, -yan, -dze), an Arabic article (al-Harbi), a Vietnamese family
  name in front. With no sign, the last full word (Western order), and ``family_certain`` is
  False so that the matcher may also try the swapped order.
* A patronymic ending (-ovich/-ovna/-uly/-kyzy, or "bin X", "X kyzy") makes a word the
  patronymic, unless no other word can be the family name: many Kazakhs use -uly/-kyzy and
  many Belarusians -vich as family names.
* Gender comes from the family ending, then the patronymic, then Vietnamese Van/Thi.
  The stem without the gender ending is what brother and sister share (Amirov/Amirova ->
  "amir"): it is the blocking key, and gender then keeps them apart.
* Vietnamese names: the call name is the last given name (Nguyen Thi *Huong*), and the
  gender markers Van/Thi are not compared as given names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from vigil.resolve.fold import fold_loose, fold_word, skeleton, spell, split_words
from vigil.resolve.lexicon import FamilyEnding, Lexicon, lexicon

_INITIALS = re.compile(r"^(?:\w{1,3}\.)+\w?$|^\w$")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


@dataclass(frozen=True, slots=True)
class Token:
    """One name word: its raw spelling, its folded readings (primary first), its skeleton."""

    raw: str
    readings: tuple[str, ...]
    skel: str = ""
    loose: tuple[str, ...] = ()  # loose readings, compared reading by reading
    firsts: frozenset[str] = frozenset()  # first letters of the readings (for initials)

    @staticmethod
    def of(raw: str, readings: tuple[str, ...], loose: tuple[str, ...] = ()) -> Token:
        skel = skeleton(readings[0]) if readings else ""
        return Token(raw, readings, skel, loose, frozenset(r[0] for r in readings if r))

    @property
    def key(self) -> str:
        return self.readings[0] if self.readings else ""

    def __str__(self) -> str:
        return spell(self.key)


@dataclass(frozen=True)
class ParsedName:
    """A personal name taken apart. All parts are folded ``Token``s."""

    raw: str
    given: tuple[Token, ...] = ()
    given_main: Token | None = None
    initials: tuple[Token, ...] = ()
    patronymic: Token | None = None  # the father's name, suffix removed ("serik")
    family: Token | None = None
    family_stem: Token | None = None  # family name without its gender ending
    gender: str | None = None
    family_certain: bool = False
    vietnamese: bool = False
    markers: tuple[str, ...] = field(default=())

    @property
    def key(self) -> NameKey:
        return _name_key(self)


@dataclass(frozen=True, slots=True)
class NameKey:
    """Blocking keys of a name: (each reading of the family stem + first initial) and
    (stem skeleton + given-name skeleton; not for Vietnamese names, too short for it)."""

    keys: tuple[str, ...]

    @staticmethod
    def of(name: ParsedName) -> NameKey:
        firsts: set[str] = set()
        head = name.given_main or (name.initials[0] if name.initials else None)
        if head is not None:
            firsts = set(head.firsts)
        keys: set[str] = set()
        stem = name.family_stem
        if stem is not None and stem.key:
            initials = firsts or {"?"}
            for reading in {*stem.readings, *stem.loose}:
                keys.update(f"f:{reading}|{i}" for i in initials)
            if name.given_main is not None and not name.vietnamese:
                # phonetic key on the whole name: Hasanov / Gasanov Tural meet for review
                keys.add(f"p:{stem.skel}|{name.given_main.skel}")
        if not name.family_certain and name.given_main is not None and stem is not None:
            # Word order unknown: also file the name under the other order.
            for reading in name.given_main.readings:
                keys.update(f"f:{reading}|{i}" for i in stem.firsts)
        if stem is None and name.given_main is not None:
            keys.add(f"g:{name.given_main.skel}")
        return NameKey(tuple(sorted(keys)))


@lru_cache(maxsize=200_000)
def _name_key(name: ParsedName) -> NameKey:
    return NameKey.of(name)


@dataclass
class _Piece:
    raw: str
    readings: tuple[str, ...]
    loose: tuple[str, ...]
    upper: bool = False
    comma_family: bool = False
    article: bool = False
    patronymic_gender: str | None = None  # set when marked by "kyzy", "bin", ...
    nasab: bool = False


def _cut(loose: tuple[str, ...], size: int, end: str = "") -> tuple[str, ...]:
    """Loose readings with an ending of ``size`` letters replaced by ``end``."""
    return tuple(x[:-size] + end if size and len(x) > size + 1 else x for x in loose)


def _own_ending(reading: str, lex: Lexicon) -> FamilyEnding | None:
    if not reading.endswith(lex.family_ending_set):
        return None
    for fe in lex.family_endings:
        if reading.endswith(fe.ending) and len(reading) - len(fe.ending) >= 2:
            return fe
    return None


def _ending(readings: tuple[str, ...]) -> tuple[int, str | None, tuple[str, ...]]:
    """Strength, gender and stems of a family-name ending (strength 0: none)."""
    strength, gender, stems, _, _ = _ending_full(readings)
    return strength, gender, stems


@lru_cache(maxsize=200_000)
def _ending_full(readings: tuple[str, ...]) -> tuple[int, str | None, tuple[str, ...], int, str]:
    """As ``_ending``, plus the length of the ending and what replaces it in the stem."""
    lex = lexicon()
    if any(r in lex.given_like_family for r in readings) or readings[0].endswith(lex.given_endings):
        return 0, None, readings, 0, ""
    found = [_own_ending(r, lex) for r in readings]
    first = next((fe for fe in found if fe is not None), None)
    if first is not None:
        # each reading loses its own ending (Scheweljow: slavic "sevelev" -> "sevel")
        stems = tuple(
            dict.fromkeys(
                r[: -len(fe.ending)] + fe.stem_end if fe is not None else r
                for r, fe in zip(readings, found, strict=True)
            )
        )
        return first.strength, first.gender, stems, len(first.ending), first.stem_end
    for plain in lex.family_plain_endings:
        if readings[0].endswith(plain) and len(readings[0]) > len(plain) + 2:
            return 1, None, readings, 0, ""
    return 0, None, readings, 0, ""


def _patronymic(readings: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    gender, stems, _ = _patronymic_full(readings)
    return gender, stems


@lru_cache(maxsize=200_000)
def _patronymic_full(readings: tuple[str, ...]) -> tuple[str | None, tuple[str, ...], int]:
    lex = lexicon()
    if not any(r.endswith(lex.patronymic_suffix_set) for r in readings):
        return None, readings, 0
    for suffix, gender in lex.patronymic_suffixes:
        if any(r.endswith(suffix) and len(r) - len(suffix) >= 2 for r in readings):
            stems = tuple(
                dict.fromkeys(r[: -len(suffix)] if r.endswith(suffix) else r for r in readings)
            )
            return gender, stems, len(suffix)
    return None, readings, 0


def _pieces(name: str, lex: Lexicon) -> tuple[list[_Piece], list[Token]]:
    text = _PARENS.sub(" ", name)
    comma_words: set[int] = set()
    if text.count(",") == 1:
        left, right = text.split(",")
        if left.strip() and right.strip():
            comma_words = set(range(len(left.split())))
    words = text.replace(",", " ").split()
    letters = [w for w in words if any(c.isalpha() for c in w)]
    mixed = any(not w.isupper() for w in letters)
    pieces: list[_Piece] = []
    initials: list[Token] = []
    for index, word in enumerate(words):
        folded = fold_word(word)
        dotted = re.fullmatch(r"(?:\w{1,3}\.){2,}", word) is not None  # A.S., not Ms.
        if not folded or (folded[0] in lex.honorifics and not dotted):
            continue
        if _INITIALS.match(word) and not (len(word) > 1 and word.isupper() and "." not in word):
            for part in word.split("."):
                if part and fold_word(part):
                    initials.append(Token.of(part, fold_word(part), fold_loose(part)))
            continue
        parts = split_words(word)
        if len(parts) > 1 and "-" in word and not _particle_in(parts, lex):
            # A double family name (Kara-Murza, Quisumbing-Ignacio) is one name: written
            # alone as a surname-only mention it must still be the family name.
            parts = ["".join(parts)]
        for part in parts:
            readings = fold_word(part)
            if readings and readings[0] not in lex.honorifics:
                up = mixed and part.isupper() and len(part) > 1
                if len(part) > 3 and part[:2].lower() in ("al", "el") and part[2].isupper():
                    # AlJabri, ElHarbi: the article written joined
                    part = part[2:]
                    readings = fold_word(part)
                pieces.append(_Piece(part, readings, fold_loose(part), up, index in comma_words))
    return pieces, initials


def _particle_in(parts: list[str], lex: Lexicon) -> bool:
    """Whether a hyphenated word holds an Arabic article or Abd-/Abu- (al-Harbi, Abd-el):
    those are split and handled by ``_arabic``."""
    for part in parts:
        readings = fold_word(part)
        if readings and readings[0] in lex.articles | lex.abd_words | {"abu", "abo", "bin", "ibn"}:
            return True
    return False


def _arabic(pieces: list[_Piece], lex: Lexicon) -> list[_Piece]:
    """Drop articles, join Abd- and Abu- names, mark "bin X" and "X kyzy" patronymics."""
    out: list[_Piece] = []
    i = 0
    while i < len(pieces):
        piece, nxt = pieces[i], pieces[i + 1] if i + 1 < len(pieces) else None
        low = piece.raw.lower()
        if nxt is not None and (
            piece.readings[0] in lex.articles
            or (low in lex.sun_articles and nxt.raw.lower().startswith(low[1:]))
        ):
            nxt.article = True
            i += 1
            continue
        if nxt is not None and piece.readings[0] in lex.abd_words | {"abu", "abo"}:
            j = i + 1
            if j + 1 < len(pieces) and pieces[j].readings[0] in lex.articles | lex.sun_articles:
                j += 1
            head = "abd" if piece.readings[0] in lex.abd_words else "abu"
            joined = tuple(dict.fromkeys(head + r for r in pieces[j].readings))
            loose = tuple(head + r for r in pieces[j].loose)
            out.append(_Piece(piece.raw + " " + pieces[j].raw, joined, loose, piece.upper))
            i = j + 1
            continue
        match = lex.abd_prefix.match(piece.readings[0])
        if match and len(piece.readings[0]) - match.end() >= 3:
            joined = tuple(dict.fromkeys("abd" + r[match.end() :] for r in piece.readings))
            loose = tuple(
                "abd" + x[m.end() :] if (m := lex.abd_prefix.match(x)) else x for x in piece.loose
            )
            piece = _Piece(piece.raw, joined, loose, piece.upper, piece.comma_family, piece.article)
        if piece.readings[0] in lex.nasab and nxt is not None:
            nxt.nasab = True
            nxt.patronymic_gender = "m" if piece.readings[0] != "bint" else "f"
            i += 1
            continue
        if piece.readings[0] in lex.patronymic_words and out:
            out[-1].patronymic_gender = lex.patronymic_words[piece.readings[0]]
            i += 1
            continue
        out.append(piece)
        i += 1
    return out


def _family_score(piece: _Piece, position: int, count: int, lex: Lexicon) -> float:
    score = 0.0
    if piece.comma_family:
        score += 10
    if piece.upper:
        score += 8
    strength, _, _ = _ending(piece.readings)
    score += {2: 5, 1: 3}.get(strength, 0)
    if piece.article:
        score += 2
    if piece.readings[0] in lex.vietnamese_family and count >= 2:
        score += (
            1.5 - 0.1 * position - (0.3 if piece.readings[0] in lex.vietnamese_also_given else 0)
        )
    if piece.patronymic_gender is not None and not piece.nasab:
        score += 0.5
    gender, _ = _patronymic(piece.readings)
    if gender is not None:
        # -ovich/-evich are family names too (Lukashevich); with two words it must be one
        score += -1 if _is_slavic_patronymic(piece) and count >= 3 else 0.5
    return score


def _slavic_order_bonus(full: list[_Piece], scores: list[float], lex: Lexicon) -> None:
    """With a patronymic, Russian order is Given Patronymic Family or Family Given Patronymic."""
    if len(full) < 3:
        return
    slavic = [_patronymic(p.readings)[0] is not None and _is_slavic_patronymic(p) for p in full]
    if slavic[-1] and not slavic[1]:
        scores[0] += 4
    elif slavic[1]:
        scores[-1] += 4


def _is_slavic_patronymic(piece: _Piece) -> bool:
    """-ovich/-ovna (never a family name here), unlike Turkic -uly/-kyzy (often one)."""
    return _slavic(piece.readings)


@lru_cache(maxsize=200_000)
def _slavic(readings: tuple[str, ...]) -> bool:
    lex = lexicon()
    return any(
        r.endswith(s)
        for r in readings
        for s, _ in lex.patronymic_suffixes
        if s not in lex.patronymic_words
    )


@lru_cache(maxsize=200_000)
def parse_name(name: str) -> ParsedName:
    """Take a personal name apart (see the module docstring for the rules)."""
    lex = lexicon()
    pieces, initials = _pieces(name, lex)
    pieces = _arabic(pieces, lex)
    markers = tuple(p.readings[0] for p in pieces if p.readings[0] in lex.vietnamese_markers)
    full = [p for p in pieces if p.readings[0] not in lex.vietnamese_markers]
    if not full:
        return ParsedName(name, initials=tuple(initials), markers=markers)
    if len(full) == 1 and not initials and not full[0].comma_family:
        only = full[0]
        strength, gender, stems = _ending(only.readings)
        if strength == 2:
            token = Token.of(only.raw, only.readings, only.loose)
            stem = Token.of(only.raw, stems, only.loose)
            return ParsedName(name, (), None, (), None, token, stem, gender)
        alone = Token.of(only.raw, only.readings, only.loose)
        return ParsedName(name, (alone,), alone, markers=markers)

    scores = [_family_score(p, i, len(full), lex) for i, p in enumerate(full)]
    _slavic_order_bonus(full, scores, lex)
    best = max(scores)
    certain = best > 1
    if best > 0:
        # ties: Vietnamese family names lead, everything else trails
        ties = [i for i, s in enumerate(scores) if s == best]
        fam_index = ties[0] if full[ties[0]].readings[0] in lex.vietnamese_family else ties[-1]
        vn = full[fam_index].readings[0] in lex.vietnamese_family
    else:
        vn = False
        fam_index = len(full) - 1
    family_piece = full[fam_index]
    strength, gender, stems, size, stem_end = _ending_full(family_piece.readings)
    loose_stems = _cut(family_piece.loose, size, stem_end)
    if family_piece.patronymic_gender and gender is None:
        gender = family_piece.patronymic_gender
    pat_gender, pat_stems, pat_size = _patronymic_full(family_piece.readings)
    if pat_gender is not None and strength < 2 and not _slavic(family_piece.readings):
        gender, stems = gender or pat_gender, pat_stems
        loose_stems = _cut(family_piece.loose, pat_size)

    patronymic: Token | None = None
    given: list[Token] = []
    for i, piece in enumerate(full):
        if i == fam_index:
            continue
        p_gender, p_stems, p_size = _patronymic_full(piece.readings)
        if patronymic is None and (p_gender is not None or piece.patronymic_gender):
            patronymic = Token.of(piece.raw, p_stems, _cut(piece.loose, p_size))
            gender = gender or p_gender or (None if piece.nasab else piece.patronymic_gender)
            continue
        given.append(Token.of(piece.raw, piece.readings, piece.loose))
    if gender is None and markers:
        gender = lex.vietnamese_markers[markers[0]]
    # Vietnamese family-first: the call name is the last given name; in Western order, first
    main = (given[-1] if vn and fam_index == 0 else given[0]) if given else None
    return ParsedName(
        raw=name,
        given=tuple(given),
        given_main=main,
        initials=tuple(initials),
        patronymic=patronymic,
        family=Token.of(family_piece.raw, family_piece.readings, family_piece.loose),
        family_stem=Token.of(family_piece.raw, stems, loose_stems),
        gender=gender,
        family_certain=certain,
        vietnamese=vn,
        markers=markers,
    )
