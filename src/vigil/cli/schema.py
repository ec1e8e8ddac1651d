"""``vigil schema``: the kinds of fact Vigil records, their fields and allowed values."""

from __future__ import annotations

import json

import typer

from vigil.facts.docs import markdown
from vigil.facts.schema import schema, value_model


def show(
    as_markdown: bool = typer.Option(False, "--markdown", help="The page docs/facts.md holds."),
) -> None:
    """Print the fact schema as JSON Schema (one object per kind), or as Markdown."""
    if as_markdown:
        typer.echo(markdown(), nl=False)
        return
    shapes = {kind: value_model(kind).model_json_schema() for kind in schema().kinds}
    typer.echo(json.dumps(shapes, indent=1, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    app.command("schema")(show)
