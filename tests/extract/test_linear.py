"""Extraction work grows with the length of a report, not with its square (issue 14: a
200,000-character line of prose took minutes), and a spent time budget stops the events
stage between two sentences. Work is counted (Python lines run, text joins, pattern
scans), never timed: speed is measured by ``make bench`` (bench/bench_hostile.py)."""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from types import FrameType
from typing import Any

from vigil.extract import Extractor, person_clusters, syntax
from vigil.extract.context import Context, Event, Mention
from vigil.extract.stages import events
from vigil.extract.stages.clean import split_sentences

_NAMES = [f"{a} {b}" for a in ("Olga", "Ivan", "Timur", "Asel") for b in ("Bekov", "Adilov")]
_SENTENCES = (
    "{n} was detained in Almaty on {d} May 2021.",
    "On {d} June 2021 the court sentenced {n} to five years in prison.",
    "{n} was beaten by police officers in Minsk on {d} March 2020 at 10:00.",
    "Police searched the home of {n} two days later.",
)
# The stages after the model, and the modules they read the parse and the dates through.
_LINEAR = (
    "extract/stages/events.py",
    "extract/stages/places.py",
    "extract/stages/dates.py",
    "extract/stages/biography.py",
    "extract/syntax.py",
    "extract/later.py",
    "extract/actors.py",
    "extract/context.py",
)


def _report(sentences: int) -> str:
    rng = random.Random(14)
    return " ".join(
        rng.choice(_SENTENCES).format(n=rng.choice(_NAMES), d=rng.randint(1, 28))
        for _ in range(sentences)
    )


def _lines_run(extractor: Extractor, text: str) -> int:
    """Python lines run in the ``_LINEAR`` modules while ``text`` is extracted."""
    count = 0

    def line(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return line

    def call(frame: FrameType, event: str, arg: Any) -> Any:
        return line if frame.f_code.co_filename.endswith(_LINEAR) else None

    sys.settrace(call)
    try:
        extractor.extract(text)
    finally:
        sys.settrace(None)
    return count


def test_four_times_the_report_is_about_four_times_the_work(extractor: Extractor) -> None:
    # Before: 8.2 times for 50 -> 200 sentences (each act scanned every date, place, time
    # and mention of the report, and every earlier event); now 4.1.
    extractor.extract(_report(5))  # word lists and patterns load once
    small, large = _lines_run(extractor, _report(50)), _lines_run(extractor, _report(200))
    assert large / small < 5.5, (small, large)


class _Doc:
    """A parsed document that counts how often its whole text is built."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.texts = 0

    @property
    def text(self) -> str:
        self.texts += 1
        return str(self.doc.text)

    def __len__(self) -> int:
        return len(self.doc)

    def __getitem__(self, i: Any) -> Any:
        return self.doc[i]

    def char_span(self, *args: Any, **kwargs: Any) -> Any:
        return self.doc.char_span(*args, **kwargs)


def test_finding_a_trigger_word_never_builds_the_whole_text(extractor: Extractor) -> None:
    # ``len(doc.text)`` joined every token of the report for every trigger: 85% of the
    # time of a 200,000-character report.
    parsed = extractor.nlp("Ivan Bekov was detained. Police then searched his flat in Minsk.")
    doc = _Doc(parsed)
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+", parsed.text)]
    heads = [syntax.trigger_token(doc, s, e) for s, e in words]
    assert doc.texts == 0
    assert [t.i if t is not None else None for t in heads] == [
        parsed.char_span(s, e).root.i for s, e in words
    ]
    assert syntax.trigger_token(doc, 0, len(parsed.text) + 1) is None


def test_the_mention_at_a_position_is_the_first_one_holding_it() -> None:
    rng = random.Random(7)
    for _ in range(200):
        ctx = Context(text="", clean="")
        for _m in range(rng.randint(0, 12)):
            s = rng.randint(0, 40)
            ctx.mentions.append(
                Mention(s, s + rng.randint(1, 9), rng.choice(("person", "organization")), _m)
            )
        for pos in range(-1, 52):
            for kind in ("person", "organization"):
                first = next(
                    (m for m in ctx.mentions if m.kind == kind and m.start <= pos < m.end), None
                )
                assert ctx.mention_at(pos, kind) is first


def test_a_sentence_is_found_by_bisection() -> None:
    ctx = Context(text="", clean="")
    ctx.sentences = split_sentences("One. Two here. Three! And four?")
    for i, sent in enumerate(ctx.sentences):
        assert ctx.sentence_index(sent) == i
    assert ctx.sentence_index((1, 3)) == -1
    assert ctx.sentence_index((999, 1000)) == -1


def test_initials_are_found_as_before_with_one_scan_per_family_name(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(3)
    pieces = ["A.", "A. ", "B", "Ba", "a", "x", "(", "(.", " ", ".", "Ж.", "ЖB", "_", "1.", "-"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _p in range(rng.randint(0, 12)))
        initial, last = rng.choice("AЖ(._1x"), rng.choice(["B", "Ba", "a", "Ж", "B.", "-a"])
        old = rf"\b{re.escape(initial)}\.\s?{re.escape(last)}\b"
        assert [m.span() for m in person_clusters._initialled(initial, last).finditer(text)] == [
            m.span() for m in re.finditer(old, text)
        ], (text, initial, last)
    scans: list[tuple[str, str]] = []
    real = person_clusters._initialled

    def counted(initial: str, last: str) -> re.Pattern[str]:
        scans.append((initial, last))
        return real(initial, last)

    monkeypatch.setattr(person_clusters, "_initialled", counted)
    text = "A. Amirova spoke. " + "Ajzhangul Amirova and Aliya Amirova. " * 3
    ctx = Context(text=text, clean=text)
    clusters = [
        person_clusters.Cluster(forms=Counter({"Ajzhangul Amirova": 1})),
        person_clusters.Cluster(forms=Counter({"Aliya Amirova": 1, "Aliya Ersaynovna Amirova": 1})),
    ]
    person_clusters.initial_forms(ctx, clusters)
    assert scans == [("A", "Amirova")]
    assert all("A. Amirova" in cl.forms for cl in clusters)


def _merged_pairwise(found: list[Event]) -> list[Event]:
    """The rule of ``events._merge`` as it was written first: every earlier event tried."""
    out: list[Event] = []
    for ev in found:
        for prev in out:
            if prev.type != ev.type or not events._compatible(prev.date, ev.date):
                continue
            if ev.victims or prev.victims:
                if not set(prev.victims) & set(ev.victims):
                    continue
            elif prev.date != ev.date:
                continue
            if len(ev.date or "") > len(prev.date or ""):
                prev.date = ev.date
            prev.victims = list(dict.fromkeys([*prev.victims, *ev.victims]))
            prev.time = prev.time or ev.time
            prev.place = prev.place or ev.place
            break
        else:
            out.append(ev)
    return out


def test_events_merge_as_when_every_earlier_event_was_tried() -> None:
    dates = [None, "2021", "2021-05", "2021-05-03", "2021-05-04", "2020"]

    def made(seed: int) -> list[Event]:
        r = random.Random(seed)
        return [
            Event(
                type=r.choice(("arrest", "charge")),
                start=i,
                end=i + 1,
                trigger=(i, i + 1),
                date=r.choice(dates),
                place=r.choice((None, "Minsk")),
                victims=r.sample(("A", "B", "C", "D"), r.randint(0, 2)),
            )
            for i in range(r.randint(0, 14))
        ]

    for seed in range(300):
        ctx = Context(text="", clean="")
        ctx.events = made(seed)
        events._merge(ctx)
        assert ctx.events == _merged_pairwise(made(seed))


class _Deadline:
    """A budget that is spent after ``checks`` looks at it."""

    def __init__(self, checks: int) -> None:
        self.checks = checks
        self.looked = 0

    def passed(self, share: float = 1.0) -> bool:
        self.looked += 1
        return self.looked > self.checks


def test_a_spent_budget_stops_the_events_stage_between_two_sentences() -> None:
    text = "Ivan Bekov was detained in Minsk on 3 May 2021. " * 40
    ctx = Context(text=text, clean=text)
    ctx.sentences = split_sentences(text)
    deadline = _Deadline(checks=10)
    ctx.deadline = deadline  # type: ignore[assignment]
    events.find_events(ctx)
    assert deadline.looked == 11, "the stage stops at the first look past the budget"
    cut = ctx.sentences[10][0]
    assert ctx.warnings == [
        "time budget spent (VIGIL_EXTRACT_BUDGET_SECONDS): events were read in the first "
        f"{cut:,} of {len(text):,} characters; the record is partial"
    ]


def _people(n: int) -> tuple[str, list[tuple[int, int, str]]]:
    """A text of ``n`` different people's full names, and the names as candidates."""
    rng = random.Random(5)

    def word() -> str:
        return "".join(rng.choice("bdgklmnprstvz") + rng.choice("aeiou") for _ in range(4))

    names = [f"{word().title()} {word().title()}" for _ in range(n)]
    text = ". ".join(names) + "."
    found, at = [], 0
    for name in names:
        found.append((at, at + len(name), name))
        at += len(name) + 2
    return text, found


def test_each_cluster_works_out_its_full_forms_once_not_once_per_name(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Before: every name placed asked every cluster for its full forms again (tokens and
    # initials of each form): 400 names of a 1.4 MB line of names took 5 s of CPU.
    text, found = _people(200)
    monkeypatch.setattr(person_clusters, "candidates", lambda ctx: (list(found), [], set()))
    looks: list[str] = []
    real = person_clusters.is_initial

    def counted(token: str) -> bool:
        looks.append(token)
        return real(token)

    monkeypatch.setattr(person_clusters, "is_initial", counted)
    clusters = person_clusters.cluster(Context(text=text, clean=text))
    assert len(clusters) > 150  # (nearly) all different people: each compared with all
    assert len(looks) < 5 * len(found), len(looks)


def test_a_spent_budget_stops_grouping_names_between_two_names(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text, found = _people(40)
    monkeypatch.setattr(person_clusters, "candidates", lambda ctx: (list(found), [], set()))
    ctx = Context(text=text, clean=text)
    deadline = _Deadline(checks=10)
    ctx.deadline = deadline  # type: ignore[assignment]
    clusters = person_clusters.cluster(ctx)
    assert deadline.looked == 11, "grouping stops at the first look past the budget"
    assert sum(sum(cl.forms.values()) for cl in clusters) == 10
    assert ctx.warnings == [
        "time budget spent (VIGIL_EXTRACT_BUDGET_SECONDS): names were grouped into persons "
        f"in the first {found[10][0]:,} of {len(text):,} characters; the record is partial"
    ]
