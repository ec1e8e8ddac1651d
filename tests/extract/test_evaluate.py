from __future__ import annotations

from vigil.extract.evaluate import compare_record, describe, name_key, score_record


def _gold() -> dict[str, object]:
    return {
        "persons": [{"name": "Ajzhangul Amirova", "aliases": ["A. Amirova"]}],
        "organizations": [{"name": "Halyk Maidan", "aliases": ["Popular Front"]}],
        "events": [
            {"type": "arrest", "date": "2012-01", "victims": ["Ajzhangul Amirova"]},
            {"type": "protest", "date": None, "victims": []},
        ],
        "charges": [
            {"person": "Ajzhangul Amirova", "article": "164", "offence": "x"},
            {
                "person": "Ajzhangul Amirova",
                "article": None,
                "offence": "incitement to social discord",
            },
        ],
        "sentences": [{"person": "Ajzhangul Amirova", "penalty": "fine"}],
    }


def test_matching_rules() -> None:
    pred = {
        "persons": [
            {"name": "Mrs A. Amirova", "aliases": []},
            {"name": "Nobody Here", "aliases": []},
        ],
        "organizations": [{"name": "“Popular Front”", "aliases": []}],
        "events": [
            {"type": "arrest", "date": "2012-01-06", "victims": ["A. Amirova"]},
            {"type": "arrest", "date": "2012-01-06", "victims": ["A. Amirova"]},
            {"type": "protest", "date": "2011", "victims": []},
        ],
        "charges": [
            {"person": "Mrs A. Amirova", "article": "Art. 164", "offence": None},
            {"person": "Mrs A. Amirova", "article": None, "offence": "social discord"},
        ],
        "sentences": [{"person": "Mrs A. Amirova", "penalty": "imprisonment"}],
    }
    s = score_record(pred, _gold())
    assert (s["persons"].tp, s["persons"].fp, s["persons"].fn) == (1, 1, 0)
    assert s["organizations"].tp == 1
    assert (s["events_strict"].tp, s["events_strict"].fp) == (2, 1)  # one-to-one
    assert s["charges"].tp == 2
    assert (s["sentences"].tp, s["sentences"].fn) == (0, 1)


def test_strict_date_needs_gold_precision() -> None:
    pred = {"events": [{"type": "arrest", "date": "2012", "victims": ["Ajzhangul Amirova"]}]}
    s = score_record(pred, _gold())
    assert s["events_strict"].tp == 0 and s["events_loose"].tp == 1


def test_name_key_drops_honorifics_and_punctuation() -> None:
    assert name_key("Mr. Huseynov’s") == name_key("huseynovs")
    assert name_key("Ms Amirova") == "amirova"


def test_compare_record_names_what_was_missed_and_spurious() -> None:
    pred = {
        "persons": [{"name": "A. Amirova"}, {"name": "Nobody Here"}],
        "events": [{"type": "search", "date": "2012-01-06", "victims": ["Amirova"]}],
    }
    compared = compare_record(pred, _gold())
    persons = compared["persons"][1]
    assert [p["name"] for p in persons.spurious] == ["Nobody Here"] and persons.missed == []
    events = compared["events_strict"][1]
    assert [e["type"] for e in events.missed] == ["arrest", "protest"]
    assert [e["type"] for e in events.spurious] == ["search"]
    charge = {"person": "Ajzhangul Amirova", "article": "164", "law": None}
    assert describe("charges", charge) == "Ajzhangul Amirova: 164 (-)"
    assert describe("events_strict", events.missed[0]) == "arrest 2012-01 [Ajzhangul Amirova]"
