"""Login, sessions, roles, CSRF and the rate limit, through a real HTTP client."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from tests.web.conftest import PASSWORD, Site, csrf_of, login, make_app, serve
from tests.web.fixtures import fake_cases
from vigil.store.accounts import AuditEntry, add_user
from vigil.store.db import Database


def test_login_sets_a_safe_cookie_and_logout_ends_the_session(site: Site) -> None:
    client = site.client()
    answer = login(client, "vic", PASSWORD)
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    assert client.get("/reports").status_code == 200
    home = client.get("/")
    client.post("/logout", data={"csrf": csrf_of(home.text)})
    assert client.get("/reports").status_code == 303  # back to the login page


def test_cookie_is_secure_behind_https(db: Database, tmp_path: Path) -> None:
    with db.transaction() as session:
        add_user(session, "vic", "viewer", PASSWORD, actor="setup")
    for url in serve(make_app(db, tmp_path, fake_cases(), https=True)):
        import httpx

        with httpx.Client(base_url=url) as client:
            answer = login(client, "vic", PASSWORD)
            assert "secure" in answer.headers["set-cookie"].lower()
            assert "strict-transport-security" in answer.headers


def test_wrong_password_is_refused_and_the_sixth_try_is_blocked(site: Site) -> None:
    client = site.client()
    for _ in range(5):
        assert login(client, "vic", "wrong password!").status_code == 401
    blocked = login(client, "vic", PASSWORD)  # even the right password, for a while
    assert blocked.status_code == 429
    assert "Too many failed attempts" in blocked.text


def test_forms_without_csrf_token_are_refused(site: Site) -> None:
    client = site.login("rex")
    answer = client.post("/cases/1/publish", data={"action": "unpublish"})
    assert answer.status_code == 403
    assert client.post("/login", data={"name": "vic", "password": PASSWORD}).status_code == 403


def test_roles(site: Site) -> None:
    viewer = site.login("vic")
    assert viewer.get("/review").status_code == 403
    assert viewer.get("/upload").status_code == 403
    editor = site.login("eve")
    assert editor.get("/upload").status_code == 200
    assert editor.get("/review").status_code == 403
    assert site.login("rex").get("/review").status_code == 200


def test_anonymous_users_are_sent_to_login_and_the_api_answers_401(site: Site) -> None:
    client = site.client()
    answer = client.get("/review")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert client.get("/api/claims").status_code == 401
    assert client.get("/api/reports/1").status_code == 401


def test_login_does_not_redirect_off_site(site: Site) -> None:
    client = site.client()
    form = client.get("/login")
    answer = client.post(
        "/login",
        data={"name": "vic", "password": PASSWORD, "csrf": csrf_of(form.text),
              "next": "//evil.example/"},
    )  # fmt: skip
    assert answer.headers["location"] == "/"


def test_changes_are_attributed_in_the_audit_trail(site: Site) -> None:
    client = site.login("rex")
    page = client.get("/cases/1")
    client.post("/cases/1/publish", data={"csrf": csrf_of(page.text), "action": "unpublish"})
    with site.db.read() as session:
        rows = session.execute(select(AuditEntry.actor, AuditEntry.action)).all()
    assert ("rex", "login") in rows
    assert ("rex", "case.unpublish") in rows


def test_admins_read_the_audit_trail_others_may_not(site: Site) -> None:
    assert site.login("rex").get("/audit").status_code == 403
    admin = site.login("ada")
    entries = admin.get("/api/audit").json()["entries"]
    assert {"actor": "ada", "action": "login"} in [
        {"actor": e["actor"], "action": e["action"]} for e in entries
    ]
    assert "user.add" in admin.get("/audit").text


def test_adding_one_name_twice_in_parallel_is_a_clear_refusal(db: Database) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from vigil.errors import InputError

    def one(_: int) -> str:
        try:
            with db.transaction() as session:
                add_user(session, "twin", "viewer", PASSWORD, actor="setup")
        except InputError as exc:
            return exc.message
        return "added"

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(one, range(6)))
    assert sorted(outcomes) == ["a user with that name exists"] * 5 + ["added"]


def test_deactivating_a_user_ends_their_sessions_at_once(
    site: Site, vigil_env: dict[str, str]
) -> None:
    from tests.helpers import vigil

    client = site.login("vic")
    assert client.get("/reports").status_code == 200
    done = vigil("user", "deactivate", "vic", env=vigil_env, check=True)
    assert b"1 sessions ended" in done.stdout
    assert client.get("/reports").status_code == 303  # logged out, on the next page
    assert login(site.client(), "vic", PASSWORD).status_code == 401
    vigil("user", "deactivate", "vic", env=vigil_env, check=True)  # twice is harmless
    missing = vigil("user", "deactivate", "nobody", env=vigil_env)
    assert missing.returncode != 0 and b"no such user" in missing.stderr
    vigil("user", "activate", "vic", env=vigil_env, check=True)
    assert site.login("vic").get("/reports").status_code == 200
    with site.db.read() as session:
        actions = session.scalars(select(AuditEntry.action)).all()
    assert actions.count("user.deactivate") == 1 and actions.count("user.activate") == 1


def test_admins_deactivate_users_on_the_web(site: Site) -> None:
    viewer = site.login("vic")
    assert viewer.get("/users").status_code == 403
    admin = site.login("ada")
    listing = admin.get("/users")
    assert listing.status_code == 200 and "Deactivate" in listing.text
    csrf = csrf_of(listing.text)
    forged = admin.post("/users/active", data={"name": "vic", "active": "0", "csrf": "0" * 64})
    assert forged.status_code == 403
    done = admin.post("/users/active", data={"name": "vic", "active": "0", "csrf": csrf})
    assert done.status_code == 303
    assert viewer.get("/reports").status_code == 303  # vic's session ended at once
    assert "Activate" in admin.get("/users").text
