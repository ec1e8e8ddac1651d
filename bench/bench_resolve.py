"""Name matching and person resolution: quality on the labelled pairs, speed at scale.

    python bench/bench_resolve.py            # 20,000 people x 5 spellings = 100,000 mentions
    python bench/bench_resolve.py --quick    # 2,000 people

Prints: pairwise precision / recall / F1 of ``compare`` on src/vigil/resolve/data/
name_pairs.tsv and how many relative pairs it merged (must be 0); compare() pairs per
second; then the time and peak RSS of ``resolve`` on generated mentions (made with the same
transliteration tables as the labelled set, see vigil/resolve/variants.py), with the
pairwise precision / recall / F1 of the clusters against the generated truth.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections import Counter
from itertools import product
from math import comb

from vigil.resolve.cluster import resolve
from vigil.resolve.evaluate import load_pairs, score_pairs
from vigil.resolve.match import compare
from vigil.resolve.mention import PersonMention
from vigil.resolve.names import parse_name
from vigil.resolve.variants import FORMS, BasePerson, cultures, render, systems

SHARE = {"ru": 5, "kk": 3, "uk": 2.5, "by": 2, "uz": 1.5, "ky": 1.5, "vi": 1.5, "az": 1,
         "ar": 1, "fa": 1}  # fmt: skip
COUNTRY = {"ru": "Russia", "kk": "Kazakhstan", "uk": "Ukraine", "by": "Belarus",
           "uz": "Uzbekistan", "ky": "Kyrgyzstan", "vi": "Viet Nam", "az": "Azerbaijan",
           "ar": "Egypt", "fa": "Iran"}  # fmt: skip


def _all_people(culture: str) -> list[BasePerson]:
    spec = cultures()[culture]
    grammar = spec["grammar"]
    out: list[BasePerson] = []
    for gender in "mf":
        fathers = spec["given_m"] if grammar in ("ru", "by", "uk") else [None]
        middles = spec.get("middle_" + gender, [None])
        for given, family, father, middle in product(
            spec["given_" + gender], spec["family"], fathers, middles
        ):
            out.append(BasePerson(culture, given, family, gender, father, middle))
    return out


# Synthetic family names for the Cyrillic cultures: the real lists are too short for 20,000
# distinct people. Stems of random syllables take each culture's own endings.
LETTERS = {"ru": ("бвгдзклмнпрстфхцчшж", "аоуеи"), "kk": ("бгджзклмнпрстшқғ", "аоұүыіә"),
           "ky": ("бгджзклмнпрстш", "аоуүыө"), "uz": ("бгджзклмнпрстшхқ", "аоуиў"),
           "by": ("бвгдзклмнпрстхцчш", "аоуыі"), "uk": ("бвгдзклмнпрстхцчш", "аоуиі")}  # fmt: skip
ENDINGS = {"ru": ["ов", "ев", "ин"], "kk": ["ов", "ев"], "ky": ["ов", "ев"], "uz": ["ов", "ев"],
           "by": ["аў", "скі", "іч", "ка"], "uk": ["енко", "ук", "ський"]}  # fmt: skip


def _family(culture: str, rng: random.Random) -> str:
    consonants, vowels = LETTERS[culture]
    syllables = rng.randint(2, 3)
    stem = "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(syllables))
    stem += rng.choice(consonants)
    return (stem + rng.choice(ENDINGS[culture])).capitalize()


def _people(culture: str, count: int, rng: random.Random) -> list[BasePerson]:
    """``count`` people of one culture, no two with the same given and family name."""
    spec = cultures()[culture]
    if culture not in LETTERS:
        pool = _all_people(culture)
        unique = {(p.given, p.family, p.middle): p for p in pool}
        return rng.sample(list(unique.values()), min(count, len(unique)))
    seen: set[tuple[str, str]] = set()
    out: list[BasePerson] = []
    while len(out) < count:
        gender = rng.choice("mf")
        given = rng.choice(spec["given_" + gender])
        family = _family(culture, rng)
        if (given, family) not in seen:
            seen.add((given, family))
            out.append(BasePerson(culture, given, family, gender, rng.choice(spec["given_m"])))
    return out


def generate(people: int, variants: int, seed: int = 7) -> tuple[list[PersonMention], list[int]]:
    """Mentions and, for each, the index of the person it names (no two people share a
    given and family name: the benchmark measures spelling, not true namesakes)."""
    rng = random.Random(seed)
    total = sum(SHARE.values())
    persons: list[BasePerson] = []
    for culture, share in SHARE.items():
        if culture not in LETTERS:
            persons += _people(culture, round(people * share / total), rng)
    rest = people - len(persons)
    cyrillic = {c: s for c, s in SHARE.items() if c in LETTERS}
    for culture, share in cyrillic.items():
        persons += _people(culture, round(rest * share / sum(cyrillic.values())), rng)
    mentions: list[PersonMention] = []
    truth: list[int] = []
    for index, person in enumerate(persons[:people]):
        born = f"{rng.randint(1950, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        forms = ["gf", "fg", "gpf", "upper"] if person.culture == "vi" else list(FORMS)
        for k in range(variants):
            name = render(person, rng.choice(forms), rng.choice(systems(person.culture)))
            mentions.append(
                PersonMention(
                    id=f"m{index}-{k}",
                    name=name,
                    report_id=f"r{rng.randint(0, people)}",
                    birth_date=born if rng.random() < 0.3 else None,
                    country=COUNTRY[person.culture] if rng.random() < 0.5 else None,
                )
            )
            truth.append(index)
    return mentions, truth


def pairwise(clusters: list[tuple[str, ...]], truth: dict[str, int]) -> tuple[float, float]:
    predicted = sum(comb(len(c), 2) for c in clusters)
    actual = sum(comb(n, 2) for n in Counter(truth.values()).values())
    correct = 0
    for members in clusters:
        correct += sum(comb(n, 2) for n in Counter(truth[m] for m in members).values())
    return correct / max(predicted, 1), correct / max(actual, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description="Resolver quality and speed.")
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--variants", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="2,000 people")
    args = parser.parse_args()
    people = 2_000 if args.quick else args.people

    pairs = load_pairs()
    score = score_pairs(pairs)
    same = sum(p.label == "same" for p in pairs)
    print(f"labelled pairs: {len(pairs)} ({same} same, {len(pairs) - same} different)")
    print(
        f"  compare: precision {score.precision:.3f}  recall {score.recall:.3f}  "
        f"F1 {score.f1:.3f}  relative pairs merged: {score.relatives_merged}"
    )
    for category, count in sorted(score.by_category.items()):
        wrong = score.wrong_by_category[category]
        print(f"    {category:20} {count - wrong:4}/{count:<4} right")

    mentions = [(PersonMention("a", p.a), PersonMention("b", p.b)) for p in pairs]
    started = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        for a, b in mentions:
            compare(a, b)
    elapsed = time.perf_counter() - started
    print(f"  compare(): {rounds * len(mentions) / elapsed:,.0f} pairs/s (names parsed, cached)")

    started = time.perf_counter()
    generated, truth = generate(people, args.variants)
    made = time.perf_counter() - started
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    clusters = resolve(generated)
    took = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    truth_of = {m.id: t for m, t in zip(generated, truth, strict=True)}
    precision, recall = pairwise([c.mention_ids for c in clusters], truth_of)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    proposals = sum(len(c.proposals) for c in clusters) // 2
    print(f"resolve: {len(generated):,} mentions of {people:,} people (generated in {made:.1f} s)")
    print(f"  time {took:.1f} s, peak RSS {rss:,.0f} MB (before resolve {rss_before:,.0f} MB)")
    print(f"  {len(clusters):,} clusters, {proposals:,} proposals for review")
    print(f"  pairwise precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    # initials-only mentions ("A. Amirova") are proposed, never merged: recall without them
    full = {m.id for m in generated if parse_name(m.name).given_main is not None}
    kept = [tuple(i for i in c.mention_ids if i in full) for c in clusters]
    precision, recall = pairwise([c for c in kept if c], {i: truth_of[i] for i in full})
    print(f"  without initials-only mentions: precision {precision:.3f}  recall {recall:.3f}")


if __name__ == "__main__":
    main()
