"""Users (admins): who may log in, and a switch to stop or restore a user's access.

Deactivating ends that user's sessions at once (``store.accounts.set_active``), as
``vigil user deactivate`` does; both are audited under the admin's name.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vigil.store.accounts import Account, list_users, set_active
from vigil.web.auth import check_csrf, require
from vigil.web.deps import database
from vigil.web.render import page

router = APIRouter()
admin = require("admin")


@router.get("/users", response_class=HTMLResponse, include_in_schema=False)
def users_page(request: Request, me: Account = Depends(admin)) -> Response:
    with database(request).read() as session:
        users = [
            {"name": a.name, "role": a.role, "created": f"{c:%Y-%m-%d}", "active": active}
            for a, c, active in list_users(session)
        ]
    return page(request, "users.html", {"users": users, "me": me.name})


@router.post("/users/active", include_in_schema=False)
def users_active(
    request: Request,
    name: str = Form(..., max_length=64),
    active: str = Form(...),
    csrf: str = Form(""),
    me: Account = Depends(admin),
) -> Response:
    check_csrf(request, csrf)
    with database(request).transaction() as session:
        set_active(session, name, active == "1", actor=me.name)
    return RedirectResponse("/users", status_code=303)
