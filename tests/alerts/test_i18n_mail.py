"""Alert mail in the subscriber's language: Vigil's own words translated, the editors'
text sent as written."""

from __future__ import annotations

from tests.alerts.factories import dossier, published_alert
from tests.alerts.receivers import MailSink
from vigil.alerts.draft import draft_from_dossier
from vigil.alerts.subscribers import subscribe
from vigil.alerts.worker import Worker
from vigil.settings import AlertSettings
from vigil.store.db import Database


def test_a_russian_subscriber_gets_the_alert_in_russian(
    db: Database, settings: AlertSettings, mail: MailSink
) -> None:
    with db.transaction() as s:
        subscribe(s, "ru@example.org", confirmed=True, language="ru")
        subscribe(s, "en@example.org", confirmed=True)
    published_alert(db, settings)
    Worker(db, settings).drain()
    by_address = {m["To"].addresses[0].addr_spec: m for m in mail.parsed()}
    ru, en = by_address["ru@example.org"], by_address["en@example.org"]
    assert ru["Subject"].startswith("[Срочная акция] Kazakhstan")  # the title as written
    assert ru["Content-Language"] == "ru"
    body = ru.get_content()
    assert "Мы призываем:" in body and "Читать на сайте:" in body
    assert "Вы получили это письмо, потому что подписались" in body
    assert "Отписаться: https://vigil.example/alerts/unsubscribe/" in body
    assert en["Subject"].startswith("[Urgent action] ") and "What we ask:" in en.get_content()


def test_the_confirmation_message_is_in_the_subscribers_language(
    db: Database, settings: AlertSettings, mail: MailSink
) -> None:
    with db.transaction() as s:
        subscribe(s, "novy@example.org", language="ru")
    Worker(db, settings).drain()
    (msg,) = mail.parsed()
    assert msg["Subject"] == "Подтвердите подписку на срочные акции Vigil"
    assert "Чтобы подтвердить подписку" in msg.get_content()


def test_a_draft_is_worded_in_the_editors_language() -> None:
    draft = draft_from_dossier(dossier(), language="ru")  # type: ignore[arg-type]
    assert draft.title.startswith("Казахстан: ")
    assert "(а)" in draft.body or "обвиняется" in draft.body
    assert "Генеральная прокуратура (Казахстан)" in draft.appeal_to
    english = draft_from_dossier(dossier())  # type: ignore[arg-type]
    assert english.title.startswith("Kazakhstan: ")
