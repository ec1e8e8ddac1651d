"""Who a Russian act is told of, read from the dependency parse (slovnet, UD relations).

A sentence often names more people than the act it tells: the judge who sentences, the
lawyer who speaks, the person a case is named after. The parse says which of them the
act's predicate governs as the one who undergoes it: its object ("задержали Ивана
Петрова"), its passive subject ("Иван Петров задержан"), its indirect object ("Петрову
предъявлено обвинение"), an oblique ("в отношении Петрова возбуждено дело", "обыск у
Петрова"), the noun an act's participle describes ("задержанный журналист Иван Петров").
A person reached only through the predicate's active subject ("следователь Иванов
предъявил ...") or through another clause ("сообщил адвокат Иванов") is not one of them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from vigil.extract.context import Context
from vigil.extract.lemma.model import LemmaDoc, Token, parses

# Relations by which a participle or clause describes the noun it hangs from.
_MODIFIER = frozenset({"amod", "acl", "acl:relcl"})
# Relations by which a noun that names an act ("обыск", "обвинение", "дело") is what a
# verb does ("провели обыск", "предъявлено обвинение", "возбуждено дело").
_ACT_NOUN = frozenset({"obj", "nsubj:pass", "nsubj"})
# Relations that keep to the same person: a name beside its noun, a name's parts, a list.
_SAME = frozenset({"appos", "flat", "flat:name", "flat:foreign", "conj"})
_VERBAL = frozenset({"VERB", "INFN", "PRTS", "PRTF", "GRND"})
_STEPS = 40  # a parse is a tree; a bound guards against a malformed one


def token_at(doc: LemmaDoc, pos: int) -> int:
    """The index of the token that starts at or covers ``pos``."""
    return max(bisect.bisect_right(doc.starts, pos) - 1, 0)


def _pos(tok: Token) -> str | None:
    if not tok.text[:1].isalpha():
        return None
    return str(parses(tok.text)[0].tag.POS)


def _verbal(tok: Token) -> bool:
    return _pos(tok) in _VERBAL


def _active(tok: Token) -> bool:
    """A finite verb or an infinitive in the active voice (its subject acts)."""
    tag = parses(tok.text)[0].tag
    return tag.POS in ("VERB", "INFN") and "pssv" not in tag and not tok.text.endswith(("ся", "сь"))


def predicates(doc: LemmaDoc, i: int) -> set[int]:
    """The tokens a trigger at token ``i`` stands for: itself, the verb whose object or
    subject it is when it names the act ("провели обыск"), and the noun it describes when
    it is a participle ("задержанный журналист")."""
    out = {i}
    t = doc.tokens[i]
    if t.head < 0:
        return out
    names_act = t.rel in _ACT_NOUN and _pos(t) == "NOUN" and _verbal(doc.tokens[t.head])
    if names_act or t.rel in _MODIFIER:
        out.add(t.head)
    return out


def governing(doc: LemmaDoc, i: int) -> set[int]:
    """The tokens from ``i`` up to the verb that governs it ("дело ... по ч. 2 ст. 280": the
    article, "дело", "возбуждено"): what a charge told at ``i`` is predicated by."""
    out: set[int] = set()
    cur = i
    for _ in range(_STEPS):
        out.add(cur)
        if _verbal(doc.tokens[cur]) or doc.tokens[cur].head < 0:
            break
        cur = doc.tokens[cur].head
    return out


def _head_of(doc: LemmaDoc, start: int, end: int) -> int | None:
    """The token of a mention whose head lies outside it (the mention's own head)."""
    lo, hi = bisect.bisect_left(doc.starts, start), bisect.bisect_left(doc.starts, end)
    for k in range(lo, hi):
        if not lo <= doc.tokens[k].head < hi:
            return k
    return None


def _role(doc: LemmaDoc, k: int, preds: set[int], marks: frozenset[str]) -> bool | None:
    """Whether the phrase headed by token ``k`` is what one of ``preds`` is done to (True),
    plainly someone else (False: the predicate's active subject, the subject of another
    verb, a name hanging from another noun: "в поддержку Алексея Навального"), or neither
    as far as the parse tells (None: a list the parser read poorly)."""
    cur = k
    for _ in range(_STEPS):
        tok = doc.tokens[cur]
        if cur != k and cur in preds and _pos(tok) == "NOUN":
            return True  # "задержанный журналист Иван Петров"
        if tok.rel not in _SAME or tok.head < 0:
            break
        if tok.rel == "conj" and tok.head in preds and _verbal(doc.tokens[tok.head]):
            return True  # "X задержали после обыска, а Y – у него дома": the verb left out
        cur = tok.head
    tok = doc.tokens[cur]
    if tok.head < 0:
        return None
    head = doc.tokens[tok.head]
    if tok.head not in preds:
        if tok.rel == "nsubj" and _verbal(head):
            return False  # "X рассказал, что ..."
        if tok.rel == "nmod" and cur == k and _pos(head) == "NOUN":
            return False  # the name itself, not a noun before it (lists are misread so)
        return None
    if tok.rel in ("obj", "iobj", "nsubj:pass"):
        return True
    if tok.rel == "nsubj":
        return not _active(head)
    if tok.rel == "obl" or (tok.rel == "nmod" and _pos(head) == "NOUN"):
        told = {doc.tokens[j].text.lower() for j in _children(doc, cur, ("case", "fixed"))}
        return not told or bool(told & marks)
    return None


def _children(doc: LemmaDoc, i: int, rels: tuple[str, ...]) -> list[int]:
    """Children of token ``i`` by ``rels``, and theirs ("в" and its fixed "отношении")."""
    s, e = max(0, i - _STEPS), min(len(doc.tokens), i + _STEPS)
    out = [j for j in range(s, e) if doc.tokens[j].head == i and doc.tokens[j].rel in rels]
    return out + [k for j in out for k in range(s, e) if doc.tokens[k].head == j]


@dataclass(frozen=True, slots=True)
class Reading:
    """The persons of a sentence the parse reads as undergoing an act, and as not."""

    undergo: frozenset[str]
    others: frozenset[str]

    def narrow(self, names: list[str]) -> list[str]:
        """``names`` without those read as someone else, where the parse found at least
        one of them undergoing the act (else as they are: the parse may have gone wrong)."""
        if not self.undergo & set(names):
            return names
        return [n for n in names if n in self.undergo or n not in self.others]


def reading(
    ctx: Context, doc: LemmaDoc, span: tuple[int, int], preds: set[int], marks: frozenset[str]
) -> Reading:
    """How the parse reads each person named in ``span`` against ``preds``; ``marks`` are
    the prepositions of an oblique the act is done to ("в отношении", "против", "у")."""
    start, end = span
    undergo: set[str] = set()
    others: set[str] = set()
    for mn in ctx.mentions_in(start, end, "person"):
        k = _head_of(doc, mn.start, mn.end)
        role = _role(doc, k, preds, marks) if k is not None and doc.tokens[k].rel else None
        if role is not None:
            (undergo if role else others).add(ctx.persons[mn.index].name)
    return Reading(frozenset(undergo), frozenset(others))
