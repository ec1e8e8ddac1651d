"""Words of Vigil's data shown on pages (case statuses, event types, roles, claim and
alert states), marked for the catalogues with their context, and the ``term`` filter that
translates them: ``{{ c.status|term("case status") }}``. A value not listed here is shown
as it is stored."""

from __future__ import annotations

from vigil.i18n import pgettext, pN_

TERMS: tuple[str, ...] = (
    pN_("case status", "at liberty"),
    pN_("case status", "threatened"),
    pN_("case status", "detained"),
    pN_("case status", "charged"),
    pN_("case status", "on trial"),
    pN_("case status", "sentenced"),
    pN_("case status", "released"),
    pN_("case status", "disappeared"),
    pN_("case status", "killed"),
    pN_("event type", "arrest"),
    pN_("event type", "detention"),
    pN_("event type", "search"),
    pN_("event type", "charge"),
    pN_("event type", "indictment"),
    pN_("event type", "trial"),
    pN_("event type", "sentence"),
    pN_("event type", "conviction"),
    pN_("event type", "release"),
    pN_("event type", "attack"),
    pN_("event type", "torture"),
    pN_("event type", "threat"),
    pN_("event type", "disappearance"),
    pN_("event type", "killing"),
    pN_("event type", "restriction"),
    pN_("event type", "protest"),
    pN_("event type", "travel ban"),
    pN_("event type", "summons"),
    pN_("event type", "fine"),
    pN_("role", "viewer"),
    pN_("role", "editor"),
    pN_("role", "reviewer"),
    pN_("role", "admin"),
    pN_("claim state", "machine"),
    pN_("claim state", "confirmed"),
    pN_("claim state", "edited"),
    pN_("claim state", "rejected"),
    pN_("fact kind", "person"),
    pN_("fact kind", "alias"),
    pN_("fact kind", "affiliation"),
    pN_("fact kind", "relative"),
    pN_("fact kind", "birth date"),
    pN_("fact kind", "birth place"),
    pN_("fact kind", "organization"),
    pN_("fact kind", "event"),
    pN_("fact kind", "charge"),
    pN_("fact kind", "sentence"),
    pN_("fact kind", "place"),
    pN_("review state", "not started"),
    pN_("review state", "in progress"),
    pN_("review state", "reviewed"),
    pN_("alert status", "draft"),
    pN_("alert status", "approved"),
    pN_("alert status", "published"),
    pN_("alert kind", "alert"),
    pN_("alert kind", "followup"),
    # Column headings of the organisation and law-article lists (their keys).
    pN_("column", "name"),
    pN_("column", "also"),
    pN_("column", "kind"),
    pN_("column", "reports"),
    pN_("column", "cases"),
    pN_("column", "article"),
    pN_("column", "country"),
    pN_("column", "people"),
    pN_("upload", "stored"),
    pN_("upload", "rejected"),
    pN_("upload", "duplicate"),
    # An uploaded report's extraction, done by the extraction worker after the upload.
    pN_("extraction", "queued"),
    pN_("extraction", "running"),
    pN_("extraction", "done"),
    pN_("extraction", "failed"),
    # Why a value is withheld from the public (the redaction policy's categories).
    pN_("withheld", "phone"),
    pN_("withheld", "id number"),
    pN_("withheld", "address"),
    pN_("withheld", "relative name"),
    pN_("withheld", "medical"),
    pN_("withheld", "confidential"),
)


def term(value: object, context: str) -> str:
    """``value`` in the reader's language (``travel_ban`` is read as ``travel ban``)."""
    if value is None or value == "":
        return ""
    text = str(value).replace("_", " ")
    return pgettext(context, text)
