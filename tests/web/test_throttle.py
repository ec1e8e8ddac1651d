"""Login throttling under parallel attempts, forwarded addresses and lock-out attempts
(issue 14, item 9), through a real server on both backends."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from tests.web.conftest import PASSWORD, csrf_of, login, make_app, serve
from tests.web.fixtures import fake_cases
from vigil.store.accounts import LoginAttempt, add_user
from vigil.store.db import Database

WRONG = "wrong password!"


def _burst(url: str, attempts: list[tuple[str, str, dict[str, str]]]) -> list[int]:
    """Each attempt on its own client (its own CSRF seed), all sent at once."""

    def one(attempt: tuple[str, str, dict[str, str]]) -> int:
        name, password, headers = attempt
        with httpx.Client(base_url=url, timeout=120, headers=headers) as client:
            return login(client, name, password).status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        return list(pool.map(one, attempts))


@pytest.fixture
def served(db: Database, tmp_path: Path) -> object:
    with db.transaction() as session:
        add_user(session, "vic", "viewer", PASSWORD, actor="setup")
    yield from serve(make_app(db, tmp_path, fake_cases()))


def test_parallel_wrong_passwords_are_counted_atomically(served: str, db: Database) -> None:
    attempts = [("vic", WRONG, {})] * 40
    attempts[30] = ("vic", PASSWORD, {})  # the attacker guesses right in the middle
    codes = _burst(served, attempts)
    evaluated = [c for c in codes if c in (303, 401)]
    assert len(evaluated) <= 5, codes  # the limit per account, however fast they come
    assert codes.count(429) >= 35
    assert 303 not in codes[:30] + codes[31:]
    if codes[30] == 303:  # only if it came before the limit was reached
        assert codes.count(401) <= 4
    with db.read() as session:
        n = session.scalar(select(func.count()).select_from(LoginAttempt))
    assert n == 40  # every attempt is on record, refused ones too


def test_a_rotated_forwarded_for_header_is_not_believed(served: str) -> None:
    codes = _burst(
        served,
        [("vic", WRONG, {"X-Forwarded-For": f"203.0.113.{i}"}) for i in range(12)]
        + [(f"nobody{i}", WRONG, {"X-Forwarded-For": f"198.51.100.{i}"}) for i in range(20)],
    )
    # Per account: 5 evaluated. Per address (all from 127.0.0.1 really): 20 evaluated.
    assert codes[:12].count(401) <= 5
    assert sum(c == 401 for c in codes) <= 20, codes


def test_trusted_proxy_forwarded_for_is_the_client(db: Database, tmp_path: Path) -> None:
    with db.transaction() as session:
        add_user(session, "vic", "viewer", PASSWORD, actor="setup")
    app = make_app(db, tmp_path, fake_cases(), trusted_proxies="127.0.0.0/8")
    for url in serve(app):
        # 25 wrong guesses from 25 addresses behind our proxy, at 25 different names:
        # no address reaches its limit of 20.
        codes = _burst(
            url,
            [(f"n{i}", WRONG, {"X-Forwarded-For": f"1.2.3.4, 203.0.113.{i}"}) for i in range(25)],
        )
        assert codes == [401] * 25
        # One address behind the proxy: blocked after 20, whatever is left of it.
        codes = _burst(
            url,
            [(f"m{i}", WRONG, {"X-Forwarded-For": f"10.9.9.{i}, 198.51.100.7"}) for i in range(25)],
        )
        assert codes.count(401) == 20 and codes.count(429) == 5


def test_an_attacker_cannot_lock_the_owner_out(served: str) -> None:
    owner = httpx.Client(base_url=served, timeout=120)
    assert login(owner, "vic", PASSWORD).status_code == 303  # the owner's usual browser
    form = owner.get("/")
    owner.post("/logout", data={"csrf": csrf_of(form.text)})
    # An attacker elsewhere: 5 wrong guesses, then refused for a while.
    attacker = [("vic", WRONG, {})] * 8
    codes = _burst(served, attacker)
    assert codes.count(429) >= 3
    # The owner, from the browser they logged in with before, gets in at once.
    assert login(owner, "vic", PASSWORD).status_code == 303
    # From a new browser the owner is slowed down like the attacker, not locked out for
    # 15 minutes: the refusal says how long to wait.
    fresh = httpx.Client(base_url=served, timeout=120)
    answer = login(fresh, "vic", PASSWORD)
    assert answer.status_code == 429
    assert 0 < int(answer.headers["Retry-After"]) <= 300
