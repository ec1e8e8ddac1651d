"""Which facts of a case the public would see unreviewed, and the rule that publishing needs
them reviewed (``VIGIL_PUBLISH_REQUIRES_REVIEW``, on by default).

A fact counts as reviewed when a reviewer confirmed or corrected it in at least one report
that states it (its value is then the reviewer's). The facts checked are those the public
shape shows (``vigil.redaction.public_dossier``): birth dates and places, roles,
affiliations, relatives (relation only), charges, sentences and the timeline's events.

The refusal and the lines listing the facts speak the language in use (``vigil.i18n``): a
reviewer's on the pages, English in the API and on the command line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from vigil.cases.model import Dossier, Evidence, Fact, TimelineEvent
from vigil.errors import VigilError
from vigil.i18n import _, ngettext, pgettext, pN_


class PublishRefused(VigilError):
    """Publishing was refused; the message lists what still needs review."""

    code = "E510"

    def __init__(self, case_id: int, pending: list[str]) -> None:
        self.pending = pending
        shown = "; ".join(pending[:8]) + ("; ..." if len(pending) > 8 else "")
        message = ngettext(
            "not published: %(num)s fact the public would see is not reviewed yet (%(facts)s)",
            "not published: %(num)s facts the public would see are not reviewed yet (%(facts)s)",
            len(pending),
        )
        super().__init__(message % {"num": len(pending), "facts": shown}, subject=f"case {case_id}")


def is_reviewed(evidence: Iterable[Evidence]) -> bool:
    return any(e.reviewed for e in evidence)


def _fact_label(kind: str, fact: Fact) -> str:
    value = fact.value
    label = pgettext("unreviewed fact", kind)
    if kind == "relative":
        relation = value.get("relation") or _("relation unknown")
        return f"{label} ({relation})"
    shown = ", ".join(str(v) for k, v in value.items() if v not in (None, "", []))
    return f"{label} {shown}".strip()


def _event_label(event: TimelineEvent) -> str:
    # Event types are stored as "travel_ban" and translated as "travel ban".
    spoken = event.type.replace("_", " ")
    translated = pgettext("event type", spoken)
    shown = event.type if translated == spoken else translated
    label = pgettext("unreviewed fact", "event")
    when = event.date or _("(no date)")
    return f"{label} {shown} {when}"


def unreviewed_facts(dossier: Dossier) -> list[str]:
    """One line per fact of the public shape that no reviewer confirmed or corrected."""
    groups: tuple[tuple[str, tuple[Fact, ...]], ...] = (
        (pN_("unreviewed fact", "birth date"), dossier.birth_dates),
        (pN_("unreviewed fact", "birth place"), dossier.birth_places),
        (pN_("unreviewed fact", "role"), dossier.roles),
        (pN_("unreviewed fact", "affiliation"), dossier.affiliations),
        (pN_("unreviewed fact", "relative"), dossier.relatives),
        (pN_("unreviewed fact", "charge"), dossier.charges),
        (pN_("unreviewed fact", "sentence"), dossier.sentences),
    )
    pending = [
        _fact_label(kind, f) for kind, facts in groups for f in facts if not is_reviewed(f.evidence)
    ]
    pending += [_event_label(e) for e in dossier.timeline if not is_reviewed(e.evidence)]
    return pending


def _public_evidence(dossier: Dossier) -> Iterator[Evidence]:
    """Every evidence item of the facts the public shape shows (as ``unreviewed_facts``)."""
    for facts in (
        dossier.birth_dates,
        dossier.birth_places,
        dossier.roles,
        dossier.affiliations,
        dossier.relatives,
        dossier.charges,
        dossier.sentences,
    ):
        for f in facts:
            yield from f.evidence
    for e in dossier.timeline:
        yield from e.evidence  # fmt: skip


def evidence_key(e: Evidence) -> str:
    """One telling of one fact: the report, the claim (a claim's value never changes
    unless a reviewer edits it) and what its quote says."""
    quote = hashlib.sha1(e.quote.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
    return f"{e.report_id}:{e.claim_id}:{quote}"


def evidence_keys(dossier: Dossier) -> list[str]:
    """The keys of all the evidence the public shape of ``dossier`` shows: what a reviewer
    publishes (``vigil.store.publications.Publication.evidence``)."""
    return sorted({evidence_key(e) for e in _public_evidence(dossier)})


def unreviewed_evidence(dossier: Dossier) -> set[str]:
    """The keys of the evidence the public shape shows that no reviewer confirmed."""
    return {evidence_key(e) for e in _public_evidence(dossier) if not e.reviewed}


def check_publishable(dossier: Dossier, *, requires_review: bool) -> None:
    """Raise ``PublishRefused`` listing the unreviewed facts, when review is required."""
    if not requires_review:
        return
    pending = unreviewed_facts(dossier)
    if pending:
        raise PublishRefused(dossier.summary.id, pending)
