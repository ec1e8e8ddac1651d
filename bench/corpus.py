"""Generate corpora of plausible, fictional reports for Vigil's benchmarks.

Each report is UTF-8 text with the ``URL:``/``TITLE:``/``PUBLISHED:`` header lines that Vigil's
plain-text reader understands, then a body mixing event sentences (arrests, searches, charges,
sentences, fines, releases, travel bans, attacks; filled from templates with generated names,
dates in several formats, places and legal articles) with filler sentences drawn from a
vocabulary of about 4,000 words under a Zipf-like distribution, so full-text search sees a
realistic term distribution. Some names carry diacritics (Şahin, Ramírez, Nguyễn) so that
accent-insensitive search can be measured.

Report ``i`` depends only on ``(seed, i)``: the first k reports are the same whatever ``n``.

    python bench/corpus.py OUTDIR N [--words 600] [--seed 0]
"""

from __future__ import annotations

import argparse
import functools
import itertools
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

# --------------------------------------------------------------------------------------------
# Names: syllables and name parts per naming convention. Combinations are invented.


@dataclass(frozen=True)
class NameStyle:
    given_m: tuple[str, ...]
    given_f: tuple[str, ...]
    family_roots: tuple[str, ...]
    suffix_m: tuple[str, ...]
    suffix_f: tuple[str, ...]
    patronymic_m: str = ""  # format with {father}: "{father}ovich", "{father} oglu"
    patronymic_f: str = ""
    family_first: bool = False
    family_count: int = 1  # Spanish names carry the father's and the mother's surnames


def _w(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _syllables(onsets: str, codas: str) -> tuple[str, ...]:
    return tuple(a + b for a in onsets.split() for b in codas.split())


STYLES: dict[str, NameStyle] = {
    "kazakh": NameStyle(
        given_m=_syllables(
            "Nur Ser Dan Yer Ar Bau Ber Ask Tal Kair Zhan", "lan ik iyar bol at zhan"
        ),
        given_f=_syllables("Ai Ay Gul Sau Zhan Ak Dinar Ay Mad", "gerim nara le dana bota erke"),
        family_roots=_syllables("Nurl Serik Tokt Zhum Abd Bek Temirkh Osp Kas Alt", "an ab ar ul"),
        suffix_m=_w("ov bekov bayev uly"),
        suffix_f=_w("ova bekova bayeva kyzy"),
        patronymic_m="{father}ovich",
        patronymic_f="{father}ovna",
    ),
    "russian": NameStyle(
        given_m=_w("Alexei Dmitry Sergei Nikolai Pavel Boris Oleg Yuri Viktor Andrei Maxim Lev"),
        given_f=_w("Natalia Olga Yelena Irina Svetlana Anna Daria Marina Tatiana Vera Yulia"),
        family_roots=_w(
            "Sokolov Volkov Lebedev Kuznetsov Zakharov Gromov Belkin Pankratov Tikhonov "
            "Morozov Orlov Sorokin Zaitsev Filatov Karpov Melnikov Gusev Nikitin Savelyev"
        ),
        suffix_m=("",),
        suffix_f=("",),
        patronymic_m="{father}ovich",
        patronymic_f="{father}ovna",
    ),
    "belarusian": NameStyle(
        given_m=_w("Aliaksandr Ales Uladzimir Siarhei Andrei Mikalai Raman Zmicier Pavel Ihar"),
        given_f=_w("Volha Natallia Maryja Tatsiana Hanna Iryna Nasta Palina Aksana Alena"),
        family_roots=_syllables("Zhuk Biel Kras Lab Sudal Stef Miron Hrab Dzi", "avets ovich enka"),
        suffix_m=("",),
        suffix_f=("",),
        patronymic_m="{father}avich",
        patronymic_f="{father}auna",
    ),
    "azerbaijani": NameStyle(
        given_m=_w("Şahin Elnur Farid Ramiz Çingiz Tural Rəşad Orxan İlkin Emin Vüqar"),
        given_f=_w("Ülviyyə Gülər Nargiz Aytan Elnara Səbinə Lalə Könül Aysel Günel"),
        family_roots=_syllables("Məmməd Hüseyn Əli Qasım Babay Rzay Şirin", "li ov zadə"),
        suffix_m=("",),
        suffix_f=("",),
        patronymic_m="{father} oğlu",
        patronymic_f="{father} qızı",
    ),
    "arabic": NameStyle(
        given_m=_w("Ahmed Omar Karim Mahmoud Hany Youssef Tarek Mostafa Khaled Amr Sherif"),
        given_f=_w("Yasmine Nour Hoda Mona Salma Rania Aya Esraa Mariam Dina Ghada"),
        family_roots=_w("El-Sayed Abdel-Aziz Soliman Fathy Hassan Mansour Ragab Shafik Zaki"),
        suffix_m=("",),
        suffix_f=("",),
    ),
    "spanish": NameStyle(
        given_m=_w("José Félix Andrés Raúl Ramón Héctor Jesús Óscar Martín Tomás Iván"),
        given_f=_w("María Ángela Inés Lucía Mónica Begoña Sofía Verónica Rocío Araceli"),
        family_roots=_w(
            "Ramírez Peñalba Ortúzar Núñez Gómez Sánchez Zúñiga Meléndez Úbeda Muñoz Pérez "
            "Castillo Rivas Herrera Godoy Chamorro"
        ),
        suffix_m=("",),
        suffix_f=("",),
        family_count=2,
    ),
    "vietnamese": NameStyle(
        given_m=_w("Văn_Hùng Minh_Tuấn Hữu_Dũng Quang_Hải Đức_Thắng Văn_Long Công_Vinh"),
        given_f=_w("Thị_Lan Ngọc_Ánh Thị_Thảo Thu_Hương Kim_Ngân Thị_Mai Phương_Thảo"),
        family_roots=_w("Nguyễn Trần Lê Phạm Hoàng Võ Đặng Bùi Đỗ Huỳnh"),
        suffix_m=("",),
        suffix_f=("",),
        family_first=True,
    ),
}


@dataclass(frozen=True)
class Country:
    name: str
    styles: tuple[str, ...]
    cities: tuple[str, ...]
    police: str
    code: str
    articles: tuple[str, ...]
    currency: str


COUNTRIES: tuple[Country, ...] = (
    Country(
        "Kazakhstan",
        ("kazakh", "russian"),
        _w("Almaty Astana Atyrau Aktau Zhanaozen Shymkent"),
        "the Department of Police",
        "the Criminal Code of Kazakhstan",
        ("174", "405", "274", "378"),
        "tenge",
    ),
    Country(
        "Belarus",
        ("belarusian", "russian"),
        _w("Minsk Vitsebsk Hrodna Homel Brest Mahilyou"),
        "officers of GUBOPiK",
        "the Criminal Code of Belarus",
        ("342", "293", "361-1", "130"),
        "BYN",
    ),
    Country(
        "Russia",
        ("russian",),
        _w("Moscow Kazan Perm Novosibirsk Krasnodar Tomsk"),
        "officers of the Investigative Committee",
        "the Russian Criminal Code",
        ("207.3", "280.3", "212.1", "318"),
        "roubles",
    ),
    Country(
        "Azerbaijan",
        ("azerbaijani",),
        _w("Baku Ganja Sumgayit Lankaran Shaki"),
        "the Main Police Department",
        "the Criminal Code of Azerbaijan",
        ("206.3.2", "192.3.2", "234.4.3", "283"),
        "manats",
    ),
    Country(
        "Egypt",
        ("arabic",),
        _w("Cairo Alexandria Mansoura Aswan Giza Tanta"),
        "the National Security Agency",
        "the Penal Code of Egypt",
        ("80(d)", "86", "102 bis", "188"),
        "Egyptian pounds",
    ),
    Country(
        "Nicaragua",
        ("spanish",),
        _w("Managua León Masaya Jinotega Matagalpa Estelí"),
        "the National Police",
        "the Penal Code of Nicaragua",
        ("394", "329", "410", "412"),
        "córdobas",
    ),
    Country(
        "Vietnam",
        ("vietnamese",),
        _w("Hanoi Huế Đà_Nẵng Nghệ_An Cần_Thơ Hải_Phòng"),
        "the Ministry of Public Security",
        "the Penal Code of Vietnam",
        ("117", "331", "109", "118"),
        "dong",
    ),
)

ORG_WORDS = _w("Free Steppe Open Field Justice Voice Dignity Future Solidarity Truth Memory Dawn")
ORG_KINDS = _w("Centre Movement Network Committee Union Association Initiative Foundation")
POSITIONS = (
    "head of the {city} branch of",
    "a member of the board of",
    "the coordinator of",
    "a lawyer working with",
    "a volunteer of",
    "the editor-in-chief of the newspaper of",
    "a founding member of",
)

EVENTS = (
    "On {date}, {police} arrested {name}, {position} the {org}, in {city}.",
    "{short} was detained at {hour} on {date} near the central market of {city}.",
    "The home of {short} at {house} {street} Street, flat {flat}, {city}, was searched for"
    " several hours on {date}; officers seized laptops, phones and documents.",
    "Investigators charged {short} under article {art} of {code}.",
    "On {date} {short} was charged under Art. {art} CC and placed in pre-trial detention.",
    "A court in {city} sentenced {short} to {years} years' imprisonment on {date}.",
    "{short} was sentenced to {years} years of restricted freedom, suspended.",
    "{short} was fined {amount} {currency} on {date} for taking part in a peaceful picket.",
    "{short} was released on {date} after {days} days in detention.",
    "A travel ban prevents {short} from leaving {country} since {date}.",
    "On {date} two unknown men attacked {short} outside the entrance of the building.",
    "{relative_role} {relative}, was questioned by police and released {when}.",
    "Colleagues of {short} at the {org} call for the immediate release of {short}.",
    "The lawyer of {short}, {lawyer}, was refused access to the case file {when}.",
)
RELATIVE_ROLES = ("Her brother,", "His sister,", "Her husband,", "His father,", "Her mother,")
WHENS = ("yesterday", "last week", "two days later", "on Monday", "the same evening")
MONTHS = _w("January February March April May June July August September October November December")

# --------------------------------------------------------------------------------------------
# Filler vocabulary: common English words first (highest ranks), then generated word forms.

COMMON = _w(
    "the of and to in a that is was for on with as by at it from be this have are which or "
    "not an has been their were they had his her its but also after who more than other "
    "said will would one all into two there can about over when may some these out up "
    "only new first time people year years since under against between during while "
    "police court authorities rights human government activists journalists law report "
    "security case public information country state support members freedom right "
    "detention prison charges trial lawyer family city region national international "
    "according statement organisation local media political civil society work group "
    "protest protests expression assembly association independent office officials "
    "women children workers students community press letter appeal release detained "
    "arrested accused investigation evidence judge hearing prosecutor sentence victims "
    "violence threats pressure campaign online social video post posted published "
    "reported told interview called demanded continued remained received held took "
    "without before because however further several many most both each such those "
    "then them him she he we our you your any no yes where what how why very well "
    "being through until within across around toward among despite following including "
    "number part day days month months week weeks today already still again never often "
    "way place home house street building centre area district village town capital "
    "water land oil factory strike wages labour health school university hospital "
    "election elections party parliament president minister ministry council committee "
    "decision order orders rule rules policy policies practice practices process system "
    "reform reforms budget money funds funding donors project projects programme "
    "training meeting meetings conference event events visit visits border travel "
    "documents files computer phone phones camera footage recording recordings photos "
    "questioned summoned interrogated monitored followed watched threatened harassed "
    "peaceful unlawful arbitrary serious severe possible clear important particular "
    "recent previous current former further general main special certain whole"
)
ONSETS = _w("b c d f g h j k l m n p r s t v w z br cr dr fr gr pl pr st tr sh ch th")
NUCLEI = _w("a e i o u ai ea io ou")
CODAS = ("", "n", "r", "l", "s", "t", "m", "nd", "st", "rt", "ck")
ENDINGS = ("", "", "s", "ed", "ing", "tion", "ment", "ly", "er", "al", "ity", "ous")
VOCAB_SIZE = 4000
ZIPF_S = 1.07
POOL_SIZE = 1 << 19
POOL_SEED = 1986


def _vocabulary() -> tuple[list[str], list[float]]:
    """About VOCAB_SIZE distinct words and Zipf cumulative weights (rank r has 1/r**s)."""
    rng = random.Random(20240312)
    words = list(dict.fromkeys(COMMON))
    seen = set(words)
    while len(words) < VOCAB_SIZE:
        parts = [rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS)]
        if rng.random() < 0.6:
            parts.append(rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS))
        word = "".join(parts) + rng.choice(ENDINGS)
        if word not in seen:
            seen.add(word)
            words.append(word)
    weights = [1.0 / (rank**ZIPF_S) for rank in range(1, len(words) + 1)]
    return words, list(itertools.accumulate(weights))


VOCAB, VOCAB_CUM = _vocabulary()

# --------------------------------------------------------------------------------------------


def _patronymic(father: str, template: str) -> str:
    """``Nikolai`` + ``{father}ovich`` -> ``Nikolaevich``; ``Ramiz`` + ``{father} oğlu``."""
    if template.startswith("{father} "):
        return template.format(father=father)
    suffix = template.removeprefix("{father}")
    if father.endswith(("i", "y")):  # Nikolai, Dmitry, Andrei: soft stem takes -e-
        return father[:-1] + "e" + suffix[1:]
    return father + suffix


def _name(rng: random.Random, style: NameStyle) -> tuple[str, str]:
    """(full name, short form used after the first mention)."""
    female = rng.random() < 0.5
    given = rng.choice(style.given_f if female else style.given_m).replace("_", " ")
    family = " ".join(rng.sample(style.family_roots, style.family_count))
    family += rng.choice(style.suffix_f if female else style.suffix_m)
    if female and family.endswith(("ov", "ev", "in")):  # Sokolov -> Sokolova, Rzayev -> Rzayeva
        family += "a"
    if style.family_first:
        return f"{family} {given}", f"{family} {given}"
    short = family.split()[0]  # Ramírez Peñalba is "Ramírez" on second mention
    template = style.patronymic_f if female else style.patronymic_m
    if template and rng.random() < 0.5:
        return f"{given} {_patronymic(rng.choice(style.given_m), template)} {family}", short
    return f"{given} {family}", short


def _date(rng: random.Random, around: date) -> str:
    day = around + timedelta(days=rng.randint(-400, 0))
    form = rng.randrange(5)
    if form == 0:
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if form == 1:
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    if form == 2:
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if form == 3:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {MONTHS[day.month - 1]}"


@functools.cache
def _word_pool() -> list[str]:
    """A long fixed stream of Zipf-distributed words; filler sentences are slices of it.

    Slicing a precomputed stream costs one random number per sentence instead of one per
    word, which keeps 10,000 reports of 600 words to a few seconds. Word frequencies are
    the same as sampling per word.
    """
    rng = random.Random(POOL_SEED)
    return rng.choices(VOCAB, cum_weights=VOCAB_CUM, k=POOL_SIZE)


def _filler(rng: random.Random, n_words: int) -> list[str]:
    """Filler sentences totalling ``n_words`` words (none if ``n_words`` <= 0)."""
    pool = _word_pool()
    sentences = []
    left = n_words
    while left > 0:
        length = min(rng.randint(8, 22), left)
        start = rng.randrange(POOL_SIZE - length)
        chunk = pool[start : start + length]
        sentences.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]) + ".")
        left -= length
    return sentences


def make_report(index: int, *, words: int = 600, seed: int = 0) -> tuple[str, str]:
    """(file name, text) of report ``index`` for ``seed``."""
    rng = random.Random(seed * 1_000_003 + index)
    country = rng.choice(COUNTRIES)
    style = STYLES[rng.choice(country.styles)]
    name, short = _name(rng, style)
    city = rng.choice(country.cities).replace("_", " ")
    org = f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_WORDS)} {rng.choice(ORG_KINDS)}"
    published = date(2010, 1, 1) + timedelta(days=rng.randrange(5800))
    relative, _ = _name(rng, style)
    lawyer, _ = _name(rng, STYLES[rng.choice(country.styles)])
    fields = {
        "name": name,
        "short": short,
        "city": city,
        "org": org,
        "country": country.name,
        "police": country.police,
        "code": country.code,
        "currency": country.currency,
        "position": rng.choice(POSITIONS).format(city=city),
        "relative": relative,
        "lawyer": lawyer,
    }

    events = [EVENTS[0], *rng.sample(EVENTS[1:], k=rng.randint(6, 10))]
    event_lines = []
    for template in events:
        fields.update(
            date=_date(rng, published),
            hour=f"{rng.randint(5, 23)}:{rng.choice(('00', '15', '30', '45'))}",
            house=str(rng.randint(1, 120)),
            street=rng.choice(ORG_WORDS),
            flat=str(rng.randint(1, 200)),
            art=rng.choice(country.articles),
            years=str(rng.randint(1, 12)),
            amount=f"{rng.randint(2, 900) * 100:,}",
            days=str(rng.randint(3, 400)),
            relative_role=rng.choice(RELATIVE_ROLES),
            when=rng.choice(WHENS),
        )
        event_lines.append(template.format(**fields))

    title = f"{country.name}: {name} of the {org} detained in {city}"
    header = (
        f"URL: https://example.org/bench/{seed}/{index:06d}\n"
        f"TITLE: {title}\nPUBLISHED: {published.isoformat()}\n\n{title}\n\n"
    )
    used = len(header.split()) + sum(len(line.split()) for line in event_lines)
    while len(event_lines) > 1 and used > words * 0.6:  # short reports: fewer events
        used -= len(event_lines.pop().split())
    filler = _filler(rng, words - used)
    paragraphs: list[str] = []
    per_event = max(len(filler) // len(event_lines), 1)
    for k, line in enumerate(event_lines):
        chunk = filler[k * per_event : (k + 1) * per_event]
        paragraphs.append(" ".join([line, *chunk]))
    rest = filler[len(event_lines) * per_event :]
    if rest:
        paragraphs.append(" ".join(rest))
    return f"report-{seed}-{index:06d}.txt", header + "\n\n".join(paragraphs) + "\n"


def generate_reports(n: int, *, words: int = 600, seed: int = 0) -> Iterator[tuple[str, bytes]]:
    """Yield ``(filename, utf-8 bytes)`` for ``n`` distinct reports of about ``words`` words."""
    for index in range(n):
        filename, text = make_report(index, words=words, seed=seed)
        yield filename, text.encode("utf-8")


def write_corpus(directory: Path | str, n: int, *, words: int = 600, seed: int = 0) -> list[Path]:
    """Write ``n`` generated reports into ``directory`` (created if missing)."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for filename, data in generate_reports(n, words=words, seed=seed):
        path = out / filename
        path.write_bytes(data)
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a corpus of generated reports.")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    paths = write_corpus(args.outdir, args.n, words=args.words, seed=args.seed)
    elapsed = time.perf_counter() - started
    print(f"wrote {len(paths)} reports to {args.outdir} in {elapsed:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
