"""Atom feeds of published alerts: all, per country, per case (feedgen).

Entries carry only the frozen public shape (already redacted when published); what the
feed itself says (its title, "Update:", "What we ask:") is in the reader's language.

A case's feed lists the alerts about its people, not those filed under its number: an
alert keeps the mentions its case had when it was drafted (``AlertRow.mentions``) and
belongs to the case that holds them all now. A merge brings it to the case it went into;
a split that parts its people takes it out of every case feed (it stays in the others),
as a split takes a release made for people it parts (``vigil.store.publications``).
"""

from __future__ import annotations

from datetime import datetime

from feedgen.feed import FeedGenerator
from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil import i18n
from vigil.alerts.draft import country_name
from vigil.store.alerts import AlertRow
from vigil.store.cases import CaseRow, PersonMentionRow


def atom_feed(
    session: Session,
    *,
    public_url: str,
    country: str | None = None,
    case_id: int | None = None,
    limit: int = 50,
    language: str | None = None,
) -> bytes:
    """The newest ``limit`` published alerts (and follow-ups) as an Atom document."""
    with i18n.using(language) as code:
        return _feed(session, public_url, country, case_id, limit, code)


def _feed(
    session: Session,
    public_url: str,
    country: str | None,
    case_id: int | None,
    limit: int,
    language: str,
) -> bytes:
    _ = i18n.gettext
    stmt = (
        select(AlertRow.public, AlertRow.published_at)
        .where(AlertRow.status == "published")
        .order_by(AlertRow.published_at.desc(), AlertRow.id.desc())
        .limit(limit)
    )
    path, title = "/alerts/feed.atom", _("Vigil urgent actions")
    if country:
        code = country.upper()
        stmt = stmt.where(AlertRow.country == code)
        path, title = f"/alerts/country/{code}/feed.atom", f"{title}: {country_name(code)}"
    if case_id is not None:
        stmt = stmt.where(AlertRow.id.in_(alerts_about(session, case_id)))
        path, title = (
            f"/cases/{case_id}/alerts.atom",
            _("%(title)s: case %(id)s") % {"title": title, "id": case_id},
        )
    rows = session.execute(stmt).all()
    fg = FeedGenerator()
    fg.id(f"{public_url}{path}")
    fg.title(title)
    fg.link(href=f"{public_url}{path}", rel="self")
    fg.link(href=f"{public_url}/alerts", rel="alternate")
    fg.language(language)
    newest: datetime | None = None
    for public, published_at in reversed(rows):  # feedgen prepends: oldest first
        if public is None:
            continue
        entry = fg.add_entry()
        entry.id(public["url"])
        followup = public.get("kind") == "followup"
        entry.title(
            _("Update: %(title)s") % {"title": public["title"]} if followup else public["title"]
        )
        entry.link(href=public["url"])
        when = _aware(published_at)
        entry.published(when)
        entry.updated(when)
        text = public["body"]
        if public.get("asks"):
            text += "\n\n" + _("What we ask:") + "\n" + "\n".join(f"- {a}" for a in public["asks"])
        entry.content(text, type="text")
        if public.get("country"):
            entry.category(term=public["country"])
        newest = when
    fg.updated(newest or datetime(2000, 1, 1).astimezone())
    data: bytes = fg.atom_str(pretty=True)
    return data


def alerts_about(session: Session, case_id: int) -> list[int]:
    """Ids of the published alerts about the people of case ``case_id`` (a live case)."""
    rows = session.execute(
        select(AlertRow.id, AlertRow.case_id, AlertRow.mentions).where(
            AlertRow.status == "published", AlertRow.case_id.is_not(None)
        )
    ).all()
    wanted = sorted({m for _, _, mentions in rows for m in mentions or ()})
    case_of: dict[str, int | None] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        stmt = select(PersonMentionRow.id, PersonMentionRow.case_id)
        for mention, case in session.execute(stmt.where(PersonMentionRow.id.in_(chunk))):
            case_of[mention] = case
    found = []
    for alert_id, filed_under, mentions in rows:
        # Mentions gone since (their report deleted) say nothing; none left: the number.
        known = {case_of[m] for m in mentions or () if m in case_of}
        if not known:
            home: int | None = _live(session, filed_under)
        else:
            home = known.pop() if len(known) == 1 else None  # parted: in no case's feed
        if home == case_id:
            found.append(alert_id)
    return found


def _live(session: Session, case_id: int) -> int:
    """Where case ``case_id`` lives now (following merges)."""
    seen: set[int] = set()
    while case_id not in seen:
        seen.add(case_id)
        into = session.scalar(select(CaseRow.merged_into).where(CaseRow.id == case_id))
        if into is None:
            break
        case_id = into
    return case_id


def _aware(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo else value.replace(tzinfo=UTC)
