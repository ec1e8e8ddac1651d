"""An urgent action drafted from a real case (claims -> case -> dossier -> draft ->
publish): the facts are there, the relative is not (both backends)."""

from __future__ import annotations

from tests.cases.conftest import C, add, charge, event, person, relative
from vigil.alerts.draft import draft_from_dossier
from vigil.alerts.workflow import approve_alert, create_alert, publish_alert
from vigil.cases import find_cases, get_dossier
from vigil.store.db import Database


def test_draft_and_publish_from_a_case(db: Database) -> None:
    add(
        db,
        "Police in Almaty arrested Dana Serikova. Her brother Marat Serikov said so.",
        [
            *person("Dana Serikova"),
            relative("Dana Serikova", "Marat Serikov", "brother"),
            event("arrest", "2024-03-10", "Dana Serikova", place="Almaty"),
            event("charge", "2024-03-11", "Dana Serikova"),
            charge("Dana Serikova", "174", law="Criminal Code"),
            C(
                "affiliation",
                {"person": "Dana Serikova", "organization": "Dala Times", "position": "editor"},
            ),
        ],
        published="2024-03-12",
    )
    with db.read() as s:
        [case] = find_cases(s, "Dana Serikova")
        draft = draft_from_dossier(get_dossier(s, case.id))
    assert draft.case_id == case.id and draft.country == "KZ"
    assert "Dana Serikova" in draft.title + draft.body
    assert "174" in draft.body and "2024" in draft.body
    assert "Marat Serikov" in draft.withheld
    with db.transaction() as s:
        alert = create_alert(s, draft, actor="editor")
        approve_alert(s, alert.id, actor="reviewer")
        published = publish_alert(s, alert.id, actor="reviewer", public_url="https://example.org")
    assert published is not None
    with db.read() as s:
        from vigil.alerts.workflow import get_alert

        public = str(get_alert(s, alert.id).public)
    assert "Dana Serikova" in public and "Marat Serikov" not in public
