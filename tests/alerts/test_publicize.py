"""Issue 14: the detectors run on every text a person writes for the public in an alert
or a follow-up (title, body, asks, whom to appeal to, organisations), and an organisation
whose name has a withheld part is withheld whole, as on a case (``whole_values``)."""

from __future__ import annotations

from typing import Any

from vigil.alerts.publicize import public_alert

FIELDS: dict[str, Any] = {
    "alert_id": 7, "case_id": 3, "parent_id": 6, "kind": "followup", "country": "KZ",
    "event_type": "arrest", "withheld": ["Dana Bekmukhanova"], "published_at": "2026-12-10",
    "url": "https://vigil.example/alerts/7",
}  # fmt: skip


def test_every_written_text_of_a_follow_up_is_redacted() -> None:
    shape = public_alert(
        **FIELDS,
        title="Update: Kairat Bekmukhanov denied insulin",
        body="Call his lawyer on +7 701 555 12 34. Dana Bekmukhanova was summoned.",
        organizations=["Adil Soz"],
        asks=["Give him his insulin and adequate medical care"],
        appeal_to=["Prosecutor, ul. Abaya 15, apt. 4, Almaty"],
    )
    text = repr(shape)
    for secret in ("insulin", "+7 701 555 12 34", "Dana Bekmukhanova", "Abaya 15", "apt. 4"):
        assert secret not in text, secret
    # The detail is withheld, never the sentence: the public needs to know of the denial.
    assert shape["asks"] == ["Give him his [withheld] and adequate medical care"]
    assert shape["title"] == "Update: Kairat Bekmukhanov denied [withheld]"
    assert shape["organizations"] == ["Adil Soz"]


def test_an_organisation_with_a_withheld_part_is_withheld_whole() -> None:
    shape = public_alert(
        **FIELDS, title="t", body="b", asks=[], appeal_to=[],
        organizations=["HIV Positive Women Network", "Adil Soz"],
    )  # fmt: skip
    assert shape["organizations"] == ["[withheld]", "Adil Soz"]
