"""resolve(): one cluster per person, explained, never undoing a reviewer."""

from __future__ import annotations

import pytest

from vigil.errors import InputError
from vigil.resolve.cluster import resolve
from vigil.resolve.mention import PersonMention, Relative


def people(*names: str) -> list[PersonMention]:
    return [PersonMention(str(i), n) for i, n in enumerate(names)]


def groups(clusters: list) -> set[tuple[str, ...]]:  # type: ignore[type-arg]
    return {c.mention_ids for c in clusters}


def test_variants_merge_and_relatives_stay_apart() -> None:
    mentions = people(
        "Ajzhangul Amirova", "Айжангуль Амирова", "Aijangül Amirova", "Elmurat Amirov",
        "Елмұрат Амиров", "Aigerim Amirova",
    )  # fmt: skip
    assert groups(resolve(mentions)) == {("0", "1", "2"), ("3", "4"), ("5",)}


def test_merges_carry_their_reasons() -> None:
    (cluster,) = resolve(people("Ajzhangul Amirova", "Айжангуль Амирова"))
    (merge,) = cluster.merges
    assert merge.source == "auto" and merge.reasons and merge.score >= 0.85


def test_an_initial_does_not_chain_two_sisters() -> None:
    clusters = resolve(people("Ajzhangul Amirova", "A. Amirova", "Aigerim Amirova"))
    assert groups(clusters) == {("0",), ("1",), ("2",)}
    (initial,) = [c for c in clusters if c.mention_ids == ("1",)]
    assert {p.b for p in initial.proposals} == {"0", "2"}


def test_a_conflict_inside_clusters_blocks_the_merge() -> None:
    mentions = [
        PersonMention("a", "Ajzhangul Amirova", birth_date="1985-03-02"),
        PersonMention("b", "Ayzhangul Amirova", birth_date="1985-03-02"),
        PersonMention("c", "Aizhangul Amirova"),
        PersonMention("d", "Ajzhangul Amirova", birth_date="1990-01-01"),
    ]
    clusters = resolve(mentions)
    assert not any({"a", "d"} <= set(c.mention_ids) for c in clusters)


def test_a_reviewers_split_is_never_undone() -> None:
    mentions = people("Ajzhangul Amirova", "Айжангуль Амирова", "Aijangül Amirova")
    clusters = resolve(mentions, cannot_link={frozenset({"0", "1"})})
    assert not any({"0", "1"} <= set(c.mention_ids) for c in clusters)


def test_must_link_joins_what_names_cannot_and_loses_to_cannot_link() -> None:
    mentions = people("Ajzhangul Amirova", "Aizhan Serikova")
    (cluster,) = resolve(mentions, must_link={frozenset({"0", "1"})})
    assert cluster.merges[0].source == "reviewer"
    both = {frozenset({"0", "1"})}
    clusters = resolve(mentions, must_link=both, cannot_link=both)
    assert len(clusters) == 2 and any(c.ignored for c in clusters)


def test_a_stated_relation_keeps_namesakes_apart() -> None:
    mentions = [
        PersonMention("a", "Serik Amirov", relatives=(Relative("Serik Amirov", "father"),)),
        PersonMention("b", "Serik Amirov"),
    ]
    assert len(resolve(mentions)) == 2


def test_ids_are_deterministic_and_unique_ids_are_required() -> None:
    mentions = people("Ajzhangul Amirova", "Айжангуль Амирова")
    assert resolve(mentions)[0].id == resolve(list(reversed(mentions)))[0].id
    with pytest.raises(InputError):
        resolve([PersonMention("x", "A"), PersonMention("x", "B")])


def test_a_mention_matching_two_different_people_is_only_proposed() -> None:
    mentions = people("Đặng Văn Nam", "Dang Van Nam", "Đặng Đức Nam", "Dang Duc Nam", "Nam Dang")
    clusters = resolve(mentions)
    assert groups(clusters) == {("0", "1"), ("2", "3"), ("4",)}
    (alone,) = [c for c in clusters if c.mention_ids == ("4",)]
    assert {p.b for p in alone.proposals} & {"0", "1"} and {p.b for p in alone.proposals} & {
        "2",
        "3",
    }
