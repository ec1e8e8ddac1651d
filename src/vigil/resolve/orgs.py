"""One cluster per organisation: ``resolve_organizations(mentions) -> list[Cluster]``.

Our decisions:

* Names are compared on a key: folded words (as person names, so "Халық Майданы" and
  "Halyk Maidany" meet) without articles, legal forms and generic words (``data/orgs.yaml``).
* Names listed together in one mention are one organisation: a report that writes "Halyk
  Maidan (Popular Front)" links both names for every other report.
* Equal keys merge; near-equal keys (rapidfuzz token_sort_ratio >= 92 on the keys: word
  order and small spelling differences) merge too; 80-92 is proposed for review. An acronym
  that matches the initials of a full name (KIBHR / Kazakhstan International Bureau for
  Human Rights) is only proposed: short acronyms are shared by unrelated groups.
* A reviewer's cannot-link is never undone; must-links are applied first.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from itertools import combinations

from rapidfuzz import fuzz

from vigil.errors import InputError
from vigil.resolve.cluster import Cluster, Merge, Proposal, cluster_id
from vigil.resolve.fold import fold, load_data, split_words
from vigil.resolve.mention import OrgMention
from vigil.resolve.partition import Partition

SAME = 92.0
REVIEW = 80.0
_QUOTES = re.compile(r"[\"«»“”„'`]")


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(fold(w) for w in load_data("orgs")["stopwords"] if fold(w))


def org_key(name: str) -> str:
    """Folded significant words of an organisation name."""
    words = (fold(w) for w in split_words(_QUOTES.sub(" ", name)))
    return " ".join(w for w in words if w and w not in _stopwords())


def acronym(name: str) -> str | None:
    """ "KIBHR" for an all-capitals name, or the initials of a name of three words or more."""
    bare = _QUOTES.sub("", name).replace(".", "").strip()
    if bare.isupper() and " " not in bare and 2 <= len(bare) <= 8:
        return fold(bare).replace(" ", "")
    words = org_key(name).split()
    return "".join(w[0] for w in words) if len(words) >= 3 else None


class _Orgs(Partition):
    def __init__(self, items: list[OrgMention], cannot: Iterable[frozenset[str]]) -> None:
        super().__init__([m.id for m in items], cannot)
        self.members: list[set[int]] = [{i} for i in range(len(items))]

    def join(self, i: int, j: int) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b or self.blocked(self.members[a], self.members[b]):
            return False
        self.attach(a, b)
        self.members[a] |= self.members[b]
        return True


def resolve_organizations(
    mentions: Iterable[OrgMention],
    *,
    cannot_link: set[frozenset[str]] | frozenset[frozenset[str]] = frozenset(),
    must_link: set[frozenset[str]] | frozenset[frozenset[str]] = frozenset(),
) -> list[Cluster]:
    """Cluster organisation mentions (see the module docstring)."""
    items = list(mentions)
    if len({m.id for m in items}) != len(items):
        raise InputError("organisation mention ids must be unique", subject="resolve")
    orgs = _Orgs(items, cannot_link)
    index = {m.id: i for i, m in enumerate(items)}
    merges: list[tuple[int, Merge]] = []
    for pair in sorted(must_link, key=sorted):
        ids = sorted(pair)
        known = len(ids) == 2 and all(x in index for x in ids)
        if known and orgs.join(index[ids[0]], index[ids[1]]):
            merge = Merge(ids[0], ids[1], 1.0, ("confirmed by a reviewer",), "reviewer")
            merges.append((index[ids[0]], merge))

    keys: dict[str, list[int]] = defaultdict(list)  # exact key -> mentions
    first_word: dict[str, set[str]] = defaultdict(set)  # blocking for near-equal keys
    acronyms: dict[str, list[int]] = defaultdict(list)
    spelled: dict[str, str] = {}  # key -> a name as written, for the reasons
    for i, mention in enumerate(items):
        for name in mention.names:
            key = org_key(name)
            spelled.setdefault(key, name)
            if key:
                keys[key].append(i)
                first_word[key.split()[0][:4]].add(key)
            short = acronym(name)
            if short and len(short) >= 3:
                acronyms[short].append(i)
    for key, group in sorted(keys.items()):
        for j in group[1:]:
            if orgs.join(group[0], j):
                why = f"same name ({spelled[key]} / {items[j].name})"
                merges.append((group[0], Merge(items[group[0]].id, items[j].id, 1.0, (why,))))
    review: list[tuple[int, int, float, str]] = []
    for block in first_word.values():
        for x, y in combinations(sorted(block), 2):
            score = fuzz.token_sort_ratio(x, y)
            i, j = keys[x][0], keys[y][0]
            if score >= SAME and orgs.join(i, j):
                reason = f"names nearly equal ({spelled[x]} / {spelled[y]}: {score:.0f})"
                merges.append((i, Merge(items[i].id, items[j].id, score / 100, (reason,))))
            elif REVIEW <= score < SAME:
                review.append((i, j, score / 100, f"names similar ({spelled[x]} / {spelled[y]})"))
    for short, group in acronyms.items():
        for i, j in combinations(sorted(set(group)), 2):
            review.append((i, j, 0.7, f"acronym {short.upper()} fits both"))
    return _org_clusters(items, orgs, merges, review)


def _org_clusters(
    items: list[OrgMention],
    orgs: _Orgs,
    merges: list[tuple[int, Merge]],
    review: list[tuple[int, int, float, str]],
) -> list[Cluster]:
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[orgs.find(i)].append(i)
    ids = {root: cluster_id((items[i].id for i in g), "o") for root, g in groups.items()}
    merges_of: dict[int, list[Merge]] = defaultdict(list)
    for i, merge in merges:
        merges_of[orgs.find(i)].append(merge)
    proposals: dict[int, dict[int, Proposal]] = defaultdict(dict)
    for i, j, score, reason in review:
        a, b = orgs.find(i), orgs.find(j)
        if a != b:
            proposals[a].setdefault(b, Proposal(items[i].id, items[j].id, ids[b], score, (reason,)))
            proposals[b].setdefault(a, Proposal(items[j].id, items[i].id, ids[a], score, (reason,)))
    out = []
    for root, group in groups.items():
        names = Counter(items[i].name for i in group)
        out.append(
            Cluster(
                id=ids[root],
                mention_ids=tuple(sorted(items[i].id for i in group)),
                name=max(names, key=lambda n: (names[n], len(n), n)),
                merges=tuple(merges_of[root]),
                proposals=tuple(proposals[root].values()),
            )
        )
    out.sort(key=lambda c: c.mention_ids[0])
    return out
