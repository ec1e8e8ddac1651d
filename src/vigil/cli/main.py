"""Entry point of the ``vigil`` command.

Each command group lives in its own module with a ``register(app)`` function; the list
below is the one place that names them, so a new command never edits another's module.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys

import typer

from vigil.errors import VigilError

COMMAND_MODULES: tuple[str, ...] = (
    "vigil.cli.ingest",
    "vigil.cli.reports",
    "vigil.cli.search",
    "vigil.cli.claims",
    "vigil.cli.workbench",
    "vigil.cli.cases",
    "vigil.cli.publishing",
    "vigil.cli.audit",
    "vigil.cli.organizations",
    "vigil.cli.extract",
    "vigil.cli.eval",
    "vigil.cli.quality",
    "vigil.cli.preview",
    "vigil.cli.alerts",
    "vigil.cli.subscribers",
    "vigil.cli.delivery",
    "vigil.cli.jobs",
    "vigil.cli.serve",
    "vigil.cli.users",
    "vigil.cli.where",
    "vigil.cli.schema",
)

app = typer.Typer(
    name="vigil",
    help=(
        "Turn reports about people at risk into structured, source-linked case records. "
        "`vigil where` shows where your data is kept."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


_registered = False


def _register_all() -> None:
    global _registered
    if _registered:
        return
    _registered = True
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        module.register(app)


@app.callback()
def _main(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress at INFO level."),
) -> None:
    # Report text and personal fields are never logged at INFO; DEBUG may carry ids only.
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def run() -> None:
    """Console-script entry: clear one-line errors, quiet exit on a closed pipe."""
    _register_all()
    try:
        app()
    except VigilError as exc:
        typer.echo(f"vigil: error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        # The reader of our output went away (``vigil reports | head``): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        typer.echo("vigil: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    run()
