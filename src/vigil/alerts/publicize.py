"""The one door between an alert as editors write it and what the public receives.

E-mail, webhook JSON, Atom entries and the public site all read ``AlertRow.public``, which
``public_alert`` builds at publishing time through ``vigil.redaction`` (phone numbers,
addresses, document numbers, health details, and every value the editors marked withheld,
such as relatives' names). Switching redaction engines means editing this module only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from vigil.redaction import redact_text, withheld_whole


def publicize(text: str, *, confidential: Iterable[str] = (), released: Iterable[str] = ()) -> str:
    """``text`` as the public may read it ("[withheld]" where something was hidden)."""
    return redact_text(text, confidential=tuple(confidential), released=tuple(released)).text


def public_alert(
    *,
    alert_id: int,
    case_id: int | None,
    parent_id: int | None,
    kind: str,
    title: str,
    body: str,
    country: str | None,
    event_type: str | None,
    organizations: Iterable[str],
    asks: Iterable[str],
    appeal_to: Iterable[str],
    withheld: Iterable[str],
    published_at: str,
    url: str,
) -> dict[str, Any]:
    """The frozen public shape of a published alert (JSON-able)."""
    secret = tuple(withheld)

    def clean(value: str) -> str:
        return publicize(value, confidential=secret)

    return {
        "id": alert_id,
        "kind": kind,
        "follows": parent_id,
        "case_id": case_id,
        "title": clean(title),
        "body": clean(body),
        "country": country,
        "event_type": event_type,
        # A name with a withheld part is withheld whole, as on a case.
        "organizations": [withheld_whole(o, confidential=secret) for o in organizations],
        "asks": [clean(a) for a in asks],
        "appeal_to": [clean(a) for a in appeal_to],
        "published_at": published_at,
        "url": url,
    }
