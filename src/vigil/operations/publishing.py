"""Publishing a case, taking it back, releasing or withholding one of its values.

A case is published with its present members (the people the reviewer saw); publishing a
held case again is how a reviewer confirms it after a merge or split. Every step takes the
case lock first, so concurrent clicks queue instead of colliding on the same row, and a
step that is already done changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sqlalchemy.orm import Session

from vigil.cases.dossier import get_dossier, resolve_case_id
from vigil.cases.model import Dossier
from vigil.cases.publishable import check_publishable, evidence_keys
from vigil.errors import InputError
from vigil.operations.audit import record
from vigil.settings import get_settings
from vigil.store import dialect
from vigil.store import publications as store


@dataclass(frozen=True, slots=True)
class Done:
    case_id: int  # the live case (a merged-away id is followed)
    changed: bool  # False: it was so already; nothing written


def _live(session: Session, case_id: int) -> int:
    dialect.lock_cases(session.connection())
    session.expire_all()
    return resolve_case_id(session, case_id).id


def publish(
    session: Session,
    case_id: int,
    *,
    actor: str,
    requires_review: bool | None = None,
    dossier: Dossier | None = None,
) -> Done:
    """Publish a case (or confirm a held one). With VIGIL_PUBLISH_REQUIRES_REVIEW (on by
    default) PublishRefused lists the facts the public would see that nobody reviewed.
    ``dossier``: the case as the caller shows it (the web's case source), else built."""
    live = _live(session, case_id)
    if requires_review is None:
        requires_review = get_settings().publish_requires_review
    shown = dossier if dossier is not None else get_dossier(session, live)
    check_publishable(shown, requires_review=requires_review)
    held = store.publication(session, live)
    confirming = held is not None and held.held_at is not None
    changed = store.publish(session, live, actor=actor, evidence=evidence_keys(shown))
    if changed:
        record(session, actor, "case.publish", f"case:{live}", confirmed_hold=confirming)
    return Done(live, changed)


def unpublish(session: Session, case_id: int, *, actor: str) -> Done:
    live = _live(session, case_id)
    changed = store.unpublish(session, live)
    if changed:
        record(session, actor, "case.unpublish", f"case:{live}")
    return Done(live, changed)


def _stating(dossier: Dossier, value: str) -> set[int]:
    """The reports whose evidence in the dossier states ``value`` (in a quote, or in the
    value of a fact the evidence supports), compared as redaction does, case-insensitively."""
    wanted = value.casefold()
    found: set[int] = set()
    facts = [
        (f.value, f.evidence)
        for group in (dossier.birth_dates, dossier.birth_places, dossier.affiliations,
                      dossier.relatives, dossier.roles, dossier.charges, dossier.sentences)
        for f in group
    ]  # fmt: skip
    events = [({k: v for k, v in asdict(e).items() if k != "evidence"}, e.evidence)
              for e in dossier.timeline]  # fmt: skip
    facts += events
    for shown, evidence in facts:
        in_value = wanted in json.dumps(shown, ensure_ascii=False, default=str).casefold()
        found.update(e.report_id for e in evidence if in_value or wanted in e.quote.casefold())
    return found


def release(session: Session, case_id: int, value: str, *, actor: str) -> Done:
    """Let one withheld value of the case through redaction (the value stays out of the
    audit log: it is confidential by default). The release is made for the people of the
    reports whose evidence states the value (all the case's people when none does), and
    follows them (``vigil.store.publications.follow_releases``)."""
    value = value.strip()
    if not value:
        raise InputError("nothing to release", subject=str(case_id))
    live = _live(session, case_id)
    reports = _stating(get_dossier(session, live), value)
    made_for = store.members(session, live, reports) if reports else []
    made_for = made_for or store.members(session, live)
    changed = store.release_value(session, live, value, actor=actor, mentions=made_for)
    if changed:
        record(session, actor, "case.release", f"case:{live}")
    return Done(live, changed)


def withhold(session: Session, case_id: int, value: str, *, actor: str) -> Done:
    live = _live(session, case_id)
    changed = store.withhold_value(session, live, value.strip())
    if changed:
        record(session, actor, "case.withhold", f"case:{live}")
    return Done(live, changed)
