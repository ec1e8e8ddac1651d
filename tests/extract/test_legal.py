from __future__ import annotations

import re

from vigil.extract.legal import find_articles, offences_in, split_offences
from vigil.extract.numbers import TERM, term_months


def _arts(text: str) -> list[tuple[str, str | None]]:
    return [(a.number, a.law) for a in find_articles(text)]


def test_article_forms() -> None:
    assert _arts("under article 164 of the Penal Code") == [("164", "Penal Code")]
    assert _arts("Article 205, part 2 of the Russian Criminal Code") == [("205.2", "Criminal Code")]
    assert _arts("(Article 342, parts 1 and 2 of the Belarusian Criminal Code)") == [
        ("342.1", "Criminal Code"),
        ("342.2", "Criminal Code"),
    ]
    assert _arts("under Art. 342 CC") == [("342", "Criminal Code")]
    assert _arts("Section 124A IPC") == [("124A", "Indian Penal Code")]
    assert _arts("Article 535.1 of the Code of Administrative Offences") == [
        ("535.1", "Code of Administrative Offences")
    ]


def test_article_list_with_bracketed_offences() -> None:
    arts = find_articles("under articles 139 (“Libel”) and 165 (“Extortion”) of the Criminal Code")
    assert [(a.number, a.law, a.offence) for a in arts] == [
        ("139", "Criminal Code", "Libel"),
        ("165", "Criminal Code", "Extortion"),
    ]


def test_offences() -> None:
    got = [o for _p, o in offences_in("He was charged with participation in riots (Article 293).")]
    assert got == ["participation in riots"]
    got = [
        o
        for _p, o in offences_in(
            "charges brought against him – “illegal possession of drugs” and “crossing the border”"
        )
    ]
    assert got == ["illegal possession of drugs", "crossing the border"]
    assert split_offences(
        "inciting social unrest, spreading false information and disrupting public order"
    ) == [
        "inciting social unrest",
        "spreading false information",
        "disrupting public order",
    ]


def _months(text: str) -> int | None:
    m = TERM.search(text)
    assert m is not None
    return term_months(m)


def test_terms() -> None:
    assert _months("sentenced to 6 years imprisonment") == 72
    assert _months("two and a half years in a penal colony") == 30
    assert _months("a 25-year sentence") == 300
    assert _months("2 years and 6 months") == 30
    assert _months("five days in prison") is None
    assert re.search(TERM, "a day") is None


def test_named_act_and_bracketed_offence() -> None:
    arts = find_articles(
        "under Section 124A IPC (sedition) and "
        "Section 13 of the Unlawful Activities (Prevention) Act"
    )
    got = [(a.number, a.law, a.offence) for a in arts]
    assert ("124A", "Indian Penal Code", "sedition") in got
    assert ("13", "Unlawful Activities (Prevention) Act", None) in got


def test_offence_after_a_long_charged_with() -> None:
    found = offences_in(
        "Theng Savoeun and Than Hach were charged on Monday by a court in the country’s "
        "north-east with plotting against the state, said Am Sam Ath."
    )
    assert [o for _, o in found] == ["plotting against the state"]
    # "charged for advocating ... - Addis Ababa, with self-governance": no "with" lead
    found = offences_in(
        "They were arrested and charged for advocating a more autonomous capital - Addis "
        "Ababa, with self-governance similar to other regional states."
    )
    assert all("self-governance" not in o for _, o in found)


def test_quoted_offences_a_little_after_the_act() -> None:
    found = offences_in(
        "Police detained Merdan Yanardag on Monday for “praising criminals” and “spreading "
        "terrorist propaganda” after he criticized the isolation."
    )
    assert [o for _, o in found] == ["praising criminals", "spreading terrorist propaganda"]


def test_a_bare_first_verb_shares_the_object_of_the_second() -> None:
    assert split_offences(
        "publishing and broadcasting false news that could harm public order and using a "
        "social media account to disseminate false news"
    ) == [
        "publishing and broadcasting false news that could harm public order",
        "using a social media account to disseminate false news",
    ]
