"""The throttle's schedule: limits, doubling delays, forgetting, forgiving (both backends)."""

from __future__ import annotations

from datetime import timedelta

from vigil.store.db import Database
from vigil.store.throttle import FIRST_DELAY, Key, ThrottleRow, forgive, reserve

NAME, ADDR = Key("name", "vic"), Key("address", "192.0.2.1")


def _reserve(db: Database, *keys: Key) -> float:
    with db.transaction() as s:
        return reserve(s, keys)


def _shift(db: Database, **delta: timedelta) -> None:
    """Move the counters' clocks back, as if that much time had passed."""
    with db.transaction() as s:
        for row in s.query(ThrottleRow):
            for col, d in delta.items():
                if getattr(row, col) is not None:
                    setattr(row, col, getattr(row, col) - d)


def test_delays_double_after_the_limit_and_failures_are_forgotten(db: Database) -> None:
    assert [_reserve(db, NAME, ADDR) for _ in range(5)] == [0.0] * 5
    assert _reserve(db, NAME, ADDR) == FIRST_DELAY  # the sixth waits
    assert _reserve(db, NAME) == FIRST_DELAY  # a refusal does not lengthen the wait
    _shift(db, next_allowed_at=timedelta(seconds=FIRST_DELAY))
    assert _reserve(db, NAME) == 0.0  # the sixth attempt, after the wait
    assert _reserve(db, NAME) == 2 * FIRST_DELAY
    _shift(db, next_allowed_at=timedelta(minutes=20), last_failure_at=timedelta(minutes=16))
    assert [_reserve(db, NAME) for _ in range(5)] == [0.0] * 5


def test_success_forgives_the_account_not_the_address(db: Database) -> None:
    for _ in range(4):
        _reserve(db, NAME, ADDR)
    with db.transaction() as s:
        forgive(s, [NAME, ADDR])
        rows = {r.key: r.failures for r in s.query(ThrottleRow)}
    assert rows == {"name:vic": 0, "address:192.0.2.1": 3}
