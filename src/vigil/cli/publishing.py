"""``vigil publish``, ``unpublish``, ``release``, ``withhold``, ``held``: what the public
site shows, as a reviewer decides it from the browser or from here (attributed to
VIGIL_ACTOR, listed by ``vigil audit``)."""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape

from vigil.cli.common import case_ref, out, print_json_line, reading, transaction
from vigil.operations import publishing
from vigil.settings import get_settings
from vigil.store.publications import held as held_publications

CASE = typer.Argument(..., help="Case id or name (a merged-away id leads to its case).")


def publish(ref: str = CASE) -> None:
    """Publish a case with its present people and reports, redacted; publishing a held
    case again confirms it after a merge or split."""
    with transaction() as session:
        done = publishing.publish(session, case_ref(session, ref), actor=get_settings().actor)
    out.print(f"case {done.case_id} {'published' if done.changed else 'was published already'}")


def unpublish(ref: str = CASE) -> None:
    """Take a case off the public site."""
    with transaction() as session:
        done = publishing.unpublish(session, case_ref(session, ref), actor=get_settings().actor)
    out.print(f"case {done.case_id} {'unpublished' if done.changed else 'was not published'}")


def release(
    ref: str = CASE,
    value: str = typer.Argument(..., help="The withheld value to show, exactly as written."),
) -> None:
    """Let one withheld value of a case through redaction on the public site."""
    with transaction() as session:
        done = publishing.release(
            session, case_ref(session, ref), value, actor=get_settings().actor
        )
    out.print(f"case {done.case_id}: {'released' if done.changed else 'was released already'}")


def withhold(
    ref: str = CASE,
    value: str = typer.Argument(..., help="A released value to withhold again."),
) -> None:
    """Withhold again a value released before."""
    with transaction() as session:
        done = publishing.withhold(
            session, case_ref(session, ref), value, actor=get_settings().actor
        )
    out.print(f"case {done.case_id}: {'withheld' if done.changed else 'was not released'}")


def held(as_json: bool = typer.Option(False, "--json")) -> None:
    """Published cases held back because a merge, split or new report changed who they
    are about; each waits for a reviewer to publish it again (or unpublish it)."""
    with reading() as session:
        rows: list[dict[str, Any]] = [
            {
                "case_id": p.case_id,
                "published_by": p.published_by,
                "held_at": p.held_at.isoformat() if p.held_at else None,
                "reason": p.held_reason,
            }
            for p in held_publications(session)
        ]
    for row in rows:
        if as_json:
            print_json_line(row)
        else:
            out.print(
                f"case {row['case_id']}  held {row['held_at']}: {escape(row['reason'] or '')}"
            )
    if not as_json:
        out.print(f"{len(rows)} held")


def register(app: typer.Typer) -> None:
    for fn in (publish, unpublish, release, withhold, held):
        app.command(fn.__name__)(fn)
