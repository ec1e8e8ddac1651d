"""One value that changes whenever anything the public pages show may have changed."""

from __future__ import annotations

from collections.abc import Hashable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vigil.store.alerts import AlertRow
from vigil.store.cases import CaseRow, OrganizationRow
from vigil.store.publications import Publication, Release


def public_stamp(session: Session) -> Hashable:
    """Counts and latest change times of cases, organisations, publications, releases and
    alerts, in one query: a case refreshed, merged or split, an organisation renamed, a case
    published or withdrawn, a value released or withheld all move it (counts catch
    deletions, which leave no time behind)."""
    values = []
    for table, at in (
        (CaseRow, CaseRow.updated_at),
        (OrganizationRow, OrganizationRow.updated_at),
        (Publication, Publication.published_at),
        (Publication, Publication.held_at),  # a publication held back by resolution
        (Release, Release.released_at),
        (AlertRow, AlertRow.updated_at),  # the home page lists published alerts
    ):
        values.append(select(func.count()).select_from(table).scalar_subquery())
        values.append(select(func.max(at)).scalar_subquery())
    row = session.execute(select(*values)).one()
    return tuple(str(v) for v in row)
