"""``vigil user add`` / ``vigil user list`` and ``vigil serve --help``, run as a user would."""

from __future__ import annotations

import json

from tests.helpers import vigil


def test_user_add_from_environment_and_stdin_then_list(vigil_env: dict[str, str]) -> None:
    env = {**vigil_env, "VIGIL_PASSWORD": "a long enough password"}
    vigil("user", "add", "ada", "--role", "admin", env=env, check=True)
    added = vigil(
        "user", "add", "rex", "--role", "reviewer", "--password-stdin",
        env=vigil_env, stdin=b"another long password\n", check=True,
    )  # fmt: skip
    assert b"added rex (reviewer)" in added.stdout
    listed = vigil("user", "list", "--json", env=vigil_env, check=True)
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["name"], r["role"]) for r in rows] == [("ada", "admin"), ("rex", "reviewer")]
    assert b"password" not in listed.stdout.lower()


def test_user_language_on_add_and_set_language(vigil_env: dict[str, str]) -> None:
    env = {**vigil_env, "VIGIL_PASSWORD": "a long enough password"}
    vigil("user", "add", "olga", "--role", "viewer", "--language", "ru", env=env, check=True)
    changed = vigil("user", "set-language", "olga", "--language", "en", env=env, check=True)
    assert b"olga: pages in en" in changed.stdout
    unknown = vigil("user", "set-language", "olga", "--language", "xx", env=env)
    assert unknown.returncode != 0 and b"language must be one of en, ru" in unknown.stderr
    reset = vigil("user", "set-language", "olga", "--language", "", env=env, check=True)
    assert b"browser" in reset.stdout


def test_user_add_refuses_bad_roles_short_passwords_and_duplicates(
    vigil_env: dict[str, str],
) -> None:
    env = {**vigil_env, "VIGIL_PASSWORD": "a long enough password"}
    bad_role = vigil("user", "add", "bob", "--role", "king", env=env)
    assert bad_role.returncode == 1 and b"role must be one of" in bad_role.stderr
    short = vigil("user", "add", "bob", "--role", "viewer", env={**env, "VIGIL_PASSWORD": "x"})
    assert short.returncode == 1 and b"at least 10 characters" in short.stderr
    vigil("user", "add", "bob", "--role", "viewer", env=env, check=True)
    again = vigil("user", "add", "bob", "--role", "viewer", env=env)
    assert again.returncode == 1 and b"exists" in again.stderr


def test_no_password_without_a_terminal_is_a_clear_error(vigil_env: dict[str, str]) -> None:
    env = {k: v for k, v in vigil_env.items() if k != "VIGIL_PASSWORD"}
    answer = vigil("user", "add", "bob", "--role", "viewer", env=env, stdin=b"")
    assert answer.returncode == 1 and b"no password" in answer.stderr


def test_serve_is_documented_in_its_help(vigil_env: dict[str, str]) -> None:
    answer = vigil("serve", "--help", env=vigil_env, check=True)
    assert b"--port" in answer.stdout and b"--host" in answer.stdout
