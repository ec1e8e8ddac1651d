"""Users, their sessions, login attempts and the audit trail.

Passwords are hashed with argon2 (argon2-cffi); session tokens are stored hashed, so a copy
of the database does not let anyone log in. Every change made through the web application
or ``vigil user`` is written to ``audit_log`` with who did it and when (rows never change).
Publications and releases are in ``vigil.store.publications``.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, get_args

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    delete,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from vigil import i18n
from vigil.errors import InputError, NotFound
from vigil.store.models import Base, utcnow

Role = Literal["viewer", "editor", "reviewer", "admin"]
ROLES: tuple[str, ...] = get_args(Role)
# Each role may do what the roles before it may: viewer reads, editor uploads, reviewer
# reviews claims and publishes, admin manages users.
RANK = {role: i for i, role in enumerate(ROLES)}

SESSION_DAYS = 14
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$")
_hasher = PasswordHasher()
# Verifying against this when a name is unknown keeps the answer time the same.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The language of their pages (a code of vigil.i18n.languages()); None: the browser's.
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)


class WebSession(Base):
    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginAttempt(Base):
    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(128))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


@dataclass(frozen=True, slots=True)
class Account:
    """A user as the application sees one (never the password hash)."""

    id: int
    name: str
    role: str
    language: str | None = None

    def may(self, role: str) -> bool:
        return RANK[self.role] >= RANK[role]


def _account(user: User) -> Account:
    return Account(user.id, user.name, user.role, user.language)


def audit(session: Session, actor: str, action: str, subject: str, **detail: Any) -> None:
    """Record a change. ``detail`` holds ids and short labels, never report text."""
    session.add(AuditEntry(actor=actor, action=action, subject=subject[:128], detail=detail))


def audit_trail(session: Session, *, limit: int = 100) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))


# --- users ------------------------------------------------------------------------------


def add_user(
    session: Session,
    name: str,
    role: str,
    password: str,
    *,
    actor: str,
    language: str | None = None,
) -> Account:
    language = _language(language)
    if not _NAME.match(name):
        raise InputError("a user name is 2-64 letters, digits, '.', '_', '@' or '-'", subject=name)
    if role not in ROLES:
        raise InputError(f"role must be one of {', '.join(ROLES)}", subject=role)
    if len(password) < 10:
        raise InputError("the password must have at least 10 characters", subject=name)
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise InputError("a user with that name exists", subject=name)
    user = User(
        name=name,
        role=role,
        password_hash=_hasher.hash(password),
        active=True,
        language=language,
    )
    try:
        with session.begin_nested():  # a parallel add of the same name: a conflict, not a crash
            session.add(user)
    except IntegrityError as exc:
        raise InputError("a user with that name exists", subject=name) from exc
    audit(session, actor, "user.add", f"user:{user.id}", role=role)
    return _account(user)


def list_users(session: Session) -> list[tuple[Account, datetime, bool]]:
    users = session.scalars(select(User).order_by(User.name))
    return [(_account(u), u.created_at, u.active) for u in users]


def set_active(session: Session, name: str, active: bool, *, actor: str) -> int:
    """Let a user log in again, or stop them: deactivating ends every session of theirs at
    once (``session_account`` refuses inactive users too). Returns the sessions ended;
    asking twice is harmless."""
    user = session.scalars(select(User).where(User.name == name).with_for_update()).first()
    if user is None:
        raise NotFound("no such user", subject=name)
    ended = 0
    if not active:
        result = session.execute(delete(WebSession).where(WebSession.user_id == user.id))
        ended = int(result.rowcount)  # type: ignore[attr-defined]
    if user.active != active or ended:
        user.active = active
        action = "user.activate" if active else "user.deactivate"
        audit(session, actor, action, f"user:{user.id}", sessions_ended=ended)
    return ended


def _language(code: str | None) -> str | None:
    if code is None or code == "":
        return None
    found = i18n.known(code)
    if found is None:
        raise InputError(
            f"language must be one of {', '.join(i18n.languages())} (or empty for the browser's)",
            subject=code,
        )
    return found


def set_language(session: Session, name: str, language: str | None, *, actor: str) -> str | None:
    """The language of a user's pages; None or "" leaves it to their browser."""
    code = _language(language)
    user = session.scalars(select(User).where(User.name == name)).first()
    if user is None:
        raise NotFound("no such user", subject=name)
    if user.language != code:
        user.language = code
        audit(session, actor, "user.language", f"user:{user.id}", language=code or "")
    return code


def authenticate(session: Session, name: str, password: str) -> Account | None:
    user = session.scalars(select(User).where(User.name == name)).first()
    try:
        if user is None or not user.active:
            _hasher.verify(_DUMMY_HASH, password)
            return None
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return _account(user)


# --- login attempts (throttling: ``store.throttle``) -----------------------------------------


def record_login(session: Session, name: str, address: str, ok: bool) -> None:
    session.add(LoginAttempt(name=name[:64], address=address[:64], ok=ok))


# --- sessions -----------------------------------------------------------------------------


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def open_session(session: Session, account: Account) -> str:
    """A new random session token for ``account`` (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    session.add(
        WebSession(
            token_hash=_hash_token(token),
            user_id=account.id,
            expires_at=utcnow() + timedelta(days=SESSION_DAYS),
        )
    )
    return token


def session_account(session: Session, token: str) -> Account | None:
    row = session.execute(
        select(User, WebSession.expires_at)
        .join(WebSession, WebSession.user_id == User.id)
        .where(WebSession.token_hash == _hash_token(token))
    ).first()
    if row is None:
        return None
    user, expires = row
    if expires.tzinfo is None:  # SQLite returns naive datetimes
        expires = expires.replace(tzinfo=utcnow().tzinfo)
    if expires < utcnow() or not user.active:
        return None
    return _account(user)


def close_session(session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == _hash_token(token)))
