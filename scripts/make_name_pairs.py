"""Build src/vigil/resolve/data/name_pairs.tsv: labelled name pairs for the resolver.

Every pair is two spellings of fictional people made from common names of ten naming
cultures (data/base_names.yaml) with published transliteration systems and press habits
(data/translit.yaml). "same" pairs are one person written two ways; "different" pairs are
relatives (brother, sister, father: same family name), namesakes (same family name and
gender, other given name or other father), gender forms (Aleksandr Petrov / Aleksandra
Petrova) and a few unrelated people. Deterministic: run it again and the file is the same.

    .venv/bin/python scripts/make_name_pairs.py [--per-culture 14] [--out PATH]
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import replace
from pathlib import Path

from vigil.resolve.variants import BasePerson, cultures, random_person, render, systems

OUT = Path(__file__).resolve().parents[1] / "src/vigil/resolve/data/name_pairs.tsv"
CYRILLIC = re.compile("[\u0400-\u04ff]")
# Given names with a masculine and a feminine form (used for gender-form negatives).
GENDER_PAIRS = {
    "ru": [
        ("Александр", "Александра"),
        ("Евгений", "Евгения"),
        ("Валентин", "Валентина"),
        ("Ярослав", "Ярослава"),
        ("Станислав", "Станислава"),
    ],
    "uk": [("Олександр", "Олександра"), ("Євген", "Євгенія"), ("Ярослав", "Ярослава")],
    "by": [("Аляксандр", "Аляксандра"), ("Яўген", "Яўгенія"), ("Станіслаў", "Станіслава")],
    "kk": [("Руслан", "Руслана"), ("Дінмұхамед", "Дінара"), ("Марат", "Марата")],
}
Pair = tuple[str, str, str, str, str]


def _script(text: str) -> str:
    return "cyrl" if CYRILLIC.search(text) else "latn"


def _pair(culture: str, a: str, b: str, label: str, category: str) -> Pair:
    return (a, b, label, category, f"{culture}:{_script(a)}-{_script(b)}")


def _latin(culture: str) -> list[str]:
    return [s for s in systems(culture) if s != "native"]


def _other(rng: random.Random, person: BasePerson, field: str, pool: list[str]) -> BasePerson:
    current = getattr(person, field)
    choices = [x for x in pool if x != current]
    return replace(person, **{field: rng.choice(choices)})


def positives(culture: str, person: BasePerson, rng: random.Random) -> list[Pair]:
    latin = _latin(culture)
    cyrillic = cultures()[culture]["script"] == "cyrillic"
    vi = culture == "vi"
    out: list[Pair] = []
    s1, s2 = rng.sample(latin, 2) if len(latin) > 1 else (latin[0], "native")
    out.append(
        _pair(culture, render(person, "gf", s1), render(person, "gf", s2), "same", "translit")
    )
    s1, s2 = rng.sample(latin, 2) if len(latin) > 1 else (latin[0], "native")
    order = rng.choice(["fg", "upper", "comma"] if not vi else ["fg", "upper"])
    out.append(
        _pair(culture, render(person, "gf", s1), render(person, order, s2), "same", "word-order")
    )
    if cyrillic:
        form = rng.choice(["gf", "fg", "gpf"])
        out.append(
            _pair(
                culture,
                render(person, form, "native"),
                render(person, form, rng.choice(latin)),
                "same",
                "cyrillic-latin",
            )
        )
        out.append(
            _pair(
                culture,
                render(person, rng.choice(["gpf", "fgp"]), rng.choice(latin)),
                render(person, "gf", rng.choice(latin)),
                "same",
                "patronymic",
            )
        )
        out.append(
            _pair(
                culture,
                render(person, "ini2", rng.choice(systems(culture))),
                render(person, rng.choice(["gpf", "fgp"]), rng.choice(latin)),
                "same",
                "initials",
            )
        )
    elif vi:
        out.append(
            _pair(
                culture,
                render(person, "fg", "native"),
                render(person, "gpf", "vi_ascii"),
                "same",
                "middle-name",
            )
        )
        out.append(
            _pair(
                culture,
                render(person, "fg", "native"),
                render(person, "fg", "vi_ascii"),
                "same",
                "diacritics",
            )
        )
    else:
        s1, s2 = rng.sample(latin, 2)
        out.append(
            _pair(culture, render(person, "gf", s1), render(person, "gf", s2), "same", "translit")
        )
    if rng.random() < 0.25 and not vi:
        out.append(
            _pair(
                culture,
                render(person, "ini1", rng.choice(latin)),
                render(person, "gf", rng.choice(latin)),
                "same",
                "single-initial",
            )
        )
    return out


def negatives(culture: str, person: BasePerson, rng: random.Random) -> list[Pair]:
    spec = cultures()[culture]
    latin = _latin(culture)
    out: list[Pair] = []

    def spell(p: BasePerson) -> str:
        form = rng.choice(["gf", "gf", "fg", "gpf"] if culture != "vi" else ["fg", "gf"])
        return render(p, form, rng.choice(systems(culture)))

    # relatives: a sibling of the other gender, and the father
    sibling_gender = "f" if person.gender == "m" else "m"
    sibling = replace(
        person, gender=sibling_gender, given=rng.choice(spec["given_" + sibling_gender])
    )
    if culture == "vi":
        sibling = replace(sibling, middle=rng.choice(spec["middle_" + sibling_gender]))
    out.append(_pair(culture, spell(person), spell(sibling), "different", "relative"))
    brother = _other(rng, person, "given", spec["given_" + person.gender])
    out.append(_pair(culture, spell(person), spell(brother), "different", "relative"))
    if person.father is not None:
        father = BasePerson(culture, person.father, person.family, "m", rng.choice(spec["given_m"]))
        if father.given != person.given:
            out.append(_pair(culture, spell(person), spell(father), "different", "relative"))
    # namesakes: same family name and gender, another given name or another father
    namesake = _other(rng, person, "given", spec["given_" + person.gender])
    out.append(
        _pair(
            culture,
            render(person, "gf", rng.choice(latin)),
            render(namesake, "gf", rng.choice(latin)),
            "different",
            "namesake",
        )
    )
    if person.father is not None:
        other_father = _other(rng, person, "father", spec["given_m"])
        form = rng.choice(["gpf", "fgp"])
        out.append(
            _pair(
                culture,
                render(person, form, rng.choice(systems(culture))),
                render(other_father, form, rng.choice(latin)),
                "different",
                "namesake-patronymic",
            )
        )
    # gender forms of one given name
    if culture in GENDER_PAIRS and rng.random() < 0.5:
        male, female = rng.choice(GENDER_PAIRS[culture])
        he = replace(person, given=male, gender="m")
        she = replace(person, given=female, gender="f")
        out.append(_pair(culture, spell(he), spell(she), "different", "gender-form"))
    if culture == "vi" and rng.random() < 0.5:
        he = replace(person, gender="m", middle="Văn")
        she = replace(person, gender="f", middle="Thị")
        out.append(_pair(culture, spell(he), spell(she), "different", "gender-form"))
    # an unrelated person with the same given name
    stranger = _other(rng, person, "family", spec["family"])
    if rng.random() < 0.4:
        out.append(_pair(culture, spell(person), spell(stranger), "different", "unrelated"))
    return out


def build(per_culture: int, seed: int = 20261125) -> list[Pair]:
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    pairs: dict[tuple[str, str], Pair] = {}
    for culture in cultures():
        for _ in range(per_culture):
            person = random_person(culture, rng)
            for pair in positives(culture, person, rng) + negatives(culture, person, rng):
                a, b = pair[0], pair[1]
                if a != b and (a, b) not in pairs and (b, a) not in pairs:
                    pairs[(a, b)] = pair
    return list(pairs.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-culture", type=int, default=14)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    pairs = build(args.per_culture)
    lines = ["a\tb\tlabel\tcategory\tscript"] + ["\t".join(p) for p in pairs]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    same = sum(p[2] == "same" for p in pairs)
    print(f"{len(pairs)} pairs ({same} same, {len(pairs) - same} different) -> {args.out}")


if __name__ == "__main__":
    main()
