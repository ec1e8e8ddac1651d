"""One value that changes whenever anything the public pages show may have changed, and
only then.

The public pages show published cases (their dossiers, as the public may see them, with
the values released on them) and published alerts; nothing else. The stamp reads those
alone: an upload, an extraction or a review of a case nobody published leaves it as it
was, so the cached public pages (``vigil.web.stamped``) stay cached while reports come in.
(It once counted every case and organisation: each report the extraction worker stored
moved it, and every public page was computed again under a stream of uploads.)
"""

from __future__ import annotations

from collections.abc import Hashable

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from vigil.store.alerts import AlertRow
from vigil.store.cases import CaseRow
from vigil.store.publications import Publication, Release


def _stamp_query() -> Select[tuple[object, ...]]:
    published_case = (
        select(CaseRow.id)
        .join(Publication, CaseRow.id == Publication.case_id)
        .where(CaseRow.merged_into.is_(None))
    )
    published_alert = AlertRow.status == "published"
    values = (
        # Published, withdrawn, held back or published again (``published_at`` moves).
        select(func.count()).select_from(Publication),
        select(func.max(Publication.published_at)),
        select(func.max(Publication.held_at)),
        # A published case's dossier rebuilt, or the case merged away (``updated_at``
        # moves: every change to a dossier refreshes its case).
        select(func.count()).select_from(published_case.subquery()),
        select(func.max(CaseRow.updated_at)).where(CaseRow.id.in_(published_case)),
        # A value released or withheld (a withheld one is deleted: the count catches it).
        select(func.count()).select_from(Release),
        select(func.max(Release.released_at)),
        # The home page and the feeds list published alerts.
        select(func.count()).select_from(AlertRow).where(published_alert),
        select(func.max(AlertRow.updated_at)).where(published_alert),
    )
    return select(*(v.scalar_subquery() for v in values))


_QUERY = _stamp_query()


def public_stamp(session: Session) -> Hashable:
    """Counts and latest change times of publications, published cases, releases and
    published alerts, in one query: a case published, withdrawn or held, a published
    case's dossier refreshed, merged or split, a value released or withheld, an alert
    published all move it (counts catch deletions, which leave no time behind)."""
    row = session.execute(_QUERY).one()
    return tuple(str(v) for v in row)
