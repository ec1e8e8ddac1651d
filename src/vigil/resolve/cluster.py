"""Group person mentions into one cluster per person: ``resolve(mentions) -> list[Cluster]``.

How it stays near-linear: each mention is filed under a few blocking keys (``NameKey``:
folded family stem without its gender ending + first initial, and the stem's consonant
skeleton + initial class), and only mentions sharing a key are compared. A pair sharing
several keys is compared once.

How it stays safe (our decisions):

* A mention that is "the same" as two people who differ from each other (Nam Dang, when
  there are a Dang Van Nam and a Dang Duc Nam) is merged with neither, only proposed.
* Merges are made best-scoring first, and only for "same" verdicts. Two clusters are never
  joined across a *conflict* between any of their members (different gender forms, given
  names, patronymics, birth dates, a recorded relation) or across a reviewer's cannot-link.
  So an ambiguous "A. Amirova" cannot chain Ajzhangul and Aigerim Amirova together, and a
  split made by a reviewer is never undone by a later run.
* A reviewer's must-link joins two mentions whatever the names say, unless it contradicts a
  cannot-link (then the cannot-link wins and the must-link is reported in ``Cluster.ignored``).
* Every automatic merge carries its score and reasons; "review" pairs that ended in
  different clusters are returned as proposals on both clusters.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from vigil.errors import InputError
from vigil.resolve.match import MatchDecision, compare, date_agreement, match_names
from vigil.resolve.mention import PersonMention
from vigil.resolve.names import parse_name
from vigil.resolve.partition import Partition


@dataclass(frozen=True)
class Merge:
    """Why two mentions were put in one cluster."""

    a: str
    b: str
    score: float
    reasons: tuple[str, ...]
    source: str = "auto"  # "auto" or "reviewer"


@dataclass(frozen=True)
class Proposal:
    """A pair a person should look at: ``a`` is in this cluster, ``b`` in ``other``."""

    a: str
    b: str
    other: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Cluster:
    """One person (or organisation). ``id`` is a hash of the member mention ids."""

    id: str
    mention_ids: tuple[str, ...]
    name: str
    merges: tuple[Merge, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    ignored: tuple[str, ...] = ()


def cluster_id(mention_ids: Iterable[str], prefix: str = "p") -> str:
    digest = hashlib.sha1("\x1f".join(sorted(mention_ids)).encode(), usedforsecurity=False)
    return f"{prefix}-{digest.hexdigest()[:16]}"


MAX_PARTNERS = 30  # partners checked for ambiguity per mention (bounds the cost)


def _names_conflict(a: str, b: str) -> bool:
    return match_names(a, b).conflict


def _names_same(a: str, b: str) -> bool:
    return match_names(a, b).verdict == "same"


@dataclass
class _Group:
    """What a growing cluster knows, to refuse merges across a conflict."""

    members: list[int]
    names: set[str]
    births: set[str]
    relatives: set[str] = field(default_factory=set)


class _Resolver(Partition):
    def __init__(self, mentions: list[PersonMention], cannot: set[frozenset[str]]) -> None:
        super().__init__([m.id for m in mentions], cannot)
        self.mentions = mentions
        self.groups = [
            _Group(
                [i],
                set(m.names),
                {m.birth_date} if m.birth_date else set(),
                {r.name for r in m.relatives},
            )
            for i, m in enumerate(mentions)
        ]

    def groups_blocked(self, x: _Group, y: _Group) -> bool:
        """A reviewer's cannot-link between the two groups."""
        small, large = (x, y) if len(x.members) <= len(y.members) else (y, x)
        return self.blocked(small.members, set(large.members))

    def compatible(self, x: _Group, y: _Group) -> bool:
        if self.groups_blocked(x, y):
            return False
        if any(date_agreement(p, q) < 0 for p in x.births for q in y.births):
            return False
        if any(_names_conflict(p, q) for p in x.names for q in y.names):
            return False
        for relatives, names in ((x.relatives, y.names), (y.relatives, x.names)):
            if any(_names_same(r, n) for r in relatives for n in names):
                return False
        return True

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if len(self.groups[a].members) < len(self.groups[b].members):
            a, b = b, a
        self.attach(a, b)
        ga, gb = self.groups[a], self.groups[b]
        ga.members.extend(gb.members)
        ga.names |= gb.names
        ga.births |= gb.births
        ga.relatives |= gb.relatives


def _blocks(mentions: list[PersonMention]) -> tuple[dict[str, list[int]], list[set[str]]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    keys_of: list[set[str]] = []
    for i, mention in enumerate(mentions):
        keys: set[str] = set()
        for name in mention.names:
            keys.update(parse_name(name).key.keys)
        keys_of.append(keys)
        for key in keys:
            blocks[key].append(i)
    return blocks, keys_of


def candidate_pairs(mentions: list[PersonMention]) -> Iterable[tuple[int, int]]:
    """Pairs of mention indexes sharing a blocking key, each pair once."""
    blocks, _ = _blocks(mentions)
    seen: set[int] = set()
    size = len(mentions)
    for key in sorted(blocks):
        for i, j in combinations(blocks[key], 2):
            code = i * size + j
            if code not in seen:
                seen.add(code)
                yield i, j


def _conflict(a: PersonMention, b: PersonMention) -> bool:
    """The two mentions' names say two people. (Only names: a birth date tells which of
    two people a mention is, it does not make a third mention ambiguous.)"""
    return any(_names_conflict(x, y) for x in a.names for y in b.names)


def _drop_ambiguous(
    items: list[PersonMention], same: list[tuple[float, int, int, MatchDecision]]
) -> tuple[list[tuple[float, int, int, MatchDecision]], list[tuple[int, int, MatchDecision]]]:
    """A mention that is "the same" as two people who differ (Nam Dang, when there are a
    Dang Van Nam and a Dang Duc Nam) is not merged with either: it is proposed to both."""
    partners: dict[int, list[int]] = defaultdict(list)
    linked: set[tuple[int, int]] = set()
    for _, i, j, _ in same:
        partners[i].append(j)
        partners[j].append(i)
        linked.add((min(i, j), max(i, j)))
    ambiguous = {
        i
        for i, others in partners.items()
        if len(others) > 1
        and any(
            (min(x, y), max(x, y)) not in linked and _conflict(items[x], items[y])
            for x, y in combinations(others[:MAX_PARTNERS], 2)
        )
    }
    kept, doubtful = [], []
    for entry in same:
        _, i, j, decision = entry
        if i in ambiguous or j in ambiguous:
            reasons = (*decision.reasons, "also matches another person: a reviewer decides")
            doubtful.append((i, j, MatchDecision(min(decision.score, 0.8), "review", reasons)))
        else:
            kept.append(entry)
    return kept, doubtful


def resolve(
    mentions: Iterable[PersonMention],
    *,
    cannot_link: set[frozenset[str]] | frozenset[frozenset[str]] = frozenset(),
    must_link: set[frozenset[str]] | frozenset[frozenset[str]] = frozenset(),
) -> list[Cluster]:
    """Cluster person mentions, one cluster per person (see the module docstring)."""
    items = list(mentions)
    if len({m.id for m in items}) != len(items):
        raise InputError("person mention ids must be unique", subject="resolve")
    resolver = _Resolver(items, set(cannot_link))
    index = {m.id: i for i, m in enumerate(items)}
    merges: list[tuple[int, int, Merge]] = []
    ignored: list[tuple[int, str]] = []
    for pair in sorted(must_link, key=sorted):
        ids = sorted(pair)
        if len(ids) != 2 or ids[0] not in index or ids[1] not in index:
            continue
        i, j = index[ids[0]], index[ids[1]]
        a, b = resolver.find(i), resolver.find(j)
        if a == b:
            continue
        if resolver.groups_blocked(resolver.groups[a], resolver.groups[b]):
            ignored.append((i, f"must-link {ids[0]} ~ {ids[1]} contradicts a cannot-link"))
            continue
        resolver.union(i, j)
        merges.append((i, j, Merge(ids[0], ids[1], 1.0, ("confirmed by a reviewer",), "reviewer")))

    same: list[tuple[float, int, int, MatchDecision]] = []
    review: list[tuple[int, int, MatchDecision]] = []
    for i, j in candidate_pairs(items):
        decision = compare(items[i], items[j])
        if decision.verdict == "same":
            same.append((decision.score, i, j, decision))
        elif decision.verdict == "review":
            review.append((i, j, decision))
    same, doubtful = _drop_ambiguous(items, same)
    review.extend(doubtful)
    same.sort(key=lambda t: (-t[0], items[t[1]].id, items[t[2]].id))
    for _, i, j, decision in same:
        a, b = resolver.find(i), resolver.find(j)
        if a == b or not resolver.compatible(resolver.groups[a], resolver.groups[b]):
            continue
        resolver.union(i, j)
        merges.append((i, j, Merge(items[i].id, items[j].id, decision.score, decision.reasons)))
    return _clusters(items, resolver, merges, review, ignored)


def _clusters(
    items: list[PersonMention],
    resolver: _Resolver,
    merges: list[tuple[int, int, Merge]],
    review: list[tuple[int, int, MatchDecision]],
    ignored: list[tuple[int, str]],
) -> list[Cluster]:
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        members[resolver.find(i)].append(i)
    ids = {root: cluster_id(items[i].id for i in group) for root, group in members.items()}
    merges_of: dict[int, list[Merge]] = defaultdict(list)
    for i, _, merge in merges:
        merges_of[resolver.find(i)].append(merge)
    best: dict[tuple[int, int], tuple[int, int, MatchDecision]] = {}
    for i, j, decision in review:
        a, b = resolver.find(i), resolver.find(j)
        if a > b:
            a, b, i, j = b, a, j, i
        if a != b and ((a, b) not in best or decision.score > best[(a, b)][2].score):
            best[(a, b)] = (i, j, decision)
    proposals: dict[int, list[Proposal]] = defaultdict(list)
    for (a, b), (i, j, d) in best.items():
        proposals[a].append(Proposal(items[i].id, items[j].id, ids[b], d.score, d.reasons))
        proposals[b].append(Proposal(items[j].id, items[i].id, ids[a], d.score, d.reasons))
    ignored_of: dict[int, list[str]] = defaultdict(list)
    for i, text in ignored:
        ignored_of[resolver.find(i)].append(text)
    clusters = []
    for root, group in members.items():
        names = Counter(items[i].name for i in group)
        name = max(names, key=lambda n: (names[n], len(n), n))
        clusters.append(
            Cluster(
                id=ids[root],
                mention_ids=tuple(sorted(items[i].id for i in group)),
                name=name,
                merges=tuple(merges_of[root]),
                proposals=tuple(proposals[root]),
                ignored=tuple(ignored_of[root]),
            )
        )
    clusters.sort(key=lambda c: c.mention_ids[0])
    return clusters
