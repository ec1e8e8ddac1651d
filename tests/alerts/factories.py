"""Small dossiers and published alerts written for the tests."""

from __future__ import annotations

from vigil.alerts.draft import draft_from_dossier
from vigil.alerts.workflow import approve_alert, create_alert, publish_alert
from vigil.cases.model import CaseSummary, Dossier, Evidence, Fact, TimelineEvent
from vigil.settings import AlertSettings
from vigil.store.db import Database

EV = (Evidence(report_id=1, claim_id=1, spans=((0, 5),), quote="...", reviewed=True),)


def dossier(
    *,
    case_id: int = 7,
    name: str = "Aigerim Bekova",
    status: str = "detained",
    country: str | None = "KZ",
) -> Dossier:
    summary = CaseSummary(
        id=case_id,
        name=name,
        aliases=(),
        status=status,  # type: ignore[arg-type]
        country=country,
        latest_event="arrest",
        latest_event_date="2024-03-12",
        charges=("Criminal Code art. 274",),
        sources=(1,),
        updated_at="2024-03-13T00:00:00+00:00",
    )
    return Dossier(
        summary=summary,
        affiliations=(
            Fact({"organization": "Kazakhstan Bureau for Human Rights", "position": "lawyer"}, EV),
        ),
        relatives=(Fact({"person": "Dana Bekova", "relation": "sister"}, EV),),
        charges=(
            Fact(
                {
                    "law": "Criminal Code",
                    "article": "274",
                    "offence": "spreading false information",
                },
                EV,
            ),
        ),
        timeline=(
            TimelineEvent(
                type="arrest",
                date="2024-03-12",
                time=None,
                place="Almaty",
                country="KZ",
                victims=(name,),
                perpetrators=("police",),
                evidence=EV,
            ),
        ),
    )


def published_alert(db: Database, settings: AlertSettings, **kw: object) -> int:
    with db.transaction() as s:
        row = create_alert(s, draft_from_dossier(dossier(**kw)), actor="editor")  # type: ignore[arg-type]
        approve_alert(s, row.id, actor="reviewer")
        publish_alert(s, row.id, actor="reviewer", public_url=settings.public_url)
        return row.id
