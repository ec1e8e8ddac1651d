"""Disjoint sets of mentions (union-find) that respect reviewers' cannot-links.

Person and organisation resolution both grow clusters by joining pairs; this keeps the
parent pointers (with path halving) and the "these two are not the same" links in one place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence


class Partition:
    """Items ``0..n-1`` named by ``ids``; ``cannot`` holds pairs of ids never to be joined."""

    def __init__(self, ids: Sequence[str], cannot: Iterable[frozenset[str]]) -> None:
        self.parent = list(range(len(ids)))
        index = {x: i for i, x in enumerate(ids)}
        self.cannot: dict[int, set[int]] = defaultdict(set)
        for pair in cannot:
            known = [index[x] for x in pair if x in index]
            if len(known) == 2:
                self.cannot[known[0]].add(known[1])
                self.cannot[known[1]].add(known[0])

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def blocked(self, small: Iterable[int], large: set[int]) -> bool:
        """Whether a reviewer said some item of ``small`` is not some item of ``large``."""
        return any(self.cannot.get(i, set()) & large for i in small)

    def attach(self, root: int, child: int) -> None:
        """Make ``child``'s set part of ``root``'s (both must be roots)."""
        self.parent[child] = root
