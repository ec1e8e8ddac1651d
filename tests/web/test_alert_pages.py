"""Urgent actions on the site: published alerts, feeds, subscribing with double opt-in and
the links in messages, as a visitor uses them (both backends)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.web.conftest import Site, csrf_of
from vigil.alerts import approve_alert, create_alert, publish_alert
from vigil.alerts.draft import AlertDraft
from vigil.alerts.tokens import CONFIRM, UNSUBSCRIBE, make_token
from vigil.settings import get_settings
from vigil.store.alerts import OutboxRow, SubscriberRow
from vigil.store.publications import publish as publish_case


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIL_SECRET_KEY", "alert-link-test-key-" + "y" * 32)


def _publish(site: Site) -> int:
    draft = AlertDraft(
        case_id=1,
        title="Kazakhstan: journalist detained in Almaty",
        body="Dana Serikova was arrested on 10 March 2024.\n\nHer lawyer: +7 701 555 12 34.",
        country="KZ",
        event_type="arrest",
        asks=("Release her at once",),
        appeal_to=("Prosecutor General",),
    )
    with site.db.transaction() as s:
        alert = create_alert(s, draft, actor="eve")
        approve_alert(s, alert.id, actor="rex")
        publish_alert(s, alert.id, actor="rex", public_url=site.url)
        return alert.id


def test_published_alerts_pages_and_feeds(site: Site) -> None:
    alert_id = _publish(site)
    web = site.client()
    listing = web.get("/alerts")
    assert listing.status_code == 200 and "journalist detained in Almaty" in listing.text
    one = web.get(f"/alerts/{alert_id}")
    assert one.status_code == 200 and "Release her at once" in one.text
    assert "555 12 34" not in one.text and "[withheld]" in one.text
    assert web.get(f"/api/alerts/{alert_id}").json()["title"].startswith("Kazakhstan")
    assert web.get("/alerts/99999").status_code == 404
    for feed in ("/alerts/feed.atom", "/alerts/country/KZ/feed.atom", "/cases/1/alerts.atom"):
        answer = web.get(feed)
        assert answer.status_code == 200, feed
        assert answer.headers["content-type"].startswith("application/atom+xml")
        assert "journalist detained in Almaty" in answer.text and "555 12 34" not in answer.text
    assert web.get("/cases/2/alerts.atom").status_code == 404, "case 2 is not published"


def test_subscribe_confirm_and_unsubscribe(site: Site) -> None:
    web = site.client()
    form = web.get("/alerts/subscribe")
    assert form.status_code == 200
    bad = web.post(
        "/alerts/subscribe", data={"email": "not-an-address", "csrf": csrf_of(form.text)}
    )
    assert bad.status_code == 400
    forged = web.post("/alerts/subscribe", data={"email": "a@example.org", "csrf": "0" * 64})
    assert forged.status_code == 403
    done = web.post(
        "/alerts/subscribe",
        data={
            "email": "Reader@Example.org",
            "countries": "KZ by",
            "event_types": ["arrest"],
            "csrf": csrf_of(form.text),
        },
    )
    assert done.status_code == 200 and "on its way" in done.text
    with site.db.read() as s:
        sub = s.scalars(select(SubscriberRow)).one()
        assert sub.status == "pending" and sub.countries == ["KZ", "BY"]
        assert s.scalars(select(OutboxRow)).first() is not None, "confirmation queued"
    key = get_settings().alerts.secret_key
    assert web.get("/alerts/confirm/c.1.0.forged").status_code == 400
    assert web.get(f"/alerts/confirm/{make_token(key, CONFIRM, sub.id)}").status_code == 200
    leave = make_token(key, UNSUBSCRIBE, sub.id)
    assert web.get(f"/alerts/confirm/{leave}").status_code == 400, "wrong purpose"
    with site.db.read() as s:
        assert s.get(SubscriberRow, sub.id).status == "active"  # type: ignore[union-attr]
    asked = web.get(f"/alerts/unsubscribe/{leave}")
    assert asked.status_code == 200
    with site.db.read() as s:
        assert s.get(SubscriberRow, sub.id).status == "active", "a GET changes nothing"  # type: ignore[union-attr]
    assert web.post(f"/alerts/unsubscribe/{leave}").status_code == 200
    with site.db.read() as s:
        assert s.get(SubscriberRow, sub.id).status == "unsubscribed"  # type: ignore[union-attr]


def test_parallel_subscribes_of_one_address_are_harmless(site: Site) -> None:
    """A double-click, twenty times over: every answer is the normal one, one subscriber,
    one confirmation message."""
    from concurrent.futures import ThreadPoolExecutor

    def one(_: int) -> int:
        with site.client() as web:
            form = web.get("/alerts/subscribe")
            data = {"email": "twice@example.org", "csrf": csrf_of(form.text)}
            return web.post("/alerts/subscribe", data=data).status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(one, range(20)))
    assert codes == [200] * 20
    with site.db.read() as s:
        assert len(s.scalars(select(SubscriberRow)).all()) == 1
        assert len(s.scalars(select(OutboxRow)).all()) == 1


def test_alerts_hide_the_case_id_of_unpublished_cases(site: Site) -> None:
    """Issue 14.6: an alert about a case that is not published must not name its id."""
    draft = AlertDraft(
        case_id=2, title="Belarus: activist detained", body="Detained on 1 May 2024.",
        country="BY", event_type="arrest",
    )  # fmt: skip
    with site.db.transaction() as s:
        alert = create_alert(s, draft, actor="eve")
        approve_alert(s, alert.id, actor="rex")
        publish_alert(s, alert.id, actor="rex", public_url=site.url)
        frozen = dict(alert.public or {})
    assert frozen["case_id"] is None, "webhooks and e-mails read the frozen shape"
    web = site.client()
    assert [a["case_id"] for a in web.get("/api/alerts").json()["alerts"]] == [None]
    assert web.get(f"/api/alerts/{alert.id}").json()["case_id"] is None
    assert "/cases/2" not in web.get(f"/alerts/{alert.id}").text
    # Published later, the case is linked from then on.
    with site.db.transaction() as s:
        publish_case(s, 2, actor="rex")
    assert web.get(f"/api/alerts/{alert.id}").json()["case_id"] == 2


def test_a_relative_named_only_in_the_alert_body_is_withheld_everywhere(site: Site) -> None:
    """Issue 14.4: "Timur Abenov, her husband" written by an editor reached the alert
    page and three feeds."""
    draft = AlertDraft(
        case_id=1,
        title="Kazakhstan: journalist detained",
        body="Dana Serikova was arrested on 10 March 2024. Timur Abenov, her husband, has "
        "been threatened. Ensure she receives insulin and adequate medical care.",
        country="KZ",
        event_type="arrest",
    )
    with site.db.transaction() as s:
        alert = create_alert(s, draft, actor="eve")
        approve_alert(s, alert.id, actor="rex")
        publish_alert(s, alert.id, actor="rex", public_url=site.url)
    web = site.client()
    paths = [f"/alerts/{alert.id}", f"/api/alerts/{alert.id}", "/api/alerts", "/alerts"]
    paths += ["/alerts/feed.atom", "/alerts/country/KZ/feed.atom", "/cases/1/alerts.atom"]
    for path in paths:
        body = web.get(path).text
        assert "Abenov" not in body and "insulin" not in body, path
        if path != "/alerts":  # the listing shows titles only
            assert "adequate medical care" in body, path
