"""``vigil search``: full-text search with highlighted snippets."""

from __future__ import annotations

import typer
from rich.markup import escape

from vigil.cli.common import out, print_json_line, reading, transaction
from vigil.store.search import rebuild_index
from vigil.store.search import search as run_search


def search(
    query: list[str] = typer.Argument(
        ..., help='Words (all must match), "a phrase", prefix*, -excluded.'
    ),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=1000),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per hit."),
) -> None:
    """Find reports by full text, best first, with the matching words highlighted."""
    raw = " ".join(query)
    with reading() as session:
        result = run_search(session, raw, limit=limit, offset=offset)
    if as_json:
        for hit in result.hits:
            print_json_line(
                {
                    "id": hit.report.id,
                    "sha256": hit.report.sha256,
                    "title": hit.report.title,
                    "filename": hit.report.filename,
                    "published": hit.report.published,
                    "score": round(hit.score, 4),
                    "snippet": "".join(f"[{f.text}]" if f.marked else f.text for f in hit.snippet),
                    "highlights": [f.text for f in hit.snippet if f.marked],
                }
            )
        return
    if not result.query.positive:
        out.print("nothing to search for: give at least one word that is not excluded")
        raise typer.Exit(2)
    for hit in result.hits:
        title = escape(hit.report.title or hit.report.filename)
        out.print(f"[bold]{hit.report.id}[/]  {title}  [dim]{hit.report.published or ''}[/]")
        line = "".join(
            f"[reverse]{escape(f.text)}[/]" if f.marked else escape(f.text) for f in hit.snippet
        )
        out.print(f"    {line}")
    total = f"{result.total - 1:,}+" if result.more else f"{result.total:,}"
    out.print(f"{len(result.hits)} shown of {total} matching reports")


def reindex() -> None:
    """Rebuild the full-text index of every report (after the search keys' word lists,
    store/data/word_forms.yaml, changed)."""
    with transaction() as session:
        done = rebuild_index(session.connection())
    out.print(f"indexed {done:,} reports")


def register(app: typer.Typer) -> None:
    app.command("search")(search)
    app.command("reindex")(reindex)
