"""Whatever editors or subscribers type, a rendered message has exactly our headers."""

from __future__ import annotations

import email
import email.policy

from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.alerts.messages import AlertMail
from vigil.settings import AlertSettings

HEADERS = {
    "to",
    "date",
    "message-id",
    "list-unsubscribe",
    "from",
    "subject",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "list-unsubscribe-post",
    "content-language",
}
hostile = st.text(
    alphabet=st.sampled_from(list("aé Ж\r\n\t:<>\"'=?@.,;\\\x00\x0b\x85\u2028Bc")), max_size=60
)


def _public(title: str, body: str) -> dict[str, object]:
    return {
        "id": 1,
        "kind": "alert",
        "title": title,
        "body": body,
        "asks": ["Free them"],
        "appeal_to": [],
        "url": "https://vigil.example/alerts/1",
    }


@settings(max_examples=150, deadline=None)
@given(title=hostile, name=hostile, body=hostile)
def test_no_field_can_add_a_header(
    alert_settings: AlertSettings, title: str, name: str, body: str
) -> None:
    raw = AlertMail(alert_settings, _public(title, body)).render(
        outbox_id=3, subscriber_id=4, to="p@example.org", name=name
    )
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert all(line[:1] in (b" ", b"\t") or b":" in line for line in head.split(b"\r\n"))
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert {k.lower() for k in msg} == HEADERS
    assert msg["To"].addresses[0].addr_spec == "p@example.org"
    assert "/alerts/unsubscribe/u.4." in msg.get_content()
