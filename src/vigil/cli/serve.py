"""``vigil serve``: the web application (reviewers' pages, public site, JSON API), and the
extraction worker process that extracts uploaded reports (VIGIL_EXTRACTION_WORKER)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from types import FrameType

import typer

from vigil.cli.common import err

# Seconds the server gives requests under way to finish once asked to stop, and the
# extraction worker to give its job back before it is killed.
GRACE = 5.0
# The extraction worker's CPU priority below the server's (``nice``): on a small machine the
# model's minutes of work on a hostile upload must not slow the public pages.
WORKER_NICENESS = 10


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes."),
) -> None:
    """Serve the web application until interrupted."""
    import uvicorn

    from vigil.settings import get_settings
    from vigil.store.db import open_database

    settings = get_settings()
    open_database(settings).close()  # migrate once, before any worker starts
    settings.web  # noqa: B018 -- create the secret key on first serve, fail early on bad values
    # uvicorn handles SIGTERM itself, puts this handler back once it has shut down and
    # raises the signal again: this handler then ends the command (see below).
    signal.signal(signal.SIGTERM, _stopped)
    extraction = start_extraction_worker() if settings.extraction_worker else None
    err.print(f"vigil: serving on http://{host}:{port}/ (Ctrl+C to stop)")
    terminated = False
    try:
        uvicorn.run(
            "vigil.web:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            # X-Forwarded-For is read by the application, from VIGIL_TRUSTED_PROXIES only
            # (web.auth.client_address); uvicorn's own handling would believe 127.0.0.1.
            proxy_headers=False,
            access_log=False,
            timeout_graceful_shutdown=int(GRACE),
        )
    except _Terminated:
        terminated = True
    finally:
        if extraction is not None:
            stop_extraction_worker(extraction)
    if terminated:
        # The server has shut down and its worker with it. Skip the interpreter's teardown
        # of the application (1 s measured, more under load): whoever sent SIGTERM is
        # waiting for the process to end.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def _stopped(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


class _Terminated(Exception):
    """SIGTERM, raised again by uvicorn once it has shut down."""


def start_extraction_worker() -> subprocess.Popen[bytes]:
    """``vigil extraction-worker`` as a child process that ends with this one."""
    # Our own interpreter with fixed arguments: nothing from outside reaches the command.
    return subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "vigil.cli.main",
            "extraction-worker",
            "--exit-with-parent",
            "--nice",
            str(WORKER_NICENESS),
        ]
    )


def stop_extraction_worker(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM (the worker gives its job back), then SIGKILL after GRACE seconds (the job
    is taken again when its lease runs out)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(GRACE)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
