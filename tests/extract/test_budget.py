"""The per-report budget counts the work a report costs, not a busy machine's waiting."""

from __future__ import annotations

import time

from vigil.extract.budget import Deadline


def _spin(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_waiting_does_not_spend_a_reading_process_budget() -> None:
    deadline = Deadline(0.2)
    deadline.start()
    time.sleep(0.3)  # another process has the CPU
    assert not deadline.passed()
    _spin(0.25)
    assert deadline.passed()


def test_with_helper_processes_wall_time_is_counted() -> None:
    deadline = Deadline(0.2, wall=True)
    deadline.start()
    time.sleep(0.3)
    assert deadline.passed()


def test_time_given_back_is_not_counted() -> None:
    deadline = Deadline(0.2)
    deadline.start()
    _spin(0.25)
    deadline.postpone(0.25)  # e.g. loading a model once
    assert not deadline.passed()
    assert not Deadline(None).passed() and not Deadline(0).passed()
