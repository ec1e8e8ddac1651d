"""Urgent actions: drafted from a case, reviewed, published to the site, feeds, e-mail
subscribers and partners' webhooks; follow-ups; interventions.

    from vigil.alerts import draft_from_dossier, create_alert, approve_alert, publish_alert
    from vigil.alerts import confirm_subscription, unsubscribe, interventions_for_case
    from vigil.alerts.worker import Worker     # delivery: ``vigil worker`` or in-process

Delivery goes through a persisted outbox (``vigil.store.alerts``); see ``worker``.
"""

from vigil.alerts.draft import AlertDraft, draft_from_dossier
from vigil.alerts.feeds import atom_feed
from vigil.alerts.interventions import (
    Intervention,
    interventions_for_case,
    record_intervention,
    record_response,
)
from vigil.alerts.subscribers import add_webhook, confirm_subscription, subscribe, unsubscribe
from vigil.alerts.workflow import (
    approve_alert,
    create_alert,
    edit_alert,
    get_alert,
    list_alerts,
    publish_alert,
)

__all__ = [
    "AlertDraft",
    "Intervention",
    "add_webhook",
    "approve_alert",
    "atom_feed",
    "confirm_subscription",
    "create_alert",
    "draft_from_dossier",
    "edit_alert",
    "get_alert",
    "interventions_for_case",
    "list_alerts",
    "publish_alert",
    "record_intervention",
    "record_response",
    "subscribe",
    "unsubscribe",
]
