"""The extraction worker ``vigil serve`` starts runs at a lower CPU priority than the
server: on a small machine a hostile upload's extraction must not slow the public pages
(issue 14, item 7)."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from vigil.cli import jobs, serve
from vigil.cli.main import _register_all, app


class _Started(Exception):
    pass


def test_vigil_serve_starts_its_worker_with_a_lower_priority(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[list[str]] = []

    def popen(args: list[str], **_: Any) -> None:
        seen.append(args)

    monkeypatch.setattr(serve.subprocess, "Popen", popen)
    serve.start_extraction_worker()
    [args] = seen
    assert args[args.index("--nice") + 1] == str(serve.WORKER_NICENESS)
    assert serve.WORKER_NICENESS >= 5


def test_the_worker_lowers_its_priority_before_loading_the_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[int] = []

    def nice(n: int) -> int:
        asked.append(n)
        raise _Started  # no model to load here

    monkeypatch.setattr(jobs.os, "nice", nice)
    _register_all()
    result = CliRunner().invoke(app, ["extraction-worker", "--once", "--nice", "7"])
    assert isinstance(result.exception, _Started), result.output
    assert asked == [7]
