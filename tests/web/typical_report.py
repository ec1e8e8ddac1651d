"""A typical report for the workbench's browser tests: about 300 words and 20 facts as the
machine read them, with three mistakes (a wrong date, a place taken for a person, a victim
left out) and one fact missed (the search of her flat). Fictional people."""

from __future__ import annotations

from typing import Any

from tests.web.fixtures import C

TEXT = """Almaty, 14 March 2024. Human rights defenders report that police arrested the \
journalist Dana Serikova (also known as D. Serikova) at her home in Almaty on 10 March 2024. \
Serikova, born in 1988, is an editor of the newspaper Dala Times and a member of the Adil \
Soz foundation. Officers searched her flat the same day and seized two laptops and her \
phone. Her brother Marat Serikov said that she was taken to the police station without a \
lawyer.

On 11 March 2024 the Almaly district court ordered two months of pre-trial detention. She \
was charged under article 274 of the Criminal Code (dissemination of false information) \
and under article 174 (inciting social discord). Her lawyer Erlan Dauletov said that the \
charges are politically motivated and that his client was denied access to him for two \
days.

On 12 March unknown men attacked the Dala Times office in Almaty and broke its windows. \
Neighbours said the men \
arrived in a dark car without number plates and left before anyone could stop them. The \
police did not open an investigation. Colleagues of Serikova said they had received \
threats by phone since January, and that the editorial team now works from home.

In a similar case in 2022, the court sentenced the blogger Nurlan Abenov to three years of \
imprisonment under article 274. Abenov was released in December 2023 after a pardon, but \
he is still banned from working as a journalist.

The Kazakhstan International Bureau for Human Rights called for the immediate release of \
Serikova and for the charges to be dropped. International organisations, including the \
OSCE, expressed concern about the growing pressure on independent media in Kazakhstan and \
asked the authorities to respect the right to freedom of expression of every journalist.
"""

DANA = "Dana Serikova"


def at(words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


def claims() -> list[C]:
    """What the machine proposes: 20 facts, three of them wrong, the search missing."""

    def c(kind: str, value: dict[str, Any], words: str, nth: int = 0) -> C:
        return C(kind, value, [at(words, nth)], confidence=0.8)

    return [
        c("person", {"name": DANA, "role": "victim"}, DANA),
        c("alias", {"person": DANA, "alias": "D. Serikova"}, "D. Serikova"),
        c("birth_date", {"person": DANA, "birth_date": "1988"}, "born in 1988"),
        c("affiliation", {"person": DANA, "organization": "Dala Times", "position": "editor"},
          "an editor of the newspaper Dala Times"),
        c("affiliation", {"person": DANA, "organization": "Adil Soz"}, "a member of the Adil"),
        c("relative", {"person": DANA, "relative": "Marat Serikov", "relation": "brother"},
          "Her brother Marat Serikov"),
        c("person", {"name": "Erlan Dauletov", "role": "lawyer"}, "Erlan Dauletov"),
        c("person", {"name": "Nurlan Abenov", "role": "victim"}, "Nurlan Abenov"),
        c("person", {"name": "Almaly", "role": "other"}, "Almaly"),  # mistake: a district
        c("organization", {"name": "Dala Times", "kind": "media"}, "Dala Times"),
        c("organization", {"name": "Adil Soz", "kind": "ngo"}, "Adil Soz"),
        c("organization", {"name": "Kazakhstan International Bureau for Human Rights",
                           "kind": "ngo"}, "Kazakhstan International Bureau for Human Rights"),
        c("organization", {"name": "OSCE", "kind": "intergovernmental"}, "OSCE"),
        # mistake: the dateline's date, not the arrest's
        c("event", {"type": "arrest", "date": "2024-03-14", "place": "Almaty", "country": "KZ",
                    "victims": [DANA], "perpetrators": ["police"]}, "arrested"),
        c("event", {"type": "detention", "date": "2024-03-11", "country": "KZ",
                    "victims": [DANA]}, "pre-trial detention"),
        # mistake: the newspaper is a victim too
        c("event", {"type": "attack", "date": "2024-03-12", "place": "Almaty", "country": "KZ",
                    "victims": [], "perpetrators": ["unknown men"]}, "attacked"),
        c("charge", {"person": DANA, "law": "Criminal Code", "article": "274",
                     "offence": "dissemination of false information", "country": "KZ"},
          "article 274 of the Criminal Code"),
        c("charge", {"person": DANA, "article": "174", "offence": "inciting social discord",
                     "country": "KZ"}, "article 174"),
        c("sentence", {"person": "Nurlan Abenov", "penalty": "imprisonment",
                       "term_months": 36}, "three years of imprisonment"),
        c("event", {"type": "release", "date": "2023-12", "victims": ["Nurlan Abenov"]},
          "released"),
    ]  # fmt: skip
