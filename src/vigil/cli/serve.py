"""``vigil serve``: the web application (reviewers' pages, public site, JSON API)."""

from __future__ import annotations

import typer

from vigil.cli.common import err


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
    err.print(f"vigil: serving on http://{host}:{port}/ (Ctrl+C to stop)")
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
    )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
