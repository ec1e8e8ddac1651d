"""Drafting an urgent action from a dossier (pure function, dossiers written here)."""

from __future__ import annotations

from dataclasses import replace

from tests.alerts.factories import EV, dossier
from vigil.alerts.draft import draft_from_dossier, human_date
from vigil.cases.model import Fact


def test_draft_says_who_what_when_where_and_under_which_charge() -> None:
    d = draft_from_dossier(dossier())
    assert d.case_id == 7
    assert d.title == "Kazakhstan: Aigerim Bekova detained"
    assert "Aigerim Bekova, lawyer of Kazakhstan Bureau for Human Rights," in d.body
    assert "arrested on 12 March 2024 in Almaty" in d.body
    assert "Criminal Code art. 274 (spreading false information)" in d.body
    assert d.country == "KZ" and d.event_type == "arrest"
    assert d.organizations == ("Kazakhstan Bureau for Human Rights",)


def test_asks_and_appeal_targets_follow_the_status() -> None:
    d = draft_from_dossier(dossier())
    assert d.asks[0] == "Release Aigerim Bekova immediately and unconditionally."
    assert "The Prosecutor General of Kazakhstan" in d.appeal_to
    assert "UN Working Group on Arbitrary Detention" in d.appeal_to
    gone = draft_from_dossier(dossier(status="disappeared"))
    assert "UN Working Group on Enforced or Involuntary Disappearances" in gone.appeal_to
    assert "whereabouts" in gone.asks[0]


def test_relatives_are_never_drafted_but_withheld() -> None:
    d = draft_from_dossier(dossier())
    assert "Dana" not in d.body + d.title + " ".join(d.asks)
    assert d.withheld == ("Dana Bekova",)


def test_sentence_term_in_words() -> None:
    base = dossier(status="sentenced")
    d = draft_from_dossier(
        replace(base, sentences=(Fact({"penalty": "in a penal colony", "term_months": 30}, EV),))
    )
    assert "sentenced to 2 years and 6 months in a penal colony" in d.body
    assert d.title.endswith("sentenced")


def test_a_bare_case_still_drafts() -> None:
    base = dossier(country=None)
    d = draft_from_dossier(replace(base, timeline=(), affiliations=(), charges=()))
    assert d.title == "Aigerim Bekova detained"
    assert d.body == "Aigerim Bekova is charged under Criminal Code art. 274."
    assert not any("Prosecutor" in a for a in d.appeal_to)


def test_partial_dates() -> None:
    assert human_date("2024-03") == "March 2024"
    assert human_date("2024") == "2024"
    assert human_date("2024-13-01") == "2024-13-01"
