"""Which facts of a case the public would see unreviewed, and the rule that publishing needs
them reviewed (``VIGIL_PUBLISH_REQUIRES_REVIEW``, on by default).

A fact counts as reviewed when a reviewer confirmed or corrected it in at least one report
that states it (its value is then the reviewer's). The facts checked are those the public
shape shows (``vigil.redaction.public_dossier``): birth dates and places, roles,
affiliations, relatives (relation only), charges, sentences and the timeline's events.
"""

from __future__ import annotations

from collections.abc import Iterable

from vigil.cases.model import Dossier, Evidence, Fact, TimelineEvent
from vigil.errors import VigilError


class PublishRefused(VigilError):
    """Publishing was refused; the message lists what still needs review."""

    code = "E510"

    def __init__(self, case_id: int, pending: list[str]) -> None:
        self.pending = pending
        shown = "; ".join(pending[:8]) + ("; ..." if len(pending) > 8 else "")
        super().__init__(
            f"not published: {len(pending)} fact{'s' if len(pending) != 1 else ''} the public "
            f"would see {'are' if len(pending) != 1 else 'is'} not reviewed yet ({shown})",
            subject=f"case {case_id}",
        )


def is_reviewed(evidence: Iterable[Evidence]) -> bool:
    return any(e.reviewed for e in evidence)


def _fact_label(kind: str, fact: Fact) -> str:
    value = fact.value
    if kind == "relative":
        return f"relative ({value.get('relation') or 'relation unknown'})"
    shown = ", ".join(str(v) for k, v in value.items() if v not in (None, "", []))
    return f"{kind} {shown}".strip()


def _event_label(event: TimelineEvent) -> str:
    return f"{event.type} {event.date or '(no date)'}"


def unreviewed_facts(dossier: Dossier) -> list[str]:
    """One line per fact of the public shape that no reviewer confirmed or corrected."""
    groups: tuple[tuple[str, tuple[Fact, ...]], ...] = (
        ("birth date", dossier.birth_dates),
        ("birth place", dossier.birth_places),
        ("role", dossier.roles),
        ("affiliation", dossier.affiliations),
        ("relative", dossier.relatives),
        ("charge", dossier.charges),
        ("sentence", dossier.sentences),
    )
    pending = [
        _fact_label(kind, f) for kind, facts in groups for f in facts if not is_reviewed(f.evidence)
    ]
    pending += [f"event {_event_label(e)}" for e in dossier.timeline if not is_reviewed(e.evidence)]
    return pending


def check_publishable(dossier: Dossier, *, requires_review: bool) -> None:
    """Raise ``PublishRefused`` listing the unreviewed facts, when review is required."""
    if not requires_review:
        return
    pending = unreviewed_facts(dossier)
    if pending:
        raise PublishRefused(dossier.summary.id, pending)
