"""The commands as a user runs them (subprocesses, real database, real SMTP server)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.alerts.factories import dossier
from tests.alerts.receivers import MailSink
from tests.helpers import vigil
from vigil.alerts.draft import draft_from_dossier
from vigil.alerts.workflow import create_alert
from vigil.store.db import Database


def test_publish_and_deliver_from_the_command_line(
    db: Database,
    vigil_env: dict[str, str],
    alert_env: dict[str, str],
    mail: MailSink,
    tmp_path: Path,
) -> None:
    env = {**vigil_env, **alert_env}
    csv = tmp_path / "subs.csv"
    csv.write_text("email,name,countries\na@example.org,A,KZ\nb@example.org,B,\n")
    done = vigil("subscribers", "import", csv, "--confirmed", env=env, check=True)
    assert b"2 added" in done.stdout
    vigil("subscribers", "add", "c@example.org", "--country", "BY", env=env, check=True)
    with db.transaction() as s:
        alert_id = create_alert(s, draft_from_dossier(dossier()), actor="tester").id
    refused = vigil("alert", "approve", str(alert_id), env=env)
    assert refused.returncode == 1 and b"another person approves" in refused.stderr
    vigil("alert", "approve", str(alert_id), env={**env, "VIGIL_ACTOR": "rev"}, check=True)
    out = vigil("alert", "publish", str(alert_id), env=env, check=True)
    assert b"2 e-mails" in out.stdout
    queued = vigil("outbox", "--json", env=env, check=True).stdout.decode().splitlines()
    assert json.loads(queued[0])["counts"]["email"] == {"queued": 3}  # 2 alerts, 1 opt-in
    vigil("worker", "--once", env=env, check=True)
    assert mail.counts() == {"a@example.org": 1, "b@example.org": 1, "c@example.org": 1}
    shown = vigil("outbox", env=env, check=True).stdout.decode()
    assert "email: 0 queued, 0 sending, 3 sent, 0 failed" in shown
    feed = vigil("alert", "feed", "--country", "KZ", env=env, check=True).stdout
    assert b"Aigerim Bekova" in feed and b"Dana Bekova" not in feed


def test_bad_imports_and_webhooks_fail_with_one_clear_line(
    db: Database, vigil_env: dict[str, str], alert_env: dict[str, str], tmp_path: Path
) -> None:
    env = {**vigil_env, **alert_env}
    csv = tmp_path / "subs.csv"
    csv.write_bytes(b"email\nok@example.org\nnot an address\n")
    bad = vigil("subscribers", "import", csv, env=env)
    assert bad.returncode == 1
    assert b"subs.csv: nothing imported: line 3: not an e-mail address" in bad.stderr
    listed = vigil("subscribers", "list", "--json", env=env, check=True)
    assert listed.stdout == b""
    hook = vigil("subscribers", "webhook-add", "http://127.0.0.1:9/x", env=env)
    assert hook.returncode == 1 and b"private or loopback" in hook.stderr
    ok = vigil("subscribers", "webhook-add", "http://127.0.0.1:9/x", "--allow-private", env=env)
    assert ok.returncode == 0 and json.loads(ok.stdout)["secret"]
    missing = vigil("alert", "draft", "99999", env=env)
    assert missing.returncode == 1 and missing.stderr.startswith(b"vigil: error:")
