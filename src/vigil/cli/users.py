"""``vigil user add``, ``list``, ``activate``, ``deactivate`` and ``set-language``: who may
log in, as what, and in which language their pages are."""

from __future__ import annotations

import sys

import typer
from rich.table import Table

from vigil import i18n
from vigil.cli.common import out, print_json_line, reading, transaction
from vigil.errors import InputError
from vigil.settings import get_settings
from vigil.store.accounts import ROLES, add_user, list_users, set_active, set_language

user_app = typer.Typer(help="Manage who may log in to the web application.", no_args_is_help=True)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    env = get_settings().values.get("VIGIL_PASSWORD")
    if env:
        return env
    if not sys.stdin.isatty():
        raise InputError(
            "no password: give it on a terminal, in VIGIL_PASSWORD or with --password-stdin"
        )
    first = typer.prompt("Password", hide_input=True)
    again = typer.prompt("Again", hide_input=True)
    if first != again:
        raise InputError("the two passwords differ")
    return str(first)


@user_app.command("add")
def add(
    name: str = typer.Argument(..., help="Login name."),
    role: str = typer.Option(..., "--role", help=f"One of: {', '.join(ROLES)}."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from the first line of stdin."
    ),
    language: str = typer.Option(
        "",
        "--language",
        help=f"Language of their pages ({', '.join(i18n.languages())}); default: their browser's.",
    ),
) -> None:
    """Create a user (password from a prompt, VIGIL_PASSWORD or --password-stdin)."""
    password = _password(password_stdin)
    with transaction() as session:
        account = add_user(
            session, name, role, password, actor=get_settings().actor, language=language
        )
    out.print(f"added {account.name} ({account.role})")


@user_app.command("list")
def list_(
    as_json: bool = typer.Option(False, "--json", help="One JSON object per user."),
) -> None:
    """List users and their roles (never passwords)."""
    with reading() as session:
        users = list_users(session)
    if as_json:
        for account, created, active in users:
            print_json_line(
                {
                    "name": account.name,
                    "role": account.role,
                    "active": active,
                    "created_at": created.isoformat(),
                }
            )
        return
    table = Table("name", "role", "active", "created", show_edge=False)
    for account, created, active in users:
        table.add_row(account.name, account.role, "yes" if active else "no", f"{created:%Y-%m-%d}")
    out.print(table)


def _set_active(name: str, active: bool) -> None:
    with transaction() as session:
        ended = set_active(session, name, active, actor=get_settings().actor)
    if active:
        out.print(f"{name} may log in")
    else:
        out.print(f"{name} may no longer log in ({ended} sessions ended)")


@user_app.command("deactivate")
def deactivate(name: str = typer.Argument(..., help="Login name.")) -> None:
    """Stop a user logging in and end their sessions at once (nothing is deleted)."""
    _set_active(name, False)


@user_app.command("activate")
def activate(name: str = typer.Argument(..., help="Login name.")) -> None:
    """Let a deactivated user log in again."""
    _set_active(name, True)


@user_app.command("set-language")
def set_language_(
    name: str = typer.Argument(..., help="Login name."),
    language: str = typer.Option(
        ..., "--language", help=f"One of {', '.join(i18n.languages())}, or '' for the browser's."
    ),
) -> None:
    """Choose the language of a user's pages (they can change it on /account too)."""
    with transaction() as session:
        code = set_language(session, name, language, actor=get_settings().actor)
    out.print(f"{name}: pages in {code}" if code else f"{name}: pages in the browser's language")


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
