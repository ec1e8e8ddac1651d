"""Atom feeds of published alerts: all, per country, per case (feedgen).

Entries carry only the frozen public shape (already redacted when published).
"""

from __future__ import annotations

from datetime import datetime

from feedgen.feed import FeedGenerator
from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.alerts.draft import country_name
from vigil.store.alerts import AlertRow


def atom_feed(
    session: Session,
    *,
    public_url: str,
    country: str | None = None,
    case_id: int | None = None,
    limit: int = 50,
) -> bytes:
    """The newest ``limit`` published alerts (and follow-ups) as an Atom document."""
    stmt = (
        select(AlertRow.public, AlertRow.published_at)
        .where(AlertRow.status == "published")
        .order_by(AlertRow.published_at.desc(), AlertRow.id.desc())
        .limit(limit)
    )
    path, title = "/alerts/feed.atom", "Vigil urgent actions"
    if country:
        code = country.upper()
        stmt = stmt.where(AlertRow.country == code)
        path, title = f"/alerts/country/{code}/feed.atom", f"{title}: {country_name(code)}"
    if case_id is not None:
        stmt = stmt.where(AlertRow.case_id == case_id)
        path, title = f"/cases/{case_id}/alerts.atom", f"{title}: case {case_id}"
    rows = session.execute(stmt).all()
    fg = FeedGenerator()
    fg.id(f"{public_url}{path}")
    fg.title(title)
    fg.link(href=f"{public_url}{path}", rel="self")
    fg.link(href=f"{public_url}/alerts", rel="alternate")
    fg.language("en")
    newest: datetime | None = None
    for public, published_at in reversed(rows):  # feedgen prepends: oldest first
        if public is None:
            continue
        entry = fg.add_entry()
        entry.id(public["url"])
        entry.title(("Update: " if public.get("kind") == "followup" else "") + public["title"])
        entry.link(href=public["url"])
        when = _aware(published_at)
        entry.published(when)
        entry.updated(when)
        text = public["body"]
        if public.get("asks"):
            text += "\n\nWhat we ask:\n" + "\n".join(f"- {a}" for a in public["asks"])
        entry.content(text, type="text")
        if public.get("country"):
            entry.category(term=public["country"])
        newest = when
    fg.updated(newest or datetime(2000, 1, 1).astimezone())
    data: bytes = fg.atom_str(pretty=True)
    return data


def _aware(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo else value.replace(tzinfo=UTC)
