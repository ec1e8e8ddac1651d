"""``vigil where``: where this command's data is, so the server and a command typed by hand
can be seen to agree (both read VIGIL_HOME and VIGIL_DATABASE_URL the same way)."""

from __future__ import annotations

import json

import typer
from sqlalchemy.engine import make_url

from vigil.settings import SETTINGS, default_home, get_settings


def where(as_json: bool = typer.Option(False, "--json", help="One JSON object.")) -> None:
    """Print the data directory, the database and the settings taken from the environment."""
    settings = get_settings()
    url = make_url(settings.database_url).render_as_string(hide_password=True)
    key_from_env = "VIGIL_SECRET_KEY" in settings.values
    info = {
        "home": str(settings.home),
        "home_from": "VIGIL_HOME" if "VIGIL_HOME" in settings.values else "default",
        "default_home": str(default_home()),
        "database": url,
        "secret": "VIGIL_SECRET_KEY" if key_from_env else str(settings.home / "secret_key"),
        "set": sorted(k for k in settings.values if k in SETTINGS),
    }
    if as_json:
        typer.echo(json.dumps(info))
        return
    typer.echo(f"data directory  {info['home']}  ({info['home_from']})")
    typer.echo(f"database        {info['database']}")
    typer.echo(f"secret          {info['secret']}")
    typer.echo(f"settings set    {', '.join(info['set']) or 'none (all defaults)'}")


def register(app: typer.Typer) -> None:
    app.command("where")(where)
